// SPDX-License-Identifier: GPL-3.0-or-later
// The Links page: its table model fed with made-up samples (no network), the chart's RTT
// line, jitter band and loss marks, bad targets, persistence, and one real tcp:// probe
// to a listener on 127.0.0.1 through the worker thread. Credentials of https targets
// with an in-memory store (no Secret Service needed), and the keychain store's failure
// path with no session bus.
#include "charts/timechart.h"
#include "models/linktablemodel.h"
#include "models/proberunner.h"
#include "modeltest.h"
#include "pages/linkspage.h"
#include "settings/credentialstore.h"
#include "widgets/credentialsdialog.h"

#include <QAreaSeries>
#include <QDialogButtonBox>
#include <QFile>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QPushButton>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <memory>
#include <optional>

using namespace Sockpit;

namespace {

constexpr qint64 Second = 1'000'000'000;

ProbeTarget target(const QString &text)
{
    const Result<ProbeTarget> parsed = parseProbeTarget(text);
    if (!parsed)
        qFatal("bad test target %s", qPrintable(text));
    return parsed.value();
}

ProbeSample reply(qint64 sentAtNs, double rttMs)
{
    ProbeSample sample;
    sample.sentAtNs = sentAtNs;
    sample.rttNs = qint64(rttMs * 1e6);
    return sample;
}

ProbeSample lost(qint64 sentAtNs)
{
    ProbeSample sample;
    sample.sentAtNs = sentAtNs;
    sample.error = QStringLiteral("timeout");
    return sample;
}

QSettings settings()
{
    return QSettings(QStringLiteral("Sockpit"), QStringLiteral("sockpit"));
}

// The whole settings file as written, to look for secrets in it.
QByteArray settingsFileBytes()
{
    QSettings file = settings();
    file.sync();
    QFile raw(file.fileName());
    if (!raw.open(QIODevice::ReadOnly))
        return {};
    return raw.readAll();
}

// A keychain in memory that answers later, like the real one, or is not there at all.
class FakeCredentialStore final : public CredentialStore
{
public:
    QHash<QString, QByteArray> entries;
    bool available = true;
    int reads = 0;

    void read(const QString &key, ReadDone done) override
    {
        ++reads;
        QTimer::singleShot(0, this, [this, key, done] {
            if (available)
                done(entries.value(key));
            else
                done(Error{unavailableMessage()});
        });
    }
    void write(const QString &key, const QByteArray &secret, Done done) override
    {
        QTimer::singleShot(0, this, [this, key, secret, done] {
            if (!available)
                return done(Error{unavailableMessage()});
            entries.insert(key, secret);
            done(Result<void>());
        });
    }
    void remove(const QString &key, Done done) override
    {
        QTimer::singleShot(0, this, [this, key, done] {
            if (!available)
                return done(Error{unavailableMessage()});
            entries.remove(key);
            done(Result<void>());
        });
    }
};

// The Authorization value the runner was last started with for `text`; "<absent>" when
// the runner does not probe it.
QByteArray runnerAuthorization(const LinksPage &page, const QString &text)
{
    for (const ProbeTarget &target : page.runner()->targets()) {
        if (target.text == text)
            return target.authorization;
    }
    return QByteArrayLiteral("<absent>");
}

} // namespace

class TestLinks final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void statisticsFromSamples();
    void statsWindowDropsOldSamples();
    void chartDataHasBandAndLosses();
    void worstLinkIsTheLossiest();
    void badTargetsShowAnError_data();
    void badTargetsShowAnError();
    void targetsArePersistedWithoutDuplicates();
    void pageDrawsTheSelectedTarget();
    void realTcpProbeToLocalListener();
    void bearerCredentialsStayInTheStore();
    void credentialsDialogKeepsBasicAuthentication();
    void reopenedDialogKeepsWhatIsStored();
    void credentialsDialogRefusesBadEntries_data();
    void credentialsDialogRefusesBadEntries();
    void removingATargetDeletesItsSecret();
    void unavailableKeychainStillProbes();
    void systemKeychainWithoutSessionBus();
};

void TestLinks::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // No Secret Service and no KWallet, even on a desktop: the system keychain must fail
    // here, and never see the test's made-up secrets. Read when the session bus is first
    // used, which is after this.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/sockpit-test-bus");
}

