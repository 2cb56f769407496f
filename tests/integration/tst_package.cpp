// SPDX-License-Identifier: GPL-3.0-or-later
// Sockpit as a Debian package, checked by the ecosystem's own tools: the .deb and .rpm
// this build makes (cpack), their fields and layout, lintian, desktop-file-validate and
// appstreamcli; then the .deb installed, used through real polkit by unprivileged users,
// and removed, all inside a private system (tests/support/privatesystem.h) so the
// machine's own files, package database and polkitd never see it.

#include "privatesystem.h"
#include "tuning/sysctltree.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <sys/stat.h>

using namespace Sockpit;
using namespace Sockpit::Test;

namespace {

const QString HelperPath = QStringLiteral("/usr/libexec/sockpit/sockpit-helper");
const QString PolicyPath = QStringLiteral("/usr/share/polkit-1/actions/io.github.sockpit.policy");
const QString AllowedUser = QStringLiteral("sockpit-pkg");
const QString OtherUser = QStringLiteral("sockpit-pkg-other");

QString text(const QByteArray &bytes)
{
    return QString::fromLocal8Bit(bytes).trimmed();
}

struct Entry
{
    QString mode;  // "-rwxr-xr-x"
    QString owner; // "root/root"
};

// "-rwxr-xr-x root/root     12345 2026-12-02 04:00 ./usr/bin/sockpit-cli"
std::map<QString, Entry> debContents(const QString &deb)
{
    std::map<QString, Entry> entries;
    const ProgramRun run = runProgram(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), deb});
    static const QRegularExpression line(QStringLiteral("^(\\S+)\\s+(\\S+)\\s+\\d+\\s+\\S+\\s+\\S+\\s+\\.(/\\S*)$"));
    for (const QString &row : QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const auto match = line.match(row);
        if (match.hasMatch())
            entries[match.captured(3).endsWith(QLatin1Char('/')) ? match.captured(3).chopped(1) : match.captured(3)] = {
                match.captured(1), match.captured(2)};
    }
    return entries;
}

} // namespace

class TestPackage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fields();
    void layout();
    void policyPointsAtThePackagedHelper();
    void lintianFindsNoErrors();
    void desktopEntryAndMetainfoValidate();
    void rpm();
    void installUseRemove();

private:
    QString build(const QString &generator, const QString &suffix);

    PrivateSystem m_system;
    QTemporaryDir m_dir{QDir::tempPath() + QStringLiteral("/sockpit-package-XXXXXX")};
    QString m_deb;
};

void TestPackage::initTestCase()
{
    if (!QFileInfo::exists(QStringLiteral("/usr/bin/dpkg")))
        QSKIP("not a Debian-like system: no dpkg to build and install the package with");
    if (const QString reason = PrivateSystem::skipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    for (const char *tool : {"/usr/bin/dpkg-deb", "/usr/bin/dpkg-shlibdeps", "/usr/bin/lintian", "/usr/bin/desktop-file-validate",
                             "/usr/bin/appstreamcli", "/usr/bin/rpmbuild", "/usr/bin/pkaction", "/usr/bin/pkexec",
                             "/usr/lib/polkit-1/polkitd", "/usr/bin/dbus-daemon", "/usr/bin/dbus-send"}) {
        if (!QFileInfo::exists(QLatin1String(tool)))
            QFAIL(qPrintable(QStringLiteral("%1 is missing (packaging/bootstrap installs it)").arg(QLatin1String(tool))));
    }
    // First, before any thread: everything installed later goes into the private system.
    auto entered = m_system.enter();
    QVERIFY2(entered.ok(), qPrintable(entered.error()));
    QVERIFY(m_dir.isValid());
    m_deb = build(QStringLiteral("DEB"), QStringLiteral(".deb"));
    QVERIFY2(!m_deb.isEmpty(), "cpack -G DEB made no package");
}

QString TestPackage::build(const QString &generator, const QString &suffix)
{
    const QString out = m_dir.filePath(generator);
    const ProgramRun run = runProgram(QStringLiteral(SOCKPIT_CPACK), {QStringLiteral("--config"),
                                                                      QStringLiteral(SOCKPIT_BUILD_DIR "/CPackConfig.cmake"),
                                                                      QStringLiteral("-G"), generator, QStringLiteral("-B"), out});
    if (run.exitCode != 0) {
        qWarning("cpack -G %s: %s%s", qPrintable(generator), run.out.constData(), run.err.constData());
        return {};
    }
    const QStringList made = QDir(out).entryList({QStringLiteral("*") + suffix}, QDir::Files);
    return made.size() == 1 ? QDir(out).filePath(made.first()) : QString();
}

void TestPackage::fields()
{
    auto field = [this](const char *name) {
        return text(runProgram(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), m_deb, QLatin1String(name)}).out);
    };
    QCOMPARE(field("Package"), QStringLiteral("sockpit"));
    QCOMPARE(field("Version"), QStringLiteral(SOCKPIT_VERSION));
    QCOMPARE(field("Section"), QStringLiteral("net"));
    QVERIFY(field("Maintainer").contains(QRegularExpression(QStringLiteral("^.+ <.+@.+>$"))));
    QVERIFY(field("Homepage").startsWith(QStringLiteral("https://")));
    const QString description = field("Description");
    QVERIFY2(description.contains(QLatin1Char('\n')), qPrintable(description)); // a summary and a long description
    // From the shared libraries (dpkg-shlibdeps), and what starts the helper.
    const QString depends = field("Depends");
    for (const char *dependency : {"pkexec", "polkitd", "libqt6core6", "libqt6widgets6", "libqt6charts6", "libmnl0", "libc6"})
        QVERIFY2(depends.contains(QLatin1String(dependency)), qPrintable(depends));
}

