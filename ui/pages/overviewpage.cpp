// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/overviewpage.h"

#include "charts/timechart.h"
#include "models/destinationtablemodel.h"
#include "models/keyfigures.h"
#include "models/socketformat.h"
#include "sampling/snapshot.h"
#include "style/palette.h"
#include "widgets/counttile.h"
#include "widgets/findingspanel.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Sockpit {

namespace {

// The stacked chart's layers, bottom up: the states that matter most sit at the base
// where their height reads directly.
struct StateLayer
{
    QList<SocketState> states;
};
const StateLayer &stateLayer(int index)
{
    static const StateLayer layers[OverviewPage::StateLayers] = {
        {{SocketState::Established}},
        {{SocketState::TimeWait}},
        {{SocketState::CloseWait}},
        {{SocketState::SynSent, SocketState::SynRecv}},
        {{SocketState::FinWait1, SocketState::FinWait2, SocketState::Closing, SocketState::LastAck, SocketState::Close}},
        {{SocketState::Listen}},
    };
    return layers[index];
}


} // namespace

OverviewPage::OverviewPage(QWidget *parent)
    : Page(Id.toString(), parent)
    , m_timeWaitTrend(std::chrono::hours(24), 24 * 3600 + 60)
{
    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);

    m_notes = new QLabel(content);
    m_notes->setWordWrap(true);
    m_notes->setObjectName(QStringLiteral("notes"));
    m_notes->hide();
    column->addWidget(m_notes);

    auto *figureBox = new QGroupBox(tr("Key figures"), content);
    auto *figureLayout = new QHBoxLayout(figureBox);
    const std::pair<FigureTile, QString> figureTiles[] = {
        {FigureTile::TimeWait, tr("TIME_WAIT / usable ports")},
        {FigureTile::WorstDestination, tr("Busiest destination")},
        {FigureTile::ListenOverflows, tr("Listen overflows")},
        {FigureTile::Retransmissions, tr("Retransmissions")},
        {FigureTile::WorstLink, tr("Worst link")},
    };
    for (const auto &[which, title] : figureTiles) {
        auto *tile = new CountTile(title, CountTile::Size::Small, figureBox);
        tile->setValueText(SocketFormat::notKnown());
        m_figureTiles.insert(int(which), tile);
        figureLayout->addWidget(tile);
    }
    figureTile(FigureTile::TimeWait)->setToolTip(tr("TIME_WAIT sockets against usable ephemeral ports"));
    figureTile(FigureTile::WorstDestination)
        ->setToolTip(tr("The busiest destination's sockets against usable ephemeral ports; at 100% connect() fails"));
    figureTile(FigureTile::ListenOverflows)
        ->setToolTip(tr("TcpExt.ListenOverflows per second: connections dropped on a full accept queue"));
    figureTile(FigureTile::Retransmissions)
        ->setToolTip(tr("Tcp.RetransSegs per second against Tcp.OutSegs per second"));
    figureTile(FigureTile::WorstLink)
        ->setToolTip(tr("The Links page's target in the worst health: its average RTT and loss"));
    figureTile(FigureTile::WorstLink)->hide();
    m_figureLevels[int(FigureTile::WorstLink)] = LevelTracker::forLevels();
    resetLevels();
    column->addWidget(figureBox);

    auto *findingsBox = new QGroupBox(tr("Findings"), content);
    auto *findingsLayout = new QVBoxLayout(findingsBox);
    m_findings = new FindingsPanel(findingsBox);
    findingsLayout->addWidget(m_findings);

    auto *tcpBox = new QGroupBox(tr("TCP sockets by state"), content);
    auto *tcpLayout = new QGridLayout(tcpBox);
    struct Entry
    {
        SocketState state;
        bool large;
    };
    // The states that signal trouble first and large; the rest of the lifecycle below.
    const Entry tcpStates[] = {
        {SocketState::TimeWait, true},  {SocketState::Established, true}, {SocketState::Listen, true},
        {SocketState::SynRecv, true},   {SocketState::CloseWait, true},   {SocketState::SynSent, false},
        {SocketState::FinWait1, false}, {SocketState::FinWait2, false},   {SocketState::LastAck, false},
        {SocketState::Closing, false},  {SocketState::Close, false},
    };
    int largeColumn = 0;
    int smallColumn = 0;
    for (const Entry &entry : tcpStates) {
        CountTile *tile = addStateTile(tcpBox, Protocol::Tcp, entry.state,
                                       SocketFormat::stateLabel(Protocol::Tcp, entry.state), entry.large);
        // Five large tiles over six small ones: spread both rows over 30 grid columns.
        if (entry.large)
            tcpLayout->addWidget(tile, 0, 6 * largeColumn++, 1, 6);
        else
            tcpLayout->addWidget(tile, 1, 5 * smallColumn++, 1, 5);
    }
    stateTile(Protocol::Tcp, SocketState::TimeWait)
        ->setToolTip(tr("Closed connections waiting 60 s before their port pair may be reused. "
                        "Many of them toward one destination exhaust ephemeral ports."));
    stateTile(Protocol::Tcp, SocketState::SynRecv)
        ->setToolTip(tr("Connections half-open on a listener: a growing number means the accept "
                        "path is slow or a SYN flood."));
    stateTile(Protocol::Tcp, SocketState::CloseWait)
        ->setToolTip(tr("The peer closed but the local application has not: usually a bug in "
                        "the application that owns the socket."));
    column->addWidget(tcpBox);

    auto *row = new QHBoxLayout;
    auto *udpBox = new QGroupBox(tr("UDP sockets"), content);
    auto *udpLayout = new QHBoxLayout(udpBox);
    udpLayout->addWidget(addStateTile(udpBox, Protocol::Udp, SocketState::Established, tr("Connected"), false));
    udpLayout->addWidget(addStateTile(udpBox, Protocol::Udp, SocketState::Close, tr("Unconnected"), false));
    row->addWidget(udpBox, 2);

    auto *portBox = new QGroupBox(tr("Ephemeral ports"), content);
    auto *portLayout = new QHBoxLayout(portBox);
    const std::pair<PortTile, QString> portTiles[] = {
        {PortTile::Range, tr("Range")},
        {PortTile::Usable, tr("Usable ports")},
        {PortTile::InUse, tr("In use")},
        {PortTile::TopDestination, tr("Top destination")},
    };
    for (const auto &[which, title] : portTiles) {
        auto *tile = new CountTile(title, CountTile::Size::Small, portBox);
        m_portTiles.insert(int(which), tile);
        portLayout->addWidget(tile, which == PortTile::TopDestination ? 3 : which == PortTile::InUse ? 2 : 1);
    }
    portTile(PortTile::Usable)->setToolTip(tr("net.ipv4.ip_local_port_range less ip_local_reserved_ports"));
    portTile(PortTile::InUse)->setToolTip(tr("TCP sockets other than listeners whose local port lies in the range"));
    portTile(PortTile::TopDestination)
        ->setToolTip(tr("The remote address and port most local ports are spent on. The kernel "
                        "picks a local port per destination, so exhaustion happens per destination."));
    row->addWidget(portBox, 6);
    column->addLayout(row);

    m_stateChart = new TimeChart(tr("TCP sockets by state"), tr("sockets"), content);
    m_stateChart->setStacked(true);
    const QString layerNames[StateLayers] = {tr("ESTABLISHED"), tr("TIME_WAIT"), tr("CLOSE_WAIT"), tr("Opening"),
                                             tr("Closing"), tr("LISTEN")};
    for (int i = 0; i < StateLayers; ++i) {
        m_stateChart->addSeries(layerNames[i], Palette::state(stateLayer(i).states.first()));
        m_stateTrends.emplace_back(std::chrono::hours(24), 24 * 3600 + 60);
    }

    m_timeWaitChart = new TimeChart(tr("TIME_WAIT sockets"), tr("sockets"), content);
    m_timeWaitChart->addSeries(tr("TIME_WAIT"), Palette::state(SocketState::TimeWait));
    m_timeWaitChart->addThreshold(tr("Warning"), 1e12, Palette::level(Level::Warning));
    m_timeWaitChart->addThreshold(tr("Critical"), 1e12, Palette::level(Level::Critical));

    m_destinationChart = new TimeChart(tr("Ephemeral ports by destination"), tr("sockets"), content);
    m_destinationChart->setToolTip(tr("Sockets holding a local ephemeral port toward each of the busiest "
                                      "destinations; at the usable port count connect() to it fails"));
    for (int i = 0; i < TopDestinations; ++i)
        m_destinationChart->addSeries(QString(), Palette::series(i));
    m_destinationChart->addThreshold(tr("Usable ports"), 1e12, Palette::level(Level::Critical));

    // The charts on tabs, each as wide as half the page, so their legends keep full names;
    // next to the findings, right under the key figures where the eye lands. The tiles of
    // every state and of the port budget follow, still on screen at 1280 × 860.
    m_chartTabs = new QTabWidget(content);
    m_chartTabs->setObjectName(QStringLiteral("overviewChartTabs"));
    m_chartTabs->setDocumentMode(true);
    m_chartTabs->addTab(m_stateChart, tr("States"));
    m_chartTabs->addTab(m_timeWaitChart, tr("TIME_WAIT"));
    m_chartTabs->addTab(m_destinationChart, tr("Ports by destination"));
    // A chart on a tab out of sight waits for its tab (axis labels are laid out as rich
    // text on every range change: milliseconds per chart and tick).
    connect(m_chartTabs, &QTabWidget::currentChanged, this, [this] {
        if (m_chartsBehind)
            showCharts();
    });
    for (TimeChart *chart : {m_stateChart, m_timeWaitChart, m_destinationChart}) {
        chart->setMinimumSize(300, 280);
        connect(chart, &TimeChart::windowChanged, this, [this] { showCharts(); });
    }

    auto *charts = new QSplitter(Qt::Horizontal, content);
    charts->setObjectName(QStringLiteral("overviewCharts"));
    charts->setChildrenCollapsible(false);
    charts->addWidget(findingsBox);
    charts->addWidget(m_chartTabs);
    // The charts a little wider: a legend of six states needs about 560 px to keep its names.
    charts->setStretchFactor(0, 2);
    charts->setStretchFactor(1, 3);
    column->insertWidget(column->indexOf(figureBox) + 1, charts, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

QString OverviewPage::title() const
{
    return tr("Overview");
}

QIcon OverviewPage::icon() const
{
    return QIcon(QStringLiteral(":/sockpit/icons/overview.svg"));
}

CountTile *OverviewPage::addStateTile(QWidget *parent, Protocol protocol, SocketState state, const QString &title,
                                      bool large)
{
    auto *tile = new CountTile(title, large ? CountTile::Size::Large : CountTile::Size::Small, parent);
    tile->setObjectName(SocketFormat::protocolLabel(protocol) + QLatin1Char('/')
                        + SocketFormat::stateLabel(protocol, state));
    m_stateTiles.insert(key(protocol, state), tile);
    return tile;
}

CountTile *OverviewPage::stateTile(Protocol protocol, SocketState state) const
{
    return m_stateTiles.value(key(protocol, state));
}

CountTile *OverviewPage::portTile(PortTile which) const
{
    return m_portTiles.value(int(which));
}

void OverviewPage::showSnapshot(const Snapshot &snapshot)
{
    if (snapshot.isNull())
        return;
    // The charts' history keeps up whether the page is in sight or not.
    // sockstat counts TIME_WAIT in O(1) even when the dump left those sockets out.
    qint64 timeWait = snapshot.count(Protocol::Tcp, SocketState::TimeWait);
    if (timeWait < 0)
        timeWait = snapshot.sockStat().timeWait;
    m_latest = snapshot;
    const qint64 ms = snapshot.monotonicMs();
    if (timeWait >= 0)
        m_timeWaitTrend.add(ms, double(timeWait));
    // A layer per group of states; only dumps of every state know them all, so another
    // snapshot leaves the stack alone and every layer keeps the same sample times.
    if (!snapshot.isSummaryOnly() && snapshot.stateFilter() == AllStates) {
        for (int i = 0; i < StateLayers; ++i) {
            qint64 sum = 0;
            for (SocketState state : stateLayer(i).states)
                sum += std::max<qint64>(0, snapshot.count(Protocol::Tcp, state));
            m_stateTrends[size_t(i)].add(ms, double(sum));
        }
    }
    m_destinationTrends.add(snapshot);
    m_behind = isOutOfSight();
    if (!m_behind)
        showLatest();
}

void OverviewPage::catchUp()
{
    if (m_behind && !m_latest.isNull())
        showLatest();
    m_behind = false;
    if (m_chartsBehind)
        showCharts(true);
}

void OverviewPage::showLatest()
{
    const Snapshot &snapshot = m_latest;
    for (auto it = m_stateTiles.cbegin(); it != m_stateTiles.cend(); ++it) {
        const auto protocol = Protocol(it.key() >> 8);
        const auto state = SocketState(it.key() & 0xff);
        it.value()->setValue(snapshot.count(protocol, state));
    }
    qint64 timeWait = snapshot.count(Protocol::Tcp, SocketState::TimeWait);
    if (timeWait < 0)
        timeWait = snapshot.sockStat().timeWait;
    stateTile(Protocol::Tcp, SocketState::TimeWait)->setValue(timeWait);
    showCharts();
    showFigures();
    showPorts(snapshot);

    const QStringList &notes = snapshot.notes();
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());
}

