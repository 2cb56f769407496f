// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/capturebundle.h"

#include "base/atomicfile.h"
#include "base/jsonwriter.h"
#include "base/systemerror.h"
#include "capture/kernellog.h"
#include "capture/observation.h"
#include "capture/socketdump.h"
#include "sampling/sampler.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace Sockpit {

namespace {

// A bundle is read into memory whole; a capture of a host with a million sockets is
// about 200 MB, so 1 GiB leaves room and still refuses a wrong file quickly.
constexpr qint64 MaximumBundleBytes = qint64(1) << 30;

const char16_t *const TakeFiles[] = {u"net/snmp", u"net/netstat", u"net/sockstat", u"net/sockstat6",
                                     u"net/tcp",  u"net/tcp6",    u"net/udp",      u"net/udp6"};

Result<void> writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    return {};
}

QString sysctlPath(const QString &key)
{
    return QStringLiteral("sys/") + QString(key).replace(QLatin1Char('.'), QLatin1Char('/'));
}

Result<void> makeLink(const QString &to, const QString &at)
{
    QDir().mkpath(QFileInfo(at).path());
    if (::symlink(QFile::encodeName(to).constData(), QFile::encodeName(at).constData()) != 0)
        return systemError(QStringLiteral("cannot create %1").arg(at), errno);
    return {};
}

// One take: the net/ files and the socket dump in TARGET; with OWNERSTARGET, the owners'
// /proc/PID entries there.
Result<void> captureTake(const ProcRoot &proc, Sampler &sampler, const QString &target, const QString &ownersTarget)
{
    for (const char16_t *name : TakeFiles) {
        const QStringView file(name);
        auto text = proc.read(file);
        if (!text) {
            if (text.errorCode() == ENOENT && file.endsWith(u'6'))
                continue; // no IPv6 in this kernel
            return Error{text.error()};
        }
        if (auto written = writeFile(target + QLatin1Char('/') + file, text.value()); !written)
            return written;
    }
    SamplerOptions options;
    options.owners = !ownersTarget.isEmpty();
    options.tcpInfo = false;
    auto snapshot = sampler.sample(options);
    if (!snapshot)
        return Error{snapshot.error()};
    if (auto written = writeFile(target + QStringLiteral("/sockpit/sockets.json"), writeSocketDump(snapshot->sockets()));
        !written)
        return written;
    if (ownersTarget.isEmpty())
        return {};
    // The owners' /proc/PID entries: stat, cmdline and status as they are, and one fd
    // link per socket the process holds, so the owner lookup runs unchanged on the copy.
    QHash<int, int> nextFd;
    QSet<int> copied;
    for (const SocketRecord &socket : snapshot->sockets()) {
        const ProcessInfo *owner = socket.inode ? snapshot->owners().owner(socket.inode) : nullptr;
        if (!owner)
            continue;
        const QString pid = QString::number(owner->pid);
        if (!copied.contains(owner->pid)) {
            copied.insert(owner->pid);
            for (const char *entry : {"stat", "cmdline", "status"}) {
                const QString relative = pid + QLatin1Char('/') + QLatin1String(entry);
                if (auto text = proc.read(relative))
                    if (auto written = writeFile(ownersTarget + QLatin1Char('/') + relative, text.value()); !written)
                        return written;
            }
        }
        const int fd = nextFd[owner->pid]++;
        const QString link = ownersTarget + QLatin1Char('/') + pid + QStringLiteral("/fd/") + QString::number(fd);
        if (auto made = makeLink(QStringLiteral("socket:[%1]").arg(socket.inode), link); !made)
            return made;
    }
    return {};
}

bool safeRelativePath(const QString &path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || path.size() > 512)
        return false;
    for (const QString &part : path.split(QLatin1Char('/'))) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return false;
        for (const QChar c : part)
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                return false;
    }
    return true;
}

} // namespace