void TestPackage::layout()
{
    const std::map<QString, Entry> entries = debContents(m_deb);
    const std::map<QString, QString> expected = {
        {QStringLiteral("/usr/bin/sockpit"), QStringLiteral("-rwxr-xr-x")},
        {QStringLiteral("/usr/bin/sockpit-cli"), QStringLiteral("-rwxr-xr-x")},
        {HelperPath, QStringLiteral("-rwxr-xr-x")},
        {PolicyPath, QStringLiteral("-rw-r--r--")},
        {QStringLiteral("/usr/share/applications/sockpit.desktop"), QStringLiteral("-rw-r--r--")},
        {QStringLiteral("/usr/share/metainfo/io.github.sockpit.Sockpit.metainfo.xml"), QStringLiteral("-rw-r--r--")},
        {QStringLiteral("/usr/share/icons/hicolor/scalable/apps/sockpit.svg"), QStringLiteral("-rw-r--r--")},
        {QStringLiteral("/usr/share/doc/sockpit/copyright"), QStringLiteral("-rw-r--r--")},
        {QStringLiteral("/usr/share/doc/sockpit/changelog.gz"), QStringLiteral("-rw-r--r--")},
        {QStringLiteral("/usr/share/man/man1/sockpit.1.gz"), QStringLiteral("-rw-r--r--")},
        {QStringLiteral("/usr/share/man/man1/sockpit-cli.1.gz"), QStringLiteral("-rw-r--r--")},
    };
    for (const auto &[path, mode] : expected) {
        const auto it = entries.find(path);
        QVERIFY2(it != entries.end(), qPrintable(path + QStringLiteral(" is not in the package")));
        QCOMPARE(it->second.mode, mode);
        QCOMPARE(it->second.owner, QStringLiteral("root/root"));
    }
    for (const auto &[path, entry] : entries) {
        // Nothing of the user's or the helper's: /etc/sysctl.d and the journal's directory
        // are made when first used, and stay when the package goes.
        QVERIFY2(path.startsWith(QStringLiteral("/usr")) || path == QLatin1String(""), qPrintable(path));
        QVERIFY2(!path.contains(QStringLiteral("test")), qPrintable(path)); // no test build of anything
        QCOMPARE(entry.owner, QStringLiteral("root/root"));
    }
}

void TestPackage::policyPointsAtThePackagedHelper()
{
    const QString extracted = m_dir.filePath(QStringLiteral("extracted"));
    QCOMPARE(runProgram(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), m_deb, extracted}).exitCode, 0);
    QFile policy(extracted + PolicyPath);
    QVERIFY(policy.open(QIODevice::ReadOnly));
    const QByteArray xml = policy.readAll();
    const QByteArray annotation = "<annotate key=\"org.freedesktop.policykit.exec.path\">" + HelperPath.toUtf8() + "</annotate>";
    QCOMPARE(xml.count(annotation), 4); // apply, undo, history, close-socket
    QVERIFY(!xml.contains("testinstall"));
    // The window and the CLI start exactly that path: it is compiled in.
    for (const char *binary : {"/usr/bin/sockpit", "/usr/bin/sockpit-cli"}) {
        QFile file(extracted + QLatin1String(binary));
        QVERIFY(file.open(QIODevice::ReadOnly));
        // As a C string, or as the UTF-16 of a QStringLiteral; whole, not a prefix.
        QByteArray latin = HelperPath.toLatin1();
        latin.append('\0');
        QByteArray utf16(reinterpret_cast<const char *>(HelperPath.utf16()), HelperPath.size() * 2);
        utf16.append(2, '\0');
        const QByteArray content = file.readAll();
        QVERIFY2(content.contains(latin) || content.contains(utf16), binary);
    }
}

