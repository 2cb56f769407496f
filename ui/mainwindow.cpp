// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "analysis/analysisrunner.h"
#include "capturemode/capturecontroller.h"
#include "charts/timechart.h"
#include "models/findingsmodel.h"
#include "models/keyfigures.h"
#include "models/linktablemodel.h"
#include "models/sockettablemodel.h"
#include "models/tickpreparer.h"
#include "pages/counterspage.h"
#include "pages/historypage.h"
#include "pages/linkspage.h"
#include "pages/overviewpage.h"
#include "pages/portspage.h"
#include "pages/settingspage.h"
#include "pages/socketspage.h"
#include "pages/tuningpage.h"
#include "reports/exporter.h"
#include "style/palette.h"
#include "widgets/findingspanel.h"
#include "wizards/symptomwizard.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDir>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QMessageBox>
#include <QSpinBox>
#include <QStyle>
#include <QSysInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace Sockpit {

namespace {

constexpr int PageIdRole = Qt::UserRole + 1;


const QString GeometryKey = QStringLiteral("mainwindow/geometry");
const QString WindowStateKey = QStringLiteral("mainwindow/state");
const QString PageKey = QStringLiteral("mainwindow/page");

// Every named splitter of every page keeps its sizes: "splitters/<page>/<splitter>".
QString splitterKey(const Page *page, const QSplitter *splitter)
{
    return QStringLiteral("splitters/%1/%2").arg(page->id(), splitter->objectName());
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(TuningEnvironment::installed(), parent)
{
}

MainWindow::MainWindow(TuningEnvironment tuning, QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Sockpit"));
    setWindowIcon(QIcon(QStringLiteral(":/sockpit/sockpit.svg")));

    m_sidebar = new QListWidget;
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setIconSize(QSize(24, 24));
    m_sidebar->setSpacing(2);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setFixedWidth(170);
    m_sidebar->setSelectionMode(QAbstractItemView::SingleSelection);
    QFont sidebarFont = m_sidebar->font();
    sidebarFont.setPointSizeF(sidebarFont.pointSizeF() * 1.1);
    m_sidebar->setFont(sidebarFont);

    m_stack = new QStackedWidget;
    auto *central = new QWidget;
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    connect(m_sidebar, &QListWidget::currentRowChanged, this, &MainWindow::onPageChanged);

    m_capture = new CaptureController(this);
    createActions();

    m_captureLabel = new QLabel;
    m_captureLabel->setObjectName(QStringLiteral("captureLabel"));
    m_captureLabel->hide();
    statusBar()->addPermanentWidget(m_captureLabel);
    m_sourceLabel = new QLabel;
    m_ageLabel = new QLabel;
    m_intervalLabel = new QLabel;
    m_liveLabel = new QLabel;
    for (QLabel *label : {m_sourceLabel, m_ageLabel, m_intervalLabel, m_liveLabel})
        statusBar()->addPermanentWidget(label);
    m_ageTimer = new QTimer(this);
    m_ageTimer->setInterval(500);
    connect(m_ageTimer, &QTimer::timeout, this, &MainWindow::updateAge);
    m_ageTimer->start();

    auto *overview = new OverviewPage;
    addPage(overview);
    auto *sockets = new SocketsPage;
    addPage(sockets);
    auto *ports = new PortsPage;
    addPage(ports);
    connect(sockets, &SocketsPage::portInquiryRequested, this, [this, ports](quint16 port) {
        showPage(ports->id());
        ports->inquire(port);
    });
    auto *links = new LinksPage;
    addPage(links);
    connect(links, &LinksPage::worstLinkChanged, overview, &OverviewPage::showWorstLink);
    addPage(new CountersPage);
    auto *tuningPage = new TuningPage(tuning);
    addPage(tuningPage);
    const TuningEnvironment wizardEnvironment = tuning;
    auto *history = new HistoryPage(std::move(tuning));
    addPage(history);
    connect(tuningPage, &TuningPage::journalChanged, history, [history] {
        if (history->hasRead())
            history->refresh();
    });
    connect(history, &HistoryPage::journalChanged, tuningPage, &TuningPage::refresh);
    connect(tuningPage, &TuningPage::changeApplied, this, [this](const QDateTime &, qint64 monotonicMs, const QString &label) {
        if (monotonicMs < 0)
            return;
        for (Page *candidate : std::as_const(m_pages)) {
            for (TimeChart *chart : candidate->charts())
                chart->addEventMarker(monotonicMs, label);
        }
    });
    // Findings: analysed on a worker thread, shown on the Overview; a proposed change opens
    // the Tuning page's wizard with its value, which the user still reviews and applies.
    m_analysis = new AnalysisRunner(this);
    m_release = new TickPreparer(QStringLiteral("snapshot release"), this);
    connect(m_analysis, &AnalysisRunner::sampleNeedChanged, this, [this](const SampleNeed &need) {
        requestSamples(m_analysis, need);
        // Paused, nothing samples on its own: one tick now gives the analysis its later take.
        if (!m_live && !need.isSummary())
            Q_EMIT sampleNowRequested();
    });
    FindingsPanel *findings = overview->findings();
    connect(m_analysis, &AnalysisRunner::reportReady, this, [this, overview](const AnalysisReport &report) {
        if (m_capture->isOpen())
            return; // begun before the capture opened: the findings are the capture's now
        overview->showReport(report);
        // A finding seen once waits for a second analysis: run it soon, not a whole interval on.
        if (overview->findings()->model()->hasPendingChanges())
            m_analysis->analyseSoon(std::chrono::seconds(5));
    });
    connect(m_analysis, &AnalysisRunner::runningChanged, findings, &FindingsPanel::setRunning);
    connect(m_analysis, &AnalysisRunner::failed, findings, &FindingsPanel::setFailure);
    connect(findings, &FindingsPanel::analyseRequested, m_analysis, &AnalysisRunner::analyseNow);
    connect(findings, &FindingsPanel::reviewRequested, this,
            [this, tuningPage](const QString &key, const QString &value, const QString &origin) {
                showPage(tuningPage->id());
                tuningPage->proposeChange(key, value, origin);
            });

    // The tuning wizards: non-modal, fed every snapshot for their Verify step.
    const auto openWizard = [this, wizardEnvironment, tuningPage, history](Symptom symptom) {
        // A wizard measures and changes this machine: on a capture it would judge the
        // workstation by the server's findings. The server's plans export from Tuning.
        if (m_capture->isOpen()) {
            auto *box = new QMessageBox(QMessageBox::Information, tr("Fix a Problem"),
                                        tr("The tuning wizards measure and change this machine, not %1.")
                                            .arg(m_capture->session()->hostName()),
                                        QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("wizardOnCapture"));
            box->setInformativeText(tr("Close the capture to use them here. For the server, review a change on "
                                       "the Tuning page and use Export Plan… to apply it there."));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            return;
        }
        auto *wizard = new SymptomWizard(symptom, wizardEnvironment, this);
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        connect(this, &MainWindow::snapshotShown, wizard, &SymptomWizard::showSnapshot);
        // Measure and Verify count sockets per destination and name listeners' owners:
        // every tick holds all sockets while the wizard is open, whatever page is shown.
        requestSamples(wizard, SampleNeed::everySocket(/*tcpInfo*/ false, /*owners*/ true));
        if (!m_latest.isNull())
            wizard->showSnapshot(m_latest);
        connect(wizard, &SymptomWizard::changeApplied, this, [this](const QDateTime &, qint64 monotonicMs, const QString &label) {
            if (monotonicMs < 0)
                return;
            for (Page *candidate : std::as_const(m_pages)) {
                for (TimeChart *chart : candidate->charts())
                    chart->addEventMarker(monotonicMs, label);
            }
        });
        connect(wizard, &SymptomWizard::journalChanged, tuningPage, &TuningPage::refresh);
        connect(wizard, &SymptomWizard::journalChanged, history, [history] {
            if (history->hasRead())
                history->refresh();
        });
        wizard->show();
        Q_EMIT wizardOpened(wizard);
    };
    connect(tuningPage, &TuningPage::wizardRequested, this, openWizard);
    connect(findings, &FindingsPanel::wizardRequested, this, openWizard);

    auto *settingsPage = new SettingsPage;
    addPage(settingsPage);
    connect(settingsPage, &SettingsPage::settingsChanged, this, &MainWindow::applySettings);
    // Ctrl+1 .. Ctrl+8 jump to a page; the sidebar itself takes the arrow keys.
    for (int row = 0; row < m_pages.size() && row < 9; ++row) {
        auto *jump = new QAction(this);
        jump->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + row)));
        connect(jump, &QAction::triggered, this, [this, row] {
            m_sidebar->setCurrentRow(row);
            m_stack->currentWidget()->setFocus(Qt::ShortcutFocusReason);
        });
        addAction(jump);
    }
    applySettings(settingsPage->settings());

    m_sourceLabel->setText(tr("Source: —"));
    setSamplingInterval(std::chrono::seconds(1));
    setLive(false);
    updateAge();
    restoreSettings();
}

