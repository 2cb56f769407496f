// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/tuningmodel.h"

#include "models/destinationtablemodel.h"
#include "models/socketformat.h"
#include "style/palette.h"
#include "tuning/catalogue.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

#include <algorithm>

namespace Sockpit {

namespace {

// Group rows carry internalId 0; a tunable row carries its group's row + 1.
constexpr quintptr GroupId = 0;

struct Placement
{
    const char *key;
    TuningGroup group;
};

// Presentation only: which heading the page lists a catalogue key under. A key missing
// here still appears (under Other); tst_tuningpage fails until it is placed.
constexpr Placement Placements[] = {
    {"net.ipv4.ip_local_port_range", TuningGroup::Ports},
    {"net.ipv4.ip_local_reserved_ports", TuningGroup::Ports},
    {"net.ipv4.tcp_tw_reuse", TuningGroup::TimeWait},
    {"net.ipv4.tcp_fin_timeout", TuningGroup::TimeWait},
    {"net.ipv4.tcp_max_tw_buckets", TuningGroup::TimeWait},
    {"net.core.somaxconn", TuningGroup::AcceptQueues},
    {"net.ipv4.tcp_max_syn_backlog", TuningGroup::AcceptQueues},
    {"net.ipv4.tcp_syncookies", TuningGroup::AcceptQueues},
    {"net.ipv4.tcp_syn_retries", TuningGroup::AcceptQueues},
    {"net.ipv4.tcp_synack_retries", TuningGroup::AcceptQueues},
    {"net.ipv4.tcp_keepalive_time", TuningGroup::Keepalive},
    {"net.ipv4.tcp_keepalive_intvl", TuningGroup::Keepalive},
    {"net.ipv4.tcp_keepalive_probes", TuningGroup::Keepalive},
    {"net.ipv4.tcp_retries2", TuningGroup::Keepalive},
    {"net.ipv4.tcp_rmem", TuningGroup::Buffers},
    {"net.ipv4.tcp_wmem", TuningGroup::Buffers},
    {"net.core.rmem_max", TuningGroup::Buffers},
    {"net.core.wmem_max", TuningGroup::Buffers},
    {"net.core.rmem_default", TuningGroup::Buffers},
    {"net.core.wmem_default", TuningGroup::Buffers},
    {"net.ipv4.tcp_notsent_lowat", TuningGroup::Buffers},
    {"net.core.netdev_max_backlog", TuningGroup::Buffers},
    {"net.ipv4.tcp_mem", TuningGroup::Buffers},
    {"net.ipv4.tcp_max_orphans", TuningGroup::Buffers},
    {"net.ipv4.tcp_congestion_control", TuningGroup::Congestion},
    {"net.core.default_qdisc", TuningGroup::Congestion},
    {"net.ipv4.tcp_slow_start_after_idle", TuningGroup::Congestion},
    {"net.ipv4.tcp_mtu_probing", TuningGroup::Congestion},
    {"net.ipv4.tcp_fastopen", TuningGroup::Congestion},
    {"net.ipv4.tcp_timestamps", TuningGroup::Congestion},
    {"net.ipv4.ping_group_range", TuningGroup::Other},
    {"net.netfilter.nf_conntrack_max", TuningGroup::Other},
};

constexpr TuningGroup AllGroups[] = {TuningGroup::Ports,   TuningGroup::TimeWait, TuningGroup::AcceptQueues,
                                     TuningGroup::Keepalive, TuningGroup::Buffers, TuningGroup::Congestion,
                                     TuningGroup::Other};

bool is(const Tunable &tunable, const char *key)
{
    return qstrcmp(tunable.key, key) == 0;
}

} // namespace

TuningModel::TuningModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    for (TuningGroup group : AllGroups)
        m_groups.push_back({group, {}});
    for (const Tunable &tunable : Catalogue::all()) {
        if (tunable.removed) // retired keys are never offered
            continue;
        const TuningGroup group = groupOf(tunable).value_or(TuningGroup::Other);
        m_groups[size_t(group)].tunables.push_back(&tunable);
    }
    std::erase_if(m_groups, [](const Group &group) { return group.tunables.empty(); });
}

std::optional<TuningGroup> TuningModel::groupOf(const Tunable &tunable)
{
    for (const Placement &placement : Placements) {
        if (is(tunable, placement.key))
            return placement.group;
    }
    return std::nullopt;
}

