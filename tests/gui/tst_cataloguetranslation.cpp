// SPDX-License-Identifier: GPL-3.0-or-later
// The tuning catalogue in a zh_CN window: every entry's explanation, risks, kernel history
// and unit reach the shipped translation, the Tuning page and the change wizard show them
// in Chinese, and what the CLI prints and plans carry stays English, byte for byte.
#include "guifixtures.h"
#include "models/tuningmodel.h"
#include "models/tuningreading.h"
#include "pages/tuningpage.h"
#include "recording/planexport.h"
#include "tuning/catalogue.h"
#include "tuning/plan.h"
#include "tuning/sysctltree.h"
#include "tuning/validator.h"
#include "wizards/changewizard.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QWizardPage>

#include <memory>

using namespace Sockpit;

namespace {

bool hasChinese(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    return false;
}

using Fixtures::writeFile;

// Every entry the catalogue knows, the retired ones included: they carry translatable
// texts like the others.
std::vector<const Tunable *> everyEntry()
{
    std::vector<const Tunable *> entries;
    for (const Tunable &tunable : Catalogue::all())
        entries.push_back(&tunable);
    entries.push_back(Catalogue::findRetired(u"net.ipv4.tcp_tw_recycle"));
    return entries;
}

// The English sources of an entry's translatable texts.
QList<const char *> sourcesOf(const Tunable &tunable)
{
    QList<const char *> sources{tunable.explanation, tunable.risks};
    for (const KernelChange &change : tunable.history) {
        if (change.version)
            sources << change.note;
    }
    if (*tunable.unit)
        sources << tunable.unit;
    return sources;
}

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// sockpit-cli ARGUMENTS with the locale variables of ENVIRONMENT, the rest inherited.
CliRun runCli(const QStringList &arguments, const QStringList &environment)
{
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"})
        env.remove(QString::fromLatin1(name));
    for (const QString &assignment : environment)
        env.insert(assignment.section(u'=', 0, 0), assignment.section(u'=', 1));
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(SOCKPIT_CLI_PATH), arguments);
    if (!cli.waitForFinished(30000))
        return {};
    return {cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1, cli.readAllStandardOutput(),
            cli.readAllStandardError()};
}

} // namespace

class TestCatalogueTranslation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyTextIsInTheShippedTranslation();
    void tuningPageShowsChinese();
    void changeWizardShowsChinese();
    void englishTextsIgnoreTheTranslator();
    void plansStayEnglish();
    void cliListStaysEnglish();

private:
    QTemporaryDir m_root;
    TuningEnvironment m_environment;
    TuningReading m_reading;
    QTranslator m_translator;
};

void TestCatalogueTranslation::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY(Fixtures::writeTuningTree(m_root.path(), {{"sys/net/ipv4/tcp_keepalive_time", "7200\n"}}));
    m_environment.helperPath = m_root.filePath(QStringLiteral("libexec/sockpit-helper")); // not installed
    m_environment.sysctlRoot = m_root.filePath(QStringLiteral("sys"));
    m_environment.sysctlDDirectory = m_root.filePath(QStringLiteral("etc/sysctl.d"));
    m_reading = TuningReading::read(m_environment);
    QVERIFY(!m_reading.isNull());
    QVERIFY(m_translator.load(QStringLiteral(":/i18n/sockpit_zh_CN.qm")));
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
}

void TestCatalogueTranslation::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_translator);
}

// The shipped .qm itself, asked for every text the table holds: a text lupdate cannot see
// (a macro around it, a file the lupdate target does not scan) or that nobody translated
// comes back as nothing here.
void TestCatalogueTranslation::everyTextIsInTheShippedTranslation()
{
    int checked = 0;
    for (const Tunable *tunable : everyEntry()) {
        QVERIFY(tunable);
        for (const char *source : sourcesOf(*tunable)) {
            QVERIFY2(source && *source, tunable->key);
            const QString translated = m_translator.translate("Sockpit::Catalogue", source);
            QVERIFY2(!translated.isEmpty(), source);
            QVERIFY2(translated != QString::fromUtf8(source), source);
            QVERIFY2(hasChinese(translated), source);
            ++checked;
        }
    }
    // An explanation and risks for every entry, history notes and units on top.
    QVERIFY2(checked > 2 * int(everyEntry().size()), qPrintable(QString::number(checked)));
    // The allowed values are sentences built from templates: each type's in Chinese, with
    // and without a list of names.
    for (const Tunable *tunable : everyEntry()) {
        for (const QStringList &names : {QStringList(), QStringList{QStringLiteral("cubic"), QStringLiteral("bbr")}}) {
            const QString allowed = Catalogue::allowedText(*tunable, names);
            QVERIFY2(hasChinese(allowed), qPrintable(allowed));
            QVERIFY2(allowed != Catalogue::describeAllowed(*tunable, names), qPrintable(allowed));
        }
    }
}

