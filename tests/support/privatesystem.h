// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace Sockpit::Test {

// A throw-away copy of the machine for tests that install packages, users, polkit
// policies and rules, and run the system bus and polkitd: a private mount namespace in
// which /usr, /etc and /var are overlays whose upper directories live on a fresh tmpfs
// mounted on /run (empty, so no service of the host is reachable there), plus a private
// network namespace with lo up. Whatever the test writes or installs, and a rule that
// grants an action without a password, is gone when the test process exits, crash or
// not: the real files, package database and polkitd are never touched.
class PrivateSystem
{
public:
    PrivateSystem() = default;
    ~PrivateSystem();
    PrivateSystem(const PrivateSystem &) = delete;
    PrivateSystem &operator=(const PrivateSystem &) = delete;

    // Why it cannot be made here (not root, no overlayfs), or empty.
    static QString skipReason();
    // Enters the namespaces and lays the overlays. Call before any thread starts:
    // unshare() moves the calling thread only, and children inherit from it.
    Result<void> enter();

    // A system bus and polkitd of this system's own; returns once polkitd owns
    // org.freedesktop.PolicyKit1 on the bus (it reads actions and rules.d at start and
    // when they change).
    Result<void> startPolkit();
    void stopPolkit();

    // A system user with /bin/sh and no home; its uid and gid.
    Result<void> addUser(const QString &name, uid_t *uid, gid_t *gid);
    // A rules.d rule that grants USER every action whose id starts with PREFIX, without a
    // password (polkitd reads it at start and when rules.d changes).
    Result<void> grantWithoutPassword(const QString &prefix, const QString &user);

private:
    qint64 m_busPid = 0;
    QProcess m_polkitd;
};

struct ProgramRun
{
    int exitCode = -1; // -1 when it did not exit normally or did not start
    QByteArray out;
    QByteArray err;
    // Both, for a failure message.
    QByteArray both() const { return QByteArray(out + '\n' + err); }
};

// Runs a program to its end (60 s at most), as root or, with uid/gid, as that user with a
// plain environment (PATH, LC_ALL and HOME=/tmp only).
ProgramRun runProgram(const QString &program, const QStringList &arguments, uid_t uid = 0, gid_t gid = 0);

} // namespace Sockpit::Test
