// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/findingtext.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <string_view>
#include <vector>

namespace Sockpit {

enum class Severity : quint8 { Info, Warning, Critical };

std::string_view severityName(Severity severity); // "info", "warning", "critical"

// One number a finding rests on, and where it was read. The rules mark metric, unit and
// worded sources for translation (FindingText::translateWord) but store them in English:
// the metric is also the name JSON and findEvidence() know it by.
struct Evidence
{
    QString metric; // "sockets toward 10.0.0.5:443", "TcpExt.ListenOverflows"
    double value = 0;
    QString unit;   // "sockets", "ports", "per second", "ratio", "bytes", "seconds"
    QString source; // "net/tcp", "TcpExt.ListenOverflows", "sys/net/core/somaxconn", "/dev/kmsg"
};

// A sysctl change, validated against the catalogue before it is proposed.
struct ProposedChange
{
    QString key;     // dotted
    QString value;   // canonical spelling
    QString current; // as read, empty when unknown
};

// What one rule concluded, with the numbers behind it. A plain value.
struct Finding
{
    QString id;      // stable rule name: "ephemeral-port-pressure", "accept-queue-overflow", ...
    QString subject; // what it is about: "127.1.0.1:9000", "port 8080", or empty for the host
    Severity severity = Severity::Info;
    FindingText title;
    std::vector<Evidence> evidence;
    FindingText explanation;
    std::vector<ProposedChange> changes;
    QList<FindingText> caveats;
    QStringList references; // "Documentation/networking/ip-sysctl.rst: ip_local_port_range"

    const Evidence *findEvidence(QStringView metric) const;
    const ProposedChange *findChange(QStringView key) const;
};

} // namespace Sockpit