void TestPackage::lintianFindsNoErrors()
{
    const ProgramRun run = runProgram(QStringLiteral("lintian"), {QStringLiteral("--tag-display-limit"), QStringLiteral("0"), m_deb});
    const QString report = QString::fromUtf8(run.both());
    qInfo("lintian:\n%s", qPrintable(report));
    QStringList errors;
    QStringList unexplained;
    QFile readme(QStringLiteral(SOCKPIT_SOURCE_DIR "/packaging/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString explained = QString::fromUtf8(readme.readAll());
    static const QRegularExpression tag(QStringLiteral("^([EWX]): sockpit(?: \\S+)?: (\\S+)"), QRegularExpression::MultilineOption);
    for (auto it = tag.globalMatch(report); it.hasNext();) {
        const auto match = it.next();
        if (match.captured(1) == QLatin1String("E"))
            errors << match.captured(2);
        else if (!explained.contains(QStringLiteral("`%1`").arg(match.captured(2))))
            unexplained << match.captured(2);
    }
    QVERIFY2(!report.contains(QLatin1String("internal error")), qPrintable(report));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1String(", "))));
    // Every warning is fixed or explained, by its tag, in packaging/README.md.
    QVERIFY2(unexplained.isEmpty(), qPrintable(QStringLiteral("not explained in packaging/README.md: ") + unexplained.join(QLatin1String(", "))));
}

void TestPackage::desktopEntryAndMetainfoValidate()
{
    const ProgramRun desktop = runProgram(QStringLiteral("desktop-file-validate"),
                                          {QStringLiteral(SOCKPIT_SOURCE_DIR "/packaging/sockpit.desktop")});
    QVERIFY2(desktop.exitCode == 0 && !desktop.out.contains("error:"), desktop.both().constData());
    const QString metainfo = QStringLiteral(SOCKPIT_SOURCE_DIR "/packaging/io.github.sockpit.Sockpit.metainfo.xml");
    const ProgramRun appstream = runProgram(QStringLiteral("appstreamcli"), {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                                                             QStringLiteral("--explain"), metainfo});
    QVERIFY2(appstream.exitCode == 0, appstream.both().constData());
    // Its screenshots are the README's images, at their place in the repository.
    QFile file(metainfo);
    QVERIFY(file.open(QIODevice::ReadOnly));
    static const QRegularExpression image(QStringLiteral("<image>[^<]*/packaging/screenshots/([a-z]+\\.png)</image>"));
    int images = 0;
    for (auto it = image.globalMatch(QString::fromUtf8(file.readAll())); it.hasNext(); ++images) {
        const QString name = it.next().captured(1);
        QVERIFY2(QFileInfo::exists(QStringLiteral(SOCKPIT_SOURCE_DIR "/packaging/screenshots/") + name), qPrintable(name));
    }
    QVERIFY(images >= 3);
}

void TestPackage::rpm()
{
    const QString rpm = build(QStringLiteral("RPM"), QStringLiteral(".rpm"));
    QVERIFY2(!rpm.isEmpty(), "cpack -G RPM made no package");
    const QStringList files = QString::fromUtf8(runProgram(QStringLiteral("rpm"), {QStringLiteral("-qlp"), rpm}).out)
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &path : {QStringLiteral("/usr/bin/sockpit"), QStringLiteral("/usr/bin/sockpit-cli"), HelperPath, PolicyPath})
        QVERIFY2(files.contains(path), qPrintable(path));
    // Directories that other packages own are not claimed.
    for (const QString &shared : {QStringLiteral("/usr/libexec"), QStringLiteral("/usr/share/polkit-1/actions"),
                                  QStringLiteral("/usr/share/applications")})
        QVERIFY2(!files.contains(shared), qPrintable(shared));
    const QString requires_ = QString::fromUtf8(runProgram(QStringLiteral("rpm"), {QStringLiteral("-qp"), QStringLiteral("--requires"), rpm}).out);
    QVERIFY2(requires_.contains(QLatin1String("polkit")), qPrintable(requires_));
    QVERIFY2(requires_.contains(QLatin1String("libQt6Core.so.6")), qPrintable(requires_));
}

