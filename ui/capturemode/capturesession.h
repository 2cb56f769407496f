// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/analyser.h"
#include "base/result.h"
#include "capture/capturebundle.h"
#include "capture/observation.h"
#include "models/tuningreading.h"
#include "sampling/snapshot.h"

#include <QString>

#include <memory>

namespace Sockpit {

// A capture bundle opened in the window: unpacked, observed and analysed in one go, off
// the GUI thread, so the window either shows all of it or none of it.
class CaptureSession
{
public:
    // The captures' takes run on a clock of their own, far above the sampler's (which
    // counts from its start): the first live snapshot after a capture closes is "earlier"
    // than the capture's, and every chart drops the capture's points instead of joining
    // them to live ones.
    static constexpr qint64 MonotonicBaseMs = qint64(1) << 50;

    // Blocking (unpacks, reads and analyses the bundle): call it off the GUI thread.
    static Result<std::shared_ptr<CaptureSession>> open(const QString &path, const AnalysisOptions &options);

    QString path() const { return m_path; }
    const BundleInfo &info() const { return m_bundle.info; }
    // The bundle's host name, or the kernel's as the tree holds it.
    QString hostName() const;
    const Observation &observation() const { return m_observation; }
    const AnalysisReport &report() const { return m_report; }
    // The takes, oldest first (one when the bundle has no second take), on MonotonicBaseMs.
    const std::vector<Snapshot> &takes() const { return m_takes; }
    // Where the Tuning page reads the server's sysctls: the bundle's sys/ tree. Nothing
    // is persisted there and no helper of this machine runs for it.
    TuningEnvironment tuningEnvironment() const;

private:
    CaptureSession() = default;

    QString m_path;
    LoadedBundle m_bundle;
    Observation m_observation;
    AnalysisReport m_report;
    std::vector<Snapshot> m_takes;
};

} // namespace Sockpit
