// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/symptomdiagnosis.h"
#include "models/tuningreading.h"
#include "pages/page.h"
#include "sampling/snapshot.h"

#include <QPointer>
#include <QThread>

#include <optional>

class QLabel;
class QPushButton;
class QTreeView;

namespace Sockpit {

class ChangeWizard;
class SymptomButton;
class TuningModel;

// The catalogue of tunables grouped by what they shape, each with its live value,
// default, allowed values, explanation and risks, and next to it what the latest snapshot
// says about this machine. "Change…" opens the wizard that applies a change through the
// privileged helper. The values are read on a worker thread.
class TuningPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"tuning";

    explicit TuningPage(TuningEnvironment environment, QWidget *parent = nullptr);
    ~TuningPage() override;

    QString title() const override;
    QIcon icon() const override;
    void showSnapshot(const Snapshot &snapshot) override;
    SampleNeed sampleNeed() const override;

    // Reads every value again (asynchronously); readingFinished() says when it is in.
    void refresh();
    bool isReading() const { return m_reading; }
    // Selects KEY in the list and shows its details.
    bool select(QStringView key);
    // Opens the change wizard for the selected tunable (non-modal); nullptr when none is
    // selected or the kernel offers no writable value for it.
    ChangeWizard *openWizard();
    // Opens the wizard for KEY with VALUE filled in, as a finding proposed it (ORIGIN, its
    // title); the wizard validates it and nothing applies without the user. While the
    // values are being read, the wizard opens once they are in and this returns nullptr;
    // it also returns nullptr when KEY cannot be changed here (the page says why).
    ChangeWizard *proposeChange(const QString &key, const QString &value, const QString &origin);

    // A capture is open: the values are read from ENVIRONMENT (the bundle's sys/ tree),
    // the page says whose they are (DESCRIPTION), and the wizard's Apply is off for REASON
    // (its plans are exported instead). showLive() reads this machine again.
    void showCapture(const TuningEnvironment &environment, const QString &description, const QString &reason);
    void showLive();
    QString applyBlockedReason() const { return m_applyBlocked; }

    TuningModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLabel *detailsLabel() const { return m_details; }
    QLabel *evidenceLabel() const { return m_evidence; }
    // Says that changes cannot be applied because the helper is missing; hidden otherwise.
    QLabel *helperNotice() const { return m_helperNotice; }
    QPushButton *changeButton() const { return m_changeButton; }
    // "Fix a Problem…": the tuning wizards, one per symptom.
    SymptomButton *symptomButton() const { return m_symptomButton; }

Q_SIGNALS:
    void readingFinished();
    // A change holds: when (UTC), the same moment on the snapshots' monotonic clock (the
    // charts' x axis; -1 before the first snapshot), and a short label.
    void changeApplied(const QDateTime &when, qint64 monotonicMs, const QString &label);
    // The helper wrote to its journal (an apply or a roll back).
    void journalChanged();
    void wizardRequested(Sockpit::Symptom symptom);

private:
    void showDetails();
    void onChangeApplied(const QDateTime &when, const QString &label);

    TuningEnvironment m_environment;
    TuningEnvironment m_liveEnvironment;
    QString m_captureDescription;
    QString m_applyBlocked;
    bool m_readAgain = false; // the source changed while a reading ran: that one is stale
    TuningModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_readStatus = nullptr;
    QLabel *m_helperNotice = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_evidence = nullptr;
    QPushButton *m_changeButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    SymptomButton *m_symptomButton = nullptr;
    Snapshot m_latest;
    struct Proposal
    {
        QString key;
        QString value;
        QString origin;
    };
    std::optional<Proposal> m_pendingProposal;
    bool m_reading = false;
    QPointer<QThread> m_readThread;
};

} // namespace Sockpit
