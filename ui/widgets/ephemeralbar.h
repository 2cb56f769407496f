// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QList>
#include <QWidget>

namespace Sockpit {

// A horizontal bar split into coloured segments with a legend underneath: how the
// ephemeral port range is spent. It draws what it is given; the model does the sums.
class EphemeralBar final : public QWidget
{
    Q_OBJECT
public:
    struct Segment
    {
        QString label;
        int value = 0;
        QColor color;
    };

    explicit EphemeralBar(QWidget *parent = nullptr);

    // total is the whole bar; segments are drawn left to right.
    void setSegments(int total, const QList<Segment> &segments);
    QList<Segment> segments() const { return m_segments; }
    int total() const { return m_total; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int m_total = 0;
    QList<Segment> m_segments;
};

} // namespace Sockpit
