// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/page.h"

namespace Sockpit {

Page::Page(const QString &id, QWidget *parent)
    : QWidget(parent)
    , m_id(id)
{
    setObjectName(id);
}

void Page::applySettings(const UiSettings &)
{
}

QList<TimeChart *> Page::charts() const
{
    return {};
}

} // namespace Sockpit
