// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/analyser.h"
#include "analysis/symptomdiagnosis.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QTreeView;
class QVBoxLayout;

namespace Sockpit {

class FindingsModel;

// The Overview's findings: a line on what was analysed, the findings most severe first,
// and for the selected one its explanation, every evidence row, caveats, references and
// each proposed change with a button that opens the Tuning page's wizard on it.
class FindingsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsPanel(QWidget *parent = nullptr);

    void setReport(const AnalysisReport &report);
    // No findings and no report, until the next one (another machine's are coming).
    void clear();
    void setRunning(bool running);
    void setFailure(const QString &message);

    FindingsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *detailsLabel() const { return m_details; }
    QPushButton *analyseButton() const { return m_analyseButton; }
    // The "Review in Tuning…" buttons of the selected finding, one per proposed change.
    QList<QPushButton *> reviewButtons() const { return m_reviewButtons; }
    bool selectRow(int row);

Q_SIGNALS:
    void analyseRequested();
    // KEY=VALUE as the finding titled ORIGIN proposes it.
    void reviewRequested(const QString &key, const QString &value, const QString &origin);
    // The tuning wizard for SYMPTOM, from the menu or from a finding that belongs to it.
    void wizardRequested(Sockpit::Symptom symptom);

private:
    void showSelected();

    FindingsModel *m_model = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_analyseButton = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_details = nullptr;
    QWidget *m_changes = nullptr;
    QVBoxLayout *m_changesLayout = nullptr;
    QList<QPushButton *> m_reviewButtons;
    QString m_failure;
};

} // namespace Sockpit
