// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/timechart.h"

#include "charts/decimation.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Sockpit {

// Follows the mouse with the crosshair; everything else is QChartView's.
class TimeChartView final : public QChartView
{
public:
    TimeChartView(QChart *chart, TimeChart *owner)
        : QChartView(chart)
        , m_owner(owner)
    {
        setMouseTracking(true);
    }

protected:
    void mouseMoveEvent(QMouseEvent *event) override
    {
        const QPointF scenePoint = mapToScene(event->position().toPoint());
        const QPointF chartPoint = chart()->mapFromScene(scenePoint);
        if (chart()->plotArea().contains(chartPoint))
            m_owner->setCrosshair(chart()->mapToValue(chartPoint).x());
        else
            m_owner->setCrosshair(std::numeric_limits<double>::quiet_NaN());
        QChartView::mouseMoveEvent(event);
    }
    void leaveEvent(QEvent *event) override
    {
        m_owner->setCrosshair(std::numeric_limits<double>::quiet_NaN());
        QChartView::leaveEvent(event);
    }

private:
    TimeChart *m_owner;
};

namespace {

QString windowLabel(std::chrono::seconds window)
{
    if (window.count() % 3600 == 0)
        return TimeChart::tr("%n h", nullptr, int(window.count() / 3600));
    return TimeChart::tr("%n min", nullptr, int(window.count() / 60));
}

} // namespace

TimeChart::TimeChart(const QString &title, const QString &unit, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
    , m_unit(unit)
{
    m_chart = new QChart;
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(4);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->hide();

    m_xAxis = new QValueAxis;
    m_xAxis->setTitleText(tr("seconds before now"));
    m_xAxis->setLabelFormat(QStringLiteral("%d"));
    m_xAxis->setTickCount(7);
    m_chart->addAxis(m_xAxis, Qt::AlignBottom);

    m_yAxis = new QValueAxis;
    m_yAxis->setTitleText(unit);
    m_yAxis->setRange(0, 10);
    m_yAxis->setTickCount(5);
    m_chart->addAxis(m_yAxis, Qt::AlignLeft);

    m_view = new TimeChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(200);

    m_crosshair = new QGraphicsLineItem(m_chart);
    m_crosshair->setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    m_crosshair->setZValue(20);
    m_crosshair->hide();
    m_crosshairText = new QGraphicsSimpleTextItem(m_chart);
    m_crosshairText->setZValue(21);
    m_crosshairText->hide();

    auto *titleLabel = new QLabel(title, this);
    QFont titleFont = titleLabel->font();
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);

    m_windowBox = new QComboBox(this);
    m_windowBox->setObjectName(QStringLiteral("chartWindow"));
    m_windowBox->setToolTip(tr("How far back the chart reaches"));
    for (std::chrono::seconds window : windows())
        m_windowBox->addItem(windowLabel(window), qint64(window.count()));
    connect(m_windowBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        setWindow(std::chrono::seconds(m_windowBox->itemData(index).toLongLong()));
    });

    m_pauseButton = new QToolButton(this);
    m_pauseButton->setCheckable(true);
    m_pauseButton->setText(tr("Pause"));
    m_pauseButton->setToolTip(tr("Freeze this chart to read it; sampling goes on"));
    connect(m_pauseButton, &QToolButton::toggled, this, &TimeChart::setPaused);

    auto *header = new QHBoxLayout;
    header->addWidget(titleLabel, 1);
    header->addWidget(m_windowBox);
    header->addWidget(m_pauseButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);

    setWindow(m_window);
    setDecimals(0);
}

TimeChart::~TimeChart() = default;

QList<std::chrono::seconds> TimeChart::windows()
{
    using namespace std::chrono_literals;
    return {5min, 1h, 24h};
}

int TimeChart::addSeries(const QString &name, const QColor &color)
{
    auto *line = new QLineSeries;
    line->setName(name);
    QPen pen(color);
    pen.setWidthF(2.0);
    line->setPen(pen);
    m_chart->addSeries(line);
    line->attachAxis(m_xAxis);
    line->attachAxis(m_yAxis);
    m_series.push_back(Series{name, line, {}});
    const int index = int(m_series.size()) - 1;
    // More than one series: the legend names them, and a click on an entry hides or
    // shows its series.
    if (m_series.size() > 1)
        m_chart->legend()->show();
    const auto markers = m_chart->legend()->markers(line);
    for (QLegendMarker *marker : markers)
        connect(marker, &QLegendMarker::clicked, this, [this, index] { setSeriesVisible(index, !isSeriesVisible(index)); });
    return index;
}

