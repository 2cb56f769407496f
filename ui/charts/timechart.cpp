// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/timechart.h"

#include "charts/decimation.h"
#include "style/palette.h"

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
#include <QScatterSeries>
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

    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        placeMarks();
        placeMarkerLabels();
    });
    applyPalette();
    setWindow(m_window);
    setDecimals(0);
}

TimeChart::~TimeChart() = default;

QList<std::chrono::seconds> TimeChart::windows()
{
    using namespace std::chrono_literals;
    return {5min, 1h, 24h};
}

void TimeChart::setStacked(bool stacked)
{
    if (m_series.empty())
        m_stacked = stacked;
}

void TimeChart::connectLegend(QAbstractSeries *series, int index)
{
    const auto markers = m_chart->legend()->markers(series);
    for (QLegendMarker *marker : markers)
        connect(marker, &QLegendMarker::clicked, this, [this, index] { setSeriesVisible(index, !isSeriesVisible(index)); });
}

int TimeChart::addSeries(const QString &name, const QColor &color)
{
    Series series;
    series.name = name;
    // Owned by the chart when it is added to it, by this widget when an area holds it.
    series.line = m_stacked ? new QLineSeries(this) : new QLineSeries;
    series.line->setName(name);
    QPen pen(color);
    pen.setWidthF(m_stacked ? 1.0 : 2.0);
    series.line->setPen(pen);
    QAbstractSeries *shown = series.line;
    if (m_stacked) {
        // The area between the cumulative sum below this series and the one including it.
        series.lower = new QLineSeries(this);
        series.area = new QAreaSeries(series.line, series.lower);
        series.area->setName(name);
        series.area->setPen(pen);
        QColor fill = color;
        fill.setAlphaF(0.75);
        series.area->setBrush(fill);
        shown = series.area;
    }
    m_chart->addSeries(shown);
    shown->attachAxis(m_xAxis);
    shown->attachAxis(m_yAxis);
    m_series.push_back(series);
    const int index = int(m_series.size()) - 1;
    // More than one series: the legend names them, and a click on an entry hides or
    // shows its series.
    if (m_series.size() > 1)
        m_chart->legend()->show();
    connectLegend(shown, index);
    if (name.isEmpty())
        for (QLegendMarker *marker : m_chart->legend()->markers(shown))
            marker->setVisible(false);
    return index;
}

QString TimeChart::seriesName(int index) const
{
    return m_series[size_t(index)].name;
}

void TimeChart::setSeriesName(int index, const QString &name)
{
    Series &series = m_series[size_t(index)];
    if (series.name == name)
        return;
    series.name = name;
    series.line->setName(name);
    if (series.area)
        series.area->setName(name);
    // A nameless series (an unused slot) has no legend entry.
    const auto markers = m_chart->legend()->markers(series.area ? static_cast<QAbstractSeries *>(series.area)
                                                                : series.line);
    for (QLegendMarker *marker : markers)
        marker->setVisible(!name.isEmpty());
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
    if (m_stacked)
        redrawStack();
    else
        redrawSeries(series);
    rescale();
}

void TimeChart::setAllSeriesPoints(const QList<QList<QPointF>> &points)
{
    for (qsizetype i = 0; i < points.size() && i < qsizetype(m_series.size()); ++i)
        m_series[size_t(i)].data = points[i];
    redraw();
}

int TimeChart::addBand(const QString &name, const QColor &color)
{
    Band band;
    band.name = name;
    band.lowerLine = new QLineSeries(this);
    band.upperLine = new QLineSeries(this);
    band.area = new QAreaSeries(band.upperLine, band.lowerLine);
    band.area->setName(name);
    QColor fill = color;
    fill.setAlphaF(0.25);
    band.area->setBrush(fill);
    band.area->setPen(Qt::NoPen);
    m_chart->addSeries(band.area);
    band.area->attachAxis(m_xAxis);
    band.area->attachAxis(m_yAxis);
    m_bands.push_back(band);
    m_chart->legend()->show();
    return int(m_bands.size()) - 1;
}

void TimeChart::setBandPoints(int index, const QList<QPointF> &lower, const QList<QPointF> &upper)
{
    Band &band = m_bands[size_t(index)];
    band.lower = lower;
    band.upper = upper;
    if (m_paused)
        return;
    redrawBand(band);
    rescale();
}

