// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "models/tuningreading.h"
#include "sampling/sampleneed.h"
#include "sampling/snapshot.h"
#include "settings/uisettings.h"

#include <QHash>
#include <QMainWindow>

#include <chrono>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTimer;

namespace Sockpit {

class SymptomWizard;

class AnalysisRunner;
class CaptureController;
class Page;
class TickPreparer;
class TimeChart;

// The sidebar of pages, the sampling controls and the status bar. It is told about
// snapshots and sampling state, and asks for pauses; app/ wires it to a SampleHub.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    // The Tuning and History pages run the helper of `tuning` (tests: one that is not
    // installed, so a test run never reads the machine's own journal).
    explicit MainWindow(TuningEnvironment tuning, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Ids of the pages every window has, in sidebar order.
    static QStringList pageIds();

    // Appends a page to the sidebar; the window takes ownership.
    void addPage(Page *page);
    Page *page(const QString &id) const;
    bool showPage(const QString &id);
    QString currentPageId() const;
    QListWidget *sidebar() const { return m_sidebar; }
    // Analyses the live machine every Settings interval while sampling is live.
    AnalysisRunner *analysisRunner() const { return m_analysis; }
    QAction *pauseAction() const { return m_pauseAction; }

    // File → Open Capture…: the pages show a sockpit.bundle/1 file instead of live sampling.
    CaptureController *captureController() const { return m_capture; }
    // The capture controller's: "capture of HOST taken at TIME" for the title and status
    // bar, or empty to return to live (the pages get the latest live snapshot again).
    void setCaptureDescription(const QString &description);

    // Age, source and live state as the status bar shows them.
    QString statusText() const;
    // Writes what the window shows to a PNG; returns why it could not, or nothing.
    Result<void> saveScreenshot(const QString &path);

    // The chart an export means: the current page's first one; nullptr on a page without.
    TimeChart *visibleChart() const;
    // The report the "Report…" action writes, into directory; returns why it failed.
    Result<void> writeReport(const QString &directory);
    UiSettings settings() const { return m_settings; }
    // Sends the settings to every page and the interval to whoever samples.
    void applySettings(const UiSettings &settings);
    // What CONSUMER (a page shown, a wizard, the analysis) needs ticks to hold, passed on
    // as sampleNeedRequested() to whoever samples; one call per change.
    void requestSamples(const QObject *consumer, const Sockpit::SampleNeed &need);
    // Emits sampleNeedRequested() again for every need stated so far (after wiring).
    void announceSampleNeeds();

    // GUI-thread time each page's showSnapshot() took, since the last reset (benchmarks).
    struct PageTiming
    {
        int calls = 0;
        double totalMs = 0;
        double maxMs = 0;
    };
    PageTiming pageTiming(const QString &id) const { return m_pageTimings.value(id); }
    void resetPageTimings() { m_pageTimings.clear(); }

public Q_SLOTS:
    void showSnapshot(const Sockpit::Snapshot &snapshot);
    void showSamplingFailure(const QString &message);
    void setSamplingInterval(std::chrono::milliseconds interval);
    // Whether snapshots are arriving on their own (the sampler runs) or not (paused).
    void setLive(bool live);

Q_SIGNALS:
    void pauseRequested(bool paused);
    void sampleNowRequested();
    void samplingIntervalRequested(std::chrono::milliseconds interval);
    void sampleNeedRequested(const QObject *consumer, const Sockpit::SampleNeed &need);
    // Every snapshot shown, after the pages: open tuning wizards verify with it.
    void snapshotShown(const Sockpit::Snapshot &snapshot);
    // A tuning wizard opened (the Tuning page, the Overview or a finding asked for it).
    void wizardOpened(Sockpit::SymptomWizard *wizard);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void release(Snapshot snapshot);
    void createActions();
    void restoreSettings();
    void saveGeometrySettings() const;
    void onPageChanged(int row);
    void updateAge();
    void updatePauseAction(bool paused);
    void exportChartPng();
    void exportChartCsv();
    void exportSocketsCsv();
    void exportReport();

    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_stack = nullptr;
    QList<Page *> m_pages;
    QHash<const QObject *, SampleNeed> m_needs;
    QAction *m_pauseAction = nullptr;
    QAction *m_sampleNowAction = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QLabel *m_ageLabel = nullptr;
    QLabel *m_intervalLabel = nullptr;
    QLabel *m_liveLabel = nullptr;
    QLabel *m_captureLabel = nullptr;
    CaptureController *m_capture = nullptr;
    QTimer *m_ageTimer = nullptr;
    AnalysisRunner *m_analysis = nullptr;
    QDateTime m_lastTakenAt;
    Snapshot m_latest;
    // Drops the window's reference to each tick it replaced off the GUI thread.
    TickPreparer *m_release = nullptr;
    QHash<QString, PageTiming> m_pageTimings;
    UiSettings m_settings;
    bool m_live = false;
    bool m_restoring = true; // until the settings are read: page changes are not choices to store
};

} // namespace Sockpit