QString TimeChart::seriesName(int index) const
{
    return m_series[size_t(index)].name;
}

void TimeChart::setNow(qint64 monotonicMs, const QDateTime &utc)
{
    m_nowMs = monotonicMs;
    m_nowUtc = utc;
}

void TimeChart::setSeriesPoints(int index, const QList<QPointF> &points)
{
    Series &series = m_series[size_t(index)];
    series.data = points;
    if (m_paused)
        return;
    redrawSeries(series);
    rescale();
}

void TimeChart::setWindow(std::chrono::seconds window)
{
    const bool changed = window != m_window;
    m_window = window;
    m_xAxis->setRange(-double(window.count()), 0);
    const int boxIndex = m_windowBox->findData(qint64(window.count()));
    if (boxIndex >= 0 && boxIndex != m_windowBox->currentIndex()) {
        const QSignalBlocker blocker(m_windowBox);
        m_windowBox->setCurrentIndex(boxIndex);
    }
    redraw();
    if (changed)
        Q_EMIT windowChanged(window);
}

void TimeChart::setDecimals(int decimals)
{
    m_decimals = decimals;
    m_yAxis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
}

void TimeChart::setPaused(bool paused)
{
    m_paused = paused;
    if (m_pauseButton->isChecked() != paused) {
        const QSignalBlocker blocker(m_pauseButton);
        m_pauseButton->setChecked(paused);
    }
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused)
        redraw();
}

void TimeChart::setSeriesVisible(int index, bool visible)
{
    Series &series = m_series[size_t(index)];
    series.line->setVisible(visible);
    // A hidden series stays in the legend, dimmed, so it can be clicked back.
    const auto markers = m_chart->legend()->markers(series.line);
    for (QLegendMarker *marker : markers) {
        marker->setVisible(true);
        QColor color = marker->labelBrush().color();
        color.setAlphaF(visible ? 1.0 : 0.4);
        marker->setLabelBrush(color);
    }
    rescale();
}

bool TimeChart::isSeriesVisible(int index) const
{
    return m_series[size_t(index)].line->isVisible();
}

void TimeChart::addThreshold(const QString &label, double value, const QColor &color)
{
    Threshold threshold;
    threshold.value = value;
    threshold.lower = new QLineSeries(this);
    threshold.upper = new QLineSeries(this);
    threshold.area = new QAreaSeries(threshold.upper, threshold.lower);
    threshold.area->setName(label);
    QColor fill = color;
    fill.setAlphaF(0.15);
    threshold.area->setBrush(fill);
    threshold.area->setPen(QPen(color, 1, Qt::DashLine));
    m_chart->addSeries(threshold.area);
    threshold.area->attachAxis(m_xAxis);
    threshold.area->attachAxis(m_yAxis);
    const auto markers = m_chart->legend()->markers(threshold.area);
    for (QLegendMarker *marker : markers)
        marker->setVisible(false);
    m_thresholds.push_back(threshold);
    rescale();
}

void TimeChart::setThreshold(int index, double value)
{
    m_thresholds[size_t(index)].value = value;
    rescale();
}

void TimeChart::addEventMarker(qint64 monotonicMs, const QString &label)
{
    auto *line = new QLineSeries;
    line->setName(label);
    line->setPen(QPen(QColor(0x8e, 0x44, 0xad), 1.5, Qt::DotLine));
    m_chart->addSeries(line);
    line->attachAxis(m_xAxis);
    line->attachAxis(m_yAxis);
    const auto markers = m_chart->legend()->markers(line);
    for (QLegendMarker *marker : markers)
        marker->setVisible(false);
    m_markers.push_back(Marker{monotonicMs, line});
    rescale();
}

int TimeChart::pixelColumns() const
{
    const int width = int(m_chart->plotArea().width());
    // Before the first layout (or off screen) assume a wide chart: decimating too little
    // costs a little time, decimating too much would lose detail.
    return width > 50 ? width : 1600;
}

void TimeChart::redrawSeries(Series &series)
{
    series.line->replace(decimateMinMax(series.data, -double(m_window.count()), 0, pixelColumns()));
}

void TimeChart::redraw()
{
    if (m_paused)
        return;
    for (Series &series : m_series)
        redrawSeries(series);
    rescale();
}

