// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/plan.h"
#include "capture/observation.h"
