// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/keyfigures.h"
#include "pages/page.h"
#include "widgets/credentialsdialog.h"

#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;

namespace Sockpit {

class CredentialStore;
class LinkTableModel;
class ProbeRunner;
class TimeChart;

// Link quality to targets the user lists (icmp://, tcp://, https://): a table of each
// target's loss, RTT, jitter and health over the last minutes, and the RTT chart of the
// selected target with its jitter band and its lost probes marked. Probing runs on a
// worker thread (ProbeRunner); the target list is kept in the settings, without
// credentials: those of https targets live in a CredentialStore (the system keychain),
// are read again each time probing starts, and go only to the runner.
class LinksPage final : public Page
{
    Q_OBJECT
public:
    static constexpr QStringView Id = u"links";
    // How long probing waits for the keychain (which may be asking the user to unlock it)
    // before it starts without the credentials still missing.
    static constexpr int KeychainWaitMs = 10'000;

    // With the system keychain.
    explicit LinksPage(QWidget *parent = nullptr);
    // With another store, which must outlive the page.
    explicit LinksPage(CredentialStore *store, QWidget *parent = nullptr);
    ~LinksPage() override;

    QString title() const override;
    QIcon icon() const override;
    void showSnapshot(const Snapshot &snapshot) override;
    SampleNeed sampleNeed() const override;
    void applySettings(const UiSettings &settings) override;
    QList<TimeChart *> charts() const override { return {m_chart}; }

    // Parses text and adds it, or shows why it cannot; true when added.
    bool addTarget(const QString &text);
    // Removes the target and the credentials kept for it.
    void removeTarget(int row);
    // Opens the Credentials dialog for an https target's row; false for other rows.
    bool editCredentials(int row);
    // Keeps (or, when empty, forgets) the Authorization value of an https target's row in
    // the store, then probes with it; false for other rows.
    bool setCredentials(int row, const QByteArray &authorization);
    // Recomputes the table and the chart now (the page does it every second).
    void refresh();

    LinkTableModel *model() const { return m_model; }
    ProbeRunner *runner() const { return m_runner; }
    QLineEdit *targetEdit() const { return m_edit; }
    QLabel *errorLabel() const { return m_error; }
    // What went wrong with the keychain, if anything; hidden otherwise.
    QLabel *keychainLabel() const { return m_keychain; }
    QPushButton *removeButton() const { return m_removeButton; }
    QPushButton *credentialsButton() const { return m_credentialsButton; }
    CredentialsDialog *credentialsDialog() const { return m_credentialsDialog; }
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
    void showKeychainProblem(const QString &message);
    void updateButtons();

    LinkTableModel *m_model = nullptr;
    ProbeRunner *m_runner = nullptr;
    QLineEdit *m_edit = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_credentialsButton = nullptr;
    QLabel *m_keychain = nullptr;
    CredentialStore *m_store = nullptr;
    QPointer<CredentialsDialog> m_credentialsDialog;
    int m_probeGeneration = 0; // credentials read for an older list are dropped
    QTableView *m_table = nullptr;
    QSplitter *m_splitter = nullptr;
    TimeChart *m_chart = nullptr;
    QTimer *m_refreshTimer = nullptr;
};

} // namespace Sockpit
