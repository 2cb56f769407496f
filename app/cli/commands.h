// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QCommandLineParser;

namespace Sockpit::Cli {

// Exit codes shared by every command (DESIGN.md "Contracts").
enum ExitCode : int { Success = 0, Failure = 1, BadInput = 2 };

// arguments as QCoreApplication::arguments(): program name first.
int run(const QStringList &arguments);

// Writes "sockpit-cli: MESSAGE" as one line on stderr and returns code.
int complain(int code, const QString &message);
// Parses a subcommand's options. Returns false when the command should end with exitCode:
// after a parse error (one line, BadInput) or after printing --help (Success).
bool parseOptions(QCommandLineParser &parser, const QStringList &arguments, int &exitCode);
// False, with one BadInput line, when COMMAND was given positional arguments.
bool takesNoArguments(const QCommandLineParser &parser, const QString &command, int &exitCode);
// False, with one BadInput line, when FORMAT is not one of ALLOWED.
bool formatIsOneOf(const QString &format, const QStringList &allowed, int &exitCode);
// "unknown format "xml"; expected one of: json, text"
QString unknownFormat(const QString &format, const QStringList &allowed);

} // namespace Sockpit::Cli