void OverviewPage::showCharts(bool all)
{
    if (m_latest.isNull())
        return;
    // On screen only the current tab's chart is seen; the others catch up on their tab,
    // or when catchUp() asks for all (a report). A page never shown updates all of them.
    const bool onScreen = !all && m_chartTabs->isVisible();
    const auto wanted = [this, onScreen](TimeChart *chart) {
        return !onScreen || m_chartTabs->currentWidget() == chart;
    };
    m_chartsBehind = onScreen;
    const qint64 ms = m_latest.monotonicMs();
    for (TimeChart *chart : {m_stateChart, m_timeWaitChart, m_destinationChart})
        if (wanted(chart))
            chart->setNow(ms, m_latest.takenAt());

    // The bands sit where the TIME_WAIT thresholds are, in sockets.
    const int usable = m_latest.ephemeral().usable;
    if (wanted(m_timeWaitChart)) {
        m_timeWaitChart->setSeriesPoints(0, m_timeWaitTrend.points(ms, m_timeWaitChart->window()));
        m_timeWaitChart->setThreshold(0, usable > 0 ? m_settings.timeWaitRatio.warning * usable : 1e12);
        m_timeWaitChart->setThreshold(1, usable > 0 ? m_settings.timeWaitRatio.critical * usable : 1e12);
    }

    if (wanted(m_stateChart)) {
        QList<QList<QPointF>> layers;
        for (const TrendModel &trend : m_stateTrends)
            layers << trend.points(ms, m_stateChart->window());
        m_stateChart->setAllSeriesPoints(layers);
    }
    if (!wanted(m_destinationChart))
        return;

    // Each slot shows whichever destination ranks there now; an unused slot has no name
    // and no legend entry.
    const QStringList top = m_destinationTrends.top(TopDestinations);
    QList<QList<QPointF>> destinations;
    for (int i = 0; i < TopDestinations; ++i) {
        const bool used = i < top.size();
        m_destinationChart->setSeriesName(i, used ? top[i] : QString());
        destinations << (used ? m_destinationTrends.points(top[i], ms, m_destinationChart->window()) : QList<QPointF>());
    }
    m_destinationChart->setAllSeriesPoints(destinations);
    m_destinationChart->setThreshold(0, usable > 0 ? double(usable) : 1e12);
}

