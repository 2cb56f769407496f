// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/socketformat.h"

#include <QLocale>

namespace Sockpit {

static QString fromView(std::string_view text)
{
    return QString::fromLatin1(text.data(), qsizetype(text.size()));
}

QString SocketFormat::stateLabel(Protocol protocol, SocketState state)
{
    if (protocol == Protocol::Udp && state == SocketState::Close)
        return QStringLiteral("UNCONN");
    return fromView(stateName(state));
}

QString SocketFormat::count(qint64 value)
{
    if (value < 0)
        return notKnown();
    return QLocale().toString(value);
}

QString SocketFormat::percent(double ratio)
{
    return tr("%1%").arg(QLocale().toString(ratio * 100.0, 'f', ratio < 0.1 ? 2 : 1));
}

QString SocketFormat::notKnown()
{
    return tr("—");
}

QString SocketFormat::protocolLabel(Protocol protocol)
{
    return fromView(protocolName(protocol));
}

QString SocketFormat::familyLabel(Family family)
{
    return fromView(familyName(family));
}

} // namespace Sockpit