QString TuningModel::groupTitle(TuningGroup group)
{
    switch (group) {
    case TuningGroup::Ports:
        return tr("Ephemeral ports");
    case TuningGroup::TimeWait:
        return tr("TIME_WAIT and connection teardown");
    case TuningGroup::AcceptQueues:
        return tr("Accept queues and SYN handling");
    case TuningGroup::Keepalive:
        return tr("Keepalive and dead peers");
    case TuningGroup::Buffers:
        return tr("Buffers and queues");
    case TuningGroup::Congestion:
        return tr("Congestion control and path");
    case TuningGroup::Other:
        break;
    }
    return tr("Other");
}

QString TuningModel::limitations(const Tunable &tunable)
{
    QString text;
    switch (groupOf(tunable).value_or(TuningGroup::Other)) {
    case TuningGroup::Ports:
        text = tr("Sockets already open keep their ports; only new connections use the new range. "
                  "TIME_WAIT still lasts 60 seconds (TCP_TIMEWAIT_LEN is compiled into the kernel).");
        break;
    case TuningGroup::TimeWait:
        text = is(tunable, "net.ipv4.tcp_fin_timeout")
            ? tr("It shortens FIN_WAIT2 only: TIME_WAIT still lasts 60 seconds (TCP_TIMEWAIT_LEN is compiled "
                 "into the kernel).")
            : tr("TIME_WAIT still lasts 60 seconds (TCP_TIMEWAIT_LEN is compiled into the kernel); reuse helps "
                 "outgoing connections only, never a server's own TIME_WAIT sockets.");
        break;
    case TuningGroup::AcceptQueues:
        text = tr("A listening socket keeps the backlog it had when listen() was called: a service must "
                  "listen again (usually a restart) to get a longer queue, and its own backlog setting still "
                  "caps it. It does not make a slow service accept faster.");
        break;
    case TuningGroup::Keepalive:
        text = tr("Only sockets with SO_KEEPALIVE send keepalives, and applications that set their own "
                  "TCP_KEEPIDLE, TCP_KEEPINTVL or TCP_KEEPCNT keep those values.");
        break;
    case TuningGroup::Buffers:
        text = tr("Connections already open keep their buffers; applications that set SO_RCVBUF or SO_SNDBUF "
                  "themselves are only capped by the maximums. Larger buffers do not fix packet loss.");
        break;
    case TuningGroup::Congestion:
        text = tr("Connections already open keep what they started with, and applications may choose their "
                  "own (TCP_CONGESTION). It does not fix loss on the path itself.");
        break;
    case TuningGroup::Other:
        break;
    }
    const QString namespaces = tr("Containers in their own network namespace keep their own values.");
    return text.isEmpty() ? namespaces : text + QLatin1Char(' ') + namespaces;
}

QString TuningModel::valueText(const Tunable &tunable, const QString &value)
{
    if (value.isEmpty())
        return tr("(empty)");
    return *tunable.unit ? tr("%1 %2").arg(value, Catalogue::unitText(tunable)) : value;
}

void TuningModel::setReading(TuningReading reading)
{
    m_reading = std::move(reading);
    for (int row = 0; row < int(m_groups.size()); ++row) {
        const QModelIndex group = index(row, 0);
        const int last = int(m_groups[size_t(row)].tunables.size()) - 1;
        Q_EMIT dataChanged(index(0, 0, group), index(last, ColumnCount - 1, group));
    }
}

void TuningModel::setSnapshot(const Snapshot &snapshot)
{
    // Only the evidence changes, and the page asks for it when it shows a tunable.
    m_snapshot = snapshot;
}

const Tunable *TuningModel::tunable(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == GroupId)
        return nullptr;
    return m_groups[index.internalId() - 1].tunables[size_t(index.row())];
}

const CurrentValue *TuningModel::currentFor(const Tunable &tunable) const
{
    for (const CurrentValue &value : m_reading.values) {
        if (value.tunable == &tunable)
            return &value;
    }
    return nullptr;
}

const CurrentValue *TuningModel::current(const QModelIndex &index) const
{
    const Tunable *entry = tunable(index);
    return entry ? currentFor(*entry) : nullptr;
}

