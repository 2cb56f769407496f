// SPDX-License-Identifier: GPL-3.0-or-later
// The Links page's credentials in a real system keychain: gnome-keyring-daemon's Secret
// Service on a private session bus, with a throw-away HOME (tests/support/privatekeyring.sh,
// which ctest runs this under). Entered through the Credentials dialog of the window's
// Links page, they are found in the keychain with secret-tool, read back by the next
// window, sent in the Authorization header to an https server in this process that
// records its requests, deleted with their target, and never in a file.
#include "guifixtures.h"
#include "mainwindow.h"
#include "models/linktablemodel.h"
#include "pages/linkspage.h"
#include "probes/probetarget.h"
#include "settings/credentialstore.h"
#include "tlsfixture.h"
#include "widgets/credentialsdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Sockpit;
using namespace Sockpit::Test;

namespace {

// QtKeychain's libsecret backend (qtkeychain/libsecret.cpp): schema "org.qt.keychain",
// attribute "server" = the service, "user" = the key, "type" = "base64" for binary data,
// whose secret it stores base64-encoded. KeychainCredentialStore writes binary data.
const QString Service = QStringLiteral("sockpit");

QSettings settings()
{
    return QSettings(QStringLiteral("Sockpit"), QStringLiteral("sockpit"));
}

// One item as secret-tool prints it.
struct KeychainItem
{
    QByteArray secret;
    QHash<QByteArray, QByteArray> attributes;
};

struct Search
{
    QString problem; // secret-tool could not answer
    QList<KeychainItem> items;
};

// `secret-tool search --all server sockpit [user KEY]`: every item of the service, or the
// one of a key. It prints each item as a "[/path]" block with "secret = ..." on stdout and
// its "attribute.NAME = VALUE" lines on stderr, so attributes are only taken when there
// is one item.
Search searchKeychain(const QString &key = {})
{
    QStringList arguments{QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"), Service};
    if (!key.isEmpty())
        arguments << QStringLiteral("user") << key;
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"), arguments);
    Search search;
    if (!tool.waitForFinished(60000) || tool.exitStatus() != QProcess::NormalExit) {
        search.problem = QStringLiteral("secret-tool did not finish: %1").arg(tool.errorString());
        return search;
    }
    const QByteArray out = tool.readAllStandardOutput();
    const QByteArray err = tool.readAllStandardError();
    // Nothing found is not an error: it exits 0 or 1 then, depending on the version.
    if (tool.exitCode() != 0 && tool.exitCode() != 1) {
        search.problem = QStringLiteral("secret-tool failed (%1): %2").arg(tool.exitCode()).arg(QString::fromLocal8Bit(err));
        return search;
    }
    for (const QByteArray &line : out.split('\n')) {
        if (line.startsWith('['))
            search.items.append(KeychainItem());
        else if (line.startsWith("secret = ") && !search.items.isEmpty())
            search.items.last().secret = line.mid(9);
    }
    if (search.items.size() == 1) {
        for (const QByteArray &line : err.split('\n')) {
            if (line.startsWith("attribute.")) {
                const qsizetype equals = line.indexOf(" = ");
                search.items.first().attributes.insert(line.mid(10, equals - 10), line.mid(equals + 3));
            }
        }
    }
    return search;
}

// Removes every item of the service, so each test starts from an empty keychain.
bool clearKeychain()
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"), {QStringLiteral("clear"), QStringLiteral("server"), Service});
    return tool.waitForFinished(60000) && tool.exitStatus() == QProcess::NormalExit;
}

// The requests the server got for `path`, in order.
QList<QByteArray> requestsFor(const RecordingTlsServer &server, const QByteArray &path)
{
    QList<QByteArray> found;
    for (const QByteArray &request : server.requests) {
        if (request.startsWith(QByteArray("GET " + path + " HTTP/1.1\r\n")))
            found << request;
    }
    return found;
}

// How the probe carried credentials: "" for none, the value for one header, "<n headers>"
// otherwise.
QByteArray authorizationSent(const QByteArray &request)
{
    QByteArray value;
    int headers = 0;
    for (const QByteArray &line : request.split('\n')) {
        if (line.toLower().startsWith("authorization:")) {
            ++headers;
            value = line.mid(14).trimmed();
        }
    }
    return headers <= 1 ? value : QByteArrayLiteral("<%1 headers>").replace("%1", QByteArray::number(headers));
}

// As typed on a keyboard, one key event a character; QTest::keyClicks takes ASCII only.
void type(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80) {
            QTest::keyClick(widget, char(c.unicode()));
        } else {
            QTest::sendKeyEvent(QTest::Press, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
            QTest::sendKeyEvent(QTest::Release, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
        }
    }
}

// The helpers below check with QVERIFY, which returns from the helper only; a step stops
// the test function too when it failed.
#define STEP(call) \
    do { \
        call; \
        if (QTest::currentTestFailed()) \
            return; \
    } while (false)

LinksPage *linksPage(MainWindow &window)
{
    return qobject_cast<LinksPage *>(window.page(LinksPage::Id.toString()));
}

} // namespace

