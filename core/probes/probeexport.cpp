// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/probeexport.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace Sockpit {

namespace {

double median(std::vector<double> values)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return v < 0; }), values.end());
    if (values.empty())
        return qQNaN();
    std::sort(values.begin(), values.end());
    return nearestRankPercentile(values, 50);
}

QString ms(double value)
{
    return std::isnan(value) ? QStringLiteral("-") : QString::number(value, 'f', 3);
}

} // namespace

void writeProbeJson(const std::vector<ProbeReport> &reports, JsonWriter &json)
{
    json.beginObject();
    json.key("schema").plainString("sockpit.probe/1");
    json.key("targets").beginArray();
    for (const ProbeReport &r : reports) {
        const ProbeStats &s = r.stats;
        json.newline().beginObject();
        json.key("target").value(r.target.text);
        json.key("kind").plainString(probeKindName(r.target.kind));
        json.key("address").value(r.address);
        json.key("resolve_ms").value(r.resolveMs, 3);
        json.key("sent").value(s.sent);
        json.key("received").value(s.received);
        json.key("loss_pct").value(s.lossPct, 3);
        json.key("rtt_ms").beginObject();
        json.key("min").value(s.minMs, 3).key("avg").value(s.avgMs, 3).key("max").value(s.maxMs, 3);
        json.key("mdev").value(s.mdevMs, 3);
        json.key("p50").value(s.p50Ms, 3).key("p95").value(s.p95Ms, 3).key("p99").value(s.p99Ms, 3);
        json.endObject();
        json.key("jitter_ms").beginObject();
        json.key("rfc3550").value(s.jitterRfc3550Ms, 3).key("mean_abs_diff").value(s.jitterMeanAbsDiffMs, 3);
        json.endObject();
        json.key("availability_pct").value(s.availabilityPct, 3);
        json.key("failure_streak").value(s.failureStreak);
        json.key("health").beginObject().key("score").value(s.healthScore).key("level").plainString(healthLevelName(s.level)).endObject();
        const bool https = r.target.kind == ProbeKind::Https;
        if (https) {
            std::vector<double> dns, connect, tls, firstByte;
            int status = 0;
            for (const ProbeSample &sample : r.samples) {
                dns.push_back(sample.dnsMs);
                connect.push_back(sample.connectMs);
                tls.push_back(sample.tlsMs);
                firstByte.push_back(sample.firstByteMs);
                if (sample.httpStatus)
                    status = sample.httpStatus;
            }
            json.key("phases_ms").beginObject();
            json.key("dns").value(median(dns), 3).key("connect").value(median(connect), 3);
            json.key("tls").value(median(tls), 3).key("first_byte").value(median(firstByte), 3);
            json.endObject();
            if (status)
                json.key("status").value(status);
            else
                json.key("status").null();
        }
        json.key("samples").beginArray();
        for (const ProbeSample &sample : r.samples) {
            json.beginObject();
            json.key("seq").value(sample.seq);
            json.key("sent_at").plainString(
                QDateTime::fromMSecsSinceEpoch(sample.sentAtWallMs, Qt::UTC).toString(Qt::ISODateWithMs).toStdString());
            if (sample.rttNs)
                json.key("rtt_ms").value(double(*sample.rttNs) / 1e6, 3);
            else
                json.key("rtt_ms").null();
            if (sample.error.isEmpty())
                json.key("error").null();
            else
                json.key("error").value(sample.error);
            if (!https && sample.dnsMs >= 0) // a name, resolved again for this probe
                json.key("dns_ms").value(sample.dnsMs, 3);
            if (https) {
                auto phase = [&json](const char *name, double v) {
                    if (v < 0)
                        json.key(name).null();
                    else
                        json.key(name).value(v, 3);
                };
                json.key("phases_ms").beginObject();
                phase("dns", sample.dnsMs);
                phase("connect", sample.connectMs);
                phase("tls", sample.tlsMs);
                phase("first_byte", sample.firstByteMs);
                json.endObject();
                if (sample.httpStatus)
                    json.key("status").value(sample.httpStatus);
                else
                    json.key("status").null();
            }
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }
    json.endArray();
    json.endObject().newline();
    json.flush();
}

QString probeSampleLine(const ProbeReport &report, const ProbeSample &sample)
{
    QString line = QStringLiteral("%1 (%2): seq=%3 ").arg(report.target.text, report.address).arg(sample.seq);
    if (sample.rttNs)
        line += QStringLiteral("time=%1 ms").arg(ms(double(*sample.rttNs) / 1e6));
    else
        line += sample.error;
    if (sample.httpStatus)
        line += QStringLiteral(" status=%1").arg(sample.httpStatus);
    return line + QLatin1Char('\n');
}

QString probeSummaryText(const ProbeReport &report)
{
    const ProbeStats &s = report.stats;
    QString text = QStringLiteral("\n--- %1 probe statistics ---\n").arg(report.target.text);
    text += QStringLiteral("%1 probes sent, %2 received, %3% loss, availability %4%\n")
                .arg(s.sent)
                .arg(s.received)
                .arg(QString::number(s.lossPct, 'g', 4), QString::number(s.availabilityPct, 'g', 4));
    if (s.received > 0) {
        text += QStringLiteral("rtt min/avg/max/mdev = %1/%2/%3/%4 ms\n").arg(ms(s.minMs), ms(s.avgMs), ms(s.maxMs), ms(s.mdevMs));
        text += QStringLiteral("rtt p50/p95/p99 = %1/%2/%3 ms, jitter rfc3550/mean-diff = %4/%5 ms, health %6 (%7)\n")
                    .arg(ms(s.p50Ms), ms(s.p95Ms), ms(s.p99Ms), ms(s.jitterRfc3550Ms), ms(s.jitterMeanAbsDiffMs))
                    .arg(s.healthScore)
                    .arg(QLatin1StringView(healthLevelName(s.level)));
    }
    return text;
}

} // namespace Sockpit
