<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SocketFormat</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>Sockpit::MainWindow</name>
    <message>
        <source>Sockpit</source>
        <translation>Sockpit</translation>
    </message>
    <message>
        <source>Source: —</source>
        <translation>数据源：—</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Sample &amp;Now</source>
        <translation>立即采样(&amp;N)</translation>
    </message>
    <message>
        <source>Take one snapshot now, also while paused</source>
        <translation>立即采集一次快照（暂停时也可用）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Sampling</source>
        <translation>采样(&amp;S)</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Source: netlink</source>
        <translation>数据源：netlink</translation>
    </message>
    <message>
        <source>Source: /proc</source>
        <translation>数据源：/proc</translation>
    </message>
    <message>
        <source>%1 (summary only)</source>
        <translation>%1（仅摘要）</translation>
    </message>
    <message>
        <source>Sampling failed: %1</source>
        <translation>采样失败：%1</translation>
    </message>
    <message>
        <source>Every %1 s</source>
        <translation>每 %1 秒</translation>
    </message>
    <message>
        <source>Every %1 ms</source>
        <translation>每 %1 毫秒</translation>
    </message>
    <message>
        <source>● Live</source>
        <translation>● 实时</translation>
    </message>
    <message>
        <source>❚❚ Paused</source>
        <translation>❚❚ 已暂停</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Sample again every interval</source>
        <translation>按采样间隔继续采样</translation>
    </message>
    <message>
        <source>Stop sampling; the last snapshot stays on screen</source>
        <translation>停止采样；最后一次快照保留在屏幕上</translation>
    </message>
    <message>
        <source>No sample yet</source>
        <translation>尚无采样</translation>
    </message>
    <message>
        <source>Sample age %1 s</source>
        <translation>快照已过 %1 秒</translation>
    </message>
    <message>
        <source>Sample age %1 min</source>
        <translation>快照已过 %1 分钟</translation>
    </message>
    <message>
        <source>Could not write the screenshot to %1</source>
        <translation>无法将截图写入 %1</translation>
    </message>
</context>
<context>
    <name>Sockpit::OverviewPage</name>
    <message>
        <source>TCP sockets by state</source>
        <translation>按状态统计的 TCP 套接字</translation>
    </message>
    <message>
        <source>Closed connections waiting 60 s before their port pair may be reused. Many of them toward one destination exhaust ephemeral ports.</source>
        <translation>已关闭的连接需等待 60 秒，其端口对才能被重用。大量指向同一目标的此类连接会耗尽临时端口。</translation>
    </message>
    <message>
        <source>Connections half-open on a listener: a growing number means the accept path is slow or a SYN flood.</source>
        <translation>监听套接字上的半开连接：数量持续增长意味着 accept 处理过慢或遭受 SYN 洪泛。</translation>
    </message>
    <message>
        <source>The peer closed but the local application has not: usually a bug in the application that owns the socket.</source>
        <translation>对端已关闭而本地应用尚未关闭：通常是持有该套接字的应用程序存在缺陷。</translation>
    </message>
    <message>
        <source>UDP sockets</source>
        <translation>UDP 套接字</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Unconnected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Ephemeral ports</source>
        <translation>临时端口</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Usable ports</source>
        <translation>可用端口</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>Top destination</source>
        <translation>最多连接的目标</translation>
    </message>
    <message>
        <source>net.ipv4.ip_local_port_range less ip_local_reserved_ports</source>
        <translation>net.ipv4.ip_local_port_range 减去 ip_local_reserved_ports</translation>
    </message>
    <message>
        <source>TCP sockets other than listeners whose local port lies in the range</source>
        <translation>本地端口位于该范围内的非监听 TCP 套接字</translation>
    </message>
    <message>
        <source>The remote address and port most local ports are spent on. The kernel picks a local port per destination, so exhaustion happens per destination.</source>
        <translation>占用本地端口最多的远端地址和端口。内核按目标分配本地端口，因此端口耗尽是按目标发生的。</translation>
    </message>
    <message>
        <source>TIME_WAIT sockets, last 5 minutes</source>
        <translation>TIME_WAIT 套接字（最近 5 分钟）</translation>
    </message>
    <message>
        <source>sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1 ports</source>
        <translation>%1 个端口</translation>
    </message>
    <message>
        <source>%1 reserved</source>
        <translation>%1 个保留</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 of usable
%2 distinct ports</source>
        <translation>占可用端口的 %1
%2 个不同端口</translation>
    </message>
    <message>
        <source>%1 sockets, %2 in TIME_WAIT
%3 of usable ports</source>
        <translation>%1 个套接字，%2 个处于 TIME_WAIT
