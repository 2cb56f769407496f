// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/portspage.h"

#include "models/destinationtablemodel.h"
#include "models/portsummary.h"
#include "models/socketformat.h"
#include "models/tickpreparer.h"
#include "widgets/ephemeralbar.h"

#include <QApplication>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStyle>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

#include <unistd.h>

namespace Sockpit {

PortsPage::PortsPage(QWidget *parent)
    : Page(Id.toString(), parent)
    , m_preparer(new TickPreparer(QStringLiteral("ports"), this))
    , m_history(std::make_shared<History>())
{
    auto *rangeBox = new QGroupBox(tr("Ephemeral port range"), this);
    auto *rangeLayout = new QVBoxLayout(rangeBox);
    m_rangeLabel = new QLabel(tr("No sample yet"), rangeBox);
    m_bar = new EphemeralBar(rangeBox);
    rangeLayout->addWidget(m_rangeLabel);
    rangeLayout->addWidget(m_bar);

    auto *destinationBox = new QGroupBox(tr("Destinations by share of ephemeral ports"), this);
    auto *destinationLayout = new QVBoxLayout(destinationBox);
    m_destinations = new DestinationTableModel(this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_destinations);
    m_sorted->setSortRole(DestinationTableModel::SortRole);
    m_table = new QTableView(destinationBox);
    m_table->setObjectName(QStringLiteral("destinations"));
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DestinationTableModel::ShareColumn, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(DestinationTableModel::DestinationColumn, QHeaderView::Stretch);
    destinationLayout->addWidget(m_table, 1);

    auto *inquiryBox = new QGroupBox(tr("Who uses port N?"), this);
    auto *inquiryLayout = new QVBoxLayout(inquiryBox);
    auto *askRow = new QHBoxLayout;
    m_portBox = new QSpinBox(inquiryBox);
    m_portBox->setObjectName(QStringLiteral("port"));
    m_portBox->setRange(1, 65535);
    m_portBox->setValue(8080);
    m_portBox->setAccessibleName(tr("Port"));
    auto *ask = new QPushButton(tr("&Ask"), inquiryBox);
    ask->setDefault(true);
    connect(ask, &QPushButton::clicked, this, [this] { inquire(quint16(m_portBox->value())); });
    auto *portLabel = new QLabel(tr("&Port:"), inquiryBox);
    portLabel->setBuddy(m_portBox);
    askRow->addWidget(portLabel);
    askRow->addWidget(m_portBox);
    askRow->addWidget(ask);
    askRow->addStretch(1);
    m_answer = new QPlainTextEdit(inquiryBox);
    m_answer->setObjectName(QStringLiteral("answer"));
    m_answer->setReadOnly(true);
    m_answer->setPlaceholderText(tr("Enter a port and press Ask."));
    m_suggestion = new QLabel(inquiryBox);
    m_suggestion->setObjectName(QStringLiteral("suggestion"));
    m_suggestion->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *source = new QLabel(tr("Answers come from the latest snapshot. Sockpit does not try bind() from the "
                                 "window; run “sockpit-cli port N” for a live bind test."),
                              inquiryBox);
    source->setWordWrap(true);
    source->setForegroundRole(QPalette::PlaceholderText);
    inquiryLayout->addLayout(askRow);
    inquiryLayout->addWidget(m_answer, 1);
    inquiryLayout->addWidget(m_suggestion);
    inquiryLayout->addWidget(source);

    auto *lower = new QHBoxLayout;
    lower->addWidget(destinationBox, 3);
    lower->addWidget(inquiryBox, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(rangeBox);
    layout->addLayout(lower, 1);
}

QString PortsPage::title() const
{
    return tr("Ports");
}

QIcon PortsPage::icon() const
{
    return QApplication::style()->standardIcon(QStyle::SP_DriveNetIcon);
}

PortsPage::Prepared PortsPage::prepare(History &history, const Snapshot &snapshot, bool show)
{
    if (!snapshot.isNull()) {
        // The forecast column's history keeps up out of sight too.
        history.destinations.add(snapshot);
        history.latest = snapshot;
    }
    Prepared out;
    if (!show || history.latest.isNull())
        return out;
    out.preparedOn = QThread::currentThread();
    const EphemeralUsage &usage = history.latest.ephemeral();
    out.split = PortRangeSplit::from(usage);
    if (out.split.size == 0)
        out.rangeText = tr("The ephemeral port range could not be read.");
    else
        out.rangeText = tr("%1–%2: %3 ports, %4 usable")
                            .arg(usage.config.range.low)
                            .arg(usage.config.range.high)
                            .arg(SocketFormat::count(out.split.size), SocketFormat::count(usage.usable));
    out.destinations = usage.destinations;
    out.forecasts = DestinationTableModel::forecasts(usage, history.destinations, history.latest.monotonicMs(),
                                                     std::chrono::minutes(5));
    return out;
}

void PortsPage::request(const Snapshot &snapshot, bool show)
{
    const size_t sockets = std::max(snapshot.sockets().size(), m_snapshot.sockets().size());
    m_preparer->post(sockets, [history = m_history, snapshot, show, this]() -> TickPreparer::Apply {
        Prepared prepared = prepare(*history, snapshot, show);
        if (!prepared.preparedOn)
            return {};
        return [this, prepared = std::move(prepared)]() mutable { showPrepared(std::move(prepared)); };
    });
}

void PortsPage::showSnapshot(const Snapshot &snapshot)
{
    if (snapshot.isNull())
        return;
    m_snapshot = snapshot;
    m_behind = isOutOfSight();
    request(snapshot, !m_behind);
}

void PortsPage::catchUp()
{
    if (m_behind && !m_snapshot.isNull())
        request(Snapshot(), true);
    m_behind = false;
    m_preparer->finishNow();
}

void PortsPage::showPrepared(Prepared prepared)
{
    m_prepared = std::move(prepared);
    const PortRangeSplit &split = m_prepared.split;
    m_rangeLabel->setText(m_prepared.rangeText);
    if (split.size == 0) {
        m_bar->setSegments(0, {});
    } else {
        m_bar->setSegments(split.size, {
                                           {tr("In use"), split.active, QColor(0x2b, 0x6c, 0xb0)},
                                           {tr("TIME_WAIT"), split.timeWait, QColor(0xd9, 0x8c, 0x1f)},
                                           {tr("Reserved"), split.reserved, QColor(0x8a, 0x8a, 0x8a)},
                                           {tr("Free"), split.free, QColor(0x7c, 0xc4, 0x8a)},
                                       });
    }
    // The model keeps its copy; the prepared result keeps the numbers for tests.
    m_destinations->present(m_prepared.destinations, m_prepared.forecasts);
}

void PortsPage::inquire(quint16 port)
{
    m_portBox->setValue(port);
    if (m_snapshot.isNull()) {
        m_answer->setPlainText(tr("No snapshot yet: nothing to answer from."));
        m_suggestion->clear();
        return;
    }
    // Root may bind privileged ports; CAP_NET_BIND_SERVICE alone is not checked here.
    const PortReport report = inquirePort(m_snapshot, port, ::geteuid() == 0);
    m_answer->setPlainText(PortSummary::describe(report));
    if (const auto free = PortSummary::suggestFreePort(m_snapshot, port))
        m_suggestion->setText(tr("Suggested free port: %1").arg(*free));
    else
        m_suggestion->setText(tr("No free port found outside the ephemeral range."));
}

SampleNeed PortsPage::sampleNeed() const
{
    // Ephemeral ports per destination, and the owners an inquiry names.
    return SampleNeed::everySocket(false, true);
}

} // namespace Sockpit
