// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/socketspage.h"

#include "analysis/socketactions.h"
#include "base/systemerror.h"
#include "models/socketformat.h"
#include "models/sockettablecontroller.h"
#include "models/sockettablemodel.h"
#include "widgets/statechipbar.h"
#include "wizards/helperjob.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QMessageBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cerrno>
#include <csignal>

#include <unistd.h>

namespace Sockpit {

SocketsPage::SocketsPage(TuningEnvironment environment, QWidget *parent)
    : Page(Id.toString(), parent)
    , m_closeJob(new HelperJob(std::move(environment), this))
{
    // One way: controller -> model -> view. The controller hands out prepared rows, the
    // model presents them; the model's signals tell the view and this page what changed.
    m_controller = new SocketTableController(this);
    m_model = new SocketTableModel(this);
    connect(m_controller, &SocketTableController::rowsChanged, m_model, &SocketTableModel::present);

    m_chips = new StateChipBar(this);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search address, port, state, process, pid…"));
    m_search->setClearButtonEnabled(true);
    // Filtering 100k rows per keystroke would stutter; wait for a pause in typing.
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_controller->setSearchText(m_search->text()); });

    m_stateCombo = new QComboBox(this);
    m_stateCombo->setObjectName(QStringLiteral("stateFilter"));
    m_stateCombo->addItem(tr("All states"), -1);
    const auto &keys = StateChipBar::keys();
    for (size_t i = 0; i < keys.size(); ++i) {
        const StateKey key = keys[i];
        const QString label = key.protocol == Protocol::Tcp
            ? tr("TCP %1").arg(SocketFormat::stateLabel(key.protocol, key.state))
            : key.state == SocketState::Established ? tr("UDP connected")
                                                    : tr("UDP unconnected");
        m_stateCombo->addItem(label, int(i));
    }
    connect(m_stateCombo, &QComboBox::currentIndexChanged, this, &SocketsPage::onStateComboChanged);
    connect(m_chips, &StateChipBar::filterRequested, this, [this](std::optional<StateKey> key) {
        int index = 0;
        if (key) {
            const auto &all = StateChipBar::keys();
            index = 1 + int(std::find(all.begin(), all.end(), *key) - all.begin());
        }
        m_stateCombo->setCurrentIndex(index);
    });

    m_shown = new QLabel(this);
    m_shown->setObjectName(QStringLiteral("shown"));

    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setCornerButtonEnabled(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights let the view skip measuring rows, and no column is sized to its
    // contents (that reads every row): essential at 100k rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setSortIndicator(-1, Qt::AscendingOrder); // kernel order until a header is clicked
    // The view asks its model to sort, which presents and does not; the controller sorts.
    m_view->setSortingEnabled(true);
    connect(header, &QHeaderView::sortIndicatorChanged, m_controller,
            [this](int column, Qt::SortOrder order) { m_controller->sort(column, order); });
    // Wide enough for a typical value and for the (translated) header, not for the widest
    // IPv6 address: the table should fit a laptop screen.
    const QFontMetrics metrics = m_view->fontMetrics();
    const QFontMetrics headerMetrics = header->fontMetrics();
    const auto fit = [&](int column, const char *sample) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        m_view->setColumnWidth(column, std::max(metrics.horizontalAdvance(QLatin1String(sample)),
                                                headerMetrics.horizontalAdvance(title) + 12)
                                           + 16);
    };
    fit(SocketTableModel::ProtocolColumn, "tcp");
    fit(SocketTableModel::FamilyColumn, "ipv6");
    fit(SocketTableModel::StateColumn, "ESTABLISHED");
    fit(SocketTableModel::LocalColumn, "192.168.100.200:65535");
    fit(SocketTableModel::RemoteColumn, "192.168.100.200:65535");
    fit(SocketTableModel::UidColumn, "65534");
    fit(SocketTableModel::InodeColumn, "1234567");
    fit(SocketTableModel::PidColumn, "4194304");
    fit(SocketTableModel::ProcessColumn, "postgres");
    fit(SocketTableModel::RttColumn, "100.00");
    fit(SocketTableModel::RetransmitsColumn, "100");

    connect(m_model, &QAbstractItemModel::modelReset, this, &SocketsPage::updateShownLabel);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &SocketsPage::updateShownLabel);

    m_copyAction = new QAction(tr("&Copy Rows"), this);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyAction, &QAction::triggered, this, &SocketsPage::copyRows);
    m_processAction = new QAction(tr("&Process Details…"), this);
    connect(m_processAction, &QAction::triggered, this, &SocketsPage::showProcessDetails);
    m_portUsersAction = new QAction(tr("&Who Else Uses This Port?"), this);
    connect(m_portUsersAction, &QAction::triggered, this, &SocketsPage::askPortUsers);
    m_terminateAction = new QAction(tr("&Terminate Owning Process…"), this);
    m_terminateAction->setToolTip(tr("Send SIGTERM to the process holding the socket; only your own processes"));
    connect(m_terminateAction, &QAction::triggered, this, &SocketsPage::terminateProcess);
    // Closing one connection is the privileged helper's close-socket action (SOCK_DESTROY,
    // as `ss -K` does): the peer gets a reset, the owner sees ECONNABORTED.
    m_closeAction = new QAction(tr("C&lose Connection…"), this);
    m_closeAction->setToolTip(tr("Reset one TCP connection through the privileged helper; asks for an "
                                 "administrator's password every time"));
    connect(m_closeAction, &QAction::triggered, this, &SocketsPage::closeConnection);
    connect(m_closeJob, &HelperJob::finished, this, &SocketsPage::onCloseFinished);
    m_closeStatus = new QLabel(this);
    m_closeStatus->setObjectName(QStringLiteral("closeStatus"));
    m_closeStatus->setWordWrap(true);
    m_closeStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_closeStatus->hide();
    for (QAction *action : {m_copyAction, m_processAction, m_portUsersAction, m_terminateAction, m_closeAction})
        m_view->addAction(action);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SocketsPage::updateActions);
    // A new snapshot may have changed the selected socket's owner.
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &SocketsPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SocketsPage::updateActions);
    confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Confirm"), question) == QMessageBox::Yes;
    };
    sendSignal = [](int pid, int signal) { return ::kill(pid, signal) == 0 ? 0 : errno; };
    updateActions();

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 3);
    filters->addWidget(m_stateCombo, 1);
    filters->addWidget(m_shown);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_chips);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_closeStatus);
    updateShownLabel();
}

