// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/snapshot.h"
#include "pages/page.h"
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampler.moc"
