// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/destinationtablemodel.h"

#include "models/destinationtrends.h"

#include "models/socketformat.h"

#include <cmath>
#include <limits>

namespace Sockpit {

DestinationTableModel::DestinationTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString DestinationTableModel::destinationText(const DestinationUsage &destination)
{
    // formatEndpoint knows IPv4, IPv6 and bracket rules; borrow it through a record.
    SocketRecord record;
    record.family = destination.family;
    record.remoteAddress = destination.address;
    record.remotePort = destination.port;
    char buffer[64];
    const int length = record.formatEndpoint(buffer, true);
    return QString::fromLatin1(buffer, length);
}

void DestinationTableModel::setUsage(const EphemeralUsage &usage)
{
    // A few hundred destinations at most: a reset is cheaper than matching rows.
    beginResetModel();
    m_rows = usage.destinations;
    m_forecast.assign(m_rows.size(), std::nan(""));
    endResetModel();
}

void DestinationTableModel::setUsage(const EphemeralUsage &usage, const DestinationTrends &history, qint64 nowMs,
                                     std::chrono::milliseconds window)
{
    present(usage.destinations, forecasts(usage, history, nowMs, window));
}

std::vector<double> DestinationTableModel::forecasts(const EphemeralUsage &usage, const DestinationTrends &history,
                                                     qint64 nowMs, std::chrono::milliseconds window)
{
    std::vector<double> result;
    result.reserve(usage.destinations.size());
    for (const DestinationUsage &row : usage.destinations)
        result.push_back(secondsToExhaustion(row.sockets, usage.usable,
                                             history.growthPerSecond(destinationText(row), nowMs, window)));
    return result;
}

void DestinationTableModel::present(std::vector<DestinationUsage> rows, std::vector<double> forecast)
{
    forecast.resize(rows.size(), std::nan(""));
    beginResetModel();
    m_rows = std::move(rows);
    m_forecast = std::move(forecast);
    endResetModel();
}

double DestinationTableModel::secondsToExhaustion(int sockets, int usable, double growthPerSecond)
{
    if (std::isnan(growthPerSecond) || usable <= 0)
        return std::nan("");
    if (sockets >= usable)
        return 0;
    // Below one socket a minute is noise in a count that moves by whole sockets.
    if (growthPerSecond < 1.0 / 60.0)
        return std::numeric_limits<double>::infinity();
    return double(usable - sockets) / growthPerSecond;
}

QString DestinationTableModel::forecastText(double seconds)
{
    if (std::isnan(seconds))
        return tr("collecting history");
    if (std::isinf(seconds))
        return tr("not growing");
    if (seconds <= 0)
        return tr("exhausted now");
    if (seconds < 120)
        return tr("full in %n s", nullptr, int(std::ceil(seconds)));
    if (seconds < 2 * 3600)
        return tr("full in %n min", nullptr, int(std::round(seconds / 60)));
    if (seconds < 48 * 3600)
        return tr("full in %n h", nullptr, int(std::round(seconds / 3600)));
    return tr("more than two days");
}

int DestinationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DestinationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DestinationTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return QVariant();
    const DestinationUsage &row = m_rows[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case DestinationColumn: return destinationText(row);
        case SocketsColumn: return SocketFormat::count(row.sockets);
        case TimeWaitColumn: return SocketFormat::count(row.timeWait);
        case ShareColumn: return SocketFormat::percent(row.share);
        case ForecastColumn: return forecastText(m_forecast[size_t(index.row())]);
        case ColumnCount: break;
        }
    } else if (role == SortRole) {
        switch (Column(index.column())) {
        case DestinationColumn: return destinationText(row);
        case SocketsColumn: return row.sockets;
        case TimeWaitColumn: return row.timeWait;
        case ShareColumn: return row.share;
        case ForecastColumn: {
            // Soonest first when sorted ascending; unknown after "not growing".
            const double seconds = m_forecast[size_t(index.row())];
            return std::isnan(seconds) ? std::numeric_limits<double>::max() : seconds;
        }
        case ColumnCount: break;
        }
    } else if (role == Qt::TextAlignmentRole && index.column() != DestinationColumn) {
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    }
    return QVariant();
}

QVariant DestinationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case DestinationColumn: return tr("Destination");
        case SocketsColumn: return tr("Sockets");
        case TimeWaitColumn: return tr("TIME_WAIT");
        case ShareColumn: return tr("Share of ports");
        case ForecastColumn: return tr("Forecast");
        case ColumnCount: break;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case SocketsColumn: return tr("TCP sockets toward this destination holding a local port in the ephemeral range");
        case ShareColumn:
            return tr("Sockets toward this destination against usable ephemeral ports: at 100% connect() fails "
                      "with EADDRNOTAVAIL");
        case ForecastColumn:
            return tr("When the destination holds every usable port if its socket count keeps growing as it did "
                      "over the last five minutes (least-squares trend)");
        default: break;
        }
    }
    return QVariant();
}

} // namespace Sockpit