QList<TimeChart *> OverviewPage::charts() const
{
    QList<TimeChart *> result{m_timeWaitChart, m_stateChart, m_destinationChart};
    if (auto *shown = qobject_cast<TimeChart *>(m_chartTabs->currentWidget()))
        result.move(result.indexOf(shown), 0);
    return result;
}

void OverviewPage::showReport(const AnalysisReport &report)
{
    m_findings->setReport(report);
}

void OverviewPage::showWorstLink(const KeyFigure &figure)
{
    CountTile *tile = figureTile(FigureTile::WorstLink);
    tile->setVisible(!figure.text.isEmpty() || !figure.caption.isEmpty());
    tile->setValueText(figure.text.isEmpty() ? SocketFormat::notKnown() : figure.text);
    tile->setCaption(figure.caption);
    // The Links page classifies its health already; a change of colour must hold for two
    // updates all the same.
    tile->setLevel(m_figureLevels[int(FigureTile::WorstLink)].update(figure.level));
}

void OverviewPage::applySettings(const UiSettings &settings)
{
    const bool thresholdsChanged = settings.timeWaitRatio != m_settings.timeWaitRatio
                                   || settings.destinationShare != m_settings.destinationShare
                                   || settings.listenOverflowsPerSecond != m_settings.listenOverflowsPerSecond
                                   || settings.retransmitPercent != m_settings.retransmitPercent;
    m_settings = settings;
    for (TimeChart *chart : {m_stateChart, m_timeWaitChart, m_destinationChart})
        chart->setWindow(settings.chartWindow);
    if (thresholdsChanged) {
        resetLevels();
        // New levels apply to the value shown now, at once.
        if (!m_latest.isNull())
            showFigures();
    }
}

