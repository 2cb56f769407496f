// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/uisettings.h"

#include <QCoreApplication>
#include <QString>

#include <cmath>

namespace Sockpit {

class Snapshot;

struct KeyFigure
{
    double value = std::nan(""); // NaN: not known for this snapshot
    Level level = Level::Unknown;
    QString text;    // the value as the tile shows it
    QString caption; // what it is measured against
};

// The four numbers the Overview colours by threshold, computed from one snapshot. The
// report summary states the same figures.
struct KeyFigures
{
    Q_DECLARE_TR_FUNCTIONS(KeyFigures)
public:
    KeyFigure timeWait;          // TIME_WAIT sockets / usable ephemeral ports
    KeyFigure worstDestination;  // busiest destination's share of usable ports
    KeyFigure listenOverflows;   // TcpExt.ListenOverflows per second
    KeyFigure retransmissions;   // Tcp.RetransSegs rate / Tcp.OutSegs rate, in percent

    static KeyFigures compute(const Snapshot &snapshot, const UiSettings &settings);
    // One "name: value (caption)" line per figure, for the report summary.
    QStringList summaryLines() const;
};

} // namespace Sockpit
