// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/counterspage.h"

#include "charts/timechart.h"
#include "models/countertablemodel.h"
#include "sampling/snapshot.h"
#include "settings/uisettings.h"
#include "style/palette.h"

#include <QApplication>
#include <QHeaderView>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace Sockpit {

CountersPage::CountersPage(QWidget *parent)
    : Page(Id.toString(), parent)
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
    m_charted = {QByteArrayLiteral("Tcp.RetransSegs"), QByteArrayLiteral("TcpExt.ListenOverflows"),
                 QByteArrayLiteral("TcpExt.TCPTimeWaitOverflow")};
    m_chart->addSeries(tr("Retransmitted segments"), Palette::color(Palette::Role::Primary));
    m_chart->addSeries(tr("Listen overflows"), Palette::color(Palette::Role::Secondary));
    m_chart->addSeries(tr("TIME_WAIT overflows"), Palette::color(Palette::Role::Tertiary));
    for (size_t i = 0; i < m_charted.size(); ++i)
        m_trends.emplace_back(std::chrono::hours(24), 24 * 3600 + 60);

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

void CountersPage::showSnapshot(const Snapshot &snapshot)
{
    if (snapshot.isNull())
        return;
    const CounterSet &counters = snapshot.counters();
    for (size_t i = 0; i < m_charted.size(); ++i) {
        const auto rate = counters.rate(m_charted[i]);
        if (rate && *rate >= 0)
            m_trends[i].add(snapshot.monotonicMs(), *rate);
    }
    m_latest = snapshot;
    m_behind = isOutOfSight();
    if (!m_behind)
        showLatest();
}

void CountersPage::catchUp()
{
    if (m_behind && !m_latest.isNull())
        showLatest();
    m_behind = false;
}

void CountersPage::showLatest()
{
    m_model->setCounters(m_latest.counters());
    m_chart->setNow(m_latest.monotonicMs(), m_latest.takenAt());
    for (size_t i = 0; i < m_charted.size(); ++i)
        m_chart->setSeriesPoints(int(i), m_trends[i].points(m_latest.monotonicMs(), m_chart->window()));
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
