// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/socketrecord.h"

#include <QCoreApplication>
#include <QString>

namespace Sockpit {

// Display text shared by the pages, so a state or a count reads the same everywhere.
class SocketFormat
{
    Q_DECLARE_TR_FUNCTIONS(SocketFormat)
public:
    // The kernel's state name; UDP's CLOSE is shown as ss shows it, "UNCONN".
    static QString stateLabel(Protocol protocol, SocketState state);
    // A count in the user's locale; a negative count means "not known" and reads "—".
    static QString count(qint64 value);
    // "12.5%" for a ratio 0..1.
    static QString percent(double ratio);
    static QString notKnown();
    static QString protocolLabel(Protocol protocol);
    static QString familyLabel(Family family);
};

} // namespace Sockpit
