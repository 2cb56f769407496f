// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturemode/capturecontroller.h"

#include "analysis/analysisrunner.h"
#include "mainwindow.h"
#include "pages/overviewpage.h"
#include "pages/socketspage.h"
#include "pages/tuningpage.h"
#include "widgets/findingspanel.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>

namespace Sockpit {

CaptureController::CaptureController(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    m_openAction = new QAction(tr("&Open Capture…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setToolTip(tr("Show a server's capture bundle (sockpit-cli capture -o FILE) instead of this "
                                "machine"));
    connect(m_openAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Capture"), QString(),
                                                          tr("Capture bundles (*.json);;All files (*)"));
        if (!path.isEmpty())
            open(path);
    });
    m_closeAction = new QAction(tr("&Close Capture"), this);
    m_closeAction->setEnabled(false);
    m_closeAction->setToolTip(tr("Return to this machine's live figures"));
    connect(m_closeAction, &QAction::triggered, this, &CaptureController::close);
    connect(this, &CaptureController::openingChanged, m_openAction, &QAction::setDisabled);
    connect(this, &CaptureController::openFailed, this, &CaptureController::showFailure);
}

CaptureController::~CaptureController()
{
    // Reading a bundle is bounded (1 GiB at most); its thread must not outlive the window.
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

QString CaptureController::description() const
{
    if (!m_session)
        return {};
    const QString host = m_session->hostName().isEmpty() ? tr("an unnamed host") : m_session->hostName();
    return tr("capture of %1 taken at %2")
        .arg(host, m_session->info().takenAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")));
}

QString CaptureController::applyBlockedReason() const
{
    if (!m_session)
        return {};
    return tr("Apply is off: these are the values of the %1. Export the plan (Ansible, TuneD or sysctl.d) and "
              "apply it there.")
        .arg(description());
}

void CaptureController::open(const QString &path)
{
    if (m_opening)
        return;
    m_opening = true;
    Q_EMIT openingChanged(true);
    AnalysisOptions options;
    options.profile = m_window->settings().analysisProfile;
    auto result = std::make_shared<Result<std::shared_ptr<CaptureSession>>>(Error{QString()});
    QThread *thread = QThread::create([result, path, options] { *result = CaptureSession::open(path, options); });
    connect(thread, &QThread::finished, this, [this, result, path] {
        m_opening = false;
        Q_EMIT openingChanged(false);
        if (!*result) {
            Q_EMIT openFailed(path, result->error());
            return;
        }
        show(std::move(*result).value());
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_thread = thread;
    thread->start(QThread::LowPriority);
}

void CaptureController::showFailure(const QString &path, const QString &message)
{
    // Non-modal, so the window keeps running (and a test can read it); nothing changed.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Open Capture"),
                                tr("%1 cannot be opened.").arg(QFileInfo(path).fileName()), QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("captureError"));
    box->setInformativeText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void CaptureController::show(std::shared_ptr<CaptureSession> session)
{
    m_session = std::move(session);
    // Live analyses stop; one already under way is ignored when it reports (isOpen()).
    m_window->analysisRunner()->stop();
    // Its PIDs and sockets are the server's: nothing on the Sockets page may act on them here.
    if (auto *sockets = qobject_cast<SocketsPage *>(m_window->page(SocketsPage::Id.toString())))
        sockets->setForeign(true);
    for (const QString &id : MainWindow::pageIds()) {
        if (Page *page = m_window->page(id))
            for (const Snapshot &take : m_session->takes())
                page->showSnapshot(take);
    }
    if (auto *overview = qobject_cast<OverviewPage *>(m_window->page(OverviewPage::Id.toString()))) {
        // The panel shows a finding once two analyses in a row report it: a capture is
        // one moment, so its analysis counts for both (and clears the live ones).
        overview->findings()->clear();
        overview->showReport(m_session->report());
        overview->showReport(m_session->report());
    }
    if (auto *tuning = qobject_cast<TuningPage *>(m_window->page(TuningPage::Id.toString())))
        tuning->showCapture(m_session->tuningEnvironment(), description(), applyBlockedReason());
    m_window->setCaptureDescription(description());
    m_closeAction->setEnabled(true);
    Q_EMIT opened();
}

void CaptureController::close()
{
    if (!m_session)
        return;
    m_session.reset();
    if (auto *sockets = qobject_cast<SocketsPage *>(m_window->page(SocketsPage::Id.toString())))
        sockets->setForeign(false);
    // The server's findings are not this machine's: none until the live analysis reports.
    if (auto *overview = qobject_cast<OverviewPage *>(m_window->page(OverviewPage::Id.toString())))
        overview->findings()->clear();
    if (auto *tuning = qobject_cast<TuningPage *>(m_window->page(TuningPage::Id.toString())))
        tuning->showLive();
    m_window->setCaptureDescription(QString());
    m_closeAction->setEnabled(false);
    Q_EMIT closed();
}

} // namespace Sockpit
