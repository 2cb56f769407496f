// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/trendmodel.h"
#include "pages/page.h"
#include "settings/uisettings.h"
#include "sampling/snapshot.h"

#include <QHash>

class QLabel;

namespace Sockpit {

class CountTile;
class TimeChart;

// The few numbers that matter at a glance, coloured by the thresholds of the Settings
// page (TIME_WAIT against usable ports, the busiest destination's share, listen
// overflows per second, retransmission %), TCP sockets per state, UDP sockets, the
// ephemeral port budget, and how TIME_WAIT moved over the chart's window.
class OverviewPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"overview";

    enum class PortTile { Range, Usable, InUse, TopDestination };
    enum class FigureTile { TimeWait, WorstDestination, ListenOverflows, Retransmissions };

    explicit OverviewPage(QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showSnapshot(const Snapshot &snapshot) override;
    void applySettings(const UiSettings &settings) override;
    QList<TimeChart *> charts() const override { return {m_timeWaitChart}; }
    CountTile *figureTile(FigureTile which) const { return m_figureTiles.value(int(which)); }

    // nullptr for a state the page does not show (UDP knows ESTABLISHED and CLOSE only).
    CountTile *stateTile(Protocol protocol, SocketState state) const;
    CountTile *portTile(PortTile which) const;
    TimeChart *timeWaitChart() const { return m_timeWaitChart; }
    const TrendModel &timeWaitTrend() const { return m_timeWaitTrend; }

private:
    static int key(Protocol protocol, SocketState state) { return int(protocol) << 8 | int(state); }
    CountTile *addStateTile(QWidget *parent, Protocol protocol, SocketState state, const QString &title,
                            bool large);
    void showPorts(const Snapshot &snapshot);
    void showFigures();

    QHash<int, CountTile *> m_stateTiles;
    QHash<int, CountTile *> m_portTiles;
    QLabel *m_notes = nullptr;
    QHash<int, CountTile *> m_figureTiles;
    TimeChart *m_timeWaitChart = nullptr;
    TrendModel m_timeWaitTrend;
    UiSettings m_settings;
    Snapshot m_latest;
};

} // namespace Sockpit
