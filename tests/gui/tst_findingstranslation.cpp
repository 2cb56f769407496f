// SPDX-License-Identifier: GPL-3.0-or-later
// Findings in a zh_CN window: every finding the scenario trees produce shows its title,
// explanation, caveats and worded evidence in Chinese, while the JSON and text the CLI
// writes from the same report stay in English, byte for byte.
#include "analysis/analyser.h"
#include "analysis/findingsexport.h"
#include "base/jsonwriter.h"
#include "capture/observation.h"
#include "models/findingsmodel.h"
#include "widgets/findingspanel.h"

#include <QCoreApplication>
#include <QDir>
#include <QLabel>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

#include <string>

using namespace Sockpit;

namespace {

QString scenario(const QString &name)
{
    return QStringLiteral(SOCKPIT_TEST_DATA "/analysis/") + name;
}

AnalysisReport reportOf(const QString &name)
{
    auto root = ProcRoot::locate(scenario(name));
    if (!root)
        return {};
    auto observation = observeTree(root.value());
    if (!observation)
        return {};
    return analyse(observation.value(), AnalysisOptions{});
}

bool hasChinese(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    return false;
}

QByteArray json(const AnalysisReport &report)
{
    QByteArray out;
    {
        // The writer hands its last chunk over when it goes.
        JsonWriter writer([&out](std::string_view bytes) { out.append(bytes.data(), qsizetype(bytes.size())); });
        writeFindingsJson(report, writer);
    }
    return out;
}

QByteArray text(const AnalysisReport &report)
{
    QByteArray out;
    writeFindingsText(report, [&out](std::string_view bytes) { out.append(bytes.data(), qsizetype(bytes.size())); });
    return out;
}

} // namespace

class TestFindingsTranslation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyFindingShowsInChinese();
    void cliOutputStaysEnglish();
    void argumentsFillTranslatedTemplates();

private:
    QList<AnalysisReport> m_reports;
    QTranslator m_translator;
};

void TestFindingsTranslation::initTestCase()
{
    const QStringList names = QDir(scenario(QString())).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(names.size() >= 10);
    int findings = 0;
    for (const QString &name : names) {
        m_reports << reportOf(name);
        findings += int(m_reports.back().findings.size());
    }
    // Enough variety that every rule has spoken at least once.
    QVERIFY2(findings >= 15, qPrintable(QString::number(findings)));
    QVERIFY(m_translator.load(QStringLiteral(":/i18n/sockpit_zh_CN.qm")));
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
}

void TestFindingsTranslation::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_translator);
}

void TestFindingsTranslation::everyFindingShowsInChinese()
{
    int checked = 0;
    for (const AnalysisReport &report : std::as_const(m_reports)) {
        FindingsPanel panel;
        // Two reports: a finding is shown once it holds for two analyses.
        panel.setReport(report);
        panel.setReport(report);
        FindingsModel *model = panel.model();
        QCOMPARE(model->rowCount(), int(report.findings.size()));
        for (int row = 0; row < model->rowCount(); ++row) {
            const Finding *finding = model->finding(row);
            QVERIFY(finding);
            const QString title = model->data(model->index(row, FindingsModel::TitleColumn)).toString();
            QVERIFY2(hasChinese(title), qPrintable(finding->title.english()));
            QVERIFY(title != finding->title.english());
            QVERIFY2(hasChinese(model->data(model->index(row, FindingsModel::EvidenceColumn)).toString()),
                     qPrintable(finding->id));
            QVERIFY(panel.selectRow(row));
            const QString details = panel.detailsLabel()->text();
            QVERIFY2(details.startsWith(finding->explanation.translated()), qPrintable(finding->id));
            QVERIFY2(hasChinese(finding->explanation.translated()), qPrintable(finding->explanation.english()));
            for (const FindingText &caveat : finding->caveats) {
                QVERIFY2(hasChinese(caveat.translated()), qPrintable(caveat.english()));
                QVERIFY(details.contains(caveat.translated()));
            }
            for (const Evidence &evidence : finding->evidence)
                QVERIFY(details.contains(FindingsModel::evidenceText(evidence)));
            ++checked;
        }
    }
    QVERIFY(checked >= 15);
}

void TestFindingsTranslation::cliOutputStaysEnglish()
{
    for (const AnalysisReport &report : std::as_const(m_reports)) {
        const QByteArray translatedJson = json(report);
        const QByteArray translatedText = text(report);
        QVERIFY(!hasChinese(QString::fromUtf8(translatedJson)));
        QVERIFY(!hasChinese(QString::fromUtf8(translatedText)));
        QCoreApplication::removeTranslator(&m_translator);
        const QByteArray englishJson = json(report);
        const QByteArray englishText = text(report);
        QVERIFY(QCoreApplication::installTranslator(&m_translator));
        QCOMPARE(translatedJson, englishJson);
        QCOMPARE(translatedText, englishText);
        for (const Finding &finding : report.findings)
            QVERIFY(translatedJson.contains(finding.title.english().toUtf8().replace('"', "\\\"")));
    }
}

void TestFindingsTranslation::argumentsFillTranslatedTemplates()
{
    // A translation that puts the arguments in another order gets each in its place, and
    // an argument that looks like a marker is not substituted again.
    FindingText text(QT_TRANSLATE_NOOP("Sockpit::Finding", "The connection tracking table is %1 % full: %2 of %3"));
    text.arg(QStringLiteral("95")).arg(qint64(950)).arg(QStringLiteral("%1000"));
    QCOMPARE(text.english(), QStringLiteral("The connection tracking table is 95 % full: 950 of %1000"));
    QCOMPARE(text.translated(), QStringLiteral("连接跟踪表已满 95 %：%1000 中的 950"));
    QCOMPARE(text.source(), "The connection tracking table is %1 % full: %2 of %3");
    QCOMPARE(text.arguments().size(), 3);
}

QTEST_MAIN(TestFindingsTranslation)
#include "tst_findingstranslation.moc"
