// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/procroot.h"
#include "sampling/socketrecord.h"

#include <QHash>
#include <QSharedData>
#include <QString>

#include <string_view>

#include <vector>

namespace Sockpit {

struct ProcessInfo
{
    int pid = 0;
    QString name;        // comm, from /proc/PID/stat
    QString commandLine; // /proc/PID/cmdline, NULs shown as spaces
    quint32 uid = 0;     // real uid of the process
    QString user;
};

enum class Ownership : quint8 {
    Process, // owned by a process we could see
    Hidden,  // a socket with a file, but its process's fd table could not be read
    Kernel,  // no file: TIME_WAIT, request sockets, orphans after close()
};

// "process", "hidden" or "none", as JSON and CSV outputs spell it.
std::string_view ownershipName(Ownership ownership);

// Socket inode to owning process, for one snapshot. Implicitly shared, read-only.
class OwnerTable
{
public:
    OwnerTable();

    Ownership ownership(const SocketRecord &socket) const;
    // The first process holding the socket (forked servers share one); nullptr if none.
    const ProcessInfo *owner(quint32 inode) const;
    const std::vector<ProcessInfo> &processes() const;
    // Processes whose fd table could not be read (other users', without privileges).
    int unreadableProcesses() const;
    bool isEmpty() const;

private:
    friend class OwnerResolver;
    struct Data : QSharedData
    {
        std::vector<ProcessInfo> processes;
        QHash<quint32, int> inodeToProcess; // index into processes
        int unreadable = 0;
    };
    QSharedDataPointer<Data> d;
};

// Maps socket inodes to processes by walking /proc/PID/fd, the way ss -p does, but keeps
// what it learnt: a later resolve() walks /proc again only when a socket it has never
// seen appears, and re-reads a process only when its start time changed (pid reuse).
class OwnerResolver
{
public:
    explicit OwnerResolver(ProcRoot root = ProcRoot());

    OwnerTable resolve(const std::vector<SocketRecord> &sockets);

    int fullScans() const { return m_fullScans; }

private:
    struct Known
    {
        ProcessInfo info;
        quint64 startTime = 0;
    };
    bool scanProcesses();
    // /proc/PID/stat only: the start time tells a pid's reuse apart; name is optional.
    bool readStat(int pid, quint64 &startTime, QString *name) const;
    // stat, cmdline and status: only for a process not seen before.
    bool readProcess(int pid, Known &out) const;

    ProcRoot m_root;
    QHash<int, Known> m_processes;       // pid -> process
    QHash<quint32, int> m_inodeToPid;    // socket inode -> pid, from the last walk
    QHash<quint32, qint64> m_unresolved; // inodes no walk found, with when we last tried
    QHash<quint32, QString> m_userNames;
    int m_unreadable = 0;
    int m_fullScans = 0;
};

} // namespace Sockpit
