// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "population.h"

namespace Sockpit::Test {

// What every benchmark does first: enter a private network namespace (before any thread
// starts), prepare it for a large population and build SPEC in it. Returns 0 when ready;
// otherwise prints why under BENCH's name and returns the exit code to end with: 77
// (skipped: no namespace without root) or 1.
int setUpBenchPopulation(const char *bench, Population &population, const Population::Spec &spec);

} // namespace Sockpit::Test
