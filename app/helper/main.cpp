// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-helper: the privileged half of Sockpit, started through pkexec as
// "sockpit-helper ACTION" (the polkit action is chosen by ACTION). It reads one JSON request
// on stdin and answers on stdout; the work is done by runHelper() in core/tuning. This
// file only establishes a clean process: no inherited environment, signals under control,
// root or nothing. Paths are compile-time constants from the install layout.

#include "helperrequest.h"
#include "helperservice.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#ifndef SOCKPIT_HELPER_SYSCTL_D_DIR
#error "SOCKPIT_HELPER_SYSCTL_D_DIR must come from the build configuration"
#endif
#ifndef SOCKPIT_HELPER_JOURNAL_DIR
#error "SOCKPIT_HELPER_JOURNAL_DIR must come from the build configuration"
#endif

namespace {

// pkexec sets PKEXEC_UID to the uid that asked; it is only recorded, never trusted for
// anything else, and only taken when it is a plain number.
std::string callerUid()
{
    const char *value = std::getenv("PKEXEC_UID");
    if (value && *value && std::strlen(value) <= 10 && std::strspn(value, "0123456789") == std::strlen(value))
        return value;
    return std::to_string(::getuid());
}

int refuse(const char *status, const char *error, int code)
{
    std::printf("{\"schema\":\"%s\",\"status\":\"%s\",\"error\":\"%s\"}\n", Sockpit::HelperProtocol::ResultSchema,
                status, error);
    return code;
}

} // namespace

int main(int argc, char *argv[])
{
    const std::string uid = callerUid();
    // Nothing from the caller's environment reaches this process's decisions (no locale,
    // no Qt plugin paths, no TZ): it is dropped before any library reads it.
    ::clearenv();
    ::umask(022);
    // A caller that hangs up must not kill the helper halfway through a rollback.
    std::signal(SIGPIPE, SIG_IGN);
    // SIGTERM/SIGINT/SIGHUP are held back and, while a checkpoint waits, read as "not
    // confirmed" (signalfd), so a terminal closing restores the old values.
    sigset_t held;
    sigemptyset(&held);
    sigaddset(&held, SIGTERM);
    sigaddset(&held, SIGINT);
    sigaddset(&held, SIGHUP);
    sigprocmask(SIG_BLOCK, &held, nullptr);

    using namespace Sockpit::HelperProtocol;
    if (::geteuid() != 0)
        return refuse("failed", "sockpit-helper must run as root (through pkexec); nothing was changed",
                      FailedUnchanged);
    if (argc != 2)
        return refuse("refused", "usage: sockpit-helper apply|undo|close-socket|history < request.json", Refused);

    ::openlog("sockpit-helper", LOG_PID, LOG_AUTHPRIV);
    Sockpit::HelperConfig config;
    config.sysctlRoot = QStringLiteral("/proc/sys");
    config.sysctlDDirectory = QStringLiteral(SOCKPIT_HELPER_SYSCTL_D_DIR);
    config.journalDirectory = QStringLiteral(SOCKPIT_HELPER_JOURNAL_DIR);
    config.callerUid = QString::fromStdString(uid);
    const int code = Sockpit::runHelper(config, QString::fromLocal8Bit(argv[1]));
    ::closelog();
    return code;
}
