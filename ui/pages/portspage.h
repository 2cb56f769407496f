// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/destinationtrends.h"
#include "pages/page.h"
#include "sampling/snapshot.h"

class QLabel;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace Sockpit {

class DestinationTableModel;
class EphemeralBar;

// How the ephemeral port range is spent, which destinations spend it, and who holds a
// given port. The answer to "who uses port N" comes from the latest snapshot
// (inquirePort), never from a bind() attempt on the GUI thread.
class PortsPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"ports";

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
    const DestinationTrends &history() const { return m_history; }
    QSpinBox *portBox() const { return m_portBox; }
    QPlainTextEdit *answer() const { return m_answer; }
    QLabel *suggestion() const { return m_suggestion; }

private:
    void showLatest();

    Snapshot m_snapshot;
    bool m_behind = false; // ticks arrived out of sight: bar and table wait
    // Five minutes of each busy destination, for the forecast column.
    DestinationTrends m_history{std::chrono::minutes(5), 3000, 20};
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
