// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/validator.h"

#include "tuning/catalogue.h"
#include "tuning/sysctltree.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <unistd.h>

namespace Sockpit {

namespace {

constexpr qsizetype MaximumKeyLength = 128;
constexpr qsizetype MaximumValueLength = 1024;

Error refusal(const QString &key, const QString &value, const QString &reason, const Tunable &tunable,
              const ValidationContext &context)
{
    QStringList enumValues;
    if (tunable.enumSource == EnumSource::CongestionControl)
        enumValues = context.congestionControls;
    else if (tunable.enumSource == EnumSource::QueueDiscipline)
        enumValues = context.queueDisciplines;
    return Error{QStringLiteral("%1 = %2: %3; allowed: %4")
                     .arg(key, quoted(value), reason,
                          Catalogue::describeAllowed(tunable, enumValues, context.kernelRelease)),
                 EINVAL};
}

// A decimal number as the kernel prints it: digits only, no sign, no leading zeros, no
// hex or exponent. Anything else is refused rather than guessed at, so what is written
// is exactly what read-back shows.
std::optional<std::int64_t> parseCanonical(QStringView text, QString &why)
{
    if (text.isEmpty()) {
        why = QStringLiteral("a number is missing");
        return std::nullopt;
    }
    for (QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            why = text.startsWith(u'-') ? QStringLiteral("negative numbers are not allowed")
                                        : QStringLiteral("%1 is not a decimal number").arg(quoted(text.toString()));
            return std::nullopt;
        }
    }
    if (text.size() > 1 && text.front() == QLatin1Char('0')) {
        why = QStringLiteral("%1 has leading zeros").arg(quoted(text.toString()));
        return std::nullopt;
    }
    if (text.size() > 18) {
        why = QStringLiteral("%1 is far out of range").arg(quoted(text.toString()));
        return std::nullopt;
    }
    return text.toLongLong();
}

Result<QString> checkNumbers(const QString &key, const QString &value, const Tunable &tunable,
                             const ValidationContext &context)
{
    const QStringList fields = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const int expected = tunable.fieldCount();
    if (fields.size() != expected) {
        return refusal(key, value,
                       expected == 1 ? QStringLiteral("expected one number, got %1").arg(fields.size())
                                     : QStringLiteral("expected %1 numbers, got %2").arg(expected).arg(fields.size()),
                       tunable, context);
    }
    const Catalogue::Bounds bounds = Catalogue::bounds(tunable, context.kernelRelease);
    std::vector<std::int64_t> numbers;
    for (const QString &field : fields) {
        QString why;
        const auto number = parseCanonical(field, why);
        if (!number)
            return refusal(key, value, why, tunable, context);
        if (*number < bounds.minimum || *number > bounds.maximum) {
            // Where Sockpit is stricter than the kernel, say why: the kernel would take it.
            const char *stricter = *number < bounds.minimum ? tunable.stricterMinimum : tunable.stricterMaximum;
            return refusal(key, value,
                           stricter ? QStringLiteral("%1 is out of range (Sockpit is stricter than the kernel "
                                                     "here: %2)")
                                          .arg(field, QLatin1StringView(stricter))
                                    : QStringLiteral("%1 is out of range").arg(field),
                           tunable, context);
        }
        if (tunable.bitMask && (std::uint64_t(*number) & ~tunable.bitMask))
            return refusal(key, value, QStringLiteral("%1 sets bits the kernel does not document").arg(field),
                           tunable, context);
        if (tunable.type == TunableType::Boolean && *number > 1)
            return refusal(key, value, QStringLiteral("not a boolean"), tunable, context);
        numbers.push_back(*number);
    }
    if (tunable.type == TunableType::IntegerPair && numbers[0] > numbers[1]) {
        const QString pair = QStringLiteral("%1 %2").arg(numbers[0]).arg(numbers[1]);
        if (!tunable.emptyRange)
            return refusal(key, value, QStringLiteral("LOW %1 is above HIGH %2").arg(numbers[0]).arg(numbers[1]),
                           tunable, context);
        // ping_group_range: the kernel keeps any reversed pair as "1 0", so only that one is
        // planned as what read-back will show.
        if (pair != QLatin1StringView(tunable.emptyRange))
            return refusal(key, value,
                           QStringLiteral("LOW %1 is above HIGH %2, which the kernel stores as \"%3\"; write \"%3\" "
                                          "for none")
                               .arg(numbers[0])
                               .arg(numbers[1])
                               .arg(QLatin1StringView(tunable.emptyRange)),
                           tunable, context);
    }
    if (tunable.type == TunableType::IntegerTriple && !(numbers[0] <= numbers[1] && numbers[1] <= numbers[2]))
        return refusal(key, value,
                       QStringLiteral("the three numbers are not in the order %1")
                           .arg(tunable.tripleFieldNames().replace(QLatin1Char(' '), QStringLiteral(" <= "))),
                       tunable, context);
    // ip-sysctl ip_local_port_range: "Must be greater than or equal to ip_unprivileged_port_start".
    if (key == QLatin1String("net.ipv4.ip_local_port_range") && numbers[0] < context.unprivilegedPortStart)
        return refusal(key, value,
                       QStringLiteral("LOW %1 is below ip_unprivileged_port_start (%2)")
                           .arg(numbers[0])
                           .arg(context.unprivilegedPortStart),
                       tunable, context);
    QStringList canonical;
    for (std::int64_t n : numbers)
        canonical << QString::number(n);
    return canonical.join(QLatin1Char(' '));
}

// ip-sysctl ip_local_reserved_ports: "comma separated list of ranges", e.g. "8080,9148-9150".
// The kernel stores a bitmap and prints it back merged and sorted; Sockpit writes that same
// spelling so read-back compares equal.
Result<QString> checkPortRanges(const QString &key, const QString &value, const Tunable &tunable,
                                const ValidationContext &context)
{
    if (value.isEmpty())
        return QString();
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
    const QStringList items = value.split(QLatin1Char(','));
    if (items.size() > 4096)
        return refusal(key, value, QStringLiteral("too many ranges"), tunable, context);
    for (const QString &item : items) {
        const qsizetype dash = item.indexOf(QLatin1Char('-'));
        const QStringView first = dash < 0 ? QStringView(item) : QStringView(item).left(dash);
        const QStringView last = dash < 0 ? QStringView(item) : QStringView(item).mid(dash + 1);
        QString why;
        const auto low = parseCanonical(first, why);
        const auto high = low ? parseCanonical(last, why) : std::nullopt;
        if (!low || !high)
            return refusal(key, value, QStringLiteral("%1: %2").arg(quoted(item), why), tunable, context);
        if (*low < tunable.minimum || *high > tunable.maximum || *low > tunable.maximum || *high < tunable.minimum)
            return refusal(key, value, QStringLiteral("%1 is out of range").arg(item), tunable, context);
        if (*low > *high)
            return refusal(key, value, QStringLiteral("range %1 runs backwards").arg(item), tunable, context);
        ranges.emplace_back(*low, *high);
    }
    std::sort(ranges.begin(), ranges.end());
    QStringList merged;
    for (size_t i = 0; i < ranges.size();) {
        std::int64_t low = ranges[i].first, high = ranges[i].second;
        for (++i; i < ranges.size() && ranges[i].first <= high + 1; ++i)
            high = std::max(high, ranges[i].second);
        merged << (low == high ? QString::number(low) : QStringLiteral("%1-%2").arg(low).arg(high));
    }
    return merged.join(QLatin1Char(','));
}

Result<QString> checkName(const QString &key, const QString &value, const Tunable &tunable,
                          const ValidationContext &context)
{
    const QStringList &names = tunable.enumSource == EnumSource::CongestionControl ? context.congestionControls
                                                                                   : context.queueDisciplines;
    if (tunable.enumSource == EnumSource::CongestionControl && context.restrictedCongestionControls.contains(value)) {
        return Error{QStringLiteral("%1 = %2: the kernel has it, but outside the initial network namespace (in a "
                                    "container) only algorithms in tcp_allowed_congestion_control may be set; "
                                    "allowed here: %3")
                         .arg(key, quoted(value), Catalogue::describeAllowed(tunable, names, context.kernelRelease)),
                     EPERM};
    }
    if (names.isEmpty())
        return refusal(key, value, QStringLiteral("the kernel lists no choices here"), tunable, context);
    if (!names.contains(value))
        return refusal(key, value, QStringLiteral("not a name the kernel offers"), tunable, context);
    return value;
}

} // namespace

