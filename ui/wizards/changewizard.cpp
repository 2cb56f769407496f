// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/changewizard.h"

#include "models/tuningmodel.h"
#include "style/palette.h"
#include "reports/planexportdialog.h"
#include "tuning/catalogue.h"
#include "widgets/confhighlighter.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWizardPage>

#include <cerrno>

namespace Sockpit {

namespace {

QLabel *wrappingLabel(QWidget *parent, const QString &text = {})
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QLabel *errorStyled(QLabel *label)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, Palette::color(Palette::Role::ErrorText));
    label->setPalette(palette);
    return label;
}

} // namespace

class ChangeWizard::ValuePage final : public QWizardPage
{
public:
    explicit ValuePage(ChangeWizard *wizard) : m_wizard(wizard) {}
    bool isComplete() const override { return bool(m_wizard->validate(m_wizard->m_valueEdit->text())); }
    void notify() { Q_EMIT completeChanged(); }

private:
    ChangeWizard *m_wizard;
};

class ChangeWizard::ReviewPage final : public QWizardPage
{
public:
    explicit ReviewPage(ChangeWizard *wizard) : m_wizard(wizard) {}
    void initializePage() override { m_wizard->fillReview(); }
    bool isComplete() const override { return m_wizard->m_applyBlocked.isEmpty() && m_wizard->plan().ok(); }

private:
    ChangeWizard *m_wizard;
};

class ChangeWizard::ResultPage final : public QWizardPage
{
public:
    explicit ResultPage(ChangeWizard *wizard) : m_wizard(wizard) {}
    void initializePage() override { m_wizard->apply(); }
    bool isComplete() const override { return !m_wizard->isBusy(); }
    void notify() { Q_EMIT completeChanged(); }

private:
    ChangeWizard *m_wizard;
};

ChangeWizard::ChangeWizard(const Tunable &tunable, const TuningReading &reading, const TuningEnvironment &environment,
                           QWidget *parent)
    : QWizard(parent)
    , m_tunable(tunable)
    , m_reading(reading)
    , m_job(new HelperJob(environment, this))
{
    setWindowTitle(tr("Change %1").arg(tunable.name()));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    for (const CurrentValue &value : m_reading.values) {
        if (value.tunable == &tunable)
            m_current = value.value;
    }
    connect(m_job, &HelperJob::finished, this, [this](const HelperOutcome &outcome) {
        if (m_stage == Stage::RollingBack)
            onRolledBack(outcome);
        else
            onApplied(outcome);
    });

    // 1. The value.
    m_valuePage = new ValuePage(this);
    m_valuePage->setTitle(tunable.name());
    m_valuePage->setSubTitle(Catalogue::explanation(tunable));
    auto *valueLayout = new QVBoxLayout(m_valuePage);
    auto *facts = new QFormLayout;
    facts->addRow(tr("Current value:"), wrappingLabel(m_valuePage, TuningModel::valueText(tunable, m_current)));
    facts->addRow(tr("Kernel default:"),
                  wrappingLabel(m_valuePage, TuningModel::valueText(tunable, QString::fromLatin1(tunable.defaultValue))));
    const QStringList enumValues = tunable.enumSource == EnumSource::CongestionControl ? m_reading.context.congestionControls
                                   : tunable.enumSource == EnumSource::QueueDiscipline ? m_reading.context.queueDisciplines
                                                                                       : QStringList();
    facts->addRow(tr("Allowed:"), wrappingLabel(m_valuePage, Catalogue::allowedText(tunable, enumValues,
                                                                                        m_reading.context.kernelRelease)));
    facts->addRow(tr("Risks:"), wrappingLabel(m_valuePage, Catalogue::risks(tunable)));
    valueLayout->addLayout(facts);
    m_valueEdit = new QLineEdit(m_current, m_valuePage);
    m_valueEdit->setObjectName(QStringLiteral("valueEdit"));
    m_valueEdit->setClearButtonEnabled(true);
    auto *valueRow = new QFormLayout;
    valueRow->addRow(tr("&New value:"), m_valueEdit);
    valueLayout->addSpacing(8);
    m_originLabel = wrappingLabel(m_valuePage);
    m_originLabel->setObjectName(QStringLiteral("originLabel"));
    m_originLabel->hide();
    valueLayout->addWidget(m_originLabel);
    valueLayout->addLayout(valueRow);
    m_errorLabel = errorStyled(wrappingLabel(m_valuePage));
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    valueLayout->addWidget(m_errorLabel);
    m_persistBox = new QCheckBox(tr("&Keep after a reboot (write %1)").arg(environment.sysctlFilePath()), m_valuePage);
    valueLayout->addWidget(m_persistBox);
    valueLayout->addStretch(1);
    connect(m_valueEdit, &QLineEdit::textChanged, this, &ChangeWizard::onValueEdited);

    // 2. The plan.
    m_reviewPage = new ReviewPage(this);
    m_reviewPage->setTitle(tr("Review the change"));
    m_reviewPage->setSubTitle(tr("Applying asks polkit for an administrator's password, then the helper checks the "
                                 "value again, writes it, reads it back and restores the old value if anything "
                                 "fails."));
    m_reviewPage->setCommitPage(true);
    m_reviewPage->setButtonText(QWizard::CommitButton, tr("&Apply"));
    auto *reviewLayout = new QFormLayout(m_reviewPage);
    m_planLabel = wrappingLabel(m_reviewPage);
    m_persistLabel = wrappingLabel(m_reviewPage);
    m_limitsLabel = wrappingLabel(m_reviewPage);
    m_filePreview = new QPlainTextEdit(m_reviewPage);
    m_filePreview->setReadOnly(true);
    m_filePreview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    highlightSysctlConf(m_filePreview->document(), palette().color(QPalette::Window).lightness() < 128);
    reviewLayout->addRow(tr("Change:"), m_planLabel);
    reviewLayout->addRow(tr("Kept after a reboot:"), m_persistLabel);
    reviewLayout->addRow(tr("What it does not fix:"), m_limitsLabel);
    reviewLayout->addRow(tr("sysctl.d file:"), m_filePreview);
    m_exportButton = new QPushButton(tr("E&xport Plan…"), m_reviewPage);
    m_exportButton->setToolTip(tr("Write this plan as an Ansible playbook, a TuneD profile or a sysctl.d file, "
                                  "to apply on other hosts"));
    connect(m_exportButton, &QPushButton::clicked, this, [this] {
        if (auto planned = plan())
            PlanExportDialog::run(this, planned.value(), m_reading.persisted);
    });
    reviewLayout->addRow(QString(), m_exportButton);

    // 3. The result.
    m_resultPage = new ResultPage(this);
    m_resultPage->setTitle(tr("Result"));
    m_resultPage->setFinalPage(true);
    auto *resultLayout = new QVBoxLayout(m_resultPage);
    m_statusLabel = wrappingLabel(m_resultPage);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_verificationLabel = wrappingLabel(m_resultPage);
    m_verificationLabel->setObjectName(QStringLiteral("verificationLabel"));
    m_rollBackButton = new QPushButton(tr("&Roll Back"), m_resultPage);
    m_rollBackButton->setToolTip(tr("Restore the values from before this change, through the helper"));
    m_rollBackButton->setVisible(false);
    connect(m_rollBackButton, &QPushButton::clicked, this, &ChangeWizard::rollBack);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_rollBackButton);
    buttonRow->addStretch(1);
    resultLayout->addWidget(m_statusLabel);
    resultLayout->addWidget(m_verificationLabel);
    resultLayout->addLayout(buttonRow);
    resultLayout->addStretch(1);

    setPage(ValuePageId, m_valuePage);
    setPage(ReviewPageId, m_reviewPage);
    setPage(ResultPageId, m_resultPage);
    onValueEdited();
}

