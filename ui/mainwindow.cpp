// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "pages/overviewpage.h"
#include "pages/socketspage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace Sockpit {

namespace {

constexpr int PageIdRole = Qt::UserRole + 1;

QSettings settings()
{
    // Fixed names rather than the application's, so tests and the app share one file layout.
    return QSettings(QStringLiteral("Sockpit"), QStringLiteral("sockpit"));
}

const QString GeometryKey = QStringLiteral("mainwindow/geometry");
const QString StateKey = QStringLiteral("mainwindow/state");
const QString PageKey = QStringLiteral("mainwindow/page");

} // namespace

MainWindow::MainWindow(QWidget *parent)
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

    createActions();

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

    addPage(new OverviewPage);
    addPage(new SocketsPage);

    m_sourceLabel->setText(tr("Source: —"));
    setSamplingInterval(std::chrono::seconds(1));
    setLive(false);
    updateAge();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

QStringList MainWindow::pageIds()
{
    return {OverviewPage::Id.toString(), SocketsPage::Id.toString()};
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

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
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
    if (!m_restoring)
        settings().setValue(PageKey, m_pages[row]->id());
}

void MainWindow::restoreSettings()
{
    m_restoring = true;
    const QSettings stored = settings();
    if (!restoreGeometry(stored.value(GeometryKey).toByteArray()))
        resize(1180, 760);
    restoreState(stored.value(StateKey).toByteArray());
    showPage(stored.value(PageKey).toString());
    m_restoring = false;
}

void MainWindow::saveGeometrySettings() const
{
    QSettings stored = settings();
    stored.setValue(GeometryKey, saveGeometry());
    stored.setValue(StateKey, saveState());
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
    for (Page *page : std::as_const(m_pages))
        page->showSnapshot(snapshot);
    m_lastTakenAt = snapshot.takenAt();
    QString source = snapshot.source() == SnapshotSource::Netlink ? tr("Source: netlink") : tr("Source: /proc");
    if (snapshot.isSummaryOnly())
        source = tr("%1 (summary only)").arg(source);
    m_sourceLabel->setText(source);
    m_sourceLabel->setToolTip(snapshot.notes().join(QLatin1Char('\n')));
    updateAge();
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
    m_liveLabel->setText(live ? tr("● Live") : tr("❚❚ Paused"));
    QPalette palette = m_liveLabel->palette();
    palette.setColor(QPalette::WindowText, live ? QColor(0x2e, 0x8b, 0x57) : QColor(0xb0, 0x6a, 0x00));
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
    return QStringList{m_sourceLabel->text(), m_ageLabel->text(), m_intervalLabel->text(), m_liveLabel->text()}
        .join(QStringLiteral(" | "));
}

QString MainWindow::saveScreenshot(const QString &path)
{
    if (grab().save(path, "PNG"))
        return QString();
    return tr("Could not write the screenshot to %1").arg(path);
}

} // namespace Sockpit
