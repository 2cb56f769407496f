// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Fixtures live in tests/data (see its README.md for how each was captured).

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QSysInfo>

namespace SockpitTest {

inline QString dataPath(const char *relative)
{
    return QStringLiteral(SOCKPIT_TEST_DATA "/") + QString::fromUtf8(relative);
}

// False when the fixture is missing: an empty QByteArray would pass for an empty table.
[[nodiscard]] inline bool readFixture(const char *relative, QByteArray &out)
{
    QFile file(dataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    out = file.readAll();
    return true;
}

// The state column of each complete data line, read the simple way (split on
// whitespace, fourth word): an independent count to hold the parser against.
inline QList<QByteArray> stateColumn(const QByteArray &table)
{
    QList<QByteArray> states;
    QList<QByteArray> lines = table.split('\n');
    if (!table.endsWith('\n'))
        lines.removeLast(); // cut short: not a line the kernel finished
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> words = lines.at(i).simplified().split(' ');
        if (words.size() > 3)
            states.append(words.at(3));
    }
    return states;
}

// The fixtures' addresses are little-endian hex words (captured on x86-64).
inline constexpr bool hostIsLittleEndian = QSysInfo::ByteOrder == QSysInfo::LittleEndian;

} // namespace SockpitTest

#define SOCKPIT_LOAD_FIXTURE(var, relative)                                                                            \
    QByteArray var;                                                                                                    \
    QVERIFY2(SockpitTest::readFixture(relative, var), qPrintable(SockpitTest::dataPath(relative)))
