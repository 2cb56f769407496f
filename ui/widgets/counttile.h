// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/uisettings.h"

#include <QFrame>

class QLabel;

namespace Sockpit {

// One figure, big enough to read from across the desk: a title, the value, and a
// caption line for context ("of 28,232 usable").
class CountTile final : public QFrame
{
    Q_OBJECT
public:
    enum class Size { Large, Small };

    explicit CountTile(const QString &title, Size size = Size::Large, QWidget *parent = nullptr);

    void setValue(qint64 value); // negative: not known
    void setValueText(const QString &text);
    void setCaption(const QString &caption);
    // Colours the value: normal green, warning amber, critical red, unknown plain.
    void setLevel(Level level);
    Level level() const { return m_level; }

    QString title() const;
    QString valueText() const;
    QString caption() const;

private:
    QLabel *m_title = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_caption = nullptr;
    Level m_level = Level::Unknown;
};

} // namespace Sockpit