QString quoted(const QString &text)
{
    constexpr qsizetype Shown = 80;
    QString out = QStringLiteral("\"");
    const qsizetype length = std::min(text.size(), Shown);
    for (qsizetype i = 0; i < length; ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + c;
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f || (c.unicode() >= 0x80 && c.unicode() < 0xa0))
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else if (c.isSurrogate() || !c.isPrint())
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    out += QLatin1Char('"');
    if (text.size() > Shown)
        out += QStringLiteral("... (%1 characters)").arg(text.size());
    return out;
}

int maximumChanges()
{
    return int(Catalogue::all().size());
}

Result<const Tunable *> validateKey(const QString &key)
{
    auto refuse = [&key](const QString &why) {
        return Error{QStringLiteral("key %1 refused: %2").arg(quoted(key), why), EINVAL};
    };
    if (key.isEmpty())
        return refuse(QStringLiteral("the key is empty"));
    if (key.size() > MaximumKeyLength)
        return refuse(QStringLiteral("longer than %1 characters").arg(MaximumKeyLength));
    for (QChar c : key) {
        if (c.unicode() < 0x20 || c.unicode() >= 0x7f)
            return refuse(QStringLiteral("it contains control or non-ASCII characters"));
    }
    if (key.contains(QLatin1Char('/')) || key.contains(QLatin1Char('\\')))
        return refuse(QStringLiteral("path separators are not allowed; spell keys with dots"));
    if (key.contains(QLatin1String("..")) || key.startsWith(QLatin1Char('.')) || key.endsWith(QLatin1Char('.')))
        return refuse(QStringLiteral("empty path components (\"..\") are not allowed"));
    if (key.startsWith(QLatin1Char('-')))
        return refuse(QStringLiteral("a key may not start with '-'"));
    for (const char *special : {"*", "?", "[", "]", "{", "}"}) {
        if (key.contains(QLatin1String(special)))
            return refuse(QStringLiteral("wildcards are not allowed"));
    }
    if (key.contains(QLatin1Char(' ')) || key.contains(QLatin1Char('=')))
        return refuse(QStringLiteral("spaces and '=' are not allowed in a key"));
    if (const Tunable *retired = Catalogue::findRetired(key)) {
        return refuse(QStringLiteral("the kernel removed it in Linux %1 and Sockpit never offers it")
                          .arg(QLatin1StringView(retired->removed)));
    }
    const Tunable *tunable = Catalogue::find(key);
    if (!tunable)
        return refuse(QStringLiteral("not in Sockpit's catalogue of tunables ('sockpit-cli plan --list' shows it)"));
    return tunable;
}

