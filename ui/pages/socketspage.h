// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/tuningreading.h"
#include "pages/page.h"
#include "sampling/snapshot.h"

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace Sockpit {

class SocketTableController;
class SocketTableModel;
class HelperJob;
class StateChipBar;
struct HelperOutcome;

// Every socket of the latest snapshot in one sortable, searchable table, with a count per
// state on top. The page wires the parts and computes nothing: the search box, the state
// filter and the header's sort indicator go to a SocketTableController, which prepares the
// rows (on its worker when the table is large) and hands them to a SocketTableModel that
// the view shows; what the context menu may do to a socket is core's SocketActions' say.
// Refreshing a table of 100k rows is the costliest thing the UI does, so a hidden page only
// keeps the latest snapshot and shows it when it becomes visible.
class SocketsPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"sockets";

    // ENVIRONMENT names the privileged helper that closes connections.
    explicit SocketsPage(TuningEnvironment environment = TuningEnvironment::installed(), QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showSnapshot(const Snapshot &snapshot) override;
    // Applies a snapshot kept while hidden (before an export).
    void flush();
    // The sockets are another host's (an open capture): Terminate, Close Connection and
    // the port inquiry, which act on this machine, are off.
    void setForeign(bool foreign);

    SocketTableModel *model() const { return m_model; }
    SocketTableController *controller() const { return m_controller; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *stateCombo() const { return m_stateCombo; }
    StateChipBar *chipBar() const { return m_chips; }
    QLabel *shownLabel() const { return m_shown; }

    // The context menu's actions; they act on the selected rows.
    QAction *copyAction() const { return m_copyAction; }
    QAction *processAction() const { return m_processAction; }
    QAction *portUsersAction() const { return m_portUsersAction; }
    QAction *terminateAction() const { return m_terminateAction; }
    QAction *closeConnectionAction() const { return m_closeAction; }
    // The model's rows of the selection, in view order.
    QList<int> selectedRows() const;
    // What the last "Close Connection" came to, in plain words; empty before the first.
    QLabel *closeStatusLabel() const { return m_closeStatus; }
    // Asked before a process is terminated or a connection closed; replaceable so tests
    // need no dialog.
    std::function<bool(const QString &question)> confirm;
    // Sends SIGNAL to PID and returns 0 or the errno; replaceable so tests terminate nothing.
    std::function<int(int pid, int signal)> sendSignal;

Q_SIGNALS:
    // "Who else uses this port": the window opens the Ports page on it.
    void portInquiryRequested(quint16 port);
    // The helper answered a close request; OK when the kernel destroyed the connection.
    void connectionCloseFinished(bool ok, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void apply();
    void onStateComboChanged(int index);
    void updateShownLabel();
    void updateActions();
    void copyRows();
    void showProcessDetails();
    void askPortUsers();
    void terminateProcess();
    void closeConnection();
    void onCloseFinished(const HelperOutcome &outcome);

    Snapshot m_pending;
    bool m_dirty = false;
    SocketTableModel *m_model = nullptr;
    SocketTableController *m_controller = nullptr;
    StateChipBar *m_chips = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    QComboBox *m_stateCombo = nullptr;
    QLabel *m_shown = nullptr;
    QTableView *m_view = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_processAction = nullptr;
    QAction *m_portUsersAction = nullptr;
    QAction *m_terminateAction = nullptr;
    QAction *m_closeAction = nullptr;
    QLabel *m_closeStatus = nullptr;
    HelperJob *m_closeJob = nullptr;
    bool m_foreign = false;
    QString m_closing; // "LOCAL → REMOTE" of the request running
};

} // namespace Sockpit