class TestKeychain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void credentialsThroughRestarts();
    void noneDeletesTheEntry();
    void jobsOutliveTheirStore();

private:
    // A window on the Links page, shown, as a user starts it.
    std::unique_ptr<MainWindow> openWindow();
    // Destroys it and waits until the server has seen the last of its connections, so
    // every request recorded after this comes from a later window.
    void closeWindow(std::unique_ptr<MainWindow> &window);
    // Selects the row of `target` with the mouse and opens its Credentials dialog, once
    // the keychain has answered it.
    CredentialsDialog *openCredentials(LinksPage *page, const QString &target);
    void addTargetByTyping(LinksPage *page, const QString &target);
    void clickOk(CredentialsDialog *dialog);
    // Not a byte of any secret in any file under the throw-away HOME, the settings file
    // (which must list `targets`) included.
    void verifyNoSecretInFiles(const QStringList &targets);
    // The one keychain item of `target`: QtKeychain's attributes and the value.
    void verifyStored(const QString &target, const QByteArray &authorization);
    void verifyNotStored(const QString &target);
    // Waits for a new request to `path` that carries `authorization` (empty: none); then
    // every later one must carry it too, exactly once.
    void verifySent(const QByteArray &path, const QByteArray &authorization);
    QString url(const QByteArray &path) const;

    QTemporaryDir m_dir;
    std::unique_ptr<TestPki> m_pki;
    RecordingTlsServer m_server;
    QList<QByteArray> m_secrets; // every form of every secret the test uses
};

void TestKeychain::initTestCase()
{
    // Never the real user's keychain or settings: the wrapper's throw-away HOME, where
    // gnome-keyring keeps the keyring and QStandardPaths' test mode the settings.
    const QString home = qEnvironmentVariable("SOCKPIT_PRIVATE_KEYRING");
    if (home.isEmpty() || QDir(home) != QDir::home())
        QFAIL("run this through tests/support/privatekeyring.sh (as ctest does): it writes to the session's "
              "keychain, and that must be a private one");
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(settings().fileName().startsWith(home), qPrintable(settings().fileName()));
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty(),
             "secret-tool is missing (Debian package libsecret-tools; packaging/bootstrap installs it)");
    QVERIFY2(opensslAvailable(), "the openssl command is missing (packaging/bootstrap installs it)");

    // The https target: a server in this process whose certificate chains to a test root
    // that this process trusts. The Links page has no CA setting of its own, so the root
    // goes into the default configuration every QSslSocket starts from.
    QVERIFY(m_dir.isValid());
    m_pki = std::make_unique<TestPki>(m_dir.path());
    const Result<void> made = m_pki->createAuthorities();
    QVERIFY2(made.ok(), qPrintable(made.error()));
    TestPki::LeafSpec spec;
    spec.commonName = QStringLiteral("127.0.0.1");
    spec.subjectAltNames = {QStringLiteral("IP:127.0.0.1")};
    spec.key = QStringLiteral("rsa");
    const Result<TestPki::Leaf> leaf = m_pki->leaf(QStringLiteral("leaf"), spec);
    QVERIFY2(leaf.ok(), qPrintable(leaf.error()));
    m_server.chain = QSslCertificate::fromPath(leaf.value().certificate)
                     + QSslCertificate::fromPath(m_pki->intermediateCertificate());
    QFile key(leaf.value().key);
    QVERIFY(key.open(QIODevice::ReadOnly));
    m_server.key = QSslKey(key.readAll(), QSsl::Rsa);
    QVERIFY(!m_server.key.isNull());
    QVERIFY(m_server.listen(QHostAddress::LocalHost));
    QSslConfiguration trusted = QSslConfiguration::defaultConfiguration();
    trusted.addCaCertificates(QSslCertificate::fromPath(m_pki->rootCertificate()));
    QSslConfiguration::setDefaultConfiguration(trusted);
}

