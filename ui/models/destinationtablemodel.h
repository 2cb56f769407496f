// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/ephemeral.h"

#include <QAbstractTableModel>

#include <chrono>

namespace Sockpit {

class DestinationTrends;

// One row per destination (remote address and port) of outgoing TCP connections, busiest
// first: how many local ports each takes, how many of those wait in TIME_WAIT, and the
// share of the usable ephemeral ports, which is where exhaustion starts, and, given the
// history, when the destination runs out of ports at its current growth.
class DestinationTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { DestinationColumn, SocketsColumn, TimeWaitColumn, ShareColumn, ForecastColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit DestinationTableModel(QObject *parent = nullptr);

    void setUsage(const EphemeralUsage &usage);
    // The same with a forecast: the history of each destination (nowMs on its clock) over
    // the last `window` gives its growth in sockets per second.
    void setUsage(const EphemeralUsage &usage, const DestinationTrends &history, qint64 nowMs,
                  std::chrono::milliseconds window);
    // The forecast of each of usage's destinations, in seconds (secondsToExhaustion), in
    // their order: what setUsage() computes, on any thread.
    static std::vector<double> forecasts(const EphemeralUsage &usage, const DestinationTrends &history, qint64 nowMs,
                                         std::chrono::milliseconds window);
    // Rows prepared elsewhere: the destinations and their forecasts, in the same order.
    void present(std::vector<DestinationUsage> rows, std::vector<double> forecast);
    // Seconds until the destination holds every usable port at this growth; infinity
    // when it is not growing, NaN when the history is too short.
    static double secondsToExhaustion(int sockets, int usable, double growthPerSecond);
    static QString forecastText(double seconds);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString destinationText(const DestinationUsage &destination);

private:
    std::vector<DestinationUsage> m_rows;
    std::vector<double> m_forecast; // seconds, parallel to m_rows
};

} // namespace Sockpit
