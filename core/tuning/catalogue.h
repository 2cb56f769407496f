// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tunable.h"

#include <QString>
#include <QStringList>

#include <span>

namespace Sockpit::Catalogue {

// Every tunable Sockpit may write, in a stable order (grouped as the UI shows them).
std::span<const Tunable> all();

// The entry for KEY (exact, dotted spelling), or nullptr: the allow-list check.
const Tunable *find(QStringView key);

// A key Sockpit knows but never offers because the kernel removed it
// (net.ipv4.tcp_tw_recycle): the reason, or nullptr.
const Tunable *findRetired(QStringView key);

// Queue disciplines accepted for net.core.default_qdisc.
QStringList queueDisciplines();

// Translated texts of an entry.
QString explanation(const Tunable &tunable);
QString risks(const Tunable &tunable);
QString unit(const Tunable &tunable);

// "an integer from 1 to 600 seconds", "two integers LOW HIGH, each from 1 to 65535, LOW <= HIGH":
// the allowed values in words, for error messages and the UI.
QString describeAllowed(const Tunable &tunable, const QStringList &enumValues = {});

} // namespace Sockpit::Catalogue
