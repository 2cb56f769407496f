// SPDX-License-Identifier: GPL-3.0-or-later
#include "sysctlfile.h"

namespace Sockpit::SysctlFile {

QString render(const Values &values, const QDateTime &when)
{
    QString text = QStringLiteral("# Written by Sockpit %1 on %2.\n")
                       .arg(QLatin1StringView(SOCKPIT_VERSION), when.toUTC().toString(Qt::ISODate));
    text += QStringLiteral("# Kernel tuning applied through Sockpit; the previous content of this file is kept\n"
                           "# next to it as %1%2. Change or undo it with Sockpit ('sockpit-cli undo').\n")
                .arg(QLatin1StringView(FileName), QLatin1StringView(PreviousSuffix));
    for (const auto &[key, value] : values)
        text += key + QStringLiteral(" = ") + value + QLatin1Char('\n');
    return text;
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
        values[line.left(equals).trimmed().toString()] = line.mid(equals + 1).trimmed().toString();
    }
    return values;
}

} // namespace Sockpit::SysctlFile
