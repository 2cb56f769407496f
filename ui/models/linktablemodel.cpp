// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/linktablemodel.h"

#include "models/socketformat.h"
#include "style/palette.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace Sockpit {

namespace {

// 24 h at one probe a second, the longest chart window at the page's probe interval.
constexpr size_t MaxSamples = 24 * 3600 + 60;

bool isConnectKind(const ProbeTarget &target)
{
    return target.kind != ProbeKind::Icmp;
}

int severity(const ProbeStats &stats, bool known)
{
    if (!known)
        return -1;
    switch (stats.level) {
    case HealthLevel::Ok:
        return 0;
    case HealthLevel::Warn:
        return 1;
    case HealthLevel::Alert:
        return 2;
    case HealthLevel::Down:
        return 3;
    }
    return 3;
}

Level levelOf(HealthLevel health)
{
    switch (health) {
    case HealthLevel::Ok:
        return Level::Normal;
    case HealthLevel::Warn:
        return Level::Warning;
    case HealthLevel::Alert:
    case HealthLevel::Down:
        return Level::Critical;
    }
    return Level::Unknown;
}

} // namespace

LinkTableModel::LinkTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int LinkTableModel::addTarget(const ProbeTarget &target)
{
    if (rowOf(target.text) >= 0)
        return -1;
    const int row = int(m_rows.size());
    beginInsertRows(QModelIndex(), row, row);
    Row added;
    added.target = target;
    m_rows.push_back(std::move(added));
    endInsertRows();
    return row;
}

void LinkTableModel::removeTarget(int row)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

int LinkTableModel::rowOf(const QString &text) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].target.text == text)
            return int(i);
    return -1;
}

QList<ProbeTarget> LinkTableModel::targets() const
{
    QList<ProbeTarget> result;
    for (const Row &row : m_rows)
        result << row.target;
    return result;
}

QStringList LinkTableModel::targetTexts() const
{
    QStringList result;
    for (const Row &row : m_rows)
        result << row.target.text;
    return result;
}

