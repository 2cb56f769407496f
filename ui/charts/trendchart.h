// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointF>
#include <QWidget>

#include <chrono>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace Sockpit {

// A line chart of one figure over the recent past: x is seconds relative to now
// (-300 .. 0), y the figure in its unit. Feed it TrendModel::points() once per sample;
// the whole series is replaced in one go, which keeps redraws to one per sample.
class TrendChart final : public QWidget
{
    Q_OBJECT
public:
    TrendChart(const QString &name, const QString &unit, QWidget *parent = nullptr);

    QString name() const { return m_name; }
    QString unit() const { return m_unit; }
    void setWindow(std::chrono::seconds window);
    std::chrono::seconds window() const { return m_window; }
    void setDecimals(int decimals);

    void setPoints(const QList<QPointF> &points);
    QList<QPointF> points() const;

    QLineSeries *series() const { return m_series; }
    QValueAxis *valueAxis() const { return m_yAxis; }

private:
    QString m_name;
    QString m_unit;
    std::chrono::seconds m_window{300};
    int m_decimals = 0;
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QLineSeries *m_series = nullptr;
    QValueAxis *m_xAxis = nullptr;
    QValueAxis *m_yAxis = nullptr;
};

} // namespace Sockpit
