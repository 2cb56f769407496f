// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/sysctlfile.h"

#include <QList>
#include <QStringList>

#include <set>

namespace Sockpit::SysctlFile {

namespace {

QByteArray headerLine(const QDateTime &when)
{
    return QStringLiteral("# Written by Sockpit %1 on %2.")
        .arg(QLatin1StringView(SOCKPIT_VERSION), when.toUTC().toString(Qt::ISODate))
        .toUtf8();
}

const QByteArray HeaderStart = QByteArrayLiteral("# Written by Sockpit ");

QByteArray headerRest()
{
    return QStringLiteral("# Kernel tuning applied through Sockpit; the previous content of this file is kept\n"
                          "# next to it as %1%2. Change or undo it with Sockpit ('sockpit-cli undo').")
        .arg(QLatin1StringView(FileName), QLatin1StringView(PreviousSuffix))
        .toUtf8();
}

// An assignment line as systemd-sysctl's parse_file() reads it:
//   "-net/ipv4/tcp_fin_timeout = 30"   (leading '-': ignore a failure to set it)
// whitespace around key and value is not part of either. Returns the normalised key, or
// an empty string for comments, blank lines and lines without '='.
QString assignmentKey(const QByteArray &line)
{
    const QByteArray trimmed = line.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith('#') || trimmed.startsWith(';'))
        return {};
    const qsizetype equals = trimmed.indexOf('=');
    if (equals < 0)
        return {};
    return normalizedKey(QString::fromLatin1(trimmed.left(equals).trimmed()));
}

bool isSockpitHeader(const QByteArray &line, const QList<QByteArray> &rest)
{
    return line.startsWith(HeaderStart) || rest.contains(line);
}

} // namespace

QString render(const Values &values, const QDateTime &when)
{
    QString text = QString::fromUtf8(headerLine(when) + '\n' + headerRest() + '\n');
    for (const auto &[key, value] : values)
        text += key + QStringLiteral(" = ") + value + QLatin1Char('\n');
    return text;
}

QString normalizedKey(QStringView key)
{
    key = key.trimmed();
    if (key.startsWith(QLatin1Char('-')))
        key = key.mid(1);
    QString path = key.toString();
    qsizetype first = 0;
    while (first < path.size() && path.at(first) != QLatin1Char('.') && path.at(first) != QLatin1Char('/'))
        ++first;
    if (first < path.size() && path.at(first) == QLatin1Char('.')) {
        for (qsizetype i = first; i < path.size(); ++i) {
            if (path.at(i) == QLatin1Char('.'))
                path[i] = QLatin1Char('/');
            else if (path.at(i) == QLatin1Char('/'))
                path[i] = QLatin1Char('.');
        }
    }
    QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    parts.removeAll(QStringLiteral("."));
    return parts.join(QLatin1Char('/'));
}

QString dottedKey(QStringView key)
{
    QString path = normalizedKey(key);
    for (QChar &c : path) {
        if (c == QLatin1Char('/'))
            c = QLatin1Char('.');
        else if (c == QLatin1Char('.'))
            c = QLatin1Char('/');
    }
    return path;
}

Values parse(const QString &content)
{
    Values values;
    for (QStringView line : QStringView(content).split(QLatin1Char('\n'))) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0)
            continue;
        const QString key = dottedKey(line.left(equals));
        if (!key.isEmpty())
            values[key] = line.mid(equals + 1).trimmed().toString();
    }
    return values;
}

std::optional<QByteArray> update(const std::optional<QByteArray> &current, const Updates &updates,
                                 const QDateTime &when)
{
    std::map<QString, const std::pair<const QString, std::optional<QString>> *> byNormalized;
    for (const auto &entry : updates)
        byNormalized[normalizedKey(entry.first)] = &entry;
    const QList<QByteArray> rest = headerRest().split('\n');

    QList<QByteArray> lines;
    if (current && !current->isEmpty()) {
        lines = current->split('\n');
        if (current->endsWith('\n'))
            lines.removeLast(); // the empty piece after the final newline
    }
    QList<QByteArray> out;
    std::set<QString> written;
    bool header = false;
    bool kept = false; // a line that is not Sockpit's header
    for (const QByteArray &line : std::as_const(lines)) {
        if (line.startsWith(HeaderStart) && !header) {
            out << headerLine(when);
            header = true;
            continue;
        }
        const QString key = assignmentKey(line);
        if (const auto it = byNormalized.find(key); !key.isEmpty() && it != byNormalized.end()) {
            const auto &[name, value] = *it->second;
            if (value && written.insert(key).second) {
                out << (name + QStringLiteral(" = ") + *value).toUtf8();
                kept = true;
            }
            continue; // a later spelling of the same key: it would override ours at boot
        }
        out << line;
        kept = kept || !(line.trimmed().isEmpty() || isSockpitHeader(line, rest));
    }
    for (const auto &[key, value] : updates) {
        if (value && written.insert(normalizedKey(key)).second) {
            out << (key + QStringLiteral(" = ") + *value).toUtf8();
            kept = true;
        }
    }
    if (!kept)
        return std::nullopt;
    if (!header)
        out = QList<QByteArray>{headerLine(when)} + rest + out;
    return out.join('\n') + '\n';
}

} // namespace Sockpit::SysctlFile
