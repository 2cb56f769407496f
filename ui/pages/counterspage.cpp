// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/counterspage.h"

#include "charts/timechart.h"
#include "models/countertablemodel.h"
#include "models/tickpreparer.h"
#include "sampling/snapshot.h"
#include "settings/uisettings.h"
#include "style/palette.h"

#include <QApplication>
#include <QHeaderView>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

namespace Sockpit {

const std::vector<QByteArray> &CountersPage::chartedCounters()
{
    static const std::vector<QByteArray> names{QByteArrayLiteral("Tcp.RetransSegs"),
                                               QByteArrayLiteral("TcpExt.ListenOverflows"),
                                               QByteArrayLiteral("TcpExt.TCPTimeWaitOverflow")};
    return names;
}

CountersPage::History::History()
{
    for (size_t i = 0; i < chartedCounters().size(); ++i)
        trends.emplace_back(std::chrono::hours(24), 24 * 3600 + 60);
}

CountersPage::CountersPage(QWidget *parent)
    : Page(Id.toString(), parent)
    , m_preparer(new TickPreparer(QStringLiteral("counters"), this))
    , m_history(std::make_shared<History>())
{
    m_model = new CounterTableModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("counters"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(CounterTableModel::NameColumn, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);

    m_chart = new TimeChart(tr("Kernel counter rates"), tr("events/s"), this);
    m_chart->setDecimals(1);
    m_chart->addSeries(tr("Retransmitted segments"), Palette::color(Palette::Role::Primary));
    m_chart->addSeries(tr("Listen overflows"), Palette::color(Palette::Role::Secondary));
    m_chart->addSeries(tr("TIME_WAIT overflows"), Palette::color(Palette::Role::Tertiary));
    connect(m_chart, &TimeChart::windowChanged, this, [this] {
        if (!m_latest.isNull())
            request(Snapshot(), true);
    });

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("countersSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
}

QString CountersPage::title() const
{
    return tr("Counters");
}

QIcon CountersPage::icon() const
{
    return QApplication::style()->standardIcon(QStyle::SP_FileDialogDetailedView);
}

CountersPage::Prepared CountersPage::prepare(History &history, const Snapshot &snapshot, bool show,
                                            std::chrono::seconds window)
{
    if (!snapshot.isNull()) {
        const CounterSet &counters = snapshot.counters();
        for (size_t i = 0; i < chartedCounters().size(); ++i) {
            const auto rate = counters.rate(chartedCounters()[i]);
            if (rate && *rate >= 0)
                history.trends[i].add(snapshot.monotonicMs(), *rate);
        }
        history.latest = snapshot;
    }
    Prepared out;
    if (!show || history.latest.isNull())
        return out;
    out.preparedOn = QThread::currentThread();
    out.nowMs = history.latest.monotonicMs();
    out.takenAt = history.latest.takenAt();
    out.rows = CounterTableModel::rowsOf(history.latest.counters());
    for (const TrendModel &trend : history.trends)
        out.points << trend.points(out.nowMs, window);
    return out;
}

void CountersPage::request(const Snapshot &snapshot, bool show)
{
    const size_t sockets = std::max(snapshot.sockets().size(), m_latest.sockets().size());
    m_preparer->post(sockets, [history = m_history, snapshot, show, window = m_chart->window(),
                               this]() -> TickPreparer::Apply {
        Prepared prepared = prepare(*history, snapshot, show, window);
        if (!prepared.preparedOn)
            return {};
        return [this, prepared = std::move(prepared)]() mutable { showPrepared(std::move(prepared)); };
    });
}

void CountersPage::showSnapshot(const Snapshot &snapshot)
{
    if (snapshot.isNull())
        return;
    m_latest = snapshot;
    m_behind = isOutOfSight();
    request(snapshot, !m_behind);
}

void CountersPage::catchUp()
{
    if (m_behind && !m_latest.isNull())
        request(Snapshot(), true);
    m_behind = false;
    m_preparer->finishNow();
}

void CountersPage::showPrepared(Prepared prepared)
{
    m_prepared = std::move(prepared);
    m_model->present(m_prepared.rows);
    m_chart->setNow(m_prepared.nowMs, m_prepared.takenAt);
    m_chart->setAllSeriesPoints(m_prepared.points);
}

void CountersPage::applySettings(const UiSettings &settings)
{
    m_chart->setWindow(settings.chartWindow);
}

SampleNeed CountersPage::sampleNeed() const
{
    // Counters only: every tick reads them.
    return SampleNeed::summary();
}

} // namespace Sockpit
