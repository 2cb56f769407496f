// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace Sockpit {

// Credentials for one https target: none, a bearer token, or a user and password for
// basic authentication. It shows what is stored (never the secret itself: a stored token
// or password has to be typed again to be changed, and is kept when its field is left
// empty) and hands back the Authorization value to keep; the page reads and writes the
// keychain, the dialog only edits.
class CredentialsDialog final : public QDialog
{
    Q_OBJECT
public:
    enum class Kind { None, Bearer, Basic };

    explicit CredentialsDialog(const QString &target, QWidget *parent = nullptr);

    QString target() const { return m_target; }

    // What the keychain answered for the target: the stored Authorization value (empty:
    // none), or why it cannot be used, in which case nothing can be edited.
    void showStored(const Result<QByteArray> &stored);

    Kind kind() const;
    void setKind(Kind kind);
    // The Authorization value for the choice ("Bearer ...", "Basic ..."), empty for None;
    // the stored one when the choice is the stored kind, for the same user, and the token
    // or password field was left empty.
    QByteArray authorization() const;
    // Why the entries cannot be used as they are; empty when they can.
    QString problem() const;

    QLabel *statusLabel() const { return m_status; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void updateState();
    bool keepsStored() const;
    QString storedUser() const; // of a stored "Basic ..." value; empty otherwise

    QString m_target;
    bool m_usable = false; // the keychain answered
    QByteArray m_stored;   // what it answered, never shown
    QLabel *m_status = nullptr;
    QRadioButton *m_none = nullptr;
    QRadioButton *m_bearer = nullptr;
    QRadioButton *m_basic = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Sockpit
