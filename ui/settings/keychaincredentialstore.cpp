// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/keychaincredentialstore.h"

#include <qt6keychain/keychain.h>

namespace Sockpit {

KeychainCredentialStore::KeychainCredentialStore(QObject *parent)
    : CredentialStore(parent)
{
}

Error KeychainCredentialStore::jobError(int keychainError, const QString &detail)
{
    switch (QKeychain::Error(keychainError)) {
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return Error{tr("The system keychain refused access: credentials cannot be read or kept (%1).").arg(detail),
                     keychainError};
    default:
        // No backend, no session bus, a wallet that cannot be opened: for the user all
        // of them mean there is no keychain to keep a secret in.
        return Error{detail.isEmpty() ? unavailableMessage() : tr("%1 (%2)").arg(unavailableMessage(), detail),
                     keychainError};
    }
}

// Every job is started without a parent and deletes itself once it has finished
// (QtKeychain's autoDelete): libsecret calls back into a job that is under way, so a job
// deleted with the store before its answer came would be used after it was freed. The
// store is the context of the `finished` connection instead, so a store that is gone is
// never called back, while what it asked for still completes.
void KeychainCredentialStore::read(const QString &key, ReadDone done)
{
    auto *job = new QKeychain::ReadPasswordJob(ServiceName.toString());
    job->setKey(key);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
        const QKeychain::Error error = finished->error();
        if (error == QKeychain::NoError)
            done(static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData());
        else if (error == QKeychain::EntryNotFound)
            done(QByteArray());
        else
            done(jobError(error, finished->errorString()));
    });
    job->start();
}

void KeychainCredentialStore::write(const QString &key, const QByteArray &secret, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(ServiceName.toString());
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError)
            done(Result<void>());
        else
            done(jobError(finished->error(), finished->errorString()));
    });
    job->start();
}

void KeychainCredentialStore::remove(const QString &key, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(ServiceName.toString());
    job->setKey(key);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
        const QKeychain::Error error = finished->error();
        if (error == QKeychain::NoError || error == QKeychain::EntryNotFound)
            done(Result<void>());
        else
            done(jobError(error, finished->errorString()));
    });
    job->start();
}

} // namespace Sockpit
