// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampling/owners.h"

#include "base/uniquefd.h"

#include <QDateTime>
#include <QFile>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

namespace Sockpit {

namespace {

// Sockets whose owner no walk could find (another user's process, without privileges)
// are looked for again at most this often, so they do not force a walk every tick.
constexpr qint64 UnresolvedRetryMs = 5000;

struct DirCloser
{
    void operator()(DIR *dir) const { ::closedir(dir); }
};
using DirHandle = std::unique_ptr<DIR, DirCloser>;

bool parsePid(const char *name, int &pid)
{
    if (*name < '1' || *name > '9')
        return false;
    int value = 0;
    for (const char *p = name; *p; ++p) {
        if (*p < '0' || *p > '9')
            return false;
        value = value * 10 + (*p - '0');
    }
    pid = value;
    return true;
}

// "socket:[12345]" -> 12345; anything else -> 0.
quint32 socketInode(const char *link, ssize_t length)
{
    constexpr char prefix[] = "socket:[";
    constexpr ssize_t prefixLength = sizeof prefix - 1;
    if (length <= prefixLength + 1 || std::memcmp(link, prefix, prefixLength) != 0 || link[length - 1] != ']')
        return 0;
    quint64 inode = 0;
    for (ssize_t i = prefixLength; i < length - 1; ++i) {
        if (link[i] < '0' || link[i] > '9')
            return 0;
        inode = inode * 10 + static_cast<quint64>(link[i] - '0');
    }
    return static_cast<quint32>(inode);
}

} // namespace

std::string_view ownershipName(Ownership ownership)
{
    switch (ownership) {
    case Ownership::Process: return "process";
    case Ownership::Hidden: return "hidden";
    case Ownership::Kernel: break;
    }
    return "none";
}

OwnerTable::OwnerTable() : d(new Data) {}

Ownership OwnerTable::ownership(const SocketRecord &socket) const
{
    if (socket.inode == 0)
        return Ownership::Kernel;
    if (d->inodeToProcess.contains(socket.inode))
        return Ownership::Process;
    // A socket with a file whose holder we did not find: if some fd tables were closed to
    // us, the holder is most likely among them.
    return d->unreadable > 0 ? Ownership::Hidden : Ownership::Kernel;
}

const ProcessInfo *OwnerTable::owner(quint32 inode) const
{
    const auto it = d->inodeToProcess.constFind(inode);
    return it == d->inodeToProcess.cend() ? nullptr : &d->processes[static_cast<size_t>(*it)];
}

const std::vector<ProcessInfo> &OwnerTable::processes() const { return d->processes; }
int OwnerTable::unreadableProcesses() const { return d->unreadable; }
bool OwnerTable::isEmpty() const { return d->processes.empty(); }

OwnerResolver::OwnerResolver(ProcRoot root) : m_root(std::move(root)) {}

// /proc/PID/stat: "812 (nginx: worker) S 1 812 812 0 -1 4194624 ... 22nd field starttime".
// comm may hold spaces and parentheses, so fields are counted from the last ')'.
bool OwnerResolver::readStat(int pid, quint64 &startTime, QString *name) const
{
    const auto stat = readWholeFile(m_root.path(QString::number(pid)) + QStringLiteral("/stat"));
    if (!stat)
        return false;
    const QByteArray &text = stat.value();
    const qsizetype open = text.indexOf('(');
    const qsizetype close = text.lastIndexOf(')');
    if (open < 0 || close < open)
        return false;
    if (name)
        *name = QString::fromUtf8(text.mid(open + 1, close - open - 1));
    // After ')': state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
    // utime stime cutime cstime priority nice num_threads itrealvalue starttime(22).
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    startTime = fields.size() > 19 ? fields.at(19).toULongLong() : 0;
    return true;
}

bool OwnerResolver::readProcess(int pid, Known &out) const
{
    if (!readStat(pid, out.startTime, &out.info.name))
        return false;
    out.info.pid = pid;
    const QString base = m_root.path(QString::number(pid));
    if (const auto cmdline = readWholeFile(base + QStringLiteral("/cmdline"))) {
        QByteArray line = cmdline.value();
        while (line.endsWith('\0'))
            line.chop(1);
        line.replace('\0', ' ');
        out.info.commandLine = QString::fromUtf8(line);
    }
    if (const auto status = readWholeFile(base + QStringLiteral("/status"))) {
        // "Uid:\t1000\t1000\t1000\t1000": real, effective, saved, filesystem.
        const QByteArray &s = status.value();
        const qsizetype at = s.indexOf("\nUid:");
        if (at >= 0) {
            const qsizetype end = s.indexOf('\n', at + 1);
            const QList<QByteArray> ids = s.mid(at + 5, end - at - 5).simplified().split(' ');
            if (!ids.isEmpty())
                out.info.uid = ids.first().toUInt();
        }
    }
    return true;
}

bool OwnerResolver::scanProcesses()
{
    ++m_fullScans;
    m_inodeToPid.clear();
    m_unreadable = 0;
    QHash<int, Known> seen;

    const QByteArray procPath = QFile::encodeName(m_root.directory());
    DirHandle proc(::opendir(procPath.constData()));
    if (!proc)
        return false;
    char link[64];
    while (const dirent *entry = ::readdir(proc.get())) {
        int pid;
        if (!parsePid(entry->d_name, pid))
            continue;
        const QByteArray fdPath = procPath + '/' + entry->d_name + "/fd";
        UniqueFd fdDirOwner(::open(fdPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!fdDirOwner) {
            if (errno == EACCES || errno == EPERM)
                ++m_unreadable;
            continue; // EACCES: another user's process; ENOENT: it just exited
        }
        DirHandle fds(::fdopendir(fdDirOwner.get()));
        if (!fds)
            continue;
        // closedir() closes it from now on.
        const int fdDir = fdDirOwner.release();
        bool ownsSockets = false;
        while (const dirent *fd = ::readdir(fds.get())) {
            if (fd->d_name[0] == '.')
                continue;
            const ssize_t length = ::readlinkat(fdDir, fd->d_name, link, sizeof link);
            const quint32 inode = length > 0 ? socketInode(link, length) : 0;
            if (inode == 0)
                continue;
            ownsSockets = true;
            // Forked servers share a socket: keep the lowest pid, the parent as a rule.
            auto it = m_inodeToPid.find(inode);
            if (it == m_inodeToPid.end())
                m_inodeToPid.insert(inode, pid);
            else if (pid < *it)
                *it = pid;
        }
        if (!ownsSockets)
            continue;
        // Re-read a process's details only when it is new or its pid was reused.
        quint64 startTime = 0;
        if (!readStat(pid, startTime, nullptr))
            continue;
        const auto cached = m_processes.constFind(pid);
        if (cached != m_processes.cend() && cached->startTime == startTime) {
            seen.insert(pid, *cached);
        } else if (Known known; readProcess(pid, known)) {
            seen.insert(pid, std::move(known));
        }
    }
    m_processes = std::move(seen);
    return true;
}

OwnerTable OwnerResolver::resolve(const std::vector<SocketRecord> &sockets)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool walk = m_fullScans == 0;
    QSet<int> pids;
    for (const SocketRecord &socket : sockets) {
        if (socket.inode == 0)
            continue;
        const auto known = m_inodeToPid.constFind(socket.inode);
        if (known != m_inodeToPid.cend()) {
            pids.insert(*known);
            continue;
        }
        const auto tried = m_unresolved.constFind(socket.inode);
        if (tried == m_unresolved.cend() || now - *tried >= UnresolvedRetryMs) {
            walk = true;
            break;
        }
    }
    if (!walk) {
        // Every socket is one we placed before; a holder that exited or whose pid was
        // reused since means the placement is stale.
        for (int pid : std::as_const(pids)) {
            quint64 startTime = 0;
            if (!readStat(pid, startTime, nullptr) || startTime != m_processes.value(pid).startTime) {
                walk = true;
                break;
            }
        }
    }
    if (walk) {
        scanProcesses();
        QHash<quint32, qint64> unresolved;
        for (const SocketRecord &socket : sockets) {
            if (socket.inode != 0 && !m_inodeToPid.contains(socket.inode))
                unresolved.insert(socket.inode, now);
        }
        m_unresolved = std::move(unresolved);
    }

    OwnerTable table;
    OwnerTable::Data &data = *table.d;
    data.unreadable = m_unreadable;
    QHash<int, int> indexOfPid;
    for (const SocketRecord &socket : sockets) {
        if (socket.inode == 0)
            continue;
        const auto pid = m_inodeToPid.constFind(socket.inode);
        if (pid == m_inodeToPid.cend())
            continue;
        auto index = indexOfPid.constFind(*pid);
        if (index == indexOfPid.cend()) {
            const auto process = m_processes.constFind(*pid);
            if (process == m_processes.cend())
                continue;
            ProcessInfo info = process->info;
            auto user = m_userNames.constFind(info.uid);
            if (user == m_userNames.cend()) {
                passwd entry{};
                passwd *found = nullptr;
                char buffer[1024];
                QString name = QString::number(info.uid);
                if (::getpwuid_r(info.uid, &entry, buffer, sizeof buffer, &found) == 0 && found)
                    name = QString::fromLocal8Bit(found->pw_name);
                user = m_userNames.insert(info.uid, name);
            }
            info.user = *user;
            data.processes.push_back(std::move(info));
            index = indexOfPid.insert(*pid, static_cast<int>(data.processes.size() - 1));
        }
        data.inodeToProcess.insert(socket.inode, *index);
    }
    return table;
}

} // namespace Sockpit
