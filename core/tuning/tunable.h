// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>
#include <cstdint>

namespace Sockpit {

// How a sysctl's value is spelled. Sockpit's canonical spelling separates the fields of
// pairs and triples with one space, as sysctl.d files do; the kernel prints tabs.
enum class TunableType {
    Integer,       // one decimal integer
    IntegerPair,   // "LOW HIGH"
    IntegerTriple, // "MIN DEFAULT MAX", or the names in Tunable::fieldNames ("MIN PRESSURE MAX")
    Boolean,       // 0 or 1
    Enum,          // one name from a list the kernel (or Sockpit) gives
    PortRanges,    // "8080,9000-9100" (the kernel's bitmap syntax), may be empty
};

// Where the names an Enum tunable accepts come from.
enum class EnumSource {
    None,
    CongestionControl, // net/ipv4/tcp_available_congestion_control on the running kernel; outside
                       // the initial network namespace only tcp_allowed_congestion_control
    QueueDiscipline,   // Sockpit's list of qdiscs that work as a default (the kernel has no list file)
};

// One kernel release where the tunable appeared, changed its default or meaning, or vanished.
struct KernelChange
{
    const char *version = nullptr;
    const char *note = nullptr; // translatable (context "Sockpit::Catalogue")
};

// The bounds a tunable had on kernels older than BEFORE, where they differ from today's.
struct OlderBounds
{
    const char *before = nullptr; // first release with the next entry's (or today's) bounds
    std::int64_t minimum = 0;
    std::int64_t maximum = 0;
};

// One entry of the allow-list. Everything Sockpit may write is one of these; the strings
// are compiled in, so the privileged helper trusts nothing but this table.
struct Tunable
{
    const char *key = nullptr; // dotted, as sysctl(8) spells it: "net.ipv4.tcp_fin_timeout"
    TunableType type = TunableType::Integer;
    // Per field, inclusive, on a current kernel; Catalogue::bounds() gives them for a release.
    std::int64_t minimum = 0;
    std::int64_t maximum = 0;
    // Why MINIMUM (MAXIMUM) is stricter than what the kernel itself accepts and keeps, or
    // nullptr where the bound is the kernel's own. Plain text, quoted in refusals; the
    // namespace test tst_cataloguenamespace checks both ways against the running kernel.
    const char *stricterMinimum = nullptr;
    const char *stricterMaximum = nullptr;
    // Bounds on kernels older than some release, oldest first; empty for most entries.
    std::array<OlderBounds, 2> olderBounds{};
    std::uint64_t bitMask = 0;  // non-zero: a bit field; only these bits may be set
    EnumSource enumSource = EnumSource::None;
    // The one pair with LOW above HIGH that is allowed: the kernel's spelling of "nobody"
    // (ping_group_range "1 0"). The kernel stores every other reversed pair as this one, so
    // they are refused rather than planned as a value that read-back would never show.
    const char *emptyRange = nullptr;
    bool optional = false;          // present only with a module loaded (nf_conntrack)
    const char *unit = "";          // "seconds", "bytes", "ports", "" for none
    const char *defaultValue = "";  // the kernel's default on a current kernel, canonical spelling
    const char *explanation = "";   // translatable: what it does and when to change it
    const char *risks = "";         // translatable: what can go wrong
    const char *introduced = "";    // first kernel release that has it
    std::array<KernelChange, 3> history{}; // changed defaults or meanings, oldest first
    const char *removed = nullptr;         // release that removed it; such keys are never offered
    // What the fields of a triple are called, in order, when they are not "MIN DEFAULT MAX"
    // (tcp_mem's are page counts "MIN PRESSURE MAX"); used in messages only.
    const char *fieldNames = nullptr;

    QString name() const { return QString::fromLatin1(key); }
    QString tripleFieldNames() const
    {
        return QString::fromLatin1(fieldNames ? fieldNames : "MIN DEFAULT MAX");
    }
    int fieldCount() const
    {
        return type == TunableType::IntegerPair ? 2 : type == TunableType::IntegerTriple ? 3 : 1;
    }
};

} // namespace Sockpit
