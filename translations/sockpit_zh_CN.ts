<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Exporter</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>An image size of %1×%2 pixels is outside 200×150 to 10000×10000.</source>
        <translation>图像尺寸 %1×%2 像素超出 200×150 至 10000×10000 的范围。</translation>
    </message>
    <message>
        <source>Could not write the image to %1</source>
        <translation>无法将图像写入 %1</translation>
    </message>
    <message>
        <source>Could not create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Sockpit report</source>
        <translation>Sockpit 报告</translation>
    </message>
    <message>
        <source>Host: %1</source>
        <translation>主机：%1</translation>
    </message>
    <message>
        <source>Kernel: %1</source>
        <translation>内核：%1</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>生成时间：%1</translation>
    </message>
    <message>
        <source>Time range: %1</source>
        <translation>时间范围：%1</translation>
    </message>
    <message>
        <source>no chart</source>
        <translation>无图表</translation>
    </message>
    <message>
        <source>Key figures:</source>
        <translation>关键指标：</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Findings:</source>
        <translation>发现：</translation>
    </message>
    <message>
        <source>no analysis has run yet</source>
        <translation>尚未运行分析</translation>
    </message>
</context>
<context>
    <name>HelperText</name>
    <message>
        <source>Authentication was dismissed. Nothing was changed.</source>
        <translation>身份验证已被取消。未做任何更改。</translation>
    </message>
    <message>
        <source>The helper could not be started (%1). Nothing was changed.</source>
        <translation>无法启动助手（%1）。未做任何更改。</translation>
    </message>
    <message>
        <source>The helper failed: %1</source>
        <translation>助手出错：%1</translation>
    </message>
    <message>
        <source>The helper refused the request, and nothing was changed: %1</source>
        <translation>助手拒绝了请求，未做任何更改：%1</translation>
    </message>
    <message>
        <source>The helper could not begin, and nothing was changed: %1</source>
        <translation>助手无法开始，未做任何更改：%1</translation>
    </message>
    <message>
        <source>The change failed, and every value written was restored: %1</source>
        <translation>更改失败，已写入的每个值都已恢复：%1</translation>
    </message>
    <message>
        <source>The change failed, and restoring the old values failed too: %1. The values below are what the kernel shows now.</source>
        <translation>更改失败，恢复旧值也失败了：%1。下面是内核当前显示的值。</translation>
    </message>
    <message>
        <source>The helper ended with status &quot;%1&quot; (exit %2): %3</source>
        <translation>助手以状态“%1”结束（退出码 %2）：%3</translation>
    </message>
    <message>
        <source>not read back</source>
        <translation>未回读</translation>
    </message>
    <message>
        <source>could not be read back: %1</source>
        <translation>无法回读：%1</translation>
    </message>
    <message>
        <source>the kernel now shows %1 (verified)</source>
        <translation>内核现在显示 %1（已验证）</translation>
    </message>
    <message>
        <source>the kernel now shows %1, not %2</source>
        <translation>内核现在显示 %1，而不是 %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3; %4</source>
        <translation>%1：%2 → %3；%4</translation>
    </message>
    <message>
        <source>%1: kept %2 (not %3); %4</source>
        <translation>%1：保持 %2（未改为 %3）；%4</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <source>Not authorized: polkit refused, or no authentication agent runs in this session to ask for an administrator&apos;s password. Nothing was changed. A desktop session&apos;s own agent asks; without one, run sockpit-cli apply in a terminal, and pkexec asks for it there.</source>
        <translation>未获授权：polkit 拒绝了请求，或者本会话中没有身份验证代理来询问管理员密码。未做任何更改。桌面会话自带的代理会询问密码；若没有代理，请在终端中运行 sockpit-cli apply，pkexec 会在那里询问密码。</translation>
    </message>
    <message>
        <source>Sockpit&apos;s helper is not installed at %1, so kernel settings can be read here but not changed, and their history cannot be read. To install Sockpit with its helper and polkit policy, run packaging/install in Sockpit&apos;s source tree (it builds the package and installs it with apt), then start the installed sockpit.</source>
        <translation>Sockpit 的助手未安装在 %1，因此这里可以读取内核参数，但不能修改，也无法读取其历史。要安装带助手和 polkit 策略的 Sockpit，请在 Sockpit 的源代码目录中运行 packaging/install（它会构建软件包并用 apt 安装），然后启动已安装的 sockpit。</translation>
    </message>
</context>
<context>
    <name>KeyFigures</name>
    <message>
        <source>no outgoing connections</source>
        <translation>没有出站连接</translation>
    </message>
    <message>
        <source>%1 sockets to one destination</source>
        <translation>%1 个套接字指向同一目标</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1: not known</source>
        <translation>%1：未知</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>TIME_WAIT against usable ports</source>
        <translation>TIME_WAIT 占可用端口比例</translation>
    </message>
    <message>
        <source>Busiest destination&apos;s share of ports</source>
        <translation>最繁忙目标的端口占比</translation>
    </message>
    <message>
        <source>Listen overflows</source>
        <translation>监听队列溢出</translation>
    </message>
    <message>
        <source>Retransmissions</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>%1 of %2 usable ports</source>
        <translation>可用端口 %2 个中的 %1 个</translation>
    </message>
    <message>
        <source>dropped on a full accept queue</source>
        <translation>因 accept 队列满而丢弃</translation>
    </message>
    <message>
        <source>%1 of %2 segments/s</source>
        <translation>每秒 %2 个报文段中的 %1 个</translation>
    </message>
</context>
<context>
    <name>PlanExportDialog</name>
    <message>
        <source>Ansible playbook (*.yml *.yaml)</source>
        <translation>Ansible 剧本 (*.yml *.yaml)</translation>
    </message>
    <message>
        <source>TuneD profile (tuned.conf)</source>
        <translation>TuneD 配置文件 (tuned.conf)</translation>
    </message>
    <message>
        <source>sysctl.d file (*.conf)</source>
        <translation>sysctl.d 文件 (*.conf)</translation>
    </message>
    <message>
        <source>The plan holds no change to export.</source>
        <translation>该计划没有可导出的更改。</translation>
    </message>
    <message>
        <source>Export Plan</source>
        <translation>导出计划</translation>
    </message>
</context>
<context>
    <name>PortSummary</name>
    <message>
        <source>free: bind() on the wildcard address would succeed</source>
        <translation>空闲：在通配地址上 bind() 将会成功</translation>
    </message>
    <message>
        <source>taken: a listener holds it</source>
        <translation>已占用：被监听套接字持有</translation>
    </message>
    <message>
        <source>taken: a socket is bound to it</source>
        <translation>已占用：有套接字绑定在此端口</translation>
    </message>
    <message>
        <source>blocked by TIME_WAIT sockets until they expire</source>
        <translation>被 TIME_WAIT 套接字阻塞，直到它们过期</translation>
    </message>
    <message>
        <source>privileged: below ip_unprivileged_port_start</source>
        <translation>特权端口：低于 ip_unprivileged_port_start</translation>
    </message>
    <message>
        <source>Port %1, TCP: %2</source>
        <translation>端口 %1，TCP：%2</translation>
    </message>
    <message>
        <source>inside the ephemeral range: connect() may hand it out</source>
        <translation>位于临时端口范围内：connect() 可能分配它</translation>
    </message>
    <message>
        <source>reserved (ip_local_reserved_ports)</source>
        <translation>已保留（ip_local_reserved_ports）</translation>
    </message>
    <message>
        <source>privileged</source>
        <translation>特权端口</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1（pid %2）</translation>
    </message>
    <message>
        <source>a process of another user</source>
        <translation>其他用户的进程</translation>
    </message>
    <message>
        <source>the kernel</source>
        <translation>内核</translation>
    </message>
    <message>
        <source>  %1 %2 %3 — %4</source>
        <translation>  %1 %2 %3 — %4</translation>
    </message>
    <message>
        <source>Listeners: %1</source>
        <translation>监听套接字：%1</translation>
    </message>
    <message>
        <source>Other sockets on this local port: %1</source>
        <translation>使用此本地端口的其他套接字：%1</translation>
    </message>
    <message>
        <source>  … and %1 more</source>
        <translation>  ……还有 %1 个</translation>
    </message>
</context>
<context>
    <name>SocketCells</name>
    <message>
        <source>hidden (needs root)</source>
        <translation>隐藏（需要 root）</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
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
    <name>Sockpit::AnalysisRunner</name>
    <message>
        <source>No two samples of every socket %1 s apart to analyse: resume sampling, or take two samples with Sample Now.</source>
        <translation>没有两次相隔 %1 秒、包含全部套接字的采样可供分析：请恢复采样，或用“立即采样”采样两次。</translation>
    </message>
</context>
<context>
    <name>Sockpit::CaptureController</name>
    <message>
        <source>an unnamed host</source>
        <translation>未命名主机</translation>
    </message>
    <message>
        <source>capture of %1 taken at %2</source>
        <translation>%1 的捕获，采集于 %2</translation>
    </message>
    <message>
        <source>Apply is off: these are the values of the %1. Export the plan (Ansible, TuneD or sysctl.d) and apply it there.</source>
        <translation>“应用”已停用：这些是%1中的数值。请导出计划（Ansible、TuneD 或 sysctl.d），并在该服务器上应用。</translation>
    </message>
    <message>
        <source>&amp;Open Capture…</source>
        <translation>打开捕获(&amp;O)…</translation>
    </message>
    <message>
        <source>Show a server&apos;s capture bundle (sockpit-cli capture -o FILE) instead of this machine</source>
        <translation>显示服务器的捕获包（sockpit-cli capture -o FILE），而不是本机</translation>
    </message>
    <message>
        <source>Open Capture</source>
        <translation>打开捕获</translation>
    </message>
    <message>
        <source>Capture bundles (*.json);;All files (*)</source>
        <translation>捕获包 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Close Capture</source>
        <translation>关闭捕获(&amp;C)</translation>
    </message>
    <message>
        <source>Return to this machine&apos;s live figures</source>
        <translation>返回本机的实时数据</translation>
    </message>
    <message>
        <source>%1 cannot be opened.</source>
        <translation>无法打开 %1。</translation>
    </message>
