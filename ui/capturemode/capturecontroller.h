// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "capturemode/capturesession.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>

class QAction;

namespace Sockpit {

class MainWindow;

// Capture mode of the main window. open() reads a sockpit.bundle/1 file on a worker
// thread; only when all of it read and analysed does the window switch: live snapshots
// stop reaching the pages, every page shows the bundle's takes (oldest first, so the
// charts draw both), the findings are the bundle's, and the Tuning page shows the
// server's values and exports plans instead of applying them. close() gives the pages
// the latest live snapshot again and restarts the live analysis. A bundle that cannot be
// read leaves the window as it was and reports openFailed().
class CaptureController final : public QObject
{
    Q_OBJECT
public:
    explicit CaptureController(MainWindow *window);
    ~CaptureController() override;

    bool isOpen() const { return m_session != nullptr; }
    bool isOpening() const { return m_opening; }
    const CaptureSession *session() const { return m_session.get(); }
    // "capture of web1 taken at 2026-12-02 13:45:10 UTC"; empty while live.
    QString description() const;
    // Why Apply is off while a capture is open.
    QString applyBlockedReason() const;

    // File → Open Capture… (asks for the file) and Close Capture.
    QAction *openAction() const { return m_openAction; }
    QAction *closeAction() const { return m_closeAction; }

    // Asynchronous; opened() or openFailed() says how it went. A failure is also shown in
    // a message box (object name "captureError") naming the file and what is wrong.
    void open(const QString &path);
    void close();

Q_SIGNALS:
    void opened();
    void openFailed(const QString &path, const QString &message);
    void closed();
    void openingChanged(bool opening);

private:
    void show(std::shared_ptr<CaptureSession> session);

    void showFailure(const QString &path, const QString &message);

    MainWindow *m_window;
    QAction *m_openAction = nullptr;
    QAction *m_closeAction = nullptr;
    std::shared_ptr<CaptureSession> m_session;
    QPointer<QThread> m_thread;
    bool m_opening = false;
};

} // namespace Sockpit
