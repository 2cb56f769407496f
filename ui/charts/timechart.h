// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QWidget>

#include <chrono>
#include <vector>

class QAbstractSeries;
class QAreaSeries;
class QChart;
class QComboBox;
class QGraphicsLineItem;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QScatterSeries;
class QToolButton;
class QValueAxis;

namespace Sockpit {

class TimeChartView;

// The one chart every page uses: figures over the recent past, x in seconds relative to
// now (so values stay small and float precision never bites), windows of 5 min, 1 h and
// 24 h, pause and resume, a crosshair that reads every series, legend entries that toggle
// their series, threshold bands and event markers. Series are fed whole (relative x,
// oldest first); each is cut to the window and decimated to min/max per pixel column
// before it reaches Qt Charts, and replaced in one call.
//
// A stacked chart (setStacked() before the first addSeries()) draws each series as an
// area on top of the ones added before it; the cumulative edges are decimated together so
// no layer loses an extreme and no two edges cross. Bands (a range around a line, such as
// RTT ± jitter) and marks (moments, such as lost probes, drawn along the top edge) go with
// either kind. Colours follow the widget's palette, light or dark.
class TimeChart final : public QWidget
{
    Q_OBJECT
public:
    TimeChart(const QString &title, const QString &unit, QWidget *parent = nullptr);
    ~TimeChart() override;

    // The windows the window box offers.
    static QList<std::chrono::seconds> windows();

    QString title() const { return m_title; }
    QString unit() const { return m_unit; }
    // The unit of the tooltips and the exported image's footer.
    void setUnit(const QString &unit) { m_unit = unit; }

    // Stacked areas instead of lines; only before the first addSeries().
    void setStacked(bool stacked);
    bool isStacked() const { return m_stacked; }

    // Returns the index of the new series.
    int addSeries(const QString &name, const QColor &color);
    int seriesCount() const { return int(m_series.size()); }
    QString seriesName(int index) const;
    // Renames a series (a slot that shows whichever destination is busiest now).
    void setSeriesName(int index, const QString &name);

    // now is the time x = 0 stands for, as wall-clock UTC and on the snapshot's
    // monotonic clock (event markers are placed by the latter).
    void setNow(qint64 monotonicMs, const QDateTime &utc);
    // Relative points, oldest first; kept whole for CSV export, decimated for drawing.
    void setSeriesPoints(int index, const QList<QPointF> &points);
    // Every series at once, in index order: one redraw and one rescale for all of them.
    void setAllSeriesPoints(const QList<QList<QPointF>> &points);
    // The points as handed to setSeriesPoints (not decimated).
    QList<QPointF> seriesData(int index) const { return m_series[size_t(index)].data; }

    // A tinted range between a lower and an upper edge that share their x values.
    int addBand(const QString &name, const QColor &color);
    int bandCount() const { return int(m_bands.size()); }
    QString bandName(int index) const { return m_bands[size_t(index)].name; }
    void setBandPoints(int index, const QList<QPointF> &lower, const QList<QPointF> &upper);
    QList<QPointF> bandLower(int index) const { return m_bands[size_t(index)].lower; }
    QList<QPointF> bandUpper(int index) const { return m_bands[size_t(index)].upper; }
    QAreaSeries *bandArea(int index) const { return m_bands[size_t(index)].area; }

    // Moments drawn as symbols along the top edge, at most one per pixel column.
    int addMarks(const QString &name, const QColor &color);
    int marksCount() const { return int(m_marks.size()); }
    QString marksName(int index) const { return m_marks[size_t(index)].name; }
    // x in seconds relative to now, oldest first.
    void setMarks(int index, const QList<double> &x);
    QList<double> marksData(int index) const { return m_marks[size_t(index)].x; }
    QScatterSeries *marksSeries(int index) const { return m_marks[size_t(index)].scatter; }

    void setWindow(std::chrono::seconds window);
    std::chrono::seconds window() const { return m_window; }
    void setDecimals(int decimals);

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    void setSeriesVisible(int index, bool visible);
    bool isSeriesVisible(int index) const;

