// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/symptomdiagnosis.h"
#include "base/result.h"
#include "capture/observation.h"
#include "models/tuningreading.h"
#include "probes/probetarget.h"
#include "sampling/snapshot.h"
#include "tuning/plan.h"
#include "wizards/helperjob.h"
#include "wizards/wizardreport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QPointF>
#include <QWizard>

#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace Sockpit {

class CheckpointJob;
class TimeChart;

// From a symptom to a proven fix in five steps:
//  1. Measure: the live figures that bear on the symptom (core/analysis diagnose()), with
//     their thresholds and a verdict; when the symptom is elsewhere it says so and stops.
//  2. Plan: the changes the analysis rules propose, each value editable and validated as
//     typed with the catalogue, with the caveats and what no sysctl can fix.
//  3. Review: old -> new, the sysctl.d file as it would be written, persistence.
//  4. Apply: the whole plan as one helper transaction in checkpoint mode, with a countdown;
//     Keep confirms (and only then persists), Revert, the deadline, closing the wizard or
//     the death of the app all make the helper restore every value.
//  5. Verify: the tracked figure from the window's snapshots (showSnapshot()), before and
//     after, on one chart with the change's marker, for a chosen time.
class SymptomWizard final : public QWizard
{
    Q_OBJECT
public:
    enum PageId { MeasurePageId, PlanPageId, ReviewPageId, ApplyPageId, VerifyPageId };
    enum class ApplyState { Idle, Applying, Pending, Kept, Reverted, Failed };

    // Observations for the Measure step; called on a worker thread, blocking.
    using Source = std::function<Result<Observation>()>;
    // The live machine, two takes INTERVAL_MS apart, as 'sockpit-cli recommend' sees it.
    static Source liveSource(int intervalMs = 3000);

    SymptomWizard(Symptom symptom, TuningEnvironment environment, QWidget *parent = nullptr);
    ~SymptomWizard() override;

    Symptom symptom() const { return m_symptom; }
    // Before measure() (the first one runs when the wizard is shown).
    void setSource(Source source) { m_source = std::move(source); }
    // The checkpoint's window (the helper's confirm_within), 60 s unless set.
    void setCountdownSeconds(int seconds) { m_countdownSeconds = seconds; }
    int countdownSeconds() const { return m_countdownSeconds; }
    // Where the record of a kept change goes (WizardRecordStore); the user's data
    // directory unless set.
    void setRecordDirectory(const QString &directory) { m_recordDirectory = directory; }
    // How long Verify watches; the page's box in minutes sets it too.
    void setVerifySeconds(int seconds);
    int verifySeconds() const { return m_verifySeconds; }

    // What the user gave the Measure step (the path, an idle timeout); measure() uses it.
    // The Measure page's input rows (inputForm()) set it as they are edited.
    void setInputs(const SymptomInputs &inputs) { m_inputs = inputs; }
    const SymptomInputs &inputs() const { return m_inputs; }
    // A typed idle timeout: whole or decimal seconds or minutes ("350", "350 s", "5 min",
    // "5.5m"), from MinIdleTimeoutSeconds to MaxIdleTimeoutSeconds; empty gives none.
    static Result<std::optional<int>> parseIdleTimeout(const QString &text);

    // Measures (again), on a worker thread; measured() says when it is in.
    void measure();
    bool isMeasuring() const { return m_measuring; }
    const std::optional<SymptomDiagnosis> &diagnosis() const { return m_diagnosis; }
    QString measureError() const { return m_measureError; }

    // The plan as the Plan page holds it now, or why it cannot be applied.
    Result<Plan> plan() const;
    // Sets KEY's value on the Plan page as if typed; false when KEY is not in the plan.
    bool setPlannedValue(const QString &key, const QString &value);
    // The error shown under KEY's value, empty when it is valid.
    QString plannedValueError(const QString &key) const;
    bool persist() const;

