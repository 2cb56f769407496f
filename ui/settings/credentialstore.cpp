// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/credentialstore.h"

#ifdef SOCKPIT_HAVE_QTKEYCHAIN
#include "settings/keychaincredentialstore.h"
#endif

#include <QTimer>

namespace Sockpit {

CredentialStore::CredentialStore(QObject *parent)
    : QObject(parent)
{
}

QString CredentialStore::unavailableMessage()
{
    return tr("The system keychain is not available: credentials cannot be kept.");
}

QString CredentialStore::unsupportedMessage()
{
    return tr("This build of Sockpit has no keychain support: credentials cannot be kept.");
}

namespace {

#ifndef SOCKPIT_HAVE_QTKEYCHAIN
// Answers like a keychain that is never there, still asynchronously, so callers behave
// the same in both builds.
class NoKeychainStore final : public CredentialStore
{
public:
    using CredentialStore::CredentialStore;

    void read(const QString &, ReadDone done) override
    {
        QTimer::singleShot(0, this, [done] { done(Error{unsupportedMessage()}); });
    }
    void write(const QString &, const QByteArray &, Done done) override
    {
        QTimer::singleShot(0, this, [done] { done(Error{unsupportedMessage()}); });
    }
    void remove(const QString &, Done done) override
    {
        // Nothing can have been stored by this build.
        QTimer::singleShot(0, this, [done] { done(Result<void>()); });
    }
};
#endif

} // namespace

CredentialStore *createSystemCredentialStore(QObject *parent)
{
#ifdef SOCKPIT_HAVE_QTKEYCHAIN
    return new KeychainCredentialStore(parent);
#else
    return new NoKeychainStore(parent);
#endif
}

} // namespace Sockpit