int TimeChart::addMarks(const QString &name, const QColor &color)
{
    Marks marks;
    marks.name = name;
    marks.scatter = new QScatterSeries(this);
    marks.scatter->setName(name);
    marks.scatter->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    marks.scatter->setMarkerSize(10);
    marks.scatter->setColor(color);
    marks.scatter->setBorderColor(color.darker(130));
    m_chart->addSeries(marks.scatter);
    marks.scatter->attachAxis(m_xAxis);
    marks.scatter->attachAxis(m_yAxis);
    m_marks.push_back(marks);
    m_chart->legend()->show();
    return int(m_marks.size()) - 1;
}

void TimeChart::setMarks(int index, const QList<double> &x)
{
    m_marks[size_t(index)].x = x;
    if (!m_paused)
        placeMarks();
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
    if (series.area)
        series.area->setVisible(visible);
    // The layers above close the gap.
    if (m_stacked && !m_paused)
        redrawStack();
    // A hidden series stays in the legend, dimmed, so it can be clicked back (after the
    // redraw: an area's marker follows its series' visibility whenever its edges change).
    const auto markers = m_chart->legend()->markers(series.area ? static_cast<QAbstractSeries *>(series.area)
                                                                : series.line);
    for (QLegendMarker *marker : markers) {
        marker->setVisible(!series.name.isEmpty());
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
    const QColor color = Palette::color(Palette::Role::EventMarker);
    auto *line = new QLineSeries;
    line->setName(label);
    line->setPen(QPen(color, 1.5, Qt::DotLine));
    m_chart->addSeries(line);
    line->attachAxis(m_xAxis);
    line->attachAxis(m_yAxis);
    const auto markers = m_chart->legend()->markers(line);
    for (QLegendMarker *marker : markers)
        marker->setVisible(false);
    auto *text = new QGraphicsSimpleTextItem(label, m_chart);
    text->setBrush(color);
    text->setZValue(19);
    m_markers.push_back(Marker{monotonicMs, label, line, text});
    rescale();
}

QString TimeChart::eventMarkerLabel(int index) const
{
    return m_markers[size_t(index)].label;
}

double TimeChart::eventMarkerX(int index) const
{
    const double x = double(m_markers[size_t(index)].monotonicMs - m_nowMs) / 1000.0;
    return x < -double(m_window.count()) || x > 0 ? std::numeric_limits<double>::quiet_NaN() : x;
}

void TimeChart::placeMarkerLabels()
{
    for (const Marker &marker : m_markers) {
        const double x = double(marker.monotonicMs - m_nowMs) / 1000.0;
        const bool inside = x >= -double(m_window.count()) && x <= 0;
        marker.text->setVisible(inside);
        if (!inside)
            continue;
        const QPointF top = m_chart->mapToPosition(QPointF(x, m_axisTop), marker.line);
        // Right of the line, or left of it when it would leave the plot.
        QPointF at = top + QPointF(4, 2);
        if (at.x() + marker.text->boundingRect().width() > m_chart->plotArea().right())
            at.setX(top.x() - 4 - marker.text->boundingRect().width());
        marker.text->setPos(at);
    }
}

int TimeChart::pixelColumns() const
{
    const int width = int(m_chart->plotArea().width());
    // Before the first layout (or off screen) assume a wide chart: decimating too little
    // costs a little time, decimating too much would lose detail.
    return width > 50 ? width : 1600;
}

namespace {

double maxY(const QList<QPointF> &points)
{
    double top = 0;
    for (const QPointF &point : points)
        top = std::max(top, point.y());
    return top;
}

} // namespace

void TimeChart::redrawSeries(Series &series)
{
    const QList<QPointF> drawn = decimateMinMax(series.data, -double(m_window.count()), 0, pixelColumns());
    series.drawnMax = maxY(drawn);
    series.line->replace(drawn);
}

void TimeChart::redrawStack()
{
    // Hidden layers leave the stack; the cumulative edges of the rest are decimated
    // together so they share x and never cross.
    QList<QList<QPointF>> layers;
    std::vector<size_t> visible;
    for (size_t i = 0; i < m_series.size(); ++i) {
        if (m_series[i].area->isVisible()) {
            layers.append(m_series[i].data);
            visible.push_back(i);
        }
    }
    const QList<QList<QPointF>> edges =
        decimateLayers(cumulativeLayers(layers), -double(m_window.count()), 0, pixelColumns());
    QList<QPointF> below;
    for (size_t k = 0; k < visible.size(); ++k) {
        Series &series = m_series[visible[k]];
        const QList<QPointF> &upper = edges[qsizetype(k)];
        if (k == 0) {
            // The bottom layer stands on zero at the same sample times.
            below = upper;
            for (QPointF &point : below)
                point.setY(0);
        }
        series.drawnMax = maxY(upper);
        series.lower->replace(below);
        series.line->replace(upper);
        below = upper;
    }
    // Replacing an area's edges resets its legend marker to the area's visibility; a
    // hidden layer keeps its (dimmed) entry to be clicked back.
    for (const Series &series : m_series) {
        if (series.area->isVisible() || series.name.isEmpty())
            continue;
        for (QLegendMarker *marker : m_chart->legend()->markers(series.area))
            marker->setVisible(true);
    }
}

void TimeChart::redrawBand(Band &band)
{
    const QList<QList<QPointF>> edges =
        decimateLayers({band.lower, band.upper}, -double(m_window.count()), 0, pixelColumns());
    band.drawnMax = maxY(edges[1]);
    band.lowerLine->replace(edges[0]);
    band.upperLine->replace(edges[1]);
}

void TimeChart::placeMarks()
{
    // Along the top edge, one symbol per pixel column at most.
    const double left = -double(m_window.count());
    const int columns = pixelColumns();
    const double scale = double(columns) / -left;
    const double y = m_axisTop * 0.96;
    for (Marks &marks : m_marks) {
        QList<QPointF> drawn;
        int lastColumn = -1;
        for (double x : std::as_const(marks.x)) {
            if (x < left || x > 0)
                continue;
            const int column = int((x - left) * scale);
            if (column == lastColumn)
                continue;
            lastColumn = column;
            drawn.append(QPointF(x, y));
        }
        marks.scatter->replace(drawn);
    }
}

void TimeChart::redraw()
{
    if (m_paused)
        return;
    if (m_stacked)
        redrawStack();
    else
        for (Series &series : m_series)
            redrawSeries(series);
    for (Band &band : m_bands)
        redrawBand(band);
    placeMarks();
    rescale();
}

void TimeChart::rescale()
{
    double top = 0;
    for (const Series &series : m_series)
        if (series.line->isVisible())
            top = std::max(top, series.drawnMax);
    for (const Band &band : m_bands)
        if (band.area->isVisible())
            top = std::max(top, band.drawnMax);
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
    const bool topMoved = axisTop != m_axisTop;
    m_axisTop = axisTop;
    if (topMoved)
        placeMarks();
    placeMarkerLabels();
}

void TimeChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void TimeChart::applyPalette()
{
    // The chart's own themes would reset every series colour; only the frame follows the
    // palette, so a dark desktop gets a dark chart with the same series colours.
    const QPalette colors = palette();
    const QColor text = colors.color(QPalette::Text);
    QColor grid = colors.color(QPalette::Text);
    grid.setAlphaF(0.15);
    m_chart->setBackgroundBrush(colors.color(QPalette::Base));
    m_chart->setBackgroundPen(QPen(colors.color(QPalette::Mid)));
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->legend()->setLabelColor(text);
    for (QValueAxis *axis : {m_xAxis, m_yAxis}) {
        axis->setLabelsBrush(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(colors.color(QPalette::Mid));
    }
    m_view->setBackgroundBrush(colors.color(QPalette::Window));
    m_crosshair->setPen(QPen(colors.color(QPalette::Mid), 1, Qt::DashLine));
    // Legend entries keep their dimming for hidden series.
    for (size_t i = 0; i < m_series.size(); ++i)
        if (!isSeriesVisible(int(i)))
            setSeriesVisible(int(i), false);
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
    for (const Band &band : m_bands) {
        if (!band.area->isVisible() || band.lower.isEmpty() || band.lower.size() != band.upper.size())
            continue;
        const auto it = std::lower_bound(band.lower.cbegin(), band.lower.cend(), x,
                                         [](const QPointF &p, double value) { return p.x() < value; });
        const qsizetype i = std::min<qsizetype>(it - band.lower.cbegin(), band.lower.size() - 1);
        lines << tr("%1: %2 – %3 %4")
                     .arg(band.name, QLocale().toString(band.lower[i].y(), 'f', m_decimals),
                          QLocale().toString(band.upper[i].y(), 'f', m_decimals), m_unit);
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
    // The chart's own colours, so the header matches it on a dark palette too.
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    font.setPixelSize(std::max(12, size.height() / 40));
    QFont bold = font;
    bold.setBold(true);
    bold.setPixelSize(font.pixelSize() * 5 / 4);
    const int margin = font.pixelSize();
    painter.setPen(palette().color(QPalette::Text));
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
