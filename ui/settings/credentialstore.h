// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace Sockpit {

// Where the GUI keeps secrets for https targets (an Authorization value per target URL):
// the system keychain, never the settings file. Every call is asynchronous, because a
// keychain may have to be unlocked or may sit behind D-Bus: `done` is called exactly once,
// later, on the thread that made the call, unless the store is deleted first (what was
// asked may still complete then). Secrets are never logged.
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    // An empty value: nothing is stored under the key.
    using ReadDone = std::function<void(const Result<QByteArray> &)>;
    using Done = std::function<void(const Result<void> &)>;

    explicit CredentialStore(QObject *parent = nullptr);

    virtual void read(const QString &key, ReadDone done) = 0;
    virtual void write(const QString &key, const QByteArray &secret, Done done) = 0;
    // Removing a key that holds nothing succeeds.
    virtual void remove(const QString &key, Done done) = 0;

    // The messages every implementation uses, so the page can say the same thing
    // whichever store it has.
    static QString unavailableMessage();   // no Secret Service, no KWallet, no session bus
    static QString unsupportedMessage();   // built without QtKeychain
};

// The system keychain through QtKeychain (service "sockpit", one entry per target URL),
// or, in a build without QtKeychain, a store that refuses every call with
// unsupportedMessage().
CredentialStore *createSystemCredentialStore(QObject *parent = nullptr);

} // namespace Sockpit
