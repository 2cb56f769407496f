// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/alerttracker.h"
#include "settings/uisettings.h"

#include <optional>

namespace Sockpit {

// A figure's colour with hysteresis: warning and critical each rise after `Hold`
// consecutive samples at or past their level and fall only after `Hold` consecutive
// samples a tenth below it (AlertTracker), so a value hovering at a threshold keeps one
// colour instead of flapping with every sample. The first value after construction is
// taken as it is: a window opened on a critical machine is red at once.
class LevelTracker
{
public:
    static constexpr int Hold = 2;
    // How far under a level a value must fall before that level clears, as a fraction of it.
    static constexpr double ClearMargin = 0.1;

    explicit LevelTracker(LevelThresholds thresholds = {});
    // Levels given already (a link's health): each change must hold for `Hold` samples.
    static LevelTracker forLevels();

    // The level to show for VALUE; NaN or negative: Unknown, which leaves the state alone.
    Level update(double value);
    // Steps a level that comes classified (forLevels()).
    Level update(Level level);
    Level level() const { return m_level; }

private:
    static ThresholdSpec spec(double raise);
    Level current() const;

    std::optional<AlertTracker> m_warning; // empty while the level cannot be crossed (0)
    std::optional<AlertTracker> m_critical;
    LevelThresholds m_thresholds;
    bool m_primed = false;
    Level m_level = Level::Unknown;
};

} // namespace Sockpit
