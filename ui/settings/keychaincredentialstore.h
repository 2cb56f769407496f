// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/credentialstore.h"

namespace Sockpit {

// The system keychain through QtKeychain: the Secret Service (GNOME Keyring, KeePassXC)
// or KWallet, whichever the session offers, under the service name "sockpit".
// QtKeychain's insecure fallback stays off: it would write the secret into a plain
// settings file when no keychain answers. A job under way when the store is deleted still
// completes; its `done` is not called.
class KeychainCredentialStore final : public CredentialStore
{
    Q_OBJECT
public:
    static constexpr QStringView ServiceName = u"sockpit";

    explicit KeychainCredentialStore(QObject *parent = nullptr);

    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QByteArray &secret, Done done) override;
    void remove(const QString &key, Done done) override;

    // The message for a failed job: QKeychain::Error as an int, and the job's own words.
    static Error jobError(int keychainError, const QString &detail);
};

} // namespace Sockpit