    // A band from value to the top of the chart, tinted: the region where the figure is
    // in trouble.
    void addThreshold(const QString &label, double value, const QColor &color);
    void setThreshold(int index, double value);
    // A vertical line with its label at a moment on the monotonic clock the snapshots'
    // monotonicMs use ("tuning applied"); it moves left as time passes.
    void addEventMarker(qint64 monotonicMs, const QString &label);
    int eventMarkerCount() const { return int(m_markers.size()); }
    QString eventMarkerLabel(int index) const;
    // Where the marker is drawn now, in seconds relative to now; NaN outside the window.
    double eventMarkerX(int index) const;

    // What the crosshair reads at x seconds before now: one line per visible series.
    QString readout(double x) const;
    // Moves the crosshair to x (seconds relative to now); NaN hides it.
    void setCrosshair(double x);

    // The chart drawn at size with a header (title, host name, time range, unit).
    QImage renderImage(const QSize &size, const QString &hostName);
    // "2024-05-01 11:55:00 – 12:00:00 UTC" for the current window and now.
    QString timeRangeText() const;
    QDateTime nowUtc() const { return m_nowUtc; }

    // The Qt Charts objects, for tests and exports. For a stacked chart, series() is the
    // upper edge of the series' area.
    QLineSeries *series(int index = 0) const { return m_series[size_t(index)].line; }
    QAreaSeries *seriesArea(int index) const { return m_series[size_t(index)].area; }
    QLineSeries *seriesLowerEdge(int index) const { return m_series[size_t(index)].lower; }
    QValueAxis *valueAxis() const { return m_yAxis; }
    QValueAxis *timeAxis() const { return m_xAxis; }
    QChart *chart() const { return m_chart; }
    QComboBox *windowBox() const { return m_windowBox; }
    QToolButton *pauseButton() const { return m_pauseButton; }

Q_SIGNALS:
    void windowChanged(std::chrono::seconds window);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Series
    {
        QString name;
        QLineSeries *line = nullptr;
        QAreaSeries *area = nullptr;  // stacked only
        QLineSeries *lower = nullptr; // stacked only
        QList<QPointF> data;
        double drawnMax = 0;
    };
    struct Band
    {
        QString name;
        QLineSeries *lowerLine = nullptr;
        QLineSeries *upperLine = nullptr;
        QAreaSeries *area = nullptr;
        QList<QPointF> lower;
        QList<QPointF> upper;
        double drawnMax = 0;
    };
    struct Marks
    {
        QString name;
        QScatterSeries *scatter = nullptr;
        QList<double> x;
    };
    struct Threshold
    {
        double value = 0;
        QLineSeries *lower = nullptr;
        QLineSeries *upper = nullptr;
        QAreaSeries *area = nullptr;
    };
    struct Marker
    {
        qint64 monotonicMs = 0;
        QString label;
        QLineSeries *line = nullptr;
        QGraphicsSimpleTextItem *text = nullptr;
    };

    void redraw();
    void redrawSeries(Series &series);
    void redrawStack();
    void redrawBand(Band &band);
    void placeMarks();
    void placeMarkerLabels();
    void applyPalette();
    void connectLegend(QAbstractSeries *series, int index);
    void rescale();
    int pixelColumns() const;

    QString m_title;
    QString m_unit;
    std::chrono::seconds m_window{300};
    int m_decimals = 0;
    bool m_paused = false;
    bool m_stacked = false;
    double m_axisTop = 10;
    qint64 m_nowMs = 0;
    QDateTime m_nowUtc;
    std::vector<Series> m_series;
    std::vector<Band> m_bands;
    std::vector<Marks> m_marks;
    std::vector<Threshold> m_thresholds;
    std::vector<Marker> m_markers;
    QChart *m_chart = nullptr;
    TimeChartView *m_view = nullptr;
    QValueAxis *m_xAxis = nullptr;
    QValueAxis *m_yAxis = nullptr;
    QComboBox *m_windowBox = nullptr;
    QToolButton *m_pauseButton = nullptr;
    QGraphicsLineItem *m_crosshair = nullptr;
    QGraphicsSimpleTextItem *m_crosshairText = nullptr;
};

} // namespace Sockpit
