// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ephemeralbar.h"

#include "models/socketformat.h"

#include <QPainter>

#include <algorithm>

namespace Sockpit {

EphemeralBar::EphemeralBar(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void EphemeralBar::setSegments(int total, const QList<Segment> &segments)
{
    m_total = total;
    m_segments = segments;
    QStringList tip;
    for (const Segment &segment : segments)
        tip << tr("%1: %2").arg(segment.label, SocketFormat::count(segment.value));
    setToolTip(tip.join(QLatin1Char('\n')));
    update();
}

QSize EphemeralBar::sizeHint() const
{
    return QSize(600, minimumSizeHint().height());
}

QSize EphemeralBar::minimumSizeHint() const
{
    return QSize(200, 28 + fontMetrics().height() * 2);
}

void EphemeralBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF bar(0.5, 0.5, width() - 1.0, 28);
    painter.setPen(palette().color(QPalette::Mid));
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawRoundedRect(bar, 4, 4);
    if (m_total > 0) {
        double x = bar.left();
        for (const Segment &segment : std::as_const(m_segments)) {
            const double w = std::min(bar.right() - x, bar.width() * segment.value / m_total);
            if (w <= 0)
                continue;
            painter.fillRect(QRectF(x, bar.top() + 1, w, bar.height() - 2), segment.color);
            x += w;
        }
    }
    // Legend: a swatch, the label and the count for each segment.
    const QFontMetrics metrics = fontMetrics();
    int x = 0;
    const int y = int(bar.bottom()) + 8;
    painter.setPen(palette().color(QPalette::WindowText));
    for (const Segment &segment : std::as_const(m_segments)) {
        const QString text = tr("%1 %2").arg(segment.label, SocketFormat::count(segment.value));
        painter.fillRect(QRect(x, y + 2, metrics.height() - 4, metrics.height() - 4), segment.color);
        x += metrics.height();
        painter.drawText(QPoint(x, y + metrics.ascent()), text);
        x += metrics.horizontalAdvance(text) + 2 * metrics.height();
    }
}

} // namespace Sockpit
