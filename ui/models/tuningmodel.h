// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/tuningreading.h"
#include "sampling/snapshot.h"

#include <QAbstractItemModel>

#include <optional>
#include <vector>

namespace Sockpit {

// The groups the Tuning page lists the catalogue in, in display order.
enum class TuningGroup { Ports, TimeWait, AcceptQueues, Keepalive, Buffers, Congestion, Other };

// The catalogue as a two-level tree: groups, then every tunable the kernel may have, with
// its live value (from a TuningReading), default and allowed values. It also words what
// the latest Snapshot says about each tunable, and what changing it cannot fix.
class TuningModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { SettingColumn, CurrentColumn, DefaultColumn, AllowedColumn, ColumnCount };

    explicit TuningModel(QObject *parent = nullptr);

    // nullopt: a catalogue key the table below has not placed (shown under Other).
    static std::optional<TuningGroup> groupOf(const Tunable &tunable);
    static QString groupTitle(TuningGroup group);
    // What the change does not do, for the wizard's review page.
    static QString limitations(const Tunable &tunable);
    // "60 seconds", "(empty)": a canonical value as the pages show it.
    static QString valueText(const Tunable &tunable, const QString &value);

    void setReading(TuningReading reading);
    const TuningReading &reading() const { return m_reading; }
    void setSnapshot(const Snapshot &snapshot);

    const Tunable *tunable(const QModelIndex &index) const;
    // The live reading of the tunable at INDEX, or nullptr (a group row, nothing read yet).
    const CurrentValue *current(const QModelIndex &index) const;
    QModelIndex indexOf(QStringView key, int column = SettingColumn) const;

    // The machine's own numbers from the latest snapshot that bear on TUNABLE, one per
    // line; empty when Sockpit has none for it.
    QStringList evidence(const Tunable &tunable) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Group
    {
        TuningGroup group;
        std::vector<const Tunable *> tunables;
    };
    QString currentText(const Tunable &tunable) const;
    const CurrentValue *currentFor(const Tunable &tunable) const;

    std::vector<Group> m_groups;
    TuningReading m_reading;
    Snapshot m_snapshot;
};

} // namespace Sockpit