void TestPackage::installUseRemove()
{
    // Install: dpkg, with the dependencies this machine already has.
    const ProgramRun install = runProgram(QStringLiteral("dpkg"), {QStringLiteral("-i"), m_deb});
    QVERIFY2(install.exitCode == 0, install.both().constData());
    const QStringList installed = QString::fromUtf8(runProgram(QStringLiteral("dpkg"), {QStringLiteral("-L"), QStringLiteral("sockpit")}).out)
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(installed.contains(HelperPath));
    struct stat helper{};
    QCOMPARE(::stat(qPrintable(HelperPath), &helper), 0);
    QCOMPARE(helper.st_mode & 07777, mode_t(0755));
    QCOMPARE(helper.st_uid, uid_t(0));

    uid_t uid = 0, otherUid = 0;
    gid_t gid = 0, otherGid = 0;
    auto added = m_system.addUser(AllowedUser, &uid, &gid);
    QVERIFY2(added.ok(), qPrintable(added.error()));
    added = m_system.addUser(OtherUser, &otherUid, &otherGid);
    QVERIFY2(added.ok(), qPrintable(added.error()));
    auto granted = m_system.grantWithoutPassword(QStringLiteral("io.github.sockpit."), AllowedUser);
    QVERIFY2(granted.ok(), qPrintable(granted.error()));
    auto started = m_system.startPolkit();
    QVERIFY2(started.ok(), qPrintable(started.error()));

    // polkitd read the installed policy: the actions, their defaults and exec.path.
    const QString actions = QString::fromUtf8(runProgram(QStringLiteral("pkaction"), {QStringLiteral("--verbose")}).out);
    for (const char *action : {"apply", "undo", "history", "close-socket"}) {
        const qsizetype at = actions.indexOf(QStringLiteral("io.github.sockpit.%1:").arg(QLatin1String(action)));
        QVERIFY2(at >= 0, action);
        const QString block = actions.mid(at, actions.indexOf(QStringLiteral("\n\n"), at) - at);
        QVERIFY2(block.contains(QStringLiteral("org.freedesktop.policykit.exec.path -> ") + HelperPath), qPrintable(block));
        const QString active = QLatin1String(action) == QLatin1String("close-socket") ? QStringLiteral("auth_admin")
                                                                                        : QStringLiteral("auth_admin_keep");
        QVERIFY2(block.contains(QRegularExpression(QStringLiteral("implicit active:\\s+%1\\n").arg(active))), qPrintable(block));
        QVERIFY2(block.contains(QRegularExpression(QStringLiteral("implicit any:\\s+auth_admin\\n"))), qPrintable(block));
    }

    // The allowed user changes a value through the installed CLI and helper, persisted.
    const ProgramRun apply = runProgram(QStringLiteral("/usr/bin/sockpit-cli"),
                                        {QStringLiteral("apply"), QStringLiteral("--set"), QStringLiteral("net.ipv4.tcp_fin_timeout=33"),
                                         QStringLiteral("--persist")},
                                        uid, gid);
    QVERIFY2(apply.exitCode == 0, apply.both().constData());
    QCOMPARE(SysctlTree().read(QStringLiteral("net.ipv4.tcp_fin_timeout")).value(), QStringLiteral("33"));
    const QString persisted = QStringLiteral("/etc/sysctl.d/90-sockpit.conf");
    QFile conf(persisted);
    QVERIFY(conf.open(QIODevice::ReadOnly));
    QVERIFY(conf.readAll().contains("net.ipv4.tcp_fin_timeout = 33"));
    struct stat journalDir{};
    QCOMPARE(::stat("/var/lib/sockpit", &journalDir), 0);
    QCOMPARE(journalDir.st_mode & 07777, mode_t(0700)); // made by the helper on first use
    QCOMPARE(journalDir.st_uid, uid_t(0));

    // Another user, whom no rule allows: refused, nothing changes.
    const ProgramRun refused = runProgram(QStringLiteral("/usr/bin/sockpit-cli"),
                                          {QStringLiteral("apply"), QStringLiteral("--set"), QStringLiteral("net.ipv4.tcp_fin_timeout=44")},
                                          otherUid, otherGid);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.startsWith("sockpit-cli: not authorized"), refused.err.constData());
    QCOMPARE(SysctlTree().read(QStringLiteral("net.ipv4.tcp_fin_timeout")).value(), QStringLiteral("33"));
    m_system.stopPolkit();

    // Remove, then purge: every installed file goes; what the user made stays.
    for (const char *how : {"--remove", "--purge"}) {
        const ProgramRun removed = runProgram(QStringLiteral("dpkg"), {QLatin1String(how), QStringLiteral("sockpit")});
        QVERIFY2(removed.exitCode == 0, removed.both().constData());
    }
    QVERIFY(runProgram(QStringLiteral("dpkg"), {QStringLiteral("-L"), QStringLiteral("sockpit")}).exitCode != 0);
    for (const QString &path : installed) {
        const QFileInfo info(path);
        if (!info.isDir()) // directories other packages share may stay
            QVERIFY2(!info.exists() && !info.isSymLink(), qPrintable(path + QStringLiteral(" is still there")));
    }
    QVERIFY2(QFileInfo::exists(QStringLiteral("/usr/libexec/sockpit")) == false, "the helper's directory stays behind");
    QVERIFY(QFileInfo::exists(persisted));
    QVERIFY(QFileInfo::exists(QStringLiteral("/var/lib/sockpit/journal.jsonl")));
}

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