    // The Review page's Apply, Keep and Revert, without the buttons.
    void apply();
    void keep();
    void revert();
    ApplyState applyState() const { return m_applyState; }
    // Seconds left on the countdown while pending.
    int secondsLeft() const;
    qint64 transaction() const { return m_transaction; }
    bool persisted() const { return m_persisted; }

    // Verify: the tracked figure's points (UTC ms since the epoch, value), oldest first;
    // the moment the change was kept; whether the watch is still on.
    const QList<QPointF> &trackedPoints() const { return m_points; }
    QDateTime keptAt() const { return m_keptAt; }
    bool isWatching() const;
    // The tracked figure at Measure, and the latest one after the change.
    std::optional<double> beforeValue() const;
    std::optional<double> afterValue() const;

    // Everything the before/after report says, as of now.
    WizardReport::Record record() const;
    // Writes the report into DIRECTORY; why it failed, or an empty string.
    Result<void> writeReport(const QString &directory);

    // The Measure page's box of inputs; hidden for symptoms that need none.
    QGroupBox *inputBox() const { return m_inputBox; }
    // The idle-timeout row (IdleConnectionsDie only; nullptr otherwise) and its error.
    QLineEdit *idleTimeoutEdit() const { return m_idleTimeoutEdit; }
    QLabel *idleTimeoutError() const { return m_idleTimeoutError; }
    QTableWidget *figureTable() const { return m_figureTable; }
    QLabel *verdictLabel() const { return m_verdictLabel; }
    QTableWidget *planTable() const { return m_planTable; }
    QLabel *caveatsLabel() const { return m_caveatsLabel; }
    QLabel *cannotFixLabel() const { return m_cannotFixLabel; }
    QLabel *reviewLabel() const { return m_reviewLabel; }
    QPlainTextEdit *filePreview() const { return m_filePreview; }
    QCheckBox *persistBox() const { return m_persistBox; }
    QLabel *applyStatusLabel() const { return m_applyStatus; }
    QLabel *countdownLabel() const { return m_countdownLabel; }
    QPushButton *keepButton() const { return m_keepButton; }
    QPushButton *revertButton() const { return m_revertButton; }
    TimeChart *chart() const { return m_chart; }
    QLabel *effectLabel() const { return m_effectLabel; }
    QSpinBox *verifyMinutesBox() const { return m_verifyMinutes; }
    QPushButton *reportButton() const { return m_reportButton; }

    // Closing reverts a change that waits for Keep (the helper restores it).
    void reject() override;

public Q_SLOTS:
    // Every snapshot the window samples; Verify's figures come from them.
    void showSnapshot(const Sockpit::Snapshot &snapshot);

Q_SIGNALS:
    void measured();
    void applyStateChanged(Sockpit::SymptomWizard::ApplyState state);
    // The plan was kept: when (UTC), on the window snapshots' monotonic clock (-1 before
    // the first snapshot), and a short label for chart markers.
    void changeApplied(const QDateTime &when, qint64 monotonicMs, const QString &label);
    void journalChanged();
    // Verify took another point, or its watch ended.
    void verifyUpdated();

private:
    class MeasurePage;
    class PlanPage;
    class ReviewPage;
    class ApplyPage;
    class VerifyPage;
    friend class MeasurePage;
    friend class PlanPage;
    friend class ReviewPage;
    friend class ApplyPage;
    friend class VerifyPage;

