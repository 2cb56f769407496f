// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/tlsexport.h"

namespace Sockpit {

namespace {

QString ms(double value)
{
    return value < 0 ? QStringLiteral("-") : QString::number(value, 'f', 3) + QStringLiteral(" ms");
}

} // namespace

void writeTlsJson(const TlsReport &r, JsonWriter &json)
{
    json.beginObject();
    json.key("schema").plainString("sockpit.tls/1");
    json.key("host").value(r.request.host);
    json.key("port").value(r.request.port);
    if (r.request.sni.isEmpty())
        json.key("sni").null();
    else
        json.key("sni").value(r.request.sni);
    json.key("verify_name").value(r.verifyName);
    if (r.address.isEmpty())
        json.key("address").null();
    else
        json.key("address").value(r.address);
    json.key("outcome").plainString(tlsOutcomeName(r.outcome));
    json.key("verified").value(r.verified());
    if (r.error.isEmpty())
        json.key("error").null();
    else
        json.key("error").value(r.error);
    auto optionalText = [&json](const char *name, const QString &text) {
        if (text.isEmpty())
            json.key(name).null();
        else
            json.key(name).value(text);
    };
    optionalText("protocol", r.protocol);
    optionalText("cipher", r.cipher);
    json.key("cipher_bits").value(r.cipherBits);
    auto phase = [&json](const char *name, double v) {
        if (v < 0)
            json.key(name).null();
        else
            json.key(name).value(v, 3);
    };
    json.key("timings_ms").beginObject();
    phase("dns", r.dnsMs);
    phase("connect", r.connectMs);
    phase("handshake", r.handshakeMs);
    json.endObject();
    json.key("name_matches").value(r.nameMatches);
    json.key("chain").beginArray();
    for (const TlsCertificateInfo &c : r.chain) {
        json.newline().beginObject();
        json.key("subject").value(c.subject);
        json.key("common_name").value(c.commonName);
        json.key("issuer").value(c.issuer);
        json.key("not_before").plainString(isoUtc(c.notBefore).toStdString());
        json.key("not_after").plainString(isoUtc(c.notAfter).toStdString());
        json.key("days_to_expiry").value(c.daysToExpiry);
        json.key("sans").beginArray();
        for (const QString &name : c.subjectAltNames)
            json.value(name);
        json.endArray();
        json.key("key").beginObject().key("type").value(c.keyType).key("bits").value(c.keyBits).endObject();
        json.key("self_signed").value(c.selfSigned);
        json.key("serial").value(c.serial);
        json.key("sha256").value(c.sha256);
        json.endObject();
    }
    json.endArray();
    json.key("problems").beginArray();
    for (const TlsFinding &f : r.findings) {
        json.newline().beginObject();
        json.key("code").plainString(tlsProblemName(f.problem));
        if (f.certificate < 0)
            json.key("certificate").null();
        else
            json.key("certificate").value(f.certificate);
        json.key("message").value(f.message);
        json.endObject();
    }
    json.endArray();
    json.endObject().newline();
    json.flush();
}

QString tlsReportText(const TlsReport &r)
{
    QString text = QStringLiteral("%1 port %2").arg(r.request.host).arg(r.request.port);
    if (!r.address.isEmpty() && r.address != r.request.host)
        text += QStringLiteral(" (%1)").arg(r.address);
    text += QStringLiteral(", verifying the name \"%1\"").arg(r.verifyName);
    if (!r.request.sni.isEmpty())
        text += QStringLiteral(" (sent as SNI)");
    text += QLatin1Char('\n');
    if (r.outcome == TlsReport::Outcome::ResolveFailed || r.outcome == TlsReport::Outcome::ConnectFailed)
        return text + QStringLiteral("No TLS session: %1\n").arg(r.error);
    text += QStringLiteral("Timings: DNS %1, TCP connect %2, TLS handshake %3\n").arg(ms(r.dnsMs), ms(r.connectMs), ms(r.handshakeMs));
    if (!r.protocol.isEmpty())
        text += QStringLiteral("Session: %1, %2 (%3 bits)\n").arg(r.protocol, r.cipher).arg(r.cipherBits);
    if (!r.chain.empty())
        text += QStringLiteral("Certificate chain as the server sent it (%1):\n").arg(r.chain.size());
    for (size_t i = 0; i < r.chain.size(); ++i) {
        const TlsCertificateInfo &c = r.chain[i];
        text += QStringLiteral("  %1. %2\n").arg(i).arg(c.subject);
        text += QStringLiteral("     issuer   %1%2\n").arg(c.issuer, c.selfSigned ? QStringLiteral(" (self-signed)") : QString());
        text += QStringLiteral("     valid    %1 to %2, %3\n")
                    .arg(QString::fromLatin1(isoUtc(c.notBefore)), QString::fromLatin1(isoUtc(c.notAfter)),
                         c.daysToExpiry < 0 ? QStringLiteral("expired %1 days ago").arg(-c.daysToExpiry)
                                            : QStringLiteral("%1 days left").arg(c.daysToExpiry));
        if (!c.subjectAltNames.isEmpty())
            text += QStringLiteral("     names    %1\n").arg(c.subjectAltNames.join(QStringLiteral(", ")));
        text += QStringLiteral("     key      %1 %2 bits\n").arg(c.keyType).arg(c.keyBits);
        text += QStringLiteral("     sha256   %1\n").arg(c.sha256);
    }
    if (!r.chain.empty())
        text += QStringLiteral("Name \"%1\": %2\n").arg(r.verifyName, r.nameMatches ? QStringLiteral("matches") : QStringLiteral("does not match"));
    if (r.verified())
        return text + QStringLiteral("Verified: the chain leads to a trusted certificate authority and the name matches.\n");
    text += r.outcome == TlsReport::Outcome::HandshakeFailed ? QStringLiteral("Handshake failed:\n") : QStringLiteral("NOT verified:\n");
    for (const TlsFinding &f : r.findings)
        text += QStringLiteral("  - %1\n").arg(f.message);
    return text;
}

} // namespace Sockpit
