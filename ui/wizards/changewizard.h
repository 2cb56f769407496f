// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/tuningreading.h"
#include "tuning/plan.h"
#include "wizards/helperjob.h"

#include <QDateTime>
#include <QWizard>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Sockpit {

// Changes one tunable in three steps: choose the value (validated with the catalogue's
// validator as it is typed), review the plan, then apply it through sockpit-helper on a
// worker thread, verify by reading it back, and offer to roll that transaction back.
class ChangeWizard final : public QWizard
{
    Q_OBJECT
public:
    enum PageId { ValuePageId, ReviewPageId, ResultPageId };

    // READING is what the Tuning page read last; the plan's old values come from it.
    ChangeWizard(const Tunable &tunable, const TuningReading &reading, const TuningEnvironment &environment,
                 QWidget *parent = nullptr);

    const Tunable &tunable() const { return m_tunable; }
    // Validates VALUE as typed: it may be applied, or the error says why not in words.
    Result<void> validate(const QString &value) const;
    // The plan for what the value page holds now; an error while that is not valid.
    Result<Plan> plan() const;
    bool persist() const;
    // What the review page tells about persistence.
    QString persistenceText() const;

    // Fills the value page with VALUE and says where it comes from (a finding's title); the
    // value is validated as if typed, and nothing is applied before the user goes through.
    void propose(const QString &value, const QString &origin);

    QLineEdit *valueEdit() const { return m_valueEdit; }
    QLabel *originLabel() const { return m_originLabel; }
    QLabel *errorLabel() const { return m_errorLabel; }
    QCheckBox *persistBox() const { return m_persistBox; }
    QLabel *planLabel() const { return m_planLabel; }
    QLabel *persistLabel() const { return m_persistLabel; }
    QLabel *limitsLabel() const { return m_limitsLabel; }
    QPlainTextEdit *filePreview() const { return m_filePreview; }
    QLabel *statusLabel() const { return m_statusLabel; }
    QLabel *verificationLabel() const { return m_verificationLabel; }
    QPushButton *rollBackButton() const { return m_rollBackButton; }
    bool isBusy() const { return m_job->isRunning(); }
    // The transaction the helper recorded for this change; 0 before it applied.
    qint64 transaction() const { return m_transaction; }

    // Apply stays off, for REASON (shown on the review page): the values are another
    // host's, from a capture. The plan can still be exported.
    void setApplyBlocked(const QString &reason);
    QString applyBlockedReason() const { return m_applyBlocked; }
    // The review page's "Export Plan…": the plan as Ansible, TuneD or sysctl.d.
    QPushButton *exportButton() const { return m_exportButton; }

    // The review page's Apply, and the result page's Roll back, without the buttons.
    void apply();
    void rollBack();

    // Closing is refused while the helper runs: its outcome and the Roll Back that goes
    // with it must not be lost.
    void reject() override;

Q_SIGNALS:
    // The change holds: when (UTC) and a short label for chart markers and the history.
    void changeApplied(const QDateTime &when, const QString &label);
    // The change was rolled back (or an apply or undo otherwise touched the journal).
    void journalChanged();

private:
    class ValuePage;
    class ReviewPage;
    class ResultPage;
    friend class ValuePage;
    friend class ReviewPage;
    friend class ResultPage;

    void onValueEdited();
    void fillReview();
    void onApplied(const HelperOutcome &outcome);
    void onRolledBack(const HelperOutcome &outcome);

    const Tunable &m_tunable;
    TuningReading m_reading;
    QString m_current;
    HelperJob *m_job = nullptr;
    enum class Stage { Idle, Applying, Applied, Failed, RollingBack, RolledBack } m_stage = Stage::Idle;
    qint64 m_transaction = 0;

    ValuePage *m_valuePage = nullptr;
    ReviewPage *m_reviewPage = nullptr;
    ResultPage *m_resultPage = nullptr;
    QLineEdit *m_valueEdit = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_originLabel = nullptr;
    QCheckBox *m_persistBox = nullptr;
    QLabel *m_planLabel = nullptr;
    QLabel *m_persistLabel = nullptr;
    QLabel *m_limitsLabel = nullptr;
    QPlainTextEdit *m_filePreview = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_verificationLabel = nullptr;
    QPushButton *m_rollBackButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QString m_applyBlocked;
};

} // namespace Sockpit