void TimeChart::rescale()
{
    double top = 0;
    for (const Series &series : m_series) {
        if (!series.line->isVisible())
            continue;
        const auto points = series.line->points();
        for (const QPointF &point : points)
            top = std::max(top, point.y());
    }
    // Headroom above the highest point, with round tick values; never a zero range.
    const double upper = std::max(top * 1.1, m_decimals > 0 ? 1.0 : 10.0);
    m_yAxis->setRange(0, upper);
    m_yAxis->applyNiceNumbers();
    const double axisTop = m_yAxis->max();
    const double left = -double(m_window.count());
    for (const Threshold &threshold : m_thresholds) {
        // A threshold above the axis has no band to show.
        threshold.area->setVisible(threshold.value < axisTop);
        const double bottom = std::min(threshold.value, axisTop);
        threshold.lower->replace({QPointF(left, bottom), QPointF(0, bottom)});
        threshold.upper->replace({QPointF(left, axisTop), QPointF(0, axisTop)});
    }
    for (const Marker &marker : m_markers) {
        const double x = double(marker.monotonicMs - m_nowMs) / 1000.0;
        if (x < left || x > 0)
            marker.line->clear();
        else
            marker.line->replace({QPointF(x, 0), QPointF(x, axisTop)});
    }
}

QString TimeChart::readout(double x) const
{
    QStringList lines;
    lines << tr("%1 s before now").arg(QLocale().toString(-x, 'f', 0));
    for (const Series &series : m_series) {
        if (!series.line->isVisible() || series.data.isEmpty())
            continue;
        // The nearest sample to x.
        const auto it = std::lower_bound(series.data.cbegin(), series.data.cend(), x,
                                         [](const QPointF &p, double value) { return p.x() < value; });
        auto nearest = it == series.data.cend() ? it - 1 : it;
        if (it != series.data.cbegin() && it != series.data.cend() && std::abs((it - 1)->x() - x) < std::abs(it->x() - x))
            nearest = it - 1;
        lines << tr("%1: %2 %3").arg(series.name, QLocale().toString(nearest->y(), 'f', m_decimals), m_unit);
    }
    return lines.join(QLatin1Char('\n'));
}

void TimeChart::setCrosshair(double x)
{
    if (std::isnan(x)) {
        m_crosshair->hide();
        m_crosshairText->hide();
        return;
    }
    const QPointF top = m_chart->mapToPosition(QPointF(x, m_yAxis->max()));
    const QPointF bottom = m_chart->mapToPosition(QPointF(x, m_yAxis->min()));
    m_crosshair->setLine(QLineF(top, bottom));
    m_crosshair->show();
    m_crosshairText->setText(readout(x));
    m_crosshairText->setBrush(palette().color(QPalette::WindowText));
    QPointF textAt = top + QPointF(6, 4);
    if (textAt.x() + m_crosshairText->boundingRect().width() > m_chart->plotArea().right())
        textAt.setX(top.x() - 6 - m_crosshairText->boundingRect().width());
    m_crosshairText->setPos(textAt);
    m_crosshairText->show();
}

QString TimeChart::timeRangeText() const
{
    const QDateTime end = m_nowUtc.isValid() ? m_nowUtc : QDateTime::currentDateTimeUtc();
    const QDateTime start = end.addSecs(-m_window.count());
    return tr("%1 – %2 UTC")
        .arg(start.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), end.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

QImage TimeChart::renderImage(const QSize &size, const QString &hostName)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    font.setPixelSize(std::max(12, size.height() / 40));
    QFont bold = font;
    bold.setBold(true);
    bold.setPixelSize(font.pixelSize() * 5 / 4);
    const int margin = font.pixelSize();
    painter.setPen(Qt::black);
    painter.setFont(bold);
    const QFontMetrics boldMetrics(bold);
    painter.drawText(QPoint(margin, margin + boldMetrics.ascent()), m_title);
    painter.setFont(font);
    const QFontMetrics metrics(font);
    const int infoY = margin + boldMetrics.height() + metrics.ascent();
    painter.drawText(QPoint(margin, infoY), tr("Host: %1   Time range: %2   Unit: %3").arg(hostName, timeRangeText(), m_unit));
    const int top = infoY + metrics.descent() + margin / 2;
    const QRect chartRect(0, top, size.width(), size.height() - top);
    // Laid out again at the size asked for, drawn from the scene rather than grabbed from
    // the screen, then given back to the view.
    const QRectF before = m_chart->geometry();
    const bool crosshairShown = m_crosshair->isVisible();
    m_crosshair->hide();
    m_crosshairText->hide();
    m_chart->setGeometry(QRectF(QPointF(0, 0), chartRect.size()));
    redraw();
    m_view->scene()->render(&painter, chartRect, QRectF(QPointF(0, 0), chartRect.size()));
    m_chart->setGeometry(before);
    redraw();
    m_crosshair->setVisible(crosshairShown);
    m_crosshairText->setVisible(crosshairShown);
    return image;
}

} // namespace Sockpit
