// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/destinationtrends.h"
#include "models/keyfigures.h"
#include "models/leveltracker.h"
#include "models/trendmodel.h"
#include "pages/page.h"
#include "sampling/snapshot.h"
#include "settings/uisettings.h"

#include <QHash>

class QLabel;
class QSplitter;
class QTabWidget;

namespace Sockpit {

class CountTile;
class FindingsPanel;
class TimeChart;

// The few numbers that matter at a glance, coloured by the thresholds of the Settings
// page (TIME_WAIT against usable ports, the busiest destination's share, listen
// overflows per second, retransmission %, and the worst link once the Links page has
// targets) with hysteresis, the findings of the latest analyses, three charts on tabs
// (TCP sockets by state, stacked; TIME_WAIT; the sockets holding ephemeral ports toward
// the busiest destinations), TCP sockets per state, UDP sockets and the port budget.
class OverviewPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"overview";

    enum class PortTile { Range, Usable, InUse, TopDestination };
    enum class FigureTile { TimeWait, WorstDestination, ListenOverflows, Retransmissions, WorstLink };
    // The layers of the stacked chart, bottom up.
    static constexpr int StateLayers = 6;
    // Destinations the ephemeral chart shows at once.
    static constexpr int TopDestinations = 5;

    explicit OverviewPage(QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showSnapshot(const Snapshot &snapshot) override;
    SampleNeed sampleNeed() const override;
    void catchUp() override;
    void applySettings(const UiSettings &settings) override;
    // The chart on the tab shown comes first: it is the one an export means.
    QList<TimeChart *> charts() const override;
    CountTile *figureTile(FigureTile which) const { return m_figureTiles.value(int(which)); }

    // nullptr for a state the page does not show (UDP knows ESTABLISHED and CLOSE only).
    CountTile *stateTile(Protocol protocol, SocketState state) const;
    CountTile *portTile(PortTile which) const;
    TimeChart *timeWaitChart() const { return m_timeWaitChart; }
    TimeChart *stateChart() const { return m_stateChart; }
    TimeChart *destinationChart() const { return m_destinationChart; }
    const TrendModel &timeWaitTrend() const { return m_timeWaitTrend; }
    const DestinationTrends &destinationTrends() const { return m_destinationTrends; }
    QTabWidget *chartTabs() const { return m_chartTabs; }
    FindingsPanel *findings() const { return m_findings; }

public Q_SLOTS:
    void showReport(const Sockpit::AnalysisReport &report);
    // The Links page's worst target; the tile shows while there is one.
    void showWorstLink(const Sockpit::KeyFigure &figure);

private:
    static int key(Protocol protocol, SocketState state) { return int(protocol) << 8 | int(state); }
    CountTile *addStateTile(QWidget *parent, Protocol protocol, SocketState state, const QString &title,
                            bool large);
    void showLatest();
    void showPorts(const Snapshot &snapshot);
    void showFigures();
    void resetLevels();
    void showCharts(bool all = false);

    QHash<int, CountTile *> m_stateTiles;
    QHash<int, CountTile *> m_portTiles;
    QLabel *m_notes = nullptr;
    QHash<int, CountTile *> m_figureTiles;
    // One per FigureTile; rebuilt when the thresholds change.
    LevelTracker m_figureLevels[5];
    FindingsPanel *m_findings = nullptr;
    QTabWidget *m_chartTabs = nullptr;
    TimeChart *m_timeWaitChart = nullptr;
    TimeChart *m_stateChart = nullptr;
    TimeChart *m_destinationChart = nullptr;
    TrendModel m_timeWaitTrend;
    std::vector<TrendModel> m_stateTrends;
    DestinationTrends m_destinationTrends;
    UiSettings m_settings;
    Snapshot m_latest;
    bool m_behind = false; // ticks arrived out of sight: tiles and charts wait
    bool m_chartsBehind = false; // charts on tabs out of sight wait for their tab
};

} // namespace Sockpit
