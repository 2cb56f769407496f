// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/overviewpage.h"

#include "charts/timechart.h"
#include "models/destinationtablemodel.h"
#include "models/keyfigures.h"
#include "models/socketformat.h"
#include "models/tickpreparer.h"
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
#include <QThread>
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
    , m_preparer(new TickPreparer(QStringLiteral("overview"), this))
    , m_history(std::make_shared<History>())
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
    for (int i = 0; i < StateLayers; ++i)
        m_stateChart->addSeries(layerNames[i], Palette::state(stateLayer(i).states.first()));

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
        connect(chart, &TimeChart::windowChanged, this, [this] {
            if (!m_latest.isNull())
                request(Snapshot(), true, false, false);
        });
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

OverviewPage::History::History()
    : timeWait(std::chrono::hours(24), 24 * 3600 + 60)
{
    for (int i = 0; i < StateLayers; ++i)
        states.emplace_back(std::chrono::hours(24), 24 * 3600 + 60);
    resetLevels(UiSettings());
}

void OverviewPage::History::resetLevels(const UiSettings &settings)
{
    levels[int(FigureTile::TimeWait)] = LevelTracker(settings.timeWaitRatio);
    levels[int(FigureTile::WorstDestination)] = LevelTracker(settings.destinationShare);
    levels[int(FigureTile::ListenOverflows)] = LevelTracker(settings.listenOverflowsPerSecond);
    levels[int(FigureTile::Retransmissions)] = LevelTracker(settings.retransmitPercent);
}

OverviewPage::Prepared OverviewPage::prepare(History &history, const Input &input)
{
    if (!input.snapshot.isNull()) {
        const Snapshot &snapshot = input.snapshot;
        // The charts' history keeps up whether the page is in sight or not.
        // sockstat counts TIME_WAIT in O(1) even when the dump left those sockets out.
        qint64 timeWait = snapshot.count(Protocol::Tcp, SocketState::TimeWait);
        if (timeWait < 0)
            timeWait = snapshot.sockStat().timeWait;
        const qint64 ms = snapshot.monotonicMs();
        if (timeWait >= 0)
            history.timeWait.add(ms, double(timeWait));
        // A layer per group of states; only dumps of every state know them all, so another
        // snapshot leaves the stack alone and every layer keeps the same sample times.
        if (!snapshot.isSummaryOnly() && snapshot.stateFilter() == AllStates) {
            for (int i = 0; i < StateLayers; ++i) {
                qint64 sum = 0;
                for (SocketState state : stateLayer(i).states)
                    sum += std::max<qint64>(0, snapshot.count(Protocol::Tcp, state));
                history.states[size_t(i)].add(ms, double(sum));
            }
        }
        history.destinations.add(snapshot);
        history.latest = snapshot;
    }
    if (input.resetLevels)
        history.resetLevels(input.settings);
    Prepared out;
    const Snapshot &snapshot = history.latest;
    if (!input.show || snapshot.isNull())
        return out;
    out.preparedOn = QThread::currentThread();
    out.nowMs = snapshot.monotonicMs();
    out.takenAt = snapshot.takenAt();
    out.tcp = snapshot.counts(Protocol::Tcp);
    out.udp = snapshot.counts(Protocol::Udp);
    out.timeWait = snapshot.count(Protocol::Tcp, SocketState::TimeWait);
    if (out.timeWait < 0)
        out.timeWait = snapshot.sockStat().timeWait;

    out.figures = KeyFigures::compute(snapshot, input.settings);
    const KeyFigure *figures[] = {&out.figures.timeWait, &out.figures.worstDestination, &out.figures.listenOverflows,
                                  &out.figures.retransmissions};
    // The colour follows the trackers, not figure->level: a value hovering at a
    // threshold would otherwise flip it with every sample.
    for (size_t i = 0; i < out.levels.size(); ++i)
        out.levels[i] = input.advanceLevels ? history.levels[i].update(figures[i]->value) : history.levels[i].level();

    const EphemeralUsage &usage = snapshot.ephemeral();
    const PortRange range = usage.config.range;
    out.rangeKnown = range.size() != 0;
    if (out.rangeKnown) {
        out.rangeText = tr("%1–%2").arg(range.low).arg(range.high);
        out.rangeCaption = tr("%1 ports").arg(SocketFormat::count(range.size()));
        out.usable = usage.usable;
        const int reserved = range.size() - usage.usable;
        out.usableCaption = reserved > 0 ? tr("%1 reserved").arg(SocketFormat::count(reserved)) : QString();
        out.inUse = usage.inUse;
        out.inUseCaption = usage.usable > 0 ? tr("%1 of usable\n%2 distinct ports")
                                                  .arg(SocketFormat::percent(double(usage.inUse) / usage.usable),
                                                       SocketFormat::count(usage.distinctPorts))
                                            : QString();
        if (usage.destinations.empty()) {
            out.topText = tr("none");
        } else {
            const DestinationUsage &destination = usage.destinations.front();
            out.topText = DestinationTableModel::destinationText(destination);
            out.topCaption = tr("%1 sockets, %2 in TIME_WAIT\n%3 of usable ports")
                                 .arg(SocketFormat::count(destination.sockets),
                                      SocketFormat::count(destination.timeWait), SocketFormat::percent(destination.share));
        }
    }
    out.notes = snapshot.notes();

    // The bands sit where the TIME_WAIT thresholds are, in sockets.
    const qint64 ms = out.nowMs;
    const int usable = usage.usable;
    out.timeWaitPoints = history.timeWait.points(ms, input.timeWaitWindow);
    out.timeWaitWarning = usable > 0 ? input.settings.timeWaitRatio.warning * usable : 1e12;
    out.timeWaitCritical = usable > 0 ? input.settings.timeWaitRatio.critical * usable : 1e12;
    for (const TrendModel &trend : history.states)
        out.layers << trend.points(ms, input.stateWindow);
    // Each slot shows whichever destination ranks there now; an unused slot has no name
    // and no legend entry.
    out.top = history.destinations.top(TopDestinations);
    for (int i = 0; i < TopDestinations; ++i)
        out.destinations << (i < out.top.size() ? history.destinations.points(out.top[i], ms, input.destinationWindow)
                                                : QList<QPointF>());
    out.usableLine = usable > 0 ? double(usable) : 1e12;
    return out;
}

