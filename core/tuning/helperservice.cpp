// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/helperservice.h"

#include "base/atomicfile.h"
#include "base/uniquefd.h"
#include "tuning/helperrequest.h"
#include "tuning/journal.h"
#include "tuning/socketcloser.h"
#include "tuning/sysctlfile.h"
#include "tuning/sysctltree.h"
#include "tuning/transaction.h"

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <functional>
#include <climits>
#include <poll.h>
#include <sys/random.h>
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
    // Puts back what a helper that died mid-transaction left behind (see the definition).
    Result<void> recoverInterrupted(Journal &journal);
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
    QString waitForConfirmation(int seconds, const QString &token); // empty: confirmed; else why not
    QString confirmToken() const;
    void discardPendingInput();
    Result<void> persistSysctlD(Journal &journal, qint64 id, const FilePlan &filePlan);
    QString sysctlFilePath() const;
    // The journal's "begin" record under the next transaction id.
    Result<QJsonObject> beginRecord(Journal &journal, const QString &action, const QJsonArray &changes,
                                    bool persist) const;

    const HelperConfig &m_config;
    SysctlTree m_tree;
    QByteArray m_pending; // input read past the request line
    bool m_callerStalled = false; // a result could not be written in time: stop writing
};

// Checkpoint deadlines and write timeouts run on CLOCK_BOOTTIME: unlike CLOCK_MONOTONIC
// it keeps counting while the machine is suspended, so a laptop closed during a 60 s
// checkpoint reverts when it wakes instead of granting another 60 s (clock_gettime(2)).
qint64 bootTimeMs()
{
    timespec now{};
    ::clock_gettime(CLOCK_BOOTTIME, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

// How long one result line may wait for the caller to read it.
constexpr qint64 CallerWriteTimeoutMs = 10000;

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
    if (m_callerStalled)
        return;
    // A caller that stops reading must not hold the helper (and the journal lock) in a
    // blocking write: wait for room with a deadline, and write no more than PIPE_BUF at a
    // time, which a pipe that polls writable takes whole (pipe(7)).
    const qint64 deadline = bootTimeMs() + CallerWriteTimeoutMs;
    qsizetype done = 0;
    while (done < line.size()) {
        const qint64 left = deadline - bootTimeMs();
        pollfd ready{m_config.output, POLLOUT, 0};
        const int polled = left > 0 ? ::poll(&ready, 1, int(left)) : 0;
        if (polled < 0 && errno == EINTR)
            continue;
        if (polled <= 0 || (ready.revents & (POLLERR | POLLHUP | POLLNVAL))) {
            m_callerStalled = polled == 0;
            return; // the caller has gone or stalled; what happens next does not depend on it
        }
        const size_t chunk = size_t(std::min<qsizetype>(line.size() - done, PIPE_BUF));
        const ssize_t n = ::write(m_config.output, line.constData() + done, chunk);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return;
        done += n;
    }
}

void Session::log(int priority, const QString &message)
{
    // One record per line in the log: a control character from anything the caller sent
    // (the action it started the helper for, a key, an address) is written as \xNN, so no
    // caller can end a record early and forge the next one.
    QString escaped;
    escaped.reserve(message.size());
    for (QChar c : message) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || (c.unicode() >= 0x80 && c.unicode() < 0xa0))
            escaped += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            escaped += c;
    }
    ::syslog(LOG_AUTHPRIV | priority, "PKEXEC_UID=%s %s", qUtf8Printable(m_config.callerUid), qUtf8Printable(escaped));
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
        return refuse(QStringLiteral("the request asks for \"%1\" but the helper was started for %2")
                          .arg(actionName(request->action), quoted(invokedAs)));
    }
    if (request->action == HelperAction::CloseSocket)
        return closeSocket(request.value());
    Journal journal(m_config.journalDirectory);
    if (auto opened = journal.open(); !opened)
        return fail(opened.error());
    if (request->action != HelperAction::History) {
        if (auto recovered = recoverInterrupted(journal); !recovered)
            return fail(recovered.error());
    }
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
    ValidationContext context = ValidationContext::fromTree(m_tree);
    context.acknowledged = QSet<QString>(request.acknowledged.begin(), request.acknowledged.end());
    auto valid = validateChanges(request.changes, context);
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
        // A confirmation counts only for a change the caller has been shown: it must carry
        // the token of this report, and whatever arrived before the report is dropped
        // unread (a "confirm" sent along with the request keeps nothing).
        const QString token = confirmToken();
        discardPendingInput();
        send({{QStringLiteral("status"), QStringLiteral("pending-confirmation")},
              {QStringLiteral("transaction"), double(id)},
              {QStringLiteral("action"), action},
              {QStringLiteral("confirm_within"), confirmWithin},
              {QStringLiteral("confirm_token"), token},
              {QStringLiteral("keys"), outcome.keysJson()}});
        if (const QString unconfirmed = waitForConfirmation(confirmWithin, token); !unconfirmed.isEmpty()) {
            outcome = rollBack(m_tree, outcome, unconfirmed + QStringLiteral(": restored"));
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
// (the app crashed, the SSH session died) or a signal counts as "no", and so does any
// first line other than "confirm TOKEN". Empty when confirmed; otherwise why not, in
// the words the result and the journal carry.
QString Session::waitForConfirmation(int seconds, const QString &token)
{
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    const UniqueFd signalOwner(::signalfd(-1, &signals, SFD_CLOEXEC));
    const int signalFd = signalOwner.get();

    const qint64 deadline = bootTimeMs() + qint64(seconds) * 1000;
    const QByteArray expected = QByteArray(ConfirmLine) + ' ' + token.toLatin1();
    QByteArray line;
    QString unconfirmed;
    for (;;) {
        if (const qsizetype newline = line.indexOf('\n'); newline >= 0) {
            if (line.left(newline).trimmed() != expected)
                unconfirmed = QStringLiteral("the caller answered something other than its confirmation");
            break;
        }
        if (line.size() > 1024) {
            unconfirmed = QStringLiteral("the caller answered something other than its confirmation");
            break;
        }
        const qint64 left = deadline - bootTimeMs();
        if (left <= 0) {
            unconfirmed = QStringLiteral("not confirmed within %1 s").arg(seconds);
            break;
        }
        pollfd fds[2] = {{m_config.input, POLLIN, 0}, {signalFd, POLLIN, 0}};
        // Short polls: poll(2)'s own timeout runs on CLOCK_MONOTONIC, which stands still
        // during a suspend; the deadline is checked against CLOCK_BOOTTIME after each.
        const int ready = ::poll(fds, signalFd >= 0 ? 2 : 1, int(std::min<qint64>(left, 1000)));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0 || (signalFd >= 0 && (fds[1].revents & POLLIN))) {
            unconfirmed = QStringLiteral("stopped by a signal before the change was confirmed");
            break;
        }
        if (ready == 0)
            continue;
        char buffer[256];
        const ssize_t n = ::read(m_config.input, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) { // EOF: the caller is gone
            unconfirmed = QStringLiteral("the caller went away before confirming");
            break;
        }
        line.append(buffer, n);
    }
    return unconfirmed;
}