占可用端口的 %3</translation>
    </message>
</context>
<context>
    <name>Sockpit::SocketTableModel</name>
    <message>
        <source>hidden (needs root)</source>
        <translation>隐藏（需要 root）</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (pid %2, user %3)
%4</source>
        <translation>%1（pid %2，用户 %3）
%4</translation>
    </message>
    <message>
        <source>The process holding this socket belongs to another user; run Sockpit as root to see it.</source>
        <translation>持有该套接字的进程属于其他用户；以 root 身份运行 Sockpit 才能看到。</translation>
    </message>
    <message>
        <source>No process holds this socket: the kernel keeps it (TIME_WAIT, a pending connection or an orphan).</source>
        <translation>没有进程持有该套接字：由内核维护（TIME_WAIT、待接受的连接或孤儿套接字）。</translation>
    </message>
    <message>
        <source>Smoothed round-trip time %1 ms, variation %2 ms</source>
        <translation>平滑往返时间 %1 毫秒，波动 %2 毫秒</translation>
    </message>
    <message>
        <source>Segments retransmitted over the connection&apos;s lifetime</source>
        <translation>连接生命周期内重传的报文段数</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>地址族</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>远端</translation>
    </message>
    <message>
        <source>UID</source>
        <translation>UID</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>Inode</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>RTT ms</source>
        <translation>RTT 毫秒</translation>
    </message>
    <message>
        <source>Retrans</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>User id owning the socket</source>
        <translation>拥有该套接字的用户 ID</translation>
    </message>
    <message>
        <source>Socket inode; empty for sockets without a file</source>
        <translation>套接字 inode；没有文件的套接字为空</translation>
    </message>
    <message>
        <source>Smoothed round-trip time from tcp_info, in milliseconds</source>
        <translation>来自 tcp_info 的平滑往返时间，单位毫秒</translation>
    </message>
    <message>
        <source>Total retransmitted segments (tcp_info)</source>
        <translation>重传报文段总数（tcp_info）</translation>
    </message>
</context>
<context>
    <name>Sockpit::SocketsPage</name>
    <message>
        <source>Search address, port, state, process, pid…</source>
        <translation>搜索地址、端口、状态、进程、PID…</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>TCP %1</source>
        <translation>TCP %1</translation>
    </message>
    <message>
        <source>UDP connected</source>
        <translation>UDP 已连接</translation>
    </message>
    <message>
        <source>UDP unconnected</source>
        <translation>UDP 未连接</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>%1 of %2 sockets</source>
        <translation>显示 %1 / 共 %2 个套接字</translation>
    </message>
</context>
<context>
    <name>Sockpit::StateChipBar</name>
    <message>
        <source>Show only TCP sockets in %1</source>
        <translation>仅显示处于 %1 的 TCP 套接字</translation>
    </message>
    <message>
        <source>Show only connected UDP sockets</source>
        <translation>仅显示已连接的 UDP 套接字</translation>
    </message>
    <message>
        <source>Show only unconnected UDP sockets</source>
        <translation>仅显示未连接的 UDP 套接字</translation>
    </message>
    <message>
        <source>UDP connected</source>
        <translation>UDP 已连接</translation>
    </message>
    <message>
        <source>UDP unconnected</source>
        <translation>UDP 未连接</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
</context>
<context>
    <name>Sockpit::TrendChart</name>
    <message>
        <source>seconds before now</source>
        <translation>距现在的秒数</translation>
    </message>
</context>
<context>
    <name>StartupOptions</name>
    <message>
        <source>Live socket states, ephemeral ports and TCP counters.</source>
        <translation>实时显示套接字状态、临时端口和 TCP 计数器。</translation>
    </message>
    <message>
        <source>Open on page NAME (%1).</source>
        <translation>启动时打开页面 NAME（%1）。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Save a PNG of the window to FILE after the delay, then quit.</source>
        <translation>延时后将窗口保存为 PNG 文件 FILE，然后退出。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Milliseconds to wait before the screenshot (default %1).</source>
        <translation>截图前等待的毫秒数（默认 %1）。</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>多余的参数：%1</translation>
    </message>
    <message>
        <source>Unknown page &quot;%1&quot;; choose one of: %2.</source>
        <translation>未知页面“%1”；可选：%2。</translation>
    </message>
    <message>
        <source>--screenshot-delay takes milliseconds between 0 and 600000, not &quot;%1&quot;.</source>
        <translation>--screenshot-delay 需要 0 到 600000 之间的毫秒数，而不是“%1”。</translation>
    </message>
</context>
</TS>
