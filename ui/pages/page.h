// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/sampleneed.h"

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
    // What a tick must hold while the page is shown (sampleneed.h); by default every
    // socket with tcp_info and owners. A page that is not shown asks for nothing, and
    // keeps its charts' history from what ticks hold.
    virtual SampleNeed sampleNeed() const;
    // Brings what the page shows up to the latest snapshot after ticks it skipped while
    // out of sight (its charts' history kept up all along); the window calls it when the
    // page comes into view and before a report reads every page.
    virtual void catchUp();
    // Settings changed (or were read at start): thresholds, the default chart window.
    virtual void applySettings(const UiSettings &settings);
    // The charts the page shows, for exports and reports; the first is the page's main one.
    virtual QList<TimeChart *> charts() const;

protected:
    // Hidden behind another page of the window: per-tick work beyond the charts'
    // history waits for catchUp(). A page on its own (no parent) is always in sight.
    bool isOutOfSight() const { return parentWidget() && isHidden(); }

private:
    QString m_id;
};

} // namespace Sockpit
