// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/analyser.h"
#include "probes/prober.h"
#include "tuning/plan.h"
