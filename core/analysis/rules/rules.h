// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/rules/rule.h"

#include <QString>

#include <vector>

namespace Sockpit::AnalysisRules {

// Local ports held toward one destination (ephemeral-port-pressure).
class PortPressureRule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;

private:
    void reserveListeners(Finding &f, const EphemeralConfig &config, const PortRange &wider);
};

// Listeners whose accept queue fills (accept-queue-overflow, listen-overflows).
class AcceptQueueRule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;
};

// Closing sockets that skip TIME_WAIT because the table is full (time-wait-overflow).
class TimeWaitOverflowRule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;
    // The finding without a severity from the counters, for the kernel log rule too.
    Finding finding();
};

// Retransmitted share of sent segments (retransmissions).
class RetransmissionRule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;
};

// TCP memory above tcp_mem's pressure level (tcp-memory-pressure).
class TcpMemoryRule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;
    Finding finding();

private:
    qint64 physicalPages(Finding &f, const QString &what);
    void proposeTcpMem(Finding &f, const std::vector<qint64> &mem);
};

// Orphaned sockets near tcp_max_orphans (orphans).
class OrphanRule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;

private:
    void proposeMaxOrphans(Finding &f, qint64 orphans, qint64 limit, double fill);
};

// Orphans waiting in FIN_WAIT2 for peers that never close (fin-wait2-orphans).
class FinWait2Rule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;
};

// The connection tracking table filling up (conntrack-fill).
class ConntrackRule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;
    Finding finding();
};

// Keepalive probes that start after a NAT's idle timeout (keepalive-idle-timeout); only
// with AnalysisOptions::idleTimeoutSeconds.
class KeepaliveRule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;
};

// Unprivileged ICMP sockets disabled (ping-group-range).
class PingGroupRule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;
};

// Socket buffers smaller than the given path needs (bandwidth-delay-product).
class BandwidthDelayRule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;

private:
    // Long-fat-network profile: bbr where the kernel has it.
    void proposeCongestionControl(Finding &f);
};

// Kernel log lines that confirm a finding or raise one the figures missed.
class KernelLogRule final : public Rule
{
public:
    using Rule::Rule;
    void run() override;

private:
    Finding *findingWith(const QString &id, const QString &subject = QString());
    void logOnly(const FindingText &title);
};

} // namespace Sockpit::AnalysisRules
