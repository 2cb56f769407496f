// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sockpit-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKPIT_VERSION));
    return Sockpit::Cli::run(QCoreApplication::arguments());
}