void ChangeWizard::setApplyBlocked(const QString &reason)
{
    m_applyBlocked = reason;
    if (!reason.isEmpty()) {
        m_reviewPage->setSubTitle(reason);
        // Nothing is written on this machine, so there is nothing to keep after its reboot.
        m_persistBox->setChecked(false);
        m_persistBox->hide();
    }
    button(QWizard::CommitButton)->setToolTip(reason);
}

void ChangeWizard::reject()
{
    if (isBusy())
        return;
    QWizard::reject();
}

Result<void> ChangeWizard::validate(const QString &value) const
{
    auto valid = validateChange(m_tunable.name(), value, m_reading.context);
    if (!valid)
        return valid.failure();
    if (valid->value == m_current)
        return Error{tr("%1 is the current value; enter the value you want instead.").arg(quoted(value)), EINVAL};
    return {};
}

Result<Plan> ChangeWizard::plan() const
{
    if (auto valid = validate(m_valueEdit->text()); !valid)
        return valid.failure();
    return makePlan({{m_tunable.name(), m_valueEdit->text()}}, m_reading.context, m_reading.values);
}

bool ChangeWizard::persist() const
{
    return m_persistBox->isChecked();
}

QString ChangeWizard::persistenceText() const
{
    const QString path = m_job->environment().sysctlFilePath();
    return persist() ? tr("Yes: also written to %1, so it holds after a reboot; the file's previous content is kept "
                          "as %2.")
                           .arg(path, path + QLatin1String(SysctlFile::PreviousSuffix))
                     : tr("No: the kernel's own value returns at the next boot.");
}

void ChangeWizard::propose(const QString &value, const QString &origin)
{
    m_originLabel->setText(tr("Proposed by the finding \u201c%1\u201d. Check it against this machine before you apply it.")
                               .arg(origin));
    m_originLabel->setVisible(!origin.isEmpty());
    m_valueEdit->setText(value); // textChanged validates it
    onValueEdited();
}

void ChangeWizard::onValueEdited()
{
    const auto valid = validate(m_valueEdit->text());
    m_errorLabel->setText(valid ? QString() : valid.error());
    m_valuePage->notify();
}

