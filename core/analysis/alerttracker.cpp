// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/alerttracker.h"

#include <algorithm>

namespace Sockpit {

AlertTracker::AlertTracker(ThresholdSpec spec) : m_spec(spec)
{
    m_spec.hold = std::max(1, m_spec.hold);
}

AlertTracker::Change AlertTracker::update(double value)
{
    const bool rising = m_spec.rising();
    const bool pastRaise = rising ? value >= m_spec.raise : value <= m_spec.raise;
    const bool pastClear = rising ? value <= m_spec.clear : value >= m_spec.clear;
    const bool towardOther = m_raised ? pastClear : pastRaise;
    if (!towardOther) {
        m_run = 0;
        return Change::None;
    }
    if (++m_run < m_spec.hold)
        return Change::None;
    m_run = 0;
    m_raised = !m_raised;
    return m_raised ? Change::Raised : Change::Cleared;
}

} // namespace Sockpit