void TestLinks::init()
{
    settings().clear();
}

void TestLinks::statisticsFromSamples()
{
    LinkTableModel model;
    ModelTest::watch(&model);
    QCOMPARE(model.addTarget(target(QStringLiteral("icmp://192.0.2.1"))), 0);
    model.setAddress(QStringLiteral("icmp://192.0.2.1"), QStringLiteral("192.0.2.1"));
    const qint64 now = 1000 * Second;
    // 10, 20, 30, 40 ms and one loss, one a second.
    const double rtts[] = {10, 20, -1, 30, 40};
    for (int i = 0; i < 5; ++i) {
        const qint64 sent = now - (5 - i) * Second;
        model.addSample(QStringLiteral("icmp://192.0.2.1"), rtts[i] < 0 ? lost(sent) : reply(sent, rtts[i]));
    }
    // Samples for a target that is not listed are ignored.
    model.addSample(QStringLiteral("icmp://198.51.100.1"), reply(now, 1));
    model.refresh(now);

    const ProbeStats &stats = model.stats(0);
    QCOMPARE(stats.sent, 5);
    QCOMPARE(stats.received, 4);
    QCOMPARE(stats.lossPct, 20.0);
    QCOMPARE(stats.avgMs, 25.0);
    QCOMPARE(stats.p95Ms, 40.0);
    QCOMPARE(stats.jitterMeanAbsDiffMs, 10.0);

    const auto cell = [&](int column) { return model.index(0, column).data().toString(); };
    QCOMPARE(cell(LinkTableModel::TargetColumn), QStringLiteral("icmp://192.0.2.1"));
    QCOMPARE(cell(LinkTableModel::AddressColumn), QStringLiteral("192.0.2.1"));
    QCOMPARE(cell(LinkTableModel::SentColumn), QStringLiteral("5"));
    QCOMPARE(cell(LinkTableModel::ReceivedColumn), QStringLiteral("4"));
    QCOMPARE(cell(LinkTableModel::LossColumn), QStringLiteral("20.0%"));
    QCOMPARE(cell(LinkTableModel::AverageColumn), QStringLiteral("25.0 ms"));
    QCOMPARE(cell(LinkTableModel::P95Column), QStringLiteral("40.0 ms"));
    QCOMPARE(cell(LinkTableModel::JitterColumn), QStringLiteral("10.0 ms"));
    // 20 % loss is far above the 1 % alert threshold.
    QVERIFY2(stats.level == HealthLevel::Alert || stats.level == HealthLevel::Down, healthLevelName(stats.level));
    QVERIFY(cell(LinkTableModel::HealthColumn).startsWith(LinkTableModel::healthText(stats.level)));
    QCOMPARE(model.index(0, LinkTableModel::LossColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Last failure: timeout"));

    model.setFailure(QStringLiteral("icmp://192.0.2.1"), QStringLiteral("cannot open an ICMP socket"));
    QCOMPARE(cell(LinkTableModel::HealthColumn), QStringLiteral("cannot probe"));
    QCOMPARE(model.index(0, LinkTableModel::HealthColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("cannot open an ICMP socket"));
}

void TestLinks::statsWindowDropsOldSamples()
{
    LinkTableModel model;
    ModelTest::watch(&model);
    model.addTarget(target(QStringLiteral("tcp://192.0.2.1:80")));
    model.setStatsWindow(std::chrono::seconds(60));
    const qint64 now = 10000 * Second;
    // 50 losses two minutes ago, then 30 good replies in the last 30 s.
    for (int i = 0; i < 50; ++i)
        model.addSample(QStringLiteral("tcp://192.0.2.1:80"), lost(now - 180 * Second + i * Second));
    for (int i = 0; i < 30; ++i)
        model.addSample(QStringLiteral("tcp://192.0.2.1:80"), reply(now - 30 * Second + i * Second, 5));
    model.refresh(now);
    QCOMPARE(model.stats(0).sent, 30);
    QCOMPARE(model.stats(0).lossPct, 0.0);
    QCOMPARE(model.stats(0).level, HealthLevel::Ok);
    model.setStatsWindow(std::chrono::seconds(300));
    model.refresh(now);
    QCOMPARE(model.stats(0).sent, 80);
    QCOMPARE(model.sampleCount(0), 80);
}

void TestLinks::chartDataHasBandAndLosses()
{
    LinkTableModel model;
    ModelTest::watch(&model);
    model.addTarget(target(QStringLiteral("icmp://192.0.2.1")));
    const qint64 now = 1000 * Second;
    model.addSample(QStringLiteral("icmp://192.0.2.1"), reply(now - 4 * Second, 10));
    model.addSample(QStringLiteral("icmp://192.0.2.1"), reply(now - 3 * Second, 20));
    model.addSample(QStringLiteral("icmp://192.0.2.1"), lost(now - 2 * Second));
    model.addSample(QStringLiteral("icmp://192.0.2.1"), reply(now - 1 * Second, 30));
    model.addSample(QStringLiteral("icmp://192.0.2.1"), reply(now, 40));
    const LinkTableModel::ChartData data = model.chartData(0, now, std::chrono::minutes(5));
    QCOMPARE(data.rtt, (QList<QPointF>{{-4, 10}, {-3, 20}, {-1, 30}, {0, 40}}));
    QCOMPARE(data.losses, (QList<double>{-2}));
    QCOMPARE(data.bandLower.size(), 4);
    QCOMPARE(data.bandUpper.size(), 4);
    // At the last reply: mean of 10, 20, 30, 40 = 25, mean |difference| = 10.
    QCOMPARE(data.bandLower.last(), QPointF(0, 15));
    QCOMPARE(data.bandUpper.last(), QPointF(0, 35));
    // The first reply has no jitter yet: a band of zero width at its RTT.
    QCOMPARE(data.bandLower.first(), QPointF(-4, 10));
    QCOMPARE(data.bandUpper.first(), QPointF(-4, 10));
    // A one-second window keeps only what was sent in it.
    QCOMPARE(model.chartData(0, now, std::chrono::seconds(1)).rtt, (QList<QPointF>{{-1, 30}, {0, 40}}));
}

void TestLinks::worstLinkIsTheLossiest()
{
    LinkTableModel model;
    ModelTest::watch(&model);
    QVERIFY(model.worstLink().text.isEmpty());
    QCOMPARE(model.worstLink().level, Level::Unknown);
    model.addTarget(target(QStringLiteral("icmp://192.0.2.1")));
    model.addTarget(target(QStringLiteral("icmp://192.0.2.2")));
    const qint64 now = 1000 * Second;
    for (int i = 0; i < 20; ++i) {
        const qint64 sent = now - (20 - i) * Second;
        model.addSample(QStringLiteral("icmp://192.0.2.1"), reply(sent, 2));
        model.addSample(QStringLiteral("icmp://192.0.2.2"), i % 4 == 0 ? lost(sent) : reply(sent, 3));
    }
    model.refresh(now);
    const KeyFigure worst = model.worstLink();
    QCOMPARE(worst.caption, QStringLiteral("icmp://192.0.2.2"));
    QCOMPARE(worst.text, QStringLiteral("3.00 ms, 25.0% loss"));
    QCOMPARE(worst.level, Level::Critical);
}

void TestLinks::badTargetsShowAnError_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QString() << QStringLiteral("Enter a target");
    QTest::newRow("ftp://host") << QStringLiteral("ftp://host") << QStringLiteral("unknown scheme");
    QTest::newRow("tcp://host") << QStringLiteral("tcp://host") << QStringLiteral("port");
    QTest::newRow("no scheme") << QStringLiteral("192.0.2.1") << QStringLiteral("192.0.2.1");
}

void TestLinks::badTargetsShowAnError()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    LinksPage page;
    ModelTest::watchAll(&page);
    page.show();
    QVERIFY(page.errorLabel()->isHidden());
    page.targetEdit()->setText(text);
    QTest::keyClick(page.targetEdit(), Qt::Key_Return);
    QVERIFY(page.errorLabel()->isVisible());
    QVERIFY2(page.errorLabel()->text().contains(message), qPrintable(page.errorLabel()->text()));
    QCOMPARE(page.model()->rowCount(), 0);
    QCOMPARE(page.targetEdit()->text(), text); // kept for correcting
    QVERIFY(!settings().contains(QStringLiteral("links/targets")));
    // Typing hides the complaint.
    QTest::keyClick(page.targetEdit(), Qt::Key_X);
    QVERIFY(page.errorLabel()->isHidden());
}

void TestLinks::targetsArePersistedWithoutDuplicates()
{
    {
        LinksPage page;
        ModelTest::watchAll(&page);
        QVERIFY(page.addTarget(QStringLiteral("icmp://127.0.0.1")));
        QVERIFY(page.addTarget(QStringLiteral(" tcp://127.0.0.1:9 ")));
        QVERIFY(!page.addTarget(QStringLiteral("icmp://127.0.0.1")));
        QVERIFY(page.errorLabel()->text().contains(QStringLiteral("listed already")));
        QCOMPARE(page.model()->rowCount(), 2);
        QCOMPARE(settings().value(QStringLiteral("links/targets")).toStringList(),
                 (QStringList{QStringLiteral("icmp://127.0.0.1"), QStringLiteral("tcp://127.0.0.1:9")}));
    }
    {
        LinksPage page;
        ModelTest::watchAll(&page);
        QCOMPARE(page.model()->targetTexts(),
                 (QStringList{QStringLiteral("icmp://127.0.0.1"), QStringLiteral("tcp://127.0.0.1:9")}));
        page.removeTarget(0);
        QCOMPARE(settings().value(QStringLiteral("links/targets")).toStringList(),
                 QStringList{QStringLiteral("tcp://127.0.0.1:9")});
    }
}

void TestLinks::pageDrawsTheSelectedTarget()
{
    LinksPage page;
    ModelTest::watchAll(&page);
    page.resize(1000, 700);
    page.show();
    // Targets nobody answers are fine here: the samples below are made up, and the
    // prober's own samples for them cannot arrive within this test (1 s timeout).
    QVERIFY(page.addTarget(QStringLiteral("icmp://192.0.2.1")));
    QVERIFY(page.addTarget(QStringLiteral("icmp://192.0.2.2")));
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    const qint64 now = qint64(ts.tv_sec) * Second + ts.tv_nsec;
    for (int i = 0; i < 30; ++i) {
        const qint64 sent = now - (60 - i) * Second;
        page.model()->addSample(QStringLiteral("icmp://192.0.2.1"), i == 10 ? lost(sent) : reply(sent, 5 + i % 3));
        page.model()->addSample(QStringLiteral("icmp://192.0.2.2"), reply(sent, 50));
    }
    page.table()->selectRow(0);
    page.refresh();
    TimeChart *chart = page.chart();
    QCOMPARE(chart->seriesName(0), QStringLiteral("RTT to icmp://192.0.2.1"));
    QCOMPARE(chart->seriesData(0).size(), 29);
    QCOMPARE(chart->series(0)->count(), 29);
    QCOMPARE(chart->marksData(0).size(), 1);
    QCOMPARE(chart->marksSeries(0)->count(), 1);
    QCOMPARE(chart->bandLower(0).size(), 29);
    QVERIFY(chart->bandArea(0)->upperSeries()->count() > 0);
    // The loss mark sits at the top of the axis, above every RTT.
    QVERIFY(chart->marksSeries(0)->at(0).y() > 7);
    QVERIFY(chart->readout(chart->seriesData(0).last().x()).contains(QStringLiteral("Mean ± jitter")));

    QSignalSpy worst(&page, &LinksPage::worstLinkChanged);
    page.table()->selectRow(1);
    QCOMPARE(chart->seriesName(0), QStringLiteral("RTT to icmp://192.0.2.2"));
    QCOMPARE(chart->marksData(0).size(), 0);
    QVERIFY(std::abs(chart->seriesData(0).last().y() - 50) < 1e-9);
    page.refresh();
    QVERIFY(!worst.isEmpty());
    QCOMPARE(worst.last().at(0).value<KeyFigure>().caption, QStringLiteral("icmp://192.0.2.1"));
}

void TestLinks::realTcpProbeToLocalListener()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QString text = QStringLiteral("tcp://127.0.0.1:%1").arg(server.serverPort());
    LinksPage page;
    ModelTest::watchAll(&page);
    QSignalSpy opened(page.runner(), &ProbeRunner::targetOpened);
    QSignalSpy samples(page.runner(), &ProbeRunner::sampleReady);
    QVERIFY(page.addTarget(text));
    // The kernel completes the handshake from the listen backlog: the probe succeeds
    // without the server accepting.
    QTRY_VERIFY_WITH_TIMEOUT(!samples.isEmpty(), 10000);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().at(1).toString(), QStringLiteral("127.0.0.1"));
    const auto sample = samples.first().at(1).value<ProbeSample>();
    QVERIFY2(sample.ok(), qPrintable(sample.error));
    // Probing ran on the worker thread; the sample reached the model on this one.
    QVERIFY(page.runner()->thread() != QThread::currentThread());
    page.refresh();
    const int row = page.model()->rowOf(text);
    QCOMPARE(page.model()->index(row, LinkTableModel::AddressColumn).data().toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(page.model()->stats(row).received >= 1);
    QVERIFY(page.model()->stats(row).avgMs < 1000);
    QVERIFY(!page.chart()->seriesData(0).isEmpty());

    // A name that does not resolve is reported on its row, not as a freeze.
    QSignalSpy failed(page.runner(), &ProbeRunner::targetFailed);
    QVERIFY(page.addTarget(QStringLiteral("tcp://no-such-host.invalid:80")));
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 15000);
    const int badRow = page.model()->rowOf(QStringLiteral("tcp://no-such-host.invalid:80"));
    QCOMPARE(page.model()->index(badRow, LinkTableModel::HealthColumn).data().toString(), QStringLiteral("cannot probe"));
}

