// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/leveltracker.h"

namespace Sockpit {

LevelTracker::LevelTracker(LevelThresholds thresholds)
    : m_thresholds(thresholds)
{
    // A level of 0 is crossed by every known value: no hysteresis to keep there.
    if (thresholds.warning > 0)
        m_warning.emplace(spec(thresholds.warning));
    if (thresholds.critical > 0)
        m_critical.emplace(spec(thresholds.critical));
}

LevelTracker LevelTracker::forLevels()
{
    // Levels as ordinals: Normal 1, Warning 2, Critical 3. Clearing a level needs a value
    // under it, which ClearMargin of 2 or 3 (0.2, 0.3) gives.
    return LevelTracker(LevelThresholds{double(int(Level::Warning)), double(int(Level::Critical))});
}

ThresholdSpec LevelTracker::spec(double raise)
{
    return ThresholdSpec{raise, raise * (1 - ClearMargin), Hold};
}

Level LevelTracker::current() const
{
    if (m_critical ? m_critical->isRaised() : true)
        return Level::Critical;
    if (m_warning ? m_warning->isRaised() : true)
        return Level::Warning;
    return Level::Normal;
}

Level LevelTracker::update(double value)
{
    if (!(value >= 0)) {
        m_level = Level::Unknown;
        return m_level;
    }
    // The first value primes both trackers: fed Hold times, it sets their state outright.
    const int feeds = m_primed ? 1 : Hold;
    m_primed = true;
    for (int i = 0; i < feeds; ++i) {
        if (m_warning)
            m_warning->update(value);
        if (m_critical)
            m_critical->update(value);
    }
    m_level = current();
    return m_level;
}

Level LevelTracker::update(Level level)
{
    if (level == Level::Unknown) {
        m_level = Level::Unknown;
        return m_level;
    }
    return update(double(int(level)));
}

} // namespace Sockpit