void LinkTableModel::setAddress(const QString &text, const QString &address)
{
    const int row = rowOf(text);
    if (row < 0)
        return;
    m_rows[size_t(row)].address = address;
    m_rows[size_t(row)].failure.clear();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void LinkTableModel::setFailure(const QString &text, const QString &error)
{
    const int row = rowOf(text);
    if (row < 0)
        return;
    m_rows[size_t(row)].failure = error;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void LinkTableModel::addSample(const QString &text, const ProbeSample &sample)
{
    const int row = rowOf(text);
    if (row < 0)
        return;
    Row &target = m_rows[size_t(row)];
    // A restarted prober counts again from its own start; samples still come in send order.
    target.samples.push_back(Kept{sample.sentAtNs, sample.ok() ? double(*sample.rttNs) / 1e6 : qQNaN()});
    if (!sample.ok())
        target.lastError = sample.error;
    while (target.samples.size() > MaxSamples)
        target.samples.pop_front();
}

void LinkTableModel::refresh(qint64 nowNs)
{
    const qint64 oldest = nowNs - qint64(m_statsWindow.count()) * 1'000'000'000;
    std::vector<ProbeSample> window;
    for (Row &row : m_rows) {
        window.clear();
        const auto first = std::lower_bound(row.samples.cbegin(), row.samples.cend(), oldest,
                                            [](const Kept &kept, qint64 ns) { return kept.sentAtNs < ns; });
        quint32 seq = 0;
        for (auto it = first; it != row.samples.cend(); ++it) {
            ProbeSample sample;
            sample.seq = seq++;
            sample.sentAtNs = it->sentAtNs;
            if (std::isnan(it->rttMs))
                sample.error = row.lastError;
            else
                sample.rttNs = qint64(std::llround(it->rttMs * 1e6));
            window.push_back(std::move(sample));
        }
        row.statsKnown = !window.empty();
        row.stats = computeProbeStats(window, row.target.thresholds, isConnectKind(row.target));
    }
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, SentColumn), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

LinkTableModel::ChartData LinkTableModel::chartData(int row, qint64 nowNs, std::chrono::seconds window) const
{
    ChartData data;
    if (row < 0 || row >= int(m_rows.size()))
        return data;
    const std::deque<Kept> &samples = m_rows[size_t(row)].samples;
    const qint64 oldest = nowNs - qint64(window.count()) * 1'000'000'000;
    // The band of the first replies in the window looks back before it.
    const qint64 lookBack = oldest - qint64(window.count()) * 1'000'000'000 / 10;
    auto it = std::lower_bound(samples.cbegin(), samples.cend(), lookBack,
                               [](const Kept &kept, qint64 ns) { return kept.sentAtNs < ns; });
    std::deque<double> recent; // the last BandReplies replies
    for (; it != samples.cend(); ++it) {
        if (it->sentAtNs > nowNs)
            break;
        const double x = double(it->sentAtNs - nowNs) / 1e9;
        const bool inside = it->sentAtNs >= oldest;
        if (std::isnan(it->rttMs)) {
            if (inside)
                data.losses.append(x);
            continue;
        }
        recent.push_back(it->rttMs);
        if (recent.size() > size_t(BandReplies))
            recent.pop_front();
        if (!inside)
            continue;
        data.rtt.append(QPointF(x, it->rttMs));
        double sum = 0;
        for (double value : recent)
            sum += value;
        const double mean = sum / double(recent.size());
        double jitter = 0;
        for (size_t i = 1; i < recent.size(); ++i)
            jitter += std::abs(recent[i] - recent[i - 1]);
        if (recent.size() > 1)
            jitter /= double(recent.size() - 1);
        data.bandLower.append(QPointF(x, std::max(0.0, mean - jitter)));
        data.bandUpper.append(QPointF(x, mean + jitter));
    }
    return data;
}

KeyFigure LinkTableModel::worstLink() const
{
    KeyFigure figure;
    int worst = -1;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows[i];
        if (!row.statsKnown)
            continue;
        if (worst < 0) {
            worst = int(i);
            continue;
        }
        const Row &current = m_rows[size_t(worst)];
        const int a = severity(row.stats, true);
        const int b = severity(current.stats, true);
        const double rttA = std::isnan(row.stats.avgMs) ? 0 : row.stats.avgMs;
        const double rttB = std::isnan(current.stats.avgMs) ? 0 : current.stats.avgMs;
        if (a > b || (a == b && (row.stats.lossPct > current.stats.lossPct
                                 || (row.stats.lossPct == current.stats.lossPct && rttA > rttB))))
            worst = int(i);
    }
    if (worst < 0)
        return figure;
    const Row &row = m_rows[size_t(worst)];
    figure.value = row.stats.avgMs;
    figure.level = levelOf(row.stats.level);
    figure.text = tr("%1, %2 loss")
                      .arg(std::isnan(row.stats.avgMs) ? tr("no reply") : milliseconds(row.stats.avgMs),
                           QLocale().toString(row.stats.lossPct, 'f', 1) + QLatin1Char('%'));
    figure.caption = row.target.text;
    return figure;
}

QString LinkTableModel::healthText(HealthLevel level)
{
    switch (level) {
    case HealthLevel::Ok:
        return tr("ok");
    case HealthLevel::Warn:
        return tr("warning");
    case HealthLevel::Alert:
        return tr("alert");
    case HealthLevel::Down:
        return tr("down");
    }
    return QString();
}

QString LinkTableModel::milliseconds(double ms)
{
    if (std::isnan(ms))
        return SocketFormat::notKnown();
    return tr("%1 ms").arg(QLocale().toString(ms, 'f', ms < 10 ? 2 : 1));
}

int LinkTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LinkTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LinkTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const ProbeStats &stats = row.stats;
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case TargetColumn:
            return row.target.text;
        case AddressColumn:
            return row.address.isEmpty() ? SocketFormat::notKnown() : row.address;
        case SentColumn:
            return row.statsKnown ? SocketFormat::count(stats.sent) : SocketFormat::notKnown();
        case ReceivedColumn:
            return row.statsKnown ? SocketFormat::count(stats.received) : SocketFormat::notKnown();
        case LossColumn:
            return row.statsKnown ? QLocale().toString(stats.lossPct, 'f', 1) + QLatin1Char('%')
                                  : SocketFormat::notKnown();
        case AverageColumn:
            return row.statsKnown ? milliseconds(stats.avgMs) : SocketFormat::notKnown();
        case P95Column:
            return row.statsKnown ? milliseconds(stats.p95Ms) : SocketFormat::notKnown();
        case JitterColumn:
            return row.statsKnown ? milliseconds(stats.jitterMeanAbsDiffMs) : SocketFormat::notKnown();
        case HealthColumn:
            if (!row.failure.isEmpty())
                return tr("cannot probe");
            if (!row.statsKnown)
                return tr("waiting");
            return tr("%1 (%2)").arg(healthText(stats.level)).arg(stats.healthScore);
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (!row.failure.isEmpty())
            return row.failure;
        if (index.column() == HealthColumn && row.statsKnown)
            return tr("Health score 0–100 from loss, RTT, jitter and consecutive failures over the last %n s",
                      nullptr, int(m_statsWindow.count()));
        if (index.column() == LossColumn && !row.lastError.isEmpty())
            return tr("Last failure: %1").arg(row.lastError);
        return {};
    }
    if (role == Qt::ForegroundRole && index.column() == HealthColumn) {
        if (!row.failure.isEmpty())
            return QBrush(Palette::level(Level::Critical));
        if (!row.statsKnown)
            return {};
        if (const Level level = levelOf(stats.level); level != Level::Unknown)
            return QBrush(Palette::level(level));
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() >= SentColumn && index.column() <= JitterColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant LinkTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case TargetColumn:
            return tr("Target");
        case AddressColumn:
            return tr("Address");
        case SentColumn:
            return tr("Sent");
        case ReceivedColumn:
            return tr("Received");
        case LossColumn:
            return tr("Loss");
        case AverageColumn:
            return tr("Avg RTT");
        case P95Column:
            return tr("p95 RTT");
        case JitterColumn:
            return tr("Jitter");
        case HealthColumn:
            return tr("Health");
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        if (section == JitterColumn)
            return tr("Mean absolute difference between consecutive replies' RTT");
        if (section == P95Column)
            return tr("95th percentile of the replies' RTT (nearest rank)");
        if (section >= SentColumn)
            return tr("Over the last %n s", nullptr, int(m_statsWindow.count()));
    }
    return {};
}

} // namespace Sockpit