void TestLinks::bearerCredentialsStayInTheStore()
{
    const QString api = QStringLiteral("https://127.0.0.1:9/health");
    const QString other = QStringLiteral("https://127.0.0.1:9/other");
    const QString tcp = QStringLiteral("tcp://127.0.0.1:9");
    const QByteArray token = QByteArrayLiteral("s3cret-token.XYZ");
    FakeCredentialStore store;
    LinksPage page(&store);
    ModelTest::watchAll(&page);
    QVERIFY(page.addTarget(api));
    QVERIFY(page.addTarget(other));
    QVERIFY(page.addTarget(tcp));
    // Nothing stored yet: every target probes, none with credentials.
    QTRY_COMPARE(page.runner()->targets().size(), 3);
    QCOMPARE(runnerAuthorization(page, api), QByteArray());

    QVERIFY(page.setCredentials(page.model()->rowOf(api), bearerAuthorization(token)));
    // Under this target only.
    QTRY_COMPARE(store.entries.size(), 1);
    QCOMPARE(store.entries.value(api), QByteArrayLiteral("Bearer s3cret-token.XYZ"));
    // Read back from the store when probing restarts, and handed to the runner for this
    // target alone.
    QTRY_COMPARE(runnerAuthorization(page, api), QByteArrayLiteral("Bearer s3cret-token.XYZ"));
    QCOMPARE(runnerAuthorization(page, other), QByteArray());
    QCOMPARE(runnerAuthorization(page, tcp), QByteArray());
    QVERIFY(!page.keychainLabel()->isVisible());
    // The model, which the table and the exports read, never holds it.
    QVERIFY(page.model()->target(page.model()->rowOf(api)).authorization.isEmpty());
    // The settings file lists the targets and nothing of the secret.
    const QByteArray file = settingsFileBytes();
    QVERIFY(file.contains("127.0.0.1:9/health"));
    QVERIFY(!file.contains(token));
    QVERIFY(!file.contains(token.toBase64()));
    // A tcp:// target takes none.
    QVERIFY(!page.setCredentials(page.model()->rowOf(tcp), bearerAuthorization(token)));
    page.table()->selectRow(page.model()->rowOf(tcp));
    QVERIFY(!page.credentialsButton()->isEnabled());
    QVERIFY(!page.editCredentials(page.model()->rowOf(tcp)));
    page.table()->selectRow(page.model()->rowOf(api));
    QVERIFY(page.credentialsButton()->isEnabled());

    // None: forgotten in the store, and probing goes on without.
    QVERIFY(page.setCredentials(page.model()->rowOf(api), QByteArray()));
    QTRY_VERIFY(store.entries.isEmpty());
    QTRY_COMPARE(runnerAuthorization(page, api), QByteArray());
}

