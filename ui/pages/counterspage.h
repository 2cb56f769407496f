// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/countertablemodel.h"
#include "models/trendmodel.h"
#include "pages/page.h"
#include "sampling/snapshot.h"

#include <memory>

class QTableView;
class QThread;

namespace Sockpit {

class TickPreparer;

// Kernel counter rates in a table, each key counter explained on hover, and the rates
// that signal trouble (retransmissions, listen overflows, TIME_WAIT overflow) over time.
class CountersPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"counters";

    // The counters the chart follows, in its series' order.
    static const std::vector<QByteArray> &chartedCounters();
    // The rates behind the chart; only the preparation touches them, one tick after the
    // other (TickPreparer).
    struct History
    {
        History();
        std::vector<TrendModel> trends; // one per chartedCounters()
        Snapshot latest;
    };
    // The table's rows and the chart's points for one tick.
    struct Prepared
    {
        QThread *preparedOn = nullptr; // null: nothing prepared yet
        qint64 nowMs = 0;
        QDateTime takenAt;
        CounterTableModel::Rows rows;
        QList<QList<QPointF>> points; // one per chartedCounters()
    };
    // Adds SNAPSHOT (unless null) to HISTORY and, with SHOW, prepares what the page shows
    // for the history's latest over the chart's WINDOW; on any thread.
    static Prepared prepare(History &history, const Snapshot &snapshot, bool show, std::chrono::seconds window);

    explicit CountersPage(QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showSnapshot(const Snapshot &snapshot) override;
    SampleNeed sampleNeed() const override;
    void catchUp() override;
    void applySettings(const UiSettings &settings) override;
    QList<TimeChart *> charts() const override { return {m_chart}; }

    CounterTableModel *model() const { return m_model; }
    TimeChart *ratesChart() const { return m_chart; }
    TickPreparer *preparer() const { return m_preparer; }
    const Prepared &prepared() const { return m_prepared; }

private:
    void request(const Snapshot &snapshot, bool show);
    void showPrepared(Prepared prepared);

    CounterTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    TimeChart *m_chart = nullptr;
    TickPreparer *m_preparer = nullptr;
    std::shared_ptr<History> m_history;
    Prepared m_prepared;
    Snapshot m_latest;
    bool m_behind = false; // ticks arrived out of sight: the table and chart wait
};

} // namespace Sockpit