Result<ValidatedChange> validateChange(const QString &key, const QString &value, const ValidationContext &context)
{
    auto found = validateKey(key);
    if (!found)
        return Error{found.error(), EINVAL};
    const Tunable &tunable = *found.value();
    if (context.availableKeys && !context.availableKeys->contains(key)) {
        return Error{QStringLiteral("%1 = %2: the key is not available on this kernel or in this network namespace")
                         .arg(key, quoted(value)),
                     ENOENT};
    }
    if (context.readOnlyKeys.contains(key)) {
        return Error{QStringLiteral("%1 = %2: the key is read-only here; the kernel lets this network namespace read "
                                    "it but not change it (a container's net.core buffer limits belong to the host)")
                         .arg(key, quoted(value)),
                     EACCES};
    }
    if (value.size() > MaximumValueLength)
        return refusal(key, value, QStringLiteral("longer than %1 characters").arg(MaximumValueLength), tunable, context);
    for (QChar c : value) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            return refusal(key, value, QStringLiteral("line breaks are not allowed"), tunable, context);
        if (c.unicode() < 0x20 || c.unicode() >= 0x7f)
            return refusal(key, value, QStringLiteral("control and non-ASCII characters are not allowed"), tunable,
                           context);
        if (c == QLatin1Char('=') || c == QLatin1Char('+'))
            return refusal(key, value, QStringLiteral("'%1' is not allowed in a value").arg(c), tunable, context);
    }
    if (value != value.trimmed())
        return refusal(key, value, QStringLiteral("leading or trailing spaces"), tunable, context);

    Result<QString> canonical = QString();
    switch (tunable.type) {
    case TunableType::Integer:
    case TunableType::IntegerPair:
    case TunableType::IntegerTriple:
    case TunableType::Boolean:
        canonical = checkNumbers(key, value, tunable, context);
        break;
    case TunableType::Enum:
        canonical = checkName(key, value, tunable, context);
        break;
    case TunableType::PortRanges:
        canonical = checkPortRanges(key, value, tunable, context);
        break;
    }
    if (!canonical)
        return canonical.failure();
    return ValidatedChange{&tunable, key, canonical.value()};
}

