// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/socketfilter.h"
#include "sampling/snapshot.h"

#include <QWidget>

#include <vector>

class QToolButton;

namespace Sockpit {

// A row of chips, one per protocol and state, each showing its count. Clicking a chip
// asks to show only those sockets; clicking the selected chip again shows all.
class StateChipBar final : public QWidget
{
    Q_OBJECT
public:
    explicit StateChipBar(QWidget *parent = nullptr);

    // The protocol and state pairs a chip exists for, in display order.
    static const std::vector<StateKey> &keys();

    void setCounts(const Snapshot &snapshot);
    void setSelected(std::optional<StateKey> key);
    QString chipText(StateKey key) const;

Q_SIGNALS:
    void filterRequested(std::optional<Sockpit::StateKey> key);

private:
    QToolButton *chip(StateKey key) const;

    std::vector<QToolButton *> m_chips; // parallel to keys()
};

} // namespace Sockpit
