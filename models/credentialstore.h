#pragma once

#include "database.h"
#include "secrets.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace hopstep {

// An ATS API key as stored: the secret itself is never kept, only its hash.
struct ApiKeyRecord
{
    QString id;
    QString providerId;
    QString prefix;
    QString label;
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QDateTime revokedAt;
};

// A staff member's token for the admin API, stored the same way.
struct StaffTokenRecord
{
    QString id;
    QString name;
    QString prefix;
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QDateTime revokedAt;
};

class CredentialStore
{
public:
    explicit CredentialStore(Database &database);

    bool addApiKey(const ApiKeyRecord &key, const QString &secretHash, QString *error = nullptr);
    std::optional<ApiKeyRecord> apiKeyByHash(const QString &secretHash);

    bool addStaffToken(const StaffTokenRecord &token, const QString &secretHash,
                       QString *error = nullptr);
    std::optional<StaffTokenRecord> staffTokenByHash(const QString &secretHash);

    // Issues a new secret and stores its hash. The returned secret is the only copy.
    std::optional<IssuedSecret> issueApiKey(const QString &providerId, const QString &label,
                                            QString *error = nullptr);
    std::optional<IssuedSecret> issueStaffToken(const QString &name, QString *error = nullptr);

    bool recordApiKeyUse(const QString &id, const QDateTime &time);
    bool recordStaffTokenUse(const QString &id, const QDateTime &time);

private:
    Database &m_database;
};

} // namespace hopstep
