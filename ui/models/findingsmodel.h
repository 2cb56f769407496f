// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/alerttracker.h"
#include "analysis/analyser.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QIcon>

#include <map>
#include <optional>

namespace Sockpit {

// The findings of the latest analyses, most severe first: severity, title and the key
// evidence numbers. A finding appears only once two analyses in a row report it, and goes
// only once two in a row no longer do (an AlertTracker per finding, raise and clear held
// for two). One capture catches a burst; a finding that blinks in and out every 30 s
// would teach the user to ignore the box. While a change waits for its second analysis,
// hasPendingChanges() says so, so the window can run that analysis early.
class FindingsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, TitleColumn, EvidenceColumn, ColumnCount };
    static constexpr int Hold = 2;

    explicit FindingsModel(QObject *parent = nullptr);

    void setReport(const AnalysisReport &report);
    // Forgets every report and finding: what follows is another machine's (a capture
    // opened or closed), whose findings owe nothing to these.
    void clear();
    bool hasReport() const { return m_report.has_value(); }
    // The latest report as it came, before any debouncing.
    const AnalysisReport *report() const { return m_report ? &*m_report : nullptr; }
    // A finding seen once and not yet confirmed, or gone once and not yet cleared.
    bool hasPendingChanges() const;

    const Finding *finding(int row) const;
    // "id subject", stable across analyses: the selection follows it.
    QString key(int row) const;
    int rowOf(const QString &key) const;

    // One line above the list: what was analysed and, with no findings, what was checked.
    QString summary() const;
    // The shown findings for a plain-text report: severity, title and key evidence, then
    // each proposed change indented below its finding.
    QStringList reportLines() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString severityText(Severity severity);
    static QColor severityColor(Severity severity);
    static QIcon severityIcon(Severity severity);
    // "28,232 ports", "81.2%" for a ratio, "12.5 per second".
    static QString valueText(double value, const QString &unit);
    // "sockets toward 127.1.0.1:9000: 22,800 sockets (net/tcp)".
    static QString evidenceText(const Evidence &evidence);
    // The first two evidence rows, for the list.
    static QString keyEvidence(const Finding &finding);
    static QString findingKey(const Finding &finding);

private:
    struct Tracked
    {
        AlertTracker tracker{ThresholdSpec{1, 0, Hold}};
        Finding finding; // as last reported
        int order = 0;   // position in the report that last had it
    };

    std::optional<AnalysisReport> m_report;
    std::map<QString, Tracked> m_tracked;
    std::vector<const Tracked *> m_rows;
};

} // namespace Sockpit
