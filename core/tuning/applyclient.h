// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "tuning/helperrequest.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace Sockpit {

// What came back from sockpit-helper.
struct HelperReply
{
    int exitCode = -1;      // HelperProtocol::ExitCode
    QJsonObject result;     // the final sockpit.helper-result/1
    QJsonObject pending;    // checkpoint mode: the "pending-confirmation" report, else empty
    QString status() const { return result.value(QLatin1String("status")).toString(); }
    QString error() const { return result.value(QLatin1String("error")).toString(); }
};

// Runs sockpit-helper for one request: directly when this process is already root,
// otherwise through pkexec, which asks polkit (and, through an agent, the user).
// Blocking; the GUI calls it from a worker thread.
class ApplyClient
{
public:
    // pkexec's own exit codes (pkexec(1)).
    static constexpr int PkexecDismissed = 126;
    static constexpr int PkexecNotAuthorized = 127;

    explicit ApplyClient(QString helperPath, QString pkexecPath = QStringLiteral("/usr/bin/pkexec"));

    const QString &helperPath() const { return m_helperPath; }
    // The program and arguments that run the helper for ACTION.
    QStringList command(HelperAction action) const;

    // Sends REQUEST and waits for the result. In checkpoint mode CONFIRM is called with the
    // pending report and returns whether to keep the change; without CONFIRM nothing is
    // confirmed. Errors (the helper could not be started, pkexec refused) are errors;
    // every answer of the helper, success or not, is a HelperReply.
    Result<HelperReply> run(const HelperRequest &request,
                            const std::function<bool(const QJsonObject &pending)> &confirm = {}) const;

private:
    QString m_helperPath;
    QString m_pkexecPath;
};

} // namespace Sockpit