void TestCatalogueTranslation::tuningPageShowsChinese()
{
    TuningPage page(m_environment);
    QSignalSpy read(&page, &TuningPage::readingFinished);
    QVERIFY(read.wait(10000));
    int checked = 0;
    for (const Tunable &tunable : Catalogue::all()) {
        QVERIFY2(page.select(tunable.name()), tunable.key);
        const QString details = page.detailsLabel()->text();
        const QString explanation = Catalogue::explanation(tunable);
        const QString risks = Catalogue::risks(tunable);
        QVERIFY2(hasChinese(explanation), tunable.key);
        QVERIFY2(hasChinese(risks), tunable.key);
        QVERIFY2(details.startsWith(explanation), qPrintable(details));
        QVERIFY2(details.contains(risks), qPrintable(details));
        QVERIFY2(!details.contains(Catalogue::englishExplanation(tunable)), qPrintable(details));
        QVERIFY2(!details.contains(Catalogue::englishRisks(tunable)), qPrintable(details));
        for (const KernelChange &change : tunable.history) {
            if (!change.version)
                continue;
            QVERIFY2(details.contains(Catalogue::historyNote(change)), qPrintable(details));
            QVERIFY2(!details.contains(QString::fromUtf8(change.note)), qPrintable(details));
        }
        // The default's unit, as the list and the details show it.
        const QModelIndex row = page.model()->indexOf(tunable.name());
        const QString defaultText = page.model()->data(row.siblingAtColumn(TuningModel::DefaultColumn)).toString();
        if (*tunable.unit && *tunable.defaultValue) {
            QVERIFY2(defaultText.endsWith(Catalogue::unitText(tunable)), qPrintable(defaultText));
            QVERIFY2(hasChinese(defaultText), qPrintable(defaultText));
        }
        QCOMPARE(page.model()->data(row, Qt::ToolTipRole).toString(), explanation);
        const QString allowed = page.model()->data(row.siblingAtColumn(TuningModel::AllowedColumn)).toString();
        QVERIFY2(hasChinese(allowed), qPrintable(allowed));
        QVERIFY2(details.contains(allowed), qPrintable(details));
        ++checked;
    }
    QCOMPARE(checked, int(Catalogue::all().size()));
}

void TestCatalogueTranslation::changeWizardShowsChinese()
{
    for (const Tunable &tunable : Catalogue::all()) {
        auto wizard = std::make_unique<ChangeWizard>(tunable, m_reading, m_environment);
        const QWizardPage *valuePage = wizard->page(ChangeWizard::ValuePageId);
        QVERIFY(valuePage);
        QCOMPARE(valuePage->subTitle(), Catalogue::explanation(tunable));
        QVERIFY2(hasChinese(valuePage->subTitle()), tunable.key);
        const QStringList names = tunable.enumSource == EnumSource::CongestionControl
            ? m_reading.context.congestionControls
            : tunable.enumSource == EnumSource::QueueDiscipline ? m_reading.context.queueDisciplines
                                                                : QStringList();
        const QString allowed = Catalogue::allowedText(tunable, names, m_reading.context.kernelRelease);
        bool risksShown = false;
        bool allowedShown = false;
        for (const QLabel *label : valuePage->findChildren<QLabel *>()) {
            QVERIFY2(!label->text().contains(Catalogue::englishRisks(tunable)), tunable.key);
            risksShown = risksShown || label->text() == Catalogue::risks(tunable);
            allowedShown = allowedShown || label->text() == allowed;
        }
        QVERIFY2(risksShown, tunable.key);
        QVERIFY2(allowedShown && hasChinese(allowed), qPrintable(allowed));
    }
}

