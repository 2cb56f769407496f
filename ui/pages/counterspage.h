// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/trendmodel.h"
#include "pages/page.h"
#include "sampling/snapshot.h"

class QTableView;

namespace Sockpit {

class CounterTableModel;

// Kernel counter rates in a table, each key counter explained on hover, and the rates
// that signal trouble (retransmissions, listen overflows, TIME_WAIT overflow) over time.
class CountersPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"counters";

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

private:
    CounterTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    TimeChart *m_chart = nullptr;
    std::vector<QByteArray> m_charted;
    std::vector<TrendModel> m_trends;
    Snapshot m_latest;
    bool m_behind = false; // ticks arrived out of sight: the table and chart wait

    void showLatest();
};

} // namespace Sockpit