// 128 random bits in hex (getrandom(2)): nothing a caller can send before it has read
// the pending report.
QString Session::confirmToken() const
{
    unsigned char bytes[16] = {};
    size_t filled = 0;
    while (filled < sizeof bytes) {
        const ssize_t n = ::getrandom(bytes + filled, sizeof bytes - filled, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        filled += size_t(n);
    }
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes).toHex());
}

// Drops what the caller sent after the request and before the pending report: read so
// far (m_pending) and still waiting in the pipe, without blocking.
void Session::discardPendingInput()
{
    m_pending.clear();
    for (;;) {
        pollfd ready{m_config.input, POLLIN, 0};
        if (::poll(&ready, 1, 0) != 1 || !(ready.revents & POLLIN))
            return;
        char buffer[4096];
        const ssize_t n = ::read(m_config.input, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; // EOF stays for waitForConfirmation to see
    }
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
        return id.failure();
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
        return previous.failure();
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
    QJsonObject result{{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("transactions"), transactions}};
    if (!journal.problems().isEmpty()) {
        log(LOG_WARNING, QStringLiteral("journal lines unreadable: %1").arg(journal.problems().join(QStringLiteral("; "))));
        result.insert(QStringLiteral("journal_problems"), QJsonArray::fromStringList(journal.problems()));
    }
    send(result);
    return Done;
}

// A transaction still "started" when the journal lock is ours was left by a helper that
// died (SIGKILL, the OOM killer, a power loss) after its begin record: perhaps while a
// checkpoint waited, which would otherwise keep an unconfirmed change for good. Its old
// values are on record, so they are put back, but only on keys that still hold the value
// that transaction wrote (anything changed since is left alone), and the file is put back
// when it is still the one that transaction wrote. The outcome ends the transaction in
// the journal ("recovered" or "recovery-failed"), so it never blocks what comes next.
Result<void> Session::recoverInterrupted(Journal &journal)
{
    auto list = journal.entries();
    if (!list)
        return list.failure();
    if (!journal.problems().isEmpty())
        log(LOG_WARNING, QStringLiteral("journal lines unreadable: %1").arg(journal.problems().join(QStringLiteral("; "))));
    for (const JournalEntry &entry : list.value()) {
        if (entry.status != QLatin1String("started"))
            continue;
        std::vector<std::pair<QString, QString>> targets;
        for (const QJsonValue &item : entry.changes) {
            const QJsonObject change = item.toObject();
            const QString key = change.value(QLatin1String("key")).toString();
            const QString from = change.value(QLatin1String("from")).toString();
            const QString to = change.value(QLatin1String("to")).toString();
            if (!validateKey(key) || std::any_of(from.begin(), from.end(), [](QChar c) {
                    return c.unicode() < 0x20 || c.unicode() >= 0x7f || c == QLatin1Char('=');
                }))
                continue;
            auto current = m_tree.read(key);
            if (current && canonicalFromKernel(current->toUtf8()) == canonicalFromKernel(to.toUtf8()))
                targets.emplace_back(key, from);
        }
        TransactionOutcome outcome = applyTransaction(m_tree, targets);
        if (outcome.applied && entry.persist) {
            const std::optional<QByteArray> after = fileFromJson(entry.fileAfter);
            auto current = AtomicFile::read(sysctlFilePath());
            if (current && !entry.fileAfter.isUndefined() && current.value() == after) {
                const std::optional<QByteArray> before = fileFromJson(entry.fileBefore);
                const QString name = QLatin1String(SysctlFile::FileName);
                auto restored = before ? AtomicFile::write(m_config.sysctlDDirectory, name, *before, 0644)
                                       : AtomicFile::remove(m_config.sysctlDDirectory, name);
                if (!restored) {
                    outcome.applied = false;
                    outcome.error = restored.error();
                }
            }
        }
        const QString status = outcome.applied ? QStringLiteral("recovered") : QStringLiteral("recovery-failed");
        if (auto recorded = journal.append({{QStringLiteral("id"), double(entry.id)},
                                            {QStringLiteral("event"), QStringLiteral("end")},
                                            {QStringLiteral("time"), now()},
                                            {QStringLiteral("status"), status},
                                            {QStringLiteral("keys"), outcome.keysJson()}});
            !recorded)
            return recorded;
        log(outcome.applied ? LOG_NOTICE : LOG_ERR,
            QStringLiteral("transaction %1 was interrupted: %2, old values put back: %3%4")
                .arg(entry.id)
                .arg(status, describe(entry.changes),
                     outcome.error.isEmpty() ? QString() : QStringLiteral(" (") + outcome.error + QLatin1Char(')')));
    }
    return {};
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