void TestKeychain::init()
{
    QSettings stored = settings();
    stored.clear();
    stored.sync();
    QVERIFY(clearKeychain());
    const Search left = searchKeychain();
    QVERIFY2(left.problem.isEmpty(), qPrintable(left.problem));
    QVERIFY(left.items.isEmpty());
    m_server.requests.clear();
    m_secrets.clear();
}

QString TestKeychain::url(const QByteArray &path) const
{
    return QStringLiteral("https://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(QString::fromLatin1(path));
}

std::unique_ptr<MainWindow> TestKeychain::openWindow()
{
    auto window = std::make_unique<MainWindow>(Fixtures::notInstalledTuning());
    window->resize(1100, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("the window was not exposed");
    window->showPage(LinksPage::Id.toString());
    return window;
}

void TestKeychain::closeWindow(std::unique_ptr<MainWindow> &window)
{
    window->close();
    window.reset();
    // The prober stopped with its page; the server sees its connections end.
    QTRY_VERIFY_WITH_TIMEOUT(m_server.findChildren<QSslSocket *>().isEmpty(), 30000);
    m_server.requests.clear();
}

void TestKeychain::addTargetByTyping(LinksPage *page, const QString &target)
{
    type(page->targetEdit(), target);
    QTest::keyClick(page->targetEdit(), Qt::Key_Return);
    QVERIFY2(page->errorLabel()->isHidden(), qPrintable(page->errorLabel()->text()));
    QVERIFY(page->model()->rowOf(target) >= 0);
}

CredentialsDialog *TestKeychain::openCredentials(LinksPage *page, const QString &target)
{
    QTableView *table = page->table();
    const int row = page->model()->rowOf(target);
    if (row < 0) {
        qWarning("%s is not listed", qPrintable(target));
        return nullptr;
    }
    const QRect cell = table->visualRect(page->model()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    if (table->currentIndex().row() != row || !page->credentialsButton()->isEnabled()) {
        qWarning("clicking the row of %s did not select it", qPrintable(target));
        return nullptr;
    }
    QTest::mouseClick(page->credentialsButton(), Qt::LeftButton);
    CredentialsDialog *dialog = page->credentialsDialog();
    if (!dialog || dialog->target() != target)
        return nullptr;
    // Until the keychain answers, it says it is reading and nothing can be chosen.
    const QString reading = dialog->statusLabel()->text();
    if (!QTest::qWaitFor([&] { return !dialog->statusLabel()->text().startsWith(QStringLiteral("Reading")); }, 30000)) {
        qWarning("the keychain did not answer: %s", qPrintable(reading));
        return nullptr;
    }
    return dialog;
}

void TestKeychain::clickOk(CredentialsDialog *dialog)
{
    QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    QVERIFY2(ok->isEnabled(), qPrintable(dialog->problem()));
    QTest::mouseClick(ok, Qt::LeftButton);
}

void TestKeychain::verifyNoSecretInFiles(const QStringList &targets)
{
    QSettings stored = settings();
    stored.sync();
    QFile file(stored.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(stored.fileName()));
    const QByteArray bytes = file.readAll();
    // The file the page writes, not some other one.
    for (const QString &target : targets)
        QVERIFY2(bytes.contains(target.toUtf8()), bytes.constData());
    for (const QByteArray &secret : std::as_const(m_secrets))
        QVERIFY2(!bytes.contains(secret), qPrintable(QStringLiteral("%1 holds a secret").arg(stored.fileName())));

    // Nor anywhere else in HOME: QtKeychain's plaintext fallback, a cache, a log. The
    // keyring itself is encrypted, so this holds for it too.
    int files = 0;
    QDirIterator it(QDir::homePath(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile other(path);
        if (!other.open(QIODevice::ReadOnly))
            continue;
        ++files;
        const QByteArray content = other.readAll();
        for (const QByteArray &secret : std::as_const(m_secrets))
            QVERIFY2(!content.contains(secret), qPrintable(QStringLiteral("%1 holds a secret").arg(path)));
    }
    QVERIFY(files >= 2); // the settings and the keyring at least
}

void TestKeychain::verifyStored(const QString &target, const QByteArray &authorization)
{
    Search search;
    // The page writes asynchronously; wait for the item, then look at it closely.
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     search = searchKeychain(target);
                     return !search.problem.isEmpty() || !search.items.isEmpty();
                 },
                 30000),
             qPrintable(QStringLiteral("the keychain has no item for %1").arg(target)));
    QVERIFY2(search.problem.isEmpty(), qPrintable(search.problem));
    QCOMPARE(search.items.size(), 1);
    const KeychainItem &item = search.items.first();
    QCOMPARE(item.attributes.value("server"), Service.toUtf8());
    QCOMPARE(item.attributes.value("user"), target.toUtf8());
    QCOMPARE(item.attributes.value("type"), QByteArrayLiteral("base64"));
    QCOMPARE(QByteArray::fromBase64(item.secret), authorization);
}

void TestKeychain::verifyNotStored(const QString &target)
{
    Search search;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     search = searchKeychain(target);
                     return !search.problem.isEmpty() || search.items.isEmpty();
                 },
                 30000),
             qPrintable(QStringLiteral("the keychain still holds %1 item(s) for %2").arg(search.items.size()).arg(target)));
    QVERIFY2(search.problem.isEmpty(), qPrintable(search.problem));
    QVERIFY(search.items.isEmpty());
}

