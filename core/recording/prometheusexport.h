// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/metricscollector.h"

#include <QByteArray>
#include <QStringView>

namespace Sockpit {

struct MetricsOptions
{
    // Destinations and listeners beyond the first TOP are left out, so a host with
    // thousands of peers still exposes a bounded number of series.
    int top = 20;
};

// SAMPLE in the Prometheus text exposition format, version 0.0.4 (Prometheus's
// docs/instrumenting/exposition_formats.md): "# HELP" and "# TYPE" before every family,
// names sockpit_*, base units (seconds, ratios 0..1), "_total" on counters, no timestamps,
// as node_exporter's textfile collector requires. The families and their meaning are in
// README.md, "Fleets".
QByteArray prometheusText(const MetricsSample &sample, const MetricsOptions &options);

// A label value as the format writes it between double quotes: backslash, double quote
// and line feed escaped as \\, \" and \n; everything else as UTF-8.
QByteArray escapeLabelValue(QStringView value);

} // namespace Sockpit
