// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturemode/capturesession.h"

#include <QFileInfo>

namespace Sockpit {

namespace {

Snapshot onCaptureClock(const Snapshot &take)
{
    return SnapshotBuilder(take)
        .setTakenAt(take.takenAt(), CaptureSession::MonotonicBaseMs + take.monotonicMs())
        .build();
}

} // namespace

Result<std::shared_ptr<CaptureSession>> CaptureSession::open(const QString &path, const AnalysisOptions &options)
{
    auto loaded = loadBundle(path);
    if (!loaded)
        return Error{loaded.error(), loaded.errorCode()};
    std::shared_ptr<CaptureSession> session(new CaptureSession);
    session->m_path = path;
    session->m_bundle = std::move(loaded).value();
    auto observed = observeBundle(session->m_bundle, path);
    if (!observed)
        return Error{observed.error(), observed.errorCode()};
    session->m_observation = std::move(observed).value();
    // The same analysis 'recommend --bundle' runs.
    session->m_report = analyse(session->m_observation, options);
    if (!session->m_observation.earlier.isNull())
        session->m_takes.push_back(onCaptureClock(session->m_observation.earlier));
    session->m_takes.push_back(onCaptureClock(session->m_observation.later));
    return session;
}

QString CaptureSession::hostName() const
{
    return !m_bundle.info.host.isEmpty() ? m_bundle.info.host : m_observation.hostName;
}

TuningEnvironment CaptureSession::tuningEnvironment() const
{
    TuningEnvironment environment;
    environment.sysctlRoot = m_bundle.root.path(u"sys");
    // The server's sysctl.d file is not in the bundle; a directory that cannot exist keeps
    // the plans from laying this machine's file over the server's values.
    environment.sysctlDDirectory = m_bundle.directory->path() + QStringLiteral("/no-sysctl.d");
    return environment;
}

} // namespace Sockpit
