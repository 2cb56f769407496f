// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "tuning/tunable.h"

#include <QString>

#include <vector>

namespace Sockpit {

// The sysctl files under a root directory: /proc/sys on the live machine (of the calling
// thread's network namespace), a copied tree in tests and capture bundles.
class SysctlTree
{
public:
    explicit SysctlTree(QString root = QStringLiteral("/proc/sys"));

    const QString &root() const { return m_root; }
    // "net.ipv4.tcp_fin_timeout" -> ROOT/net/ipv4/tcp_fin_timeout. Only for catalogue keys:
    // callers validate keys first, and a key with a slash or ".." never reaches here.
    QString path(const QString &key) const;

    bool exists(const QString &key) const;
    // Whether the key's file grants its owner write permission. The helper writes as root,
    // and root is refused by the mode of a sysctl file as anyone else (proc_sys_permission()
    // in fs/proc/proc_sysctl.c): a child network namespace shows net.core.rmem_max and the
    // conntrack limits 0444. Mode bits rather than access(2), so a copied tree and an
    // unprivileged caller see what root would see.
    bool isWritable(const QString &key) const;
    // Whether the tree is that of the initial network namespace (the host's), not of a
    // container's. Only the initial namespace has net.core.netdev_max_backlog and
    // net.ipv4.tcp_mem: the kernel registers them for init_net alone (net_core_table in
    // net/core/sysctl_net_core.c, ipv4_table in net/ipv4/sysctl_net_ipv4.c).
    bool showsInitialNetworkNamespace() const;
    // The value with the kernel's tabs and newline turned into single spaces. A missing
    // key fails with code ENOENT.
    Result<QString> read(const QString &key) const;
    // Writes VALUE in one write(2), as sysctl(8) does; the kernel's refusal (EINVAL,
    // EPERM, EACCES) comes back as the error code.
    Result<void> write(const QString &key, const QString &value) const;

private:
    QString m_root;
};

// One catalogue entry as the running kernel shows it.
struct CurrentValue
{
    const Tunable *tunable = nullptr;
    bool available = false; // false: the kernel or this network namespace has no such key
    bool writable = false;  // SysctlTree::isWritable; child namespaces show some net.core keys read-only
    QString value;          // canonical spelling
    QString error;          // present but unreadable
};

// Every catalogue entry, in catalogue order. Missing keys are "unavailable", not errors.
std::vector<CurrentValue> readCurrentValues(const SysctlTree &tree);

// The kernel's spelling turned into Sockpit's canonical one (single spaces).
QString canonicalFromKernel(const QByteArray &raw);

} // namespace Sockpit
