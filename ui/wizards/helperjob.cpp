// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/helperjob.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

#include <cerrno>
#include <pwd.h>
#include <memory>

namespace Sockpit {

qint64 HelperOutcome::transaction() const
{
    return reply ? reply->result.value(QLatin1String("transaction")).toInteger() : 0;
}

QJsonArray HelperOutcome::keys() const
{
    return reply ? reply->result.value(QLatin1String("keys")).toArray() : QJsonArray();
}

QString HelperText::failure(const HelperOutcome &outcome)
{
    if (!outcome.reply) {
        switch (outcome.errorCode) {
        case HelperJob::NotInstalled:
            return notInstalled(outcome.error) + QLatin1Char(' ') + tr("Nothing was changed.");
        case EACCES:
            return tr("Authentication was dismissed. Nothing was changed.");
        case EPERM:
            return tr("Not authorized: polkit refused, or no authentication agent runs in this session to ask for "
                      "an administrator's password. Nothing was changed. A desktop session's own agent asks; without "
                      "one, run sockpit-cli apply in a terminal, and pkexec asks for it there.");
        case ENOENT:
            return tr("The helper could not be started (%1). Nothing was changed.").arg(outcome.error);
        default:
            return tr("The helper failed: %1").arg(outcome.error);
        }
    }
    const QString error = outcome.reply->error();
    switch (outcome.reply->exitCode) {
    case HelperProtocol::Done:
        return {};
    case HelperProtocol::Refused:
        return tr("The helper refused the request, and nothing was changed: %1").arg(error);
    case HelperProtocol::FailedUnchanged:
        return tr("The helper could not begin, and nothing was changed: %1").arg(error);
    case HelperProtocol::FailedRestored:
        return tr("The change failed, and every value written was restored: %1").arg(error);
    case HelperProtocol::RestoreIncomplete:
        return tr("The change failed, and restoring the old values failed too: %1. The values below are what "
                  "the kernel shows now.")
            .arg(error);
    default:
        return tr("The helper ended with status \"%1\" (exit %2): %3")
            .arg(outcome.reply->status())
            .arg(outcome.reply->exitCode)
            .arg(error);
    }
}

QString HelperText::notInstalled(const QString &path)
{
    return tr("Sockpit's helper is not installed at %1, so kernel settings can be read here but not changed, "
              "and their history cannot be read. To install Sockpit with its helper and polkit policy, run "
              "packaging/install in Sockpit's source tree (it builds the package and installs it with apt), "
              "then start the installed sockpit.")
        .arg(path);
}

QStringList HelperText::verification(const HelperOutcome &outcome)
{
    QStringList lines;
    for (const QJsonValue &item : outcome.keys()) {
        const QJsonObject key = item.toObject();
        const QString name = key.value(QLatin1String("key")).toString();
        const QString from = key.value(QLatin1String("from")).toString();
        const QString to = key.value(QLatin1String("to")).toString();
        const bool applied = key.value(QLatin1String("state")).toString() == QLatin1String("applied");
        // The value the helper wanted this key to end with: the new one when it applied,
        // the old one when it restored or never wrote it.
        const QString expected = applied ? to : from;
        QString verdict = tr("not read back");
        for (const ReadBack &read : outcome.readBack) {
            if (read.key != name)
                continue;
            if (!read.error.isEmpty())
                verdict = tr("could not be read back: %1").arg(read.error);
            else if (read.value == expected)
                verdict = tr("the kernel now shows %1 (verified)").arg(read.value);
            else
                verdict = tr("the kernel now shows %1, not %2").arg(read.value, expected);
        }
        lines << (applied ? tr("%1: %2 → %3; %4") : tr("%1: kept %2 (not %3); %4")).arg(name, from, to, verdict);
    }
    return lines;
}

HelperJob::HelperJob(TuningEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_environment(std::move(environment))
{
}

bool HelperJob::start(const HelperRequest &request, const QStringList &readBackKeys)
{
    if (m_running)
        return false;
    m_running = true;
    auto outcome = std::make_shared<HelperOutcome>();
    QThread *thread = QThread::create([outcome, environment = m_environment, request, readBackKeys] {
        *outcome = run(environment, request, readBackKeys);
    });
    // finished is emitted from the worker: the connection to this object is queued, and
    // dropped if this object is gone by then; the thread object deletes itself either way.
    connect(thread, &QThread::finished, this, [this, outcome] {
        m_running = false;
        Q_EMIT finished(*outcome);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    return true;
}

HelperOutcome HelperJob::run(const TuningEnvironment &environment, const HelperRequest &request,
                             const QStringList &readBackKeys)
{
    HelperOutcome outcome;
    if (!QFileInfo(environment.helperPath).isExecutable()) {
        outcome.error = environment.helperPath;
        outcome.errorCode = NotInstalled;
        return outcome;
    }
    auto reply = ApplyClient(environment.helperPath).run(request);
    if (!reply) {
        outcome.error = reply.error();
        outcome.errorCode = reply.errorCode();
        return outcome;
    }
    outcome.reply = std::move(reply).value();
    if (request.action == HelperAction::History) {
        // Names come from NSS, which may be a network service: resolved here, off the GUI thread.
        for (const QJsonValue &entry : outcome.reply->result.value(QLatin1String("transactions")).toArray()) {
            const QString uid = entry.toObject().value(QLatin1String("uid")).toString();
            bool ok = false;
            const uint number = uid.toUInt(&ok);
            if (!ok || outcome.userNames.contains(uid))
                continue;
            passwd record{};
            passwd *found = nullptr;
            char buffer[4096];
            if (::getpwuid_r(uid_t(number), &record, buffer, sizeof buffer, &found) == 0 && found)
                outcome.userNames.insert(uid, QString::fromLocal8Bit(found->pw_name));
        }
    }
    const SysctlTree tree(environment.sysctlRoot);
    for (const QString &key : readBackKeys) {
        auto value = tree.read(key);
        outcome.readBack.push_back({key, value ? value.value() : QString(), value.error()});
    }
    return outcome;
}

} // namespace Sockpit
