// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/finding.h"
#include "sampling/socketrecord.h"
#include "settings/uisettings.h"

#include <QColor>

namespace Sockpit {

// Every colour the window paints with, by what it means. One hue per meaning, so a
// critical tile, a critical finding and a link that is down look alike, and a socket
// state has the same colour on every chart. The hues are mid-tones that read on a light
// and on a dark background alike: charts keep them on a dark palette (TimeChart only
// follows the palette for its frame, text and grid), and text keeps them too.
class Palette
{
public:
    enum class Role {
        Good,         // a figure within its thresholds; sampling live
        Warning,      // a figure past its warning threshold
        Critical,     // past its critical threshold, a failed probe, a lost probe
        Info,         // an informational finding
        Paused,       // sampling paused
        ErrorText,    // a message saying what went wrong with an input
        ChangedValue, // a setting that differs from the kernel's default
        EventMarker,  // a vertical mark on a chart (an applied change)
        Primary,      // a chart's first series (TIME_WAIT, RTT, retransmissions)
        Secondary,    // a second series beside the primary (listen overflows)
        Tertiary,     // a third (TIME_WAIT overflows)
        PortsInUse,   // the ephemeral bar: ports held by live sockets
        PortsTimeWait,
        PortsReserved,
        PortsFree,
    };

    static QColor color(Role role);
    // Normal, Warning, Critical as Good, Warning, Critical; Unknown is invalid (the
    // palette's own text colour applies).
    static QColor level(Level level);
    static QColor severity(Severity severity);
    // A socket state's colour on the charts; states of one phase share one (SYN_SENT and
    // SYN_RECV, the FIN states and CLOSE).
    static QColor state(SocketState state);
    // The colours of a chart's series when the series are alike (the busiest
    // destinations), in order; index wraps.
    static QColor series(int index);
    static constexpr int SeriesCount = 5;
};

} // namespace Sockpit
