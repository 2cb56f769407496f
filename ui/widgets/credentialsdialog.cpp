// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/credentialsdialog.h"

#include "probes/probetarget.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Sockpit {

namespace {

// RFC 6750 section 2.1, b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" )
// *"=". Anything else (a space, a line break) could end the header line.
bool isBearerToken(const QString &token)
{
    qsizetype i = 0;
    const auto isTokenChar = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-'
            || c == u'.' || c == u'_' || c == u'~' || c == u'+' || c == u'/';
    };
    while (i < token.size() && isTokenChar(token.at(i)))
        ++i;
    if (i == 0)
        return false;
    while (i < token.size() && token.at(i) == u'=')
        ++i;
    return i == token.size();
}

bool hasControlCharacter(const QString &text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

} // namespace

CredentialsDialog::CredentialsDialog(const QString &target, QWidget *parent)
    : QDialog(parent)
    , m_target(target)
{
    setWindowTitle(tr("Credentials for %1").arg(target));
    setObjectName(QStringLiteral("credentialsDialog"));

    m_status = new QLabel(tr("Reading the system keychain…"), this);
    m_status->setObjectName(QStringLiteral("storedCredentials"));
    m_status->setWordWrap(true);

    m_none = new QRadioButton(tr("&None"), this);
    m_bearer = new QRadioButton(tr("&Bearer token"), this);
    m_basic = new QRadioButton(tr("Basic &authentication (user and password)"), this);
    m_none->setObjectName(QStringLiteral("noCredentials"));
    m_bearer->setObjectName(QStringLiteral("bearerCredentials"));
    m_basic->setObjectName(QStringLiteral("basicCredentials"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_none);
    group->addButton(m_bearer);
    group->addButton(m_basic);
    m_none->setChecked(true);

    m_token = new QLineEdit(this);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAccessibleName(tr("Bearer token"));
    m_user = new QLineEdit(this);
    m_user->setAccessibleName(tr("User"));
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));

    auto *form = new QFormLayout;
    form->addRow(m_none);
    form->addRow(m_bearer);
    form->addRow(tr("&Token:"), m_token);
    form->addRow(m_basic);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("credentialProblem"));
    m_problem->setWordWrap(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *note = new QLabel(tr("Kept in the system keychain, never in Sockpit's settings file, and sent only "
                               "to this target in the Authorization header."),
                            this);
    note->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    for (QRadioButton *button : {m_none, m_bearer, m_basic})
        connect(button, &QRadioButton::toggled, this, &CredentialsDialog::updateState);
    for (QLineEdit *edit : {m_token, m_user, m_password})
        connect(edit, &QLineEdit::textChanged, this, &CredentialsDialog::updateState);
    updateState();
}

void CredentialsDialog::showStored(const Result<QByteArray> &stored)
{
    m_usable = stored.ok();
    m_stored.clear();
    if (!stored) {
        m_status->setText(stored.error() + QLatin1Char(' ')
                          + tr("%1 is probed without credentials.").arg(m_target));
        updateState();
        return;
    }
    const QByteArray &value = stored.value();
    m_stored = value;
    if (value.startsWith("Bearer ")) {
        setKind(Kind::Bearer);
        m_status->setText(tr("A bearer token is stored for this target. Type it again to change it."));
    } else if (value.startsWith("Basic ")) {
        setKind(Kind::Basic);
        m_user->setText(storedUser());
        m_status->setText(tr("Basic authentication as %1 is stored for this target. Type the password again "
                             "to change it.")
                              .arg(m_user->text()));
    } else {
        setKind(Kind::None);
        m_status->setText(tr("No credentials are stored for this target."));
    }
    updateState();
}

CredentialsDialog::Kind CredentialsDialog::kind() const
{
    if (m_bearer->isChecked())
        return Kind::Bearer;
    if (m_basic->isChecked())
        return Kind::Basic;
    return Kind::None;
}

void CredentialsDialog::setKind(Kind kind)
{
    (kind == Kind::Bearer ? m_bearer : kind == Kind::Basic ? m_basic : m_none)->setChecked(true);
}

QByteArray CredentialsDialog::authorization() const
{
    switch (kind()) {
    case Kind::None:
        return {};
    case Kind::Bearer:
        if (keepsStored())
            return m_stored;
        return bearerAuthorization(m_token->text().toLatin1());
    case Kind::Basic:
        if (keepsStored())
            return m_stored;
        return basicAuthorization(m_user->text(), m_password->text());
    }
    return {};
}

bool CredentialsDialog::keepsStored() const
{
    // The stored token or password is never shown, so its field starts empty: left empty,
    // it means "keep what is stored", not "store an empty one" (OK on a dialog opened
    // only to look would otherwise replace a password with nothing).
    switch (kind()) {
    case Kind::None:
        return false;
    case Kind::Bearer:
        return m_token->text().isEmpty() && m_stored.startsWith("Bearer ");
    case Kind::Basic:
        return m_password->text().isEmpty() && m_stored.startsWith("Basic ") && m_user->text() == storedUser();
    }
    return false;
}

QString CredentialsDialog::storedUser() const
{
    if (!m_stored.startsWith("Basic "))
        return {};
    return QString::fromUtf8(QByteArray::fromBase64(m_stored.mid(6))).section(QLatin1Char(':'), 0, 0);
}

QString CredentialsDialog::problem() const
{
    switch (kind()) {
    case Kind::None:
        return {};
    case Kind::Bearer:
        if (keepsStored())
            return {};
        if (m_token->text().isEmpty())
            return tr("Enter the token.");
        if (!isBearerToken(m_token->text()))
            return tr("A bearer token has only letters, digits and - . _ ~ + /, and may end in =.");
        return {};
    case Kind::Basic:
        if (m_user->text().isEmpty())
            return tr("Enter the user.");
        // RFC 7617 section 2: the user-id cannot contain a colon.
        if (m_user->text().contains(QLatin1Char(':')))
            return tr("The user cannot contain a colon.");
        if (hasControlCharacter(m_user->text()) || hasControlCharacter(m_password->text()))
            return tr("The user and the password cannot contain control characters.");
        return {};
    }
    return {};
}

void CredentialsDialog::updateState()
{
    for (QWidget *widget : {static_cast<QWidget *>(m_none), static_cast<QWidget *>(m_bearer),
                            static_cast<QWidget *>(m_basic)})
        widget->setEnabled(m_usable);
    m_token->setEnabled(m_usable && kind() == Kind::Bearer);
    m_user->setEnabled(m_usable && kind() == Kind::Basic);
    m_password->setEnabled(m_usable && kind() == Kind::Basic);
    const QString why = m_usable ? problem() : QString();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_usable && why.isEmpty());
}

} // namespace Sockpit