namespace {

// "30000-30001,40500" (canonical ip_local_reserved_ports) as closed intervals.
std::vector<std::pair<std::int64_t, std::int64_t>> portIntervals(const QString &ranges)
{
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (QStringView part : QStringView(ranges).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype dash = part.indexOf(QLatin1Char('-'));
        const std::int64_t low = part.left(dash < 0 ? part.size() : dash).toLongLong();
        const std::int64_t high = dash < 0 ? low : part.mid(dash + 1).toLongLong();
        out.emplace_back(low, high);
    }
    return out;
}

std::vector<std::int64_t> numbersOf(const QString &value)
{
    std::vector<std::int64_t> out;
    for (QStringView part : QStringView(value).split(QLatin1Char(' '), Qt::SkipEmptyParts))
        out.push_back(part.toLongLong());
    return out;
}

// Ports of [LOW, HIGH] not in RESERVED.
std::int64_t unreservedPorts(std::int64_t low, std::int64_t high, const QString &reserved)
{
    std::int64_t free = high - low + 1;
    for (auto [from, to] : portIntervals(reserved)) {
        from = std::max(from, low);
        to = std::min(to, high);
        if (from <= to)
            free -= to - from + 1;
    }
    return free;
}

// ip-sysctl ip_local_reserved_ports: "These ports will not be used by automatic port
// assignments"; with all of ip_local_port_range reserved, inet_csk_find_open_port() and
// __inet_hash_connect() find nothing (net/ipv4/inet_connection_sock.c,
// net/ipv4/inet_hashtables.c).
Result<void> checkPortsLeft(const std::vector<ValidatedChange> &valid, const ValidationContext &context)
{
    std::optional<std::pair<std::int64_t, std::int64_t>> range = context.localPortRange;
    QString reserved = context.reservedPorts;
    bool touched = false;
    for (const ValidatedChange &change : valid) {
        if (change.key == QLatin1String("net.ipv4.ip_local_port_range")) {
            const auto numbers = numbersOf(change.value);
            if (numbers.size() == 2)
                range = std::pair{numbers[0], numbers[1]};
            touched = true;
        } else if (change.key == QLatin1String("net.ipv4.ip_local_reserved_ports")) {
            reserved = change.value;
            touched = true;
        }
    }
    if (!touched || !range || range->first > range->second)
        return {};
    if (unreservedPorts(range->first, range->second, reserved) > 0)
        return {};
    return Error{QStringLiteral("ip_local_reserved_ports %1 covers the whole ephemeral range %2-%3 "
                                "(ip_local_port_range): no port would be left for connect() or bind() to port 0, "
                                "which fail with EADDRNOTAVAIL for every process; leave some of the range unreserved")
                     .arg(quoted(reserved))
                     .arg(range->first)
                     .arg(range->second),
                 EINVAL};
}

// ip-sysctl tcp_mem: pages of unswappable kernel memory. A MAX above the physical memory
// is no limit at all.
Result<void> checkTcpMemory(const ValidatedChange &change, const ValidationContext &context)
{
    if (change.key != QLatin1String("net.ipv4.tcp_mem") || !context.physicalMemoryPages)
        return {};
    const auto numbers = numbersOf(change.value);
    if (numbers.size() != 3 || numbers[2] <= *context.physicalMemoryPages)
        return {};
    return Error{QStringLiteral("net.ipv4.tcp_mem = %1: MAX %2 pages is more than this host's %3 pages of memory; "
                                "TCP buffers could take unswappable memory until the OOM killer runs, so the limit "
                                "would protect nothing; keep MAX below the physical memory")
                     .arg(quoted(change.value))
                     .arg(numbers[2])
                     .arg(*context.physicalMemoryPages),
                 EINVAL};
}

// ip-sysctl ping_group_range: "0 4294967294" enables ICMP sockets for everyone. Every gid
// a process can have (up to 2^31-1 in practice, and nogroup 65534) inside the range means
// every user and every service may open them.
Result<void> checkPingGroups(const ValidatedChange &change, const ValidationContext &context)
{
    if (change.key != QLatin1String("net.ipv4.ping_group_range") || context.acknowledged.contains(change.key))
        return {};
    const auto numbers = numbersOf(change.value);
    if (numbers.size() != 2 || numbers[0] != 0 || numbers[1] < 2147483647)
        return {};
    return Error{QStringLiteral("net.ipv4.ping_group_range = %1 opens ICMP sockets to every user and every process on "
                                "this host, sandboxed services included; acknowledge it to apply it anyway "
                                "(\"acknowledge\": [\"net.ipv4.ping_group_range\"] in the request, "
                                "--acknowledge net.ipv4.ping_group_range on the command line)")
                     .arg(quoted(change.value)),
                 EACCES};
}

} // namespace

