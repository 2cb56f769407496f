// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/trendmodel.h"
#include "pages/page.h"
#include "sampling/socketrecord.h"

#include <QHash>

class QLabel;

namespace Sockpit {

class CountTile;
class TrendChart;

// The few numbers that matter at a glance: TCP sockets per state, UDP sockets, the
// ephemeral port budget, and how TIME_WAIT moved over the last five minutes.
class OverviewPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"overview";

    enum class PortTile { Range, Usable, InUse, TopDestination };

    explicit OverviewPage(QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showSnapshot(const Snapshot &snapshot) override;

    // nullptr for a state the page does not show (UDP knows ESTABLISHED and CLOSE only).
    CountTile *stateTile(Protocol protocol, SocketState state) const;
    CountTile *portTile(PortTile which) const;
    TrendChart *timeWaitChart() const { return m_timeWaitChart; }
    const TrendModel &timeWaitTrend() const { return m_timeWaitTrend; }

private:
    static int key(Protocol protocol, SocketState state) { return int(protocol) << 8 | int(state); }
    CountTile *addStateTile(QWidget *parent, Protocol protocol, SocketState state, const QString &title,
                            bool large);
    void showPorts(const Snapshot &snapshot);

    QHash<int, CountTile *> m_stateTiles;
    QHash<int, CountTile *> m_portTiles;
    QLabel *m_notes = nullptr;
    TrendChart *m_timeWaitChart = nullptr;
    TrendModel m_timeWaitTrend;
};

} // namespace Sockpit