void OverviewPage::request(const Snapshot &snapshot, bool show, bool resetLevels, bool advanceLevels)
{
    Input input;
    input.snapshot = snapshot;
    input.show = show;
    input.resetLevels = resetLevels;
    input.advanceLevels = advanceLevels;
    input.settings = m_settings;
    input.stateWindow = m_stateChart->window();
    input.timeWaitWindow = m_timeWaitChart->window();
    input.destinationWindow = m_destinationChart->window();
    const size_t sockets = std::max(snapshot.sockets().size(), m_latest.sockets().size());
    m_preparer->post(sockets, [history = m_history, input, this]() -> TickPreparer::Apply {
        Prepared prepared = prepare(*history, input);
        if (!prepared.preparedOn)
            return {};
        return [this, prepared = std::move(prepared)]() mutable { showPrepared(std::move(prepared)); };
    });
}

void OverviewPage::showSnapshot(const Snapshot &snapshot)
{
    if (snapshot.isNull())
        return;
    m_latest = snapshot;
    // Out of sight only the charts' history keeps up; tiles and charts wait.
    m_behind = isOutOfSight();
    request(snapshot, !m_behind);
}

void OverviewPage::catchUp()
{
    if (m_behind && !m_latest.isNull())
        request(Snapshot(), true);
    m_behind = false;
    m_preparer->finishNow();
    if (m_chartsBehind)
        showCharts(true);
}

void OverviewPage::showPrepared(Prepared prepared)
{
    m_prepared = std::move(prepared);
    for (auto it = m_stateTiles.cbegin(); it != m_stateTiles.cend(); ++it) {
        const auto protocol = Protocol(it.key() >> 8);
        const auto state = SocketState(it.key() & 0xff);
        it.value()->setValue((protocol == Protocol::Tcp ? m_prepared.tcp : m_prepared.udp)[size_t(state)]);
    }
    stateTile(Protocol::Tcp, SocketState::TimeWait)->setValue(m_prepared.timeWait);
    showCharts();
    showFigures();
    showPorts();

    m_notes->setText(m_prepared.notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!m_prepared.notes.isEmpty());
}

