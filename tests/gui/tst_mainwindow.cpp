// SPDX-License-Identifier: GPL-3.0-or-later
#include "guifixtures.h"
#include "mainwindow.h"
#include "modeltest.h"
#include "pages/page.h"
#include "startupoptions.h"

#include <QAction>
#include <QListWidget>
#include <QSettings>
#include <QSplitter>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

using namespace Sockpit;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void sidebarListsPages();
    void switchingPages();
    void restoresLastPage();
    void restoresSplitterSizes();
    void statusBarShowsSnapshot();
    void pauseAction();
    void startupOptions_data();
    void startupOptions();
    void chineseTranslationIsEmbedded();

private:
    static QSettings settings() { return QSettings(u"Sockpit"_qs, u"sockpit"_qs); }
};

void TestMainWindow::initTestCase()
{
    // Settings go to a throw-away location (~/.qttest), never the user's own.
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void TestMainWindow::init()
{
    QSettings stored = settings();
    stored.clear();
    stored.sync();
}

void TestMainWindow::sidebarListsPages()
{
    MainWindow window(Fixtures::notInstalledTuning());
    ModelTest::watchAll(&window);
    const QStringList titles{u"Overview"_qs, u"Sockets"_qs, u"Ports"_qs,    u"Links"_qs,
                             u"Counters"_qs, u"Tuning"_qs,  u"History"_qs, u"Settings"_qs};
    QCOMPARE(window.sidebar()->count(), titles.size());
    for (int row = 0; row < titles.size(); ++row) {
        QCOMPARE(window.sidebar()->item(row)->text(), titles[row]);
        QVERIFY(!window.sidebar()->item(row)->icon().isNull());
    }
    QCOMPARE(MainWindow::pageIds(), (QStringList{u"overview"_qs, u"sockets"_qs, u"ports"_qs, u"links"_qs,
                                                 u"counters"_qs, u"tuning"_qs, u"history"_qs, u"settings"_qs}));
    // Every id opens its page.
    for (const QString &id : MainWindow::pageIds()) {
        QVERIFY(window.showPage(id));
        QCOMPARE(window.currentPageId(), id);
    }
    QVERIFY(window.showPage(u"overview"_qs));
    QCOMPARE(window.currentPageId(), u"overview"_qs); // nothing stored yet
}

void TestMainWindow::switchingPages()
{
    MainWindow window(Fixtures::notInstalledTuning());
    ModelTest::watchAll(&window);
    auto *stack = window.findChild<QStackedWidget *>();
    QVERIFY(stack);
    QVERIFY(window.showPage(u"sockets"_qs));
    QCOMPARE(window.currentPageId(), u"sockets"_qs);
    QCOMPARE(stack->currentWidget(), window.page(u"sockets"_qs));

    window.sidebar()->setCurrentRow(0); // as a click on the sidebar does
    QCOMPARE(window.currentPageId(), u"overview"_qs);
    QCOMPARE(stack->currentWidget(), window.page(u"overview"_qs));

    QVERIFY(!window.showPage(u"nonsense"_qs));
    QCOMPARE(window.currentPageId(), u"overview"_qs);
}

void TestMainWindow::restoresLastPage()
{
    {
        MainWindow window(Fixtures::notInstalledTuning());
        ModelTest::watchAll(&window);
        window.show();
        QVERIFY(window.showPage(u"sockets"_qs));
        window.resize(1300, 850);
        window.close();
    }
    QCOMPARE(settings().value(u"mainwindow/page"_qs).toString(), u"sockets"_qs);
    {
        MainWindow window(Fixtures::notInstalledTuning());
        ModelTest::watchAll(&window);
        QCOMPARE(window.currentPageId(), u"sockets"_qs);
        QCOMPARE(window.size(), QSize(1300, 850));
        // Building the window must not overwrite the stored choice.
        QCOMPARE(settings().value(u"mainwindow/page"_qs).toString(), u"sockets"_qs);
    }
}

void TestMainWindow::restoresSplitterSizes()
{
    // Every page with a named splitter keeps its sizes across sessions.
    QHash<QString, QList<int>> chosen;
    {
        MainWindow window(Fixtures::notInstalledTuning());
        ModelTest::watchAll(&window);
        window.resize(1300, 850);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const QString &id : MainWindow::pageIds()) {
            QVERIFY(window.showPage(id));
            const auto splitters = window.page(id)->findChildren<QSplitter *>();
            for (QSplitter *splitter : splitters) {
                QList<int> sizes = splitter->sizes();
                // Move the handle: the first pane gets 60 px more than it had.
                sizes[0] += 60;
                sizes[1] -= 60;
                splitter->setSizes(sizes);
                chosen.insert(id + u'/' + splitter->objectName(), splitter->sizes());
            }
        }
        window.close();
    }
    QVERIFY(chosen.contains(u"counters/countersSplitter"_qs));
    QVERIFY(chosen.contains(u"links/linksSplitter"_qs));
    QVERIFY(chosen.contains(u"overview/overviewCharts"_qs));
    QVERIFY(chosen.contains(u"tuning/tuningSplitter"_qs));
    {
        MainWindow window(Fixtures::notInstalledTuning());
        ModelTest::watchAll(&window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (auto it = chosen.cbegin(); it != chosen.cend(); ++it) {
            const QString id = it.key().section(u'/', 0, 0);
            QVERIFY(window.showPage(id));
            auto *splitter = window.page(id)->findChild<QSplitter *>(it.key().section(u'/', 1));
            QVERIFY(splitter);
            QCOMPARE(splitter->sizes(), it.value());
        }
    }
}

void TestMainWindow::statusBarShowsSnapshot()
{
    MainWindow window(Fixtures::notInstalledTuning());
    ModelTest::watchAll(&window);
    QVERIFY(window.statusText().contains(u"No sample yet"_qs));
    window.setSamplingInterval(std::chrono::milliseconds(500));
    window.setLive(true);
    const Snapshot snapshot = SnapshotBuilder()
                                  .setTakenAt(QDateTime::currentDateTimeUtc(), 1)
                                  .setSource(SnapshotSource::Proc)
                                  .build();
    window.showSnapshot(snapshot);
    const QString status = window.statusText();
    QVERIFY2(status.contains(u"Source: /proc"_qs), qPrintable(status));
    QVERIFY2(status.contains(u"Sample age 0."_qs), qPrintable(status));
    QVERIFY2(status.contains(u"Every 500 ms"_qs), qPrintable(status));
    QVERIFY2(status.contains(u"Live"_qs), qPrintable(status));
}

void TestMainWindow::pauseAction()
{
    MainWindow window(Fixtures::notInstalledTuning());
    ModelTest::watchAll(&window);
    window.setLive(true);
    QSignalSpy paused(&window, &MainWindow::pauseRequested);
    window.pauseAction()->trigger();
    QCOMPARE(paused.size(), 1);
    QCOMPARE(paused.at(0).at(0).toBool(), true);
    QCOMPARE(window.pauseAction()->text(), u"&Resume"_qs);

    window.setLive(false); // the hub confirms: no second request
    QCOMPARE(paused.size(), 1);
    QVERIFY(window.statusText().contains(u"Paused"_qs));

    window.pauseAction()->trigger();
    QCOMPARE(paused.size(), 2);
    QCOMPARE(paused.at(1).at(0).toBool(), false);
}

void TestMainWindow::startupOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<QString>("page");
    const auto run = int(StartupOptions::Outcome::Run);
    const auto bad = int(StartupOptions::Outcome::ExitBadInput);
    QTest::newRow("nothing") << QStringList{} << run << QString();
    QTest::newRow("--page sockets") << QStringList{u"--page"_qs, u"sockets"_qs} << run << u"sockets"_qs;
    QTest::newRow("--page=Overview") << QStringList{u"--page=Overview"_qs} << run << u"overview"_qs;
    QTest::newRow("--page ports") << QStringList{u"--page"_qs, u"ports"_qs} << run << u"ports"_qs;
    QTest::newRow("--page history") << QStringList{u"--page"_qs, u"history"_qs} << run << u"history"_qs;
    QTest::newRow("--page nowhere") << QStringList{u"--page"_qs, u"nowhere"_qs} << bad << QString();
    QTest::newRow("--page without name") << QStringList{u"--page"_qs} << bad << QString();
    QTest::newRow("--bogus") << QStringList{u"--bogus"_qs} << bad << QString();
    QTest::newRow("positional") << QStringList{u"extra"_qs} << bad << QString();
    QTest::newRow("--screenshot-delay -1") << QStringList{u"--screenshot-delay"_qs, u"-1"_qs} << bad << QString();
    QTest::newRow("--help") << QStringList{u"--help"_qs} << int(StartupOptions::Outcome::ExitOk) << QString();
}

void TestMainWindow::startupOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, outcome);
    QFETCH(QString, page);
    arguments.prepend(u"sockpit"_qs);
    const StartupOptions options = StartupOptions::parse(arguments, MainWindow::pageIds());
    QCOMPARE(int(options.outcome), outcome);
    if (options.outcome == StartupOptions::Outcome::Run)
        QCOMPARE(options.page, page);
    else
        QVERIFY(!options.message.isEmpty());
}

void TestMainWindow::chineseTranslationIsEmbedded()
{
    QTranslator translator;
    QVERIFY(translator.load(u":/i18n/sockpit_zh_CN.qm"_qs));
    const QString overview = translator.translate("Sockpit::OverviewPage", "Overview");
    QVERIFY(!overview.isEmpty());
    QVERIFY(overview != u"Overview"_qs);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