void TestLinks::credentialsDialogKeepsBasicAuthentication()
{
    const QString api = QStringLiteral("https://127.0.0.1:9/");
    FakeCredentialStore store;
    LinksPage page(&store);
    ModelTest::watchAll(&page);
    page.show();
    QVERIFY(page.addTarget(api));
    page.credentialsButton()->click();
    CredentialsDialog *dialog = page.credentialsDialog();
    QVERIFY(dialog);
    QTRY_VERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("No credentials")),
                 qPrintable(dialog->statusLabel()->text()));
    QCOMPARE(dialog->kind(), CredentialsDialog::Kind::None);
    dialog->setKind(CredentialsDialog::Kind::Basic);
    QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled()); // no user yet
    dialog->userEdit()->setText(QStringLiteral("alice"));
    dialog->passwordEdit()->setText(QStringLiteral("pass:word"));
    QVERIFY(ok->isEnabled());
    ok->click();
    const QByteArray expected = basicAuthorization(QStringLiteral("alice"), QStringLiteral("pass:word"));
    QCOMPARE(expected, QByteArrayLiteral("Basic YWxpY2U6cGFzczp3b3Jk"));
    QTRY_COMPARE(store.entries.value(api), expected);
    QCOMPARE(store.entries.size(), 1);
    QTRY_COMPARE(runnerAuthorization(page, api), expected);
    QVERIFY(!settingsFileBytes().contains("pass:word"));
    QVERIFY(!settingsFileBytes().contains("YWxpY2U6cGFzczp3b3Jk"));

    // Opened again: what is stored is named, the password is not shown.
    QTRY_VERIFY(!page.credentialsDialog());
    QVERIFY(page.editCredentials(0));
    dialog = page.credentialsDialog();
    QTRY_VERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("alice")),
                 qPrintable(dialog->statusLabel()->text()));
    QCOMPARE(dialog->kind(), CredentialsDialog::Kind::Basic);
    QCOMPARE(dialog->userEdit()->text(), QStringLiteral("alice"));
    QVERIFY(dialog->passwordEdit()->text().isEmpty());
    dialog->reject();
    QCOMPARE(store.entries.value(api), expected);
}

