// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/countertablemodel.h"

#include "models/socketformat.h"

#include <QFont>
#include <QLocale>

#include <algorithm>

namespace Sockpit {

CounterTableModel::CounterTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString CounterTableModel::explanation(const QByteArray &name)
{
    // Meanings from the kernel's Documentation/networking/snmp_counter.rst.
    if (name == "Tcp.RetransSegs")
        return tr("Segments sent again because no acknowledgement came in time. Against OutSegs it gives the "
                  "retransmission rate: above 1% a path is losing packets.");
    if (name == "Tcp.OutSegs")
        return tr("Segments sent, retransmissions included: the base of the retransmission rate.");
    if (name == "Tcp.ActiveOpens")
        return tr("Connections this host opened (connect()); each takes an ephemeral port.");
    if (name == "Tcp.PassiveOpens")
        return tr("Connections this host accepted on its listeners.");
    if (name == "Tcp.CurrEstab")
        return tr("Connections in ESTABLISHED or CLOSE_WAIT now (a gauge, not a counter).");
    if (name == "Tcp.AttemptFails")
        return tr("Connection attempts that failed: reset or timed out while opening.");
    if (name == "Tcp.EstabResets")
        return tr("Established connections that ended with a reset.");
    if (name == "TcpExt.ListenOverflows")
        return tr("Connections dropped because a listener's accept queue was full: the application accepts too "
                  "slowly or its backlog (and net.core.somaxconn) is too small.");
    if (name == "TcpExt.ListenDrops")
        return tr("Every connection request a listener dropped, overflows included.");
    if (name == "TcpExt.TCPTimeWaitOverflow")
        return tr("Connections closed without TIME_WAIT because net.ipv4.tcp_max_tw_buckets was reached.");
    if (name == "TcpExt.TWRecycled")
        return tr("TIME_WAIT sockets reused early for a new connection (net.ipv4.tcp_tw_reuse).");
    if (name == "TcpExt.TW")
        return tr("TIME_WAIT sockets that ran their full 60 seconds.");
    if (name == "TcpExt.TCPAbortOnTimeout")
        return tr("Connections given up after too many retransmissions or keepalive probes.");
    if (name == "TcpExt.TCPAbortOnData")
        return tr("Connections reset because the application closed them with unread data.");
    if (name == "TcpExt.SyncookiesSent")
        return tr("SYN cookies sent because a listener's SYN queue was full: a SYN flood or a slow accept path.");
    if (name == "TcpExt.TCPReqQFullDrop")
        return tr("Connection requests dropped because the SYN queue was full and SYN cookies were off.");
    return QString();
}

CounterTableModel::Rows CounterTableModel::rowsOf(const CounterSet &counters)
{
    Rows result;
    std::vector<Counter> &rows = result.rows;
    rows.reserve(counters.counters().size());
    for (const QByteArray &name : keyCounterNames())
        if (const Counter *counter = counters.find(name))
            rows.push_back(*counter);
    result.keyRows = int(rows.size());
    for (const Counter &counter : counters.counters())
        if (std::find(keyCounterNames().begin(), keyCounterNames().end(), counter.name) == keyCounterNames().end())
            rows.push_back(counter);
    return result;
}

void CounterTableModel::setCounters(const CounterSet &counters)
{
    present(rowsOf(counters));
}

void CounterTableModel::present(Rows prepared)
{
    std::vector<Counter> &rows = prepared.rows;
    const int keyRows = prepared.keyRows;
    if (rows.size() == m_rows.size()
        && std::equal(rows.begin(), rows.end(), m_rows.begin(),
                      [](const Counter &a, const Counter &b) { return a.name == b.name; })) {
        // Same counters as before: only the numbers move.
        m_rows = std::move(rows);
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, RateColumn), index(rowCount() - 1, ValueColumn));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    m_keyRows = keyRows;
    endResetModel();
}

int CounterTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CounterTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CounterTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return QVariant();
    const Counter &counter = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case NameColumn: return QString::fromLatin1(counter.name);
        case RateColumn:
            return counter.perSecond < 0 ? SocketFormat::notKnown() : QLocale().toString(counter.perSecond, 'f', 1);
        case ValueColumn: return SocketFormat::count(counter.value);
        case ColumnCount: break;
        }
        break;
    case Qt::ToolTipRole: {
        const QString text = explanation(counter.name);
        return text.isEmpty() ? QVariant() : QVariant(text);
    }
    case Qt::FontRole:
        if (index.row() < m_keyRows) {
            QFont font;
            font.setBold(index.column() == NameColumn);
            return font;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant CounterTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case NameColumn: return tr("Counter");
    case RateColumn: return tr("Per second");
    case ValueColumn: return tr("Total since boot");
    case ColumnCount: break;
    }
    return QVariant();
}

} // namespace Sockpit
