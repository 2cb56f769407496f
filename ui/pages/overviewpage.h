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

#include <array>
#include <memory>

class QLabel;
class QSplitter;
class QTabWidget;
class QThread;

namespace Sockpit {

class CountTile;
class FindingsPanel;
class TickPreparer;
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

    // The trends behind the charts and the key figures' colour hysteresis. Only the
    // preparation touches them, one tick after the other (TickPreparer).
    struct History
    {
        History();
        void resetLevels(const UiSettings &settings);

        TrendModel timeWait;
        std::vector<TrendModel> states; // one per layer of the stacked chart
        DestinationTrends destinations;
        // One per KeyFigures figure, in FigureTile order; rebuilt when the thresholds change.
        std::array<LevelTracker, 4> levels;
        Snapshot latest;
    };
    // What one preparation reads: a tick to add to the history, or none to show the
    // history's latest again (with other thresholds or chart windows).
    struct Input
    {
        Snapshot snapshot;
        bool show = true; // false: out of sight, only the history keeps up
        bool resetLevels = false;
        bool advanceLevels = true; // false: the colours stay (another chart window)
        UiSettings settings;
        std::chrono::seconds stateWindow{300};
        std::chrono::seconds timeWaitWindow{300};
        std::chrono::seconds destinationWindow{300};
    };
    // Everything the tiles and charts show for one tick, ready to be swapped in.
    struct Prepared
    {
        QThread *preparedOn = nullptr; // null: nothing prepared yet
        qint64 nowMs = 0;
        QDateTime takenAt;
        StateCounts tcp{};
        StateCounts udp{};
        qint64 timeWait = -1; // sockstat's when the dump left TIME_WAIT out
        KeyFigures figures;
        std::array<Level, 4> levels{Level::Unknown, Level::Unknown, Level::Unknown, Level::Unknown};
        bool rangeKnown = false;
        QString rangeText, rangeCaption, usableCaption, inUseCaption, topText, topCaption;
        int usable = 0;
        int inUse = 0;
        QStringList notes;
        QList<QPointF> timeWaitPoints;
        double timeWaitWarning = 1e12;
        double timeWaitCritical = 1e12;
        QList<QList<QPointF>> layers;
        QStringList top; // the destinations of the chart's slots, busiest first
        QList<QList<QPointF>> destinations;
        double usableLine = 1e12;
    };
    // The preparation of one tick, on any thread; it alone changes HISTORY.
    static Prepared prepare(History &history, const Input &input);

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
    // Read while nothing is being prepared (preparer()->finishNow()).
    const TrendModel &timeWaitTrend() const { return m_history->timeWait; }
    const DestinationTrends &destinationTrends() const { return m_history->destinations; }
    TickPreparer *preparer() const { return m_preparer; }
    // What the tiles and charts show now.
    const Prepared &prepared() const { return m_prepared; }
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
    void request(const Snapshot &snapshot, bool show, bool resetLevels = false, bool advanceLevels = true);
    void showPrepared(Prepared prepared);
    void showPorts();
    void showFigures();
    void showCharts(bool all = false);

    QHash<int, CountTile *> m_stateTiles;
    QHash<int, CountTile *> m_portTiles;
    QLabel *m_notes = nullptr;
    QHash<int, CountTile *> m_figureTiles;
    LevelTracker m_worstLinkLevel = LevelTracker::forLevels();
    FindingsPanel *m_findings = nullptr;
    QTabWidget *m_chartTabs = nullptr;
    TimeChart *m_timeWaitChart = nullptr;
    TimeChart *m_stateChart = nullptr;
    TimeChart *m_destinationChart = nullptr;
    TickPreparer *m_preparer = nullptr;
    std::shared_ptr<History> m_history;
    Prepared m_prepared;
    UiSettings m_settings;
    Snapshot m_latest;
    bool m_behind = false; // ticks arrived out of sight: tiles and charts wait
    bool m_chartsBehind = false; // charts on tabs out of sight wait for their tab
};

} // namespace Sockpit
