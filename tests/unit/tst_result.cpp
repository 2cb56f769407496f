// SPDX-License-Identifier: GPL-3.0-or-later
// Result and Error: a failure handed from one Result type to another keeps its message
// and errno, a context goes in front of the message, and errno becomes words one way.
#include "base/result.h"
#include "base/systemerror.h"

#include <QTest>

#include <cerrno>

using namespace Sockpit;

namespace {

Result<int> parsePort(const QString &text)
{
    bool ok = false;
    const int port = text.toInt(&ok);
    if (!ok)
        return Error{QStringLiteral("\"%1\" is not a number").arg(text), EINVAL};
    return port;
}

// A caller of another type hands the failure on untouched.
Result<QString> describe(const QString &text)
{
    auto port = parsePort(text);
    if (!port)
        return port.failure();
    return QStringLiteral("port %1").arg(*port);
}

Result<void> check(const QString &text)
{
    auto described = describe(text);
    if (!described)
        return described.failure().prefixed(QStringLiteral("listener"));
    return {};
}

} // namespace

class TestResult final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failurePassesBetweenTypes();
    void failureOfSuccessIsEmpty();
    void voidFailureKeepsCode();
    void systemErrorNamesTheCause_data();
    void systemErrorNamesTheCause();
};

void TestResult::failurePassesBetweenTypes()
{
    const Result<QString> described = describe(QStringLiteral("eighty"));
    QVERIFY(!described);
    QCOMPARE(described.error(), QStringLiteral("\"eighty\" is not a number"));
    QCOMPARE(described.errorCode(), EINVAL);

    const Result<void> checked = check(QStringLiteral("eighty"));
    QVERIFY(!checked);
    QCOMPARE(checked.error(), QStringLiteral("listener: \"eighty\" is not a number"));
    QCOMPARE(checked.errorCode(), EINVAL);

    const Result<QString> fine = describe(QStringLiteral("80"));
    QVERIFY(fine);
    QCOMPARE(fine.value(), QStringLiteral("port 80"));
    QVERIFY(check(QStringLiteral("80")).ok());
}

void TestResult::failureOfSuccessIsEmpty()
{
    const Result<int> port = parsePort(QStringLiteral("443"));
    QVERIFY(port);
    QVERIFY(port.failure().message.isEmpty());
    QCOMPARE(port.failure().code, 0);
}

void TestResult::voidFailureKeepsCode()
{
    const Result<void> failed = Error{QStringLiteral("cannot open /x"), ENOENT};
    const Error error = failed.failure();
    QCOMPARE(error.message, QStringLiteral("cannot open /x"));
    QCOMPARE(error.code, ENOENT);
    const Result<int> again = failed.failure();
    QCOMPARE(again.errorCode(), ENOENT);
    QCOMPARE(again.error(), QStringLiteral("cannot open /x"));
}

void TestResult::systemErrorNamesTheCause_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("words");
    QTest::newRow("ENOENT") << ENOENT << QStringLiteral("No such file or directory");
    QTest::newRow("EACCES") << EACCES << QStringLiteral("Permission denied");
    QTest::newRow("EPERM") << EPERM << QStringLiteral("Operation not permitted");
    QTest::newRow("unknown 4242") << 4242 << QStringLiteral("Unknown error 4242");
}

void TestResult::systemErrorNamesTheCause()
{
    QFETCH(int, error);
    QFETCH(QString, words);
    QCOMPARE(errnoText(error), words);
    const Error e = systemError(QStringLiteral("cannot read /proc/net/tcp"), error);
    QCOMPARE(e.message, QStringLiteral("cannot read /proc/net/tcp: ") + words);
    QCOMPARE(e.code, error);
}

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