void TestKeychain::verifySent(const QByteArray &path, const QByteArray &authorization)
{
    // Requests from before the call may still carry what was sent before.
    const qsizetype mark = requestsFor(m_server, path).size();
    qsizetype first = -1;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     const QList<QByteArray> requests = requestsFor(m_server, path);
                     for (qsizetype i = mark; i < requests.size(); ++i) {
                         if (authorizationSent(requests.at(i)) == authorization) {
                             first = i;
                             return true;
                         }
                     }
                     return false;
                 },
                 30000),
             qPrintable(QStringLiteral("no request to %1 with %2 in %3 requests")
                            .arg(QString::fromLatin1(path),
                                 authorization.isEmpty() ? QStringLiteral("no credentials")
                                                         : QStringLiteral("its credentials"))
                            .arg(requestsFor(m_server, path).size())));
    // Later probes carry the same: a second one, so the first was no accident.
    const qsizetype seen = requestsFor(m_server, path).size();
    QTRY_VERIFY_WITH_TIMEOUT(requestsFor(m_server, path).size() > seen, 30000);
    const QList<QByteArray> requests = requestsFor(m_server, path);
    for (qsizetype i = first; i < requests.size(); ++i)
        QCOMPARE(authorizationSent(requests.at(i)), authorization);
}