Result<void> captureTree(const QString &directory, const CaptureOptions &options)
{
    const ProcRoot proc(options.procDirectory);
    if (auto probe = proc.read(u"net/sockstat"); !probe)
        return Error{probe.error()};

    // What does not change between the takes: sysctls, kernel release, host name.
    for (const QString &key : analysedSysctls()) {
        auto value = proc.sysctl(key);
        if (!value)
            continue; // absent on this kernel (nf_conntrack not loaded, say)
        if (auto written = writeFile(directory + QLatin1Char('/') + sysctlPath(key), value.value() + '\n'); !written)
            return written;
    }
    for (const char16_t *name : {u"sys/kernel/osrelease", u"sys/kernel/hostname", u"meminfo"}) {
        if (auto text = proc.read(QStringView(name)))
            if (auto written = writeFile(directory + QLatin1Char('/') + QStringView(name), text.value()); !written)
                return written;
    }

    // sockstat's mem and tcp_mem count pages; meminfo counts KiB.
    if (auto written = writeFile(directory + QStringLiteral("/sockpit/page_size"),
                                 QByteArray::number(qint64(::sysconf(_SC_PAGESIZE))) + '\n');
        !written)
        return written;

    // Which qdiscs the kernel has: only its module tree says (default_qdisc=fq needs sch_fq).
    const auto release = proc.read(u"sys/kernel/osrelease");
    if (const QueueDisciplines qdiscs = kernelQueueDisciplines(release ? QString::fromUtf8(release.value().trimmed()) : QString());
        qdiscs.complete || !qdiscs.names.isEmpty())
        if (auto written = writeFile(directory + QStringLiteral("/sockpit/qdiscs"), queueDisciplinesText(qdiscs)); !written)
            return written;

    Sampler sampler(proc);
    QElapsedTimer clock;
    clock.start();
    if (auto take = captureTake(proc, sampler, directory, QString()); !take)
        return take;
    if (!options.wait)
        QThread::msleep(static_cast<unsigned long>(options.intervalMs));
    else if (!options.wait(options.intervalMs))
        return Error{QStringLiteral("the capture was abandoned between its takes"), ECANCELED};
    const qint64 elapsed = clock.elapsed();
    const QString later = directory + QStringLiteral("/later");
    // The owners belong to the sockets of the later take, the one the findings describe;
    // their entries live in the tree's root, where /proc keeps them.
    if (auto take = captureTake(proc, sampler, later, directory); !take)
        return take;
    if (auto count = proc.sysctl(u"net/netfilter/nf_conntrack_count"))
        if (auto written = writeFile(later + QStringLiteral("/sys/net/netfilter/nf_conntrack_count"), count.value() + '\n');
            !written)
            return written;
    if (auto written = writeFile(later + QStringLiteral("/interval_ms"), QByteArray::number(elapsed) + '\n'); !written)
        return written;

    const KernelLog log = readKernelLog(options.kernelLog);
    if (log.available) {
        QByteArray lines;
        for (const KernelLogLine &line : log.lines)
            lines += formatKmsgRecord(line.record) + '\n';
        if (auto written = writeFile(directory + QStringLiteral("/sockpit/kmsg"), lines); !written)
            return written;
        if (auto written = writeFile(directory + QStringLiteral("/sockpit/kmsg-source"), log.source.toUtf8() + '\n');
            !written)
            return written;
    } else if (auto written = writeFile(directory + QStringLiteral("/sockpit/kmsg-unavailable"),
                                        log.unavailableReason.toUtf8() + '\n');
               !written) {
        return written;
    }
    return {};
}

Result<Observation> observeLive(const CaptureOptions &options)
{
    QTemporaryDir tree;
    if (!tree.isValid())
        return Error{QStringLiteral("cannot create a temporary directory: %1").arg(tree.errorString())};
    if (auto captured = captureTree(tree.path(), options); !captured)
        return captured.failure();
    return observeTree(ProcRoot(tree.path()));
}

