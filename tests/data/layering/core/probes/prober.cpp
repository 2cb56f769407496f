// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/prober.h"
#include "snapshot.h"
