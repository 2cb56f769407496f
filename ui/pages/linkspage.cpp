// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/linkspage.h"

#include "charts/timechart.h"
#include "models/linktablemodel.h"
#include "models/proberunner.h"
#include "settings/credentialstore.h"
#include "settings/uisettings.h"
#include "style/palette.h"
#include "widgets/credentialsdialog.h"

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

#include <memory>

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
    : LinksPage(nullptr, parent)
{
}

LinksPage::LinksPage(CredentialStore *store, QWidget *parent)
    : Page(Id.toString(), parent)
    , m_store(store ? store : createSystemCredentialStore(this))
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
    m_credentialsButton = new QPushButton(tr("&Credentials…"), this);
    m_credentialsButton->setEnabled(false);
    m_credentialsButton->setToolTip(tr("A bearer token or a user and password for the selected https:// target, "
                                       "kept in the system keychain"));
    connect(m_credentialsButton, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            editCredentials(current.row());
    });
    auto *targetLabel = new QLabel(tr("&Target:"), this);
    targetLabel->setBuddy(m_edit);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(targetLabel);
    addRow->addWidget(m_edit, 1);
    addRow->addWidget(addButton);
    addRow->addWidget(m_removeButton);
    addRow->addWidget(m_credentialsButton);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("targetError"));
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Palette::color(Palette::Role::ErrorText));
    m_error->setPalette(errorPalette);
    m_error->hide();
    connect(m_edit, &QLineEdit::textEdited, m_error, &QWidget::hide);

    m_keychain = new QLabel(this);
    m_keychain->setObjectName(QStringLiteral("keychainStatus"));
    m_keychain->setWordWrap(true);
    m_keychain->hide();

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
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateButtons();
        refresh();
    });

    m_chart = new TimeChart(tr("Round-trip time"), tr("ms"), this);
    m_chart->setDecimals(1);
    m_chart->addSeries(tr("RTT"), Palette::color(Palette::Role::Primary));
    m_chart->addBand(tr("Mean ± jitter"), Palette::color(Palette::Role::Primary));
    m_chart->addMarks(tr("Lost probe"), Palette::color(Palette::Role::Critical));
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
    layout->addWidget(m_keychain);
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
    const ProbeTarget removed = m_model->target(row);
    m_model->removeTarget(row);
    storeTargets();
    restartProbing();
    refresh();
    updateButtons();
    if (removed.kind != ProbeKind::Https)
        return;
    // Whatever was kept for it goes too.
    QPointer<LinksPage> self(this);
    m_store->remove(removed.text, [self, text = removed.text](const Result<void> &result) {
        if (self && !result)
            self->showKeychainProblem(tr("The credentials of %1 could not be deleted: %2").arg(text, result.error()));
    });
}

void LinksPage::updateButtons()
{
    const QModelIndex current = m_table->currentIndex();
    m_removeButton->setEnabled(current.isValid());
    m_credentialsButton->setEnabled(current.isValid() && m_model->target(current.row()).kind == ProbeKind::Https);
}

bool LinksPage::editCredentials(int row)
{
    if (row < 0 || row >= m_model->rowCount() || m_model->target(row).kind != ProbeKind::Https)
        return false;
    if (m_credentialsDialog)
        m_credentialsDialog->close();
    auto *dialog = new CredentialsDialog(m_model->target(row).text, this);
    m_credentialsDialog = dialog;
    connect(dialog, &QDialog::finished, dialog, &QObject::deleteLater);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        // By text: rows may have moved while the dialog was open.
        const int at = m_model->rowOf(dialog->target());
        if (at >= 0)
            setCredentials(at, dialog->authorization());
    });
    QPointer<CredentialsDialog> guard(dialog);
    m_store->read(dialog->target(), [guard](const Result<QByteArray> &stored) {
        if (guard)
            guard->showStored(stored);
    });
    dialog->open();
    return true;
}

bool LinksPage::setCredentials(int row, const QByteArray &authorization)
{
    if (row < 0 || row >= m_model->rowCount() || m_model->target(row).kind != ProbeKind::Https)
        return false;
    const QString text = m_model->target(row).text;
    QPointer<LinksPage> self(this);
    const auto done = [self, text](const Result<void> &result) {
        if (!self)
            return;
        if (!result) {
            self->showKeychainProblem(result.error() + QLatin1Char(' ')
                                      + tr("%1 is probed without credentials.").arg(text));
            return;
        }
        self->restartProbing();
    };
    if (authorization.isEmpty())
        m_store->remove(text, done);
    else
        m_store->write(text, authorization, done);
    return true;
}

void LinksPage::showKeychainProblem(const QString &message)
{
    m_keychain->setText(message);
    m_keychain->setVisible(!message.isEmpty());
}

void LinksPage::restartProbing()
{
    // The credentials of https targets are read for every start, so none is kept on this
    // side beyond the runner; a target whose secret cannot be read is probed without.
    struct Start
    {
        QList<ProbeTarget> targets;
        int waiting = 0;
        bool started = false;
        QString problem;
    };
    const int generation = ++m_probeGeneration;
    auto start = std::make_shared<Start>();
    start->targets = m_model->targets();
    QList<int> https;
    for (int i = 0; i < start->targets.size(); ++i) {
        if (start->targets.at(i).kind == ProbeKind::Https)
            https.append(i);
    }
    QPointer<LinksPage> self(this);
    const auto launch = [self, generation, start] {
        if (!self || start->started || self->m_probeGeneration != generation)
            return;
        start->started = true;
        self->m_runner->setTargets(start->targets);
        self->showKeychainProblem(start->problem.isEmpty()
                                      ? QString()
                                      : start->problem + QLatin1Char(' ')
                                            + tr("https:// targets are probed without credentials."));
    };
    if (https.isEmpty()) {
        launch();
        return;
    }
    start->waiting = int(https.size());
    for (const int index : https) {
        m_store->read(start->targets.at(index).text, [start, index, launch](const Result<QByteArray> &stored) {
            if (start->started)
                return;
            if (stored)
                start->targets[index].authorization = stored.value();
            else
                start->problem = stored.error();
            if (--start->waiting == 0)
                launch();
        });
    }
    QTimer::singleShot(KeychainWaitMs, this, [start, launch] {
        if (start->started)
            return;
        start->problem = tr("The system keychain did not answer within %1 s.").arg(KeychainWaitMs / 1000);
        launch();
    });
}

void LinksPage::storeTargets() const
{
    // Only the targets as typed: credentials live in the CredentialStore, never here.
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

SampleNeed LinksPage::sampleNeed() const
{
    // Its own prober measures the links.
    return SampleNeed::summary();
}

} // namespace Sockpit
