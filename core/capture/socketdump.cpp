// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/socketdump.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstring>

namespace Sockpit {

namespace {

QString text(std::string_view view)
{
    return QString::fromLatin1(view.data(), qsizetype(view.size()));
}

QString address(const SocketRecord &socket, bool remote)
{
    char buffer[64];
    const int length = socket.formatAddress(buffer, remote);
    return QString::fromLatin1(buffer, length);
}

bool parseAddress(const QString &spelling, Family family, std::array<quint8, 16> &out)
{
    QHostAddress parsed;
    if (!parsed.setAddress(spelling))
        return false;
    out.fill(0);
    if (family == Family::IPv4) {
        if (parsed.protocol() != QAbstractSocket::IPv4Protocol)
            return false;
        const quint32 host = parsed.toIPv4Address();
        const quint8 bytes[4] = {quint8(host >> 24), quint8(host >> 16), quint8(host >> 8), quint8(host)};
        std::memcpy(out.data(), bytes, 4);
        return true;
    }
    if (parsed.protocol() != QAbstractSocket::IPv6Protocol)
        return false;
    const Q_IPV6ADDR v6 = parsed.toIPv6Address();
    std::memcpy(out.data(), v6.c, 16);
    return true;
}

bool portValue(const QJsonValue &value, quint16 &out)
{
    const double n = value.toDouble(-1);
    if (n < 0 || n > 65535 || n != double(int(n)))
        return false;
    out = quint16(n);
    return true;
}

bool unsignedValue(const QJsonValue &value, quint32 &out)
{
    const double n = value.toDouble(-1);
    if (n < 0 || n > 4294967295.0 || n != double(qint64(n)))
        return false;
    out = quint32(qint64(n));
    return true;
}

} // namespace

QByteArray writeSocketDump(const std::vector<SocketRecord> &sockets)
{
    QJsonArray array;
    for (const SocketRecord &s : sockets) {
        array.append(QJsonObject{
            {QStringLiteral("protocol"), text(protocolName(s.protocol))},
            {QStringLiteral("family"), text(familyName(s.family))},
            {QStringLiteral("state"), text(stateName(s.state))},
            {QStringLiteral("local"), address(s, false)},
            {QStringLiteral("local_port"), s.localPort},
            {QStringLiteral("remote"), address(s, true)},
            {QStringLiteral("remote_port"), s.remotePort},
            {QStringLiteral("rqueue"), qint64(s.receiveQueue)},
            {QStringLiteral("wqueue"), qint64(s.sendQueue)},
            {QStringLiteral("uid"), qint64(s.uid)},
            {QStringLiteral("inode"), qint64(s.inode)},
        });
        // The keepalive wizard counts sockets with a keepalive timer; older dumps lack it.
        if (s.timer != SocketTimer::None) {
            QJsonObject o = array.last().toObject();
            o.insert(QStringLiteral("timer"), int(s.timer));
            array.replace(array.size() - 1, o);
        }
    }
    const QJsonObject root{{QStringLiteral("schema"), QStringLiteral("sockpit.sockets/1")},
                           {QStringLiteral("sockets"), array}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Result<std::vector<SocketRecord>> readSocketDump(QByteArrayView json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (document.isNull())
        return Error{QStringLiteral("socket dump is not JSON: %1").arg(error.errorString())};
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("schema")).toString() != QLatin1String("sockpit.sockets/1"))
        return Error{QStringLiteral("socket dump has schema \"%1\", expected sockpit.sockets/1")
                         .arg(root.value(QStringLiteral("schema")).toString())};
    const QJsonArray array = root.value(QStringLiteral("sockets")).toArray();
    std::vector<SocketRecord> sockets;
    sockets.reserve(size_t(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        SocketRecord r;
        const QString protocol = o.value(QStringLiteral("protocol")).toString();
        const QString family = o.value(QStringLiteral("family")).toString();
        const bool protocolOk = protocol == QLatin1String("tcp") || protocol == QLatin1String("udp");
        const bool familyOk = family == QLatin1String("ipv4") || family == QLatin1String("ipv6");
        r.protocol = protocol == QLatin1String("udp") ? Protocol::Udp : Protocol::Tcp;
        r.family = family == QLatin1String("ipv6") ? Family::IPv6 : Family::IPv4;
        r.state = stateFromName(o.value(QStringLiteral("state")).toString().toStdString());
        const bool ok = protocolOk && familyOk && r.state != SocketState::Unknown
                        && parseAddress(o.value(QStringLiteral("local")).toString(), r.family, r.localAddress)
                        && parseAddress(o.value(QStringLiteral("remote")).toString(), r.family, r.remoteAddress)
                        && portValue(o.value(QStringLiteral("local_port")), r.localPort)
                        && portValue(o.value(QStringLiteral("remote_port")), r.remotePort)
                        && unsignedValue(o.value(QStringLiteral("rqueue")), r.receiveQueue)
                        && unsignedValue(o.value(QStringLiteral("wqueue")), r.sendQueue)
                        && unsignedValue(o.value(QStringLiteral("uid")), r.uid)
                        && unsignedValue(o.value(QStringLiteral("inode")), r.inode);
        quint32 timer = 0;
        const bool timerOk = !o.contains(QStringLiteral("timer"))
                             || (unsignedValue(o.value(QStringLiteral("timer")), timer) && timer <= 4);
        if (!ok || !timerOk)
            return Error{QStringLiteral("socket dump entry %1 is incomplete or malformed").arg(i)};
        r.timer = static_cast<SocketTimer>(timer);
        sockets.push_back(r);
    }
    return sockets;
}

} // namespace Sockpit
