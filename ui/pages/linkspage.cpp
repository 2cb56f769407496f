// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/linkspage.h"

#include "charts/timechart.h"
#include "models/linktablemodel.h"
#include "models/proberunner.h"
#include "settings/uisettings.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <time.h>

namespace Sockpit {

namespace {

const QString TargetsKey = QStringLiteral("links/targets");

// The prober's clock: samples carry CLOCK_MONOTONIC send times.
qint64 monotonicNowNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace

LinksPage::LinksPage(QWidget *parent)
    : Page(Id.toString(), parent)
{
    m_model = new LinkTableModel(this);
    ProberOptions options;
    options.intervalMs = 1000;
    options.timeoutMs = 1000;
    m_runner = new ProbeRunner(options, this);
    connect(m_runner, &ProbeRunner::targetOpened, m_model, [this](const QString &text, const QString &address) {
        m_model->setAddress(text, address);
    });
    connect(m_runner, &ProbeRunner::targetFailed, m_model, &LinkTableModel::setFailure);
    connect(m_runner, &ProbeRunner::sampleReady, m_model, &LinkTableModel::addSample);

    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("target"));
    m_edit->setPlaceholderText(tr("icmp://host, tcp://host:port or https://host[:port]/path"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setAccessibleName(tr("New target"));
    auto *addButton = new QPushButton(tr("&Add"), this);
    connect(m_edit, &QLineEdit::returnPressed, addButton, &QPushButton::click);
    connect(addButton, &QPushButton::clicked, this, [this] {
        if (addTarget(m_edit->text()))
            m_edit->clear();
    });
    m_removeButton = new QPushButton(tr("&Remove"), this);
    m_removeButton->setEnabled(false);
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            removeTarget(current.row());
    });
    auto *targetLabel = new QLabel(tr("&Target:"), this);
    targetLabel->setBuddy(m_edit);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(targetLabel);
    addRow->addWidget(m_edit, 1);
    addRow->addWidget(addButton);
    addRow->addWidget(m_removeButton);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("targetError"));
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
    m_error->setPalette(errorPalette);
    m_error->hide();
    connect(m_edit, &QLineEdit::textEdited, m_error, &QWidget::hide);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("links"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(LinkTableModel::TargetColumn, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    auto *removeAction = new QAction(tr("Remove Target"), m_table);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    connect(removeAction, &QAction::triggered, m_removeButton, &QPushButton::click);
    m_table->addAction(removeAction);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        m_removeButton->setEnabled(current.isValid());
        refresh();
    });

    m_chart = new TimeChart(tr("Round-trip time"), tr("ms"), this);
    m_chart->setDecimals(1);
    m_chart->addSeries(tr("RTT"), QColor(0x2b, 0x6c, 0xb0));
    m_chart->addBand(tr("Mean ± jitter"), QColor(0x2b, 0x6c, 0xb0));
    m_chart->addMarks(tr("Lost probe"), QColor(0xc0, 0x39, 0x2b));
    connect(m_chart, &TimeChart::windowChanged, this, &LinksPage::refresh);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("linksSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_chart);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(addRow);
    layout->addWidget(m_error);
    layout->addWidget(m_splitter, 1);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(1000);
    connect(m_refreshTimer, &QTimer::timeout, this, &LinksPage::refresh);
    m_refreshTimer->start();

    // The list of the last session, probed again from the start.
    const QStringList stored = sockpitSettings().value(TargetsKey).toStringList();
    for (const QString &text : stored) {
        if (const Result<ProbeTarget> target = parseProbeTarget(text))
            m_model->addTarget(target.value());
    }
    if (m_model->rowCount() > 0) {
        m_table->selectRow(0);
        restartProbing();
    }
}

LinksPage::~LinksPage() = default;

QString LinksPage::title() const
{
    return tr("Links");
}

QIcon LinksPage::icon() const
{
    return QApplication::style()->standardIcon(QStyle::SP_DriveNetIcon);
}

void LinksPage::showSnapshot(const Snapshot &)
{
    // Link quality comes from the page's own prober, not from socket snapshots.
}

void LinksPage::applySettings(const UiSettings &settings)
{
    m_chart->setWindow(settings.chartWindow);
}

void LinksPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

bool LinksPage::addTarget(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        showError(tr("Enter a target such as icmp://192.0.2.1, tcp://db.internal:5432 or https://example.org/health."));
        return false;
    }
    const Result<ProbeTarget> target = parseProbeTarget(trimmed);
    if (!target) {
        showError(target.error());
        return false;
    }
    if (m_model->rowOf(target.value().text) >= 0) {
        showError(tr("%1 is listed already.").arg(target.value().text));
        return false;
    }
    const int row = m_model->addTarget(target.value());
    showError(QString());
    m_table->selectRow(row);
    storeTargets();
    restartProbing();
    return true;
}

void LinksPage::removeTarget(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_model->removeTarget(row);
    storeTargets();
    restartProbing();
    refresh();
}

void LinksPage::restartProbing()
{
    m_runner->setTargets(m_model->targets());
}

void LinksPage::storeTargets() const
{
    // Only the targets as typed: the page takes no credentials, so none can be stored.
    sockpitSettings().setValue(TargetsKey, m_model->targetTexts());
}

int LinksPage::chartedRow() const
{
    if (m_model->rowCount() == 0)
        return -1;
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.row() : 0;
}

void LinksPage::refresh()
{
    const qint64 nowNs = monotonicNowNs();
    m_model->refresh(nowNs);
    const int row = chartedRow();
    m_chart->setNow(nowNs / 1'000'000, QDateTime::currentDateTimeUtc());
    const LinkTableModel::ChartData points = m_model->chartData(row, nowNs, m_chart->window());
    m_chart->setSeriesName(0, row >= 0 ? tr("RTT to %1").arg(m_model->target(row).text) : tr("RTT"));
    m_chart->setSeriesPoints(0, points.rtt);
    m_chart->setBandPoints(0, points.bandLower, points.bandUpper);
    m_chart->setMarks(0, points.losses);
    Q_EMIT worstLinkChanged(m_model->worstLink());
}

} // namespace Sockpit
