// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "models/tuningreading.h"
#include "pages/page.h"

class QLabel;
class QPushButton;
class QTableView;

namespace Sockpit {

class HelperJob;
class HistoryModel;
struct HelperOutcome;

// The helper's journal of tuning transactions, newest first, with Undo for one that is
// still in force. The journal is root-only, so it is read through the helper (polkit may
// ask for a password); a journal that cannot be read says so instead of looking empty.
class HistoryPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"history";

    explicit HistoryPage(TuningEnvironment environment, QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showSnapshot(const Snapshot &) override {}
    SampleNeed sampleNeed() const override;

    // Reads the journal through the helper, asynchronously; historyRead() follows.
    void refresh();
    // Whether the journal has been read in this session.
    bool hasRead() const { return m_hasRead; }
    bool isBusy() const;
    // Undo of the selected transaction, after the user confirms.
    void requestUndo();
    // Undo of transaction ID through the helper, without asking; undoFinished() follows.
    void undo(qint64 id);

    HistoryModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLabel *stateLabel() const { return m_state; }
    QPushButton *undoButton() const { return m_undoButton; }
    // "Before/After Report…" for a transaction a tuning wizard applied.
    QPushButton *reportButton() const { return m_reportButton; }
    // Where the wizards' records are read (WizardRecordStore); tests point it elsewhere.
    void setWizardRecordDirectory(const QString &directory);
    // Writes the before/after report of transaction ID into DIRECTORY, or says why it could not.
    Result<void> writeWizardReport(qint64 id, const QString &directory);

Q_SIGNALS:
    void historyRead(bool ok);
    void undoFinished(bool ok);
    // The helper wrote to its journal.
    void journalChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onFinished(const HelperOutcome &outcome);
    void updateUndoButton();

    HistoryModel *m_model = nullptr;
    HelperJob *m_job = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_state = nullptr;
    QPushButton *m_readButton = nullptr;
    QPushButton *m_undoButton = nullptr;
    QPushButton *m_reportButton = nullptr;
    QString m_wizardRecords;
    void loadWizardTitles();
    enum class Running { Nothing, History, Undo } m_running = Running::Nothing;
    bool m_hasRead = false;
    bool m_readAfterJob = false;
    QString m_notice; // the outcome of the last undo, shown above the list read after it
};

} // namespace Sockpit
