// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/destinationtrends.h"
#include "models/portsummary.h"
#include "pages/page.h"
#include "sampling/snapshot.h"

#include <memory>

class QLabel;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QThread;

namespace Sockpit {

class DestinationTableModel;
class EphemeralBar;
class TickPreparer;

// How the ephemeral port range is spent, which destinations spend it, and who holds a
// given port. The answer to "who uses port N" comes from the latest snapshot
// (inquirePort), never from a bind() attempt on the GUI thread.
class PortsPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"ports";

    // Five minutes of each busy destination, for the forecast column; only the
    // preparation touches it, one tick after the other (TickPreparer).
    struct History
    {
        DestinationTrends destinations{std::chrono::minutes(5), 3000, 20};
        Snapshot latest;
    };
    // What the bar, its label and the destinations table show for one tick.
    struct Prepared
    {
        QThread *preparedOn = nullptr; // null: nothing prepared yet
        PortRangeSplit split;
        QString rangeText;
        std::vector<DestinationUsage> destinations;
        std::vector<double> forecasts; // seconds, parallel to destinations
    };
    // Adds SNAPSHOT (unless null) to HISTORY and, with SHOW, prepares what the page shows
    // for the history's latest; on any thread.
    static Prepared prepare(History &history, const Snapshot &snapshot, bool show);

    explicit PortsPage(QWidget *parent = nullptr);

    QString title() const override;
    QIcon icon() const override;
    void showSnapshot(const Snapshot &snapshot) override;
    SampleNeed sampleNeed() const override;
    void catchUp() override;

    // Answers for port in the box, from the latest snapshot.
    void inquire(quint16 port);

    EphemeralBar *bar() const { return m_bar; }
    DestinationTableModel *destinations() const { return m_destinations; }
    // Read while nothing is being prepared (preparer()->finishNow()).
    const DestinationTrends &history() const { return m_history->destinations; }
    TickPreparer *preparer() const { return m_preparer; }
    const Prepared &prepared() const { return m_prepared; }
    QSpinBox *portBox() const { return m_portBox; }
    QPlainTextEdit *answer() const { return m_answer; }
    QLabel *suggestion() const { return m_suggestion; }

private:
    void request(const Snapshot &snapshot, bool show);
    void showPrepared(Prepared prepared);

    Snapshot m_snapshot;
    bool m_behind = false; // ticks arrived out of sight: bar and table wait
    TickPreparer *m_preparer = nullptr;
    std::shared_ptr<History> m_history;
    Prepared m_prepared;
    EphemeralBar *m_bar = nullptr;
    QLabel *m_rangeLabel = nullptr;
    DestinationTableModel *m_destinations = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTableView *m_table = nullptr;
    QSpinBox *m_portBox = nullptr;
    QPlainTextEdit *m_answer = nullptr;
    QLabel *m_suggestion = nullptr;
};

} // namespace Sockpit
