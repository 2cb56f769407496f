// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuning/journal.h"

#include "base/systemerror.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Sockpit {

namespace {

// The journal decides what `undo` writes as root, so it must be ours alone: owned by
// the helper's user and not writable by anyone else.
Result<void> checkOwnership(int fd, const QString &path)
{
    struct stat status{};
    if (::fstat(fd, &status) != 0)
        return systemError(QStringLiteral("cannot inspect %1").arg(path), errno);
    if (status.st_uid != ::geteuid() || (status.st_mode & (S_IWGRP | S_IWOTH)))
        return Error{QStringLiteral("%1 is not owned by and private to uid %2; refusing to trust it")
                         .arg(path)
                         .arg(::geteuid()),
                     EPERM};
    return {};
}

} // namespace

QJsonValue fileToJson(const std::optional<QByteArray> &content)
{
    if (!content)
        return QJsonValue::Null;
    const QString text = QString::fromUtf8(*content);
    if (text.toUtf8() == *content)
        return text;
    return QJsonObject{{QStringLiteral("base64"), QString::fromLatin1(content->toBase64())}};
}

std::optional<QByteArray> fileFromJson(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toUtf8();
    if (value.isObject())
        return QByteArray::fromBase64(value.toObject().value(QLatin1String("base64")).toString().toLatin1());
    return std::nullopt;
}

QJsonObject JournalEntry::toJson() const
{
    QJsonObject object{{QStringLiteral("id"), double(id)},
                       {QStringLiteral("time"), time},
                       {QStringLiteral("uid"), uid},
                       {QStringLiteral("action"), action},
                       {QStringLiteral("changes"), changes},
                       {QStringLiteral("persist"), persist},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("undone"), undone}};
    if (undoes)
        object.insert(QStringLiteral("undoes"), double(undoes));
    return object;
}

Journal::Journal(QString directory) : m_directory(std::move(directory)) {}

Journal::~Journal() = default;

