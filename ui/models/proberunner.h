// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/prober.h"

#include <QObject>
#include <QThread>

namespace Sockpit {

// Runs a Prober for the Links page on a worker thread of its own: resolving names,
// opening sockets and probing never happen on the GUI thread. Every change of the target
// list replaces the prober (a Prober takes its targets before start()); samples of a
// replaced prober that are still in flight are dropped.
class ProbeRunner final : public QObject
{
    Q_OBJECT
public:
    explicit ProbeRunner(ProberOptions options = {}, QObject *parent = nullptr);
    ~ProbeRunner() override;

    // Probes these targets from now on; an empty list stops probing.
    void setTargets(const QList<ProbeTarget> &targets);
    // What the current prober was started with, https credentials included: the
    // Authorization values live here and in the prober only, for as long as they probe.
    const QList<ProbeTarget> &targets() const { return m_targets; }
    int generation() const { return m_generation; }
    QThread *thread() { return &m_thread; }

Q_SIGNALS:
    // The target is probed at this numeric address (method: "ping socket", "raw socket"
    // or empty for tcp and https).
    void targetOpened(const QString &text, const QString &address, const QString &method);
    // It cannot be probed: the resolver's or the socket's reason.
    void targetFailed(const QString &text, const QString &error);
    void sampleReady(const QString &text, const Sockpit::ProbeSample &sample);

private:
    void stopCurrent(Qt::ConnectionType connection);

    ProberOptions m_options;
    QThread m_thread;
    Prober *m_prober = nullptr; // lives on m_thread
    QList<ProbeTarget> m_targets;
    int m_generation = 0;
};

} // namespace Sockpit