    struct Measured
    {
        std::optional<SymptomDiagnosis> diagnosis;
        TuningReading reading;
        QDateTime takenAt;
        QString hostName;
        QString kernelRelease;
        QString error;
    };
    void onMeasured(const Measured &result);
    // Adds the rows of m_inputForm this symptom needs; false when it needs none.
    bool addInputRows();
    // SlowTransfers: the bandwidth, a host to probe or an RTT. Reads them into INPUTS
    // (and the target to probe, if any); a message naming the bad field otherwise.
    void addSlowTransferRows();
    Result<void> readSlowTransferInputs(SymptomInputs &inputs, std::optional<ProbeTarget> &probe) const;
    // Verify for figures no snapshot holds (bufferNeedRatio): read off the GUI thread.
    void readTrackedSysctls(const QDateTime &takenAt);
    void addTrackedPoint(const QDateTime &takenAt, double value);
    void addIdleTimeoutRow();
    void onIdleTimeoutEdited();
    void fillPlan();
    void validatePlanRow(const QString &key);
    void fillReview();
    void onPending();
    void onCountdown();
    void onApplyFinished(const HelperOutcome &outcome);
    void setApplyState(ApplyState state);
    void updateVerify();

    Symptom m_symptom;
    TuningEnvironment m_environment;
    Source m_source;
    SymptomInputs m_inputs;
    int m_countdownSeconds = 60;
    int m_verifySeconds = 300;
    bool m_measuring = false;
    int m_measureGeneration = 0;
    std::optional<SymptomDiagnosis> m_diagnosis;
    TuningReading m_reading;
    QString m_measureError;
    QDateTime m_measuredAt;
    QString m_hostName;
    QString m_kernelRelease;
    std::vector<WizardReport::Change> m_applied;
    QDateTime m_appliedAt;

    CheckpointJob *m_job = nullptr;
    ApplyState m_applyState = ApplyState::Idle;
    QElapsedTimer m_pendingSince;
    QTimer *m_countdown = nullptr;
    qint64 m_transaction = 0;
    bool m_persisted = false;
    bool m_revertRequested = false; // Revert was pressed: the restore is the user's, not the deadline's
    QString m_changeLabel;
    QString m_recordDirectory;
    bool m_watchEnded = false;
    bool m_savedAfter = false;
    QElapsedTimer m_sinceSave;
    void saveRecord();

    Snapshot m_latest;
    Snapshot m_previous;
    QList<QPointF> m_points;
    QDateTime m_keptAt;

    MeasurePage *m_measurePage = nullptr;
    PlanPage *m_planPage = nullptr;
    ReviewPage *m_reviewPage = nullptr;
    ApplyPage *m_applyPage = nullptr;
    VerifyPage *m_verifyPage = nullptr;
    QGroupBox *m_inputBox = nullptr;
    QFormLayout *m_inputForm = nullptr;
    QLineEdit *m_bandwidthEdit = nullptr;
    QLineEdit *m_targetEdit = nullptr;
    QLineEdit *m_rttEdit = nullptr;
    bool m_readingSysctls = false;
    QLineEdit *m_idleTimeoutEdit = nullptr;
    QLabel *m_idleTimeoutError = nullptr;
    QLabel *m_measureStatus = nullptr;
    QTableWidget *m_figureTable = nullptr;
    QLabel *m_verdictLabel = nullptr;
    QPushButton *m_measureAgain = nullptr;
    QTableWidget *m_planTable = nullptr;
    QHash<QString, QLineEdit *> m_planEdits;
    QHash<QString, QLabel *> m_planErrors;
    QLabel *m_caveatsLabel = nullptr;
    QLabel *m_cannotFixLabel = nullptr;
    QCheckBox *m_persistBox = nullptr;
    QLabel *m_reviewLabel = nullptr;
    QLabel *m_persistLabel = nullptr;
    QPlainTextEdit *m_filePreview = nullptr;
    QLabel *m_applyStatus = nullptr;
    QLabel *m_countdownLabel = nullptr;
    QPushButton *m_keepButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QLabel *m_verification = nullptr;
    TimeChart *m_chart = nullptr;
    QLabel *m_effectLabel = nullptr;
    QLabel *m_watchLabel = nullptr;
    QSpinBox *m_verifyMinutes = nullptr;
    QPushButton *m_reportButton = nullptr;
    QLabel *m_reportStatus = nullptr;
};

} // namespace Sockpit
