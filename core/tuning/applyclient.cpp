// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/applyclient.h"

#include <QJsonDocument>
#include <QProcess>

#include <cerrno>
#include <unistd.h>

namespace Sockpit {

namespace {

QJsonObject parseLine(const QByteArray &line)
{
    return QJsonDocument::fromJson(line.trimmed()).object();
}

} // namespace

ApplyClient::ApplyClient(QString helperPath, QString pkexecPath)
    : m_helperPath(std::move(helperPath)), m_pkexecPath(std::move(pkexecPath))
{
}

QStringList ApplyClient::command(HelperAction action) const
{
    const QString name = HelperProtocol::actionName(action);
    if (::geteuid() == 0)
        return {m_helperPath, name};
    // --disable-internal-agent: never fall back to a text prompt on a terminal the helper's
    // caller may not own; a desktop agent (or a rules.d rule) decides.
    return {m_pkexecPath, QStringLiteral("--disable-internal-agent"), m_helperPath, name};
}

Result<HelperReply> ApplyClient::run(const HelperRequest &request,
                                     const std::function<bool(const QJsonObject &pending)> &confirm) const
{
    const QStringList program = command(request.action);
    QProcess process;
    process.setProgram(program.first());
    process.setArguments(program.mid(1));
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start();
    if (!process.waitForStarted(10000)) {
        return Error{QStringLiteral("cannot start %1: %2").arg(program.first(), process.errorString()),
                     ENOENT};
    }
    process.write(HelperProtocol::serializeRequest(request));
    process.waitForBytesWritten(10000);

    HelperReply reply;
    if (request.action == HelperAction::Apply && request.confirmWithinSeconds > 0) {
        // The first line is the pending report, unless the change failed or was refused at once.
        QByteArray first;
        while (!first.contains('\n')) {
            if (!process.canReadLine() && !process.waitForReadyRead(1000) && process.state() != QProcess::Running)
                break;
            first += process.readLine();
        }
        const QJsonObject pending = parseLine(first);
        if (pending.value(QLatin1String("status")).toString() == QLatin1String("pending-confirmation")) {
            reply.pending = pending;
            if (confirm && confirm(pending)) {
                // The report's token: the helper keeps only a change it has shown.
                process.write(QByteArray(HelperProtocol::ConfirmLine) + ' '
                              + pending.value(QLatin1String("confirm_token")).toString().toLatin1() + '\n');
                process.waitForBytesWritten(5000);
            }
        } else if (!pending.isEmpty()) {
            reply.result = pending;
        }
    }
    // Closing stdin is the "no" of checkpoint mode, and harmless otherwise.
    process.closeWriteChannel();
    process.waitForFinished(-1);
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    for (const QByteArray &line : out.split('\n')) {
        if (QJsonObject object = parseLine(line); !object.isEmpty())
            reply.result = object;
    }
    if (process.exitStatus() != QProcess::NormalExit)
        return Error{QStringLiteral("the helper crashed; run 'sockpit-cli history' to see what it did"), EIO};
    reply.exitCode = process.exitCode();
    const bool throughPkexec = program.first() == m_pkexecPath;
    if (throughPkexec && reply.result.isEmpty()) {
        if (reply.exitCode == PkexecDismissed)
            return Error{QStringLiteral("authentication dismissed; nothing was changed"), EACCES};
        if (reply.exitCode == PkexecNotAuthorized)
            return Error{QStringLiteral("not authorized, or no polkit authentication agent is running; nothing was changed"),
                         EPERM};
    }
    if (reply.result.isEmpty()) {
        const QString detail = QString::fromLocal8Bit(err).trimmed().section(QLatin1Char('\n'), 0, 0);
        return Error{QStringLiteral("the helper gave no answer (exit %1)%2")
                         .arg(reply.exitCode)
                         .arg(detail.isEmpty() ? QString() : QStringLiteral(": ") + detail),
                     EIO};
    }
    return reply;
}

} // namespace Sockpit