void ChangeWizard::fillReview()
{
    auto planned = plan();
    if (!planned) {
        m_planLabel->setText(planned.error());
        return;
    }
    QStringList lines;
    for (const PlannedChange &change : planned->changes()) {
        lines << tr("%1: %2 → %3")
                     .arg(change.key, TuningModel::valueText(*change.tunable, change.from),
                          TuningModel::valueText(*change.tunable, change.to));
    }
    m_planLabel->setText(lines.join(QLatin1Char('\n')));
    m_persistLabel->setText(persistenceText());
    m_limitsLabel->setText(TuningModel::limitations(m_tunable));
    m_filePreview->setVisible(persist());
    if (QLabel *label = qobject_cast<QLabel *>(
            static_cast<QFormLayout *>(m_reviewPage->layout())->labelForField(m_filePreview)))
        label->setVisible(persist());
    QString file = planned->sysctlFile(m_reading.persisted, QDateTime::currentDateTimeUtc());
    if (!m_reading.persistedError.isEmpty())
        file.prepend(tr("# The current file could not be read (%1); the helper reads it itself.\n")
                         .arg(m_reading.persistedError));
    m_filePreview->setPlainText(file);
}

void ChangeWizard::apply()
{
    if (m_stage != Stage::Idle && m_stage != Stage::Failed)
        return;
    if (!m_applyBlocked.isEmpty()) {
        m_stage = Stage::Failed;
        m_statusLabel->setText(m_applyBlocked);
        return;
    }
    auto planned = plan();
    if (!planned) {
        m_stage = Stage::Failed;
        m_statusLabel->setText(planned.error());
        return;
    }
    HelperRequest request;
    request.action = HelperAction::Apply;
    request.changes = planned->requested();
    request.persist = persist();
    QStringList keys;
    for (const RequestedChange &change : request.changes)
        keys << change.first;
    m_stage = Stage::Applying;
    m_rollBackButton->setVisible(false);
    m_verificationLabel->clear();
    m_statusLabel->setText(tr("Applying… polkit may ask for an administrator's password."));
    m_job->start(request, keys);
    m_resultPage->notify();
}

void ChangeWizard::onApplied(const HelperOutcome &outcome)
{
    m_verificationLabel->setText(HelperText::verification(outcome).join(QLatin1Char('\n')));
    if (outcome.succeeded()) {
        m_stage = Stage::Applied;
        m_transaction = outcome.transaction();
        const bool persisted = outcome.reply->result.value(QLatin1String("persisted")).toBool();
        m_statusLabel->setText(persisted ? tr("Applied and persisted (transaction %1).").arg(m_transaction)
                                         : tr("Applied (transaction %1); not persisted.").arg(m_transaction));
        m_rollBackButton->setVisible(true);
        m_rollBackButton->setEnabled(true);
        QStringList changes;
        for (const QJsonValue &item : outcome.keys()) {
            const QJsonObject key = item.toObject();
            changes << tr("%1 %2 → %3")
                           .arg(key.value(QLatin1String("key")).toString().section(QLatin1Char('.'), -1),
                                key.value(QLatin1String("from")).toString(), key.value(QLatin1String("to")).toString());
        }
        Q_EMIT changeApplied(QDateTime::currentDateTimeUtc(), changes.join(QStringLiteral(", ")));
    } else {
        m_stage = Stage::Failed;
        m_statusLabel->setText(HelperText::failure(outcome));
    }
    if (outcome.reply)
        Q_EMIT journalChanged();
    m_resultPage->notify();
}

void ChangeWizard::rollBack()
{
    if (m_stage != Stage::Applied || m_transaction <= 0)
        return;
    HelperRequest request;
    request.action = HelperAction::Undo;
    request.transaction = m_transaction;
    m_stage = Stage::RollingBack;
    m_rollBackButton->setEnabled(false);
    m_statusLabel->setText(tr("Rolling back transaction %1…").arg(m_transaction));
    m_job->start(request, {m_tunable.name()});
    m_resultPage->notify();
}

void ChangeWizard::onRolledBack(const HelperOutcome &outcome)
{
    m_verificationLabel->setText(HelperText::verification(outcome).join(QLatin1Char('\n')));
    if (outcome.succeeded()) {
        m_stage = Stage::RolledBack;
        m_rollBackButton->setVisible(false);
        m_statusLabel->setText(tr("Rolled back: transaction %1 restored the values from before transaction %2.")
                                   .arg(outcome.transaction())
                                   .arg(m_transaction));
    } else {
        m_stage = Stage::Applied; // still in force: the user may try again
        m_rollBackButton->setEnabled(true);
        m_statusLabel->setText(tr("Rolling back failed: %1").arg(HelperText::failure(outcome)));
    }
    if (outcome.reply)
        Q_EMIT journalChanged();
    m_resultPage->notify();
}

} // namespace Sockpit