QModelIndex TuningModel::indexOf(QStringView key, int column) const
{
    for (size_t group = 0; group < m_groups.size(); ++group) {
        const auto &tunables = m_groups[group].tunables;
        for (size_t row = 0; row < tunables.size(); ++row) {
            if (QLatin1String(tunables[row]->key) == key)
                return createIndex(int(row), column, quintptr(group + 1));
        }
    }
    return {};
}

QString TuningModel::currentText(const Tunable &tunable) const
{
    const CurrentValue *value = currentFor(tunable);
    if (!value)
        return m_reading.isNull() ? tr("reading…") : SocketFormat::notKnown();
    if (!value->available)
        return m_reading.fromCapture ? tr("not in the capture") : tr("not on this kernel");
    if (!value->error.isEmpty())
        return tr("unreadable");
    const QString text = valueText(tunable, value->value);
    return value->writable ? text : tr("%1 (read-only here)").arg(text);
}

QStringList TuningModel::evidence(const Tunable &tunable) const
{
    if (m_snapshot.isNull())
        return {tr("No sample yet: the machine's own numbers appear with the first one.")};
    QStringList lines;
    const EphemeralUsage &usage = m_snapshot.ephemeral();
    const CounterSet &counters = m_snapshot.counters();
    qint64 timeWait = m_snapshot.count(Protocol::Tcp, SocketState::TimeWait);
    if (timeWait < 0)
        timeWait = m_snapshot.sockStat().timeWait;
    auto counter = [&](const char *name) { return SocketFormat::count(counters.value(name).value_or(-1)); };
    auto timeWaitLine = [&] {
        lines << tr("TIME_WAIT sockets: %1 (each holds its port toward its destination for 60 s)")
                     .arg(SocketFormat::count(timeWait));
    };
    auto busiestLine = [&] {
        if (usage.destinations.empty()) {
            lines << tr("No outgoing TCP connections hold an ephemeral port.");
            return;
        }
        const DestinationUsage &busiest = usage.destinations.front();
        lines << tr("Busiest destination: %1 with %2 sockets, %3 of the usable ports")
                     .arg(DestinationTableModel::destinationText(busiest), SocketFormat::count(busiest.sockets),
                          SocketFormat::percent(busiest.share));
    };
    auto listenerLines = [&] {
        if (m_snapshot.isSummaryOnly()) {
            lines << tr("Listeners are not known from a summary-only sample.");
            return;
        }
        const CurrentValue *cap = nullptr;
        for (const CurrentValue &value : m_reading.values) {
            if (is(*value.tunable, "net.core.somaxconn"))
                cap = &value;
        }
        const quint32 somaxconn = cap && cap->available ? cap->value.toUInt() : 0;
        int listeners = 0;
        int capped = 0;
        const SocketRecord *fullest = nullptr;
        auto fill = [](const SocketRecord &record) {
            return record.sendQueue ? double(record.receiveQueue) / record.sendQueue : 0.0;
        };
        for (const SocketRecord &record : m_snapshot.sockets()) {
            if (record.protocol != Protocol::Tcp || record.state != SocketState::Listen)
                continue;
            ++listeners;
            if (somaxconn && record.sendQueue == somaxconn)
                ++capped;
            if (!fullest || fill(record) > fill(*fullest))
                fullest = &record;
        }
        lines << tr("TCP listeners: %1").arg(SocketFormat::count(listeners));
        if (fullest) {
            lines << tr("Fullest accept queue: port %1, %2 waiting of a backlog of %3")
                         .arg(fullest->localPort)
                         .arg(SocketFormat::count(fullest->receiveQueue), SocketFormat::count(fullest->sendQueue));
        }
        if (somaxconn) {
            lines << tr("Listeners whose backlog equals somaxconn (%1), so listen() asked for at least that: %2")
                         .arg(SocketFormat::count(somaxconn), SocketFormat::count(capped));
        }
        lines << tr("Connections dropped on a full accept queue since boot (TcpExt.ListenOverflows): %1")
                     .arg(counter("TcpExt.ListenOverflows"));
    };

    if (is(tunable, "net.ipv4.ip_local_port_range") || is(tunable, "net.ipv4.ip_local_reserved_ports")) {
        const PortRange range = usage.config.range;
        lines << tr("Usable ephemeral ports: %1 (range %2–%3, %4 of them reserved)")
                     .arg(SocketFormat::count(usage.usable))
                     .arg(range.low)
                     .arg(range.high)
                     .arg(SocketFormat::count(std::max(0, range.size() - usage.usable)));
        lines << tr("Sockets holding a port in the range: %1, on %2 distinct ports")
                     .arg(SocketFormat::count(usage.inUse), SocketFormat::count(usage.distinctPorts));
        timeWaitLine();
        busiestLine();
    } else if (is(tunable, "net.ipv4.tcp_tw_reuse")) {
        timeWaitLine();
        busiestLine();
    } else if (is(tunable, "net.ipv4.tcp_max_tw_buckets")) {
        timeWaitLine();
        lines << tr("TIME_WAIT sockets destroyed early because the table was full (TcpExt.TCPTimeWaitOverflow): %1")
                     .arg(counter("TcpExt.TCPTimeWaitOverflow"));
    } else if (is(tunable, "net.ipv4.tcp_fin_timeout")) {
        lines << tr("FIN_WAIT2 sockets: %1 (closed here, waiting for the peer to close)")
                     .arg(SocketFormat::count(m_snapshot.count(Protocol::Tcp, SocketState::FinWait2)));
        timeWaitLine();
    } else if (is(tunable, "net.core.somaxconn")) {
        listenerLines();
    } else if (is(tunable, "net.ipv4.tcp_max_syn_backlog") || is(tunable, "net.ipv4.tcp_syncookies")) {
        lines << tr("Half-open connections (SYN_RECV): %1")
                     .arg(SocketFormat::count(m_snapshot.count(Protocol::Tcp, SocketState::SynRecv)));
        lines << tr("SYN cookies sent since boot (TcpExt.SyncookiesSent): %1").arg(counter("TcpExt.SyncookiesSent"));
        lines << tr("SYNs dropped by listeners since boot (TcpExt.ListenDrops): %1").arg(counter("TcpExt.ListenDrops"));
    } else if (groupOf(tunable) == TuningGroup::Keepalive) {
        lines << tr("Established TCP connections: %1")
                     .arg(SocketFormat::count(m_snapshot.count(Protocol::Tcp, SocketState::Established)));
        lines << tr("Connections aborted since boot when retransmissions or keepalive probes ran out "
                    "(TcpExt.TCPAbortOnTimeout): %1")
                     .arg(counter("TcpExt.TCPAbortOnTimeout"));
    }
    return lines;
}

