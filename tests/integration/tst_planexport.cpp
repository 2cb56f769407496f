// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-cli plan --format ansible|tuned|sysctl with the tools that read them: the
// playbook passes ansible-playbook --syntax-check and, run with connection local inside a
// private network namespace, sets the values in that namespace's /proc/sys and writes
// them to a temporary sysctl_file (a second run changes nothing); the TuneD profile is
// loaded by TuneD's own profile loader with its include resolved; bad values exit 2 with
// one line in every format, as apply refuses them. Debian's ansible and tuned run under
// /usr/bin/python3, so they are called by that path; without them or root the tests that
// need them skip, saying why.
#include "clirunner.h"
#include "netns.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Sockpit;
using namespace Sockpit::Test;

namespace {

constexpr char AnsiblePlaybook[] = "/usr/bin/ansible-playbook";
constexpr char SystemPython[] = "/usr/bin/python3";

// Values that differ from the kernel's defaults, so a run that did nothing shows.
const QStringList Sets = {QStringLiteral("net.ipv4.tcp_fin_timeout=37"),
                          QStringLiteral("net.ipv4.ip_local_port_range=20000 60000"),
                          QStringLiteral("net.ipv4.tcp_max_syn_backlog=4099")};

QStringList planArguments(const QString &format, const QStringList &sets = Sets)
{
    QStringList arguments{QStringLiteral("plan"), QStringLiteral("--format"), format};
    for (const QString &set : sets)
        arguments << QStringLiteral("--set") << set;
    return arguments;
}

struct ToolRun
{
    int exitCode = -1;
    QByteArray output;
};

ToolRun runTool(const QString &program, const QStringList &arguments, const QString &home)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Ansible keeps its temporary files and facts cache under HOME: the test's own.
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("ANSIBLE_LOCAL_TEMP"), home + QStringLiteral("/local"));
    environment.insert(QStringLiteral("ANSIBLE_REMOTE_TEMP"), home + QStringLiteral("/remote"));
    environment.insert(QStringLiteral("ANSIBLE_NOCOLOR"), QStringLiteral("1"));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    process.waitForFinished(120000);
    ToolRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output = process.readAll();
    return run;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray readProcSys(const char *key)
{
    QFile file(QStringLiteral("/proc/sys/") + QString::fromLatin1(key).replace(QLatin1Char('.'), QLatin1Char('/')));
    return file.open(QIODevice::ReadOnly) ? file.readAll().simplified() : QByteArray();
}

// The merged profile as TuneD's loader builds it (tuned/profiles/loader.py): includes
// resolved against the profile directories, as JSON: {"main": {...}, "sysctl": {...}}.
constexpr char LoadProfile[] = R"(
import json, sys
import tuned.profiles.factory, tuned.profiles.loader, tuned.profiles.locator, tuned.profiles.merger
import tuned.profiles.variables
from tuned.utils.global_config import GlobalConfig
directories = ["/usr/lib/tuned", sys.argv[1]]
loader = tuned.profiles.loader.Loader(tuned.profiles.locator.Locator(directories), tuned.profiles.factory.Factory(),
                                      tuned.profiles.merger.Merger(), GlobalConfig(), tuned.profiles.variables.Variables())
profile = loader.load([sys.argv[2]])
sysctl = profile.units["sysctl"].options if "sysctl" in profile.units else {}
print(json.dumps({"name": profile.name, "main": dict(profile.options), "sysctl": dict(sysctl)}))
)";

} // namespace

class PlanExportTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sysctlFile();
    void ansibleSyntaxCheck();
    void ansibleAppliesInNamespace();
    void tunedProfileLoads_data();
    void tunedProfileLoads();
    void badInput_data();
    void badInput();

private:
    QString m_namespaceSkip;
    QTemporaryDir m_dir;
};

void PlanExportTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Everything below runs in a private namespace when it can: the playbook changes
    // net.* sysctls, which are per namespace.
    m_namespaceSkip = namespaceSkipReason();
    if (m_namespaceSkip.isEmpty()) {
        if (auto entered = enterPrivateNetworkNamespace(); !entered)
            m_namespaceSkip = entered.error();
    }
}