void TestCatalogueTranslation::englishTextsIgnoreTheTranslator()
{
    for (const Tunable *tunable : everyEntry()) {
        QCOMPARE(Catalogue::englishExplanation(*tunable), QString::fromUtf8(tunable->explanation));
        QCOMPARE(Catalogue::englishRisks(*tunable), QString::fromUtf8(tunable->risks));
        QCOMPARE(Catalogue::unit(*tunable), QString::fromLatin1(tunable->unit));
        QVERIFY(Catalogue::explanation(*tunable) != Catalogue::englishExplanation(*tunable));
    }
    // What the validator quotes in refusals, and the CLI prints, is English either way.
    QStringList allowedWith;
    for (const Tunable *tunable : everyEntry())
        allowedWith << Catalogue::describeAllowed(*tunable)
                    << Catalogue::describeAllowed(*tunable, { QStringLiteral("bbr") });
    const auto refusal = [] {
        return validateChange(QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("0"), ValidationContext())
            .error();
    };
    const QString refusalWith = refusal();
    // Without the translator the window's texts are the English ones.
    QCoreApplication::removeTranslator(&m_translator);
    for (const Tunable *tunable : everyEntry()) {
        QCOMPARE(Catalogue::explanation(*tunable), Catalogue::englishExplanation(*tunable));
        QCOMPARE(Catalogue::risks(*tunable), Catalogue::englishRisks(*tunable));
        QCOMPARE(Catalogue::unitText(*tunable), Catalogue::unit(*tunable));
        QCOMPARE(Catalogue::allowedText(*tunable), Catalogue::describeAllowed(*tunable));
    }
    QStringList allowedWithout;
    for (const Tunable *tunable : everyEntry())
        allowedWithout << Catalogue::describeAllowed(*tunable)
                       << Catalogue::describeAllowed(*tunable, { QStringLiteral("bbr") });
    const QString refusalWithout = refusal();
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
    QCOMPARE(allowedWith, allowedWithout);
    QCOMPARE(refusalWith, refusalWithout);
    QVERIFY2(refusalWith.contains(QStringLiteral("an integer from 1 to 600 seconds")), qPrintable(refusalWith));
    QVERIFY(!hasChinese(allowedWith.join(u'\n')));
    QVERIFY(allowedWith.contains(QStringLiteral("an integer from 1 to 600 seconds")));
}

// A plan's diff, JSON, sysctl.d file and exports name units and stay English.
void TestCatalogueTranslation::plansStayEnglish()
{
    const SysctlTree tree(m_environment.sysctlRoot);
    auto plan = makePlan({{QStringLiteral("net.ipv4.tcp_fin_timeout"), QStringLiteral("30")},
                          {QStringLiteral("net.ipv4.ip_local_port_range"), QStringLiteral("10000 65000")},
                          {QStringLiteral("net.core.somaxconn"), QStringLiteral("8192")},
                          {QStringLiteral("net.ipv4.tcp_rmem"), QStringLiteral("4096 131072 16777216")}},
                         tree);
    QVERIFY2(plan.ok(), qPrintable(plan.error()));
    const QDateTime when = QDateTime::fromString(QStringLiteral("2026-01-02T03:04:05Z"), Qt::ISODate);
    const SysctlFile::Values persisted;
    const auto outputs = [&] {
        return QStringList{plan->diff(), plan->sysctlFile(persisted, when),
                           QString::fromUtf8(QJsonDocument(plan->toJson(persisted, when)).toJson()),
                           ansiblePlaybook(plan.value(), when),
                           tunedProfile(plan.value(), QStringLiteral("throughput-performance"), when)};
    };
    const QStringList translated = outputs();
    QCoreApplication::removeTranslator(&m_translator);
    const QStringList english = outputs();
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
    QCOMPARE(translated, english);
    for (const QString &output : translated)
        QVERIFY2(!hasChinese(output), qPrintable(output));
    QVERIFY2(translated[0].contains(QStringLiteral("seconds")), qPrintable(translated[0]));
    QVERIFY2(translated[2].contains(QStringLiteral("\"unit\": \"seconds\"")), qPrintable(translated[2]));
}

// 'sockpit-cli plan --list' prints every explanation: the same bytes under a zh_CN locale
// as under C, in English.
void TestCatalogueTranslation::cliListStaysEnglish()
{
    const QStringList arguments{QStringLiteral("plan"), QStringLiteral("--list"), QStringLiteral("--sysctl-root"),
                                m_environment.sysctlRoot};
    const CliRun chinese = runCli(arguments, {QStringLiteral("LANGUAGE=zh_CN"), QStringLiteral("LANG=zh_CN.UTF-8")});
    const CliRun plain = runCli(arguments, {QStringLiteral("LC_ALL=C")});
    QVERIFY2(chinese.exitCode == 0, chinese.err.constData());
    QVERIFY2(plain.exitCode == 0, plain.err.constData());
    QCOMPARE(chinese.out, plain.out);
    const QString text = QString::fromUtf8(chinese.out);
    QVERIFY(!hasChinese(text));
    for (const Tunable &tunable : Catalogue::all())
        QVERIFY2(text.contains(Catalogue::englishExplanation(tunable)), tunable.key);
}

QTEST_MAIN(TestCatalogueTranslation)
#include "tst_cataloguetranslation.moc"