void TestLinks::reopenedDialogKeepsWhatIsStored()
{
    // The stored token or password is never shown, so the dialog opens with its field
    // empty: OK then keeps what is stored instead of storing an empty secret.
    const QString api = QStringLiteral("https://127.0.0.1:9/");
    const QByteArray basic = basicAuthorization(QStringLiteral("alice"), QStringLiteral("kept"));
    FakeCredentialStore store;
    store.entries.insert(api, basic);
    LinksPage page(&store);
    ModelTest::watchAll(&page);
    page.show();
    QVERIFY(page.addTarget(api));
    QVERIFY(page.editCredentials(0));
    CredentialsDialog *dialog = page.credentialsDialog();
    QTRY_VERIFY(dialog->statusLabel()->text().contains(QStringLiteral("alice")));
    QCOMPARE(dialog->authorization(), basic);
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!page.credentialsDialog());
    QTRY_COMPARE(runnerAuthorization(page, api), basic);
    QCOMPARE(store.entries.value(api), basic);

    // Another user is new credentials, password and all.
    QVERIFY(page.editCredentials(0));
    dialog = page.credentialsDialog();
    QTRY_VERIFY(dialog->statusLabel()->text().contains(QStringLiteral("alice")));
    dialog->userEdit()->setText(QStringLiteral("bob"));
    QCOMPARE(dialog->authorization(), basicAuthorization(QStringLiteral("bob"), QString()));
    dialog->passwordEdit()->setText(QStringLiteral("new"));
    QCOMPARE(dialog->authorization(), basicAuthorization(QStringLiteral("bob"), QStringLiteral("new")));
    dialog->reject();
    QTRY_VERIFY(!page.credentialsDialog());

    // A stored token: OK is enabled with the field empty, and keeps it; a typed one replaces it.
    store.entries.insert(api, bearerAuthorization("stored-token"));
    QVERIFY(page.editCredentials(0));
    dialog = page.credentialsDialog();
    QTRY_VERIFY(dialog->statusLabel()->text().contains(QStringLiteral("bearer token is stored")));
    QVERIFY(dialog->tokenEdit()->text().isEmpty());
    QCOMPARE(dialog->problem(), QString());
    QCOMPARE(dialog->authorization(), QByteArrayLiteral("Bearer stored-token"));
    dialog->tokenEdit()->setText(QStringLiteral("typed-token"));
    QCOMPARE(dialog->authorization(), QByteArrayLiteral("Bearer typed-token"));
    dialog->tokenEdit()->clear();
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QTRY_COMPARE(runnerAuthorization(page, api), QByteArrayLiteral("Bearer stored-token"));
    QCOMPARE(store.entries.value(api), QByteArrayLiteral("Bearer stored-token"));
    // Switching to basic authentication keeps nothing of the token.
    QTRY_VERIFY(!page.credentialsDialog());
    QVERIFY(page.editCredentials(0));
    dialog = page.credentialsDialog();
    QTRY_VERIFY(dialog->statusLabel()->text().contains(QStringLiteral("bearer token is stored")));
    dialog->setKind(CredentialsDialog::Kind::Basic);
    dialog->userEdit()->setText(QStringLiteral("carol"));
    QCOMPARE(dialog->authorization(), basicAuthorization(QStringLiteral("carol"), QString()));
    dialog->reject();
}

