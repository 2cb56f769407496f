// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/findingsexport.h"

#include <QRegularExpression>

#include <cmath>

namespace Sockpit {

namespace {

// Counts print as integers, ratios and rates with up to four decimals.
QString formatValue(double value)
{
    if (std::fabs(value - std::round(value)) < 1e-9)
        return QString::number(qint64(std::llround(value)));
    return QString::number(value, 'f', 4).remove(QRegularExpression(QStringLiteral("0+$")));
}

} // namespace

void writeFindingsJson(const AnalysisReport &report, JsonWriter &json)
{
    json.beginObject();
    json.key("schema").value("sockpit.findings/1");
    json.key("kernel").value(report.kernelRelease);
    json.key("host").value(report.hostName);
    json.key("profile").value(profileName(report.profile));
    json.key("rates").value(report.hasRates);
    json.key("interval_ms").value(qint64(std::llround(report.intervalSeconds * 1000)));
    json.key("kernel_log").beginObject();
    json.key("available").value(report.kernelLog.available);
    if (report.kernelLog.available)
        json.key("source").value(report.kernelLog.source);
    else
        json.key("reason").value(report.kernelLog.unavailableReason);
    json.key("lines").beginArray();
    for (const KernelLogLine &line : report.kernelLog.lines)
        json.value(formatKmsgRecord(line.record).toStdString());
    json.endArray();
    json.endObject();
    json.key("notes").beginArray();
    for (const QString &note : report.notes)
        json.value(note);
    json.endArray();
    json.key("findings").beginArray();
    for (const Finding &f : report.findings) {
        json.newline();
        json.beginObject();
        json.key("id").value(f.id);
        json.key("subject").value(f.subject);
        json.key("severity").value(severityName(f.severity));
        json.key("title").value(f.title.english());
        json.key("evidence").beginArray();
        for (const Evidence &e : f.evidence) {
            json.beginObject();
            json.key("metric").value(e.metric);
            json.key("value").value(e.value, 6);
            json.key("unit").value(e.unit);
            json.key("source").value(e.source);
            json.endObject();
        }
        json.endArray();
        json.key("explanation").value(f.explanation.english());
        json.key("changes").beginArray();
        for (const ProposedChange &c : f.changes) {
            json.beginObject();
            json.key("key").value(c.key);
            json.key("value").value(c.value);
            json.key("current").value(c.current);
            json.endObject();
        }
        json.endArray();
        json.key("caveats").beginArray();
        for (const FindingText &c : f.caveats)
            json.value(c.english());
        json.endArray();
        json.key("references").beginArray();
        for (const QString &r : f.references)
            json.value(r);
        json.endArray();
        json.endObject();
    }
    json.endArray();
    json.endObject();
    json.newline();
    json.flush();
}

void writeFindingsText(const AnalysisReport &report, const std::function<void(std::string_view)> &sink)
{
    QString out;
    out += QStringLiteral("Kernel %1 on %2, profile %3\n")
               .arg(report.kernelRelease.isEmpty() ? QStringLiteral("(unknown)") : report.kernelRelease,
                    report.hostName.isEmpty() ? QStringLiteral("(unknown host)") : report.hostName,
                    QString::fromLatin1(profileName(report.profile).data(), qsizetype(profileName(report.profile).size())));
    out += report.hasRates ? QStringLiteral("Rates over %1 s\n").arg(report.intervalSeconds, 0, 'f', 1)
                           : QStringLiteral("One take only: no rates\n");
    out += report.kernelLog.available
               ? QStringLiteral("Kernel log: read from %1, %2 relevant lines\n")
                     .arg(report.kernelLog.source)
                     .arg(report.kernelLog.lines.size())
               : QStringLiteral("Kernel log: not available (%1)\n").arg(report.kernelLog.unavailableReason);
    for (const QString &note : report.notes)
        out += QStringLiteral("Note: %1\n").arg(note);
    out += QLatin1Char('\n');
    if (report.findings.empty())
        out += QStringLiteral("No problems found; nothing to change.\n");
    for (const Finding &f : report.findings) {
        const std::string_view severity = severityName(f.severity);
        out += QStringLiteral("[%1] %2\n")
                   .arg(QString::fromLatin1(severity.data(), qsizetype(severity.size())).toUpper(), f.title.english());
        for (const Evidence &e : f.evidence)
            out += QStringLiteral("    %1 = %2 %3  (%4)\n").arg(e.metric, formatValue(e.value), e.unit, e.source);
        out += QStringLiteral("  Why: %1\n").arg(f.explanation.english());
        if (!f.changes.empty()) {
            out += QStringLiteral("  Proposed sysctl lines:\n");
            for (const ProposedChange &c : f.changes)
                out += QStringLiteral("    %1 = %2%3\n")
                           .arg(c.key, c.value,
                                c.current.isEmpty() ? QString() : QStringLiteral("    # now %1").arg(c.current));
        }
        for (const FindingText &c : f.caveats)
            out += QStringLiteral("  Caveat: %1\n").arg(c.english());
        for (const QString &r : f.references)
            out += QStringLiteral("  See: %1\n").arg(r);
        out += QLatin1Char('\n');
    }
    const QByteArray utf8 = out.toUtf8();
    sink(std::string_view(utf8.constData(), size_t(utf8.size())));
}

} // namespace Sockpit
