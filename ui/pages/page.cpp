// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/page.h"

namespace Sockpit {

Page::Page(const QString &id, QWidget *parent)
    : QWidget(parent)
    , m_id(id)
{
    setObjectName(id);
}

void Page::catchUp()
{
}

void Page::applySettings(const UiSettings &)
{
}

SampleNeed Page::sampleNeed() const
{
    // A page that does not say shows everything a tick can hold.
    return SampleNeed::everySocket(true, true);
}

QList<TimeChart *> Page::charts() const
{
    return {};
}

} // namespace Sockpit
