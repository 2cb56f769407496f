// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/tuningpage.h"

#include "models/tuningmodel.h"
#include "tuning/catalogue.h"
#include "wizards/changewizard.h"
#include "wizards/helperjob.h"
#include "wizards/symptombutton.h"

#include <QApplication>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QThread>
#include <QTime>
#include <QTreeView>
#include <QVBoxLayout>

#include <memory>
#include <utility>

namespace Sockpit {

TuningPage::TuningPage(TuningEnvironment environment, QWidget *parent)
    : Page(Id.toString(), parent)
    , m_environment(std::move(environment))
{
    m_model = new TuningModel(this);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("tunables"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->expandAll();
    m_view->header()->setSectionResizeMode(TuningModel::SettingColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(TuningModel::CurrentColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(TuningModel::DefaultColumn, QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TuningPage::showDetails);
    connect(m_view, &QTreeView::doubleClicked, this, [this] { openWizard(); });

    m_readStatus = new QLabel(tr("Reading the kernel's values…"), this);
    m_readStatus->setForegroundRole(QPalette::PlaceholderText);
    m_refreshButton = new QPushButton(QIcon(QStringLiteral(":/sockpit/icons/refresh.svg")), tr("Read &Again"), this);
    m_refreshButton->setToolTip(tr("Read every value from the kernel again"));
    connect(m_refreshButton, &QPushButton::clicked, this, &TuningPage::refresh);
    auto *topRow = new QHBoxLayout;
    topRow->addWidget(m_readStatus, 1);
    topRow->addWidget(m_refreshButton);
    m_symptomButton = new SymptomButton(this);
    connect(m_symptomButton, &SymptomButton::symptomChosen, this, &TuningPage::wizardRequested);
    topRow->addWidget(m_symptomButton);
    m_helperNotice = new QLabel(this);
    m_helperNotice->setObjectName(QStringLiteral("helperNotice"));
    m_helperNotice->setWordWrap(true);
    m_helperNotice->setTextFormat(Qt::PlainText);
    m_helperNotice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_helperNotice->setFrameShape(QFrame::StyledPanel);
    m_helperNotice->setMargin(6);
    m_helperNotice->hide();

    auto *detailsBox = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(detailsBox);
    m_heading = new QLabel(detailsBox);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    m_details = new QLabel(tr("Choose a setting to see what it does, its risks and this machine's numbers."),
                           detailsBox);
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *evidenceBox = new QGroupBox(tr("On this machine"), detailsBox);
    auto *evidenceLayout = new QVBoxLayout(evidenceBox);
    m_evidence = new QLabel(evidenceBox);
    m_evidence->setObjectName(QStringLiteral("evidence"));
    m_evidence->setWordWrap(true);
    m_evidence->setTextFormat(Qt::PlainText);
    m_evidence->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    evidenceLayout->addWidget(m_evidence);
    m_changeButton = new QPushButton(tr("&Change…"), detailsBox);
    m_changeButton->setEnabled(false);
    connect(m_changeButton, &QPushButton::clicked, this, [this] { openWizard(); });
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addStretch(1);
    buttonRow->addWidget(m_changeButton);
    detailsLayout->addWidget(m_heading);
    detailsLayout->addWidget(m_details);
    detailsLayout->addWidget(evidenceBox);
    detailsLayout->addLayout(buttonRow);
    detailsLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(detailsBox);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("tuningSplitter"));
    splitter->addWidget(m_view);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(topRow);
    layout->addWidget(m_helperNotice);
    layout->addWidget(splitter, 1);

    refresh();
}

TuningPage::~TuningPage()
{
    // A reading takes a few dozen reads of /proc/sys: waiting for it is short and bounded,
    // and the thread must not outlive the window it reports to.
    if (m_readThread) {
        m_readThread->wait();
        delete m_readThread;
    }
}

QString TuningPage::title() const
{
    return tr("Tuning");
}

QIcon TuningPage::icon() const
{
    return QApplication::style()->standardIcon(QStyle::SP_ComputerIcon);
}

void TuningPage::showSnapshot(const Snapshot &snapshot)
{
    m_latest = snapshot;
    m_model->setSnapshot(snapshot);
    if (isVisible())
        showDetails();
}

void TuningPage::showCapture(const TuningEnvironment &environment, const QString &description, const QString &reason)
{
    if (m_applyBlocked.isEmpty())
        m_liveEnvironment = m_environment;
    m_environment = environment;
    m_captureDescription = description;
    m_applyBlocked = reason;
    m_readAgain = m_reading;
    refresh();
}

void TuningPage::showLive()
{
    if (m_applyBlocked.isEmpty())
        return;
    m_environment = m_liveEnvironment;
    m_captureDescription.clear();
    m_applyBlocked.clear();
    m_readAgain = m_reading;
    refresh();
}

void TuningPage::refresh()
{
    if (m_reading)
        return;
    m_reading = true;
    m_refreshButton->setEnabled(false);
    auto reading = std::make_shared<TuningReading>();
    QThread *thread = QThread::create([reading, environment = m_environment] {
        *reading = TuningReading::read(environment);
    });
    connect(thread, &QThread::finished, this, [this, reading] {
        m_reading = false;
        m_refreshButton->setEnabled(true);
        if (std::exchange(m_readAgain, false)) {
            refresh(); // a capture opened or closed meanwhile
            return;
        }
        const bool helperMissing = m_applyBlocked.isEmpty() && !reading->helperInstalled;
        m_helperNotice->setText(!m_applyBlocked.isEmpty() ? m_applyBlocked
                                : helperMissing          ? HelperText::notInstalled(m_environment.helperPath)
                                                         : QString());
        m_helperNotice->setVisible(!m_applyBlocked.isEmpty() || helperMissing);
        reading->fromCapture = !m_applyBlocked.isEmpty();
        m_model->setReading(std::move(*reading));
        m_readStatus->setText(!m_captureDescription.isEmpty()
                                  ? tr("Values of the %1").arg(m_captureDescription)
                                  : tr("Values read from %1 at %2")
                                        .arg(m_environment.sysctlRoot,
                                             QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
        // Open on the first setting, so the page explains something from the start.
        if (!m_model->tunable(m_view->currentIndex()))
            m_view->setCurrentIndex(m_model->index(0, 0, m_model->index(0, 0)));
        showDetails();
        Q_EMIT readingFinished();
        if (auto proposal = std::exchange(m_pendingProposal, std::nullopt))
            proposeChange(proposal->key, proposal->value, proposal->origin);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_readThread = thread;
    thread->start();
}

bool TuningPage::select(QStringView key)
{
    const QModelIndex index = m_model->indexOf(key);
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    showDetails();
    return true;
}

void TuningPage::showDetails()
{
    const QModelIndex index = m_view->currentIndex();
    const Tunable *tunable = m_model->tunable(index);
    const CurrentValue *current = m_model->current(index);
    if (!tunable) {
        m_heading->clear();
        m_evidence->clear();
        m_changeButton->setEnabled(false);
        return;
    }
    m_heading->setText(tunable->name());
    QStringList text;
    text << Catalogue::explanation(*tunable);
    text << tr("Risks: %1").arg(Catalogue::risks(*tunable));
    text << tr("Current: %1. Default: %2.")
                .arg(m_model->data(index.siblingAtColumn(TuningModel::CurrentColumn)).toString(),
                     m_model->data(index.siblingAtColumn(TuningModel::DefaultColumn)).toString());
    text << tr("Allowed: %1.").arg(m_model->data(index.siblingAtColumn(TuningModel::AllowedColumn)).toString());
    QString since = tr("Since Linux %1.").arg(QString::fromLatin1(tunable->introduced));
    for (const KernelChange &change : tunable->history) {
        if (change.version)
            since += QLatin1Char(' ')
                     + tr("Linux %1: %2")
                           .arg(QString::fromLatin1(change.version),
                                Catalogue::historyNote(change));
    }
    text << since;
    m_details->setText(text.join(QStringLiteral("\n\n")));
    const QStringList evidence = m_model->evidence(*tunable);
    m_evidence->setText(evidence.isEmpty() ? tr("Sockpit has no figure of this machine that bears on this setting.")
                                           : evidence.join(QLatin1Char('\n')));
    const bool changeable = current && current->available && current->writable && current->error.isEmpty();
    m_changeButton->setEnabled(changeable);
    m_changeButton->setToolTip(changeable && !m_applyBlocked.isEmpty() ? tr("Choose a new value and export the plan for the server")
                               : changeable ? tr("Choose a new value, review it and apply it")
                               : !current ? tr("The values are still being read")
                               : !current->available && !m_applyBlocked.isEmpty() ? tr("The capture does not hold this setting")
                               : !current->available ? tr("This kernel has no such setting")
                                                     : tr("The kernel does not let this setting be written here"));
}

ChangeWizard *TuningPage::openWizard()
{
    const QModelIndex index = m_view->currentIndex();
    const Tunable *tunable = m_model->tunable(index);
    const CurrentValue *current = m_model->current(index);
    if (!tunable || !current || !current->available || !current->writable || !current->error.isEmpty())
        return nullptr;
    auto *wizard = new ChangeWizard(*tunable, m_model->reading(), m_environment, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setApplyBlocked(m_applyBlocked);
    connect(wizard, &ChangeWizard::changeApplied, this, &TuningPage::onChangeApplied);
    connect(wizard, &ChangeWizard::journalChanged, this, [this] {
        refresh();
        Q_EMIT journalChanged();
    });
    wizard->show();
    return wizard;
}

ChangeWizard *TuningPage::proposeChange(const QString &key, const QString &value, const QString &origin)
{
    if (m_reading) {
        m_pendingProposal = Proposal{key, value, origin};
        return nullptr;
    }
    if (!select(key)) {
        m_readStatus->setText(tr("%1 is not a setting Sockpit may change.").arg(key));
        return nullptr;
    }
    ChangeWizard *wizard = openWizard();
    if (!wizard) {
        m_readStatus->setText(tr("%1 cannot be changed here: %2").arg(key, m_changeButton->toolTip()));
        return nullptr;
    }
    wizard->propose(value, origin);
    return wizard;
}

void TuningPage::onChangeApplied(const QDateTime &when, const QString &label)
{
    // The charts' x axis is the sampler's monotonic clock; the latest snapshot ties it to UTC.
    const qint64 monotonicMs = m_latest.isNull() ? -1 : m_latest.monotonicMs() + m_latest.takenAt().msecsTo(when);
    Q_EMIT changeApplied(when, monotonicMs, label);
}

SampleNeed TuningPage::sampleNeed() const
{
    // The evidence beside a tunable counts ports per destination from the dump.
    return SampleNeed::everySocket();
}

} // namespace Sockpit