void OverviewPage::showCharts(bool all)
{
    if (!m_prepared.preparedOn)
        return;
    // On screen only the current tab's chart is seen; the others catch up on their tab,
    // or when catchUp() asks for all (a report). A page never shown updates all of them.
    const bool onScreen = !all && m_chartTabs->isVisible();
    const auto wanted = [this, onScreen](TimeChart *chart) {
        return !onScreen || m_chartTabs->currentWidget() == chart;
    };
    m_chartsBehind = onScreen;
    for (TimeChart *chart : {m_stateChart, m_timeWaitChart, m_destinationChart})
        if (wanted(chart))
            chart->setNow(m_prepared.nowMs, m_prepared.takenAt);

    if (wanted(m_timeWaitChart)) {
        m_timeWaitChart->setSeriesPoints(0, m_prepared.timeWaitPoints);
        m_timeWaitChart->setThreshold(0, m_prepared.timeWaitWarning);
        m_timeWaitChart->setThreshold(1, m_prepared.timeWaitCritical);
    }
    if (wanted(m_stateChart))
        m_stateChart->setAllSeriesPoints(m_prepared.layers);
    if (!wanted(m_destinationChart))
        return;
    for (int i = 0; i < TopDestinations; ++i)
        m_destinationChart->setSeriesName(i, i < m_prepared.top.size() ? m_prepared.top[i] : QString());
    m_destinationChart->setAllSeriesPoints(m_prepared.destinations);
    m_destinationChart->setThreshold(0, m_prepared.usableLine);
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
    tile->setLevel(m_worstLinkLevel.update(figure.level));
}

void OverviewPage::applySettings(const UiSettings &settings)
{
    const bool thresholdsChanged = settings.timeWaitRatio != m_settings.timeWaitRatio
                                   || settings.destinationShare != m_settings.destinationShare
                                   || settings.listenOverflowsPerSecond != m_settings.listenOverflowsPerSecond
                                   || settings.retransmitPercent != m_settings.retransmitPercent;
    m_settings = settings;
    {
        // One preparation for the three windows, not one per chart.
        const QSignalBlocker blockState(m_stateChart);
        const QSignalBlocker blockTimeWait(m_timeWaitChart);
        const QSignalBlocker blockDestinations(m_destinationChart);
        for (TimeChart *chart : {m_stateChart, m_timeWaitChart, m_destinationChart})
            chart->setWindow(settings.chartWindow);
    }
    // New levels apply to the value shown now, at once; other windows to the charts.
    if (!m_latest.isNull())
        request(Snapshot(), true, thresholdsChanged, thresholdsChanged);
    else if (thresholdsChanged)
        request(Snapshot(), false, true);
}

void OverviewPage::showFigures()
{
    const std::pair<FigureTile, const KeyFigure *> tiles[] = {
        {FigureTile::TimeWait, &m_prepared.figures.timeWait},
        {FigureTile::WorstDestination, &m_prepared.figures.worstDestination},
        {FigureTile::ListenOverflows, &m_prepared.figures.listenOverflows},
        {FigureTile::Retransmissions, &m_prepared.figures.retransmissions},
    };
    for (const auto &[which, figure] : tiles) {
        CountTile *tile = figureTile(which);
        tile->setValueText(figure->text.isEmpty() ? SocketFormat::notKnown() : figure->text);
        tile->setCaption(figure->caption);
        tile->setLevel(m_prepared.levels[size_t(which)]);
    }
}

void OverviewPage::showPorts()
{
    if (!m_prepared.rangeKnown) {
        for (CountTile *tile : std::as_const(m_portTiles)) {
            tile->setValueText(SocketFormat::notKnown());
            tile->setCaption(QString());
        }
        return;
    }
    portTile(PortTile::Range)->setValueText(m_prepared.rangeText);
    portTile(PortTile::Range)->setCaption(m_prepared.rangeCaption);
    portTile(PortTile::Usable)->setValue(m_prepared.usable);
    portTile(PortTile::Usable)->setCaption(m_prepared.usableCaption);
    portTile(PortTile::InUse)->setValue(m_prepared.inUse);
    portTile(PortTile::InUse)->setCaption(m_prepared.inUseCaption);
    portTile(PortTile::TopDestination)->setValueText(m_prepared.topText);
    portTile(PortTile::TopDestination)->setCaption(m_prepared.topCaption);
}

SampleNeed OverviewPage::sampleNeed() const
{
    // The state tiles and chart count every socket; the destinations chart needs the
    // remote ends. Neither needs tcp_info or owners.
    return SampleNeed::everySocket();
}

} // namespace Sockpit