Result<QByteArray> bundleDocument(const QString &treeDirectory)
{
    const QDir tree(treeDirectory);
    QJsonObject files;
    QJsonObject links;
    QDirIterator it(treeDirectory, QDir::Files | QDir::System | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString relative = tree.relativeFilePath(path);
        if (info.isSymLink()) {
            // The raw target: QFileInfo::symLinkTarget() would make it an absolute path.
            QByteArray raw(256, '\0');
            const ssize_t n = ::readlink(QFile::encodeName(path).constData(), raw.data(), size_t(raw.size()));
            links.insert(relative, n > 0 ? QString::fromUtf8(raw.constData(), n) : QString());
            continue;
        }
        auto content = readWholeFile(path);
        if (!content)
            return Error{content.error()};
        files.insert(relative, QString::fromUtf8(content.value()));
    }
    const ProcRoot root(treeDirectory);
    auto text = [&](QStringView relative) {
        auto read = root.read(relative);
        return read ? QString::fromUtf8(read.value().trimmed()) : QString();
    };
    QJsonObject document{
        {QStringLiteral("schema"), QLatin1String(BundleSchema)},
        {QStringLiteral("taken_at"), QString::fromLatin1(isoUtc(QDateTime::currentDateTimeUtc()))},
        {QStringLiteral("kernel"), text(u"sys/kernel/osrelease")},
        {QStringLiteral("host"), text(u"sys/kernel/hostname")},
        {QStringLiteral("interval_ms"), text(u"later/interval_ms").toLongLong()},
        {QStringLiteral("files"), files},
        {QStringLiteral("links"), links},
    };
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

Result<void> writeBundle(const QString &treeDirectory, const QString &file, bool overwrite)
{
    const QFileInfo target(file);
    if (target.exists() && !overwrite)
        return Error{QStringLiteral("%1 exists; pass --force to replace it").arg(file), EEXIST};
    if (target.isDir())
        return Error{QStringLiteral("%1 is a directory").arg(file), EISDIR};
    auto document = bundleDocument(treeDirectory);
    if (!document)
        return Error{document.error(), document.errorCode()};
    const QFileInfo absolute(target.absoluteFilePath());
    return AtomicFile::write(absolute.path(), absolute.fileName(), document.value(), 0644);
}

Result<LoadedBundle> loadBundle(const QString &file)
{
    const QFileInfo info(file);
    if (!info.exists())
        return Error{QStringLiteral("bundle %1 does not exist").arg(file), ENOENT};
    if (!info.isFile())
        return Error{QStringLiteral("bundle %1 is not a file").arg(file), EINVAL};
    if (info.size() > MaximumBundleBytes)
        return Error{QStringLiteral("bundle %1 is larger than 1 GiB").arg(file), EFBIG};
    auto content = readWholeFile(file);
    if (!content)
        return content.failure();
    return readBundle(content.value(), file);
}

Result<LoadedBundle> loadBundleFromStdin()
{
    const QString name = QStringLiteral("on standard input");
    QByteArray content;
    char chunk[1 << 16];
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return systemError(QStringLiteral("cannot read the bundle from standard input"), errno);
        }
        if (content.size() + n > MaximumBundleBytes)
            return Error{QStringLiteral("the bundle on standard input is larger than 1 GiB"), EFBIG};
        content.append(chunk, n);
    }
    return readBundle(content, name);
}

