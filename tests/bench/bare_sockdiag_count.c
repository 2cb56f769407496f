/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bare_sockdiag_count: the least a sampler can do. Once every INTERVAL ms for SECONDS
 * seconds, dumps the TCP and UDP sockets of both families over NETLINK_SOCK_DIAG in
 * every state, without extensions (no tcp_info), and only counts the messages: the
 * reference bench_window holds the window's CPU against. Prints the last count.
 *   bare_sockdiag_count [--interval MS] [--seconds N]
 * (include/uapi/linux/inet_diag.h, Documentation/networking/... sock_diag(7)) */
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long dump(int fd, int family, int protocol)
{
    struct {
        struct nlmsghdr header;
        struct inet_diag_req_v2 request;
    } message;
    memset(&message, 0, sizeof message);
    message.header.nlmsg_len = sizeof message;
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    message.request.sdiag_family = (unsigned char)family;
    message.request.sdiag_protocol = (unsigned char)protocol;
    message.request.idiag_states = 0xfff & ~1u;
    if (send(fd, &message, sizeof message, 0) < 0)
        return -1;
    static char buffer[256 * 1024];
    long count = 0;
    for (;;) {
        const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        int length = (int)n;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buffer; NLMSG_OK(h, length); h = NLMSG_NEXT(h, length)) {
            if (h->nlmsg_type == NLMSG_DONE)
                return count;
            if (h->nlmsg_type == NLMSG_ERROR)
                return -1;
            ++count;
        }
    }
}

int main(int argc, char **argv)
{
    long intervalMs = 1000;
    long seconds = 10;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--interval") == 0)
            intervalMs = atol(argv[i + 1]);
        else if (strcmp(argv[i], "--seconds") == 0)
            seconds = atol(argv[i + 1]);
    }
    const int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0) {
        perror("socket(NETLINK_SOCK_DIAG)");
        return 1;
    }
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    const long rounds = intervalMs > 0 ? seconds * 1000 / intervalMs : 0;
    long total = 0;
    for (long round = 0; round < rounds; ++round) {
        total = 0;
        const int families[] = {AF_INET, AF_INET6};
        const int protocols[] = {IPPROTO_TCP, IPPROTO_UDP};
        for (int f = 0; f < 2; ++f)
            for (int p = 0; p < 2; ++p) {
                const long n = dump(fd, families[f], protocols[p]);
                if (n > 0)
                    total += n;
            }
        next.tv_nsec += (intervalMs % 1000) * 1000000L;
        next.tv_sec += intervalMs / 1000 + next.tv_nsec / 1000000000L;
        next.tv_nsec %= 1000000000L;
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
    }
    printf("%ld\n", total);
    close(fd);
    return 0;
}
