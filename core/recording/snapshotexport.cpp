// SPDX-License-Identifier: GPL-3.0-or-later
#include "recording/snapshotexport.h"

#include <charconv>
#include <span>
#include <string>
#include <tuple>

namespace Sockpit {

namespace {

constexpr SocketState UdpStates[] = {SocketState::Established, SocketState::Close};

std::string_view sourceName(SnapshotSource source)
{
    return source == SnapshotSource::Netlink ? "netlink" : "proc";
}

void writeCounts(JsonWriter &json, const StateCounts &counts, std::span<const SocketState> states)
{
    json.beginObject();
    for (SocketState state : states) {
        const int count = counts[static_cast<size_t>(state)];
        if (count >= 0)
            json.key(stateName(state)).value(count);
    }
    json.endObject();
}

void writeOptional(JsonWriter &json, std::string_view name, qint64 value)
{
    json.key(name);
    if (value < 0)
        json.null();
    else
        json.value(value);
}

std::string destinationAddress(const DestinationUsage &destination)
{
    SocketRecord probe;
    probe.family = destination.family;
    probe.remoteAddress = destination.address;
    char text[64];
    return std::string(text, size_t(probe.formatAddress(text, true)));
}

// RFC 4180: quote a field holding a comma, quote or line break; double inner quotes.
void appendCsvField(std::string &out, std::string_view field)
{
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(field);
        return;
    }
    out.push_back('"');
    for (char c : field) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

void appendNumber(std::string &out, qint64 value)
{
    char digits[24];
    out.append(digits, size_t(std::to_chars(digits, digits + sizeof digits, value).ptr - digits));
}

void appendMs(std::string &out, quint32 microseconds)
{
    char digits[32];
    out.append(digits, size_t(std::to_chars(digits, digits + sizeof digits, microseconds / 1000.0,
                                            std::chars_format::fixed, 3).ptr - digits));
}

// Text outputs go to the sink in chunks of about 1 MiB.
constexpr size_t ChunkSize = 1 << 20;
void flushWhenFull(std::string &out, const TextSink &sink)
{
    if (out.size() > ChunkSize - 512) {
        sink(out);
        out.clear();
    }
}

void padTo(std::string &out, size_t lineStart, size_t column)
{
    const size_t used = out.size() - lineStart;
    out.append(used < column ? column - used : 1, ' ');
}

} // namespace

void writeSnapshotJson(const Snapshot &snapshot, const SnapshotExportOptions &options, JsonWriter &json)
{
    json.beginObject();
    json.key("schema").plainString("sockpit.snapshot/1");
    json.key("taken_at").plainString(isoUtc(snapshot.takenAt()).toStdString());
    json.key("source").plainString(sourceName(snapshot.source()));
    json.key("state_filter").beginArray();
    for (SocketState state : TcpStates) {
        if (snapshot.stateFilter() & stateBit(state))
            json.plainString(stateName(state));
    }
    json.endArray();

    json.key("summary").beginObject();
    // A summary-only snapshot has no dump: only sockstat's TIME_WAIT count is exact. A
    // table refused or lines left out (see "notes") make it incomplete too.
    json.key("complete").value(snapshot.isComplete());
    json.key("tcp");
    writeCounts(json, snapshot.counts(Protocol::Tcp), TcpStates);
    json.key("udp");
    writeCounts(json, snapshot.counts(Protocol::Udp), UdpStates);
    json.endObject();

    const SockStat &s = snapshot.sockStat();
    json.key("sockstat").beginObject();
    writeOptional(json, "sockets_used", s.socketsUsed);
    writeOptional(json, "tcp_inuse", s.tcpInUse);
    writeOptional(json, "tcp6_inuse", s.tcp6InUse);
    writeOptional(json, "time_wait", s.timeWait);
    writeOptional(json, "orphans", s.tcpOrphans);
    writeOptional(json, "tcp_alloc", s.tcpAllocated);
    writeOptional(json, "tcp_mem_pages", s.tcpMemoryPages);
    writeOptional(json, "udp_inuse", s.udpInUse);
    writeOptional(json, "udp6_inuse", s.udp6InUse);
    writeOptional(json, "udp_mem_pages", s.udpMemoryPages);
    json.endObject();

    const EphemeralUsage &e = snapshot.ephemeral();
    json.key("ephemeral").beginObject();
    json.key("range").beginArray().value(e.config.range.low).value(e.config.range.high).endArray();
    json.key("reserved").beginArray();
    for (const PortRange &range : e.config.reserved)
        json.beginArray().value(range.low).value(range.high).endArray();
    json.endArray();
    json.key("unprivileged_port_start").value(e.config.unprivilegedPortStart);
    json.key("usable").value(e.usable);
    writeOptional(json, "in_use", e.inUse);
    writeOptional(json, "distinct_ports", e.distinctPorts);
    writeOptional(json, "time_wait_only_ports", snapshot.isSummaryOnly() ? -1 : e.timeWaitOnlyPorts);
    writeOptional(json, "listeners_in_range", e.listenersInRange);
    json.key("destinations");
    if (snapshot.isSummaryOnly()) {
        json.null();
    } else {
        json.beginArray();
        for (const DestinationUsage &d : e.destinations) {
            json.beginObject();
            json.key("remote").plainString(destinationAddress(d));
            json.key("port").value(d.port);
            json.key("sockets").value(d.sockets);
            json.key("time_wait").value(d.timeWait);
            json.key("share").value(d.share, 6);
            json.endObject();
        }
        json.endArray();
    }
    json.endObject();

    json.key("counters").beginObject();
    for (const Counter &counter : snapshot.counters().counters()) {
        json.key(std::string_view(counter.name.constData(), size_t(counter.name.size()))).beginObject();
        json.key("value").value(counter.value);
        json.key("per_second");
        if (counter.perSecond < 0)
            json.null();
        else
            json.value(counter.perSecond, 3);
        json.endObject();
    }
    json.endObject();

    json.key("notes").beginArray();
    for (const QString &note : snapshot.notes())
        json.value(note);
    json.endArray();

    if (options.sockets) {
        json.key("sockets").beginArray();
        // 100k of these per snapshot: each object is assembled with plain appends into
        // one reused string and handed over whole.
        const OwnerTable &owners = snapshot.owners();
        std::string item;
        item.reserve(512);
        char text[64];
        for (const SocketRecord &socket : snapshot.sockets()) {
            item.assign("{\"proto\":\"").append(protocolName(socket.protocol));
            item.append("\",\"family\":\"").append(familyName(socket.family));
            item.append("\",\"state\":\"").append(stateName(socket.state));
            item.append("\",\"local\":\"").append(text, size_t(socket.formatEndpoint(text, false)));
            item.append("\",\"remote\":\"").append(text, size_t(socket.formatEndpoint(text, true)));
            item.append("\",\"uid\":");
            appendNumber(item, socket.uid);
            item.append(",\"inode\":");
            appendNumber(item, socket.inode);
            const ProcessInfo *process = options.owners && socket.inode ? owners.owner(socket.inode) : nullptr;
            if (process) {
                item.append(",\"pid\":");
                appendNumber(item, process->pid);
                item.append(",\"process\":");
                JsonWriter::appendString(item, process->name.toStdString());
            } else {
                item.append(",\"pid\":null,\"process\":null");
            }
            if (options.owners)
                item.append(",\"owner\":\"").append(ownershipName(owners.ownership(socket))).push_back('"');
            item.append(",\"rtt_ms\":");
            if (socket.hasTcpInfo)
                appendMs(item, socket.rttUs);
            else
                item.append("null");
            item.append(",\"retrans\":");
            appendNumber(item, socket.retransmits);
            item.push_back('}');
            json.newline().rawValue(item);
        }
        json.newline().endArray();
    }
    json.endObject();
    json.newline();
}

void writeSnapshotCsv(const Snapshot &snapshot, const SnapshotExportOptions &options, const TextSink &sink)
{
    std::string out;
    out.reserve(ChunkSize);
    if (!options.sockets) {
        out.append("protocol,state,count\r\n");
        for (auto [protocol, states] : {std::pair{Protocol::Tcp, std::span<const SocketState>(TcpStates)},
                                        std::pair{Protocol::Udp, std::span<const SocketState>(UdpStates)}}) {
            for (SocketState state : states) {
                const int count = snapshot.count(protocol, state);
                if (count < 0)
                    continue;
                out.append(protocolName(protocol)).push_back(',');
                out.append(stateName(state)).push_back(',');
                appendNumber(out, count);
                out.append("\r\n");
            }
        }
        sink(out);
        return;
    }
    out.append("proto,family,state,local_address,local_port,remote_address,remote_port,uid,inode,"
               "pid,process,rtt_ms,retrans\r\n");
    const OwnerTable &owners = snapshot.owners();
    char address[64];
    for (const SocketRecord &socket : snapshot.sockets()) {
        out.append(protocolName(socket.protocol)).push_back(',');
        out.append(familyName(socket.family)).push_back(',');
        out.append(stateName(socket.state)).push_back(',');
        out.append(address, size_t(socket.formatAddress(address, false))).push_back(',');
        appendNumber(out, socket.localPort);
        out.push_back(',');
        out.append(address, size_t(socket.formatAddress(address, true))).push_back(',');
        appendNumber(out, socket.remotePort);
        out.push_back(',');
        appendNumber(out, socket.uid);
        out.push_back(',');
        appendNumber(out, socket.inode);
        out.push_back(',');
        if (const ProcessInfo *process = options.owners && socket.inode ? owners.owner(socket.inode) : nullptr) {
            appendNumber(out, process->pid);
            out.push_back(',');
            appendCsvField(out, process->name.toStdString());
        } else {
            out.push_back(',');
        }
        out.push_back(',');
        if (socket.hasTcpInfo)
            appendMs(out, socket.rttUs);
        out.push_back(',');
        appendNumber(out, socket.retransmits);
        out.append("\r\n");
        flushWhenFull(out, sink);
    }
    sink(out);
}

void writeSnapshotTable(const Snapshot &snapshot, const SnapshotExportOptions &options, const TextSink &sink)
{
    std::string out;
    out.reserve(ChunkSize);
    out.append("Sockets at ").append(isoUtc(snapshot.takenAt()).toStdString()).append(" from ");
    out.append(sourceName(snapshot.source())).append(snapshot.isSummaryOnly() ? " (summary: O(1) sources only)\n" : "\n");
    for (auto [protocol, label, states] :
         {std::tuple{Protocol::Tcp, "TCP", std::span<const SocketState>(TcpStates)},
          std::tuple{Protocol::Udp, "UDP", std::span<const SocketState>(UdpStates)}}) {
        out.append(label).append(": ");
        bool any = false;
        for (SocketState state : states) {
            const int count = snapshot.count(protocol, state);
            if (count <= 0 && !(count == 0 && (state == SocketState::Established || state == SocketState::TimeWait)))
                continue;
            out.append(any ? ", " : "").append(stateName(state)).push_back(' ');
            appendNumber(out, count);
            any = true;
        }
        out.append(any ? "\n" : "not dumped\n");
    }
    const SockStat &s = snapshot.sockStat();
    out.append("sockstat: TIME_WAIT ");
    appendNumber(out, s.timeWait);
    out.append(", orphans ");
    appendNumber(out, s.tcpOrphans);
    out.append(", TCP memory ");
    appendNumber(out, s.tcpMemoryPages);
    out.append(" pages\n");

    const EphemeralUsage &e = snapshot.ephemeral();
    out.append("Ephemeral ports ");
    appendNumber(out, e.config.range.low);
    out.push_back('-');
    appendNumber(out, e.config.range.high);
    out.append(": ");
    appendNumber(out, e.usable);
    out.append(" usable");
    if (e.inUse >= 0) {
        out.append(", ");
        appendNumber(out, e.inUse);
        out.append(" sockets hold one");
    }
    out.push_back('\n');
    int shown = 0;
    for (const DestinationUsage &d : e.destinations) {
        if (++shown > 5)
            break;
        const std::string address = destinationAddress(d);
        out.append("  to ").append(d.family == Family::IPv6 ? "[" + address + "]" : address).push_back(':');
        appendNumber(out, d.port);
        out.append(": ");
        appendNumber(out, d.sockets);
        out.append(" sockets (");
        appendNumber(out, d.timeWait);
        out.append(" TIME_WAIT), ");
        char share[32];
        out.append(share, size_t(std::to_chars(share, share + sizeof share, d.share * 100, std::chars_format::fixed, 2).ptr - share));
        out.append("% of the usable ports\n");
    }
    for (const QString &note : snapshot.notes())
        out.append("note: ").append(note.toStdString()).push_back('\n');

    if (options.sockets) {
        out.append("\nProto State        Local                                         Remote                                        ");
        out.append(options.owners ? "Process\n" : "Inode\n");
        const OwnerTable &owners = snapshot.owners();
        char endpoint[64];
        for (const SocketRecord &socket : snapshot.sockets()) {
            const size_t start = out.size();
            out.append(protocolName(socket.protocol));
            padTo(out, start, 6);
            out.append(stateName(socket.state));
            padTo(out, start, 19);
            out.append(endpoint, size_t(socket.formatEndpoint(endpoint, false)));
            padTo(out, start, 65);
            out.append(endpoint, size_t(socket.formatEndpoint(endpoint, true)));
            padTo(out, start, 111);
            if (options.owners) {
                switch (owners.ownership(socket)) {
                case Ownership::Process: {
                    const ProcessInfo *process = owners.owner(socket.inode);
                    out.append(process->name.toStdString()).append(" (");
                    appendNumber(out, process->pid);
                    out.push_back(')');
                    break;
                }
                case Ownership::Hidden: out.append("hidden (needs root)"); break;
                case Ownership::Kernel: out.append("-"); break;
                }
            } else {
                appendNumber(out, socket.inode);
            }
            out.push_back('\n');
            flushWhenFull(out, sink);
        }
    }
    sink(out);
}

} // namespace Sockpit
