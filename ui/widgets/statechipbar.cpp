// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/statechipbar.h"

#include "models/socketformat.h"

#include <QGridLayout>
#include <QToolButton>

#include <algorithm>

namespace Sockpit {

const std::vector<StateKey> &StateChipBar::keys()
{
    static const std::vector<StateKey> all = [] {
        std::vector<StateKey> result;
        for (int state = int(SocketState::Established); state < StateCount; ++state)
            result.push_back({Protocol::Tcp, SocketState(state)});
        result.push_back({Protocol::Udp, SocketState::Established});
        result.push_back({Protocol::Udp, SocketState::Close});
        return result;
    }();
    return all;
}

StateChipBar::StateChipBar(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(6);
    layout->setVerticalSpacing(4);
    const auto &all = keys();
    constexpr int perRow = 7;
    for (size_t i = 0; i < all.size(); ++i) {
        const StateKey key = all[i];
        auto *button = new QToolButton(this);
        button->setCheckable(true);
        button->setAutoRaise(false);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        button->setToolTip(key.protocol == Protocol::Tcp
                               ? tr("Show only TCP sockets in %1").arg(SocketFormat::stateLabel(key.protocol, key.state))
                           : key.state == SocketState::Established ? tr("Show only connected UDP sockets")
                                                                   : tr("Show only unconnected UDP sockets"));
        connect(button, &QToolButton::clicked, this, [this, key](bool checked) {
            setSelected(checked ? std::optional<StateKey>(key) : std::nullopt);
            Q_EMIT filterRequested(checked ? std::optional<StateKey>(key) : std::nullopt);
        });
        layout->addWidget(button, int(i) / perRow, int(i) % perRow);
        m_chips.push_back(button);
    }
    setCounts(Snapshot());
}

QToolButton *StateChipBar::chip(StateKey key) const
{
    const auto &all = keys();
    const auto it = std::find(all.begin(), all.end(), key);
    return it == all.end() ? nullptr : m_chips[size_t(it - all.begin())];
}

void StateChipBar::setCounts(const Snapshot &snapshot)
{
    const auto &all = keys();
    for (size_t i = 0; i < all.size(); ++i) {
        const StateKey key = all[i];
        const int count = snapshot.isNull() ? -1 : snapshot.count(key.protocol, key.state);
        QString label = key.protocol == Protocol::Tcp ? SocketFormat::stateLabel(key.protocol, key.state)
                        : key.state == SocketState::Established ? tr("UDP connected")
                                                                : tr("UDP unconnected");
        m_chips[i]->setText(tr("%1  %2").arg(label, SocketFormat::count(count)));
        // Empty states stay in place (the layout does not jump) but recede.
        m_chips[i]->setEnabled(count != 0 || m_chips[i]->isChecked());
    }
}

void StateChipBar::setSelected(std::optional<StateKey> key)
{
    const auto &all = keys();
    for (size_t i = 0; i < all.size(); ++i) {
        m_chips[i]->setChecked(key && *key == all[i]);
        if (m_chips[i]->isChecked())
            m_chips[i]->setEnabled(true);
    }
}

QString StateChipBar::chipText(StateKey key) const
{
    QToolButton *button = chip(key);
    return button ? button->text() : QString();
}

} // namespace Sockpit
