// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/tuningreading.h"
#include "tuning/applyclient.h"

#include <QCoreApplication>
#include <QHash>
#include <QObject>

#include <optional>
#include <vector>

namespace Sockpit {

// One key as this process read it after the helper finished: the GUI's own verification.
struct ReadBack
{
    QString key;
    QString value;
    QString error; // unreadable
};

// What one run of sockpit-helper came to.
struct HelperOutcome
{
    // Why the helper could not answer (not installed, authentication dismissed), with
    // the error code ApplyClient gives; empty when it answered, whatever it answered.
    QString error;
    int errorCode = 0;
    std::optional<HelperReply> reply;
    std::vector<ReadBack> readBack;
    QHash<QString, QString> userNames; // history: uid -> login name, where one was found

    bool succeeded() const { return reply && reply->exitCode == HelperProtocol::Done; }
    qint64 transaction() const;
    // The helper's per-key report: [{key, from, to, now, state}].
    QJsonArray keys() const;
};

// Plain words for HelperOutcome, shared by the wizard and the History page.
class HelperText
{
    Q_DECLARE_TR_FUNCTIONS(HelperText)
public:
    // Why it failed, and whether anything changed; empty when it succeeded.
    static QString failure(const HelperOutcome &outcome);
    // Why nothing can be changed while the helper is missing at `path`, and how to install it.
    static QString notInstalled(const QString &path);
    // One line per key: "KEY: FROM → TO; the kernel now shows NOW (verified)".
    static QStringList verification(const HelperOutcome &outcome);
};

// Runs one sockpit-helper request on a worker thread, so the GUI thread never waits for
// pkexec (which waits for the user) or the helper, then reads the given keys back from
// the sysctl tree there too. One request at a time.
class HelperJob final : public QObject
{
    Q_OBJECT
public:
    // Error code of an outcome whose helper is not installed where the build expects it.
    static constexpr int NotInstalled = -1;

    explicit HelperJob(TuningEnvironment environment, QObject *parent = nullptr);

    const TuningEnvironment &environment() const { return m_environment; }
    bool isRunning() const { return m_running; }
    // False (and nothing starts) while a request is still running.
    bool start(const HelperRequest &request, const QStringList &readBackKeys = {});

    // What start() runs on its worker thread; blocking.
    static HelperOutcome run(const TuningEnvironment &environment, const HelperRequest &request,
                             const QStringList &readBackKeys);

Q_SIGNALS:
    void finished(const Sockpit::HelperOutcome &outcome);

private:
    TuningEnvironment m_environment;
    bool m_running = false;
};

} // namespace Sockpit
