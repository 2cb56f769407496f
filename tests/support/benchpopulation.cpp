// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchpopulation.h"

#include "netns.h"

#include <cstdio>

namespace Sockpit::Test {

int setUpBenchPopulation(const char *bench, Population &population, const Population::Spec &spec)
{
    if (auto entered = enterPrivateNetworkNamespace(); !entered) {
        std::printf("%s skipped: %s\n", bench, qPrintable(entered.error()));
        return 77;
    }
    if (auto prepared = prepareNamespaceForPopulation(); !prepared) {
        std::fprintf(stderr, "%s: %s\n", bench, qPrintable(prepared.error()));
        return 1;
    }
    if (auto built = population.build(spec); !built) {
        std::fprintf(stderr, "%s: cannot build the population: %s\n", bench, qPrintable(built.error()));
        return 1;
    }
    return 0;
}

} // namespace Sockpit::Test