</context>
<context>
    <name>Sockpit::Catalogue</name>
    <message>
        <source>The range connect() picks local ports from when the application does not bind one. Widen it when a client host runs out of ephemeral ports (connect() fails with EADDRNOTAVAIL, many sockets in TIME_WAIT towards the same destination).</source>
        <translation>应用程序未自行 bind 本地端口时，connect() 从这个范围里挑选本地端口。客户端主机耗尽临时端口时（connect() 报 EADDRNOTAVAIL，大量指向同一目的地址的套接字处于 TIME_WAIT），应扩大此范围。</translation>
    </message>
    <message>
        <source>Ports inside the range can be taken by outgoing connections just before a server wants to listen on them; reserve such ports with ip_local_reserved_ports.</source>
        <translation>范围内的端口可能恰好在服务端要监听之前被出站连接占用；这类端口应通过 ip_local_reserved_ports 预留。</translation>
    </message>
    <message>
        <source>The low end must be at least ip_unprivileged_port_start.</source>
        <translation>下限不得小于 ip_unprivileged_port_start。</translation>
    </message>
    <message>
        <source>Ports inside the ephemeral range that connect() must never pick automatically, such as a server port that lies inside ip_local_port_range.</source>
        <translation>临时端口范围内 connect() 绝不能自动选用的端口，例如落在 ip_local_port_range 之内的服务端口。</translation>
    </message>
    <message>
        <source>Every reserved port shrinks the ephemeral range for outgoing connections.</source>
        <translation>每预留一个端口，出站连接可用的临时端口就少一个。</translation>
    </message>
    <message>
        <source>Lets an outgoing connection reuse a local port still in TIME_WAIT when TCP timestamps prove the new connection cannot be confused with the old one. 0 disables, 1 enables for all traffic, 2 (the default) for loopback only. Enable it on client hosts that exhaust ports through TIME_WAIT; it needs tcp_timestamps.</source>
        <translation>当 TCP 时间戳能证明新连接不会与旧连接混淆时，允许出站连接复用仍处于 TIME_WAIT 的本地端口。0 为禁用，1 对所有流量启用，2（默认）仅对回环启用。客户端主机因 TIME_WAIT 耗尽端口时应启用；它依赖 tcp_timestamps。</translation>
    </message>
    <message>
        <source>Only affects outgoing connections and needs timestamps on both ends; it does nothing for a server&apos;s TIME_WAIT sockets.</source>
        <translation>只影响出站连接，且需要两端都启用时间戳；对服务端的 TIME_WAIT 套接字毫无作用。</translation>
    </message>
    <message>
        <source>Value 2 (loopback only) added and made the default; it was 0 before.</source>
        <translation>新增取值 2（仅回环）并设为默认值；此前默认为 0。</translation>
    </message>
    <message>
        <source>How long an orphaned connection stays in FIN_WAIT_2 before the kernel drops it. Lower it when many orphaned sockets sit in FIN_WAIT_2. It does not change how long TIME_WAIT lasts (fixed at 60 seconds in the kernel).</source>
        <translation>孤儿连接在 FIN_WAIT_2 状态停留多久后被内核丢弃。大量孤儿套接字滞留在 FIN_WAIT_2 时可调低。它不改变 TIME_WAIT 的时长（内核中固定为 60 秒）。</translation>
    </message>
    <message>
        <source>Too low a value aborts connections whose peer is slow to close its side.</source>
        <translation>取值过低会中断对端关闭较慢的连接。</translation>
    </message>
    <message>
        <source>The most TIME_WAIT sockets the kernel keeps at once; beyond it new ones are destroyed immediately and TCPTimeWaitOverflow counts them. Raise it when that counter grows.</source>
        <translation>内核同时保留的 TIME_WAIT 套接字上限；超出后新的 TIME_WAIT 套接字会被立即销毁，并计入 TCPTimeWaitOverflow。该计数器增长时应调高。</translation>
    </message>
    <message>
        <source>Lowering it to make TIME_WAIT go away removes the protection TIME_WAIT gives against delayed segments of an old connection.</source>
        <translation>为消除 TIME_WAIT 而调低此值，会失去 TIME_WAIT 对旧连接迟到报文段的防护。</translation>
    </message>
    <message>
        <source>The most half-open connection requests (SYN_RECV) a listener remembers. Raise it together with somaxconn on servers that drop SYNs under load.</source>
        <translation>监听套接字可记住的半连接请求（SYN_RECV）上限。服务器在高负载下丢弃 SYN 时，应与 somaxconn 一同调高。</translation>
    </message>
    <message>
        <source>A larger queue uses more memory during a SYN flood; keep tcp_syncookies enabled.</source>
        <translation>队列越大，遭遇 SYN 洪泛时占用的内存越多；请保持 tcp_syncookies 启用。</translation>
    </message>
    <message>
        <source>Answers SYNs with cookies when the SYN queue overflows (1, the default) or always (2), so a SYN flood cannot fill the queue. Keep it at 1.</source>
        <translation>在 SYN 队列溢出时（1，默认）或始终（2）用 cookie 应答 SYN，使 SYN 洪泛无法填满队列。请保持为 1。</translation>
    </message>
    <message>
        <source>0 leaves servers open to SYN floods; 2 disables TCP options such as window scaling for every connection and is meant for testing.</source>
        <translation>0 会让服务器暴露于 SYN 洪泛之下；2 会对所有连接禁用窗口缩放等 TCP 选项，仅用于测试。</translation>
    </message>
    <message>
        <source>How many times connect() retransmits an unanswered SYN before it fails. The default of 6 waits about 127 seconds; lower it so clients fail over faster.</source>
        <translation>connect() 在失败前重传未获应答的 SYN 的次数。默认值 6 约等待 127 秒；调低可让客户端更快故障切换。</translation>
    </message>
    <message>
        <source>Too low a value makes connections over lossy links fail needlessly.</source>
        <translation>取值过低会让经过丢包链路的连接无谓地失败。</translation>
    </message>
    <message>
        <source>How many times a listener retransmits its SYN-ACK to a client that does not answer.</source>
        <translation>监听端向未应答的客户端重传 SYN-ACK 的次数。</translation>
    </message>
    <message>
        <source>Lower values drop slow clients; higher values keep half-open connections longer during a SYN flood.</source>
        <translation>调低会丢掉响应慢的客户端；调高则在 SYN 洪泛期间让半连接保留得更久。</translation>
    </message>
    <message>
        <source>How many retransmissions an established connection survives before the kernel gives up on the peer. Lower it so dead peers are noticed in minutes rather than 15.</source>
        <translation>已建立的连接在内核放弃对端之前可承受的重传次数。调低后可在几分钟内发现失效的对端，而不是 15 分钟。</translation>
    </message>
    <message>
        <source>Values below 8 break RFC 1122&apos;s 100-second minimum and abort connections that a short outage would have survived.</source>
        <translation>低于 8 会违反 RFC 1122 规定的至少 100 秒，并中断本可挺过短暂中断的连接。</translation>
    </message>
    <message>
        <source>Idle time before the first keepalive probe on sockets that enabled SO_KEEPALIVE. Lower it below the idle timeout of NAT gateways and firewalls on the path.</source>
        <translation>启用了 SO_KEEPALIVE 的套接字在发送第一个保活探测前的空闲时间。应调低到路径上 NAT 网关和防火墙的空闲超时以下。</translation>
    </message>
    <message>
        <source>Very low values send probes on every idle connection of the host.</source>
        <translation>取值极低时，主机上每条空闲连接都会发送探测。</translation>
    </message>
    <message>
        <source>Time between unanswered keepalive probes.</source>
        <translation>未获应答的保活探测之间的间隔。</translation>
    </message>
    <message>
        <source>Short intervals with few probes declare peers dead during brief outages.</source>
        <translation>间隔短且探测次数少时，短暂中断就会让对端被判定为失效。</translation>
    </message>
    <message>
        <source>Unanswered keepalive probes before the connection is declared dead.</source>
        <translation>连接被判定为失效前允许的未应答保活探测次数。</translation>
    </message>
    <message>
        <source>Too few probes drop connections on lossy links.</source>
        <translation>探测次数过少会在丢包链路上断开连接。</translation>
    </message>
    <message>
        <source>Receive buffer per TCP socket: minimum under memory pressure, initial size, and the most autotuning may grow it to. Raise the maximum for long fat networks (bandwidth x round-trip time above 6 MB).</source>
        <translation>每个 TCP 套接字的接收缓冲区：内存压力下的最小值、初始大小，以及自动调优可增长到的上限。在长肥网络（带宽 x 往返时间超过 6 MB）上应调高上限。</translation>
    </message>
    <message>
        <source>Large maxima let many connections pin a lot of memory.</source>
        <translation>上限过大时，大量连接会占住很多内存。</translation>
    </message>
    <message>
        <source>Send buffer per TCP socket: minimum, initial size, and the most autotuning may grow it to. Raise the maximum for bulk senders on long fat networks.</source>
        <translation>每个 TCP 套接字的发送缓冲区：最小值、初始大小，以及自动调优可增长到的上限。长肥网络上的批量发送方应调高上限。</translation>
    </message>
    <message>
        <source>Large send buffers add queueing delay (bufferbloat) unless tcp_notsent_lowat is set.</source>
        <translation>除非设置了 tcp_notsent_lowat，过大的发送缓冲区会增加排队时延（缓冲膨胀）。</translation>
    </message>
    <message>
        <source>Memory all TCP sockets together may use for their buffers, in pages: below MIN the kernel does not limit TCP; above PRESSURE it shrinks socket buffers; at MAX it refuses new buffer memory (&quot;TCP: out of memory -- consider tuning tcp_mem&quot; in the kernel log). Raise it when /proc/net/sockstat&apos;s TCP mem reaches the pressure level on a host that has memory to spare.</source>
        <translation>所有 TCP 套接字的缓冲区合计可用的内存，单位为页：低于 MIN 时内核不限制 TCP；高于 PRESSURE 时内核收缩套接字缓冲区；达到 MAX 时拒绝分配新的缓冲区内存（内核日志中出现 &quot;TCP: out of memory -- consider tuning tcp_mem&quot;）。当 /proc/net/sockstat 中的 TCP mem 达到压力值、而主机尚有富余内存时应调高。</translation>
    </message>
    <message>
        <source>This memory is unswappable kernel memory: a MAX near the host&apos;s physical memory lets TCP buffers starve applications and the page cache, up to the OOM killer. The values are pages (usually 4 KiB), not bytes.</source>
        <translation>这部分是不可换出的内核内存：MAX 接近主机物理内存时，TCP 缓冲区会挤占应用程序和页缓存，甚至触发 OOM killer。取值单位是页（通常为 4 KiB），不是字节。</translation>
    </message>
    <message>
        <source>The most orphaned TCP sockets (closed by the application, connection still closing) the kernel keeps; beyond it they are reset at once and &quot;too many orphaned sockets&quot; is logged. Raise it when /proc/net/sockstat&apos;s orphan count nears the limit and the host has memory to spare.</source>
        <translation>内核保留的孤儿 TCP 套接字（应用程序已关闭、连接仍在关闭中）上限；超出后会被立即重置，并记录 &quot;too many orphaned sockets&quot;。当 /proc/net/sockstat 中的 orphan 数接近上限、且主机尚有富余内存时应调高。</translation>
    </message>
    <message>
        <source>Each orphan may hold up to about 64 KiB of unswappable memory (ip-sysctl.rst); a high limit lets a flood of half-closed connections pin that much. Lowering it only makes the kernel reset connections earlier.</source>
        <translation>每个孤儿套接字最多可占用约 64 KiB 不可换出的内存（ip-sysctl.rst）；上限过高时，大量半关闭连接会占住同样多的内存。调低它只会让内核更早重置连接。</translation>
    </message>
    <message>
        <source>The largest receive buffer an application may ask for with SO_RCVBUF. Raise it for UDP receivers that drop datagrams (RcvbufErrors).</source>
        <translation>应用程序通过 SO_RCVBUF 可申请的最大接收缓冲区。UDP 接收方丢弃数据报（RcvbufErrors）时应调高。</translation>
    </message>
    <message>
        <source>Applies to every socket type; large values let unprivileged programs pin memory.</source>
        <translation>对所有类型的套接字生效；取值过大会让非特权程序占住内存。</translation>
    </message>
    <message>
        <source>The largest send buffer an application may ask for with SO_SNDBUF.</source>
        <translation>应用程序通过 SO_SNDBUF 可申请的最大发送缓冲区。</translation>
    </message>
    <message>
        <source>The receive buffer of sockets other than TCP (UDP, raw, netlink) when the application does not set one.</source>
        <translation>应用程序未设置时，TCP 以外的套接字（UDP、raw、netlink）使用的接收缓冲区大小。</translation>
    </message>
    <message>
        <source>Multiplied by every such socket on the host.</source>
        <translation>主机上每个这类套接字都会占用这么多。</translation>
    </message>
    <message>
        <source>The send buffer of sockets other than TCP when the application does not set one.</source>
        <translation>应用程序未设置时，TCP 以外的套接字使用的发送缓冲区大小。</translation>
    </message>
    <message>
        <source>How much not-yet-sent data a TCP socket may queue before poll() stops reporting it writable. A value such as 131072 cuts latency for interactive streams over large send buffers.</source>
        <translation>TCP 套接字可排队的尚未发送数据量，超过后 poll() 不再报告其可写。在发送缓冲区很大时，设为 131072 之类的值可降低交互式数据流的时延。</translation>
    </message>
    <message>
        <source>Too small a value makes bulk senders wake up far more often.</source>
        <translation>取值过小会让批量发送方频繁得多地被唤醒。</translation>
    </message>
    <message>
        <source>The congestion control algorithm new connections use. bbr often helps on long, lossy paths; cubic is the default. Inside a container (any network namespace but the host&apos;s) only the algorithms in tcp_allowed_congestion_control can be chosen.</source>
        <translation>新连接使用的拥塞控制算法。在长距离、有丢包的路径上 bbr 往往更好；cubic 是默认值。在容器内（主机以外的任何网络命名空间）只能选择 tcp_allowed_congestion_control 中列出的算法。</translation>
    </message>
    <message>
        <source>Affects every new TCP connection of the namespace; bbr with the default qdisc before 4.13 needs fq for pacing.</source>
        <translation>影响该命名空间内所有新建 TCP 连接；4.13 之前的内核上，bbr 搭配默认 qdisc 时需要 fq 来实现 pacing。</translation>
    </message>
    <message>
        <source>cubic replaced bic as the default.</source>
        <translation>cubic 取代 bic 成为默认值。</translation>
    </message>
    <message>
        <source>The queueing discipline attached to network devices created from now on. fq_codel fights bufferbloat; fq paces bbr flows.</source>
        <translation>此后新建的网络设备所挂载的排队规则（qdisc）。fq_codel 可抑制缓冲膨胀；fq 为 bbr 流提供 pacing。</translation>
    </message>
    <message>
        <source>Existing devices keep their qdisc until they are recreated or reconfigured with tc.</source>
        <translation>已有设备保持原来的 qdisc，直到被重新创建或用 tc 重新配置。</translation>
    </message>
    <message>
        <source>Whether a connection that was idle for a retransmission timeout starts again from a small congestion window. Turn it off for long-lived connections that send in bursts (HTTP/2, database connections).</source>
        <translation>空闲超过一个重传超时的连接是否从较小的拥塞窗口重新开始。对突发发送的长连接（HTTP/2、数据库连接）应关闭。</translation>
    </message>
    <message>
        <source>Off lets an idle connection send a full window into a path whose capacity may have changed.</source>
        <translation>关闭后，空闲连接会向容量可能已变化的路径一次发出整个窗口。</translation>
    </message>
    <message>
        <source>Packetization-layer path MTU discovery: 1 starts probing once an ICMP black hole is detected (connections that hang after the handshake), 2 always probes.</source>
        <translation>分组层路径 MTU 发现（PLPMTUD）：1 在检测到 ICMP 黑洞（握手后卡住的连接）后开始探测，2 始终探测。</translation>
    </message>
    <message>
        <source>2 starts every connection from tcp_base_mss, which costs throughput at the start.</source>
        <translation>2 会让每个连接都从 tcp_base_mss 起步，连接初期吞吐量会受损。</translation>
    </message>
    <message>
        <source>TCP Fast Open: 1 lets clients send data in the SYN, 2 lets servers accept it, 3 both. Saves a round trip for repeated short connections.</source>
        <translation>TCP Fast Open：1 允许客户端在 SYN 中携带数据，2 允许服务端接受这类数据，3 两者皆可。可为反复建立的短连接节省一个往返。</translation>
    </message>
    <message>
        <source>Data in a SYN may be replayed; only idempotent requests should use it. Some middleboxes drop such SYNs.</source>
        <translation>SYN 中的数据可能被重放；只有幂等请求才应使用。某些中间设备会丢弃这类 SYN。</translation>
    </message>
    <message>
        <source>Client support enabled by default (value 1).</source>
        <translation>默认启用客户端支持（值为 1）。</translation>
    </message>
    <message>
        <source>RFC 1323 timestamps: round-trip measurement and protection against wrapped sequence numbers. tcp_tw_reuse needs them; keep the default of 1.</source>
        <translation>RFC 1323 时间戳：用于测量往返时间，并防止序列号回绕。tcp_tw_reuse 依赖它；请保持默认值 1。</translation>
    </message>
    <message>
        <source>0 disables tcp_tw_reuse and PAWS; 2 lets observers estimate the host&apos;s uptime.</source>
        <translation>0 会使 tcp_tw_reuse 和 PAWS 失效；2 会让旁观者能推算出主机的运行时长。</translation>
    </message>
    <message>
        <source>Value 2 added; 1 now uses a random offset per connection.</source>
        <translation>新增取值 2；1 改为每个连接使用随机偏移。</translation>
    </message>
    <message>
        <source>Groups whose members may create unprivileged ICMP (ping) sockets. &quot;0 2147483647&quot; lets every user ping without a setuid binary or capabilities; &quot;1 0&quot; lets nobody. Other pairs with LOW above HIGH are refused: the kernel would store them as &quot;1 0&quot;.</source>
        <translation>其成员可创建非特权 ICMP（ping）套接字的组。&quot;0 2147483647&quot; 让所有用户无需 setuid 程序或 capabilities 即可 ping；&quot;1 0&quot; 表示任何人都不行。其他 LOW 大于 HIGH 的取值会被拒绝：内核会把它们存为 &quot;1 0&quot;。</translation>
    </message>
    <message>
        <source>Widens what unprivileged users can send; &quot;1 0&quot; means nobody.</source>
        <translation>扩大了非特权用户能发送的内容；&quot;1 0&quot; 表示任何人都不行。</translation>
    </message>
    <message>
        <source>The ceiling for the backlog an application passes to listen(). Raise it when ListenOverflows grows and the server asks for a larger backlog.</source>
        <translation>应用程序传给 listen() 的 backlog 的上限。ListenOverflows 增长且服务器请求了更大的 backlog 时应调高。</translation>
    </message>
    <message>
        <source>Only helps if the application also asks for the larger backlog.</source>
        <translation>只有应用程序也请求更大的 backlog 时才有效。</translation>
    </message>
    <message>
        <source>Default raised from 128 to 4096.</source>
        <translation>默认值从 128 提高到 4096。</translation>
    </message>
    <message>
        <source>Packets queued per CPU between the network driver and the protocol stack. Raise it when the second column of /proc/net/softnet_stat (drops) grows.</source>
        <translation>每个 CPU 上在网卡驱动和协议栈之间排队的数据包数。/proc/net/softnet_stat 第二列（丢弃数）增长时应调高。</translation>
    </message>
    <message>
        <source>A longer queue adds latency under load.</source>
        <translation>队列越长，高负载下的时延越大。</translation>
    </message>
    <message>
        <source>The most connections netfilter tracks at once; when the table is full new connections are dropped (&quot;nf_conntrack: table full&quot; in the kernel log).</source>
        <translation>netfilter 同时跟踪的连接数上限；表满时新连接会被丢弃（内核日志中出现 &quot;nf_conntrack: table full&quot;）。</translation>
    </message>
    <message>
        <source>Each entry costs about 300 bytes of kernel memory.</source>
        <translation>每个条目约占 300 字节内核内存。</translation>
    </message>
    <message>
        <source>Fast recycling of TIME_WAIT sockets, removed from the kernel.</source>
        <translation>TIME_WAIT 套接字的快速回收，已从内核中移除。</translation>
    </message>
    <message>
        <source>Dropped connections from clients behind NAT; never offered.</source>
        <translation>会丢弃来自 NAT 后客户端的连接；Sockpit 从不提供此项。</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>connections</source>
        <translation>个连接</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>个条目</translation>
    </message>
    <message>
        <source>group IDs</source>
        <translation>组 ID</translation>
    </message>
    <message>
        <source>packets</source>
        <translation>个数据包</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>页</translation>
    </message>
    <message>
        <source>ports</source>
        <translation>个端口</translation>
    </message>
    <message>
        <source>probes</source>
        <translation>次探测</translation>
    </message>
    <message>
        <source>retransmissions</source>
        <translation>次重传</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>from %1 to %2%3</source>
        <translation>%1 至 %2%3</translation>
    </message>
    <message>
        <source>a decimal integer made of the bits 0x%1</source>
        <translation>由 0x%1 中的位组成的十进制整数</translation>
    </message>
    <message>
        <source>an integer %1</source>
        <translation>整数，%1</translation>
    </message>
    <message>
        <source>two integers &quot;LOW HIGH&quot;, each %1, LOW not above HIGH, or &quot;%2&quot; for none</source>
        <translation>两个整数 &quot;LOW HIGH&quot;，各为 %1，LOW 不大于 HIGH；或用 &quot;%2&quot; 表示无</translation>
    </message>
    <message>
        <source>two integers &quot;LOW HIGH&quot;, each %1, LOW not above HIGH</source>
        <translation>两个整数 &quot;LOW HIGH&quot;，各为 %1，LOW 不大于 HIGH</translation>
    </message>
    <message>
        <source>three integers &quot;%1&quot;, each %2, in that order</source>
        <translation>三个整数 &quot;%1&quot;，按此顺序，各为 %2</translation>
    </message>
    <message>
        <source>0 or 1</source>
        <translation>0 或 1</translation>
    </message>
    <message>
        <source>a name the kernel lists (it lists none here)</source>
        <translation>内核所列的名称（此处内核一个也未列出）</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>以下之一：%1</translation>
    </message>
    <message>
        <source>a comma-separated list of ports or ranges PORT-PORT, each %1, or empty</source>
        <translation>以逗号分隔的端口或端口范围（PORT-PORT）列表，各为 %1；也可为空</translation>
    </message>
