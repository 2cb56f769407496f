// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/decimation.h"

#include <algorithm>
#include <array>
#include <vector>

namespace Sockpit {

QList<QPointF> decimateMinMax(const QList<QPointF> &points, double xMin, double xMax, int columns)
{
    QList<QPointF> result;
    if (points.isEmpty() || columns <= 0 || !(xMax > xMin))
        return result;
    const auto first = std::lower_bound(points.cbegin(), points.cend(), xMin,
                                        [](const QPointF &p, double x) { return p.x() < x; });
    const auto last = std::upper_bound(first, points.cend(), xMax,
                                       [](double x, const QPointF &p) { return x < p.x(); });
    const qsizetype inside = last - first;
    if (inside <= qsizetype(columns) * 4) {
        result.reserve(inside);
        std::copy(first, last, std::back_inserter(result));
        return result;
    }
    result.reserve(qsizetype(columns) * 4);
    const double scale = double(columns) / (xMax - xMin);
    auto it = first;
    while (it != last) {
        const int column = std::min(columns - 1, int((it->x() - xMin) * scale));
        const QPointF &start = *it;
        QPointF low = start;
        QPointF high = start;
        QPointF end = start;
        for (++it; it != last && std::min(columns - 1, int((it->x() - xMin) * scale)) == column; ++it) {
            if (it->y() < low.y())
                low = *it;
            if (it->y() > high.y())
                high = *it;
            end = *it;
        }
        // The four in x order, each only once.
        std::array<QPointF, 4> kept{start, low, high, end};
        std::sort(kept.begin(), kept.end(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
        for (size_t i = 0; i < kept.size(); ++i)
            if (i == 0 || kept[i] != kept[i - 1])
                result.append(kept[i]);
    }
    return result;
}

namespace {

// The newest `length` points of every layer, as index ranges into the layers.
qsizetype commonLength(const QList<QList<QPointF>> &layers)
{
    qsizetype length = layers.isEmpty() ? 0 : layers.front().size();
    for (const QList<QPointF> &layer : layers)
        length = std::min(length, layer.size());
    return length;
}

} // namespace

QList<QList<QPointF>> cumulativeLayers(const QList<QList<QPointF>> &layers)
{
    const qsizetype length = commonLength(layers);
    QList<QList<QPointF>> result;
    result.reserve(layers.size());
    QList<QPointF> sum;
    for (const QList<QPointF> &layer : layers) {
        const qsizetype offset = layer.size() - length;
        if (sum.isEmpty()) {
            sum.reserve(length);
            for (qsizetype i = 0; i < length; ++i)
                sum.append(layer[offset + i]);
        } else {
            for (qsizetype i = 0; i < length; ++i)
                sum[i].ry() += layer[offset + i].y();
        }
        result.append(sum);
    }
    return result;
}

QList<QList<QPointF>> decimateLayers(const QList<QList<QPointF>> &layers, double xMin, double xMax, int columns)
{
    QList<QList<QPointF>> result(layers.size());
    const qsizetype length = commonLength(layers);
    if (length == 0 || columns <= 0 || !(xMax > xMin))
        return result;
    // x comes from the first layer; all share it.
    std::vector<qsizetype> offsets;
    offsets.reserve(size_t(layers.size()));
    for (const QList<QPointF> &layer : layers)
        offsets.push_back(layer.size() - length);
    const QList<QPointF> &base = layers.front();
    const auto x = [&](qsizetype i) { return base[offsets[0] + i].x(); };
    qsizetype begin = 0;
    while (begin < length && x(begin) < xMin)
        ++begin;
    qsizetype end = begin;
    while (end < length && x(end) <= xMax)
        ++end;

    std::vector<qsizetype> kept;
    const qsizetype budget = qsizetype(columns) * (2 + 2 * layers.size());
    if (end - begin <= budget) {
        for (qsizetype i = begin; i < end; ++i)
            kept.push_back(i);
    } else {
        kept.reserve(size_t(budget));
        const double scale = double(columns) / (xMax - xMin);
        const auto columnOf = [&](qsizetype i) { return std::min(columns - 1, int((x(i) - xMin) * scale)); };
        std::vector<qsizetype> low(size_t(layers.size()));
        std::vector<qsizetype> high(size_t(layers.size()));
        std::vector<qsizetype> column;
        qsizetype i = begin;
        while (i < end) {
            const int current = columnOf(i);
            const qsizetype first = i;
            std::fill(low.begin(), low.end(), first);
            std::fill(high.begin(), high.end(), first);
            for (++i; i < end && columnOf(i) == current; ++i) {
                for (qsizetype l = 0; l < layers.size(); ++l) {
                    const QList<QPointF> &layer = layers[l];
                    const double y = layer[offsets[size_t(l)] + i].y();
                    if (y < layer[offsets[size_t(l)] + low[size_t(l)]].y())
                        low[size_t(l)] = i;
                    if (y > layer[offsets[size_t(l)] + high[size_t(l)]].y())
                        high[size_t(l)] = i;
                }
            }
            column.assign({first, i - 1});
            column.insert(column.end(), low.begin(), low.end());
            column.insert(column.end(), high.begin(), high.end());
            std::sort(column.begin(), column.end());
            column.erase(std::unique(column.begin(), column.end()), column.end());
            kept.insert(kept.end(), column.begin(), column.end());
        }
    }
    for (qsizetype l = 0; l < layers.size(); ++l) {
        QList<QPointF> &out = result[l];
        out.reserve(qsizetype(kept.size()));
        for (qsizetype i : kept)
            out.append(layers[l][offsets[size_t(l)] + i]);
    }
    return result;
}

} // namespace Sockpit
