// SPDX-License-Identifier: GPL-3.0-or-later
// Capture bundles read back: a bundle of a scenario tree gives the tree's observation with
// the bundle's own times, and every kind of damaged, truncated, foreign or later-version
// document is refused with one line that says which kind it is.
#include "capture/capturebundle.h"
#include "capture/observation.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Sockpit;

namespace {

// The "healthy" scenario has two takes (later/ with interval_ms).
QByteArray healthyBundle()
{
    auto document = bundleDocument(SockpitTest::dataPath("analysis/healthy"));
    if (!document)
        qFatal("%s", qPrintable(document.error()));
    return document.value();
}

QByteArray edited(const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject root = QJsonDocument::fromJson(healthyBundle()).object();
    edit(root);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QJsonObject filesOf(const QJsonObject &root)
{
    return root.value(QStringLiteral("files")).toObject();
}

} // namespace

class CaptureBundleTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsTheTreeAndItsTimes()
    {
        const QByteArray document = healthyBundle();
        auto loaded = readBundle(document, QStringLiteral("healthy.json"));
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QCOMPARE(loaded->info.host, QStringLiteral("fixture"));
        QVERIFY(loaded->info.takenAt.isValid());
        QCOMPARE(loaded->info.takenAt.timeSpec(), Qt::UTC);
        const QJsonObject root = QJsonDocument::fromJson(document).object();
        QCOMPARE(loaded->info.takenAt, QDateTime::fromString(root.value(QStringLiteral("taken_at")).toString(), Qt::ISODateWithMs));

        auto fromBundle = observeBundle(loaded.value(), QStringLiteral("healthy.json"));
        QVERIFY2(fromBundle, qPrintable(fromBundle.error()));
        auto fromTree = observeTree(ProcRoot(SockpitTest::dataPath("analysis/healthy")));
        QVERIFY2(fromTree, qPrintable(fromTree.error()));
        QVERIFY(fromBundle->hasRates());
        QCOMPARE(fromBundle->intervalSeconds, fromTree->intervalSeconds);
        QCOMPARE(fromBundle->sysctls, fromTree->sysctls);
        QCOMPARE(fromBundle->later.sockets().size(), fromTree->later.sockets().size());
        QVERIFY(!fromBundle->later.sockets().empty());
        for (const SocketState state : {SocketState::Established, SocketState::TimeWait, SocketState::Listen})
            QCOMPARE(fromBundle->later.count(Protocol::Tcp, state), fromTree->later.count(Protocol::Tcp, state));
        // The takes carry the capture's clock: the later one ended at taken_at, the
        // earlier one began the interval before.
        const qint64 intervalMs = qint64(fromTree->intervalSeconds * 1000.0);
        QCOMPARE(fromBundle->later.takenAt(), loaded->info.takenAt);
        QCOMPARE(fromBundle->earlier.takenAt(), loaded->info.takenAt.addMSecs(-intervalMs));
        QCOMPARE(fromBundle->later.monotonicMs() - fromBundle->earlier.monotonicMs(), intervalMs);
    }