</context>
<context>
    <name>Sockpit::ChangeWizard</name>
    <message>
        <source>Change %1</source>
        <translation>修改 %1</translation>
    </message>
    <message>
        <source>Current value:</source>
        <translation>当前值：</translation>
    </message>
    <message>
        <source>Kernel default:</source>
        <translation>内核默认值：</translation>
    </message>
    <message>
        <source>Allowed:</source>
        <translation>允许的值：</translation>
    </message>
    <message>
        <source>Risks:</source>
        <translation>风险：</translation>
    </message>
    <message>
        <source>&amp;New value:</source>
        <translation>新值(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Keep after a reboot (write %1)</source>
        <translation>重启后保留（写入 %1）(&amp;K)</translation>
    </message>
    <message>
        <source>Review the change</source>
        <translation>检查更改</translation>
    </message>
    <message>
        <source>Applying asks polkit for an administrator&apos;s password, then the helper checks the value again, writes it, reads it back and restores the old value if anything fails.</source>
        <translation>应用时 polkit 会要求输入管理员密码，随后助手再次检查该值、写入并回读；任何一步失败都会恢复旧值。</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>更改：</translation>
    </message>
    <message>
        <source>Kept after a reboot:</source>
        <translation>重启后保留：</translation>
    </message>
    <message>
        <source>What it does not fix:</source>
        <translation>它解决不了的问题：</translation>
    </message>
    <message>
        <source>sysctl.d file:</source>
        <translation>sysctl.d 文件：</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>&amp;Roll Back</source>
        <translation>回滚(&amp;R)</translation>
    </message>
    <message>
        <source>Restore the values from before this change, through the helper</source>
        <translation>通过助手恢复此次更改之前的值</translation>
    </message>
    <message>
        <source>%1 is the current value; enter the value you want instead.</source>
        <translation>%1 就是当前值；请输入您想要的值。</translation>
    </message>
    <message>
        <source>Yes: also written to %1, so it holds after a reboot; the file&apos;s previous content is kept as %2.</source>
        <translation>是：同时写入 %1，重启后仍然生效；文件原有内容保存为 %2。</translation>
    </message>
    <message>
        <source>No: the kernel&apos;s own value returns at the next boot.</source>
        <translation>否：下次启动时恢复内核自己的值。</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source># The current file could not be read (%1); the helper reads it itself.
</source>
        <translation># 无法读取当前文件（%1）；助手会自行读取。
</translation>
    </message>
    <message>
        <source>Applying… polkit may ask for an administrator&apos;s password.</source>
        <translation>正在应用…… polkit 可能会要求输入管理员密码。</translation>
    </message>
    <message>
        <source>Applied and persisted (transaction %1).</source>
        <translation>已应用并持久保存（事务 %1）。</translation>
    </message>
    <message>
        <source>Applied (transaction %1); not persisted.</source>
        <translation>已应用（事务 %1）；未持久保存。</translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>Rolling back transaction %1…</source>
        <translation>正在回滚事务 %1……</translation>
    </message>
    <message>
        <source>Rolled back: transaction %1 restored the values from before transaction %2.</source>
        <translation>已回滚：事务 %1 恢复了事务 %2 之前的值。</translation>
    </message>
    <message>
        <source>Rolling back failed: %1</source>
        <translation>回滚失败：%1</translation>
    </message>
    <message>
        <source>Proposed by the finding “%1”. Check it against this machine before you apply it.</source>
        <translation>由分析结论“%1”提出。应用前请对照本机情况核实。</translation>
    </message>
    <message>
        <source>E&amp;xport Plan…</source>
        <translation>导出计划(&amp;X)…</translation>
    </message>
    <message>
        <source>Write this plan as an Ansible playbook, a TuneD profile or a sysctl.d file, to apply on other hosts</source>
        <translation>将此计划写成 Ansible 剧本、TuneD 配置文件或 sysctl.d 文件，以便在其他主机上应用</translation>
    </message>
</context>
<context>
    <name>Sockpit::CounterTableModel</name>
    <message>
        <source>Segments sent again because no acknowledgement came in time. Against OutSegs it gives the retransmission rate: above 1% a path is losing packets.</source>
        <translation>因未及时收到确认而重新发送的报文段。与 OutSegs 相比即为重传率：超过 1% 说明路径在丢包。</translation>
    </message>
    <message>
        <source>Segments sent, retransmissions included: the base of the retransmission rate.</source>
        <translation>已发送的报文段（含重传）：重传率的基数。</translation>
    </message>
    <message>
        <source>Connections this host opened (connect()); each takes an ephemeral port.</source>
        <translation>本机主动建立的连接（connect()）；每个占用一个临时端口。</translation>
    </message>
    <message>
        <source>Connections this host accepted on its listeners.</source>
        <translation>本机监听套接字接受的连接。</translation>
    </message>
    <message>
        <source>Connections in ESTABLISHED or CLOSE_WAIT now (a gauge, not a counter).</source>
        <translation>当前处于 ESTABLISHED 或 CLOSE_WAIT 的连接（瞬时值，不是累计计数器）。</translation>
    </message>
    <message>
        <source>Connection attempts that failed: reset or timed out while opening.</source>
        <translation>失败的连接尝试：建立过程中被重置或超时。</translation>
    </message>
    <message>
        <source>Established connections that ended with a reset.</source>
        <translation>以重置结束的已建立连接。</translation>
    </message>
    <message>
        <source>Connections dropped because a listener&apos;s accept queue was full: the application accepts too slowly or its backlog (and net.core.somaxconn) is too small.</source>
        <translation>因监听套接字的 accept 队列已满而丢弃的连接：应用程序 accept 太慢，或其 backlog（以及 net.core.somaxconn）太小。</translation>
    </message>
    <message>
        <source>Every connection request a listener dropped, overflows included.</source>
        <translation>监听套接字丢弃的所有连接请求，包括溢出。</translation>
    </message>
    <message>
        <source>Connections closed without TIME_WAIT because net.ipv4.tcp_max_tw_buckets was reached.</source>
        <translation>因达到 net.ipv4.tcp_max_tw_buckets 而未经 TIME_WAIT 直接关闭的连接。</translation>
    </message>
    <message>
        <source>TIME_WAIT sockets reused early for a new connection (net.ipv4.tcp_tw_reuse).</source>
        <translation>被提前复用于新连接的 TIME_WAIT 套接字（net.ipv4.tcp_tw_reuse）。</translation>
    </message>
    <message>
        <source>TIME_WAIT sockets that ran their full 60 seconds.</source>
        <translation>完整等待了 60 秒的 TIME_WAIT 套接字。</translation>
    </message>
    <message>
        <source>Connections given up after too many retransmissions or keepalive probes.</source>
        <translation>因重传或保活探测次数过多而放弃的连接。</translation>
    </message>
    <message>
        <source>Connections reset because the application closed them with unread data.</source>
        <translation>因应用程序在有未读数据时关闭而被重置的连接。</translation>
    </message>
    <message>
        <source>SYN cookies sent because a listener&apos;s SYN queue was full: a SYN flood or a slow accept path.</source>
        <translation>因监听套接字的 SYN 队列已满而发送的 SYN cookie：SYN 洪泛或 accept 路径过慢。</translation>
    </message>
    <message>
        <source>Connection requests dropped because the SYN queue was full and SYN cookies were off.</source>
        <translation>因 SYN 队列已满且 SYN cookie 已关闭而丢弃的连接请求。</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>计数器</translation>
    </message>
    <message>
        <source>Per second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>Total since boot</source>
        <translation>开机以来总计</translation>
    </message>
</context>
<context>
    <name>Sockpit::CountersPage</name>
    <message>
        <source>Kernel counter rates</source>
        <translation>内核计数器速率</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>事件/秒</translation>
    </message>
    <message>
        <source>Retransmitted segments</source>
        <translation>重传报文段</translation>
    </message>
    <message>
        <source>Listen overflows</source>
        <translation>监听队列溢出</translation>
    </message>
    <message>
        <source>TIME_WAIT overflows</source>
        <translation>TIME_WAIT 溢出</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>计数器</translation>
    </message>
</context>
<context>
    <name>Sockpit::CredentialStore</name>
    <message>
        <source>The system keychain is not available: credentials cannot be kept.</source>
        <translation>系统密钥环不可用：无法保存凭据。</translation>
    </message>
    <message>
        <source>This build of Sockpit has no keychain support: credentials cannot be kept.</source>
        <translation>此 Sockpit 版本未包含密钥环支持：无法保存凭据。</translation>
    </message>
</context>
<context>
    <name>Sockpit::CredentialsDialog</name>
    <message>
        <source>Credentials for %1</source>
        <translation>%1 的凭据</translation>
    </message>
    <message>
        <source>Reading the system keychain…</source>
        <translation>正在读取系统密钥环…</translation>
    </message>
    <message>
        <source>&amp;None</source>
        <translation>无(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Bearer token</source>
        <translation>Bearer 令牌(&amp;B)</translation>
    </message>
    <message>
        <source>Basic &amp;authentication (user and password)</source>
        <translation>Basic 认证（用户名和密码）(&amp;A)</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer 令牌</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in Sockpit&apos;s settings file, and sent only to this target in the Authorization header.</source>
        <translation>保存在系统密钥环中，绝不写入 Sockpit 的设置文件，且只在 Authorization 请求头中发送给此目标。</translation>
    </message>
    <message>
        <source>%1 is probed without credentials.</source>
        <translation>%1 将在不带凭据的情况下探测。</translation>
    </message>
    <message>
        <source>A bearer token is stored for this target. Type it again to change it.</source>
        <translation>此目标已保存 Bearer 令牌。如需更改，请重新输入。</translation>
    </message>
    <message>
        <source>Basic authentication as %1 is stored for this target. Type the password again to change it.</source>
        <translation>此目标已保存用户 %1 的 Basic 认证。如需更改，请重新输入密码。</translation>
    </message>
    <message>
        <source>No credentials are stored for this target.</source>
        <translation>此目标未保存凭据。</translation>
    </message>
    <message>
        <source>Enter the token.</source>
        <translation>请输入令牌。</translation>
    </message>
    <message>
        <source>A bearer token has only letters, digits and - . _ ~ + /, and may end in =.</source>
        <translation>Bearer 令牌只能包含字母、数字和 - . _ ~ + /，末尾可以有 =。</translation>
    </message>
    <message>
        <source>Enter the user.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>The user cannot contain a colon.</source>
        <translation>用户名不能包含冒号。</translation>
    </message>
    <message>
        <source>The user and the password cannot contain control characters.</source>
        <translation>用户名和密码不能包含控制字符。</translation>
    </message>
</context>
<context>
    <name>Sockpit::DestinationTableModel</name>
    <message>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>TIME_WAIT</source>
        <translation>TIME_WAIT</translation>
    </message>
    <message>
        <source>Share of ports</source>
        <translation>端口占比</translation>
    </message>
    <message>
        <source>TCP sockets toward this destination holding a local port in the ephemeral range</source>
        <translation>指向该目标、占用临时端口范围内本地端口的 TCP 套接字</translation>
    </message>
    <message>
        <source>Sockets toward this destination against usable ephemeral ports: at 100% connect() fails with EADDRNOTAVAIL</source>
        <translation>指向该目标的套接字占可用临时端口的比例：达到 100% 时 connect() 以 EADDRNOTAVAIL 失败</translation>
    </message>
    <message>
        <source>collecting history</source>
        <translation>正在收集历史数据</translation>
    </message>
    <message>
        <source>not growing</source>
        <translation>未在增长</translation>
    </message>
    <message>
        <source>exhausted now</source>
        <translation>现已耗尽</translation>
    </message>
    <message numerus="yes">
        <source>full in %n s</source>
        <translation>
            <numerusform>%n 秒后耗尽</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>full in %n min</source>
        <translation>
            <numerusform>%n 分钟后耗尽</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>full in %n h</source>
        <translation>
            <numerusform>%n 小时后耗尽</numerusform>
        </translation>
    </message>
    <message>
        <source>more than two days</source>
        <translation>超过两天</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>When the destination holds every usable port if its socket count keeps growing as it did over the last five minutes (least-squares trend)</source>
        <translation>如果该目标的套接字数按最近五分钟的趋势（最小二乘拟合）继续增长，何时会占满所有可用端口</translation>
    </message>
</context>
<context>
    <name>Sockpit::EphemeralBar</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>Sockpit::Finding</name>
    <message>
        <source>Accept queue of %1 (pid %2, %3) is %4 % full: %5 of %6</source>
        <translation>%1（pid %2，%3）的 accept 队列已满 %4 %：%6 中的 %5</translation>
    </message>
    <message>
        <source>Accept queue of %1 is %2 % full: %3 of %4</source>
        <translation>%1 的 accept 队列已满 %2 %：%4 中的 %3</translation>
    </message>
    <message>
        <source>port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>connections</source>
        <translation>个连接</translation>
    </message>
    <message>
        <source>backlog</source>
        <translation>backlog</translation>
    </message>
    <message>
        <source>fill</source>
        <translation>填充率</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>owner_pid</source>
        <translation>所属进程 pid</translation>
    </message>
    <message>
        <source>pid</source>
        <translation>pid</translation>
    </message>
    <message>
        <source>somaxconn</source>
        <translation>somaxconn</translation>
    </message>
    <message>
        <source>listen_overflows_per_s</source>
        <translation>每秒监听队列溢出</translation>
    </message>
    <message>
        <source>per second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>listen_drops_per_s</source>
        <translation>每秒监听丢弃</translation>
    </message>
    <message>
        <source>Connections that finished the handshake wait in the accept queue until the application calls accept(). When it is full the kernel drops the final ACK or the SYN and counts ListenOverflows; clients see delays of a second or more (SYN retransmission).</source>
        <translation>完成握手的连接在 accept 队列中等待，直到应用程序调用 accept()。队列满时，内核丢弃最后的 ACK 或 SYN 并计入 ListenOverflows；客户端会看到一秒或更长的延迟（SYN 重传）。</translation>
    </message>
    <message>
        <source>The backlog is capped by somaxconn (%1). A larger somaxconn does nothing until the application passes a larger backlog to listen().</source>
        <translation>backlog 受 somaxconn（%1）限制。在应用程序向 listen() 传入更大的 backlog 之前，调大 somaxconn 不起作用。</translation>
    </message>
    <message>
        <source>The application asked listen() for a backlog of %1, below somaxconn: raise it in the application (or accept faster); a larger somaxconn does nothing until the application passes a larger backlog to listen().</source>
        <translation>应用程序向 listen() 请求的 backlog 为 %1，低于 somaxconn：请在应用程序中调大它（或更快地 accept）；在应用程序向 listen() 传入更大的 backlog 之前，调大 somaxconn 不起作用。</translation>
    </message>
    <message>
        <source>Accept queues overflowed %1 times per second, but none is full now</source>
        <translation>accept 队列每秒溢出 %1 次，但当前没有已满的队列</translation>
    </message>
    <message>
        <source>A listener&apos;s queue filled between the two takes and has drained since: bursts longer than the application&apos;s accept rate. Sample again during a burst to name the listener.</source>
        <translation>某个监听套接字的队列在两次采样之间被填满，之后又已排空：突发流量超过了应用程序的 accept 速度。请在突发期间再次采样，以找出是哪个监听套接字。</translation>
    </message>
    <message>
        <source>Socket buffers are smaller than the path needs: BDP %1 bytes, buffers need %2</source>
        <translation>套接字缓冲区小于路径所需：BDP 为 %1 字节，缓冲区需要 %2</translation>
    </message>
    <message>
        <source>bandwidth_mbit</source>
        <translation>带宽</translation>
    </message>
    <message>
        <source>Mbit/s</source>
        <translation>Mbit/s</translation>
    </message>
    <message>
        <source>given</source>
        <translation>给定值</translation>
    </message>
    <message>
        <source>rtt_ms</source>
        <translation>RTT</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>bdp_bytes</source>
        <translation>BDP</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>bandwidth x RTT</source>
        <translation>带宽 x RTT</translation>
    </message>
    <message>
        <source>needed_buffer_bytes</source>
        <translation>所需缓冲区</translation>
    </message>
    <message>
        <source>tcp_rmem_max</source>
        <translation>tcp_rmem 最大值</translation>
    </message>
    <message>
        <source>tcp_wmem_max</source>
        <translation>tcp_wmem 最大值</translation>
    </message>
    <message>
        <source>rmem_max</source>
        <translation>rmem_max</translation>
    </message>
    <message>
        <source>wmem_max</source>
        <translation>wmem_max</translation>
    </message>
    <message>
        <source>A TCP connection can have at most one window in flight; to fill a path it needs a window of bandwidth x RTT. Autotuning grows buffers up to the third field of tcp_rmem / tcp_wmem; applications that set SO_RCVBUF or SO_SNDBUF are capped by rmem_max / wmem_max instead.</source>
        <translation>一个 TCP 连接在途的数据最多为一个窗口；要填满一条路径，窗口需达到 带宽 x RTT。自动调节最多把缓冲区增大到 tcp_rmem / tcp_wmem 的第三个字段；设置了 SO_RCVBUF 或 SO_SNDBUF 的应用程序则受 rmem_max / wmem_max 限制。</translation>
    </message>
    <message>
        <source>rmem_max / wmem_max are below the need too; they matter only for applications that set their buffer sizes (long-fat-network profile proposes them).</source>
        <translation>rmem_max / wmem_max 也低于所需；它们只影响自行设置缓冲区大小的应用程序（长肥网络配置方案会建议修改它们）。</translation>
    </message>
    <message>
        <source>Larger maximums cost memory only for connections that use them; a latency-sensitive host may prefer smaller buffers over full throughput.</source>
        <translation>更大的上限只会让用到它的连接占用更多内存；对延迟敏感的主机可能宁愿用较小的缓冲区，而不追求满吞吐量。</translation>
    </message>
    <message>
        <source>The connection tracking table is filling up</source>
        <translation>连接跟踪表正在被填满</translation>
    </message>
    <message>
        <source>nf_conntrack_count</source>
        <translation>nf_conntrack_count</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>个条目</translation>
    </message>
    <message>
        <source>nf_conntrack_max</source>
        <translation>nf_conntrack_max</translation>
    </message>
    <message>
        <source>The connection tracking table is %1 % full: %2 of %3</source>
        <translation>连接跟踪表已满 %1 %：%3 中的 %2</translation>
    </message>
    <message>
        <source>Each entry costs about 300 bytes of kernel memory; raise nf_conntrack_buckets too for lookups to stay fast.</source>
        <translation>每个条目约占 300 字节内核内存；同时调大 nf_conntrack_buckets，以保持查找速度。</translation>
    </message>
    <message>
        <source>When the table is full, netfilter drops the first packet of every new flow (&quot;nf_conntrack: table full, dropping packet&quot;).</source>
        <translation>表满时，netfilter 会丢弃每个新流的第一个数据包（“nf_conntrack: table full, dropping packet”）。</translation>
    </message>
    <message>
        <source>kernel_log_lines</source>
        <translation>内核日志行数</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>行</translation>
    </message>
    <message>
        <source>The kernel log reports TIME_WAIT bucket table overflows</source>
        <translation>内核日志报告 TIME_WAIT 桶表溢出</translation>
    </message>
    <message>
        <source>The kernel reported possible SYN flooding on port %1</source>
        <translation>内核报告端口 %1 上可能存在 SYN 洪泛</translation>
    </message>
    <message>
        <source>The listener&apos;s SYN queue (tcp_max_syn_backlog) or accept queue overflowed; with tcp_syncookies the kernel answered with cookies. Either a flood or a server that accepts too slowly.</source>
        <translation>监听套接字的 SYN 队列（tcp_max_syn_backlog）或 accept 队列溢出；启用 tcp_syncookies 时内核以 cookie 应答。原因要么是洪泛攻击，要么是服务器 accept 太慢。</translation>
    </message>
    <message>
        <source>Check the listener&apos;s backlog while the load lasts; a larger somaxconn does nothing until the application passes a larger backlog to listen().</source>
        <translation>请在负载持续期间检查该监听套接字的 backlog；在应用程序向 listen() 传入更大的 backlog 之前，调大 somaxconn 不起作用。</translation>
    </message>
    <message>
        <source>The kernel log reports a full connection tracking table</source>
        <translation>内核日志报告连接跟踪表已满</translation>
    </message>
    <message>
        <source>The kernel log reports TCP running out of memory</source>
        <translation>内核日志报告 TCP 内存不足</translation>
    </message>
    <message>
        <source>Only the kernel log shows this; the current figures do not, so no change is proposed. Capture again while the problem happens.</source>
        <translation>只有内核日志显示了这一问题，当前数据并未体现，因此不建议任何更改。请在问题发生时再次采集。</translation>
    </message>
    <message>
        <source>%1 orphaned sockets, %2 % of tcp_max_orphans</source>
        <translation>%1 个孤儿套接字，占 tcp_max_orphans 的 %2 %</translation>
    </message>
    <message>
        <source>orphans</source>
        <translation>孤儿套接字</translation>
    </message>
    <message>
        <source>sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>tcp_max_orphans</source>
        <translation>tcp_max_orphans</translation>
    </message>
    <message>
        <source>fin_wait2_orphans</source>
        <translation>FIN_WAIT2 孤儿套接字</translation>
    </message>
    <message>
        <source>Orphans are sockets the application closed whose connection is still closing. At tcp_max_orphans the kernel resets them (&quot;too many orphaned sockets&quot;).</source>
        <translation>孤儿套接字是应用程序已关闭、但连接仍在关闭过程中的套接字。达到 tcp_max_orphans 时，内核会重置它们（“too many orphaned sockets”）。</translation>
    </message>
    <message>
        <source>A shorter tcp_fin_timeout aborts connections whose peer is slow to close; it does not shorten TIME_WAIT.</source>
        <translation>更短的 tcp_fin_timeout 会中止对端关闭缓慢的连接；它不会缩短 TIME_WAIT。</translation>
    </message>
    <message>
        <source>tcp_max_orphans is not raised below %1 % of the limit (orphan_fill_critical); find why sockets linger in closing states first.</source>
        <translation>低于上限的 %1 %（orphan_fill_critical）时不调大 tcp_max_orphans；请先查明套接字为何滞留在关闭状态。</translation>
    </message>
    <message>
        <source>Available memory is unknown (the capture holds no meminfo with MemAvailable), so no tcp_max_orphans is proposed.</source>
        <translation>可用内存未知（采集中没有含 MemAvailable 的 meminfo），因此不建议 tcp_max_orphans 的值。</translation>
    </message>
    <message>
        <source>mem_available_kib</source>
        <translation>可用内存</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>TCP memory is above tcp_mem&apos;s pressure level (%1 of %2 pages): more orphans would only deepen it, so tcp_max_orphans is not raised.</source>
        <translation>TCP 内存已超过 tcp_mem 的压力阈值（%2 页中的 %1 页）：更多孤儿套接字只会加重压力，因此不调大 tcp_max_orphans。</translation>
    </message>
    <message>
        <source>Memory does not allow a larger tcp_max_orphans: at up to 64 KiB each, half of MemAvailable (%1 KiB) holds only %2 more orphans.</source>
        <translation>内存不允许更大的 tcp_max_orphans：每个最多 64 KiB，MemAvailable 的一半（%1 KiB）只能再容纳 %2 个孤儿套接字。</translation>
    </message>
    <message>
        <source>At worst %1 orphans hold %2 MiB of unswappable memory (64 KiB each); MemAvailable is %3 MiB. Raising the limit buys time: find why connections stay in closing states (peers that never answer FIN, tcp_fin_timeout).</source>
        <translation>最坏情况下 %1 个孤儿套接字占用 %2 MiB 不可换出的内存（每个 64 KiB）；MemAvailable 为 %3 MiB。调大上限只能争取时间：请查明连接为何停留在关闭状态（对端从不应答 FIN、tcp_fin_timeout）。</translation>
    </message>
    <message>
        <source>Unprivileged ICMP (ping) sockets are disabled</source>
        <translation>非特权 ICMP（ping）套接字已被禁用</translation>
    </message>
    <message>
        <source>ping_group_low</source>
        <translation>ping_group_range 下限</translation>
    </message>
    <message>
        <source>gid</source>
        <translation>gid</translation>
    </message>
    <message>
        <source>ping_group_high</source>
        <translation>ping_group_range 上限</translation>
    </message>
    <message>
        <source>ping_group_range &quot;%1 %2&quot; (low above high) lets no group create ICMP sockets, so ICMP probes need root or CAP_NET_RAW.</source>
        <translation>ping_group_range 为“%1 %2”（下限高于上限），任何组都不能创建 ICMP 套接字，因此 ICMP 探测需要 root 或 CAP_NET_RAW。</translation>
    </message>
    <message>
        <source>Every local user may then send ICMP echo requests.</source>
        <translation>之后每个本地用户都可以发送 ICMP 回显请求。</translation>
    </message>
    <message>
        <source>Ephemeral ports toward %1: %2 of %3 usable ports held (%4 %)</source>
        <translation>指向 %1 的临时端口：已占用 %3 个可用端口中的 %2 个（%4 %）</translation>
    </message>
    <message>
        <source>usable_ports</source>
        <translation>可用端口</translation>
    </message>
    <message>
        <source>ports</source>
        <translation>个端口</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>time_wait</source>
        <translation>TIME_WAIT</translation>
    </message>
    <message>
        <source>time_wait_share</source>
        <translation>TIME_WAIT 占比</translation>
    </message>
    <message>
        <source>active_opens_per_s</source>
        <translation>每秒主动建立连接</translation>
    </message>
    <message>
        <source>destination_opens_per_s</source>
        <translation>每秒向该目标建立连接</translation>
    </message>
    <message>
        <source>Tcp.ActiveOpens x this destination&apos;s share of outgoing sockets</source>
        <translation>Tcp.ActiveOpens x 该目标在出站套接字中的占比</translation>
    </message>
    <message>
        <source>steady_state_sockets</source>
        <translation>稳态套接字数</translation>
    </message>
    <message>
        <source>destination_opens_per_s x 60 s + sockets not in TIME_WAIT</source>
        <translation>每秒向该目标建立连接 x 60 秒 + 不处于 TIME_WAIT 的套接字</translation>
    </message>
    <message>
        <source>growth_per_s</source>
        <translation>每秒增长</translation>
    </message>
    <message>
        <source>sockets toward it, change between the two takes</source>
        <translation>指向它的套接字在两次采样之间的变化</translation>
    </message>
    <message>
        <source>seconds_to_exhaustion</source>
        <translation>距耗尽秒数</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>The kernel picks a free local port per destination (remote address and port). Every socket toward %1 holds one, including those in TIME_WAIT, which stay 60 s (TCP_TIMEWAIT_LEN) after an active close. By Little&apos;s law the TIME_WAIT count settles at closes per second x 60 s; when that reaches the usable range, connect() fails with EADDRNOTAVAIL.</source>
        <translation>内核按目标（远端地址和端口）挑选空闲的本地端口。每个指向 %1 的套接字都占用一个，包括处于 TIME_WAIT 的套接字，它们在主动关闭后会保留 60 秒（TCP_TIMEWAIT_LEN）。根据利特尔法则，TIME_WAIT 数量稳定在 每秒关闭数 x 60 秒；当它达到可用范围时，connect() 以 EADDRNOTAVAIL 失败。</translation>
    </message>
    <message>
        <source>tcp_tw_reuse helps only outgoing connections (it lets connect() reuse a TIME_WAIT port) and needs tcp_timestamps on both ends.</source>
        <translation>tcp_tw_reuse 只对出站连接有帮助（它让 connect() 复用处于 TIME_WAIT 的端口），并且需要两端都启用 tcp_timestamps。</translation>
    </message>
    <message>
        <source>tcp_tw_reuse is not proposed for the busy-server profile: it changes nothing for connections this host accepts.</source>
        <translation>繁忙服务器配置方案不建议 tcp_tw_reuse：它对本机接受的连接没有任何作用。</translation>
    </message>
    <message>
        <source>No sysctl change would help here: spread connections over more destination addresses or ports, or reuse them (keep-alive, pooling).</source>
        <translation>这里没有 sysctl 更改能起作用：请把连接分散到更多目标地址或端口，或复用连接（keep-alive、连接池）。</translation>
    </message>
    <message>
        <source>The wider range %1-%2 holds ports services listen on: %3; they are added to ip_local_reserved_ports so connect() never takes them.</source>
        <translation>更宽的范围 %1-%2 包含服务正在监听的端口：%3；它们会被加入 ip_local_reserved_ports，使 connect() 永远不会占用它们。</translation>
    </message>
    <message>
        <source>Listening ports %1 lie inside the wider range and are already in ip_local_reserved_ports.</source>
        <translation>监听端口 %1 位于更宽的范围内，且已在 ip_local_reserved_ports 中。</translation>
    </message>
    <message>
        <source>No service listens inside the wider range %1-%2 now; a service started later on such a port must be added to ip_local_reserved_ports.</source>
        <translation>目前没有服务监听在更宽的范围 %1-%2 内；以后在此类端口上启动的服务必须加入 ip_local_reserved_ports。</translation>
    </message>
    <message>
        <source>%1 % of sent TCP segments are retransmissions</source>
        <translation>已发送的 TCP 报文段中有 %1 % 是重传</translation>
    </message>
    <message>
        <source>retrans_segs_per_s</source>
        <translation>每秒重传报文段</translation>
    </message>
    <message>
        <source>out_segs_per_s</source>
        <translation>每秒发送报文段</translation>
    </message>
    <message>
        <source>retrans_ratio</source>
        <translation>重传率</translation>
    </message>
    <message>
        <source>Segments are lost on a path (or on this host&apos;s queues) and sent again; throughput falls roughly with the square root of the loss rate. No sysctl fixes loss: probe the peers (sockpit-cli probe) to find the path.</source>
        <translation>报文段在某条路径上（或本机队列中）丢失后被重新发送；吞吐量大致随丢包率的平方根下降。没有 sysctl 能修复丢包：请探测对端（sockpit-cli probe）以找出是哪条路径。</translation>
    </message>
    <message>
        <source>TCP memory is under pressure</source>
        <translation>TCP 内存处于压力状态</translation>
    </message>
    <message>
        <source>tcp_memory_pages</source>
        <translation>TCP 内存页数</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>页</translation>
    </message>
    <message>
        <source>tcp_mem_pressure</source>
        <translation>tcp_mem 压力阈值</translation>
    </message>
    <message>
        <source>tcp_mem_max</source>
        <translation>tcp_mem 最大值</translation>
    </message>
    <message>
        <source>TCP memory is under pressure: %1 pages in use, pressure at %2, limit %3</source>
        <translation>TCP 内存处于压力状态：已用 %1 页，压力阈值 %2，上限 %3</translation>
    </message>
    <message>
        <source>Above tcp_mem&apos;s pressure level the kernel shrinks socket buffers; at the maximum it refuses new buffer memory (&quot;TCP: out of memory&quot;). Find the sockets with large queues first (sockpit-cli snapshot).</source>
        <translation>超过 tcp_mem 的压力阈值后，内核会缩小套接字缓冲区；达到最大值时拒绝分配新的缓冲区内存（“TCP: out of memory”）。请先找出队列很大的套接字（sockpit-cli snapshot）。</translation>
    </message>
    <message>
        <source>Physical memory is unknown (the capture holds no meminfo), so no %1 is proposed.</source>
        <translation>物理内存未知（采集中没有 meminfo），因此不建议 %1 的值。</translation>
    </message>
    <message>
        <source>mem_total_pages</source>
        <translation>物理内存页数</translation>
    </message>
    <message>
        <source>tcp_mem&apos;s maximum (%1 pages) already reaches a quarter of physical memory (%2 of %3 pages): no larger tcp_mem is proposed; reduce what the sockets hold instead.</source>
        <translation>tcp_mem 的最大值（%1 页）已达到物理内存的四分之一（%3 页中的 %2 页）：不建议更大的 tcp_mem；请改为减少套接字占用的内存。</translation>
    </message>
    <message>
        <source>Sized from the measured use: PRESSURE = 1.5 x %1 pages in use, MIN and MAX in the kernel&apos;s boot ratio 3 : 4 : 6; no field is lowered.</source>
        <translation>按实测用量确定：PRESSURE = 1.5 x 已用 %1 页，MIN 和 MAX 按内核启动时的比例 3 : 4 : 6；不降低任何字段。</translation>
    </message>
    <message>
        <source>MAX is bounded by a quarter of physical memory (%1 of %2 pages); TCP may still reach it under this load.</source>
        <translation>MAX 以物理内存的四分之一为界（%2 页中的 %1 页）；在当前负载下 TCP 仍可能达到它。</translation>
    </message>
    <message>
        <source>tcp_mem counts pages of unswappable kernel memory: a larger maximum lets socket buffers take memory from applications. If the use keeps growing, a reader that does not keep up or a leak of sockets is the cause, not the limit.</source>
        <translation>tcp_mem 计量的是不可换出的内核内存页：更大的最大值会让套接字缓冲区从应用程序手中夺走内存。如果用量持续增长，原因在于读取跟不上的程序或套接字泄漏，而不是上限。</translation>
    </message>
    <message>
        <source>time_wait_overflows_per_s</source>
        <translation>每秒 TIME_WAIT 溢出</translation>
    </message>
    <message>
        <source>The TIME_WAIT table is full: closing sockets skip TIME_WAIT</source>
        <translation>TIME_WAIT 表已满：正在关闭的套接字跳过了 TIME_WAIT</translation>
    </message>
    <message>
        <source>tcp_max_tw_buckets</source>
        <translation>tcp_max_tw_buckets</translation>
    </message>
    <message>
        <source>Beyond tcp_max_tw_buckets the kernel destroys a closing socket at once instead of keeping it in TIME_WAIT, and counts TCPTimeWaitOverflow; late segments of the old connection can then corrupt a new one.</source>
        <translation>超过 tcp_max_tw_buckets 后，内核会立即销毁正在关闭的套接字，而不是让它保持 TIME_WAIT，并计入 TCPTimeWaitOverflow；旧连接迟到的报文段随后可能破坏新连接。</translation>
    </message>
    <message>
        <source>Each TIME_WAIT socket costs a few hundred bytes of kernel memory; never lower the limit to make TIME_WAIT go away.</source>
        <translation>每个 TIME_WAIT 套接字占用几百字节内核内存；切勿为了让 TIME_WAIT 消失而降低此上限。</translation>
    </message>
    <message>
        <source>%1 closed connections wait in FIN_WAIT2 for peers that do not close</source>
        <translation>%1 个已关闭的连接停留在 FIN_WAIT2，等待不关闭连接的对端</translation>
    </message>
    <message>
        <source>tcp_fin_timeout</source>
        <translation>tcp_fin_timeout</translation>
    </message>
    <message>
        <source>These sockets were closed by their application and have had their FIN acknowledged, but the peer never closes its side. The kernel keeps each one, with its local port, for tcp_fin_timeout seconds before it aborts it.</source>
        <translation>这些套接字已被其应用程序关闭，发出的 FIN 也已被确认，但对端始终不关闭自己一侧。内核会将每个套接字连同其本地端口保留 tcp_fin_timeout 秒，然后才中止它。</translation>
    </message>
    <message>
        <source>tcp_fin_timeout is already 30 seconds or less; the peers that keep their half open (CLOSE_WAIT on their side) are where this is fixed.</source>
        <translation>tcp_fin_timeout 已是 30 秒或更短；应在那些保持半开连接的对端（其一侧处于 CLOSE_WAIT）上解决此问题。</translation>
    </message>
    <message>
        <source>bbr is not among this kernel&apos;s congestion control algorithms (%1), so %2 stays; after modprobe tcp_bbr it would be proposed.</source>
        <translation>bbr 不在此内核的拥塞控制算法列表中（%1），因此保持 %2；执行 modprobe tcp_bbr 后会建议使用它。</translation>
    </message>
    <message>
        <source>Keepalive probes start after %1 s idle, but the NAT or firewall forgets a flow after %2 s</source>
        <translation>保活探测在空闲 %1 秒后才开始，但 NAT 或防火墙在 %2 秒后就会遗忘该连接</translation>
    </message>
    <message>
        <source>tcp_keepalive_time</source>
        <translation>tcp_keepalive_time</translation>
    </message>
    <message>
        <source>idle_timeout</source>
        <translation>空闲超时</translation>
    </message>
    <message>
        <source>tcp_keepalive_intvl</source>
        <translation>tcp_keepalive_intvl</translation>
    </message>
    <message>
        <source>tcp_keepalive_probes</source>
        <translation>tcp_keepalive_probes</translation>
    </message>
    <message>
        <source>probes</source>
        <translation>次探测</translation>
    </message>
    <message>
        <source>established</source>
        <translation>已建立连接</translation>
    </message>
    <message>
        <source>keepalive_sockets</source>
        <translation>启用保活的套接字</translation>
    </message>
    <message>
        <source>ESTABLISHED with a keepalive timer</source>
        <translation>带保活定时器的 ESTABLISHED 套接字</translation>
    </message>
    <message>
        <source>A NAT gateway or stateful firewall drops a flow that stays idle longer than its timeout; the next segment then vanishes or draws a reset. A keepalive probe is traffic that keeps the flow alive, so the first one must be sent before the timeout runs out.</source>
        <translation>NAT 网关或有状态防火墙会丢弃空闲时间超过其超时的连接；之后的下一个报文段要么石沉大海，要么招来一个重置（RST）。保活探测本身就是让连接保持存活的流量，因此第一次探测必须在超时到期之前发出。</translation>
    </message>
    <message>
        <source>Keepalive only helps applications that set SO_KEEPALIVE: %1 of %2 established sockets have a keepalive timer now. Applications that set TCP_KEEPIDLE, TCP_KEEPINTVL or TCP_KEEPCNT themselves keep their own values.</source>
        <translation>保活只对设置了 SO_KEEPALIVE 的应用程序有效：目前 %2 个已建立的套接字中有 %1 个带保活定时器。自行设置 TCP_KEEPIDLE、TCP_KEEPINTVL 或 TCP_KEEPCNT 的应用程序仍使用它们自己的值。</translation>
    </message>
    <message>
        <source>Connections open now keep the probe time they were given until their keepalive timer next fires (up to %1 s from now); new connections use the new values at once.</source>
        <translation>现有连接会沿用已分配的探测时间，直到其保活定时器下次触发（最长从现在起 %1 秒）；新连接立即使用新值。</translation>
    </message>
    <message>
        <source>A dead idle peer is then noticed after %1 s (tcp_keepalive_time + tcp_keepalive_intvl × tcp_keepalive_probes), and every idle SO_KEEPALIVE connection sends a small probe every %2 s.</source>
        <translation>之后，空闲且已失效的对端会在 %1 秒后被发现（tcp_keepalive_time + tcp_keepalive_intvl × tcp_keepalive_probes），每个空闲的 SO_KEEPALIVE 连接每 %2 秒发送一个小探测包。</translation>
    </message>
    <message>
        <source>timeout_aborts_per_s</source>
        <translation>每秒超时中止数</translation>
    </message>
    <message>
        <source>tcp_retries2</source>
        <translation>tcp_retries2</translation>
    </message>
    <message>
        <source>retransmissions</source>
        <translation>次重传</translation>
    </message>
    <message>
        <source>tcp_retries2 = %1 keeps retransmitting to a vanished peer for about %2 s; %3 gives up after about %4 s, RFC 1122&apos;s minimum of 100 s. An outage longer than that now aborts connections it would have survived.</source>
        <translation>tcp_retries2 = %1 时，对已消失的对端会持续重传约 %2 秒；设为 %3 则约 %4 秒后放弃，即 RFC 1122 要求的最少 100 秒。此后，超过这一时长的中断会中止原本能挺过去的连接。</translation>
    </message>
    <message>
        <source>default_qdisc applies to devices created from now on; for one that exists already: tc qdisc replace dev DEV root fq.</source>
        <translation>default_qdisc 只对此后创建的设备生效；对已有设备请执行：tc qdisc replace dev DEV root fq。</translation>
    </message>
    <message>
        <source>This kernel has no sch_fq (its module tree lists %1), so default_qdisc stays %2; bbr paces its flows itself without it.</source>
        <translation>此内核没有 sch_fq（其模块树列出的是 %1），因此 default_qdisc 保持为 %2；没有它时 bbr 会自行为其流量定速（pacing）。</translation>
    </message>
    <message>
        <source>net.core.default_qdisc is %1: fq would pace bbr&apos;s flows on devices created from now on, but whether this kernel has sch_fq is unknown (no module tree for it under /lib/modules), so it is not proposed. Try it on one device first: tc qdisc replace dev DEV root fq.</source>
        <translation>net.core.default_qdisc 为 %1：fq 会为此后创建的设备上的 bbr 流量定速（pacing），但无法确定此内核是否有 sch_fq（/lib/modules 下没有它的模块树），因此不提出此项。请先在一个设备上试用：tc qdisc replace dev DEV root fq。</translation>
    </message>
</context>
<context>
    <name>Sockpit::FindingsModel</name>
    <message>
        <source>Analysing this machine…</source>
        <translation>正在分析本机……</translation>
    </message>
    <message>
        <source>ephemeral ports per destination, accept queues, TIME_WAIT bucket overflows, TCP memory, orphans, conntrack and ping_group_range</source>
        <translation>各目标的临时端口、accept 队列、TIME_WAIT 桶溢出、TCP 内存、孤儿套接字、conntrack 和 ping_group_range</translation>
    </message>
    <message>
        <source>ephemeral ports per destination, accept queues and listen overflows, TIME_WAIT bucket overflows, retransmissions, TCP memory, orphans, conntrack and ping_group_range over %1 s</source>
        <translation>%1 秒内各目标的临时端口、accept 队列与监听溢出、TIME_WAIT 桶溢出、重传、TCP 内存、孤儿套接字、conntrack 和 ping_group_range</translation>
    </message>
    <message>
        <source>Nothing needs attention: checked %1.</source>
        <translation>没有需要关注的问题：已检查%1。</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s).</source>
        <translation>
            <numerusform>%n 条分析结论。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kernel log read: %n relevant line(s).</source>
        <translation>
            <numerusform>已读取内核日志：%n 行相关记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Kernel log not read (%1); its messages are not part of this analysis.</source>
        <translation>未读取内核日志（%1）；本次分析不包含其中的消息。</translation>
    </message>
    <message>
        <source>A change waits for the next analysis to confirm it.</source>
        <translation>有变化正等待下一次分析确认。</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>    proposed: %1 = %2 (now %3)</source>
        <translation>    建议：%1 = %2（当前 %3）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>Sockpit::FindingsPanel</name>
    <message>
        <source>&amp;Analyse Now</source>
        <translation>立即分析(&amp;A)</translation>
    </message>
    <message>
        <source>Analysing…</source>
        <translation>分析中……</translation>
    </message>
    <message>
        <source>The analysis failed: %1</source>
        <translation>分析失败：%1</translation>
    </message>
    <message>
        <source>Choose a finding to see why it matters.</source>
        <translation>选择一条结论，查看它为何重要。</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>%1 = %2 (now %3)</source>
        <translation>%1 = %2（当前为 %3）</translation>
    </message>
    <message>
        <source>Review in Tuning…</source>
        <translation>在调优页中检查……</translation>
    </message>
    <message>
        <source>Open the change wizard with this value filled in; nothing changes until you apply it</source>
        <translation>打开已填好此值的修改向导；在您应用之前不会做任何更改</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>证据：</translation>
    </message>
    <message>
        <source>No change is proposed: none of Sockpit&apos;s settings would address this evidence.</source>
        <translation>未提出更改：Sockpit 的参数都无法解决这一证据所示的问题。</translation>
    </message>
    <message>
        <source>Caveats:</source>
        <translation>注意事项：</translation>
    </message>
    <message>
        <source>References:</source>
        <translation>参考资料：</translation>
    </message>
    <message>
        <source>Fix Step by Step…</source>
        <translation>逐步修复……</translation>
    </message>
    <message>
        <source>Analyse the window&apos;s latest samples of this machine now</source>
        <translation>立即分析窗口最近采集的本机样本</translation>
    </message>
</context>
<context>
    <name>Sockpit::HistoryModel</name>
    <message>
        <source>no transaction selected</source>
        <translation>未选择事务</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>已应用</translation>
    </message>
    <message>
        <source>failed, old values restored</source>
        <translation>失败，已恢复旧值</translation>
    </message>
    <message>
        <source>interrupted (no outcome recorded)</source>
        <translation>中断（未记录结果）</translation>
    </message>
    <message>
        <source>%1, undone later</source>
        <translation>%1，后来已撤销</translation>
    </message>
    <message>
        <source>uid %1</source>
        <translation>uid %1</translation>
    </message>
    <message>
        <source>%1 (uid %2)</source>
        <translation>%1（uid %2）</translation>
    </message>
    <message>
        <source>Undo of %1</source>
        <translation>撤销 %1</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Changes (old → new)</source>
        <translation>更改（旧 → 新）</translation>
    </message>
    <message>
        <source>Persisted</source>
        <translation>持久保存</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>not confirmed, old values restored</source>
        <translation>未确认，已恢复旧值</translation>
    </message>
    <message>
        <source>failed, and restoring the old values failed too</source>
        <translation>失败，恢复旧值也失败了</translation>
    </message>
    <message>
        <source>interrupted, old values restored by the next run</source>
        <translation>被中断，下一次运行已恢复旧值</translation>
    </message>
    <message>
        <source>interrupted, and restoring it on the next run failed</source>
        <translation>被中断，下一次运行恢复失败</translation>
    </message>
    <message>
        <source>Apply (wizard: %1)</source>
        <translation>应用（向导：%1）</translation>
    </message>
</context>
<context>
    <name>Sockpit::HistoryPage</name>
    <message>
        <source>Every change Sockpit&apos;s helper applied or undid, newest first. The journal belongs to root, so reading it runs the helper, and polkit may ask for an administrator&apos;s password.</source>
        <translation>Sockpit 助手应用或撤销过的每一项更改，最新的在前。日志归 root 所有，因此读取它需要运行助手，polkit 可能会要求输入管理员密码。</translation>
    </message>
    <message>
        <source>The journal has not been read yet.</source>
        <translation>尚未读取日志。</translation>
    </message>
    <message>
        <source>&amp;Read History</source>
        <translation>读取历史(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo…</source>
        <translation>撤销(&amp;U)……</translation>
    </message>
    <message>
        <source>Restore the values from before the selected transaction</source>
        <translation>恢复所选事务之前的值</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Reading the journal through the helper…</source>
        <translation>正在通过助手读取日志……</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>This transaction cannot be undone: %1</source>
        <translation>无法撤销此事务：%1</translation>
    </message>
    <message>
        <source>Undo Transaction %1</source>
        <translation>撤销事务 %1</translation>
    </message>
    <message>
        <source>Restore the values from before transaction %1?

%2

The helper sets each key back to its old value and restores the sysctl.d file as it was.</source>
        <translation>恢复事务 %1 之前的值吗？

%2

助手会把每个参数设回旧值，并把 sysctl.d 文件恢复原样。</translation>
    </message>
    <message>
        <source>Undoing transaction %1 through the helper…</source>
        <translation>正在通过助手撤销事务 %1……</translation>
    </message>
    <message>
        <source>No tuning changes have been recorded yet.</source>
        <translation>尚未记录任何调优更改。</translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s), newest first.</source>
        <translation>
            <numerusform>%n 个事务，最新的在前。</numerusform>
        </translation>
    </message>
    <message>
        <source>The history could not be read, so it is not shown: %1</source>
        <translation>无法读取历史，因此不予显示：%1</translation>
    </message>
    <message>
        <source>Undone (transaction %1): %2.</source>
        <translation>已撤销（事务 %1）：%2。</translation>
    </message>
    <message>
        <source>Undo failed: %1</source>
        <translation>撤销失败：%1</translation>
    </message>
    <message>
        <source>Before/After &amp;Report…</source>
        <translation>前后对比报告(&amp;R)……</translation>
    </message>
    <message>
        <source>The report of the tuning wizard that applied the selected transaction</source>
        <translation>应用所选事务的调优向导生成的报告</translation>
    </message>
    <message>
        <source>Export the Before/After Report</source>
        <translation>导出前后对比报告</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <source>No tuning wizard recorded transaction %1.</source>
        <translation>没有调优向导记录过事务 %1。</translation>
    </message>
</context>
<context>
    <name>Sockpit::KeychainCredentialStore</name>
    <message>
        <source>The system keychain refused access: credentials cannot be read or kept (%1).</source>
        <translation>系统密钥环拒绝访问：无法读取或保存凭据（%1）。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Sockpit::LinkTableModel</name>
    <message>
        <source>%1, %2 loss</source>
        <translation>%1，丢包 %2</translation>
    </message>
    <message>
        <source>no reply</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>down</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>cannot probe</source>
        <translation>无法探测</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>Health score 0–100 from loss, RTT, jitter and consecutive failures over the last %n s</source>
        <translation>
            <numerusform>根据最近 %n 秒内的丢包、RTT、抖动和连续失败计算的健康分（0–100）</numerusform>
        </translation>
    </message>
    <message>
        <source>Last failure: %1</source>
        <translation>最近一次失败：%1</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>丢包</translation>
    </message>
    <message>
        <source>Avg RTT</source>
        <translation>平均 RTT</translation>
    </message>
    <message>
        <source>p95 RTT</source>
        <translation>p95 RTT</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>抖动</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康度</translation>
    </message>
    <message>
        <source>Mean absolute difference between consecutive replies&apos; RTT</source>
        <translation>相邻两次应答 RTT 之差的绝对值的平均</translation>
    </message>
    <message>
        <source>95th percentile of the replies&apos; RTT (nearest rank)</source>
        <translation>应答 RTT 的第 95 百分位数（最近秩法）</translation>
    </message>
    <message numerus="yes">
        <source>Over the last %n s</source>
        <translation>
            <numerusform>最近 %n 秒内</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sockpit::LinksPage</name>
    <message>
        <source>icmp://host, tcp://host:port or https://host[:port]/path</source>
        <translation>icmp://主机、tcp://主机:端口 或 https://主机[:端口]/路径</translation>
    </message>
    <message>
        <source>New target</source>
        <translation>新目标</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>目标(&amp;T)：</translation>
    </message>
    <message>
        <source>Remove Target</source>
        <translation>移除目标</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>往返时间</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>RTT</source>
        <translation>RTT</translation>
    </message>
    <message>
        <source>Mean ± jitter</source>
        <translation>均值 ± 抖动</translation>
    </message>
    <message>
        <source>Lost probe</source>
        <translation>丢失的探测</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>链路</translation>
    </message>
    <message>
        <source>Enter a target such as icmp://192.0.2.1, tcp://db.internal:5432 or https://example.org/health.</source>
        <translation>请输入目标，例如 icmp://192.0.2.1、tcp://db.internal:5432 或 https://example.org/health。</translation>
    </message>
    <message>
        <source>%1 is listed already.</source>
        <translation>%1 已在列表中。</translation>
    </message>
    <message>
        <source>RTT to %1</source>
        <translation>到 %1 的 RTT</translation>
    </message>
    <message>
        <source>&amp;Credentials…</source>
        <translation>凭据(&amp;C)…</translation>
    </message>
    <message>
        <source>A bearer token or a user and password for the selected https:// target, kept in the system keychain</source>
        <translation>所选 https:// 目标的 Bearer 令牌或用户名和密码，保存在系统密钥环中</translation>
    </message>
    <message>
        <source>The credentials of %1 could not be deleted: %2</source>
        <translation>无法删除 %1 的凭据：%2</translation>
    </message>
    <message>
        <source>%1 is probed without credentials.</source>
        <translation>%1 将在不带凭据的情况下探测。</translation>
    </message>
    <message>
        <source>https:// targets are probed without credentials.</source>
        <translation>https:// 目标将在不带凭据的情况下探测。</translation>
    </message>
    <message>
        <source>The system keychain did not answer within %1 s.</source>
        <translation>系统密钥环在 %1 秒内没有响应。</translation>
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
    <message>
        <source>Export Chart as &amp;PNG…</source>
        <translation>将图表导出为 &amp;PNG…</translation>
    </message>
    <message>
        <source>Export Chart &amp;Data as CSV…</source>
        <translation>将图表&amp;数据导出为 CSV…</translation>
    </message>
    <message>
        <source>Export &amp;Socket Table as CSV…</source>
        <translation>将&amp;套接字表导出为 CSV…</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Write a folder with the charts as PNG and CSV, the socket table and a summary</source>
        <translation>生成一个文件夹，包含 PNG 和 CSV 格式的图表、套接字表以及摘要</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>This page shows no chart.</source>
        <translation>此页面没有图表。</translation>
    </message>
    <message>
        <source>Export Chart as PNG</source>
        <translation>将图表导出为 PNG</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Height:</source>
        <translation>高度(&amp;H)：</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export Chart Data</source>
        <translation>导出图表数据</translation>
    </message>
    <message>
        <source>Export Chart Data as CSV</source>
        <translation>将图表数据导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export Socket Table as CSV</source>
        <translation>将套接字表导出为 CSV</translation>
    </message>
    <message>
        <source>Export Socket Table</source>
        <translation>导出套接字表</translation>
    </message>
    <message>
        <source>Choose Where to Write the Report</source>
        <translation>选择报告的保存位置</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Worst link: %1 (%2)</source>
        <translation>最差链路：%1（%2）</translation>
    </message>
    <message>
        <source>no samples yet</source>
        <translation>尚无样本</translation>
    </message>
    <message>
        <source>Sockpit — %1</source>
        <translation>Sockpit — %1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>Two takes %1 s apart</source>
        <translation>两次采集，相隔 %1 秒</translation>
    </message>
    <message>
        <source>One take</source>
        <translation>一次采集</translation>
    </message>
    <message>
        <source>❄ %1</source>
        <translation>❄ %1</translation>
    </message>
    <message>
        <source>Fix a Problem</source>
        <translation>解决问题</translation>
    </message>
    <message>
        <source>The tuning wizards measure and change this machine, not %1.</source>
        <translation>调优向导测量并修改的是本机，而不是 %1。</translation>
    </message>
    <message>
        <source>Close the capture to use them here. For the server, review a change on the Tuning page and use Export Plan… to apply it there.</source>
        <translation>关闭捕获后即可在本机使用向导。对于服务器，请在“调优”页面审阅更改，并用“导出计划…”在服务器上应用。</translation>
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
    <message>
        <source>Key figures</source>
        <translation>关键指标</translation>
    </message>
    <message>
        <source>TIME_WAIT / usable ports</source>
        <translation>TIME_WAIT / 可用端口</translation>
    </message>
    <message>
        <source>Busiest destination</source>
        <translation>最繁忙目标</translation>
    </message>
    <message>
        <source>Listen overflows</source>
        <translation>监听队列溢出</translation>
    </message>
    <message>
        <source>Retransmissions</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>TIME_WAIT sockets against usable ephemeral ports</source>
        <translation>TIME_WAIT 套接字占可用临时端口的比例</translation>
    </message>
    <message>
        <source>The busiest destination&apos;s sockets against usable ephemeral ports; at 100% connect() fails</source>
        <translation>最繁忙目标的套接字占可用临时端口的比例；达到 100% 时 connect() 失败</translation>
    </message>
    <message>
        <source>TcpExt.ListenOverflows per second: connections dropped on a full accept queue</source>
        <translation>每秒 TcpExt.ListenOverflows：因 accept 队列已满而丢弃的连接</translation>
    </message>
    <message>
        <source>Tcp.RetransSegs per second against Tcp.OutSegs per second</source>
        <translation>每秒 Tcp.RetransSegs 与每秒 Tcp.OutSegs 之比</translation>
    </message>
    <message>
        <source>TIME_WAIT sockets</source>
        <translation>TIME_WAIT 套接字</translation>
    </message>
    <message>
        <source>TIME_WAIT</source>
        <translation>TIME_WAIT</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Worst link</source>
        <translation>最差链路</translation>
    </message>
    <message>
        <source>The Links page&apos;s target in the worst health: its average RTT and loss</source>
        <translation>链路页面中健康度最差的目标：其平均 RTT 和丢包率</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>分析结论</translation>
    </message>
    <message>
        <source>ESTABLISHED</source>
        <translation>ESTABLISHED</translation>
    </message>
    <message>
        <source>CLOSE_WAIT</source>
        <translation>CLOSE_WAIT</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>建立中</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>关闭中</translation>
    </message>
    <message>
        <source>LISTEN</source>
        <translation>LISTEN</translation>
    </message>
    <message>
        <source>Ephemeral ports by destination</source>
        <translation>各目标的临时端口占用</translation>
    </message>
    <message>
        <source>Sockets holding a local ephemeral port toward each of the busiest destinations; at the usable port count connect() to it fails</source>
        <translation>指向各最繁忙目标、占用本地临时端口的套接字数；达到可用端口数时，对该目标的 connect() 将失败</translation>
    </message>
    <message>
        <source>States</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ports by destination</source>
        <translation>各目标的端口</translation>
    </message>
</context>
<context>
    <name>Sockpit::PortsPage</name>
    <message>
        <source>Ephemeral port range</source>
        <translation>临时端口范围</translation>
    </message>
    <message>
        <source>No sample yet</source>
        <translation>尚无采样</translation>
    </message>
    <message>
        <source>Destinations by share of ephemeral ports</source>
        <translation>按临时端口占比排列的目标</translation>
    </message>
    <message>
        <source>Who uses port N?</source>
        <translation>谁在使用端口 N？</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>&amp;Ask</source>
        <translation>查询(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Enter a port and press Ask.</source>
        <translation>输入端口后按“查询”。</translation>
    </message>
    <message>
        <source>Answers come from the latest snapshot. Sockpit does not try bind() from the window; run “sockpit-cli port N” for a live bind test.</source>
        <translation>答案来自最新快照。Sockpit 不会在窗口中尝试 bind()；如需实时绑定测试，请运行“sockpit-cli port N”。</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>The ephemeral port range could not be read.</source>
        <translation>无法读取临时端口范围。</translation>
    </message>
    <message>
        <source>%1–%2: %3 ports, %4 usable</source>
        <translation>%1–%2：共 %3 个端口，%4 个可用</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>TIME_WAIT</source>
        <translation>TIME_WAIT</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已保留</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>No snapshot yet: nothing to answer from.</source>
        <translation>尚无快照：无法作答。</translation>
    </message>
    <message>
        <source>Suggested free port: %1</source>
        <translation>建议的空闲端口：%1</translation>
    </message>
    <message>
        <source>No free port found outside the ephemeral range.</source>
        <translation>在临时端口范围之外未找到空闲端口。</translation>
    </message>
</context>
<context>
    <name>Sockpit::SettingsPage</name>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Time between two snapshots. Short intervals cost CPU on hosts with many sockets.</source>
        <translation>两次快照之间的间隔。在套接字很多的主机上，间隔越短越耗 CPU。</translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation>间隔(&amp;I)：</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>Chart &amp;window:</source>
        <translation>图表时间窗口(&amp;W)：</translation>
    </message>
    <message>
        <source>Thresholds (warning, critical)</source>
        <translation>阈值（警告，严重）</translation>
    </message>
    <message>
        <source>TIME_WAIT against usable ports:</source>
        <translation>TIME_WAIT 占可用端口比例：</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Busiest destination&apos;s share of ports:</source>
        <translation>最繁忙目标的端口占比：</translation>
    </message>
    <message>
        <source>Listen overflows:</source>
        <translation>监听队列溢出：</translation>
    </message>
    <message>
        <source> /s</source>
        <translation> /秒</translation>
    </message>
    <message>
        <source>Retransmissions:</source>
        <translation>重传：</translation>
    </message>
    <message>
        <source>Changes apply at once and are kept for the next start.</source>
        <translation>更改立即生效，并在下次启动时保留。</translation>
    </message>
    <message>
        <source>%1 warning</source>
        <translation>%1 警告</translation>
    </message>
    <message>
        <source>%1 critical</source>
        <translation>%1 严重</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>分析结论</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Time between two analyses. Each one takes the counters twice, 3 s apart.</source>
        <translation>两次分析之间的时间。每次分析会采集两次计数器，间隔 3 秒。</translation>
    </message>
    <message>
        <source>Analyse &amp;every:</source>
        <translation>分析间隔(&amp;E)：</translation>
    </message>
    <message>
        <source>General</source>
        <translation>通用</translation>
    </message>
    <message>
        <source>Short outbound connections (clients, proxies, crawlers)</source>
        <translation>短出站连接（客户端、代理、爬虫）</translation>
    </message>
    <message>
        <source>Busy server (many accepts)</source>
        <translation>繁忙服务器（大量 accept）</translation>
    </message>
    <message>
        <source>Long fat network (bulk transfers, high bandwidth × delay)</source>
        <translation>长肥网络（批量传输，高带宽 × 时延）</translation>
    </message>
    <message>
        <source>Low latency (interactive traffic)</source>
        <translation>低时延（交互流量）</translation>
    </message>
    <message>
        <source>What this host is for: it shapes which changes are proposed, never what is measured.</source>
        <translation>本机的用途：它只影响提出哪些更改，从不影响测量结果。</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>配置(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>Sockpit::SocketTableModel</name>
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
    <message>
        <source>Process: %1
PID: %2
User: %3 (uid %4)
Command line: %5</source>
        <translation>进程：%1
PID：%2
用户：%3（uid %4）
命令行：%5</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
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
    <message>
        <source>&amp;Copy Rows</source>
        <translation>复制行(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Process Details…</source>
        <translation>进程详情(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Who Else Uses This Port?</source>
        <translation>还有谁在使用此端口(&amp;W)？</translation>
    </message>
    <message>
        <source>&amp;Terminate Owning Process…</source>
        <translation>终止所属进程(&amp;T)…</translation>
    </message>
    <message>
        <source>Send SIGTERM to the process holding the socket; only your own processes</source>
        <translation>向持有该套接字的进程发送 SIGTERM；仅限您自己的进程</translation>
    </message>
    <message>
        <source>Terminate Process</source>
        <translation>终止进程</translation>
    </message>
    <message>
        <source>&amp;Who Else Uses Port %1?</source>
        <translation>还有谁在使用端口 %1(&amp;W)？</translation>
    </message>
    <message>
        <source>Process Details</source>
        <translation>进程详情</translation>
    </message>
    <message>
        <source>Terminate %1 (pid %2)? Every connection it holds will close.</source>
        <translation>终止 %1（pid %2）？它持有的所有连接都将关闭。</translation>
    </message>
    <message>
        <source>Could not terminate %1 (pid %2): %3</source>
        <translation>无法终止 %1（pid %2）：%3</translation>
    </message>
    <message>
        <source>C&amp;lose Connection…</source>
        <translation>关闭连接(&amp;L)…</translation>
    </message>
    <message>
        <source>Reset one TCP connection through the privileged helper; asks for an administrator&apos;s password every time</source>
        <translation>通过特权助手重置一个 TCP 连接；每次都会要求输入管理员密码</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1（pid %2）</translation>
    </message>
    <message>
        <source>the owning process</source>
        <translation>所属进程</translation>
    </message>
    <message>
        <source>Close the connection %1? The peer gets a reset and %2 sees the connection aborted.</source>
        <translation>关闭连接 %1？对端将收到重置，%2 将看到连接被中止。</translation>
    </message>
    <message>
        <source>Closing %1 through the helper…</source>
        <translation>正在通过助手关闭 %1…</translation>
    </message>
    <message>
        <source>Closed %1.</source>
        <translation>已关闭 %1。</translation>
    </message>
    <message>
        <source>Could not close %1: %2</source>
        <translation>无法关闭 %1：%2</translation>
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
    <name>Sockpit::SymptomButton</name>
    <message>
        <source>&amp;Fix a Problem…</source>
        <translation>修复问题(&amp;F)……</translation>
    </message>
    <message>
        <source>Start from what hurts: measure it, plan a fix, apply it safely and verify it</source>
        <translation>从症状出发：测量、制定修复方案、安全应用并验证</translation>
    </message>
</context>
<context>
    <name>Sockpit::SymptomWizard</name>
    <message>
        <source>1. Measure: %1</source>
        <translation>1. 测量：%1</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Judged</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>&amp;Measure Again</source>
        <translation>重新测量(&amp;M)</translation>
    </message>
    <message>
        <source>2. Plan</source>
        <translation>2. 方案</translation>
    </message>
    <message>
        <source>Proposed from the measurement by the same rules as sockpit-cli recommend. Every value can be changed; it is checked against the catalogue as you type.</source>
        <translation>依据测量结果，按与 sockpit-cli recommend 相同的规则提出。每个值都可以修改，输入时即按参数目录校验。</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>&amp;Keep after a reboot once I keep it (write %1)</source>
        <translation>确认保留后在重启后仍生效（写入 %1）(&amp;K)</translation>
    </message>
    <message>
        <source>Caveats:</source>
        <translation>注意事项：</translation>
    </message>
    <message>
        <source>What this cannot fix, and what the application can do:</source>
        <translation>这些设置解决不了的问题，以及应用程序可以做的：</translation>
    </message>
    <message>
        <source>3. Review</source>
        <translation>3. 检查</translation>
    </message>
    <message>
        <source>Applying asks polkit for an administrator&apos;s password. The helper applies every value as one transaction and then waits for you to keep it; if you do not, it restores them all by itself.</source>
        <translation>应用时 polkit 会要求输入管理员密码。助手将所有值作为一个事务应用，然后等待您确认保留；如果您不确认，它会自行恢复全部值。</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Changes:</source>
        <translation>更改：</translation>
    </message>
    <message>
        <source>Kept after a reboot:</source>
        <translation>重启后保留：</translation>
    </message>
    <message>
        <source>sysctl.d file:</source>
        <translation>sysctl.d 文件：</translation>
    </message>
    <message>
        <source>4. Apply</source>
        <translation>4. 应用</translation>
    </message>
    <message>
        <source>&amp;Keep These Settings</source>
        <translation>保留这些设置(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>5. Verify</source>
        <translation>5. 验证</translation>
    </message>
    <message>
        <source>The figure measured in step 1, from the window&apos;s samples, before and after the change. You can leave this running while you do other things.</source>
        <translation>第 1 步测量的指标（取自主窗口的采样）在更改前后的变化。您可以让它在后台运行，同时做其他事情。</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Watch for:</source>
        <translation>观察时长：</translation>
    </message>
    <message>
        <source>Before and after</source>
        <translation>更改前后</translation>
    </message>
    <message>
        <source>&amp;Export Report…</source>
        <translation>导出报告(&amp;E)……</translation>
    </message>
    <message>
        <source>A folder with the chart as PNG, the series as CSV and a summary in English and Chinese</source>
        <translation>一个文件夹，内含 PNG 图表、CSV 数据序列以及中英文摘要</translation>
    </message>
    <message>
        <source>Export the Before/After Report</source>
        <translation>导出前后对比报告</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <source>Measuring the live figures (two takes a few seconds apart)…</source>
        <translation>正在测量实时指标（间隔几秒采集两次）……</translation>
    </message>
    <message>
        <source>Could not measure: %1</source>
        <translation>无法测量：%1</translation>
    </message>
    <message>
        <source>Measured at %1 UTC.</source>
        <translation>测量时间：%1 UTC。</translation>
    </message>
    <message>
        <source>Read from %1</source>
        <translation>读取自 %1</translation>
    </message>
    <message>
        <source>above %1</source>
        <translation>高于 %1</translation>
    </message>
    <message>
        <source>%1 or more</source>
        <translation>%1 及以上</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>context</source>
        <translation>参考</translation>
    </message>
    <message>
        <source>over the threshold</source>
        <translation>超过阈值</translation>
    </message>
    <message>
        <source>fine</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>valid: %1</source>
        <translation>有效：%1</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Nothing is planned.</source>
        <translation>没有计划任何更改。</translation>
    </message>
    <message>
        <source>Every value is the current one: the plan would change nothing.</source>
        <translation>每个值都与当前值相同：此方案不会改变任何东西。</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>Yes, once you keep it: written to %1 after you press Keep, never before; the file&apos;s previous content is kept as %2.</source>
        <translation>是，在您确认保留之后：按下“保留”后才写入 %1，之前绝不写入；文件原有内容保存为 %2。</translation>
    </message>
    <message>
        <source>No: the kernel&apos;s own values return at the next boot.</source>
        <translation>否：下次启动时恢复内核自己的值。</translation>
    </message>
    <message>
        <source># The current file could not be read (%1); the helper reads it itself.
</source>
        <translation># 无法读取当前文件（%1）；助手会自行读取。
</translation>
    </message>
    <message numerus="yes">
        <source>Applying %n setting(s)… polkit may ask for an administrator&apos;s password.</source>
        <translation>
            <numerusform>正在应用 %n 项设置…… polkit 可能会要求输入管理员密码。</numerusform>
        </translation>
    </message>
    <message>
        <source>Applied. Check that everything still works (the figures, your application).</source>
        <translation>已应用。请检查一切是否仍然正常（指标、您的应用程序）。</translation>
    </message>
    <message numerus="yes">
        <source>Keep these settings? Reverting in %n s.</source>
        <translation>
            <numerusform>保留这些设置吗？%n 秒后还原。</numerusform>
        </translation>
    </message>
    <message>
        <source>No answer: reverting…</source>
        <translation>未作回答：正在还原……</translation>
    </message>
    <message>
        <source>Keeping…</source>
        <translation>正在保留……</translation>
    </message>
    <message>
        <source>Reverting…</source>
        <translation>正在还原……</translation>
    </message>
    <message>
        <source>Kept and persisted (transaction %1).</source>
        <translation>已保留并持久保存（事务 %1）。</translation>
    </message>
    <message>
        <source>Kept (transaction %1); not persisted.</source>
        <translation>已保留（事务 %1）；未持久保存。</translation>
    </message>
    <message>
        <source>Reverted: the helper restored every value (%1). Nothing was persisted.</source>
        <translation>已还原：助手恢复了所有值（%1）。没有持久保存任何内容。</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Waiting for the change to be kept.</source>
        <translation>等待确认保留更改。</translation>
    </message>
    <message>
        <source>Watching: %1 of %2 min.</source>
        <translation>观察中：已 %1 分钟，共 %2 分钟。</translation>
    </message>
    <message>
        <source>Watched for %1 min after the change.</source>
        <translation>更改后已观察 %1 分钟。</translation>
    </message>
    <message>
        <source>Waiting for a sample taken after the change.</source>
        <translation>等待更改之后的采样。</translation>
    </message>
    <message>
        <source>uid %1</source>
        <translation>uid %1</translation>
    </message>
    <message>
        <source>uid %1 (%2)</source>
        <translation>uid %1（%2）</translation>
    </message>
    <message>
        <source>Applied: %1</source>
        <translation>已应用：%1</translation>
    </message>
    <message>
        <source>%1 belongs to %2.</source>
        <translation>%1 属于 %2。</translation>
    </message>
    <message>
        <source>What the measurement needs from you</source>
        <translation>测量需要您提供的信息</translation>
    </message>
    <message>
        <source>per second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>e.g. 1000</source>
        <translation>例如 1000</translation>
    </message>
    <message>
        <source>host or IP address (ICMP echo), or host:port (TCP connect)</source>
        <translation>主机名或 IP 地址（ICMP 回显），或 主机:端口（TCP 连接）</translation>
    </message>
    <message>
        <source>only if the far end answers no probe</source>
        <translation>仅当对端不响应任何探测时填写</translation>
    </message>
    <message>
        <source>&amp;Bandwidth of the path (Mbit/s):</source>
        <translation>路径带宽（Mbit/s）(&amp;B)：</translation>
    </message>
    <message>
        <source>Host at the far &amp;end (its RTT is probed):</source>
        <translation>路径对端的主机（将探测其 RTT）(&amp;E)：</translation>
    </message>
    <message>
        <source>…or the RTT (&amp;ms):</source>
        <translation>……或直接填写 RTT（毫秒）(&amp;M)：</translation>
    </message>
    <message>
        <source>Type the path&apos;s bandwidth in Mbit/s.</source>
        <translation>请输入路径带宽（Mbit/s）。</translation>
    </message>
    <message>
        <source>Bandwidth “%1”: expected a number of Mbit/s above 0 and at most 10000000.</source>
        <translation>带宽“%1”：应为大于 0 且不超过 10000000 的 Mbit/s 数值。</translation>
    </message>
    <message>
        <source>Give either a host to probe or the RTT, not both.</source>
        <translation>请填写要探测的主机或 RTT，二者只能选其一。</translation>
    </message>
    <message>
        <source>Give a host at the far end to probe, or the RTT in ms.</source>
        <translation>请填写要探测的对端主机，或以毫秒为单位的 RTT。</translation>
    </message>
    <message>
        <source>RTT “%1”: expected milliseconds above 0 and at most 600000.</source>
        <translation>RTT“%1”：应为大于 0 且不超过 600000 的毫秒数。</translation>
    </message>
    <message>
        <source>Host “%1”: %2</source>
        <translation>主机“%1”：%2</translation>
    </message>
    <message>
        <source>Host “%1”: give a host, an IP address or host:port; an https:// address measures more than the path.</source>
        <translation>主机“%1”：请填写主机名、IP 地址或 主机:端口；https:// 地址测得的不只是路径本身。</translation>
    </message>
    <message>
        <source>Probing %1 (%2 probes, %3 ms apart), then measuring the live figures…</source>
        <translation>正在探测 %1（%2 次探测，间隔 %3 毫秒），随后测量实时数据……</translation>
    </message>
    <message>
        <source>RTT %1, %2.</source>
        <translation>RTT %1，%2。</translation>
    </message>
    <message>
        <source>Read-only here (a container&apos;s network namespace): left out of the plan. Set it on the host.</source>
        <translation>此处只读（容器的网络命名空间）：未纳入计划。请在宿主机上设置。</translation>
    </message>
    <message>
        <source>from %1 s to %2 min</source>
        <translation>%1 秒到 %2 分钟之间</translation>
    </message>
    <message>
        <source>“%1” is not a duration: type seconds or minutes, such as 350, 350 s or 5 min.</source>
        <translation>“%1”不是时长：请输入秒数或分钟数，例如 350、350 s 或 5 min。</translation>
    </message>
    <message>
        <source>%1 is outside the idle timeouts NATs and firewalls use: type one %2.</source>
        <translation>%1 超出了 NAT 和防火墙使用的空闲超时范围：请输入%2的值。</translation>
    </message>
    <message>
        <source>seconds or minutes, such as 350 s or 5 min</source>
        <translation>秒或分钟，例如 350 s 或 5 min</translation>
    </message>
    <message>
        <source>How long the NAT gateway or firewall between the hosts keeps an idle TCP flow: 350 s on AWS NAT gateways, 4 min on Azure&apos;s, often 5 min to 1 h on home routers and firewalls</source>
        <translation>主机之间的 NAT 网关或防火墙保留空闲 TCP 连接的时长：AWS NAT 网关为 350 秒，Azure 为 4 分钟，家用路由器和防火墙通常为 5 分钟到 1 小时</translation>
    </message>
    <message>
        <source>NAT or firewall &amp;idle timeout:</source>
        <translation>NAT 或防火墙的空闲超时(&amp;I)：</translation>
    </message>
    <message>
        <source>as you asked</source>
        <translation>按您的要求</translation>
    </message>
</context>
<context>
    <name>Sockpit::TimeChart</name>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>seconds before now</source>
        <translation>距现在的秒数</translation>
    </message>
    <message>
        <source>How far back the chart reaches</source>
        <translation>图表回溯的时间长度</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Freeze this chart to read it; sampling goes on</source>
        <translation>冻结此图表以便查看；采样继续进行</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>%1 s before now</source>
        <translation>%1 秒前</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1：%2 %3</translation>
    </message>
    <message>
        <source>%1 – %2 UTC</source>
        <translation>%1 – %2 UTC</translation>
    </message>
    <message>
        <source>Host: %1   Time range: %2   Unit: %3</source>
        <translation>主机：%1   时间范围：%2   单位：%3</translation>
    </message>
    <message>
        <source>%1: %2 – %3 %4</source>
        <translation>%1：%2 – %3 %4</translation>
    </message>
</context>
<context>
    <name>Sockpit::TuningModel</name>
    <message>
        <source>Ephemeral ports</source>
        <translation>临时端口</translation>
    </message>
    <message>
        <source>TIME_WAIT and connection teardown</source>
        <translation>TIME_WAIT 与连接关闭</translation>
    </message>
    <message>
        <source>Accept queues and SYN handling</source>
        <translation>accept 队列与 SYN 处理</translation>
    </message>
    <message>
        <source>Keepalive and dead peers</source>
        <translation>保活与失联对端</translation>
    </message>
    <message>
        <source>Buffers and queues</source>
        <translation>缓冲区与队列</translation>
    </message>
    <message>
        <source>Congestion control and path</source>
        <translation>拥塞控制与路径</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Sockets already open keep their ports; only new connections use the new range. TIME_WAIT still lasts 60 seconds (TCP_TIMEWAIT_LEN is compiled into the kernel).</source>
        <translation>已打开的套接字保留其端口；只有新连接使用新范围。TIME_WAIT 仍持续 60 秒（TCP_TIMEWAIT_LEN 编译在内核中）。</translation>
    </message>
    <message>
        <source>It shortens FIN_WAIT2 only: TIME_WAIT still lasts 60 seconds (TCP_TIMEWAIT_LEN is compiled into the kernel).</source>
        <translation>它只缩短 FIN_WAIT2：TIME_WAIT 仍持续 60 秒（TCP_TIMEWAIT_LEN 编译在内核中）。</translation>
    </message>
    <message>
        <source>TIME_WAIT still lasts 60 seconds (TCP_TIMEWAIT_LEN is compiled into the kernel); reuse helps outgoing connections only, never a server&apos;s own TIME_WAIT sockets.</source>
        <translation>TIME_WAIT 仍持续 60 秒（TCP_TIMEWAIT_LEN 编译在内核中）；重用只对出站连接有效，对服务器自己的 TIME_WAIT 套接字无效。</translation>
    </message>
    <message>
        <source>A listening socket keeps the backlog it had when listen() was called: a service must listen again (usually a restart) to get a longer queue, and its own backlog setting still caps it. It does not make a slow service accept faster.</source>
        <translation>监听套接字保留调用 listen() 时的 backlog：服务必须重新 listen（通常是重启）才能获得更长的队列，且仍受其自身 backlog 设置的限制。它不会让处理缓慢的服务更快地 accept。</translation>
    </message>
    <message>
        <source>Only sockets with SO_KEEPALIVE send keepalives, and applications that set their own TCP_KEEPIDLE, TCP_KEEPINTVL or TCP_KEEPCNT keep those values.</source>
        <translation>只有启用 SO_KEEPALIVE 的套接字才发送保活探测；自行设置 TCP_KEEPIDLE、TCP_KEEPINTVL 或 TCP_KEEPCNT 的应用保留各自的值。</translation>
    </message>
    <message>
        <source>Connections already open keep their buffers; applications that set SO_RCVBUF or SO_SNDBUF themselves are only capped by the maximums. Larger buffers do not fix packet loss.</source>
        <translation>已打开的连接保留其缓冲区；自行设置 SO_RCVBUF 或 SO_SNDBUF 的应用只受最大值限制。更大的缓冲区解决不了丢包。</translation>
    </message>
    <message>
        <source>Connections already open keep what they started with, and applications may choose their own (TCP_CONGESTION). It does not fix loss on the path itself.</source>
        <translation>已打开的连接保持开始时的算法，应用也可以自行选择（TCP_CONGESTION）。它解决不了路径本身的丢包。</translation>
    </message>
    <message>
        <source>Containers in their own network namespace keep their own values.</source>
        <translation>位于独立网络命名空间中的容器保留各自的值。</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>读取中……</translation>
    </message>
    <message>
        <source>not on this kernel</source>
        <translation>此内核没有</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>%1 (read-only here)</source>
        <translation>%1（此处只读）</translation>
    </message>
    <message>
        <source>No sample yet: the machine&apos;s own numbers appear with the first one.</source>
        <translation>尚无采样：本机的数据会随第一次采样出现。</translation>
    </message>
    <message>
        <source>TIME_WAIT sockets: %1 (each holds its port toward its destination for 60 s)</source>
        <translation>TIME_WAIT 套接字：%1（每个都会在 60 秒内占用其通往目标的端口）</translation>
    </message>
    <message>
        <source>No outgoing TCP connections hold an ephemeral port.</source>
        <translation>没有出站 TCP 连接占用临时端口。</translation>
    </message>
    <message>
        <source>Busiest destination: %1 with %2 sockets, %3 of the usable ports</source>
        <translation>最繁忙的目标：%1，%2 个套接字，占可用端口的 %3</translation>
    </message>
    <message>
        <source>Listeners are not known from a summary-only sample.</source>
        <translation>仅摘要的采样无法得知监听者。</translation>
    </message>
    <message>
        <source>TCP listeners: %1</source>
        <translation>TCP 监听者：%1</translation>
    </message>
    <message>
        <source>Fullest accept queue: port %1, %2 waiting of a backlog of %3</source>
        <translation>最满的accept 队列：端口 %1，backlog 为 %3，其中 %2 个在等待</translation>
    </message>
    <message>
        <source>Listeners whose backlog equals somaxconn (%1), so listen() asked for at least that: %2</source>
        <translation>backlog 等于 somaxconn（%1）、即 listen() 请求了至少这么多的监听者：%2</translation>
    </message>
    <message>
        <source>Connections dropped on a full accept queue since boot (TcpExt.ListenOverflows): %1</source>
        <translation>自启动以来因accept 队列已满而丢弃的连接（TcpExt.ListenOverflows）：%1</translation>
    </message>
    <message>
        <source>Usable ephemeral ports: %1 (range %2–%3, %4 of them reserved)</source>
        <translation>可用临时端口：%1（范围 %2–%3，其中保留 %4 个）</translation>
    </message>
    <message>
        <source>Sockets holding a port in the range: %1, on %2 distinct ports</source>
        <translation>占用该范围内端口的套接字：%1，分布在 %2 个不同端口上</translation>
    </message>
    <message>
        <source>TIME_WAIT sockets destroyed early because the table was full (TcpExt.TCPTimeWaitOverflow): %1</source>
        <translation>因表已满而提前销毁的 TIME_WAIT 套接字（TcpExt.TCPTimeWaitOverflow）：%1</translation>
    </message>
    <message>
        <source>FIN_WAIT2 sockets: %1 (closed here, waiting for the peer to close)</source>
        <translation>FIN_WAIT2 套接字：%1（本端已关闭，等待对端关闭）</translation>
    </message>
    <message>
        <source>Half-open connections (SYN_RECV): %1</source>
        <translation>半开连接（SYN_RECV）：%1</translation>
    </message>
    <message>
        <source>SYN cookies sent since boot (TcpExt.SyncookiesSent): %1</source>
        <translation>自启动以来发送的 SYN cookie（TcpExt.SyncookiesSent）：%1</translation>
    </message>
    <message>
        <source>SYNs dropped by listeners since boot (TcpExt.ListenDrops): %1</source>
        <translation>自启动以来被监听者丢弃的 SYN（TcpExt.ListenDrops）：%1</translation>
    </message>
    <message>
        <source>Established TCP connections: %1</source>
        <translation>已建立的 TCP 连接：%1</translation>
    </message>
    <message>
        <source>Connections aborted since boot when retransmissions or keepalive probes ran out (TcpExt.TCPAbortOnTimeout): %1</source>
        <translation>自启动以来因重传或保活探测耗尽而中止的连接（TcpExt.TCPAbortOnTimeout）：%1</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前值</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>允许的值</translation>
    </message>
    <message>
        <source>not in the capture</source>
        <translation>捕获中没有</translation>
    </message>
</context>
<context>
    <name>Sockpit::TuningPage</name>
    <message>
        <source>Reading the kernel&apos;s values…</source>
        <translation>正在读取内核的值……</translation>
    </message>
    <message>
        <source>Read &amp;Again</source>
        <translation>重新读取(&amp;A)</translation>
    </message>
    <message>
        <source>Read every value from the kernel again</source>
        <translation>重新从内核读取每个值</translation>
    </message>
    <message>
        <source>Choose a setting to see what it does, its risks and this machine&apos;s numbers.</source>
        <translation>选择一个参数，查看它的作用、风险以及本机的数据。</translation>
    </message>
    <message>
        <source>On this machine</source>
        <translation>本机情况</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>修改(&amp;C)……</translation>
    </message>
    <message>
        <source>Tuning</source>
        <translation>调优</translation>
    </message>
    <message>
        <source>Values read from %1 at %2</source>
        <translation>于 %2 从 %1 读取的值</translation>
    </message>
    <message>
        <source>Risks: %1</source>
        <translation>风险：%1</translation>
    </message>
    <message>
        <source>Current: %1. Default: %2.</source>
        <translation>当前值：%1。默认值：%2。</translation>
    </message>
    <message>
        <source>Allowed: %1.</source>
        <translation>允许的值：%1。</translation>
    </message>
    <message>
        <source>Since Linux %1.</source>
        <translation>自 Linux %1 起提供。</translation>
    </message>
    <message>
        <source>Linux %1: %2</source>
        <translation>Linux %1：%2</translation>
    </message>
    <message>
        <source>Sockpit has no figure of this machine that bears on this setting.</source>
        <translation>Sockpit 没有与此参数相关的本机数据。</translation>
    </message>
    <message>
        <source>Choose a new value, review it and apply it</source>
        <translation>选择新值，检查后应用</translation>
    </message>
    <message>
        <source>The values are still being read</source>
        <translation>仍在读取值</translation>
    </message>
    <message>
        <source>This kernel has no such setting</source>
        <translation>此内核没有这个参数</translation>
    </message>
    <message>
        <source>The kernel does not let this setting be written here</source>
        <translation>内核不允许在此写入这个参数</translation>
    </message>
    <message>
        <source>%1 is not a setting Sockpit may change.</source>
        <translation>%1 不是 Sockpit 可以修改的参数。</translation>
    </message>
    <message>
        <source>%1 cannot be changed here: %2</source>
        <translation>此处无法修改 %1：%2</translation>
    </message>
    <message>
        <source>Values of the %1</source>
        <translation>%1 中的数值</translation>
    </message>
    <message>
        <source>Choose a new value and export the plan for the server</source>
        <translation>选择新值并为该服务器导出计划</translation>
    </message>
    <message>
        <source>The capture does not hold this setting</source>
        <translation>该捕获不包含此设置</translation>
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
<context>
    <name>SymptomText</name>
    <message>
        <source>Outgoing connections fail or ports run out</source>
        <translation>出站连接失败或端口耗尽</translation>
    </message>
    <message>
        <source>TIME_WAIT / FIN_WAIT2 sockets pile up</source>
        <translation>TIME_WAIT / FIN_WAIT2 套接字堆积</translation>
    </message>
    <message>
        <source>connect() fails with “Cannot assign requested address” (EADDRNOTAVAIL), or a proxy, crawler or load generator stalls opening connections. The kernel gives every connection toward one destination a local port of its own, so ports run out per destination.</source>
        <translation>connect() 以“Cannot assign requested address”（EADDRNOTAVAIL）失败，或者代理、爬虫、压测工具建立连接时停滞。内核为指向同一目标的每个连接分配各自的本地端口，因此端口是按目标耗尽的。</translation>
    </message>
    <message>
        <source>ss or netstat shows thousands of sockets in TIME_WAIT or FIN_WAIT2. TIME_WAIT is normal: the side that closes first keeps the connection for 60 s so late segments cannot corrupt a new one. It only hurts when its table overflows, when closing sockets near tcp_max_orphans, or when it holds most local ports toward one destination.</source>
        <translation>ss 或 netstat 显示成千上万个处于 TIME_WAIT 或 FIN_WAIT2 的套接字。TIME_WAIT 是正常的：先关闭的一方将连接保留 60 秒，以免迟到的报文段破坏新连接。只有当其表溢出、正在关闭的套接字接近 tcp_max_orphans，或它占用了指向某一目标的大部分本地端口时，才会造成问题。</translation>
    </message>
    <message>
        <source>the busiest destination</source>
        <translation>最繁忙的目标</translation>
    </message>
    <message>
        <source>Sockets holding a local port toward %1</source>
        <translation>占用本地端口、指向 %1 的套接字</translation>
    </message>
    <message>
        <source>Usable local ports (ip_local_port_range less reserved ports)</source>
        <translation>可用本地端口（ip_local_port_range 减去保留端口）</translation>
    </message>
    <message>
        <source>Share of usable local ports held toward %1</source>
        <translation>指向 %1 的套接字占可用本地端口的比例</translation>
    </message>
    <message>
        <source>Of them in TIME_WAIT</source>
        <translation>其中处于 TIME_WAIT 的比例</translation>
    </message>
    <message>
        <source>Seconds until no port is left, at the current growth</source>
        <translation>按当前增长速度，端口耗尽前的秒数</translation>
    </message>
    <message>
        <source>Sockets in TIME_WAIT</source>
        <translation>处于 TIME_WAIT 的套接字</translation>
    </message>
    <message>
        <source>TIME_WAIT table size (tcp_max_tw_buckets)</source>
        <translation>TIME_WAIT 表大小（tcp_max_tw_buckets）</translation>
    </message>
    <message>
        <source>Closing sockets that skipped TIME_WAIT because the table was full</source>
        <translation>因表已满而跳过 TIME_WAIT 的关闭中套接字</translation>
    </message>
    <message>
        <source>Closed sockets waiting in FIN_WAIT2 for the peer</source>
        <translation>已关闭、在 FIN_WAIT2 中等待对端的套接字</translation>
    </message>
    <message>
        <source>Orphaned sockets (closed, still closing)</source>
        <translation>孤儿套接字（已关闭，仍在关闭过程中）</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 per second</source>
        <translation>每秒 %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Reuse connections: HTTP keep-alive and connection pools open fewer connections, so fewer ports wait in TIME_WAIT.</source>
        <translation>复用连接：HTTP keep-alive 和连接池会减少新建连接，因而在 TIME_WAIT 中等待的端口更少。</translation>
    </message>
    <message>
        <source>A client that binds its source address should set IP_BIND_ADDRESS_NO_PORT first: the kernel then picks the port at connect() per destination instead of reserving it for every destination.</source>
        <translation>绑定源地址的客户端应先设置 IP_BIND_ADDRESS_NO_PORT：这样内核会在 connect() 时按目标选择端口，而不是为所有目标独占该端口。</translation>
    </message>
    <message>
        <source>Spread connections over more destination addresses or ports: each destination has the whole port range to itself.</source>
        <translation>将连接分散到更多目标地址或端口：每个目标都独享完整的端口范围。</translation>
    </message>
    <message>
        <source>TIME_WAIT itself cannot and should not be switched off: it protects new connections from segments of old ones. tcp_tw_recycle, which did, was removed from Linux in 4.12.</source>
        <translation>TIME_WAIT 本身无法也不应关闭：它保护新连接不受旧连接报文段的干扰。曾经能关闭它的 tcp_tw_recycle 已在 Linux 4.12 中移除。</translation>
    </message>
    <message>
        <source>The side that closes first keeps the TIME_WAIT: a server that closes idle clients could let them close instead.</source>
        <translation>先关闭的一方承担 TIME_WAIT：主动关闭空闲客户端的服务器可以改为让客户端关闭。</translation>
    </message>
    <message>
        <source>This is not your problem: the busiest destination%1 holds %2 of the usable local ports, below %3. If connect() still fails, look at the application (file descriptor limits, a full listen queue on the server) rather than the port range; nothing is proposed.</source>
        <translation>问题不在这里：最繁忙的目标%1占用了 %2 的可用本地端口，低于 %3。如果 connect() 仍然失败，请检查应用程序（文件描述符限制、服务器端监听队列已满），而不是端口范围；不提出任何更改。</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>no</source>
        <translation>没有</translation>
    </message>
    <message>
        <source>%1 is %2 (threshold %3)</source>
        <translation>%1为 %2（阈值 %3）</translation>
    </message>
    <message>
        <source>This is your problem: %1.</source>
        <translation>问题就在这里：%1。</translation>
    </message>
    <message>
        <source>No kernel setting would help here; see what the application can do.</source>
        <translation>没有内核参数能解决这一问题；请看应用程序可以做什么。</translation>
    </message>
    <message>
        <source>%1 fell from %2 to %3.</source>
        <translation>%1从 %2 降到了 %3。</translation>
    </message>
    <message>
        <source>%1 rose from %2 to %3: the change did not help so far.</source>
        <translation>%1从 %2 升到了 %3：到目前为止此更改没有帮助。</translation>
    </message>
    <message>
        <source>%1 stayed at %2.</source>
        <translation>%1保持在 %2。</translation>
    </message>
    <message>
        <source>A server drops or delays new connections</source>
        <translation>服务器丢弃或延迟新连接</translation>
    </message>
    <message>
        <source>Clients of a server on this machine time out or wait a second or more to connect. Connections that completed the handshake wait in the listener&apos;s accept queue until the application accepts them; when it is full the kernel drops them (ListenOverflows).</source>
        <translation>本机上某个服务器的客户端连接超时，或要等一秒以上才能连上。完成握手的连接在监听套接字的 accept 队列中等待，直到应用程序 accept 它们；队列满时内核会丢弃它们（ListenOverflows）。</translation>
    </message>
    <message>
        <source>Connections waiting in the accept queue of %1</source>
        <translation>在 %1 的 accept 队列中等待的连接</translation>
    </message>
    <message>
        <source>Backlog of %1 (what listen() asked for, capped by somaxconn)</source>
        <translation>%1 的 backlog（listen() 请求的值，受 somaxconn 限制）</translation>
    </message>
    <message>
        <source>Largest backlog the kernel grants (somaxconn)</source>
        <translation>内核允许的最大 backlog（somaxconn）</translation>
    </message>
    <message>
        <source>Connections dropped on a full accept queue</source>
        <translation>因 accept 队列已满而丢弃的连接</translation>
    </message>
    <message>
        <source>A listener keeps the backlog it asked for until it calls listen() again: after a larger somaxconn, restart the server (or make it listen again), and give listen() a larger backlog in its configuration.</source>
        <translation>监听套接字在再次调用 listen() 之前一直保持原来请求的 backlog：调大 somaxconn 后，请重启服务器（或让它重新监听），并在其配置中给 listen() 更大的 backlog。</translation>
    </message>
    <message>
        <source>A queue that fills whatever its size means the application accepts more slowly than clients arrive: more worker threads or processes, or SO_REUSEPORT listeners.</source>
        <translation>无论多大都会被占满的队列说明应用程序 accept 的速度跟不上客户端到达的速度：增加工作线程或进程，或使用 SO_REUSEPORT 监听套接字。</translation>
    </message>
    <message>
        <source>This is not your problem: no listener&apos;s accept queue is near full and none overflowed while measuring. Look at the network path (Links page) or the server&apos;s own latency instead; nothing is proposed.</source>
        <translation>问题不在这里：没有监听套接字的 accept 队列接近满，测量期间也没有溢出。请检查网络路径（链路页面）或服务器自身的延迟；不提出任何更改。</translation>
    </message>
    <message>
        <source>Fill of the accept queue of %1</source>
        <translation>%1 的 accept 队列占用率</translation>
    </message>
    <message>
        <source>How long a closed socket waits in FIN_WAIT2 (tcp_fin_timeout)</source>
        <translation>已关闭的套接字在 FIN_WAIT2 中等待的时长（tcp_fin_timeout）</translation>
    </message>
    <message>
        <source>This is not your problem: %1 sockets in TIME_WAIT are normal here. The table is not full, no closing socket skipped TIME_WAIT, orphans are far from their limit, few closed sockets wait in FIN_WAIT2 and TIME_WAIT holds no destination&apos;s ports. Nothing is proposed.</source>
        <translation>这不是您的问题：此处 %1 个处于 TIME_WAIT 的套接字是正常的。该表未满，没有正在关闭的套接字跳过 TIME_WAIT，孤儿套接字远未达到上限，在 FIN_WAIT2 中等待的已关闭套接字很少，且 TIME_WAIT 未占用任何目标的端口。不提出任何更改。</translation>
    </message>
    <message>
        <source>%1 (pid %2, %3, backlog %4)</source>
        <translation>%1（pid %2，%3，backlog %4）</translation>
    </message>
    <message>
        <source>%1 (owner unknown, backlog %2)</source>
        <translation>%1（所有者未知，backlog %2）</translation>
    </message>
    <message>
        <source>Restart after the change: %1.</source>
        <translation>更改后需重启：%1。</translation>
    </message>
    <message>
        <source>These asked listen() for less than somaxconn, so their own configuration must ask for more before a restart helps: %1.</source>
        <translation>这些监听者调用 listen() 时请求的 backlog 小于 somaxconn，因此必须先在其自身配置中调大 backlog，重启才会有效：%1。</translation>
    </message>
    <message>
        <source>Transfers are slow on long or fast links</source>
        <translation>长距离或高速链路上传输缓慢</translation>
    </message>
    <message>
        <source>A download or copy over a long or fast path stays far below the link&apos;s speed. A TCP connection keeps at most one window of data in flight, so filling a path takes a window of bandwidth × round-trip time (the bandwidth-delay product); the kernel&apos;s buffer maximums cap that window. Type the path&apos;s bandwidth and a host at its far end (its RTT is probed) or the RTT itself.</source>
        <translation>经由长距离或高速路径的下载或复制远低于链路速度。一个 TCP 连接在途的数据最多只有一个窗口，因此要跑满一条路径，窗口须达到 带宽 × 往返时间（带宽时延积）；内核的缓冲区上限限制了这个窗口。请输入路径带宽以及路径对端的一台主机（将探测其 RTT），或直接输入 RTT。</translation>
    </message>
    <message>
        <source>%1 ×</source>
        <translation>%1 倍</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 Mbit/s</source>
        <translation>%1 Mbit/s</translation>
    </message>
    <message>
        <source>One connection fills a path only with a window of the whole bandwidth-delay product; where buffers cannot grow that far (memory, a container), parallel streams share the window between them.</source>
        <translation>单个连接只有在窗口达到整个带宽时延积时才能跑满路径；若缓冲区无法增长到这么大（内存不足、在容器中），可用多条并行流分担这个窗口。</translation>
    </message>
    <message>
        <source>An application that sets SO_RCVBUF or SO_SNDBUF switches autotuning off for that socket and is capped by rmem_max / wmem_max: let it leave them unset, or size them from the bandwidth-delay product.</source>
        <translation>设置了 SO_RCVBUF 或 SO_SNDBUF 的应用程序会关闭该套接字的自动调优，并受 rmem_max / wmem_max 限制：让它不设置这些选项，或按带宽时延积设定其大小。</translation>
    </message>
    <message>
        <source>At 1 × or below, one connection&apos;s window can hold the whole bandwidth-delay product; a transfer toward the far end shows whether the path now fills (other limits: loss, the peer&apos;s buffers, the application).</source>
        <translation>在 1 倍及以下时，单个连接的窗口可以容纳整个带宽时延积；向对端做一次传输即可看出路径现在能否跑满（其他限制：丢包、对端的缓冲区、应用程序）。</translation>
    </message>
    <message>
        <source>Round-trip time of the path</source>
        <translation>路径的往返时间</translation>
    </message>
    <message>
        <source>Bandwidth of the path (as typed)</source>
        <translation>路径带宽（按输入）</translation>
    </message>
    <message>
        <source>Bandwidth-delay product (bandwidth × RTT)</source>
        <translation>带宽时延积（带宽 × RTT）</translation>
    </message>
    <message>
        <source>Buffer a connection needs (2 × BDP: half of a buffer is overhead)</source>
        <translation>一个连接所需的缓冲区（2 × BDP：缓冲区的一半是开销）</translation>
    </message>
    <message>
        <source>Largest receive buffer autotuning may grow to (tcp_rmem max)</source>
        <translation>自动调优可增长到的最大接收缓冲区（tcp_rmem 最大值）</translation>
    </message>
    <message>
        <source>Largest send buffer autotuning may grow to (tcp_wmem max)</source>
        <translation>自动调优可增长到的最大发送缓冲区（tcp_wmem 最大值）</translation>
    </message>
    <message>
        <source>Largest receive buffer an application may set (rmem_max)</source>
        <translation>应用程序可设置的最大接收缓冲区（rmem_max）</translation>
    </message>
    <message>
        <source>Largest send buffer an application may set (wmem_max)</source>
        <translation>应用程序可设置的最大发送缓冲区（wmem_max）</translation>
    </message>
    <message>
        <source>Buffer needed over the smaller autotuning maximum (tcp_rmem / tcp_wmem)</source>
        <translation>所需缓冲区与较小的自动调优上限之比（tcp_rmem / tcp_wmem）</translation>
    </message>
    <message>
        <source>Buffer needed over the smaller application maximum (rmem_max / wmem_max)</source>
        <translation>所需缓冲区与较小的应用程序上限之比（rmem_max / wmem_max）</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>%1 bytes (%2 MiB)</source>
        <translation>%1 字节（%2 MiB）</translation>
    </message>
    <message>
        <source>Nothing to judge yet: type the bandwidth and a host at the far end of the path (or its RTT), then measure. Nothing is proposed.</source>
        <translation>尚无可判断的内容：请输入带宽和路径对端的主机（或其 RTT），然后测量。不提出任何更改。</translation>
    </message>
    <message>
        <source>This is not your problem: at %1 and %2 a connection needs %3 of buffer, and the buffer maximums already allow that. If transfers are still slow, look at loss on the path (Links page), the peer&apos;s buffers or the application; nothing is proposed.</source>
        <translation>问题不在这里：在 %1 和 %2 下，一个连接需要 %3 的缓冲区，而缓冲区上限已经允许这么大。如果传输仍然缓慢，请检查路径上的丢包（链路页面）、对端的缓冲区或应用程序；不提出任何更改。</translation>
    </message>
    <message>
        <source>Idle connections die behind a NAT, or dead peers linger</source>
        <translation>NAT 后的空闲连接断开，或已失效的对端迟迟不被发现</translation>
    </message>
    <message>
        <source>The connection tracking table is full</source>
        <translation>连接跟踪表已满</translation>
    </message>
    <message>
        <source>Connections that sat idle for a while hang or are reset when they are used again (SSH sessions, database pools), or connections to a peer that vanished stay open for many minutes. A NAT gateway or firewall forgets a flow that stays idle longer than its timeout; keepalive probes keep it alive only if the first one goes before that.</source>
        <translation>空闲了一段时间的连接再次使用时卡住或被重置（SSH 会话、数据库连接池），或者通往已消失对端的连接在很多分钟内仍保持打开。NAT 网关或防火墙会遗忘空闲时间超过其超时的连接；只有第一次保活探测在此之前发出，保活才能让连接存活。</translation>
    </message>
    <message>
        <source>New connections through or to this machine fail at random while old ones work, and the kernel log says “nf_conntrack: table full, dropping packet”. Netfilter tracks every flow while nf_conntrack is loaded; when its table is full it drops the first packet of every new one.</source>
        <translation>经过或连向本机的新连接随机失败，而旧连接正常，内核日志显示“nf_conntrack: table full, dropping packet”。加载 nf_conntrack 后，netfilter 会跟踪每一条连接；跟踪表满时，它会丢弃每条新连接的第一个数据包。</translation>
    </message>
    <message>
        <source>Established TCP connections</source>
        <translation>已建立的 TCP 连接</translation>
    </message>
    <message>
        <source>Of them with a keepalive timer (the application set SO_KEEPALIVE)</source>
        <translation>其中带保活定时器的（应用程序设置了 SO_KEEPALIVE）</translation>
    </message>
    <message>
        <source>Idle timeout of the NAT or firewall (given)</source>
        <translation>NAT 或防火墙的空闲超时（给定值）</translation>
    </message>
    <message>
        <source>First keepalive probe after this much idle time (tcp_keepalive_time)</source>
        <translation>空闲多久后发出第一次保活探测（tcp_keepalive_time）</translation>
    </message>
    <message>
        <source>Between unanswered probes (tcp_keepalive_intvl)</source>
        <translation>未获应答的探测之间的间隔（tcp_keepalive_intvl）</translation>
    </message>
    <message>
        <source>Unanswered probes before the peer is declared dead (tcp_keepalive_probes)</source>
        <translation>判定对端失效前未获应答的探测次数（tcp_keepalive_probes）</translation>
    </message>
    <message>
        <source>An idle dead peer is noticed after</source>
        <translation>空闲的失效对端被发现所需时间</translation>
    </message>
    <message>
        <source>Retransmissions before giving up on a peer (tcp_retries2)</source>
        <translation>放弃对端前的重传次数（tcp_retries2）</translation>
    </message>
    <message>
        <source>A vanished peer with data in flight lingers for about</source>
        <translation>有数据在途时，已消失的对端大约滞留</translation>
    </message>
    <message>
        <source>Retransmission timeouts (TCPTimeouts)</source>
        <translation>重传超时（TCPTimeouts）</translation>
    </message>
    <message>
        <source>Keepalive probes sent (TCPKeepAlive)</source>
        <translation>已发送的保活探测（TCPKeepAlive）</translation>
    </message>
    <message>
        <source>Connections given up on after their retransmissions ran out (TCPAbortOnTimeout)</source>
        <translation>重传次数用尽后被放弃的连接（TCPAbortOnTimeout）</translation>
    </message>
    <message>
        <source>Tracked connections (nf_conntrack_count)</source>
        <translation>已跟踪的连接（nf_conntrack_count）</translation>
    </message>
    <message>
        <source>Size of the tracking table (nf_conntrack_max)</source>
        <translation>跟踪表大小（nf_conntrack_max）</translation>
    </message>
    <message>
        <source>Fill of the connection tracking table</source>
        <translation>连接跟踪表占用率</translation>
    </message>
    <message>
        <source>Keepalive sysctls only reach sockets whose application sets SO_KEEPALIVE (ssh: ServerAliveInterval or TCPKeepAlive; most database drivers and pools have a keepalive option). An application can also send its own heartbeat, which works through every NAT.</source>
        <translation>保活相关的 sysctl 只作用于应用程序设置了 SO_KEEPALIVE 的套接字（ssh：ServerAliveInterval 或 TCPKeepAlive；大多数数据库驱动和连接池都有保活选项）。应用程序也可以发送自己的心跳，它能穿过任何 NAT。</translation>
    </message>
    <message>
        <source>If the NAT gateway or firewall is yours, its idle timeout for TCP can be raised instead; a cloud NAT&apos;s timeout is usually fixed.</source>
        <translation>如果 NAT 网关或防火墙归您管理，也可以改为调大它的 TCP 空闲超时；云服务商 NAT 的超时通常是固定的。</translation>
    </message>
    <message>
        <source>Flows that need no tracking (a busy local web server, DNS) can skip it with a NOTRACK rule in the raw table; a shorter nf_conntrack_tcp_timeout_established frees entries of connections that died without closing.</source>
        <translation>不需要跟踪的流量（繁忙的本地 Web 服务器、DNS）可以用 raw 表中的 NOTRACK 规则跳过跟踪；缩短 nf_conntrack_tcp_timeout_established 可以释放那些未正常关闭就已失效的连接所占的条目。</translation>
    </message>
    <message>
        <source>This is not your problem: nf_conntrack is not loaded (there is no net.netfilter.nf_conntrack_count), so netfilter tracks no connections and has no table to fill. Nothing is proposed.</source>
        <translation>问题不在这里：nf_conntrack 未加载（没有 net.netfilter.nf_conntrack_count），因此 netfilter 不跟踪任何连接，也就没有会被占满的表。不提出任何更改。</translation>
    </message>
    <message>
        <source>This is not your problem: the connection tracking table is %1 full, below %2. If new connections still fail, look at the accept queue (server drops) or the ports (outgoing connections) instead; nothing is proposed.</source>
        <translation>问题不在这里：连接跟踪表的占用率为 %1，低于 %2。如果新连接仍然失败，请改为检查 accept 队列（服务器丢弃连接）或端口（出站连接）；不提出任何更改。</translation>
    </message>
    <message>
        <source>The keepalive settings could not be read; nothing is proposed.</source>
        <translation>无法读取保活设置；不提出任何更改。</translation>
    </message>
    <message>
        <source>Enter the idle timeout of the NAT or firewall between the hosts above: keepalive is judged against it. Until then nothing is proposed.</source>
        <translation>请在上方输入主机之间 NAT 或防火墙的空闲超时：保活设置要与它比较来判断。在此之前不提出任何更改。</translation>
    </message>
    <message>
        <source>This is not your problem: the first keepalive probe goes after %1 idle, before the NAT or firewall forgets the flow after %2. Nothing is proposed.</source>
        <translation>问题不在这里：第一次保活探测在空闲 %1 后发出，早于 NAT 或防火墙在 %2 后遗忘该连接。不提出任何更改。</translation>
    </message>
    <message>
        <source>Connections do time out (%1): their peers or the path fail while data is in flight; look at retransmissions on the Links page.</source>
        <translation>确实有连接超时（%1）：数据在途时它们的对端或路径出了故障；请在链路页面查看重传情况。</translation>
    </message>
    <message>
        <source>Only %1 of %2 established connections have keepalive on: the others get no probes at any setting.</source>
        <translation>%2 个已建立的连接中只有 %1 个启用了保活：其余连接无论如何设置都不会收到探测。</translation>
    </message>
</context>
<context>
    <name>WizardReport</name>
    <message>
        <source>Host: %1</source>
        <translation>主机：%1</translation>
    </message>
    <message>
        <source>Kernel: %1</source>
        <translation>内核：%1</translation>
    </message>
    <message>
        <source>Time range: %1 to %2 UTC</source>
        <translation>时间范围：%1 至 %2 UTC</translation>
    </message>
    <message>
        <source>Symptom: %1</source>
        <translation>症状：%1</translation>
    </message>
    <message>
        <source>Evidence (measured at %1 UTC):</source>
        <translation>证据（测量于 %1 UTC）：</translation>
    </message>
    <message>
        <source>(threshold %1, %2)</source>
        <translation>（阈值 %1，%2）</translation>
    </message>
    <message>
        <source>over</source>
        <translation>超过</translation>
    </message>
    <message>
        <source>fine</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Plan (old → new):</source>
        <translation>方案（旧值 → 新值）：</translation>
    </message>
    <message>
        <source>Applied by %1 at %2 UTC in transaction %3.</source>
        <translation>由 %1 于 %2 UTC 在事务 %3 中应用。</translation>
    </message>
    <message>
        <source>Not applied.</source>
        <translation>未应用。</translation>
    </message>
    <message>
        <source>Kept, and persisted to sysctl.d.</source>
        <translation>已保留，并持久保存到 sysctl.d。</translation>
    </message>
    <message>
        <source>Kept, not persisted: it lasts until the next boot.</source>
        <translation>已保留，未持久保存：在下次启动前有效。</translation>
    </message>
    <message>
        <source>Not kept: the helper restored every value.</source>
        <translation>未保留：助手恢复了所有值。</translation>
    </message>
    <message>
        <source>Measured effect:</source>
        <translation>测得的效果：</translation>
    </message>
    <message>
        <source>No sample after the change yet.</source>
        <translation>尚无更改之后的采样。</translation>
    </message>
    <message>
        <source>Samples in series.csv: %1</source>
        <translation>series.csv 中的采样数：%1</translation>
    </message>
    <message>
        <source>Could not create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>The Chinese catalogue is not built into this program, so summary.zh_CN.txt was not written.</source>
        <translation>本程序未内置中文翻译目录，因此未写入 summary.zh_CN.txt。</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Applied: %1</source>
        <translation>已应用：%1</translation>
    </message>
    <message>
        <source>Before and after</source>
        <translation>更改前后</translation>
    </message>
</context>
</TS>
