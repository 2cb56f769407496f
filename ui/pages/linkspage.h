// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/keyfigures.h"
#include "pages/page.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;

namespace Sockpit {

class LinkTableModel;
class ProbeRunner;
class TimeChart;

// Link quality to targets the user lists (icmp://, tcp://, https://): a table of each
// target's loss, RTT, jitter and health over the last minutes, and the RTT chart of the
// selected target with its jitter band and its lost probes marked. Probing runs on a
// worker thread (ProbeRunner); the target list is kept in the settings, without
// credentials: the page has no field for them.
class LinksPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"links";

    explicit LinksPage(QWidget *parent = nullptr);
    ~LinksPage() override;

    QString title() const override;
    QIcon icon() const override;
    void showSnapshot(const Snapshot &snapshot) override;
    void applySettings(const UiSettings &settings) override;
    QList<TimeChart *> charts() const override { return {m_chart}; }

    // Parses text and adds it, or shows why it cannot; true when added.
    bool addTarget(const QString &text);
    void removeTarget(int row);
    // Recomputes the table and the chart now (the page does it every second).
    void refresh();

    LinkTableModel *model() const { return m_model; }
    ProbeRunner *runner() const { return m_runner; }
    QLineEdit *targetEdit() const { return m_edit; }
    QLabel *errorLabel() const { return m_error; }
    QTableView *table() const { return m_table; }
    TimeChart *chart() const { return m_chart; }
    // The target the chart shows: the selected row, else the first; -1 without targets.
    int chartedRow() const;

Q_SIGNALS:
    // The worst target as the Overview shows it, after every refresh.
    void worstLinkChanged(const Sockpit::KeyFigure &figure);

private:
    void restartProbing();
    void storeTargets() const;
    void showError(const QString &message);

    LinkTableModel *m_model = nullptr;
    ProbeRunner *m_runner = nullptr;
    QLineEdit *m_edit = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_removeButton = nullptr;
    QTableView *m_table = nullptr;
    QSplitter *m_splitter = nullptr;
    TimeChart *m_chart = nullptr;
    QTimer *m_refreshTimer = nullptr;
};

} // namespace Sockpit
