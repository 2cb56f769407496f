// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QTcpSocket>

#include <optional>

#include <sys/socket.h>

namespace Sockpit::Test {

struct HttpReply
{
    int status = 0;
    QByteArray headers; // the status line and header lines, as sent
    QByteArray body;
};

// A chunked body (RFC 9112, 7.1) decoded; what is incomplete is left out.
inline QByteArray dechunk(const QByteArray &data)
{
    QByteArray body;
    qsizetype at = 0;
    while (true) {
        const qsizetype lineEnd = data.indexOf("\r\n", at);
        if (lineEnd < 0)
            break;
        bool ok = false;
        const qsizetype size = data.mid(at, lineEnd - at).split(';').first().trimmed().toLongLong(&ok, 16);
        if (!ok || size == 0 || lineEnd + 2 + size > data.size())
            break;
        body += data.mid(lineEnd + 2, size);
        at = lineEnd + 2 + size + 2;
    }
    return body;
}

// One HTTP/1.1 GET on 127.0.0.1:PORT, nullopt when nothing answered within TIMEOUTMS.
// The body is read to its Content-Length or last chunk, then the client resets the connection
// (SO_LINGER 0), so the request leaves no TIME_WAIT socket on either side: the tests
// that use it count TIME_WAIT sockets.
inline std::optional<HttpReply> httpGet(quint16 port, const QByteArray &path, int timeoutMs = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(timeoutMs))
        return std::nullopt;
    const linger abortive{1, 0};
    ::setsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\n\r\n");
    QByteArray data;
    qsizetype headerEnd = -1;
    qsizetype length = -1;
    bool chunked = false;
    while (true) {
        if (headerEnd < 0 && (headerEnd = data.indexOf("\r\n\r\n")) >= 0) {
            for (const QByteArray &line : data.left(headerEnd).split('\n')) {
                const QByteArray lower = line.toLower();
                if (lower.startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked"))
                    chunked = true;
            }
        }
        if (headerEnd >= 0 && length >= 0 && data.size() >= headerEnd + 4 + length)
            break;
        if (headerEnd >= 0 && chunked && data.endsWith("\r\n0\r\n\r\n"))
            break;
        if (!socket.waitForReadyRead(timeoutMs))
            break; // closed, or a reply without Content-Length
        data += socket.readAll();
    }
    data += socket.readAll();
    socket.abort();
    if (headerEnd < 0)
        return std::nullopt;
    HttpReply reply;
    reply.headers = data.left(headerEnd);
    reply.status = reply.headers.split(' ').value(1).toInt();
    reply.body = chunked ? dechunk(data.mid(headerEnd + 4)) : data.mid(headerEnd + 4, length >= 0 ? length : -1);
    return reply;
}

} // namespace Sockpit::Test
