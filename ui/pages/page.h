// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QWidget>

namespace Sockpit {

class Snapshot;
class TimeChart;
struct UiSettings;

// One entry of the main window's sidebar. Every snapshot reaches every page; a page that
// is costly to refresh keeps the latest one and applies it when it is shown.
class Page : public QWidget
{
    Q_OBJECT
public:
    // id is stable and not translated: it is stored in the settings and given to --page.
    Page(const QString &id, QWidget *parent = nullptr);

    QString id() const { return m_id; }
    virtual QString title() const = 0;
    virtual QIcon icon() const = 0;

    virtual void showSnapshot(const Snapshot &snapshot) = 0;
    // Settings changed (or were read at start): thresholds, the default chart window.
    virtual void applySettings(const UiSettings &settings);
    // The charts the page shows, for exports and reports; the first is the page's main one.
    virtual QList<TimeChart *> charts() const;

private:
    QString m_id;
};

} // namespace Sockpit