QString SocketsPage::title() const
{
    return tr("Sockets");
}

QIcon SocketsPage::icon() const
{
    return QIcon(QStringLiteral(":/sockpit/icons/sockets.svg"));
}

void SocketsPage::showSnapshot(const Snapshot &snapshot)
{
    m_pending = snapshot;
    m_dirty = true;
    if (isVisible())
        apply();
}

void SocketsPage::flush()
{
    // Whatever is pending, on the worker or not, lands now: an export reads the table next.
    if (m_dirty) {
        m_dirty = false;
        m_chips->setCounts(m_pending);
        m_controller->showSnapshotNow(m_pending);
    }
    m_controller->finishNow();
}

void SocketsPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    if (m_dirty)
        apply();
}

void SocketsPage::apply()
{
    m_dirty = false;
    m_chips->setCounts(m_pending);
    m_controller->showSnapshot(m_pending);
}

void SocketsPage::onStateComboChanged(int index)
{
    const int keyIndex = m_stateCombo->itemData(index).toInt();
    std::optional<StateKey> key;
    if (keyIndex >= 0 && size_t(keyIndex) < StateChipBar::keys().size())
        key = StateChipBar::keys()[size_t(keyIndex)];
    m_chips->setSelected(key);
    m_controller->setStateFilter(key);
}

QList<int> SocketsPage::selectedRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows << index.row();
    return rows;
}