void TestKeychain::credentialsThroughRestarts()
{
    const QString bearerTarget = url("/bearer");
    const QString basicTarget = url("/basic");
    const QString token = QStringLiteral("kc-T0ken.abc_~+/=");
    const QString user = QStringLiteral("alice");
    const QString password = QStringLiteral("pa:ss wörd");
    const QByteArray bearer = bearerAuthorization(token.toLatin1());
    const QByteArray basic = basicAuthorization(user, password);
    QCOMPARE(basic, QByteArrayLiteral("Basic YWxpY2U6cGE6c3Mgd8O2cmQ="));
    m_secrets = {token.toUtf8(), password.toUtf8(), bearer, basic, bearer.toBase64(), basic.toBase64(),
                 basic.mid(6), token.toUtf8().toBase64()};
    const QStringList both{bearerTarget, basicTarget};

    // The first start: two targets, probed without credentials.
    std::unique_ptr<MainWindow> window = openWindow();
    LinksPage *page = linksPage(*window);
    QVERIFY(page);
    STEP(addTargetByTyping(page, bearerTarget));
    STEP(addTargetByTyping(page, basicTarget));
    STEP(verifySent("/bearer", {}));
    STEP(verifySent("/basic", {}));

    // A bearer token, typed into the dialog.
    CredentialsDialog *dialog = openCredentials(page, bearerTarget);
    QVERIFY(dialog);
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("No credentials")),
             qPrintable(dialog->statusLabel()->text()));
    dialog->findChild<QRadioButton *>(QStringLiteral("bearerCredentials"))->click();
    type(dialog->tokenEdit(), token);
    STEP(clickOk(dialog));
    STEP(verifyStored(bearerTarget, bearer));
    STEP(verifyNotStored(basicTarget));
    QTRY_VERIFY(!page->credentialsDialog());

    // A user and password for the other one.
    dialog = openCredentials(page, basicTarget);
    QVERIFY(dialog);
    dialog->findChild<QRadioButton *>(QStringLiteral("basicCredentials"))->click();
    type(dialog->userEdit(), user);
    type(dialog->passwordEdit(), password);
    STEP(clickOk(dialog));
    STEP(verifyStored(basicTarget, basic));
    STEP(verifyStored(bearerTarget, bearer));
    QCOMPARE(searchKeychain().items.size(), 2);
    QVERIFY(page->keychainLabel()->isHidden());

    // Each target gets its own, in the one Authorization header.
    STEP(verifySent("/bearer", bearer));
    STEP(verifySent("/basic", basic));
    STEP(verifyNoSecretInFiles(both));

    // A restart: the targets come from the settings, their credentials from the keychain.
    STEP(closeWindow(window));
    window = openWindow();
    page = linksPage(*window);
    QCOMPARE(page->model()->targetTexts(), both);
    STEP(verifySent("/bearer", bearer));
    STEP(verifySent("/basic", basic));
    dialog = openCredentials(page, bearerTarget);
    QVERIFY(dialog);
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("A bearer token is stored")),
             qPrintable(dialog->statusLabel()->text()));
    QCOMPARE(dialog->kind(), CredentialsDialog::Kind::Bearer);
    QVERIFY(dialog->tokenEdit()->text().isEmpty()); // never shown
    dialog->buttons()->button(QDialogButtonBox::Cancel)->click();
    QTRY_VERIFY(!page->credentialsDialog());
    dialog = openCredentials(page, basicTarget);
    QVERIFY(dialog);
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("Basic authentication as alice is stored")),
             qPrintable(dialog->statusLabel()->text()));
    QCOMPARE(dialog->kind(), CredentialsDialog::Kind::Basic);
    QCOMPARE(dialog->userEdit()->text(), user);
    QVERIFY(dialog->passwordEdit()->text().isEmpty());
    // OK without typing the password again keeps it, rather than storing an empty one.
    STEP(clickOk(dialog));
    QTRY_VERIFY(!page->credentialsDialog());
    m_server.requests.clear();
    STEP(verifySent("/basic", basic));
    STEP(verifyStored(basicTarget, basic));
    STEP(verifyNoSecretInFiles(both));

    // Removing a target deletes its entry, and only its.
    QTableView *table = page->table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(page->model()->index(page->model()->rowOf(bearerTarget), 0)).center());
    QCOMPARE(table->currentIndex().row(), page->model()->rowOf(bearerTarget));
    QVERIFY(page->removeButton()->isEnabled());
    QTest::mouseClick(page->removeButton(), Qt::LeftButton);
    QCOMPARE(page->model()->targetTexts(), QStringList{basicTarget});
    STEP(verifyNotStored(bearerTarget));
    STEP(verifyStored(basicTarget, basic));
    QVERIFY(page->keychainLabel()->isHidden());
    STEP(verifyNoSecretInFiles({basicTarget}));

    // Gone after the next restart too; the other one is still read back and sent.
    STEP(closeWindow(window));
    window = openWindow();
    page = linksPage(*window);
    QCOMPARE(page->model()->targetTexts(), QStringList{basicTarget});
    STEP(verifySent("/basic", basic));
    QVERIFY(requestsFor(m_server, "/bearer").isEmpty());
    page->table()->setFocus();
    page->table()->selectRow(0);
    QTest::keyClick(page->table(), Qt::Key_Delete);
    QCOMPARE(page->model()->rowCount(), 0);
    STEP(verifyNotStored(basicTarget));
    const Search left = searchKeychain();
    QVERIFY2(left.problem.isEmpty(), qPrintable(left.problem));
    QVERIFY(left.items.isEmpty());
    STEP(verifyNoSecretInFiles({}));
}

