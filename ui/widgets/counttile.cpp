// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/counttile.h"

#include "models/socketformat.h"
#include "style/palette.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Sockpit {

CountTile::CountTile(const QString &title, Size size, QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("countTile"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);

    m_title = new QLabel(title, this);
    m_title->setObjectName(QStringLiteral("title"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setForegroundRole(QPalette::PlaceholderText);

    m_value = new QLabel(SocketFormat::notKnown(), this);
    m_value->setObjectName(QStringLiteral("value"));
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * (size == Size::Large ? 2.4 : 1.6));
    valueFont.setBold(size == Size::Large);
    m_value->setFont(valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("caption"));
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    // A long caption wraps rather than widening the row of tiles or being cut; the tile
    // grows by a line (height for width). Its tooltip has it all the same.
    m_caption->setWordWrap(true);
    m_caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_caption->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_caption);
    layout->addStretch(1);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

void CountTile::setValue(qint64 value)
{
    setValueText(SocketFormat::count(value));
}

void CountTile::setValueText(const QString &text)
{
    m_value->setText(text);
}

void CountTile::setCaption(const QString &caption)
{
    m_caption->setText(caption);
    m_caption->setToolTip(caption);
    m_caption->setVisible(!caption.isEmpty());
}

QString CountTile::title() const
{
    return m_title->text();
}

QString CountTile::valueText() const
{
    return m_value->text();
}

QString CountTile::caption() const
{
    return m_caption->text();
}

void CountTile::setLevel(Level level)
{
    m_level = level;
    QPalette palette = m_value->palette();
    switch (level) {
    case Level::Unknown:
        palette = this->palette();
        break;
    case Level::Normal:
    case Level::Warning:
    case Level::Critical:
        palette.setColor(QPalette::WindowText, Palette::level(level));
        break;
    }
    m_value->setPalette(palette);
}

} // namespace Sockpit
