// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/decimation.h"

#include <algorithm>
#include <array>

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

} // namespace Sockpit