MainWindow::~MainWindow()
{
    // Consumers among the window's children go after its members: they must not reach
    // m_needs on their way out.
    for (auto it = m_needs.keyBegin(); it != m_needs.keyEnd(); ++it)
        if (*it != this)
            disconnect(*it, &QObject::destroyed, this, nullptr);
}

QStringList MainWindow::pageIds()
{
    return {OverviewPage::Id.toString(), SocketsPage::Id.toString(), PortsPage::Id.toString(), LinksPage::Id.toString(),
            CountersPage::Id.toString(), TuningPage::Id.toString(), HistoryPage::Id.toString(),
            SettingsPage::Id.toString()};
}

void MainWindow::createActions()
{
    m_pauseAction = new QAction(QIcon(QStringLiteral(":/sockpit/icons/pause.svg")), tr("&Pause"), this);
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(m_pauseAction, &QAction::toggled, this, [this](bool paused) {
        updatePauseAction(paused);
        Q_EMIT pauseRequested(paused);
    });

    m_sampleNowAction = new QAction(QIcon(QStringLiteral(":/sockpit/icons/refresh.svg")), tr("Sample &Now"), this);
    m_sampleNowAction->setShortcut(QKeySequence::Refresh);
    m_sampleNowAction->setToolTip(tr("Take one snapshot now, also while paused"));
    connect(m_sampleNowAction, &QAction::triggered, this, &MainWindow::sampleNowRequested);

    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    auto *pngAction = new QAction(tr("Export Chart as &PNG…"), this);
    connect(pngAction, &QAction::triggered, this, &MainWindow::exportChartPng);
    auto *chartCsvAction = new QAction(tr("Export Chart &Data as CSV…"), this);
    connect(chartCsvAction, &QAction::triggered, this, &MainWindow::exportChartCsv);
    auto *socketsCsvAction = new QAction(tr("Export &Socket Table as CSV…"), this);
    connect(socketsCsvAction, &QAction::triggered, this, &MainWindow::exportSocketsCsv);
    auto *reportAction = new QAction(tr("&Report…"), this);
    reportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    reportAction->setToolTip(tr("Write a folder with the charts as PNG and CSV, the socket table and a summary"));
    connect(reportAction, &QAction::triggered, this, &MainWindow::exportReport);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_capture->openAction());
    fileMenu->addAction(m_capture->closeAction());
    fileMenu->addSeparator();
    fileMenu->addAction(pngAction);
    fileMenu->addAction(chartCsvAction);
    fileMenu->addAction(socketsCsvAction);
    fileMenu->addSeparator();
    fileMenu->addAction(reportAction);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction);
    QMenu *samplingMenu = menuBar()->addMenu(tr("&Sampling"));
    samplingMenu->addAction(m_pauseAction);
    samplingMenu->addAction(m_sampleNowAction);

    QToolBar *toolBar = addToolBar(tr("Sampling"));
    toolBar->setObjectName(QStringLiteral("samplingToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_pauseAction);
    toolBar->addAction(m_sampleNowAction);
    toolBar->addSeparator();
    toolBar->addAction(reportAction);
}

void MainWindow::addPage(Page *page)
{
    m_pages.append(page);
    m_stack->addWidget(page);
    auto *item = new QListWidgetItem(page->icon(), page->title(), m_sidebar);
    item->setData(PageIdRole, page->id());
    item->setSizeHint(QSize(0, 36));
    if (m_sidebar->currentRow() < 0)
        m_sidebar->setCurrentRow(0);
}

Page *MainWindow::page(const QString &id) const
{
    for (Page *candidate : m_pages)
        if (candidate->id() == id)
            return candidate;
    return nullptr;
}

bool MainWindow::showPage(const QString &id)
{
    for (int row = 0; row < m_pages.size(); ++row) {
        if (m_pages[row]->id() == id) {
            m_sidebar->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

QString MainWindow::currentPageId() const
{
    const int row = m_sidebar->currentRow();
    return row >= 0 && row < m_pages.size() ? m_pages[row]->id() : QString();
}

void MainWindow::onPageChanged(int row)
{
    if (row < 0 || row >= m_pages.size())
        return;
    m_stack->setCurrentIndex(row);
    // The page shown states the window's need; pages out of sight need nothing.
    requestSamples(this, m_pages[row]->sampleNeed());
    m_pages[row]->catchUp();
    if (!m_restoring)
        sockpitSettings().setValue(PageKey, m_pages[row]->id());
}

void MainWindow::restoreSettings()
{
    m_restoring = true;
    const QSettings stored = sockpitSettings();
    if (!restoreGeometry(stored.value(GeometryKey).toByteArray()))
        resize(1180, 760);
    restoreState(stored.value(WindowStateKey).toByteArray());
    for (const Page *candidate : std::as_const(m_pages)) {
        const auto splitters = candidate->findChildren<QSplitter *>();
        for (QSplitter *splitter : splitters)
            if (!splitter->objectName().isEmpty())
                splitter->restoreState(stored.value(splitterKey(candidate, splitter)).toByteArray());
    }
    showPage(stored.value(PageKey).toString());
    m_restoring = false;
}

void MainWindow::saveGeometrySettings() const
{
    QSettings stored = sockpitSettings();
    stored.setValue(GeometryKey, saveGeometry());
    stored.setValue(WindowStateKey, saveState());
    for (const Page *candidate : std::as_const(m_pages)) {
        const auto splitters = candidate->findChildren<QSplitter *>();
        for (const QSplitter *splitter : splitters)
            if (!splitter->objectName().isEmpty())
                stored.setValue(splitterKey(candidate, splitter), splitter->saveState());
    }
    stored.setValue(PageKey, currentPageId());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveGeometrySettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::showSnapshot(const Snapshot &snapshot)
{
    if (snapshot.isNull())
        return;
    // A copy, not std::exchange: SNAPSHOT may be m_latest itself (back from a capture).
    Snapshot previous = m_latest;
    m_latest = snapshot;
    // The live analysis keeps its takes while a capture is open, so closing it finds them ready.
    m_analysis->addSnapshot(snapshot);
    if (m_capture->isOpen()) {
        release(std::move(previous));
        return; // frozen on the capture; the latest live one is shown when it closes
    }
    QElapsedTimer clock;
    for (Page *page : std::as_const(m_pages)) {
        clock.start();
        page->showSnapshot(snapshot);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        PageTiming &timing = m_pageTimings[page->id()];
        ++timing.calls;
        timing.totalMs += ms;
        timing.maxMs = std::max(timing.maxMs, ms);
    }
    m_lastTakenAt = snapshot.takenAt();
    QString source = snapshot.source() == SnapshotSource::Netlink ? tr("Source: netlink") : tr("Source: /proc");
    if (snapshot.isSummaryOnly())
        source = tr("%1 (summary only)").arg(source);
    m_sourceLabel->setText(source);
    m_sourceLabel->setToolTip(snapshot.notes().join(QLatin1Char('\n')));
    updateAge();
    Q_EMIT snapshotShown(snapshot);
    release(std::move(previous));
}

void MainWindow::release(Snapshot snapshot)
{
    // Every page has let go of the previous tick by now, so this is usually its last
    // reference: freeing 100k sockets costs milliseconds, which the worker pays instead.
    if (!m_release || snapshot.isNull())
        return;
    const size_t sockets = snapshot.sockets().size();
    m_release->post(sockets, [snapshot = std::move(snapshot)]() mutable -> TickPreparer::Apply {
        snapshot = Snapshot();
        return {};
    });
}

void MainWindow::showSamplingFailure(const QString &message)
{
    statusBar()->showMessage(tr("Sampling failed: %1").arg(message), 10000);
}

void MainWindow::setSamplingInterval(std::chrono::milliseconds interval)
{
    const qint64 ms = interval.count();
    m_intervalLabel->setText(ms % 1000 == 0 ? tr("Every %1 s").arg(ms / 1000) : tr("Every %1 ms").arg(ms));
}

void MainWindow::setLive(bool live)
{
    m_live = live;
    // Analyses follow sampling: paused, the window stops capturing the machine on its own
    // ("Analyse Now" still works).
    if (live && !m_analysis->isActive() && !m_capture->isOpen())
        m_analysis->start();
    else if (!live)
        m_analysis->stop();
    m_liveLabel->setText(live ? tr("● Live") : tr("❚❚ Paused"));
    QPalette palette = m_liveLabel->palette();
    palette.setColor(QPalette::WindowText, Palette::color(live ? Palette::Role::Good : Palette::Role::Paused));
    m_liveLabel->setPalette(palette);
    const QSignalBlocker blocker(m_pauseAction);
    m_pauseAction->setChecked(!live);
    updatePauseAction(!live);
}

void MainWindow::updatePauseAction(bool paused)
{
    m_pauseAction->setText(paused ? tr("&Resume") : tr("&Pause"));
    m_pauseAction->setIcon(QIcon(paused ? QStringLiteral(":/sockpit/icons/resume.svg")
                                        : QStringLiteral(":/sockpit/icons/pause.svg")));
    m_pauseAction->setToolTip(paused ? tr("Sample again every interval")
                                     : tr("Stop sampling; the last snapshot stays on screen"));
}

void MainWindow::updateAge()
{
    if (const CaptureSession *session = m_capture->session()) {
        const Observation &observation = session->observation();
        m_ageLabel->setText(observation.hasRates()
                                ? tr("Two takes %1 s apart").arg(QLocale().toString(observation.intervalSeconds, 'f', 1))
                                : tr("One take"));
        return;
    }
    if (!m_lastTakenAt.isValid()) {
        m_ageLabel->setText(tr("No sample yet"));
        return;
    }
    const qint64 ms = std::max<qint64>(0, m_lastTakenAt.msecsTo(QDateTime::currentDateTimeUtc()));
    m_ageLabel->setText(ms < 60000 ? tr("Sample age %1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1))
                                   : tr("Sample age %1 min").arg(ms / 60000));
}

QString MainWindow::statusText() const
{
    QStringList shown;
    for (const QLabel *label : {m_captureLabel, m_sourceLabel, m_ageLabel, m_intervalLabel, m_liveLabel})
        if (!label->isHidden())
            shown << label->text();
    return shown.join(QStringLiteral(" | "));
}

void MainWindow::setCaptureDescription(const QString &description)
{
    const bool capture = !description.isEmpty();
    setWindowTitle(capture ? tr("Sockpit — %1").arg(description) : tr("Sockpit"));
    m_captureLabel->setText(capture ? tr("❄ %1").arg(description) : QString());
    m_captureLabel->setVisible(capture);
    for (QLabel *label : {m_intervalLabel, m_liveLabel})
        label->setVisible(!capture);
    m_pauseAction->setEnabled(!capture);
    m_sampleNowAction->setEnabled(!capture);
    if (capture) {
        m_sourceLabel->setText(tr("Source: %1").arg(QFileInfo(m_capture->session()->path()).fileName()));
        m_sourceLabel->setToolTip(m_capture->session()->path());
    } else {
        // Back to this machine: its latest snapshot (the charts start afresh from it) and
        // its analyses, if sampling runs.
        if (!m_latest.isNull())
            showSnapshot(m_latest);
        else
            m_sourceLabel->setText(tr("Source: —"));
        setLive(m_live);
        if (m_live)
            m_analysis->analyseNow();
    }
    updateAge();
}

void MainWindow::applySettings(const UiSettings &settings)
{
    const bool intervalChanged = settings.samplingInterval != m_settings.samplingInterval;
    const bool profileChanged = settings.analysisProfile != m_settings.analysisProfile;
    m_settings = settings;
    m_analysis->setInterval(settings.analysisInterval);
    m_analysis->setProfile(settings.analysisProfile);
    // Findings under another profile propose other changes: show them without waiting.
    if (profileChanged && m_analysis->isActive())
        m_analysis->analyseNow();
    for (Page *page : std::as_const(m_pages))
        page->applySettings(settings);
    if (intervalChanged) {
        setSamplingInterval(settings.samplingInterval);
        Q_EMIT samplingIntervalRequested(settings.samplingInterval);
    }
}

void MainWindow::requestSamples(const QObject *consumer, const SampleNeed &need)
{
    if (!consumer)
        return;
    if (m_needs.value(consumer) == need && m_needs.contains(consumer))
        return;
    if (!m_needs.contains(consumer) && consumer != this)
        connect(consumer, &QObject::destroyed, this, [this, consumer] { m_needs.remove(consumer); });
    m_needs.insert(consumer, need);
    Q_EMIT sampleNeedRequested(consumer, need);
}

void MainWindow::announceSampleNeeds()
{
    for (auto it = m_needs.cbegin(); it != m_needs.cend(); ++it)
        Q_EMIT sampleNeedRequested(it.key(), it.value());
}

TimeChart *MainWindow::visibleChart() const
{
    const int row = m_sidebar->currentRow();
    if (row < 0 || row >= m_pages.size())
        return nullptr;
    const QList<TimeChart *> charts = m_pages[row]->charts();
    return charts.isEmpty() ? nullptr : charts.first();
}

void MainWindow::exportChartPng()
{
    TimeChart *chart = visibleChart();
    if (!chart) {
        QMessageBox::information(this, tr("Export Chart"), tr("This page shows no chart."));
        return;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Export Chart as PNG"));
    auto *form = new QFormLayout(&dialog);
    auto *width = new QSpinBox(&dialog);
    width->setRange(200, 10000);
    width->setValue(1600);
    width->setSuffix(tr(" px"));
    auto *height = new QSpinBox(&dialog);
    height->setRange(150, 10000);
    height->setValue(900);
    height->setSuffix(tr(" px"));
    form->addRow(tr("&Width:"), width);
    form->addRow(tr("&Height:"), height);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Chart as PNG"),
                                                      Exporter::fileStem(chart->title(), 0) + QStringLiteral(".png"),
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (auto written = Exporter::writeChartPng(*chart, path, QSize(width->value(), height->value()),
                                               QSysInfo::machineHostName());
        !written)
        QMessageBox::warning(this, tr("Export Chart"), written.error());
}

void MainWindow::exportChartCsv()
{
    TimeChart *chart = visibleChart();
    if (!chart) {
        QMessageBox::information(this, tr("Export Chart Data"), tr("This page shows no chart."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Chart Data as CSV"),
                                                      Exporter::fileStem(chart->title(), 0) + QStringLiteral(".csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (auto written = Exporter::writeFile(path, Exporter::chartCsv(*chart)); !written)
        QMessageBox::warning(this, tr("Export Chart Data"), written.error());
}

void MainWindow::exportSocketsCsv()
{
    auto *sockets = qobject_cast<SocketsPage *>(page(SocketsPage::Id.toString()));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Socket Table as CSV"),
                                                      QStringLiteral("sockets.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty() || !sockets)
        return;
    if (auto written = Exporter::writeFile(path, Exporter::tableCsv(*sockets->model())); !written)
        QMessageBox::warning(this, tr("Export Socket Table"), written.error());
}

Result<void> MainWindow::writeReport(const QString &directory)
{
    Exporter::ReportInput input;
    input.hostName = m_capture->isOpen() ? m_capture->session()->hostName() : QSysInfo::machineHostName();
    input.kernel = QSysInfo::kernelType() + QLatin1Char(' ') + QSysInfo::kernelVersion();
    for (Page *candidate : std::as_const(m_pages)) {
        candidate->catchUp();
        input.charts += candidate->charts();
    }
    if (auto *sockets = qobject_cast<SocketsPage *>(page(SocketsPage::Id.toString()))) {
        // What the pages show: the capture's later take while one is open.
        const Snapshot shown = m_capture->isOpen() ? m_capture->session()->takes().back() : m_latest;
        sockets->showSnapshot(shown.isNull() ? sockets->model()->snapshot() : shown);
        sockets->flush();
        input.sockets = sockets->model();
    }
    input.keyFigures =
        KeyFigures::compute(m_capture->isOpen() ? m_capture->session()->takes().back() : m_latest, m_settings)
            .summaryLines();
    if (auto *links = qobject_cast<LinksPage *>(page(LinksPage::Id.toString())); links && links->model()->rowCount() > 0) {
        const KeyFigure worst = links->model()->worstLink();
        input.keyFigures << tr("Worst link: %1 (%2)").arg(worst.text.isEmpty() ? tr("no samples yet") : worst.text,
                                                          worst.caption.isEmpty() ? links->model()->target(0).text
                                                                                  : worst.caption);
    }
    if (auto *overview = qobject_cast<OverviewPage *>(page(OverviewPage::Id.toString()))) {
        input.findingsSummary = overview->findings()->model()->summary();
        input.findings = overview->findings()->model()->reportLines();
    }
    return Exporter::writeReport(directory, input);
}

void MainWindow::exportReport()
{
    const QString parent = QFileDialog::getExistingDirectory(this, tr("Choose Where to Write the Report"));
    if (parent.isEmpty())
        return;
    const QString directory = QDir(parent).filePath(
        QStringLiteral("sockpit-report-%1").arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    if (auto written = writeReport(directory))
        statusBar()->showMessage(tr("Report written to %1").arg(directory), 10000);
    else
        QMessageBox::warning(this, tr("Report"), written.error());
}

Result<void> MainWindow::saveScreenshot(const QString &path)
{
    if (grab().save(path, "PNG"))
        return {};
    return Error{tr("Could not write the screenshot to %1").arg(path)};
}

} // namespace Sockpit
