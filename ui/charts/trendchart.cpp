// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/trendchart.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace Sockpit {

TrendChart::TrendChart(const QString &name, const QString &unit, QWidget *parent)
    : QWidget(parent)
    , m_name(name)
    , m_unit(unit)
{
    m_series = new QLineSeries;
    m_series->setName(name);
    QPen pen(QColor(0x2b, 0x6c, 0xb0));
    pen.setWidthF(2.0);
    m_series->setPen(pen);

    m_chart = new QChart;
    m_chart->addSeries(m_series);
    m_chart->legend()->hide();
    m_chart->setTitle(name);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(4);

    m_xAxis = new QValueAxis;
    m_xAxis->setTitleText(tr("seconds before now"));
    m_xAxis->setLabelFormat(QStringLiteral("%d"));
    m_xAxis->setTickCount(6);
    m_chart->addAxis(m_xAxis, Qt::AlignBottom);
    m_series->attachAxis(m_xAxis);

    m_yAxis = new QValueAxis;
    m_yAxis->setTitleText(unit);
    m_yAxis->setRange(0, 10);
    m_yAxis->applyNiceNumbers();
    m_yAxis->setTickCount(5);
    m_chart->addAxis(m_yAxis, Qt::AlignLeft);
    m_series->attachAxis(m_yAxis);

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(220);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    setWindow(m_window);
    setDecimals(0);
}

void TrendChart::setWindow(std::chrono::seconds window)
{
    m_window = window;
    m_xAxis->setRange(-double(window.count()), 0);
}

void TrendChart::setDecimals(int decimals)
{
    m_decimals = decimals;
    m_yAxis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
}

void TrendChart::setPoints(const QList<QPointF> &points)
{
    m_series->replace(points);
    double top = 0;
    for (const QPointF &point : points)
        top = std::max(top, point.y());
    // Headroom above the highest point, with round tick values; never a zero range.
    m_yAxis->setRange(0, std::max(top * 1.1, m_decimals > 0 ? 1.0 : 10.0));
    m_yAxis->applyNiceNumbers();
}

QList<QPointF> TrendChart::points() const
{
    return m_series->points();
}

} // namespace Sockpit
