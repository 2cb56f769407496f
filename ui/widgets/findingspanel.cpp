// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/findingspanel.h"

#include "models/findingsmodel.h"
#include "wizards/symptombutton.h"
#include "wizards/symptomtext.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace Sockpit {

FindingsPanel::FindingsPanel(QWidget *parent)
    : QWidget(parent)
{
    m_model = new FindingsModel(this);

    m_status = new QLabel(m_model->summary(), this);
    m_status->setObjectName(QStringLiteral("findingsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_analyseButton = new QPushButton(QIcon(QStringLiteral(":/sockpit/icons/refresh.svg")), tr("&Analyse Now"), this);
    m_analyseButton->setToolTip(tr("Analyse the window's latest samples of this machine now"));
    connect(m_analyseButton, &QPushButton::clicked, this, &FindingsPanel::analyseRequested);
    // The buttons on a row of their own: beside them the status (which names every rule
    // it checked) would wrap a word per line in the Overview's narrow column.
    auto *top = new QHBoxLayout;
    top->addStretch(1);
    top->addWidget(m_analyseButton);
    auto *symptoms = new SymptomButton(this);
    connect(symptoms, &SymptomButton::symptomChosen, this, &FindingsPanel::wizardRequested);
    top->addWidget(symptoms);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("findingsView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // Title and key evidence share what the severity leaves, both cut at their edge.
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(FindingsModel::SeverityColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(FindingsModel::TitleColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(FindingsModel::EvidenceColumn, QHeaderView::Stretch);
    m_view->setMinimumHeight(60);
    // The evidence column is cut at the view's edge; its tooltip and the details have it all.
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &FindingsPanel::showSelected);

    auto *detailsBox = new QWidget;
    auto *detailsLayout = new QVBoxLayout(detailsBox);
    detailsLayout->setContentsMargins(4, 4, 4, 4);
    m_heading = new QLabel(detailsBox);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    // Wrapped labels take the width they are given, never widen the pane to scroll sideways.
    m_heading->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_details = new QLabel(detailsBox);
    m_details->setObjectName(QStringLiteral("findingDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_changes = new QWidget(detailsBox);
    m_changesLayout = new QVBoxLayout(m_changes);
    m_changesLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_heading);
    detailsLayout->addWidget(m_changes);
    detailsLayout->addWidget(m_details);
    detailsLayout->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setWidget(detailsBox);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumHeight(60);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("overviewFindings"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_view);
    splitter->addWidget(scroll);
    // A few findings at most: the list stays short and the details get the room.
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({120, 280});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);
    showSelected();
}

void FindingsPanel::setReport(const AnalysisReport &report)
{
    const QString selected = m_model->key(m_view->currentIndex().row());
    m_model->setReport(report);
    m_failure.clear();
    m_status->setText(m_model->summary());
    // The selection follows its finding across analyses; the first one is shown otherwise.
    const int row = m_model->rowOf(selected);
    if (!selectRow(row >= 0 ? row : 0))
        showSelected();
}

void FindingsPanel::clear()
{
    m_model->clear();
    m_failure.clear();
    m_status->setText(m_model->summary());
    showSelected();
}

void FindingsPanel::setRunning(bool running)
{
    m_analyseButton->setEnabled(!running);
    m_analyseButton->setText(running ? tr("Analysing…") : tr("&Analyse Now"));
}

void FindingsPanel::setFailure(const QString &message)
{
    m_failure = message;
    m_status->setText(tr("The analysis failed: %1").arg(message));
}

bool FindingsPanel::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    m_view->setCurrentIndex(m_model->index(row, 0));
    showSelected();
    return true;
}

void FindingsPanel::showSelected()
{
    // Later, not now: this may run inside a review button's own click.
    m_reviewButtons.clear();
    const auto rows = m_changes->findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    for (QWidget *widget : rows) {
        widget->hide();
        widget->deleteLater();
    }
    while (QLayoutItem *item = m_changesLayout->takeAt(0))
        delete item;
    const Finding *finding = m_model->finding(m_view->currentIndex().row());
    m_changes->setVisible(finding && !finding->changes.empty());
    if (!finding) {
        m_heading->clear();
        m_details->setText(m_model->rowCount() == 0 ? QString() : tr("Choose a finding to see why it matters."));
        return;
    }
    m_heading->setText(finding->title.translated());
    if (const auto symptom = symptomForFinding(finding->id)) {
        // The guided path first: measure, plan every key together, apply with a checkpoint.
        auto *button = new QPushButton(tr("Fix Step by Step…"), m_changes);
        button->setObjectName(QStringLiteral("wizard:") + finding->id);
        button->setToolTip(SymptomText::title(*symptom));
        connect(button, &QPushButton::clicked, this, [this, symptom = *symptom] { Q_EMIT wizardRequested(symptom); });
        m_changesLayout->addWidget(button, 0, Qt::AlignRight);
    }
    for (const ProposedChange &change : finding->changes) {
        // The button under its line: a dotted key does not break, and beside it the two
        // would widen the pane.
        auto *row = new QVBoxLayout;
        auto *label = new QLabel(change.current.isEmpty()
                                     ? tr("%1 = %2").arg(change.key, change.value)
                                     : tr("%1 = %2 (now %3)").arg(change.key, change.value, change.current),
                                 m_changes);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        auto *button = new QPushButton(tr("Review in Tuning…"), m_changes);
        button->setObjectName(QStringLiteral("review:") + change.key);
        button->setToolTip(tr("Open the change wizard with this value filled in; nothing changes until you apply it"));
        connect(button, &QPushButton::clicked, this, [this, change, title = finding->title.translated()] {
            Q_EMIT reviewRequested(change.key, change.value, title);
        });
        m_reviewButtons << button;
        row->addWidget(label);
        row->addWidget(button, 0, Qt::AlignRight);
        m_changesLayout->addLayout(row);
    }

    QStringList text;
    text << finding->explanation.translated();
    QStringList evidence;
    for (const Evidence &row : finding->evidence)
        evidence << QStringLiteral("• ") + FindingsModel::evidenceText(row);
    text << tr("Evidence:") + QLatin1Char('\n') + evidence.join(QLatin1Char('\n'));
    if (finding->changes.empty())
        text << tr("No change is proposed: none of Sockpit's settings would address this evidence.");
    if (!finding->caveats.isEmpty()) {
        QStringList caveats;
        for (const FindingText &caveat : finding->caveats)
            caveats << QStringLiteral("• ") + caveat.translated();
        text << tr("Caveats:") + QLatin1Char('\n') + caveats.join(QLatin1Char('\n'));
    }
    if (!finding->references.isEmpty())
        text << tr("References:") + QLatin1Char('\n') + finding->references.join(QLatin1Char('\n'));
    m_details->setText(text.join(QStringLiteral("\n\n")));
}

} // namespace Sockpit
