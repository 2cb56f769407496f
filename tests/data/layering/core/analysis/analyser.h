// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/observation.h"
#include "sampling/snapshot.h"
#include "tuning/plan.h"
#include "base/result.h"