QModelIndex TuningModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < int(m_groups.size()) ? createIndex(row, column, GroupId) : QModelIndex();
    if (parent.internalId() != GroupId || parent.row() >= int(m_groups.size()))
        return {};
    if (row >= int(m_groups[size_t(parent.row())].tunables.size()))
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex TuningModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupId);
}

int TuningModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != GroupId || parent.column() != 0)
        return 0;
    return int(m_groups[size_t(parent.row())].tunables.size());
}

int TuningModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant TuningModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == GroupId) {
        if (index.column() != SettingColumn)
            return {};
        if (role == Qt::DisplayRole)
            return groupTitle(m_groups[size_t(index.row())].group);
        if (role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    }
    const Tunable &entry = *tunable(index);
    const CurrentValue *value = currentFor(entry);
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case SettingColumn:
            return entry.name();
        case CurrentColumn:
            return currentText(entry);
        case DefaultColumn:
            return valueText(entry, QString::fromLatin1(entry.defaultValue));
        case AllowedColumn:
            return Catalogue::allowedText(entry, entry.enumSource == EnumSource::CongestionControl
                                                         ? m_reading.context.congestionControls
                                                         : entry.enumSource == EnumSource::QueueDiscipline
                                                         ? m_reading.context.queueDisciplines
                                                         : QStringList(),
                                           m_reading.context.kernelRelease);
        case ColumnCount:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == CurrentColumn && value && !value->error.isEmpty())
            return value->error;
        return Catalogue::explanation(entry);
    case Qt::ForegroundRole:
        if (value && (!value->available || !value->writable))
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        if (index.column() == CurrentColumn && value && value->available && value->error.isEmpty()
            && value->value != QLatin1String(entry.defaultValue))
            return QBrush(Palette::color(Palette::Role::ChangedValue)); // changed from the kernel's default
        break;
    default:
        break;
    }
    return {};
}

QVariant TuningModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case SettingColumn:
        return tr("Setting");
    case CurrentColumn:
        return tr("Current");
    case DefaultColumn:
        return tr("Default");
    case AllowedColumn:
        return tr("Allowed");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Sockpit
