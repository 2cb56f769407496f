// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/page.h"

namespace Sockpit {

// A page whose data Sockpit does not collect yet. It says what it will show, and shows
// nothing else: no sample data, no invented numbers.
class PlaceholderPage final : public Page
{
    Q_OBJECT
public:
    PlaceholderPage(const QString &id, const QString &title, const QIcon &icon, const QString &description,
                    QWidget *parent = nullptr);

    QString title() const override { return m_title; }
    QIcon icon() const override { return m_icon; }
    void showSnapshot(const Snapshot &) override {}
    QString description() const { return m_description; }

private:
    QString m_title;
    QIcon m_icon;
    QString m_description;
};

} // namespace Sockpit
