// SPDX-License-Identifier: GPL-3.0-or-later
#include "helperservice.h"

#include "atomicfile.h"
#include "helperrequest.h"
#include "journal.h"
#include "socketcloser.h"
#include "sysctlfile.h"
#include "sysctltree.h"
#include "transaction.h"

#include <QDateTime>
#include <QJsonDocument>

#include <cerrno>
#include <csignal>
#include <functional>
#include <poll.h>
#include <sys/signalfd.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

namespace Sockpit {

using namespace HelperProtocol;

namespace {

class Session
{
public:
    explicit Session(const HelperConfig &config) : m_config(config), m_tree(config.sysctlRoot) {}

    int run(const QString &invokedAs);

private:
    Result<QByteArray> readRequestLine();
    void send(QJsonObject result);
    int refuse(const QString &error);
    int fail(const QString &error);
    void log(int priority, const QString &message);

    int apply(const HelperRequest &request, Journal &journal);
    int undo(const HelperRequest &request, Journal &journal);
    int history(Journal &journal);
    int closeSocket(const HelperRequest &request);

    // The sysctl.d file after a transaction, from the file as it is when it is written
    // (nullopt: absent); nullopt back: remove it.
    using FilePlan = std::function<std::optional<QByteArray>(const std::optional<QByteArray> &current)>;

    // Runs TARGETS as one transaction and records it; a FILE_PLAN persists: the file is
    // read and its new content computed after the values were applied and confirmed, so
    // an edit made while a checkpoint waited is not lost. CONFIRM_WITHIN > 0 waits for
    // the caller.
    int transact(Journal &journal, const QJsonObject &begin, const std::vector<std::pair<QString, QString>> &targets,
                 const FilePlan &filePlan, int confirmWithin);
    bool waitForConfirmation(int seconds);
    Result<void> persistSysctlD(Journal &journal, qint64 id, const FilePlan &filePlan);
    QString sysctlFilePath() const;
    // The journal's "begin" record under the next transaction id.
    Result<QJsonObject> beginRecord(Journal &journal, const QString &action, const QJsonArray &changes,
                                    bool persist) const;