Result<void> Journal::open()
{
    const QByteArray directory = QFile::encodeName(m_directory);
    QDir().mkpath(QFileInfo(m_directory).path()); // parents as usual (0755); the journal's own is 0700
    if (::mkdir(directory.constData(), 0700) != 0 && errno != EEXIST)
        return systemError(QStringLiteral("cannot create %1").arg(m_directory), errno);
    UniqueFd dir(::open(directory.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!dir)
        return systemError(QStringLiteral("cannot open %1").arg(m_directory), errno);
    auto owned = checkOwnership(dir.get(), m_directory);
    if (owned) {
        m_lock.reset(::openat(dir.get(), "lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
        m_file.reset(::openat(dir.get(), "journal.jsonl", O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
    }
    const int error = errno;
    dir.reset();
    if (!owned)
        return owned;
    if (!m_lock || !m_file)
        return systemError(QStringLiteral("cannot open the journal in %1").arg(m_directory), error);
    if (auto ok = checkOwnership(m_file.get(), m_directory + QStringLiteral("/journal.jsonl")); !ok)
        return ok;
    // One transaction at a time: a second helper waits here.
    while (::flock(m_lock.get(), LOCK_EX) != 0) {
        if (errno != EINTR)
            return systemError(QStringLiteral("cannot lock the journal"), errno);
    }
    return {};
}

Result<std::vector<JournalEntry>> Journal::entries() const
{
    if (!m_file)
        return Error{QStringLiteral("the journal is not open"), EBADF};
    QByteArray content;
    char buffer[65536];
    for (off_t offset = 0;;) {
        const ssize_t n = ::pread(m_file.get(), buffer, sizeof buffer, offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return systemError(QStringLiteral("cannot read the journal"), errno);
        if (n == 0)
            break;
        content.append(buffer, n);
        offset += n;
    }
    std::map<qint64, JournalEntry> byId;
    m_problems.clear();
    int number = 0;
    for (const QByteArray &line : content.split('\n')) {
        ++number;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        const QJsonObject record = document.object();
        const qint64 id = qint64(record.value(QLatin1String("id")).toDouble());
        if (error.error != QJsonParseError::NoError || !document.isObject() || id <= 0) {
            // Cut short by a crash, a full disk or a power loss: said, never skipped silently.
            m_problems << QStringLiteral("line %1: %2 (%3 bytes)")
                              .arg(number)
                              .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                                           : QStringLiteral("not a journal record"))
                              .arg(line.size());
            continue;
        }
        JournalEntry &entry = byId[id];
        entry.id = id;
        const QString event = record.value(QLatin1String("event")).toString();
        if (event == QLatin1String("begin")) {
            entry.time = record.value(QLatin1String("time")).toString();
            entry.uid = record.value(QLatin1String("uid")).toString();
            entry.action = record.value(QLatin1String("action")).toString();
            entry.undoes = qint64(record.value(QLatin1String("undoes")).toDouble());
            entry.changes = record.value(QLatin1String("changes")).toArray();
            entry.persist = record.value(QLatin1String("persist")).toBool();
            entry.fileBefore = record.value(QLatin1String("file_before"));
            entry.fileAfter = record.value(QLatin1String("file_after"));
            entry.status = QStringLiteral("started");
        } else if (event == QLatin1String("persist")) {
            // The file as it was just before the write and as written, computed then.
            entry.fileBefore = record.value(QLatin1String("file_before"));
            entry.fileAfter = record.value(QLatin1String("file_after"));
        } else if (event == QLatin1String("end")) {
            entry.status = record.value(QLatin1String("status")).toString();
        }
    }
    for (auto &[id, entry] : byId) {
        if (entry.action == QLatin1String("undo") && entry.status == QLatin1String("applied")) {
            if (auto target = byId.find(entry.undoes); target != byId.end())
                target->second.undone = true;
        }
    }
    std::vector<JournalEntry> list;
    for (auto &[id, entry] : byId)
        list.push_back(std::move(entry));
    return list;
}

Result<qint64> Journal::nextId() const
{
    auto list = entries();
    if (!list)
        return list.failure();
    return list->empty() ? 1 : list->back().id + 1;
}

Result<void> Journal::append(const QJsonObject &record)
{
    QByteArray line = QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
    // A last line cut short (disk full, power loss) has no newline; without one of our own
    // first, this record would join it and be unreadable too.
    struct stat status{};
    if (::fstat(m_file.get(), &status) != 0)
        return systemError(QStringLiteral("cannot inspect the journal"), errno);
    if (status.st_size > 0) {
        char last = '\n';
        if (::pread(m_file.get(), &last, 1, status.st_size - 1) != 1)
            return systemError(QStringLiteral("cannot read the journal"), errno ? errno : EIO);
        if (last != '\n')
            line.prepend('\n');
    }
    qsizetype done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(m_file.get(), line.constData() + done, size_t(line.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return systemError(QStringLiteral("cannot write the journal"), errno ? errno : EIO);
        done += n;
    }
    if (::fsync(m_file.get()) != 0)
        return systemError(QStringLiteral("cannot sync the journal"), errno);
    return {};
}

Result<JournalEntry> Journal::undoable(const std::vector<JournalEntry> &entries, std::optional<qint64> id)
{
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        const JournalEntry &entry = *it;
        if (id && entry.id != *id)
            continue;
        const bool inForce = entry.action == QLatin1String("apply") && entry.status == QLatin1String("applied")
                             && !entry.undone;
        if (inForce)
            return entry;
        if (id) {
            return Error{QStringLiteral("transaction %1 cannot be undone: it is %2")
                             .arg(*id)
                             .arg(entry.undone ? QStringLiteral("already undone")
                                  : entry.action != QLatin1String("apply")
                                      ? QStringLiteral("an undo itself")
                                      : QStringLiteral("not in force (%1)").arg(entry.status)),
                         EINVAL};
        }
    }
    return Error{id ? QStringLiteral("no transaction %1 in the journal").arg(*id)
                    : QStringLiteral("no applied transaction left to undo"),
                 ENOENT};
}

} // namespace Sockpit