Result<std::vector<ValidatedChange>> validateChanges(const std::vector<RequestedChange> &changes,
                                                     const ValidationContext &context)
{
    if (changes.empty())
        return Error{QStringLiteral("no changes requested"), EINVAL};
    if (changes.size() > size_t(maximumChanges()))
        return Error{QStringLiteral("%1 changes requested; at most %2 (each catalogue key once)")
                         .arg(changes.size())
                         .arg(maximumChanges()),
                     EINVAL};
    std::vector<ValidatedChange> valid;
    QSet<QString> seen;
    for (const auto &[key, value] : changes) {
        auto change = validateChange(key, value, context);
        if (!change)
            return change.failure();
        if (seen.contains(key))
            return Error{QStringLiteral("%1 appears more than once in one request (%2)").arg(key, quoted(value)), EINVAL};
        seen.insert(key);
        valid.push_back(std::move(change).value());
    }
    for (const ValidatedChange &change : valid) {
        if (auto ok = checkTcpMemory(change, context); !ok)
            return ok.failure();
        if (auto ok = checkPingGroups(change, context); !ok)
            return ok.failure();
    }
    if (auto ok = checkPortsLeft(valid, context); !ok)
        return ok.failure();
    return valid;
}

ValidationContext ValidationContext::fromTree(const SysctlTree &tree)
{
    ValidationContext context;
    if (auto list = tree.read(QStringLiteral("net.ipv4.tcp_available_congestion_control")))
        context.congestionControls = list.value().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    // net/ipv4/tcp_cong.c, tcp_set_default_congestion_control(): only the initial network
    // namespace may choose an algorithm without TCP_CONG_NON_RESTRICTED (those missing from
    // tcp_allowed_congestion_control); any other namespace gets EPERM.
    if (!tree.showsInitialNetworkNamespace()) {
        if (auto allowed = tree.read(QStringLiteral("net.ipv4.tcp_allowed_congestion_control"))) {
            const QStringList names = allowed.value().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            QStringList settable;
            for (const QString &name : std::as_const(context.congestionControls))
                (names.contains(name) ? settable : context.restrictedCongestionControls) << name;
            context.congestionControls = settable;
        }
    }
    if (auto release = tree.read(QStringLiteral("kernel.osrelease")))
        context.kernelRelease = release.value();
    context.queueDisciplines = Catalogue::queueDisciplines();
    if (auto start = tree.read(QStringLiteral("net.ipv4.ip_unprivileged_port_start"))) {
        bool ok = false;
        const int port = start.value().toInt(&ok);
        if (ok)
            context.unprivilegedPortStart = port;
    }
    if (auto range = tree.read(QStringLiteral("net.ipv4.ip_local_port_range"))) {
        const auto numbers = numbersOf(range.value());
        if (numbers.size() == 2)
            context.localPortRange = std::pair{numbers[0], numbers[1]};
    }
    if (auto reserved = tree.read(QStringLiteral("net.ipv4.ip_local_reserved_ports")))
        context.reservedPorts = reserved.value();
    // /proc/meminfo next to /proc/sys: "MemTotal:       16318480 kB".
    QFile meminfo(tree.root() + QStringLiteral("/../meminfo"));
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    if (pageSize > 0 && meminfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : meminfo.readAll().split('\n')) {
            if (!line.startsWith("MemTotal:"))
                continue;
            bool ok = false;
            const qint64 kib = line.mid(9).trimmed().split(' ').value(0).toLongLong(&ok);
            if (ok && kib > 0)
                context.physicalMemoryPages = kib * 1024 / pageSize;
        }
    }
    QSet<QString> available;
    for (const Tunable &tunable : Catalogue::all()) {
        if (!tree.exists(tunable.name()))
            continue;
        available.insert(tunable.name());
        if (!tree.isWritable(tunable.name()))
            context.readOnlyKeys.insert(tunable.name());
    }
    context.availableKeys = std::move(available);
    return context;
}

} // namespace Sockpit