    const HelperConfig &m_config;
    SysctlTree m_tree;
    QByteArray m_pending; // input read past the request line
};

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

QString describe(const QJsonArray &changes)
{
    QStringList parts;
    for (const QJsonValue &change : changes) {
        const QJsonObject object = change.toObject();
        parts << QStringLiteral("%1 %2 -> %3")
                     .arg(object.value(QLatin1String("key")).toString(), object.value(QLatin1String("from")).toString(),
                          object.value(QLatin1String("to")).toString());
    }
    return parts.join(QStringLiteral("; "));
}

Result<QByteArray> Session::readRequestLine()
{
    QByteArray data;
    char buffer[4096];
    for (;;) {
        const qsizetype newline = data.indexOf('\n');
        if (newline >= 0) {
            m_pending = data.mid(newline + 1);
            data.truncate(newline);
            return data;
        }
        if (data.size() > MaximumRequestSize)
            return Error{QStringLiteral("invalid request: larger than %1 bytes").arg(MaximumRequestSize), EFBIG};
        const ssize_t n = ::read(m_config.input, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error{QStringLiteral("cannot read the request"), errno};
        if (n == 0)
            return data; // EOF ends the request too
        data.append(buffer, n);
    }
}

void Session::send(QJsonObject result)
{
    result.insert(QStringLiteral("schema"), QLatin1String(ResultSchema));
    const QByteArray line = QJsonDocument(result).toJson(QJsonDocument::Compact) + '\n';
    qsizetype done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(m_config.output, line.constData() + done, size_t(line.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; // the caller has gone; what happens next does not depend on it hearing this
        done += n;
    }
}

void Session::log(int priority, const QString &message)
{
    ::syslog(LOG_AUTHPRIV | priority, "PKEXEC_UID=%s %s", qUtf8Printable(m_config.callerUid), qUtf8Printable(message));
}

int Session::refuse(const QString &error)
{
    log(LOG_WARNING, QStringLiteral("refused: %1").arg(error));
    send({{QStringLiteral("status"), QStringLiteral("refused")}, {QStringLiteral("error"), error}});
    return Refused;
}

int Session::fail(const QString &error)
{
    log(LOG_ERR, QStringLiteral("failed, nothing changed: %1").arg(error));
    send({{QStringLiteral("status"), QStringLiteral("failed")}, {QStringLiteral("error"), error}});
    return FailedUnchanged;
}

int Session::run(const QString &invokedAs)
{
    auto line = readRequestLine();
    if (!line)
        return refuse(line.error());
    auto request = parseRequest(line.value());
    if (!request)
        return refuse(request.error());
    if (actionName(request->action) != invokedAs) {
        return refuse(QStringLiteral("the request asks for \"%1\" but the helper was started for \"%2\"")
                          .arg(actionName(request->action), invokedAs));
    }
    if (request->action == HelperAction::CloseSocket)
        return closeSocket(request.value());
    Journal journal(m_config.journalDirectory);
    if (auto opened = journal.open(); !opened)
        return fail(opened.error());
    switch (request->action) {
    case HelperAction::Apply: return apply(request.value(), journal);
    case HelperAction::Undo: return undo(request.value(), journal);
    case HelperAction::History: return history(journal);
    case HelperAction::CloseSocket: break;
    }
    return fail(QStringLiteral("unknown action"));
}

int Session::apply(const HelperRequest &request, Journal &journal)
{
    // The same validation the app ran, against this kernel, trusting nothing received.
    auto valid = validateChanges(request.changes, ValidationContext::fromTree(m_tree));
    if (!valid)
        return refuse(valid.error());
    std::vector<std::pair<QString, QString>> targets;
    QJsonArray changes;
    for (const ValidatedChange &change : valid.value()) {
        auto current = m_tree.read(change.key);
        if (!current)
            return fail(current.error());
        targets.emplace_back(change.key, change.value);
        changes.append(QJsonObject{{QStringLiteral("key"), change.key},
                                   {QStringLiteral("from"), current.value()},
                                   {QStringLiteral("to"), change.value}});
    }
    FilePlan filePlan;
    if (request.persist) {
        SysctlFile::Updates updates;
        for (const auto &[key, value] : targets)
            updates[key] = value;
        filePlan = [updates](const std::optional<QByteArray> &current) {
            return SysctlFile::update(current, updates, QDateTime::currentDateTimeUtc());
        };
    }
    auto begin = beginRecord(journal, QStringLiteral("apply"), changes, request.persist);
    if (!begin)
        return fail(begin.error());
    return transact(journal, begin.value(), targets, filePlan, request.confirmWithinSeconds);
}

int Session::undo(const HelperRequest &request, Journal &journal)
{
    auto list = journal.entries();
    if (!list)
        return fail(list.error());
    auto entry = Journal::undoable(list.value(), request.transaction);
    if (!entry)
        return refuse(entry.error());
    std::vector<std::pair<QString, QString>> targets;
    QJsonArray changes;
    // The old values come from the root-owned journal, not from the caller. They were read
    // from the kernel, so they may lie outside Sockpit's own bounds; the key must still be
    // on the allow-list and the value must be one harmless line.
    for (const QJsonValue &item : entry->changes) {
        const QString key = item.toObject().value(QLatin1String("key")).toString();
        const QString value = item.toObject().value(QLatin1String("from")).toString();
        if (auto known = validateKey(key); !known)
            return refuse(known.error());
        for (QChar c : value) {
            if (c.unicode() < 0x20 || c.unicode() >= 0x7f || c == QLatin1Char('='))
                return refuse(QStringLiteral("the journal's old value of %1 is not a plain value").arg(key));
        }
        auto current = m_tree.read(key);
        if (!current)
            return fail(current.error());
        targets.emplace_back(key, value);
        changes.append(QJsonObject{{QStringLiteral("key"), key},
                                   {QStringLiteral("from"), current.value()},
                                   {QStringLiteral("to"), value}});
    }

    // The file: put back exactly what was there when nothing was persisted since; otherwise
    // take this transaction's keys back to their earlier persisted values.
    FilePlan filePlan;
    if (entry->persist) {
        const std::optional<QByteArray> before = fileFromJson(entry->fileBefore);
        const std::optional<QByteArray> after = fileFromJson(entry->fileAfter);
        const SysctlFile::Values earlier = SysctlFile::parse(before ? QString::fromUtf8(*before) : QString());
        SysctlFile::Updates updates;
        for (const auto &[key, value] : targets) {
            if (auto it = earlier.find(SysctlFile::dottedKey(key)); it != earlier.end())
                updates[key] = it->second;
            else
                updates[key] = std::nullopt;
        }
        filePlan = [before, after, updates](const std::optional<QByteArray> &current) {
            if (current == after)
                return before;
            return SysctlFile::update(current, updates, QDateTime::currentDateTimeUtc());
        };
    }
    auto begin = beginRecord(journal, QStringLiteral("undo"), changes, entry->persist);
    if (!begin)
        return fail(begin.error());
    begin.value().insert(QStringLiteral("undoes"), double(entry->id));
    return transact(journal, begin.value(), targets, filePlan, 0);
}

int Session::transact(Journal &journal, const QJsonObject &begin,
                      const std::vector<std::pair<QString, QString>> &targets, const FilePlan &filePlan,
                      int confirmWithin)
{
    const bool persist = bool(filePlan);
    const qint64 id = qint64(begin.value(QLatin1String("id")).toDouble());
    const QString action = begin.value(QLatin1String("action")).toString();
    const QString summary = describe(begin.value(QLatin1String("changes")).toArray());
    // On record before the first write: a helper killed halfway leaves the old values here.
    if (auto recorded = journal.append(begin); !recorded)
        return fail(recorded.error());

    auto finish = [&](const TransactionOutcome &outcome, const QString &status, int code) {
        journal.append({{QStringLiteral("id"), double(id)},
                        {QStringLiteral("event"), QStringLiteral("end")},
                        {QStringLiteral("time"), now()},
                        {QStringLiteral("status"), status},
                        {QStringLiteral("keys"), outcome.keysJson()}})
            .ok();
        log(code == Done ? LOG_NOTICE : LOG_ERR,
            QStringLiteral("transaction %1 %2: %3: %4%5")
                .arg(id)
                .arg(action, status, summary, outcome.error.isEmpty() ? QString() : QStringLiteral(" (") + outcome.error + QLatin1Char(')')));
        QJsonObject result{{QStringLiteral("status"), status},
                           {QStringLiteral("transaction"), double(id)},
                           {QStringLiteral("action"), action},
                           {QStringLiteral("persisted"), persist && code == Done},
                           {QStringLiteral("keys"), outcome.keysJson()}};
        if (!outcome.error.isEmpty())
            result.insert(QStringLiteral("error"), outcome.error);
        send(result);
        return code;
    };
    auto failed = [&](const TransactionOutcome &outcome) {
        return outcome.restoreComplete ? finish(outcome, QStringLiteral("failed-restored"), FailedRestored)
                                       : finish(outcome, QStringLiteral("restore-incomplete"), RestoreIncomplete);
    };

    TransactionOutcome outcome = applyTransaction(m_tree, targets);
    if (!outcome.applied)
        return failed(outcome);

    if (confirmWithin > 0) {
        send({{QStringLiteral("status"), QStringLiteral("pending-confirmation")},
              {QStringLiteral("transaction"), double(id)},
              {QStringLiteral("action"), action},
              {QStringLiteral("confirm_within"), confirmWithin},
              {QStringLiteral("keys"), outcome.keysJson()}});
        if (!waitForConfirmation(confirmWithin)) {
            outcome = rollBack(m_tree, outcome,
                               QStringLiteral("not confirmed within %1 s (or the caller went away): restored")
                                   .arg(confirmWithin));
            return outcome.restoreComplete ? finish(outcome, QStringLiteral("reverted"), FailedRestored)
                                           : finish(outcome, QStringLiteral("restore-incomplete"), RestoreIncomplete);
        }
    }
    if (persist) {
        if (auto written = persistSysctlD(journal, id, filePlan); !written)
            return failed(rollBack(m_tree, outcome, QStringLiteral("cannot persist: %1").arg(written.error())));
    }
    return finish(outcome, QStringLiteral("applied"), Done);
}

// Checkpoint mode: the change stays only if the caller says so in time. A closed pipe
// (the app crashed, the SSH session died) or a signal counts as "no".
bool Session::waitForConfirmation(int seconds)
{
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    const int signalFd = ::signalfd(-1, &signals, SFD_CLOEXEC);

    timespec start{};
    ::clock_gettime(CLOCK_MONOTONIC, &start);
    const qint64 deadline = qint64(start.tv_sec) * 1000 + start.tv_nsec / 1000000 + qint64(seconds) * 1000;
    QByteArray line = m_pending;
    bool confirmed = false;
    for (;;) {
        if (const qsizetype newline = line.indexOf('\n'); newline >= 0) {
            confirmed = line.left(newline).trimmed() == ConfirmLine;
            break;
        }
        if (line.size() > 1024)
            break;
        timespec current{};
        ::clock_gettime(CLOCK_MONOTONIC, &current);
        const qint64 left = deadline - (qint64(current.tv_sec) * 1000 + current.tv_nsec / 1000000);
        if (left <= 0)
            break;
        pollfd fds[2] = {{m_config.input, POLLIN, 0}, {signalFd, POLLIN, 0}};
        const int ready = ::poll(fds, signalFd >= 0 ? 2 : 1, int(std::min<qint64>(left, 60000)));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0 || (signalFd >= 0 && (fds[1].revents & POLLIN)))
            break;
        if (ready == 0)
            continue;
        char buffer[256];
        const ssize_t n = ::read(m_config.input, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // EOF: the caller is gone
        line.append(buffer, n);
    }
    if (signalFd >= 0)
        ::close(signalFd);
    return confirmed;
}

QString Session::sysctlFilePath() const
{
    return m_config.sysctlDDirectory + QLatin1Char('/') + QLatin1String(SysctlFile::FileName);
}

Result<QJsonObject> Session::beginRecord(Journal &journal, const QString &action, const QJsonArray &changes,
                                         bool persist) const
{
    auto id = journal.nextId();
    if (!id)
        return Error{id.error(), id.errorCode()};
    return QJsonObject{{QStringLiteral("id"), double(id.value())},
                       {QStringLiteral("event"), QStringLiteral("begin")},
                       {QStringLiteral("time"), now()},
                       {QStringLiteral("uid"), m_config.callerUid},
                       {QStringLiteral("action"), action},
                       {QStringLiteral("changes"), changes},
                       {QStringLiteral("persist"), persist}};
}

Result<void> Session::persistSysctlD(Journal &journal, qint64 id, const FilePlan &filePlan)
{
    const QString name = QLatin1String(SysctlFile::FileName);
    const QString directory = m_config.sysctlDDirectory;
    auto previous = AtomicFile::read(sysctlFilePath());
    if (!previous)
        return Error{previous.error(), previous.errorCode()};
    const std::optional<QByteArray> content = filePlan(previous.value());
    // On record before the file changes: undo restores these exact bytes.
    if (auto recorded = journal.append({{QStringLiteral("id"), double(id)},
                                        {QStringLiteral("event"), QStringLiteral("persist")},
                                        {QStringLiteral("time"), now()},
                                        {QStringLiteral("file_before"), fileToJson(previous.value())},
                                        {QStringLiteral("file_after"), fileToJson(content)}});
        !recorded)
        return recorded;
    // Keep what the file held before, for the administrator and for a manual rollback.
    if (previous->has_value()) {
        if (auto kept = AtomicFile::write(directory, name + QLatin1String(SysctlFile::PreviousSuffix), **previous, 0644);
            !kept)
            return kept;
    }
    if (!content)
        return AtomicFile::remove(directory, name);
    return AtomicFile::write(directory, name, *content, 0644);
}

int Session::history(Journal &journal)
{
    auto list = journal.entries();
    if (!list)
        return fail(list.error());
    QJsonArray transactions;
    for (const JournalEntry &entry : list.value())
        transactions.append(entry.toJson());
    send({{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("transactions"), transactions}});
    return Done;
}

int Session::closeSocket(const HelperRequest &request)
{
    const SocketTuple &socket = request.socket;
    QString what = QStringLiteral("%1:%2 -> %3:%4")
                       .arg(socket.localAddress)
                       .arg(socket.localPort)
                       .arg(socket.remoteAddress)
                       .arg(socket.remotePort);
    if (socket.interfaceIndex)
        what += QStringLiteral(" on interface %1").arg(socket.interfaceIndex);
    auto closed = destroyTcpSocket(socket);
    if (!closed) {
        const bool invalid = closed.errorCode() == EINVAL;
        log(LOG_ERR, QStringLiteral("close-socket %1 failed: %2").arg(what, closed.error()));
        send({{QStringLiteral("status"), invalid ? QStringLiteral("refused") : QStringLiteral("failed")},
              {QStringLiteral("error"), closed.error()}});
        return invalid ? Refused : FailedUnchanged;
    }
    log(LOG_NOTICE, QStringLiteral("close-socket %1 (cookie %2): closed").arg(what).arg(closed.value()));
    send({{QStringLiteral("status"), QStringLiteral("closed")},
          {QStringLiteral("socket"), what},
          {QStringLiteral("cookie"), QString::number(closed.value())}});
    return Done;
}

} // namespace

int runHelper(const HelperConfig &config, const QString &invokedAs)
{
    Session session(config);
    return session.run(invokedAs);
}

} // namespace Sockpit
