// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/placeholderpage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Sockpit {

PlaceholderPage::PlaceholderPage(const QString &id, const QString &title, const QIcon &icon,
                                 const QString &description, QWidget *parent)
    : Page(id, parent)
    , m_title(title)
    , m_icon(icon)
    , m_description(description)
{
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);
    auto *status = new QLabel(tr("Not available in this version yet."), this);
    status->setForegroundRole(QPalette::PlaceholderText);
    auto *text = new QLabel(description, this);
    text->setObjectName(QStringLiteral("description"));
    text->setWordWrap(true);
    text->setMaximumWidth(720);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->addWidget(heading);
    layout->addWidget(status);
    layout->addSpacing(12);
    layout->addWidget(text);
    layout->addStretch(1);
}

} // namespace Sockpit