void OverviewPage::resetLevels()
{
    m_figureLevels[int(FigureTile::TimeWait)] = LevelTracker(m_settings.timeWaitRatio);
    m_figureLevels[int(FigureTile::WorstDestination)] = LevelTracker(m_settings.destinationShare);
    m_figureLevels[int(FigureTile::ListenOverflows)] = LevelTracker(m_settings.listenOverflowsPerSecond);
    m_figureLevels[int(FigureTile::Retransmissions)] = LevelTracker(m_settings.retransmitPercent);
}

void OverviewPage::showFigures()
{
    const KeyFigures figures = KeyFigures::compute(m_latest, m_settings);
    const std::pair<FigureTile, const KeyFigure *> tiles[] = {
        {FigureTile::TimeWait, &figures.timeWait},
        {FigureTile::WorstDestination, &figures.worstDestination},
        {FigureTile::ListenOverflows, &figures.listenOverflows},
        {FigureTile::Retransmissions, &figures.retransmissions},
    };
    for (const auto &[which, figure] : tiles) {
        CountTile *tile = figureTile(which);
        tile->setValueText(figure->text.isEmpty() ? SocketFormat::notKnown() : figure->text);
        tile->setCaption(figure->caption);
        // The colour follows the trackers, not figure->level: a value hovering at a
        // threshold would otherwise flip it with every sample.
        tile->setLevel(m_figureLevels[int(which)].update(figure->value));
    }
}