void TestLinks::credentialsDialogRefusesBadEntries_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<QString>("problem");
    const int bearer = int(CredentialsDialog::Kind::Bearer);
    const int basic = int(CredentialsDialog::Kind::Basic);
    QTest::newRow("empty token") << bearer << QString() << QString() << QStringLiteral("Enter the token");
    QTest::newRow("token with a space") << bearer << QStringLiteral("abc def") << QString() << QStringLiteral("letters");
    QTest::newRow("token with a line break")
        << bearer << QStringLiteral("abc\r\nX-Evil: 1") << QString() << QStringLiteral("letters");
    QTest::newRow("token with = inside") << bearer << QStringLiteral("ab=c") << QString() << QStringLiteral("letters");
    QTest::newRow("empty user") << basic << QString() << QStringLiteral("pw") << QStringLiteral("Enter the user");
    QTest::newRow("user with a colon") << basic << QStringLiteral("a:b") << QStringLiteral("pw") << QStringLiteral("colon");
    QTest::newRow("password with a line break")
        << basic << QStringLiteral("alice") << QStringLiteral("p\nw") << QStringLiteral("control");
}

void TestLinks::credentialsDialogRefusesBadEntries()
{
    QFETCH(int, kind);
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(QString, problem);
    CredentialsDialog dialog(QStringLiteral("https://example.org/"));
    dialog.showStored(QByteArray());
    dialog.setKind(CredentialsDialog::Kind(kind));
    if (dialog.kind() == CredentialsDialog::Kind::Bearer) {
        dialog.tokenEdit()->setText(first);
    } else {
        dialog.userEdit()->setText(first);
        dialog.passwordEdit()->setText(second);
    }
    QVERIFY2(dialog.problem().contains(problem), qPrintable(dialog.problem()));
    QVERIFY(!dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    // A good token passes, so the rows above fail for their own reason.
    dialog.setKind(CredentialsDialog::Kind::Bearer);
    dialog.tokenEdit()->setText(QStringLiteral("eyJ0eXAi.x-y_z~+/=="));
    QCOMPARE(dialog.problem(), QString());
    QVERIFY(dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
}

void TestLinks::removingATargetDeletesItsSecret()
{
    const QString first = QStringLiteral("https://127.0.0.1:9/a");
    const QString second = QStringLiteral("https://127.0.0.1:9/b");
    FakeCredentialStore store;
    store.entries.insert(first, bearerAuthorization("one"));
    store.entries.insert(second, bearerAuthorization("two"));
    LinksPage page(&store);
    ModelTest::watchAll(&page);
    QVERIFY(page.addTarget(first));
    QVERIFY(page.addTarget(second));
    QTRY_COMPARE(runnerAuthorization(page, second), QByteArrayLiteral("Bearer two"));
    QCOMPARE(runnerAuthorization(page, first), QByteArrayLiteral("Bearer one"));
    page.removeTarget(page.model()->rowOf(first));
    QTRY_VERIFY(!store.entries.contains(first));
    QCOMPARE(store.entries.value(second), QByteArrayLiteral("Bearer two"));
    QTRY_COMPARE(runnerAuthorization(page, first), QByteArrayLiteral("<absent>"));
    QCOMPARE(runnerAuthorization(page, second), QByteArrayLiteral("Bearer two"));
}

void TestLinks::unavailableKeychainStillProbes()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QString text = QStringLiteral("https://127.0.0.1:%1/health").arg(server.serverPort());
    FakeCredentialStore store;
    store.available = false;
    LinksPage page(&store);
    ModelTest::watchAll(&page);
    page.show();
    QSignalSpy samples(page.runner(), &ProbeRunner::sampleReady);
    QVERIFY(page.addTarget(text));
    QTRY_VERIFY(page.keychainLabel()->isVisible());
    QVERIFY2(page.keychainLabel()->text().contains(QStringLiteral("The system keychain is not available: "
                                                                  "credentials cannot be kept.")),
             qPrintable(page.keychainLabel()->text()));
    QVERIFY(page.keychainLabel()->text().contains(QStringLiteral("probed without credentials")));
    QCOMPARE(runnerAuthorization(page, text), QByteArray());
    // It is probed all the same: the listener never answers TLS, so the sample is a
    // failure, but it is a sample of this target.
    QTRY_VERIFY_WITH_TIMEOUT(!samples.isEmpty(), 10000);
    QCOMPARE(samples.first().at(0).toString(), text);

    // The dialog says so and takes nothing; saving through the page loses nothing either.
    QVERIFY(page.editCredentials(0));
    CredentialsDialog *dialog = page.credentialsDialog();
    QTRY_VERIFY2(dialog->statusLabel()->text().contains(CredentialStore::unavailableMessage()),
                 qPrintable(dialog->statusLabel()->text()));
    QVERIFY(!dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!dialog->tokenEdit()->isEnabled());
    dialog->reject();
    page.keychainLabel()->clear();
    QVERIFY(page.setCredentials(0, bearerAuthorization("kept-nowhere")));
    QTRY_VERIFY(page.keychainLabel()->text().contains(CredentialStore::unavailableMessage()));
    QVERIFY(store.entries.isEmpty());
    QVERIFY(!settingsFileBytes().contains("kept-nowhere"));
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(runnerAuthorization(page, text), QByteArray());
}

void TestLinks::systemKeychainWithoutSessionBus()
{
    // The real store, QtKeychain's jobs included, with the session bus pointed nowhere
    // (initTestCase): every job must fail with the plain message, asynchronously.
    std::unique_ptr<CredentialStore> store(createSystemCredentialStore());
    bool called = false;
    std::optional<Result<QByteArray>> read;
    store->read(QStringLiteral("https://127.0.0.1:9/"), [&](const Result<QByteArray> &result) {
        called = true;
        read = result;
    });
    QVERIFY(!called);
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 15000);
    QVERIFY(!read->ok());
    qInfo("keychain without a session bus: %s", qPrintable(read->error()));
    const bool built = !read->error().contains(CredentialStore::unsupportedMessage());
    if (built)
        QVERIFY2(read->error().startsWith(CredentialStore::unavailableMessage()), qPrintable(read->error()));

    std::optional<Result<void>> written;
    store->write(QStringLiteral("https://127.0.0.1:9/"), bearerAuthorization("never-kept"),
                 [&](const Result<void> &result) { written = result; });
    QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 15000);
    QVERIFY(!written->ok());
    QVERIFY2(written->error().startsWith(built ? CredentialStore::unavailableMessage()
                                               : CredentialStore::unsupportedMessage()),
             qPrintable(written->error()));
    // QtKeychain's plaintext fallback stayed off: nothing landed in Sockpit's settings file.
    QVERIFY(!settingsFileBytes().contains("never-kept"));
}

QTEST_MAIN(TestLinks)
#include "tst_links.moc"
