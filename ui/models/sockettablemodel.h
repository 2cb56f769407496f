// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/socketcells.h"
#include "models/socketrows.h"

#include <QAbstractTableModel>

#include <memory>

namespace Sockpit {

// Presents the rows a SocketTableController prepared, one socket per row in the order it
// chose, with no per-row strings: data() formats the one cell the view asks for. It
// computes nothing and asks nothing back: present() swaps the rows in with one layout
// change whose persistent-index remap (prepared with the rows) keeps the views' selection
// and current row on their sockets, never per-row insert or remove signals; a reset only
// when the table was or becomes empty.
class SocketTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    using Column = SocketCells::Column;
    static constexpr int ProtocolColumn = SocketCells::ProtocolColumn;
    static constexpr int FamilyColumn = SocketCells::FamilyColumn;
    static constexpr int StateColumn = SocketCells::StateColumn;
    static constexpr int LocalColumn = SocketCells::LocalColumn;
    static constexpr int RemoteColumn = SocketCells::RemoteColumn;
    static constexpr int UidColumn = SocketCells::UidColumn;
    static constexpr int InodeColumn = SocketCells::InodeColumn;
    static constexpr int PidColumn = SocketCells::PidColumn;
    static constexpr int ProcessColumn = SocketCells::ProcessColumn;
    static constexpr int RttColumn = SocketCells::RttColumn;
    static constexpr int RetransmitsColumn = SocketCells::RetransmitsColumn;
    static constexpr int ColumnCount = SocketCells::ColumnCount;
    using UpdateStats = SocketRows::Stats;

    explicit SocketTableModel(QObject *parent = nullptr);

    // Shows these rows (the controller's rowsChanged()).
    void present(const Sockpit::SocketRows::Update &update);

    const SocketRows &rows() const { return *m_rows; }
    const Snapshot &snapshot() const { return m_rows->snapshot(); }
    // The socket shown in ROW.
    const SocketRecord &record(int row) const { return m_rows->record(row); }
    // What the last present() did to the sockets.
    UpdateStats lastUpdate() const { return m_lastUpdate; }

    // Tab-separated rows with a header line, as "Copy rows" puts them on the clipboard.
    QString rowsText(const QList<int> &rows) const;
    // Name, pid, user and command line of the process holding the socket; empty if none.
    QString processDetails(int row) const;
    // The text a cell shows.
    QString text(int row, int column) const;
    // The first process holding the socket; nullptr when owners were not sampled or none.
    const ProcessInfo *process(const SocketRecord &socket) const { return SocketCells::process(snapshot(), socket); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString toolTip(const SocketRecord &socket, int column) const;

    std::shared_ptr<const SocketRows> m_rows;
    UpdateStats m_lastUpdate;
};

} // namespace Sockpit
