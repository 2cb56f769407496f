// SPDX-License-Identifier: GPL-3.0-or-later
#include "style/palette.h"

namespace Sockpit {

namespace {

// The hues themselves, named once.
constexpr QRgb Green = 0x2e8b57;
constexpr QRgb Blue = 0x2b6cb0;
constexpr QRgb Red = 0xc0392b;
constexpr QRgb Amber = 0xc27c0e;
constexpr QRgb Orange = 0xd98c1f;
constexpr QRgb Purple = 0x8e44ad;
constexpr QRgb Slate = 0x7f8c8d;
constexpr QRgb Grey = 0x8a8a8a;
constexpr QRgb LightGreen = 0x7cc48a;
constexpr QRgb DeepBlue = 0x1f5fa8;
constexpr QRgb Brown = 0xb06a00;

} // namespace

QColor Palette::color(Role role)
{
    switch (role) {
    case Role::Good: return QColor(Green);
    case Role::Warning: return QColor(Amber);
    case Role::Critical: return QColor(Red);
    case Role::Info: return QColor(Blue);
    case Role::Paused: return QColor(Brown);
    case Role::ErrorText: return QColor(Red); // the critical hue: an error reads as one
    case Role::ChangedValue: return QColor(DeepBlue);
    case Role::EventMarker: return QColor(Purple);
    case Role::Primary: return QColor(Blue);
    case Role::Secondary: return QColor(Red);
    case Role::Tertiary: return QColor(Orange);
    case Role::PortsInUse: return QColor(Blue);
    case Role::PortsTimeWait: return QColor(Orange);
    case Role::PortsReserved: return QColor(Grey);
    case Role::PortsFree: return QColor(LightGreen);
    }
    return QColor();
}

QColor Palette::level(Level level)
{
    switch (level) {
    case Level::Normal: return color(Role::Good);
    case Level::Warning: return color(Role::Warning);
    case Level::Critical: return color(Role::Critical);
    case Level::Unknown: break;
    }
    return QColor();
}

QColor Palette::severity(Severity severity)
{
    switch (severity) {
    case Severity::Info: return color(Role::Info);
    case Severity::Warning: return color(Role::Warning);
    case Severity::Critical: return color(Role::Critical);
    }
    return QColor();
}

QColor Palette::state(SocketState state)
{
    switch (state) {
    case SocketState::Established: return QColor(Green);
    case SocketState::TimeWait: return QColor(Blue);
    case SocketState::CloseWait: return QColor(Red);
    case SocketState::SynSent:
    case SocketState::SynRecv: return QColor(Orange);
    case SocketState::FinWait1:
    case SocketState::FinWait2:
    case SocketState::Closing:
    case SocketState::LastAck:
    case SocketState::Close: return QColor(Purple);
    case SocketState::Listen: return QColor(Slate);
    default: break;
    }
    return QColor(Grey);
}

QColor Palette::series(int index)
{
    static constexpr QRgb cycle[SeriesCount] = {Red, Blue, Orange, Green, Purple};
    return QColor(cycle[((index % SeriesCount) + SeriesCount) % SeriesCount]);
}

} // namespace Sockpit