void SocketsPage::updateActions()
{
    const QList<int> rows = selectedRows();
    m_copyAction->setEnabled(!rows.isEmpty());
    const bool one = rows.size() == 1;
    const ProcessInfo *info = one ? m_model->process(m_model->record(rows.first())) : nullptr;
    m_processAction->setEnabled(info != nullptr);
    m_portUsersAction->setEnabled(one && !m_foreign);
    if (one)
        m_portUsersAction->setText(tr("&Who Else Uses Port %1?").arg(m_model->record(rows.first()).localPort));
    else
        m_portUsersAction->setText(tr("&Who Else Uses This Port?"));
    m_terminateAction->setEnabled(!m_foreign && one && SocketActions::terminate(info, ::getuid()).allowed());
    m_closeAction->setEnabled(!m_foreign && one && !m_closeJob->isRunning()
                              && SocketActions::close(m_model->record(rows.first())).allowed());
}

void SocketsPage::setForeign(bool foreign)
{
    m_foreign = foreign;
    updateActions();
}

void SocketsPage::copyRows()
{
    const QList<int> rows = selectedRows();
    if (!rows.isEmpty())
        QGuiApplication::clipboard()->setText(m_model->rowsText(rows));
}

void SocketsPage::showProcessDetails()
{
    const QList<int> rows = selectedRows();
    if (rows.size() != 1)
        return;
    const QString details = m_model->processDetails(rows.first());
    if (!details.isEmpty())
        QMessageBox::information(this, tr("Process Details"), details);
}

void SocketsPage::askPortUsers()
{
    const QList<int> rows = selectedRows();
    if (rows.size() == 1)
        Q_EMIT portInquiryRequested(m_model->record(rows.first()).localPort);
}

void SocketsPage::terminateProcess()
{
    const QList<int> rows = selectedRows();
    if (rows.size() != 1 || m_foreign)
        return;
    const SocketActions::TerminateDecision decision
        = SocketActions::terminate(m_model->process(m_model->record(rows.first())), ::getuid());
    if (!decision.allowed())
        return;
    const int pid = decision.pid;
    const QString name = decision.name;
    if (!confirm(tr("Terminate %1 (pid %2)? Every connection it holds will close.").arg(name).arg(pid)))
        return;
    if (const int error = sendSignal(pid, decision.signal); error != 0)
        QMessageBox::warning(this, tr("Terminate Process"),
                             tr("Could not terminate %1 (pid %2): %3")
                                 .arg(name)
                                 .arg(pid)
                                 .arg(errnoText(error)));
}

void SocketsPage::closeConnection()
{
    const QList<int> rows = selectedRows();
    if (rows.size() != 1 || m_closeJob->isRunning() || m_foreign)
        return;
    const SocketRecord &record = m_model->record(rows.first());
    const SocketActions::CloseDecision decision = SocketActions::close(record);
    if (!decision.allowed())
        return;
    HelperRequest request;
    request.action = HelperAction::CloseSocket;
    request.socket = decision.tuple;
    // The endpoints as the table shows them.
    const QString what = tr("%1 → %2").arg(m_model->index(rows.first(), SocketTableModel::LocalColumn).data().toString(),
                                           m_model->index(rows.first(), SocketTableModel::RemoteColumn).data().toString());
    const ProcessInfo *info = m_model->process(record);
    const QString owner = info ? tr("%1 (pid %2)").arg(info->name).arg(info->pid) : tr("the owning process");
    if (!confirm(tr("Close the connection %1? The peer gets a reset and %2 sees the connection aborted.")
                     .arg(what, owner)))
        return;
    m_closing = what;
    m_closeStatus->setText(tr("Closing %1 through the helper…").arg(what));
    m_closeStatus->show();
    m_closeJob->start(request);
    updateActions();
}

void SocketsPage::onCloseFinished(const HelperOutcome &outcome)
{
    const bool ok = outcome.succeeded();
    const QString message = ok ? tr("Closed %1.").arg(m_closing)
                               : tr("Could not close %1: %2").arg(m_closing, HelperText::failure(outcome));
    m_closeStatus->setText(message);
    m_closeStatus->show();
    updateActions();
    Q_EMIT connectionCloseFinished(ok, message);
}

void SocketsPage::updateShownLabel()
{
    m_shown->setText(tr("%1 of %2 sockets")
                         .arg(SocketFormat::count(m_model->rowCount()),
                              SocketFormat::count(qint64(m_model->snapshot().sockets().size()))));
}

} // namespace Sockpit
