// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointF>

namespace Sockpit {

// Reduces a series to at most four points per pixel column: the first, the minimum, the
// maximum and the last point of each column, in x order. A line through them looks like
// the line through every point, and no spike disappears however long the window: the
// extremes of every column survive. Points must be sorted by x; xMin..xMax is the visible
// range, split into `columns` equal columns. Points outside the range are dropped. When
// the input already has no more points than the output would, it is returned as it is.
QList<QPointF> decimateMinMax(const QList<QPointF> &points, double xMin, double xMax, int columns);

// The same for layers drawn together (the edges of a band, the cumulative lines of a
// stacked chart): every layer keeps the same sample times, chosen per pixel column as the
// first, the last and the times of each layer's minimum and maximum, so every layer keeps
// all its extremes and layers that never cross before decimation never cross after it.
// Layers must share their x values (one sample time each, as one tick gives); a longer
// layer is cut to the newest points of the shortest.
QList<QList<QPointF>> decimateLayers(const QList<QList<QPointF>> &layers, double xMin, double xMax, int columns);

// Layers summed bottom up: result[i] is layers[0] + ... + layers[i] at each sample time,
// the upper edge of layer i in a stacked chart (and the lower edge of layer i + 1).
QList<QList<QPointF>> cumulativeLayers(const QList<QList<QPointF>> &layers);

} // namespace Sockpit