void OverviewPage::showPorts(const Snapshot &snapshot)
{
    const EphemeralUsage &usage = snapshot.ephemeral();
    const PortRange range = usage.config.range;
    if (range.size() == 0) {
        for (CountTile *tile : std::as_const(m_portTiles)) {
            tile->setValueText(SocketFormat::notKnown());
            tile->setCaption(QString());
        }
        return;
    }
    portTile(PortTile::Range)->setValueText(tr("%1–%2").arg(range.low).arg(range.high));
    portTile(PortTile::Range)->setCaption(tr("%1 ports").arg(SocketFormat::count(range.size())));
    portTile(PortTile::Usable)->setValue(usage.usable);
    const int reserved = range.size() - usage.usable;
    portTile(PortTile::Usable)->setCaption(reserved > 0 ? tr("%1 reserved").arg(SocketFormat::count(reserved)) : QString());

    CountTile *inUse = portTile(PortTile::InUse);
    inUse->setValue(usage.inUse);
    inUse->setCaption(usage.usable > 0 ? tr("%1 of usable\n%2 distinct ports")
                                             .arg(SocketFormat::percent(double(usage.inUse) / usage.usable),
                                                  SocketFormat::count(usage.distinctPorts))
                                       : QString());

    CountTile *top = portTile(PortTile::TopDestination);
    if (usage.destinations.empty()) {
        top->setValueText(tr("none"));
        top->setCaption(QString());
        return;
    }
    const DestinationUsage &destination = usage.destinations.front();
    top->setValueText(DestinationTableModel::destinationText(destination));
    top->setCaption(tr("%1 sockets, %2 in TIME_WAIT\n%3 of usable ports")
                        .arg(SocketFormat::count(destination.sockets), SocketFormat::count(destination.timeWait),
                             SocketFormat::percent(destination.share)));
}

SampleNeed OverviewPage::sampleNeed() const
{
    // The state tiles and chart count every socket; the destinations chart needs the
    // remote ends. Neither needs tcp_info or owners.
    return SampleNeed::everySocket();
}

} // namespace Sockpit
