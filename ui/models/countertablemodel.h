// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sampling/netcounters.h"

#include <QAbstractTableModel>

namespace Sockpit {

// Kernel counters (/proc/net/snmp and netstat) with their rates: the key counters first,
// in Sockpit's order, each with an explanation as its tooltip, then every other counter
// by name.
class CounterTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, RateColumn, ValueColumn, ColumnCount };

    explicit CounterTableModel(QObject *parent = nullptr);

    void setCounters(const CounterSet &counters);
    // The rows setCounters() shows, on any thread: the key counters in Sockpit's order,
    // then every other counter by name; keyRows says how many are key counters.
    struct Rows
    {
        std::vector<Counter> rows;
        int keyRows = 0;
    };
    static Rows rowsOf(const CounterSet &counters);
    // Rows prepared elsewhere (rowsOf()).
    void present(Rows rows);

    // What a counter counts and when it matters; empty for counters without one.
    static QString explanation(const QByteArray &name);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Counter> m_rows;
    int m_keyRows = 0;
};

} // namespace Sockpit
