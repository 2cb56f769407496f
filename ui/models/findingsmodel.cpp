// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/findingsmodel.h"

#include "models/socketformat.h"
#include "style/palette.h"

#include <QApplication>
#include <QLocale>
#include <QSet>
#include <QStyle>

#include <algorithm>
#include <cmath>

namespace Sockpit {

FindingsModel::FindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString FindingsModel::findingKey(const Finding &finding)
{
    return finding.subject.isEmpty() ? finding.id : finding.id + QLatin1Char(' ') + finding.subject;
}

void FindingsModel::clear()
{
    beginResetModel();
    m_report.reset();
    m_rows.clear();
    m_tracked.clear();
    endResetModel();
}

void FindingsModel::setReport(const AnalysisReport &report)
{
    beginResetModel();
    m_report = report;
    QSet<QString> seen;
    int order = 0;
    for (const Finding &finding : report.findings) {
        const QString key = findingKey(finding);
        seen.insert(key);
        Tracked &tracked = m_tracked[key];
        tracked.tracker.update(1);
        tracked.finding = finding;
        tracked.order = order++;
    }
    for (auto it = m_tracked.begin(); it != m_tracked.end();) {
        if (!seen.contains(it->first))
            it->second.tracker.update(0);
        // Gone from the report and not shown: nothing left to track.
        if (!seen.contains(it->first) && !it->second.tracker.isRaised())
            it = m_tracked.erase(it);
        else
            ++it;
    }
    m_rows.clear();
    for (const auto &[key, tracked] : m_tracked)
        if (tracked.tracker.isRaised())
            m_rows.push_back(&tracked);
    // Most severe first; within a severity, the analyser's own order.
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Tracked *a, const Tracked *b) {
        if (a->finding.severity != b->finding.severity)
            return a->finding.severity > b->finding.severity;
        return a->order < b->order;
    });
    endResetModel();
}

bool FindingsModel::hasPendingChanges() const
{
    // Raised but absent now, or present but not raised yet: the next analysis decides.
    if (!m_report)
        return false;
    QSet<QString> seen;
    for (const Finding &finding : m_report->findings)
        seen.insert(findingKey(finding));
    return std::any_of(m_tracked.begin(), m_tracked.end(), [&seen](const auto &entry) {
        return entry.second.tracker.isRaised() != seen.contains(entry.first);
    });
}

const Finding *FindingsModel::finding(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return nullptr;
    return &m_rows[size_t(row)]->finding;
}

QString FindingsModel::key(int row) const
{
    const Finding *found = finding(row);
    return found ? findingKey(*found) : QString();
}

int FindingsModel::rowOf(const QString &key) const
{
    for (int row = 0; row < int(m_rows.size()); ++row)
        if (findingKey(m_rows[size_t(row)]->finding) == key)
            return row;
    return -1;
}

QString FindingsModel::summary() const
{
    if (!m_report)
        return tr("Analysing this machine…");
    QStringList parts;
    if (m_rows.empty()) {
        QString checked = tr("ephemeral ports per destination, accept queues, TIME_WAIT bucket overflows, "
                             "TCP memory, orphans, conntrack and ping_group_range");
        if (m_report->hasRates)
            checked = tr("ephemeral ports per destination, accept queues and listen overflows, TIME_WAIT bucket "
                         "overflows, retransmissions, TCP memory, orphans, conntrack and ping_group_range "
                         "over %1 s")
                          .arg(QLocale().toString(m_report->intervalSeconds, 'f', 1));
        parts << tr("Nothing needs attention: checked %1.").arg(checked);
    } else {
        parts << tr("%n finding(s).", nullptr, int(m_rows.size()));
    }
    if (m_report->kernelLog.available)
        parts << tr("Kernel log read: %n relevant line(s).", nullptr, int(m_report->kernelLog.lines.size()));
    else
        parts << tr("Kernel log not read (%1); its messages are not part of this analysis.")
                     .arg(m_report->kernelLog.unavailableReason);
    if (hasPendingChanges())
        parts << tr("A change waits for the next analysis to confirm it.");
    return parts.join(QLatin1Char(' '));
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    const Finding *found = index.isValid() ? finding(index.row()) : nullptr;
    if (!found)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case SeverityColumn:
            return severityText(found->severity);
        case TitleColumn:
            return found->title.translated();
        case EvidenceColumn:
            return keyEvidence(*found);
        case ColumnCount:
            break;
        }
        break;
    case Qt::ToolTipRole:
        return index.column() == EvidenceColumn ? keyEvidence(*found) : found->title.translated();
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return severityIcon(found->severity);
        break;
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn)
            return severityColor(found->severity);
        break;
    default:
        break;
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case SeverityColumn:
        return tr("Severity");
    case TitleColumn:
        return tr("Finding");
    case EvidenceColumn:
        return tr("Evidence");
    case ColumnCount:
        break;
    }
    return {};
}

QStringList FindingsModel::reportLines() const
{
    QStringList lines;
    for (int row = 0; row < int(m_rows.size()); ++row) {
        const Finding *shown = finding(row);
        if (!shown)
            continue;
        lines << tr("%1: %2 (%3)").arg(severityText(shown->severity), shown->title.translated(), keyEvidence(*shown));
        for (const ProposedChange &change : shown->changes)
            lines << tr("    proposed: %1 = %2 (now %3)")
                         .arg(change.key, change.value, change.current.isEmpty() ? tr("unknown") : change.current);
    }
    return lines;
}

QString FindingsModel::severityText(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return tr("info");
    case Severity::Warning:
        return tr("warning");
    case Severity::Critical:
        return tr("critical");
    }
    return {};
}

QColor FindingsModel::severityColor(Severity severity)
{
    // The tiles' colours, so a critical finding and a critical figure look alike.
    return Palette::severity(severity);
}

QIcon FindingsModel::severityIcon(Severity severity)
{
    QStyle *style = QApplication::style();
    if (!style)
        return {};
    switch (severity) {
    case Severity::Info:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    case Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Severity::Critical:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    }
    return {};
}

QString FindingsModel::valueText(double value, const QString &unit)
{
    if (std::isnan(value))
        return SocketFormat::notKnown();
    // Units are the analyser's words (finding.h); a ratio reads best as a percentage.
    if (unit == QLatin1String("ratio"))
        return SocketFormat::percent(value);
    const bool whole = std::abs(value - std::round(value)) < 1e-9 && std::abs(value) < 1e15;
    const QString number =
        whole ? QLocale().toString(qint64(std::llround(value))) : QLocale().toString(value, 'f', std::abs(value) < 10 ? 2 : 1);
    return unit.isEmpty() ? number : tr("%1 %2").arg(number, FindingText::translateWord(unit));
}

QString FindingsModel::evidenceText(const Evidence &evidence)
{
    // The rules mark metric, unit and worded sources for translation; paths and counter
    // names have no translation and stay as the kernel spells them.
    return tr("%1: %2 (%3)")
        .arg(FindingText::translateWord(evidence.metric), valueText(evidence.value, evidence.unit),
            FindingText::translateWord(evidence.source));
}

QString FindingsModel::keyEvidence(const Finding &finding)
{
    QStringList parts;
    for (size_t i = 0; i < finding.evidence.size() && i < 2; ++i)
        parts << tr("%1: %2").arg(FindingText::translateWord(finding.evidence[i].metric),
            valueText(finding.evidence[i].value, finding.evidence[i].unit));
    return parts.join(QStringLiteral("; "));
}

} // namespace Sockpit
