// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tuning/tunable.h"

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

// The per-field bounds of TUNABLE on the kernel KERNELRELEASE ("6.1.0-18-amd64"), looked
// up by version as key availability is; an empty or unparsable release means a current
// kernel.
struct Bounds
{
    std::int64_t minimum = 0;
    std::int64_t maximum = 0;
};
Bounds bounds(const Tunable &tunable, QStringView kernelRelease = {});

// Queue disciplines accepted for net.core.default_qdisc.
QStringList queueDisciplines();

// An entry's texts as the window shows them: translated when called (context
// "Sockpit::Catalogue"), so English in a process without a translator.
QString explanation(const Tunable &tunable);
QString risks(const Tunable &tunable);
QString historyNote(const KernelChange &change);
// The unit word after a value ("60 seconds"), translated like the texts above.
QString unitText(const Tunable &tunable);

// The same texts in English whatever translator is installed: what the CLI prints and
// files carry, so scripts can rely on them.
QString englishExplanation(const Tunable &tunable);
QString englishRisks(const Tunable &tunable);
// "seconds", "bytes", "ports", or empty: the unit in JSON and plans.
QString unit(const Tunable &tunable);

// "an integer from 1 to 600 seconds", "two integers LOW HIGH, each from 1 to 65535, LOW <= HIGH":
// the allowed values on the kernel KERNELRELEASE in words, in English: for the validator's
// messages (the helper's answers, the CLI) and everything else scripts read.
QString describeAllowed(const Tunable &tunable, const QStringList &enumValues = {}, QStringView kernelRelease = {});
// The same as the window shows it, translated like explanation().
QString allowedText(const Tunable &tunable, const QStringList &enumValues = {}, QStringView kernelRelease = {});

} // namespace Sockpit::Catalogue
