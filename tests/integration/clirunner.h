// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonDocument>
#include <QProcess>
#include <QStringList>

#include <functional>

namespace Sockpit::Test {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
};

// Runs the built sockpit-cli; `beforeExec` runs in the child (to drop privileges, say).
inline CliRun runCli(const QStringList &arguments, std::function<void()> beforeExec = {})
{
    QProcess process;
    if (beforeExec)
        process.setChildProcessModifier(beforeExec);
    process.start(QStringLiteral(SOCKPIT_CLI_PATH), arguments);
    process.waitForFinished(60000);
    CliRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// The same with INPUT on its standard input, closed after it (a pipe from another command).
inline CliRun runCliWithInput(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.start(QStringLiteral(SOCKPIT_CLI_PATH), arguments);
    process.waitForStarted();
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    CliRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace Sockpit::Test
