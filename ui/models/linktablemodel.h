// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/keyfigures.h"
#include "probes/probestats.h"
#include "probes/probetarget.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointF>

#include <chrono>
#include <deque>
#include <vector>

namespace Sockpit {

// The Links page's targets, one row each, with the statistics of their recent probes
// (computeProbeStats over the stats window) and the points the RTT chart draws. Samples
// arrive from the prober as values; refresh() turns them into figures once per tick so a
// fast prober does not repaint the table per probe.
class LinkTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TargetColumn,
        AddressColumn,
        SentColumn,
        ReceivedColumn,
        LossColumn,
        AverageColumn,
        P95Column,
        JitterColumn,
        HealthColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    // Replies whose mean and mean absolute difference draw the jitter band around each one.
    static constexpr int BandReplies = 10;

    explicit LinkTableModel(QObject *parent = nullptr);

    // Appends a target; its row, or -1 when a target with the same text is listed.
    int addTarget(const ProbeTarget &target);
    void removeTarget(int row);
    int rowOf(const QString &text) const;
    const ProbeTarget &target(int row) const { return m_rows[size_t(row)].target; }
    QList<ProbeTarget> targets() const;
    QStringList targetTexts() const;

    // What the prober reported when it opened the target: its numeric address, or why it
    // cannot probe it (which stays on the row until the target is probed again).
    void setAddress(const QString &text, const QString &address);
    void setFailure(const QString &text, const QString &error);
    QString failure(int row) const { return m_rows[size_t(row)].failure; }

    // Keeps the sample (bounded: the last 24 h at one probe a second) for the next refresh.
    void addSample(const QString &text, const ProbeSample &sample);
    int sampleCount(int row) const { return int(m_rows[size_t(row)].samples.size()); }

    // Statistics over the samples sent in the last `window` before nowNs (CLOCK_MONOTONIC).
    void setStatsWindow(std::chrono::seconds window) { m_statsWindow = window; }
    std::chrono::seconds statsWindow() const { return m_statsWindow; }
    void refresh(qint64 nowNs);
    const ProbeStats &stats(int row) const { return m_rows[size_t(row)].stats; }

    // The RTT chart of one target, x in seconds relative to nowNs: the RTT of every reply,
    // the band mean ± jitter over the last BandReplies replies, and the lost probes.
    struct ChartData
    {
        QList<QPointF> rtt;
        QList<QPointF> bandLower;
        QList<QPointF> bandUpper;
        QList<double> losses;
    };
    ChartData chartData(int row, qint64 nowNs, std::chrono::seconds window) const;

    // The target in the worst health (then the highest average RTT) as the Overview shows
    // it: "avg RTT, loss %" coloured by its health; Unknown with no targets.
    KeyFigure worstLink() const;

    static QString healthText(HealthLevel level);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // What a chart and the statistics need of a sample; the full ProbeSample is rebuilt
    // for computeProbeStats over the (short) stats window only.
    struct Kept
    {
        qint64 sentAtNs = 0;
        double rttMs = 0; // NaN: lost
    };
    struct Row
    {
        ProbeTarget target;
        QString address;
        QString failure;
        QString lastError;
        std::deque<Kept> samples;
        ProbeStats stats;
        bool statsKnown = false;
    };
    static QString milliseconds(double ms);

    std::vector<Row> m_rows;
    std::chrono::seconds m_statsWindow{300};
};

} // namespace Sockpit
