// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/historypage.h"

#include "models/historymodel.h"
#include "wizards/helperjob.h"
#include "wizards/symptomtext.h"
#include "wizards/wizardrecordstore.h"
#include "wizards/wizardreport.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <cerrno>
#include <unistd.h>

namespace Sockpit {

HistoryPage::HistoryPage(TuningEnvironment environment, QWidget *parent)
    : Page(Id.toString(), parent)
    , m_model(new HistoryModel(this))
    , m_job(new HelperJob(std::move(environment), this))
{
    connect(m_job, &HelperJob::finished, this, &HistoryPage::onFinished);

    auto *intro = new QLabel(tr("Every change Sockpit's helper applied or undid, newest first. The journal belongs "
                                "to root, so reading it runs the helper, and polkit may ask for an administrator's "
                                "password."),
                             this);
    intro->setWordWrap(true);
    m_state = new QLabel(tr("The journal has not been read yet."), this);
    m_state->setObjectName(QStringLiteral("state"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_readButton = new QPushButton(QIcon(QStringLiteral(":/sockpit/icons/refresh.svg")), tr("&Read History"), this);
    connect(m_readButton, &QPushButton::clicked, this, &HistoryPage::refresh);
    m_undoButton = new QPushButton(tr("&Undo…"), this);
    m_undoButton->setToolTip(tr("Restore the values from before the selected transaction"));
    m_undoButton->setEnabled(false);
    connect(m_undoButton, &QPushButton::clicked, this, &HistoryPage::requestUndo);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_state, 1);
    buttons->addWidget(m_readButton);
    buttons->addWidget(m_undoButton);
    m_wizardRecords = WizardRecordStore::defaultDirectory();
    m_reportButton = new QPushButton(tr("Before/After &Report…"), this);
    m_reportButton->setToolTip(tr("The report of the tuning wizard that applied the selected transaction"));
    m_reportButton->setEnabled(false);
    connect(m_reportButton, &QPushButton::clicked, this, [this] {
        const JournalEntry *entry = m_model->entry(m_view->currentIndex().row());
        if (!entry)
            return;
        const QString directory = QFileDialog::getExistingDirectory(this, tr("Export the Before/After Report"));
        if (directory.isEmpty())
            return;
        const QString folder = QDir(directory).filePath(QStringLiteral("sockpit-transaction-%1").arg(entry->id));
        const auto written = writeWizardReport(entry->id, folder);
        m_state->setText(written ? tr("Report written to %1").arg(folder) : written.error());
    });
    buttons->addWidget(m_reportButton);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("transactions"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(HistoryModel::ChangesColumn, QHeaderView::Stretch);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HistoryPage::updateUndoButton);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryPage::updateUndoButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
}

QString HistoryPage::title() const
{
    return tr("History");
}

QIcon HistoryPage::icon() const
{
    return QApplication::style()->standardIcon(QStyle::SP_FileDialogInfoView);
}

bool HistoryPage::isBusy() const
{
    return m_job->isRunning();
}

void HistoryPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    // As root the helper runs without asking anyone, so the page reads at once; otherwise
    // it waits for the button rather than raising a password prompt on its own.
    if (!m_hasRead && !isBusy() && ::geteuid() == 0)
        refresh();
}

void HistoryPage::refresh()
{
    if (isBusy()) {
        m_readAfterJob = true;
        return;
    }
    HelperRequest request;
    request.action = HelperAction::History;
    m_running = Running::History;
    m_readButton->setEnabled(false);
    m_undoButton->setEnabled(false);
    m_state->setText(tr("Reading the journal through the helper…"));
    m_job->start(request);
}

void HistoryPage::requestUndo()
{
    const int row = m_view->currentIndex().row();
    auto entry = m_model->undoable(row);
    if (!entry) {
        QMessageBox::information(this, tr("Undo"), tr("This transaction cannot be undone: %1").arg(entry.error()));
        return;
    }
    const QString changes = m_model->data(m_model->index(row, HistoryModel::ChangesColumn)).toString();
    const auto answer = QMessageBox::question(
        this, tr("Undo Transaction %1").arg(entry->id),
        tr("Restore the values from before transaction %1?\n\n%2\n\nThe helper sets each key back to its old value "
           "and restores the sysctl.d file as it was.")
            .arg(entry->id)
            .arg(changes),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        undo(entry->id);
}

void HistoryPage::undo(qint64 id)
{
    if (isBusy())
        return;
    HelperRequest request;
    request.action = HelperAction::Undo;
    request.transaction = id;
    QStringList keys;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const JournalEntry *entry = m_model->entry(row);
        if (entry->id != id)
            continue;
        for (const QJsonValue &change : entry->changes)
            keys << change.toObject().value(QLatin1String("key")).toString();
    }
    m_running = Running::Undo;
    m_readButton->setEnabled(false);
    m_undoButton->setEnabled(false);
    m_state->setText(tr("Undoing transaction %1 through the helper…").arg(id));
    m_job->start(request, keys);
}

void HistoryPage::onFinished(const HelperOutcome &outcome)
{
    const Running finished = m_running;
    m_running = Running::Nothing;
    m_readButton->setEnabled(true);
    if (finished == Running::History) {
        if (outcome.succeeded()) {
            m_hasRead = true;
            m_model->setEntries(HistoryModel::parse(outcome.reply->result), outcome.userNames);
            loadWizardTitles();
            const QString listed = m_model->rowCount() == 0
                ? tr("No tuning changes have been recorded yet.")
                : tr("%n transaction(s), newest first.", nullptr, m_model->rowCount());
            m_state->setText(m_notice.isEmpty() ? listed : m_notice + QLatin1Char(' ') + listed);
        } else {
            // Not an empty history: the list is cleared so nothing stale looks current.
            m_model->clear();
            m_state->setText(tr("The history could not be read, so it is not shown: %1").arg(HelperText::failure(outcome)));
            if (!m_notice.isEmpty())
                m_state->setText(m_notice + QLatin1Char(' ') + m_state->text());
        }
        m_notice.clear();
        Q_EMIT historyRead(outcome.succeeded());
    } else if (finished == Running::Undo) {
        const QStringList lines = HelperText::verification(outcome);
        m_notice = outcome.succeeded()
            ? tr("Undone (transaction %1): %2.").arg(outcome.transaction()).arg(lines.join(QStringLiteral("; ")))
            : tr("Undo failed: %1").arg(HelperText::failure(outcome));
        m_state->setText(m_notice);
        // The journal has a new transaction: read it again, the outcome stays in front.
        if (outcome.reply) {
            m_readAfterJob = true;
            Q_EMIT journalChanged();
        }
        Q_EMIT undoFinished(outcome.succeeded());
    }
    updateUndoButton();
    if (m_readAfterJob) {
        m_readAfterJob = false;
        refresh();
    }
}

void HistoryPage::updateUndoButton()
{
    const auto entry = m_model->undoable(m_view->currentIndex().row());
    m_undoButton->setEnabled(!isBusy() && entry.ok());
    m_undoButton->setToolTip(entry ? tr("Restore the values from before the selected transaction") : entry.error());
    const JournalEntry *selected = m_model->entry(m_view->currentIndex().row());
    m_reportButton->setEnabled(selected && WizardRecordStore(m_wizardRecords).load(selected->id).has_value());
}

void HistoryPage::setWizardRecordDirectory(const QString &directory)
{
    m_wizardRecords = directory;
    loadWizardTitles();
}

void HistoryPage::loadWizardTitles()
{
    QHash<qint64, QString> titles;
    const QHash<qint64, Symptom> symptoms = WizardRecordStore(m_wizardRecords).symptoms();
    for (auto it = symptoms.cbegin(); it != symptoms.cend(); ++it)
        titles.insert(it.key(), SymptomText::title(it.value()));
    m_model->setWizardTitles(std::move(titles));
    updateUndoButton();
}

Result<void> HistoryPage::writeWizardReport(qint64 id, const QString &directory)
{
    const auto record = WizardRecordStore(m_wizardRecords).load(id);
    if (!record)
        return Error{tr("No tuning wizard recorded transaction %1.").arg(id), ENOENT};
    return WizardReport::write(directory, *record);
}

SampleNeed HistoryPage::sampleNeed() const
{
    // The journal, not the sockets.
    return SampleNeed::summary();
}

} // namespace Sockpit
