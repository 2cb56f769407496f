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

} // namespace Sockpit
