// SPDX-License-Identifier: GPL-3.0-or-later
// sockpit-helper: the privileged half of Sockpit, started through pkexec as
// "sockpit-helper ACTION" (the polkit action is chosen by ACTION). It reads one JSON request
// on stdin and answers on stdout; the work is done by runHelper() in core/tuning. This
// file only establishes a clean process: no inherited environment, signals under control,
// root or nothing. Paths are compile-time constants from the install layout.

#include "tuning/helperrequest.h"
#include "tuning/helperservice.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
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

// pkexec hands the caller's resource limits, interval timers, signal mask and ignored
// signals on to the program it runs (execve(2) keeps them all). A caller could set
// RLIMIT_FSIZE to one byte, so that the first journal write raises SIGXFSZ and kills the
// helper between writing a value and recording it, or arm ITIMER_REAL so SIGALRM arrives
// mid-transaction. Root may raise its limits (CAP_SYS_RESOURCE), so every limit that can
// cut a transaction short goes back to what a root service gets. Returns what could not
// be put back: without CAP_SYS_RESOURCE a lowered hard limit stays, and then the helper
// changes nothing rather than risk being cut off between a write and its journal record.
const char *resetInheritedState()
{
    struct Limit
    {
        int resource;
        rlim_t value;
    };
    // No core dumps of a root process; enough descriptors for the journal, the sysctl files
    // and a netlink socket; everything else unlimited.
    static constexpr Limit limits[] = {
        {RLIMIT_CORE, 0},
        {RLIMIT_CPU, RLIM_INFINITY},
        {RLIMIT_FSIZE, RLIM_INFINITY},
        {RLIMIT_DATA, RLIM_INFINITY},
        {RLIMIT_AS, RLIM_INFINITY},
        {RLIMIT_STACK, 8 * 1024 * 1024},
        {RLIMIT_NOFILE, 1024},
        {RLIMIT_NPROC, RLIM_INFINITY},
        {RLIMIT_MEMLOCK, 8 * 1024 * 1024},
        {RLIMIT_SIGPENDING, 1024},
        {RLIMIT_MSGQUEUE, 819200},
    };
    const char *stuck = nullptr;
    for (const Limit &limit : limits) {
        const rlimit value{limit.value, limit.value};
        if (::setrlimit(limit.resource, &value) == 0)
            continue;
        // Without the privilege to raise it, a limit at least as high as wanted will do.
        rlimit current{};
        ::getrlimit(limit.resource, &current);
        const rlimit soft{std::min(current.rlim_max, limit.value), current.rlim_max};
        ::setrlimit(limit.resource, &soft);
        const bool enough = limit.value == RLIM_INFINITY ? soft.rlim_cur == RLIM_INFINITY : soft.rlim_cur >= limit.value;
        if (!enough && (limit.resource == RLIMIT_FSIZE || limit.resource == RLIMIT_NOFILE || limit.resource == RLIMIT_CPU))
            stuck = "the caller's resource limits (file size, open files or CPU time) cannot be lifted; nothing was changed";
    }
    const itimerval off{};
    for (int timer : {ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF})
        ::setitimer(timer, &off, nullptr);
    // Every disposition back to its default, then the ones the helper chooses: a write
    // past a limit fails with EFBIG instead of killing (SIGXFSZ), and the terminal cannot
    // stop the helper while it holds the journal lock (SIGTSTP, SIGTTIN, SIGTTOU).
    for (int number = 1; number < NSIG; ++number) {
        if (number != SIGKILL && number != SIGSTOP)
            std::signal(number, SIG_DFL);
    }
    for (int number : {SIGPIPE, SIGXFSZ, SIGTSTP, SIGTTIN, SIGTTOU})
        std::signal(number, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    return stuck;
}

} // namespace

int main(int argc, char *argv[])
{
    const char *stuckLimit = resetInheritedState();
    const std::string uid = callerUid();
    // Nothing from the caller's environment reaches this process's decisions (no locale,
    // no Qt plugin paths, no TZ): it is dropped before any library reads it.
    ::clearenv();
    ::umask(022);
    // A caller that hangs up must not kill the helper halfway through a rollback
    // (SIGPIPE is ignored above).
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
    if (stuckLimit)
        return refuse("failed", stuckLimit, FailedUnchanged);
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