    void loadBundleReadsAFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("web1.json"));
        QVERIFY(writeBundle(SockpitTest::dataPath("analysis/healthy"), file, false));
        QVERIFY(!writeBundle(SockpitTest::dataPath("analysis/healthy"), file, false)); // not without overwrite
        auto loaded = loadBundle(file);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QCOMPARE(loaded->info.host, QStringLiteral("fixture"));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("message");
        const QByteArray good = healthyBundle();
        QTest::newRow("empty") << QByteArray() << QStringLiteral("bundle web1.json is empty");
        QTest::newRow("only whitespace") << QByteArray("\n  \n") << QStringLiteral("bundle web1.json is empty");
        QTest::newRow("truncated in half") << good.left(good.size() / 2) << QStringLiteral("bundle web1.json is truncated");
        QTest::newRow("truncated after the brace") << QByteArray("{") << QStringLiteral("bundle web1.json is truncated");
        QTest::newRow("truncated in a string")
            << QByteArray("{\"schema\": \"sockpit.bun") << QStringLiteral("bundle web1.json is truncated");
        QTest::newRow("truncated before the last brace")
            << good.left(good.lastIndexOf('}')) << QStringLiteral("bundle web1.json is truncated");
        QTest::newRow("not JSON") << QByteArray("Kernel 6.1 on web1, profile general\n")
                                  << QStringLiteral("bundle web1.json is damaged: ");
        QTest::newRow("garbage in the middle")
            << QByteArray(good).replace(good.indexOf("\"files\""), 1, "#") << QStringLiteral("bundle web1.json is damaged: ");
        QTest::newRow("an array") << QByteArray("[1, 2]") << QStringLiteral("web1.json is not a capture bundle: it is JSON but not an object");
        QTest::newRow("no schema") << QByteArray("{\"files\": {}}") << QStringLiteral("web1.json is not a capture bundle: it has no \"schema\"");
        QTest::newRow("findings, not a bundle")
            << QByteArray("{\"schema\": \"sockpit.findings/1\"}")
            << QStringLiteral("web1.json is not a capture bundle: schema \"sockpit.findings/1\", expected sockpit.bundle/1");
        QTest::newRow("future version")
            << edited([](QJsonObject &root) { root.insert(QStringLiteral("schema"), QStringLiteral("sockpit.bundle/2")); })
            << QStringLiteral("bundle web1.json is sockpit.bundle/2, from a newer Sockpit; this version reads sockpit.bundle/1");
        QTest::newRow("far future version")
            << QByteArray("{\"schema\": \"sockpit.bundle/17\"}") << QStringLiteral("is sockpit.bundle/17, from a newer Sockpit");
        QTest::newRow("no files")
            << edited([](QJsonObject &root) { root.remove(QStringLiteral("files")); })
            << QStringLiteral("bundle web1.json is damaged: \"files\" is missing or not an object");
        QTest::newRow("files an array")
            << edited([](QJsonObject &root) { root.insert(QStringLiteral("files"), QJsonValue(QJsonArray())); })
            << QStringLiteral("\"files\" is missing or not an object");
        QTest::newRow("no taken_at")
            << edited([](QJsonObject &root) { root.remove(QStringLiteral("taken_at")); })
            << QStringLiteral("bundle web1.json is damaged: \"taken_at\" is missing or not an ISO 8601 time");
        QTest::newRow("taken_at not a time")
            << edited([](QJsonObject &root) { root.insert(QStringLiteral("taken_at"), QStringLiteral("yesterday")); })
            << QStringLiteral("\"taken_at\" is missing or not an ISO 8601 time");
        QTest::newRow("interval_ms a string")
            << edited([](QJsonObject &root) { root.insert(QStringLiteral("interval_ms"), QStringLiteral("3000")); })
            << QStringLiteral("\"interval_ms\" is not a number of milliseconds");
        QTest::newRow("a path outside the tree")
            << edited([](QJsonObject &root) {
                   QJsonObject files = filesOf(root);
                   files.insert(QStringLiteral("../outside"), QStringLiteral("x"));
                   root.insert(QStringLiteral("files"), files);
               })
            << QStringLiteral("bundle web1.json is damaged: bad file entry \"../outside\"");
        QTest::newRow("an absolute path")
            << edited([](QJsonObject &root) {
                   QJsonObject files = filesOf(root);
                   files.insert(QStringLiteral("/etc/passwd"), QStringLiteral("x"));
                   root.insert(QStringLiteral("files"), files);
               })
            << QStringLiteral("bad file entry \"/etc/passwd\"");
        QTest::newRow("a file that is not text")
            << edited([](QJsonObject &root) {
                   QJsonObject files = filesOf(root);
                   files.insert(QStringLiteral("net/tcp"), 7);
                   root.insert(QStringLiteral("files"), files);
               })
            << QStringLiteral("bad file entry \"net/tcp\"");
        QTest::newRow("a link out of the tree")
            << edited([](QJsonObject &root) {
                   root.insert(QStringLiteral("links"), QJsonObject{{QStringLiteral("12/fd/3"), QStringLiteral("/etc/shadow")}});
               })
            << QStringLiteral("bundle web1.json is damaged: bad link entry \"12/fd/3\"");
        QTest::newRow("no socket table")
            << edited([](QJsonObject &root) {
                   QJsonObject files = filesOf(root);
                   files.remove(QStringLiteral("net/tcp"));
                   root.insert(QStringLiteral("files"), files);
               })
            << QStringLiteral("bundle web1.json holds no net/tcp: not a capture");
        // Read in full, but the analysis's files are not all there: named within the bundle.
        QTest::newRow("no counters")
            << edited([](QJsonObject &root) {
                   QJsonObject files = filesOf(root);
                   files.remove(QStringLiteral("net/snmp"));
                   root.insert(QStringLiteral("files"), files);
               })
            << QStringLiteral("bundle web1.json is damaged: cannot read net/snmp: No such file");
        QTest::newRow("second take without its interval")
            << edited([](QJsonObject &root) {
                   QJsonObject files = filesOf(root);
                   files.remove(QStringLiteral("later/interval_ms"));
                   root.insert(QStringLiteral("files"), files);
               })
            << QStringLiteral("bundle web1.json is damaged: later/interval_ms");
    }

    void refused()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, message);
        const QString name = QStringLiteral("web1.json");
        QString error;
        auto loaded = readBundle(document, name);
        if (!loaded) {
            error = loaded.error();
        } else {
            auto observed = observeBundle(loaded.value(), name);
            QVERIFY2(!observed, "a damaged bundle was read whole");
            error = observed.error();
            QVERIFY2(!error.contains(loaded->directory->path()), qPrintable(error)); // no temporary path
        }
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error)); // one line
        QVERIFY(error.contains(name));
    }

    void missingAndOversizedFiles()
    {
        auto missing = loadBundle(QStringLiteral("/nonexistent/web1.json"));
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(QStringLiteral("bundle /nonexistent/web1.json does not exist")),
                 qPrintable(missing.error()));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto directory = loadBundle(dir.path());
        QVERIFY(!directory);
        QVERIFY(directory.error().contains(QStringLiteral("is not a file")));
    }
};

QTEST_GUILESS_MAIN(CaptureBundleTest)
#include "tst_capturebundle.moc"