void TestKeychain::noneDeletesTheEntry()
{
    const QString target = url("/none");
    const QString token = QStringLiteral("to-be-forgotten");
    m_secrets = {token.toUtf8(), bearerAuthorization(token.toUtf8()), bearerAuthorization(token.toUtf8()).toBase64()};
    std::unique_ptr<MainWindow> window = openWindow();
    LinksPage *page = linksPage(*window);
    STEP(addTargetByTyping(page, target));
    CredentialsDialog *dialog = openCredentials(page, target);
    QVERIFY(dialog);
    dialog->findChild<QRadioButton *>(QStringLiteral("bearerCredentials"))->click();
    type(dialog->tokenEdit(), token);
    STEP(clickOk(dialog));
    STEP(verifyStored(target, bearerAuthorization(token.toUtf8())));
    STEP(verifySent("/none", bearerAuthorization(token.toUtf8())));
    QTRY_VERIFY(!page->credentialsDialog());

    dialog = openCredentials(page, target);
    QVERIFY(dialog);
    QCOMPARE(dialog->kind(), CredentialsDialog::Kind::Bearer);
    dialog->findChild<QRadioButton *>(QStringLiteral("noCredentials"))->click();
    STEP(clickOk(dialog));
    STEP(verifyNotStored(target));
    STEP(verifySent("/none", {}));
    QCOMPARE(page->model()->targetTexts(), QStringList{target});
    STEP(verifyNoSecretInFiles({target}));
}

void TestKeychain::jobsOutliveTheirStore()
{
    // A store deleted with its keychain calls in flight, as a page is when its window
    // closes: what it started still completes (libsecret calls back into each job, so the
    // jobs must not go with the store), and its callbacks are never called.
    const QString target = url("/outlived");
    const QByteArray value = bearerAuthorization("outlived");
    m_secrets = {value, value.toBase64()};
    bool called = false;
    {
        std::unique_ptr<CredentialStore> store(createSystemCredentialStore());
        store->read(target, [&](const Result<QByteArray> &) { called = true; });
        store->write(target, value, [&](const Result<void> &) { called = true; });
        // Let the read reach the Secret Service before the store goes.
        QCoreApplication::processEvents();
    }
    // QtKeychain runs jobs one at a time, in order: this read comes after both.
    std::unique_ptr<CredentialStore> store(createSystemCredentialStore());
    std::optional<Result<QByteArray>> read;
    store->read(target, [&](const Result<QByteArray> &result) { read = result; });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 30000);
    QVERIFY2(read->ok(), qPrintable(read->error()));
    QCOMPARE(read->value(), value);
    QVERIFY(!called);
    STEP(verifyStored(target, value));
}

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