Result<LoadedBundle> readBundle(const QByteArray &content, const QString &name)
{
    if (content.trimmed().isEmpty())
        return Error{QStringLiteral("bundle %1 is empty").arg(name), EINVAL};
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(content, &parseError);
    if (document.isNull()) {
        // A copy cut short (a dropped ssh, a full disk) fails where the text runs out.
        qsizetype end = content.size();
        while (end > 0 && QChar::isSpace(uchar(content.at(end - 1))))
            --end;
        if (parseError.offset >= end)
            return Error{QStringLiteral("bundle %1 is truncated: it ends after %2 bytes, in the middle of the document")
                             .arg(name)
                             .arg(content.size()),
                         EINVAL};
        return Error{QStringLiteral("bundle %1 is damaged: %2 at byte %3")
                         .arg(name, parseError.errorString())
                         .arg(parseError.offset),
                     EINVAL};
    }
    if (!document.isObject())
        return Error{QStringLiteral("%1 is not a capture bundle: it is JSON but not an object").arg(name), EINVAL};
    const QJsonObject root = document.object();
    const QJsonValue schemaValue = root.value(QStringLiteral("schema"));
    if (!schemaValue.isString())
        return Error{QStringLiteral("%1 is not a capture bundle: it has no \"schema\"").arg(name), EINVAL};
    const QString schema = schemaValue.toString();
    // sockpit.bundle/N: a later N was written by a later Sockpit, whose layout this one
    // cannot vouch for; an earlier one does not exist.
    static const QRegularExpression bundleVersion(QStringLiteral("^sockpit\\.bundle/([0-9]{1,9})$"));
    if (const auto match = bundleVersion.match(schema); match.hasMatch() && schema != QLatin1String(BundleSchema))
        return Error{QStringLiteral("bundle %1 is %2, from a newer Sockpit; this version reads %3")
                         .arg(name, schema, QLatin1String(BundleSchema)),
                     EPROTONOSUPPORT};
    if (schema != QLatin1String(BundleSchema))
        return Error{QStringLiteral("%1 is not a capture bundle: schema \"%2\", expected %3")
                         .arg(name, schema.left(80), QLatin1String(BundleSchema)),
                     EINVAL};
    const QJsonValue filesValue = root.value(QStringLiteral("files"));
    const QJsonValue linksValue = root.value(QStringLiteral("links"));
    if (!filesValue.isObject() || !(linksValue.isObject() || linksValue.isUndefined()))
        return Error{QStringLiteral("bundle %1 is damaged: \"files\" is missing or not an object").arg(name), EINVAL};

    LoadedBundle loaded;
    const QJsonValue takenAt = root.value(QStringLiteral("taken_at"));
    loaded.info.takenAt = QDateTime::fromString(takenAt.toString(), Qt::ISODateWithMs);
    if (!takenAt.isString() || !loaded.info.takenAt.isValid())
        return Error{QStringLiteral("bundle %1 is damaged: \"taken_at\" is missing or not an ISO 8601 time").arg(name),
                     EINVAL};
    loaded.info.takenAt = loaded.info.takenAt.toUTC();
    const QJsonValue interval = root.value(QStringLiteral("interval_ms"));
    if (!(interval.isDouble() || interval.isUndefined()) || interval.toDouble() < 0)
        return Error{QStringLiteral("bundle %1 is damaged: \"interval_ms\" is not a number of milliseconds").arg(name),
                     EINVAL};
    loaded.info.intervalMs = qint64(interval.toDouble());
    loaded.info.host = root.value(QStringLiteral("host")).toString().left(256);
    loaded.info.kernel = root.value(QStringLiteral("kernel")).toString().left(256);

    loaded.directory = std::make_unique<QTemporaryDir>();
    if (!loaded.directory->isValid())
        return Error{QStringLiteral("cannot create a temporary directory: %1").arg(loaded.directory->errorString())};
    const QString base = loaded.directory->path();
    const QJsonObject files = filesValue.toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!safeRelativePath(it.key()) || !it.value().isString())
            return Error{QStringLiteral("bundle %1 is damaged: bad file entry \"%2\"").arg(name, it.key().left(80)), EINVAL};
        if (auto written = writeFile(base + QLatin1Char('/') + it.key(), it.value().toString().toUtf8()); !written)
            return Error{written.error()};
    }
    // Only owners' fd links are links: PID/fd/N -> socket:[INODE].
    static const QRegularExpression linkPath(QStringLiteral("^(later/)?[0-9]+/fd/[0-9]+$"));
    static const QRegularExpression linkTarget(QStringLiteral("^socket:\\[[0-9]+\\]$"));
    const QJsonObject links = linksValue.toObject();
    for (auto it = links.begin(); it != links.end(); ++it) {
        const QString to = it.value().toString();
        if (!linkPath.match(it.key()).hasMatch() || !linkTarget.match(to).hasMatch())
            return Error{QStringLiteral("bundle %1 is damaged: bad link entry \"%2\"").arg(name, it.key().left(80)), EINVAL};
        const QString at = base + QLatin1Char('/') + it.key();
        if (auto made = makeLink(to, at); !made)
            return Error{made.error()};
    }
    auto located = ProcRoot::locate(base);
    if (!located)
        return Error{QStringLiteral("bundle %1 holds no net/tcp: not a capture").arg(name), EINVAL};
    loaded.root = located.value();
    return loaded;
}

Result<Observation> observeBundle(const LoadedBundle &bundle, const QString &name)
{
    auto observation = observeTree(bundle.root);
    if (!observation) {
        // The unpacked copy's path means nothing to the user; the bundle's name does.
        QString message = observation.error();
        message.replace(bundle.root.directory() + QLatin1Char('/'), QString());
        message.replace(bundle.directory->path() + QLatin1Char('/'), QString());
        return Error{QStringLiteral("bundle %1 is damaged: %2").arg(name, message), EINVAL};
    }
    // The takes carry the capture's own times: the later one ended at taken_at, the
    // earlier one began interval_ms before it.
    Observation stamped = std::move(observation).value();
    const qint64 intervalMs = stamped.hasRates() ? qint64(stamped.intervalSeconds * 1000.0) : 0;
    if (!stamped.earlier.isNull())
        stamped.earlier =
            SnapshotBuilder(stamped.earlier).setTakenAt(bundle.info.takenAt.addMSecs(-intervalMs), 0).build();
    stamped.later = SnapshotBuilder(stamped.later).setTakenAt(bundle.info.takenAt, intervalMs).build();
    return stamped;
}

} // namespace Sockpit
