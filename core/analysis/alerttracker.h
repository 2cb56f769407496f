// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Sockpit {

// A threshold with hysteresis and debouncing. The alert raises after `hold` consecutive
// values at or past `raise`, and clears only after `hold` consecutive values back past
// `clear`; values between the two levels keep the current state and reset the run. So
// a value hovering at the raise level does not flap, and one spike does not alert.
struct ThresholdSpec
{
    double raise = 0;
    double clear = 0; // below raise for a rising alert (above it for a falling one)
    int hold = 1;     // consecutive samples needed to change state, >= 1
    bool valid() const { return hold >= 1 && raise != clear; }
    // Falling alerts (free ports dropping) have clear above raise.
    bool rising() const { return clear < raise; }
};

class AlertTracker
{
public:
    enum class Change : quint8 { None, Raised, Cleared };

    explicit AlertTracker(ThresholdSpec spec = {});

    Change update(double value);
    bool isRaised() const { return m_raised; }
    const ThresholdSpec &spec() const { return m_spec; }

private:
    ThresholdSpec m_spec;
    bool m_raised = false;
    int m_run = 0; // consecutive samples pointing toward the other state
};

} // namespace Sockpit