void PlanExportTest::sysctlFile()
{
    const CliRun run = runCli(planArguments(QStringLiteral("sysctl")));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("\nnet.ipv4.tcp_fin_timeout = 37\n"));
    QVERIFY(run.out.contains("\nnet.ipv4.ip_local_port_range = 20000 60000\n"));
}

void PlanExportTest::ansibleSyntaxCheck()
{
    if (!QFileInfo::exists(QLatin1String(AnsiblePlaybook)))
        QSKIP("ansible is not installed (packaging/bootstrap installs it)");
    const CliRun plan = runCli(planArguments(QStringLiteral("ansible")));
    QVERIFY2(plan.exitCode == 0, plan.err.constData());
    QVERIFY(plan.out.contains("ansible.posix.sysctl:"));
    const QString playbook = m_dir.filePath(QStringLiteral("syntax/sockpit-plan.yml"));
    QVERIFY(writeFile(playbook, plan.out));
    const ToolRun check = runTool(QLatin1String(AnsiblePlaybook),
                                  {QStringLiteral("--syntax-check"), QStringLiteral("-i"), QStringLiteral("localhost,"), playbook},
                                  m_dir.filePath(QStringLiteral("home")));
    QVERIFY2(check.exitCode == 0, check.output.constData());
}

void PlanExportTest::ansibleAppliesInNamespace()
{
    if (!m_namespaceSkip.isEmpty())
        QSKIP(qPrintable(m_namespaceSkip));
    if (!QFileInfo::exists(QLatin1String(AnsiblePlaybook)))
        QSKIP("ansible is not installed (packaging/bootstrap installs it)");
    const CliRun plan = runCli(planArguments(QStringLiteral("ansible")));
    QVERIFY2(plan.exitCode == 0, plan.err.constData());
    const QString playbook = m_dir.filePath(QStringLiteral("run/sockpit-plan.yml"));
    QVERIFY(writeFile(playbook, plan.out));
    const QString sysctlFile = m_dir.filePath(QStringLiteral("run/sysctl.d/90-sockpit.conf"));
    QVERIFY(QDir().mkpath(QFileInfo(sysctlFile).path()));
    // As root already: no become (sudo) on the local connection.
    const QStringList arguments{QStringLiteral("-i"), QStringLiteral("localhost,"), QStringLiteral("-c"), QStringLiteral("local"),
                                QStringLiteral("-e"), QStringLiteral("ansible_become=false"),
                                QStringLiteral("-e"), QStringLiteral("ansible_python_interpreter=") + QLatin1String(SystemPython),
                                QStringLiteral("-e"), QStringLiteral("sockpit_sysctl_file=") + sysctlFile, playbook};
    const QString home = m_dir.filePath(QStringLiteral("home"));
    const ToolRun first = runTool(QLatin1String(AnsiblePlaybook), arguments, home);
    QVERIFY2(first.exitCode == 0, first.output.constData());
    QVERIFY2(first.output.contains("changed=3"), first.output.constData());

    QCOMPARE(readProcSys("net.ipv4.tcp_fin_timeout"), QByteArray("37"));
    QCOMPARE(readProcSys("net.ipv4.ip_local_port_range"), QByteArray("20000 60000"));
    QCOMPARE(readProcSys("net.ipv4.tcp_max_syn_backlog"), QByteArray("4099"));
    QFile file(sysctlFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray persisted = file.readAll();
    for (const char *line : {"net.ipv4.tcp_fin_timeout=37\n", "net.ipv4.ip_local_port_range=20000 60000\n",
                             "net.ipv4.tcp_max_syn_backlog=4099\n"})
        QVERIFY2(persisted.contains(line), persisted.constData());

    const ToolRun second = runTool(QLatin1String(AnsiblePlaybook), arguments, home);
    QVERIFY2(second.exitCode == 0 && second.output.contains("changed=0"), second.output.constData());
}

void PlanExportTest::tunedProfileLoads_data()
{
    QTest::addColumn<QString>("include");
    QTest::newRow("default include") << QString();
    QTest::newRow("no include") << QStringLiteral("");
}

void PlanExportTest::tunedProfileLoads()
{
    QFETCH(QString, include);
    if (!QFileInfo::exists(QStringLiteral("/usr/lib/python3/dist-packages/tuned/profiles/loader.py")))
        QSKIP("tuned is not installed (packaging/bootstrap installs it)");
    QStringList arguments = planArguments(QStringLiteral("tuned"));
    const bool none = !include.isNull();
    if (none)
        arguments << QStringLiteral("--tuned-include") << include;
    const CliRun plan = runCli(arguments);
    QVERIFY2(plan.exitCode == 0, plan.err.constData());
    const QString profiles = m_dir.filePath(none ? QStringLiteral("tuned-none") : QStringLiteral("tuned-default"));
    QVERIFY(writeFile(profiles + QStringLiteral("/sockpit/tuned.conf"), plan.out));

    const ToolRun load = runTool(QLatin1String(SystemPython), {QStringLiteral("-c"), QLatin1String(LoadProfile), profiles,
                                                                QStringLiteral("sockpit")},
                                 m_dir.filePath(QStringLiteral("home")));
    QVERIFY2(load.exitCode == 0, load.output.constData());
    const QByteArray json = load.output.trimmed().split('\n').last(); // after the loader's log lines
    const QJsonObject profile = QJsonDocument::fromJson(json).object();
    QVERIFY2(!profile.isEmpty(), load.output.constData());
    const QJsonObject sysctl = profile.value(QStringLiteral("sysctl")).toObject();
    QCOMPARE(sysctl.value(QStringLiteral("net.ipv4.tcp_fin_timeout")).toString(), QStringLiteral("37"));
    QCOMPARE(sysctl.value(QStringLiteral("net.ipv4.ip_local_port_range")).toString(), QStringLiteral("20000 60000"));
    QCOMPARE(sysctl.value(QStringLiteral("net.ipv4.tcp_max_syn_backlog")).toString(), QStringLiteral("4099"));
    QVERIFY(profile.value(QStringLiteral("main")).toObject().value(QStringLiteral("summary")).toString().startsWith(
        QLatin1String("Sockpit kernel tuning")));
    if (none) {
        QCOMPARE(sysctl.size(), 3); // the plan's keys and nothing else
    } else {
        // throughput-performance's own sysctls came in through include=.
        QVERIFY2(sysctl.size() > 3, json.constData());
    }
}

void PlanExportTest::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("says");
    for (const char *format : {"sysctl", "ansible", "tuned"}) {
        const QString name = QLatin1String(format);
        QTest::addRow("%s: out of range", format)
            << planArguments(name, {QStringLiteral("net.ipv4.tcp_fin_timeout=99999")}) << QByteArray("out of range");
        QTest::addRow("%s: not in the catalogue", format)
            << planArguments(name, {QStringLiteral("kernel.panic=1")}) << QByteArray("kernel.panic");
        QTest::addRow("%s: newline in the value", format)
            << planArguments(name, {QStringLiteral("net.ipv4.tcp_fin_timeout=30\n- hosts: all")}) << QByteArray("net.ipv4.tcp_fin_timeout");
        QTest::addRow("%s: nothing set", format) << planArguments(name, {}) << QByteArray("nothing to do");
    }
    QTest::newRow("tuned: include with a space")
        << (planArguments(QStringLiteral("tuned")) << QStringLiteral("--tuned-include") << QStringLiteral("a b"))
        << QByteArray("bad --tuned-include");
    QTest::newRow("tuned: include with a newline")
        << (planArguments(QStringLiteral("tuned")) << QStringLiteral("--tuned-include") << QStringLiteral("a\n[sysctl]"))
        << QByteArray("bad --tuned-include");
    QTest::newRow("unknown format yaml") << planArguments(QStringLiteral("yaml")) << QByteArray("ansible, tuned");
}

void PlanExportTest::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, says);
    const CliRun run = runCli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.startsWith("sockpit-cli: ") && run.err.count('\n') == 1, run.err.constData());
    QVERIFY2(run.err.contains(says), run.err.constData());
}

QTEST_GUILESS_MAIN(PlanExportTest)
#include "tst_planexport.moc"
