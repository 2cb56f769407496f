// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/symptomwizard.h"

#include "capture/capturebundle.h"
#include "charts/timechart.h"
#include "models/tuningmodel.h"
#include "probes/rttmeasurement.h"
#include "tuning/catalogue.h"
#include "tuning/sysctltree.h"
#include "widgets/confhighlighter.h"
#include "wizards/checkpointjob.h"
#include "wizards/symptomtext.h"
#include "wizards/wizardrecordstore.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>
#include <QWizardPage>

#include <algorithm>
#include <cmath>

#include <pwd.h>
#include <unistd.h>

namespace Sockpit {

namespace {

QLabel *wrappingLabel(QWidget *parent, const QString &text = {})
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QColor troubleColor()
{
    return QColor(0xb3, 0x26, 0x1e);
}

QTableWidgetItem *readOnlyItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

QString bulletList(const QStringList &lines)
{
    QStringList out;
    for (const QString &line : lines)
        out << QStringLiteral("• ") + line;
    return out.join(QLatin1Char('\n'));
}

} // namespace

class SymptomWizard::MeasurePage final : public QWizardPage
{
public:
    explicit MeasurePage(SymptomWizard *wizard) : m_wizard(wizard) {}
    void initializePage() override
    {
        if (!m_wizard->m_diagnosis && !m_wizard->m_measuring)
            m_wizard->measure();
    }
    bool isComplete() const override
    {
        return !m_wizard->m_measuring && m_wizard->m_diagnosis && m_wizard->m_diagnosis->affected
               && !m_wizard->m_diagnosis->changes.empty();
    }
    // next() without the button: the same rule.
    bool validatePage() override { return isComplete(); }
    void notify() { Q_EMIT completeChanged(); }

private:
    SymptomWizard *m_wizard;
};

class SymptomWizard::PlanPage final : public QWizardPage
{
public:
    explicit PlanPage(SymptomWizard *wizard) : m_wizard(wizard) {}
    void initializePage() override { m_wizard->fillPlan(); }
    void cleanupPage() override {}
    bool isComplete() const override { return m_wizard->plan().ok(); }
    bool validatePage() override { return isComplete(); }
    void notify() { Q_EMIT completeChanged(); }

private:
    SymptomWizard *m_wizard;
};

class SymptomWizard::ReviewPage final : public QWizardPage
{
public:
    explicit ReviewPage(SymptomWizard *wizard) : m_wizard(wizard) {}
    void initializePage() override { m_wizard->fillReview(); }
    bool isComplete() const override { return m_wizard->plan().ok(); }
    bool validatePage() override { return isComplete(); }

private:
    SymptomWizard *m_wizard;
};

class SymptomWizard::ApplyPage final : public QWizardPage
{
public:
    explicit ApplyPage(SymptomWizard *wizard) : m_wizard(wizard) {}
    void initializePage() override { m_wizard->apply(); }
    bool isComplete() const override { return m_wizard->m_applyState == ApplyState::Kept; }
    bool validatePage() override { return isComplete(); }
    void notify() { Q_EMIT completeChanged(); }

private:
    SymptomWizard *m_wizard;
};

class SymptomWizard::VerifyPage final : public QWizardPage
{
public:
    explicit VerifyPage(SymptomWizard *wizard) : m_wizard(wizard) {}
    void initializePage() override { m_wizard->updateVerify(); }

private:
    SymptomWizard *m_wizard;
};

SymptomWizard::Source SymptomWizard::liveSource(int intervalMs)
{
    return [intervalMs] {
        CaptureOptions options;
        options.intervalMs = intervalMs;
        return observeLive(options);
    };
}

SymptomWizard::SymptomWizard(Symptom symptom, TuningEnvironment environment, QWidget *parent)
    : QWizard(parent)
    , m_symptom(symptom)
    , m_environment(std::move(environment))
    , m_source(liveSource())
    , m_job(new CheckpointJob(m_environment, this))
    , m_recordDirectory(WizardRecordStore::defaultDirectory())
{
    setWindowTitle(SymptomText::title(symptom));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    resize(820, 640);
    connect(m_job, &CheckpointJob::pending, this, &SymptomWizard::onPending);
    connect(m_job, &CheckpointJob::finished, this, &SymptomWizard::onApplyFinished);
    m_countdown = new QTimer(this);
    m_countdown->setInterval(250);
    connect(m_countdown, &QTimer::timeout, this, &SymptomWizard::onCountdown);

    // 1. Measure.
    m_measurePage = new MeasurePage(this);
    m_measurePage->setTitle(tr("1. Measure: %1").arg(SymptomText::title(symptom)));
    auto *measureLayout = new QVBoxLayout(m_measurePage);
    // In the page, not the subtitle: the classic style's header does not grow for it.
    measureLayout->addWidget(wrappingLabel(m_measurePage, SymptomText::description(symptom)));
    m_inputBox = new QGroupBox(tr("What the measurement needs from you"), m_measurePage);
    m_inputBox->setObjectName(QStringLiteral("inputBox"));
    m_inputForm = new QFormLayout(m_inputBox);
    m_inputBox->setVisible(addInputRows());
    measureLayout->addWidget(m_inputBox);
    m_measureStatus = wrappingLabel(m_measurePage);
    m_measureStatus->setObjectName(QStringLiteral("measureStatus"));
    m_figureTable = new QTableWidget(0, 4, m_measurePage);
    m_figureTable->setObjectName(QStringLiteral("figureTable"));
    m_figureTable->setHorizontalHeaderLabels({tr("Figure"), tr("Now"), tr("Threshold"), tr("Judged")});
    m_figureTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_figureTable->verticalHeader()->hide();
    m_figureTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_verdictLabel = wrappingLabel(m_measurePage);
    m_verdictLabel->setObjectName(QStringLiteral("verdictLabel"));
    QFont bold = m_verdictLabel->font();
    bold.setBold(true);
    m_verdictLabel->setFont(bold);
    m_measureAgain = new QPushButton(QIcon(QStringLiteral(":/sockpit/icons/refresh.svg")), tr("&Measure Again"),
                                     m_measurePage);
    connect(m_measureAgain, &QPushButton::clicked, this, &SymptomWizard::measure);
    auto *againRow = new QHBoxLayout;
    againRow->addStretch(1);
    againRow->addWidget(m_measureAgain);
    measureLayout->addWidget(m_measureStatus);
    measureLayout->addWidget(m_figureTable, 1);
    measureLayout->addWidget(m_verdictLabel);
    measureLayout->addLayout(againRow);

    // 2. Plan.
    m_planPage = new PlanPage(this);
    m_planPage->setTitle(tr("2. Plan"));
    m_planPage->setSubTitle(tr("Proposed from the measurement by the same rules as sockpit-cli recommend. Every "
                               "value can be changed; it is checked against the catalogue as you type."));
    auto *planLayout = new QVBoxLayout(m_planPage);
    m_planTable = new QTableWidget(0, 4, m_planPage);
    m_planTable->setObjectName(QStringLiteral("planTable"));
    m_planTable->setHorizontalHeaderLabels({tr("Setting"), tr("Now"), tr("New value"), tr("Check")});
    m_planTable->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_planTable->verticalHeader()->hide();
    m_planTable->setWordWrap(true);
    m_caveatsLabel = wrappingLabel(m_planPage);
    m_caveatsLabel->setObjectName(QStringLiteral("caveatsLabel"));
    m_cannotFixLabel = wrappingLabel(m_planPage);
    m_cannotFixLabel->setObjectName(QStringLiteral("cannotFixLabel"));
    m_persistBox = new QCheckBox(tr("&Keep after a reboot once I keep it (write %1)").arg(m_environment.sysctlFilePath()),
                                 m_planPage);
    m_persistBox->setChecked(true);
    planLayout->addWidget(m_planTable, 1);
    planLayout->addWidget(new QLabel(tr("Caveats:"), m_planPage));
    planLayout->addWidget(m_caveatsLabel);
    planLayout->addWidget(new QLabel(tr("What this cannot fix, and what the application can do:"), m_planPage));
    planLayout->addWidget(m_cannotFixLabel);
    planLayout->addWidget(m_persistBox);

    // 3. Review.
    m_reviewPage = new ReviewPage(this);
    m_reviewPage->setTitle(tr("3. Review"));
    m_reviewPage->setSubTitle(tr("Applying asks polkit for an administrator's password. The helper applies every "
                                 "value as one transaction and then waits for you to keep it; if you do not, it "
                                 "restores them all by itself."));
    m_reviewPage->setCommitPage(true);
    m_reviewPage->setButtonText(QWizard::CommitButton, tr("&Apply"));
    auto *reviewLayout = new QFormLayout(m_reviewPage);
    m_reviewLabel = wrappingLabel(m_reviewPage);
    m_reviewLabel->setObjectName(QStringLiteral("reviewLabel"));
    m_persistLabel = wrappingLabel(m_reviewPage);
    m_filePreview = new QPlainTextEdit(m_reviewPage);
    m_filePreview->setReadOnly(true);
    m_filePreview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    highlightSysctlConf(m_filePreview->document(), palette().color(QPalette::Window).lightness() < 128);
    reviewLayout->addRow(tr("Changes:"), m_reviewLabel);
    reviewLayout->addRow(tr("Kept after a reboot:"), m_persistLabel);
    reviewLayout->addRow(tr("sysctl.d file:"), m_filePreview);

    // 4. Apply.
    m_applyPage = new ApplyPage(this);
    m_applyPage->setTitle(tr("4. Apply"));
    auto *applyLayout = new QVBoxLayout(m_applyPage);
    m_applyStatus = wrappingLabel(m_applyPage);
    m_applyStatus->setObjectName(QStringLiteral("applyStatus"));
    m_countdownLabel = wrappingLabel(m_applyPage);
    m_countdownLabel->setObjectName(QStringLiteral("countdownLabel"));
    QFont large = m_countdownLabel->font();
    large.setPointSizeF(large.pointSizeF() * 1.3);
    large.setBold(true);
    m_countdownLabel->setFont(large);
    m_keepButton = new QPushButton(tr("&Keep These Settings"), m_applyPage);
    m_revertButton = new QPushButton(tr("&Revert"), m_applyPage);
    connect(m_keepButton, &QPushButton::clicked, this, &SymptomWizard::keep);
    connect(m_revertButton, &QPushButton::clicked, this, &SymptomWizard::revert);
    auto *answerRow = new QHBoxLayout;
    answerRow->addWidget(m_keepButton);
    answerRow->addWidget(m_revertButton);
    answerRow->addStretch(1);
    m_verification = wrappingLabel(m_applyPage);
    m_verification->setObjectName(QStringLiteral("verificationLabel"));
    applyLayout->addWidget(m_applyStatus);
    applyLayout->addWidget(m_countdownLabel);
    applyLayout->addLayout(answerRow);
    applyLayout->addWidget(m_verification);
    applyLayout->addStretch(1);

    // 5. Verify.
    m_verifyPage = new VerifyPage(this);
    m_verifyPage->setTitle(tr("5. Verify"));
    m_verifyPage->setSubTitle(tr("The figure measured in step 1, from the window's samples, before and after the "
                                 "change. You can leave this running while you do other things."));
    m_verifyPage->setFinalPage(true);
    auto *verifyLayout = new QVBoxLayout(m_verifyPage);
    auto *watchRow = new QHBoxLayout;
    m_verifyMinutes = new QSpinBox(m_verifyPage);
    m_verifyMinutes->setRange(1, 240);
    m_verifyMinutes->setValue(m_verifySeconds / 60);
    m_verifyMinutes->setSuffix(tr(" min"));
    connect(m_verifyMinutes, &QSpinBox::valueChanged, this, [this](int minutes) {
        m_verifySeconds = minutes * 60;
        updateVerify();
    });
    m_watchLabel = wrappingLabel(m_verifyPage);
    m_watchLabel->setObjectName(QStringLiteral("watchLabel"));
    watchRow->addWidget(new QLabel(tr("Watch for:"), m_verifyPage));
    watchRow->addWidget(m_verifyMinutes);
    watchRow->addWidget(m_watchLabel, 1);
    m_chart = new TimeChart(tr("Before and after"), QString(), m_verifyPage);
    m_chart->setMinimumHeight(260);
    m_effectLabel = wrappingLabel(m_verifyPage);
    m_effectLabel->setObjectName(QStringLiteral("effectLabel"));
    m_effectLabel->setFont(bold);
    verifyLayout->addLayout(watchRow);
    verifyLayout->addWidget(m_chart, 1);
    verifyLayout->addWidget(m_effectLabel);
    m_reportButton = new QPushButton(tr("&Export Report…"), m_verifyPage);
    m_reportButton->setToolTip(tr("A folder with the chart as PNG, the series as CSV and a summary in English and Chinese"));
    connect(m_reportButton, &QPushButton::clicked, this, [this] {
        const QString directory = QFileDialog::getExistingDirectory(this, tr("Export the Before/After Report"));
        if (directory.isEmpty())
            return;
        const QString folder = QDir(directory).filePath(
            QStringLiteral("sockpit-%1-%2")
                .arg(QLatin1String(symptomName(m_symptom).data()),
                     QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
        const auto written = writeReport(folder);
        m_reportStatus->setText(written ? tr("Report written to %1").arg(folder) : written.error());
    });
    m_reportStatus = wrappingLabel(m_verifyPage);
    auto *reportRow = new QHBoxLayout;
    reportRow->addWidget(m_reportStatus, 1);
    reportRow->addWidget(m_reportButton);
    verifyLayout->addLayout(reportRow);

    setPage(MeasurePageId, m_measurePage);
    setPage(PlanPageId, m_planPage);
    setPage(ReviewPageId, m_reviewPage);
    setPage(ApplyPageId, m_applyPage);
    setPage(VerifyPageId, m_verifyPage);
    setApplyState(ApplyState::Idle);
}

SymptomWizard::~SymptomWizard()
{
    // What Verify saw until now goes with the record.
    if (m_applyState == ApplyState::Kept)
        saveRecord();
}

void SymptomWizard::saveRecord()
{
    if (auto saved = WizardRecordStore(m_recordDirectory).save(record()); !saved)
        qWarning("The wizard's record was not saved: %s", qPrintable(saved.error()));
}

void SymptomWizard::setVerifySeconds(int seconds)
{
    m_verifySeconds = std::max(1, seconds);
    const QSignalBlocker blocker(m_verifyMinutes);
    m_verifyMinutes->setValue(std::max(1, m_verifySeconds / 60));
    updateVerify();
}

bool SymptomWizard::addInputRows()
{
    switch (m_symptom) {
    case Symptom::PortsRunOut:
    case Symptom::TimeWaitPileUp:
    case Symptom::ServerDrops:
    case Symptom::ConntrackFull:
        return false; // the sampler sees all these need
    case Symptom::SlowTransfers:
        addSlowTransferRows();
        return true;
    case Symptom::IdleConnectionsDie:
        addIdleTimeoutRow();
        return true;
    }
    return false;
}

void SymptomWizard::addSlowTransferRows()
{
    m_bandwidthEdit = new QLineEdit(m_inputBox);
    m_bandwidthEdit->setObjectName(QStringLiteral("bandwidthEdit"));
    m_bandwidthEdit->setPlaceholderText(tr("e.g. 1000"));
    m_targetEdit = new QLineEdit(m_inputBox);
    m_targetEdit->setObjectName(QStringLiteral("targetEdit"));
    m_targetEdit->setPlaceholderText(tr("host or IP address (ICMP echo), or host:port (TCP connect)"));
    m_rttEdit = new QLineEdit(m_inputBox);
    m_rttEdit->setObjectName(QStringLiteral("rttEdit"));
    m_rttEdit->setPlaceholderText(tr("only if the far end answers no probe"));
    m_inputForm->addRow(tr("&Bandwidth of the path (Mbit/s):"), m_bandwidthEdit);
    m_inputForm->addRow(tr("Host at the far &end (its RTT is probed):"), m_targetEdit);
    m_inputForm->addRow(tr("…or the RTT (&ms):"), m_rttEdit);
    for (QLineEdit *edit : {m_bandwidthEdit, m_targetEdit, m_rttEdit})
        connect(edit, &QLineEdit::returnPressed, this, &SymptomWizard::measure);
}

Result<void> SymptomWizard::readSlowTransferInputs(SymptomInputs &inputs, std::optional<ProbeTarget> &probe) const
{
    const QString mbitText = m_bandwidthEdit->text().trimmed();
    const QString targetText = m_targetEdit->text().trimmed();
    const QString rttText = m_rttEdit->text().trimmed();
    probe.reset();
    if (mbitText.isEmpty() && targetText.isEmpty() && rttText.isEmpty()) {
        inputs.path.reset(); // nothing typed yet: the figures without a judgement
        return {};
    }
    // In the user's notation or in C's ("1,5" and "1.5" in a German locale alike).
    const auto number = [](const QString &text, double maximum) -> std::optional<double> {
        bool ok = false;
        double value = QLocale().toDouble(text, &ok);
        if (!ok)
            value = text.toDouble(&ok);
        return ok && value > 0 && value <= maximum ? std::optional<double>(value) : std::nullopt;
    };
    // 10 Tbit/s and 10 minutes, as 'recommend --bandwidth / --rtt' accept.
    const auto mbit = number(mbitText, 1e7);
    if (!mbit)
        return Error{mbitText.isEmpty() ? tr("Type the path's bandwidth in Mbit/s.")
                                        : tr("Bandwidth “%1”: expected a number of Mbit/s above 0 and at most "
                                             "10000000.").arg(mbitText)};
    if (!targetText.isEmpty() && !rttText.isEmpty())
        return Error{tr("Give either a host to probe or the RTT, not both.")};
    if (targetText.isEmpty() && rttText.isEmpty())
        return Error{tr("Give a host at the far end to probe, or the RTT in ms.")};
    PathSpec path{*mbit, 0};
    if (!rttText.isEmpty()) {
        const auto rtt = number(rttText, 600000);
        if (!rtt)
            return Error{tr("RTT “%1”: expected milliseconds above 0 and at most 600000.").arg(rttText)};
        path.rttMs = *rtt;
        path.rttSource = QStringLiteral("typed");
    } else {
        // "HOST" is probed with ICMP echo, "HOST:PORT" with TCP connects, as the Links page does.
        const QString text = targetText.contains(QLatin1String("://")) ? targetText : [&] {
            auto hostPort = parseHostPort(targetText);
            if (!hostPort)
                return targetText;
            const QString host = hostPort->host.contains(QLatin1Char(':')) ? QLatin1Char('[') + hostPort->host + QLatin1Char(']')
                                                                           : hostPort->host;
            return hostPort->port ? QStringLiteral("tcp://%1:%2").arg(host).arg(*hostPort->port)
                                  : QStringLiteral("icmp://") + host;
        }();
        auto target = parseProbeTarget(text);
        if (!target)
            return Error{tr("Host “%1”: %2").arg(targetText, target.error())};
        if (target->kind != ProbeKind::Icmp && target->kind != ProbeKind::Tcp)
            return Error{tr("Host “%1”: give a host, an IP address or host:port; an https:// address measures "
                            "more than the path.").arg(targetText)};
        probe = target.value();
        path.rttSource = target->text;
    }
    inputs.path = path;
    return {};
}

Result<std::optional<int>> SymptomWizard::parseIdleTimeout(const QString &typed)
{
    const QString text = typed.trimmed().toLower();
    if (text.isEmpty())
        return std::optional<int>();
    qsizetype split = 0;
    while (split < text.size() && (text.at(split).isDigit() || text.at(split) == QLatin1Char('.')))
        ++split;
    const QString unit = text.mid(split).trimmed();
    bool ok = false;
    const double number = text.left(split).toDouble(&ok);
    double factor = 0;
    // English units and the Chinese ones a zh_CN user types (秒, 分, 分钟).
    if (unit.isEmpty() || unit == QLatin1String("s") || unit == QLatin1String("sec") || unit == QLatin1String("seconds")
        || unit == u"秒")
        factor = 1;
    else if (unit == QLatin1String("m") || unit == QLatin1String("min") || unit == QLatin1String("minutes")
             || unit == u"分" || unit == u"分钟")
        factor = 60;
    const QString range = tr("from %1 s to %2 min").arg(MinIdleTimeoutSeconds).arg(MaxIdleTimeoutSeconds / 60);
    if (!ok || factor == 0)
        return Error{tr("“%1” is not a duration: type seconds or minutes, such as 350, 350 s or 5 min.").arg(typed.left(40))};
    const double seconds = std::round(number * factor);
    if (seconds < MinIdleTimeoutSeconds || seconds > MaxIdleTimeoutSeconds)
        return Error{tr("%1 is outside the idle timeouts NATs and firewalls use: type one %2.")
                         .arg(typed.trimmed().left(40), range)};
    return std::optional<int>(int(seconds));
}

void SymptomWizard::addIdleTimeoutRow()
{
    m_idleTimeoutEdit = new QLineEdit(m_inputBox);
    m_idleTimeoutEdit->setObjectName(QStringLiteral("idleTimeoutEdit"));
    m_idleTimeoutEdit->setPlaceholderText(tr("seconds or minutes, such as 350 s or 5 min"));
    m_idleTimeoutEdit->setToolTip(tr("How long the NAT gateway or firewall between the hosts keeps an idle TCP flow: "
                                     "350 s on AWS NAT gateways, 4 min on Azure's, often 5 min to 1 h on home "
                                     "routers and firewalls"));
    if (m_inputs.idleTimeoutSeconds)
        m_idleTimeoutEdit->setText(QStringLiteral("%1 s").arg(*m_inputs.idleTimeoutSeconds)); // what the parser reads
    m_idleTimeoutError = wrappingLabel(m_inputBox);
    m_idleTimeoutError->setObjectName(QStringLiteral("idleTimeoutError"));
    QPalette palette = m_idleTimeoutError->palette();
    palette.setColor(QPalette::WindowText, troubleColor());
    m_idleTimeoutError->setPalette(palette);
    m_idleTimeoutError->hide();
    connect(m_idleTimeoutEdit, &QLineEdit::editingFinished, this, &SymptomWizard::onIdleTimeoutEdited);
    m_inputForm->addRow(tr("NAT or firewall &idle timeout:"), m_idleTimeoutEdit);
    m_inputForm->addRow(QString(), m_idleTimeoutError);
}

void SymptomWizard::onIdleTimeoutEdited()
{
    auto parsed = parseIdleTimeout(m_idleTimeoutEdit->text());
    if (!parsed) {
        // What was measured stays: a typo changes nothing.
        m_idleTimeoutError->setText(parsed.error());
        m_idleTimeoutError->show();
        return;
    }
    m_idleTimeoutError->clear();
    m_idleTimeoutError->hide();
    if (parsed.value() == m_inputs.idleTimeoutSeconds)
        return;
    m_inputs.idleTimeoutSeconds = parsed.value();
    measure();
}

void SymptomWizard::measure()
{
    if (m_applyState != ApplyState::Idle && m_applyState != ApplyState::Reverted && m_applyState != ApplyState::Failed)
        return; // the plan in force was measured; measuring again would replace its "before"
    std::optional<ProbeTarget> probe;
    if (m_symptom == Symptom::SlowTransfers) {
        SymptomInputs typed = m_inputs;
        if (auto read = readSlowTransferInputs(typed, probe); !read) {
            // Nothing measured, nothing changed: the last measurement stays as it was.
            m_measureStatus->setText(read.error());
            return;
        }
        m_inputs = typed;
    }
    m_measuring = true;
    const int generation = ++m_measureGeneration;
    m_measureStatus->setText(probe ? tr("Probing %1 (%2 probes, %3 ms apart), then measuring the live figures…")
                                         .arg(probe->text)
                                         .arg(RttProbes)
                                         .arg(RttProbeIntervalMs)
                                   : tr("Measuring the live figures (two takes a few seconds apart)…"));
    m_measureAgain->setEnabled(false);
    m_measurePage->notify();
    auto result = std::make_shared<Measured>();
    QThread *thread = QThread::create([result, source = m_source, environment = m_environment, symptom = m_symptom,
                                       inputs = m_inputs, probe] {
        SymptomInputs given = inputs;
        if (probe && given.path) {
            auto rtt = measureRtt(*probe);
            if (!rtt) {
                result->error = rtt.error();
                return;
            }
            given.path->rttMs = rtt->avgMs;
            given.path->rttSource = rtt->source;
        }
        auto observation = source();
        if (!observation) {
            result->error = observation.error();
            return;
        }
        result->diagnosis = diagnose(symptom, observation.value(), {}, given);
        result->takenAt = observation->later.takenAt();
        result->hostName = observation->hostName;
        result->kernelRelease = observation->kernelRelease;
        result->reading = TuningReading::read(environment);
    });
    connect(thread, &QThread::finished, this, [this, result, generation] {
        if (generation == m_measureGeneration)
            onMeasured(*result);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start(QThread::LowPriority);
}

void SymptomWizard::onMeasured(const Measured &result)
{
    m_measuring = false;
    m_measureAgain->setEnabled(true);
    m_measureError = result.error;
    m_figureTable->setRowCount(0);
    if (!result.diagnosis) {
        m_diagnosis.reset();
        m_measureStatus->setText(tr("Could not measure: %1").arg(result.error));
        m_verdictLabel->clear();
        m_measurePage->notify();
        Q_EMIT measured();
        return;
    }
    m_diagnosis = result.diagnosis;
    m_reading = result.reading;
    m_measuredAt = result.takenAt;
    m_hostName = result.hostName;
    m_kernelRelease = result.kernelRelease;
    QString status = tr("Measured at %1 UTC.").arg(result.takenAt.toString(QStringLiteral("HH:mm:ss")));
    if (!result.diagnosis->owner.isEmpty())
        status += QLatin1Char(' ') + tr("%1 belongs to %2.").arg(result.diagnosis->subject, result.diagnosis->owner);
    if (const SymptomFigure *rtt = result.diagnosis->figure(u"rtt_ms"))
        status += QLatin1Char(' ') + tr("RTT %1, %2.").arg(SymptomText::value(*rtt), rtt->source);
    m_measureStatus->setText(status);
    const SymptomDiagnosis &d = *m_diagnosis;
    for (const SymptomFigure &f : d.figures) {
        const int row = m_figureTable->rowCount();
        m_figureTable->insertRow(row);
        auto *name = readOnlyItem(SymptomText::figureName(f.metric, d.subjectOf(f)));
        name->setToolTip(tr("Read from %1").arg(f.source));
        m_figureTable->setItem(row, 0, name);
        m_figureTable->setItem(row, 1, readOnlyItem(SymptomText::value(f)));
        const bool judged = !std::isnan(f.threshold);
        m_figureTable->setItem(row, 2, readOnlyItem(judged ? (f.strictlyAbove ? tr("above %1") : tr("%1 or more"))
                                                                 .arg(SymptomText::value(f.metric, f.threshold))
                                                           : tr("—")));
        auto *state = readOnlyItem(!judged ? tr("context") : f.exceeded() ? tr("over the threshold") : tr("fine"));
        if (judged && f.exceeded())
            state->setForeground(troubleColor());
        m_figureTable->setItem(row, 3, state);
    }
    m_figureTable->resizeColumnsToContents();
    m_figureTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_verdictLabel->setText(SymptomText::verdict(d));
    QPalette palette = m_verdictLabel->palette();
    palette.setColor(QPalette::WindowText, d.affected ? troubleColor() : this->palette().color(QPalette::WindowText));
    m_verdictLabel->setPalette(palette);
    // The "before" of Verify.
    if (const SymptomFigure *tracked = d.figure(d.trackedMetric))
        m_points = {QPointF(double(result.takenAt.toMSecsSinceEpoch()), tracked->value)};
    m_measurePage->notify();
    Q_EMIT measured();
}

void SymptomWizard::fillPlan()
{
    m_planTable->setRowCount(0);
    m_planEdits.clear();
    m_planErrors.clear();
    if (!m_diagnosis)
        return;
    for (const ProposedChange &change : m_diagnosis->changes) {
        const int row = m_planTable->rowCount();
        m_planTable->insertRow(row);
        const Tunable *tunable = Catalogue::find(change.key);
        auto *key = readOnlyItem(change.key);
        if (tunable)
            key->setToolTip(Catalogue::explanation(*tunable));
        m_planTable->setItem(row, 0, key);
        QString current = change.current;
        for (const CurrentValue &value : m_reading.values)
            if (value.tunable && value.tunable->name() == change.key)
                current = value.value;
        m_planTable->setItem(row, 1, readOnlyItem(tunable ? TuningModel::valueText(*tunable, current) : current));
        if (m_reading.context.readOnlyKeys.contains(change.key)) {
            // A child network namespace shows some net.core keys 0444: left out, not a dead end.
            m_planTable->setItem(row, 2, readOnlyItem(change.value));
            auto *why = wrappingLabel(m_planTable, tr("Read-only here (a container's network namespace): left out "
                                                      "of the plan. Set it on the host."));
            m_planTable->setCellWidget(row, 3, why);
            continue;
        }
        auto *edit = new QLineEdit(change.value, m_planTable);
        edit->setObjectName(change.key);
        m_planTable->setCellWidget(row, 2, edit);
        auto *error = wrappingLabel(m_planTable);
        m_planTable->setCellWidget(row, 3, error);
        m_planEdits.insert(change.key, edit);
        m_planErrors.insert(change.key, error);
        connect(edit, &QLineEdit::textChanged, this, [this, key = change.key] { validatePlanRow(key); });
        validatePlanRow(change.key);
    }
    m_planTable->resizeColumnsToContents();
    // Room for the whole value as typed ("4096 131072 20971520"), not just the header.
    int valueWidth = m_planTable->columnWidth(2);
    for (QLineEdit *edit : std::as_const(m_planEdits))
        valueWidth = std::max(valueWidth, edit->fontMetrics().horizontalAdvance(edit->text()) + 24);
    m_planTable->setColumnWidth(2, valueWidth);
    m_planTable->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_planTable->resizeRowsToContents();
    m_caveatsLabel->setText(m_diagnosis->caveats.isEmpty() ? tr("None.") : bulletList(m_diagnosis->caveats));
    QStringList advice;
    for (Advice a : m_diagnosis->advice) {
        advice << SymptomText::advice(a);
        if (a == Advice::ListenAgain && !m_diagnosis->listeners.empty())
            advice.last() += QLatin1Char(' ') + SymptomText::listenersToRestart(m_diagnosis->listeners);
    }
    m_cannotFixLabel->setText(bulletList(advice));
}

void SymptomWizard::validatePlanRow(const QString &key)
{
    QLineEdit *edit = m_planEdits.value(key);
    QLabel *error = m_planErrors.value(key);
    if (!edit || !error)
        return;
    auto valid = validateChange(key, edit->text(), m_reading.context);
    QPalette palette = error->palette();
    if (!valid) {
        error->setText(valid.error());
        palette.setColor(QPalette::WindowText, troubleColor());
    } else {
        const Tunable *tunable = Catalogue::find(key);
        const QStringList names = !tunable ? QStringList()
                                  : tunable->enumSource == EnumSource::CongestionControl ? m_reading.context.congestionControls
                                  : tunable->enumSource == EnumSource::QueueDiscipline   ? m_reading.context.queueDisciplines
                                                                                         : QStringList();
        error->setText(tunable ? tr("valid: %1").arg(Catalogue::allowedText(*tunable, names, m_reading.context.kernelRelease))
                               : tr("valid"));
        palette.setColor(QPalette::WindowText, this->palette().color(QPalette::WindowText));
    }
    error->setPalette(palette);
    m_planTable->resizeRowsToContents();
    m_planPage->notify();
}

Result<Plan> SymptomWizard::plan() const
{
    if (m_planEdits.isEmpty())
        return Error{tr("Nothing is planned.")};
    std::vector<RequestedChange> requested;
    if (m_diagnosis) {
        for (const ProposedChange &change : m_diagnosis->changes) {
            if (QLineEdit *edit = m_planEdits.value(change.key))
                requested.emplace_back(change.key, edit->text());
        }
    }
    auto planned = makePlan(requested, m_reading.context, m_reading.values);
    if (!planned)
        return planned;
    const bool changesSomething = std::any_of(planned->changes().begin(), planned->changes().end(),
                                              [](const PlannedChange &c) { return c.changes(); });
    if (!changesSomething)
        return Error{tr("Every value is the current one: the plan would change nothing.")};
    return planned;
}

bool SymptomWizard::setPlannedValue(const QString &key, const QString &value)
{
    QLineEdit *edit = m_planEdits.value(key);
    if (!edit)
        return false;
    edit->setText(value);
    return true;
}

QString SymptomWizard::plannedValueError(const QString &key) const
{
    auto valid = validateChange(key, m_planEdits.contains(key) ? m_planEdits.value(key)->text() : QString(),
                                m_reading.context);
    return valid ? QString() : valid.error();
}

bool SymptomWizard::persist() const
{
    return m_persistBox->isChecked();
}

void SymptomWizard::fillReview()
{
    auto planned = plan();
    if (!planned) {
        m_reviewLabel->setText(planned.error());
        return;
    }
    QStringList lines;
    for (const PlannedChange &change : planned->changes()) {
        if (!change.changes())
            continue;
        lines << tr("%1: %2 → %3")
                     .arg(change.key, TuningModel::valueText(*change.tunable, change.from),
                          TuningModel::valueText(*change.tunable, change.to));
    }
    m_reviewLabel->setText(lines.join(QLatin1Char('\n')));
    const QString path = m_environment.sysctlFilePath();
    m_persistLabel->setText(persist() ? tr("Yes, once you keep it: written to %1 after you press Keep, never "
                                           "before; the file's previous content is kept as %2.")
                                            .arg(path, path + QLatin1String(SysctlFile::PreviousSuffix))
                                      : tr("No: the kernel's own values return at the next boot."));
    m_filePreview->setVisible(persist());
    QString file = planned->sysctlFile(m_reading.persisted, QDateTime::currentDateTimeUtc());
    if (!m_reading.persistedError.isEmpty())
        file.prepend(tr("# The current file could not be read (%1); the helper reads it itself.\n")
                         .arg(m_reading.persistedError));
    m_filePreview->setPlainText(file);
}

void SymptomWizard::apply()
{
    if (m_applyState == ApplyState::Applying || m_applyState == ApplyState::Pending || m_applyState == ApplyState::Kept)
        return;
    auto planned = plan();
    if (!planned) {
        m_applyStatus->setText(planned.error());
        setApplyState(ApplyState::Failed);
        return;
    }
    m_revertRequested = false; // a new attempt after a Revert
    HelperRequest request;
    request.action = HelperAction::Apply;
    for (const PlannedChange &change : planned->changes())
        if (change.changes())
            request.changes.emplace_back(change.key, change.to);
    request.persist = persist();
    request.confirmWithinSeconds = m_countdownSeconds;
    QStringList keys;
    QStringList labels;
    for (const RequestedChange &change : request.changes) {
        keys << change.first;
        labels << change.first.section(QLatin1Char('.'), -1);
    }
    m_changeLabel = labels.join(QStringLiteral(", "));
    m_applied.clear();
    for (const PlannedChange &change : planned->changes())
        if (change.changes())
            m_applied.push_back({change.key, change.from, change.to});
    m_verification->clear();
    m_applyStatus->setText(tr("Applying %n setting(s)… polkit may ask for an administrator's password.", nullptr,
                              int(request.changes.size())));
    setApplyState(ApplyState::Applying);
    m_job->start(request, keys);
}

void SymptomWizard::onPending()
{
    m_pendingSince.start();
    m_appliedAt = QDateTime::currentDateTimeUtc();
    QStringList lines{tr("Applied. Check that everything still works (the figures, your application).")};
    for (const WizardReport::Change &change : m_applied) {
        const Tunable *tunable = Catalogue::find(change.key);
        lines << tr("%1: %2 → %3")
                     .arg(change.key, tunable ? TuningModel::valueText(*tunable, change.from) : change.from,
                          tunable ? TuningModel::valueText(*tunable, change.to) : change.to);
    }
    m_applyStatus->setText(lines.join(QLatin1Char('\n')));
    setApplyState(ApplyState::Pending);
    m_countdown->start();
    onCountdown();
}

int SymptomWizard::secondsLeft() const
{
    if (m_applyState != ApplyState::Pending)
        return 0;
    const qint64 left = qint64(m_countdownSeconds) * 1000 - m_pendingSince.elapsed();
    return int(std::max<qint64>(0, (left + 999) / 1000));
}

void SymptomWizard::onCountdown()
{
    if (m_applyState != ApplyState::Pending) {
        m_countdown->stop();
        return;
    }
    const int left = secondsLeft();
    m_countdownLabel->setText(tr("Keep these settings? Reverting in %n s.", nullptr, left));
    if (left <= 0) {
        // The helper restores by itself at its deadline; closing its stdin now says the same.
        m_countdown->stop();
        m_applyStatus->setText(tr("No answer: reverting…"));
        m_job->revert();
    }
}

void SymptomWizard::keep()
{
    if (m_applyState != ApplyState::Pending)
        return;
    m_countdown->stop();
    m_countdownLabel->clear();
    m_applyStatus->setText(tr("Keeping…"));
    m_keepButton->setEnabled(false);
    m_revertButton->setEnabled(false);
    m_job->keep();
}

void SymptomWizard::revert()
{
    if (m_applyState != ApplyState::Pending)
        return;
    m_countdown->stop();
    m_countdownLabel->clear();
    m_applyStatus->setText(tr("Reverting…"));
    m_revertRequested = true;
    m_keepButton->setEnabled(false);
    m_revertButton->setEnabled(false);
    m_job->revert();
}

void SymptomWizard::onApplyFinished(const HelperOutcome &outcome)
{
    m_countdown->stop();
    m_countdownLabel->clear();
    m_verification->setText(HelperText::verification(outcome).join(QLatin1Char('\n')));
    if (outcome.succeeded()) {
        m_transaction = outcome.transaction();
        m_persisted = outcome.reply->result.value(QLatin1String("persisted")).toBool();
        m_keptAt = QDateTime::currentDateTimeUtc();
        m_applyStatus->setText(m_persisted ? tr("Kept and persisted (transaction %1).").arg(m_transaction)
                                           : tr("Kept (transaction %1); not persisted.").arg(m_transaction));
        setApplyState(ApplyState::Kept);
        // The marker goes where the values changed: when the helper applied them, not
        // when they were kept.
        qint64 monotonic = -1;
        if (!m_latest.isNull())
            monotonic = m_latest.monotonicMs() + m_latest.takenAt().msecsTo(m_appliedAt);
        if (monotonic >= 0)
            m_chart->addEventMarker(monotonic, tr("Applied: %1").arg(m_changeLabel));
        saveRecord();
        Q_EMIT changeApplied(m_appliedAt, monotonic, m_changeLabel);
    } else if (outcome.reply && outcome.reply->exitCode == HelperProtocol::FailedRestored) {
        // The helper sees a Revert as a caller that stopped answering; say what happened.
        const QString why = m_revertRequested ? tr("as you asked") : outcome.reply->error();
        m_applyStatus->setText(tr("Reverted: the helper restored every value (%1). Nothing was persisted.").arg(why));
        setApplyState(ApplyState::Reverted);
    } else {
        m_applyStatus->setText(HelperText::failure(outcome));
        setApplyState(ApplyState::Failed);
    }
    if (outcome.reply)
        Q_EMIT journalChanged();
}

void SymptomWizard::setApplyState(ApplyState state)
{
    m_applyState = state;
    const bool pending = state == ApplyState::Pending;
    m_keepButton->setVisible(pending);
    m_revertButton->setVisible(pending);
    m_keepButton->setEnabled(pending);
    m_revertButton->setEnabled(pending);
    m_countdownLabel->setVisible(pending);
    m_applyPage->notify();
    Q_EMIT applyStateChanged(state);
}

void SymptomWizard::reject()
{
    if (m_applyState == ApplyState::Pending)
        revert();
    QWizard::reject();
}

void SymptomWizard::showSnapshot(const Snapshot &snapshot)
{
    if (snapshot.isNull())
        return;
    m_previous = m_latest;
    m_latest = snapshot;
    if (!m_diagnosis)
        return;
    if (!isWatching()) {
        if (!m_watchEnded && m_applyState == ApplyState::Kept) {
            m_watchEnded = true;
            saveRecord();
            updateVerify();
        }
        return;
    }
    const QString &metric = m_diagnosis->trackedMetric;
    if (metric.endsWith(QLatin1String("need_ratio"))) {
        readTrackedSysctls(snapshot.takenAt());
        return;
    }
    // A summary-only snapshot has no TIME_WAIT sockets per destination: it cannot say.
    const bool needsSockets = metric != QLatin1String("time_wait") && !metric.endsWith(QLatin1String("_per_s"));
    if (needsSockets && snapshot.isSummaryOnly())
        return;
    if (auto value = trackedFigure(metric, m_diagnosis->subject, m_previous, snapshot))
        addTrackedPoint(snapshot.takenAt(), *value);
    updateVerify();
}

void SymptomWizard::addTrackedPoint(const QDateTime &takenAt, double value)
{
    m_points << QPointF(double(takenAt.toMSecsSinceEpoch()), value);
    // The record follows Verify: the first point after the change, then every 10 s,
    // so History has the effect even if the window goes away without closing.
    if (m_applyState == ApplyState::Kept && (!m_savedAfter || m_sinceSave.elapsed() >= 10000)) {
        m_savedAfter = true;
        m_sinceSave.start();
        saveRecord();
    }
}

void SymptomWizard::readTrackedSysctls(const QDateTime &takenAt)
{
    const SymptomFigure *needed = m_diagnosis->figure(u"needed_buffer_bytes");
    if (!needed || m_readingSysctls)
        return; // one read at a time; the next snapshot asks again
    m_readingSysctls = true;
    auto value = std::make_shared<std::optional<double>>();
    QThread *thread = QThread::create([value, root = m_environment.sysctlRoot, metric = m_diagnosis->trackedMetric,
                                       bytes = needed->value] {
        const SysctlTree tree(root);
        QHash<QString, QString> sysctls;
        for (const char *key : {"net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.core.rmem_max", "net.core.wmem_max"})
            if (auto read = tree.read(QString::fromLatin1(key)))
                sysctls.insert(QString::fromLatin1(key), read.value());
        *value = bufferNeedRatio(metric, bytes, sysctls);
    });
    connect(thread, &QThread::finished, this, [this, value, takenAt] {
        m_readingSysctls = false;
        if (*value)
            addTrackedPoint(takenAt, **value);
        updateVerify();
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start(QThread::LowPriority);
}

bool SymptomWizard::isWatching() const
{
    if (!m_keptAt.isValid())
        return true; // before the change: every point is a "before"
    return m_keptAt.secsTo(QDateTime::currentDateTimeUtc()) < m_verifySeconds;
}

std::optional<double> SymptomWizard::beforeValue() const
{
    if (!m_diagnosis)
        return std::nullopt;
    const SymptomFigure *f = m_diagnosis->figure(m_diagnosis->trackedMetric);
    return f ? std::optional<double>(f->value) : std::nullopt;
}

std::optional<double> SymptomWizard::afterValue() const
{
    if (!m_keptAt.isValid() || m_points.isEmpty())
        return std::nullopt;
    const QPointF &last = m_points.last();
    if (last.x() < double(m_appliedAt.toMSecsSinceEpoch()))
        return std::nullopt;
    return last.y();
}

void SymptomWizard::updateVerify()
{
    if (!m_diagnosis)
        return;
    const bool ratio = SymptomText::isRatio(m_diagnosis->trackedMetric);
    const double scale = ratio ? 100.0 : 1.0;
    if (m_chart->seriesCount() == 0) {
        m_chart->addSeries(SymptomText::figureName(m_diagnosis->trackedMetric, m_diagnosis->subject),
                           palette().color(QPalette::Highlight));
        // Ratios are drawn in per cent, as the figure table shows them; the report's CSV
        // keeps them as ratios 0..1.
        if (m_diagnosis->trackedMetric.endsWith(QLatin1String("need_ratio"))) {
            m_chart->setDecimals(2);
            m_chart->setUnit(QStringLiteral("×"));
        } else if (ratio) {
            m_chart->setDecimals(1);
            m_chart->setUnit(QStringLiteral("%"));
        } else if (m_diagnosis->trackedMetric.endsWith(QLatin1String("_per_s"))) {
            m_chart->setDecimals(1);
            m_chart->setUnit(tr("per second"));
        }
        // A rate judged against 0 has no band to draw: all of the chart would be tinted.
        if (const SymptomFigure *f = m_diagnosis->figure(m_diagnosis->trackedMetric);
            f && !std::isnan(f->threshold) && f->threshold > 0)
            m_chart->addThreshold(tr("threshold"), f->threshold * scale, troubleColor());
    }
    const QDateTime now = m_latest.isNull() ? QDateTime::currentDateTimeUtc() : m_latest.takenAt();
    if (!m_latest.isNull())
        m_chart->setNow(m_latest.monotonicMs(), now);
    QList<QPointF> relative;
    relative.reserve(m_points.size());
    const double nowMs = double(now.toMSecsSinceEpoch());
    for (const QPointF &p : std::as_const(m_points))
        relative << QPointF((p.x() - nowMs) / 1000.0, p.y() * scale);
    m_chart->setSeriesPoints(0, relative);

    const auto before = beforeValue();
    const auto after = afterValue();
    if (!m_keptAt.isValid()) {
        m_watchLabel->setText(tr("Waiting for the change to be kept."));
    } else {
        const qint64 watched = m_keptAt.secsTo(QDateTime::currentDateTimeUtc());
        m_watchLabel->setText(isWatching() ? tr("Watching: %1 of %2 min.")
                                                 .arg(QString::number(double(watched) / 60.0, 'f', 1))
                                                 .arg(m_verifySeconds / 60.0, 0, 'f', 1)
                                           : tr("Watched for %1 min after the change.").arg(m_verifySeconds / 60.0, 0, 'f', 1));
    }
    if (before && after)
        m_effectLabel->setText(SymptomText::effect(m_diagnosis->trackedMetric, m_diagnosis->subject, *before, *after));
    else if (m_keptAt.isValid())
        m_effectLabel->setText(tr("Waiting for a sample taken after the change."));
    else
        m_effectLabel->clear();
    Q_EMIT verifyUpdated();
}

WizardReport::Record SymptomWizard::record() const
{
    WizardReport::Record r;
    if (m_diagnosis)
        r.diagnosis = *m_diagnosis;
    r.hostName = m_hostName;
    r.kernelRelease = m_kernelRelease;
    r.measuredAt = m_measuredAt;
    r.appliedAt = m_appliedAt;
    // Who: this session's user, on whose behalf pkexec ran the helper (the journal
    // records the same as PKEXEC_UID).
    const uid_t uid = ::getuid();
    QString name;
    passwd record{};
    passwd *found = nullptr;
    char buffer[4096];
    if (::getpwuid_r(uid, &record, buffer, sizeof buffer, &found) == 0 && found)
        name = QString::fromLocal8Bit(found->pw_name);
    r.appliedBy = name.isEmpty() ? tr("uid %1").arg(uid) : tr("uid %1 (%2)").arg(uid).arg(name);
    r.transaction = m_transaction;
    r.kept = m_applyState == ApplyState::Kept;
    r.persisted = m_persisted;
    r.plan = m_applied;
    r.points = m_points;
    r.before = beforeValue();
    r.after = afterValue();
    return r;
}

Result<void> SymptomWizard::writeReport(const QString &directory)
{
    updateVerify();
    return WizardReport::write(directory, record(), *m_chart);
}

} // namespace Sockpit
