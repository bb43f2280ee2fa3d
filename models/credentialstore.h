#pragma once

#include "database.h"
#include "secrets.h"
#include "staff.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
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
    QDateTime expiresAt; // null: no expiry; set when a successor replaces the key
    QString createdBy;   // "staff Alex Chen", "demo loader"
    QString revokedBy;
    QString successorId; // the key issued to replace this one, if any
    // Joined from the provider, so one query shows whether the key may be used.
    QString providerName;
    bool providerActive = true;
    QDateTime providerDeactivatedAt;

    bool isRevoked() const { return revokedAt.isValid(); }
    bool hasExpired(const QDateTime &now) const { return expiresAt.isValid() && expiresAt <= now; }
    // "active", "expiring", "expired" or "revoked" at time now.
    QString stateName(const QDateTime &now) const;
};

QJsonObject apiKeyToJson(const ApiKeyRecord &key, const QDateTime &now);
ApiKeyRecord apiKeyFromJson(const QJsonObject &object);

// A staff member's personal token for the admin API, stored the same way.
struct StaffTokenRecord
{
    QString id;
    QString name; // the staff member's name when the token was issued
    QString prefix;
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QDateTime revokedAt;
    QString staffId;
    QString label;
    QString revokedBy;
    // Joined from the staff account on every authentication, so a role change or a
    // deactivation takes effect on the next request.
    QString staffName;
    QString staffEmail;
    StaffRoles roles;
    bool staffActive = true;

    bool isRevoked() const { return revokedAt.isValid(); }
};

QJsonObject staffTokenToJson(const StaffTokenRecord &token);
StaffTokenRecord staffTokenFromJson(const QJsonObject &object);

// A key or token just issued: the record and the only copy of the secret.
struct IssuedApiKey
{
    ApiKeyRecord record;
    IssuedSecret secret;
};
struct IssuedStaffToken
{
    StaffTokenRecord record;
    IssuedSecret secret;
};

class CredentialStore
{
public:
    explicit CredentialStore(Database &database);

    bool addApiKey(const ApiKeyRecord &key, const QString &secretHash, QString *error = nullptr);
    // Finds a key by the hash of its secret, with its provider's state.
    std::optional<ApiKeyRecord> apiKeyByHash(const QString &secretHash);
    std::optional<ApiKeyRecord> apiKey(const QString &id);
    // The provider's keys, newest first.
    QList<ApiKeyRecord> apiKeys(const QString &providerId);

    bool addStaffToken(const StaffTokenRecord &token, const QString &secretHash,
                       QString *error = nullptr);
    // Finds a token by the hash of its secret, with its staff account's roles and state.
    std::optional<StaffTokenRecord> staffTokenByHash(const QString &secretHash);
    std::optional<StaffTokenRecord> staffToken(const QString &id);
    QList<StaffTokenRecord> staffTokens(const QString &staffId);

    // Issues a new secret and stores its hash. The returned secret is the only copy.
    std::optional<IssuedSecret> issueApiKey(const QString &providerId, const QString &label,
                                            QString *error = nullptr);
    std::optional<IssuedApiKey> issueApiKey(const QString &providerId, const QString &label,
                                            const QString &createdBy, const QDateTime &time,
                                            QString *error);
    std::optional<IssuedStaffToken> issueStaffToken(const StaffMember &member, const QString &label,
                                                    const QDateTime &time,
                                                    QString *error = nullptr);

    bool revokeApiKey(const QString &id, const QDateTime &time, const QString &revokedBy,
                      QString *error = nullptr);
    // Makes the key stop working at expiresAt, and records the key that replaces it.
    bool setApiKeyExpiry(const QString &id, const QDateTime &expiresAt, const QString &successorId,
                         QString *error = nullptr);
    bool revokeStaffToken(const QString &id, const QDateTime &time, const QString &revokedBy,
                          QString *error = nullptr);

    bool recordApiKeyUse(const QString &id, const QDateTime &time);
    bool recordStaffTokenUse(const QString &id, const QDateTime &time);

private:
    Database &m_database;
};

} // namespace hopstep
