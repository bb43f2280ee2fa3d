#include "credentialstore.h"

#include "job.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QVariant timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(formatTimestamp(time)) : QVariant();
}

} // namespace

CredentialStore::CredentialStore(Database &database)
    : m_database(database)
{}

bool CredentialStore::addApiKey(const ApiKeyRecord &key, const QString &secretHash, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(
        query,
        u"INSERT INTO api_keys (id, provider_id, prefix, secret_hash, label, "
        u"created_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {key.id, key.providerId, key.prefix, secretHash, sqlText(key.label),
         formatTimestamp(key.createdAt), timestampOrNull(key.lastUsedAt),
         timestampOrNull(key.revokedAt)},
        error);
}

std::optional<ApiKeyRecord> CredentialStore::apiKeyByHash(const QString &secretHash)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT id, provider_id, prefix, label, created_at, last_used_at, "
                         u"revoked_at FROM api_keys WHERE secret_hash = ?"_s,
                         {secretHash}) ||
        !query.next()) {
        return std::nullopt;
    }
    ApiKeyRecord key;
    key.id = query.value(0).toString();
    key.providerId = query.value(1).toString();
    key.prefix = query.value(2).toString();
    key.label = query.value(3).toString();
    key.createdAt = parseTimestamp(query.value(4).toString());
    key.lastUsedAt = parseTimestamp(query.value(5).toString());
    key.revokedAt = parseTimestamp(query.value(6).toString());
    return key;
}

bool CredentialStore::addStaffToken(const StaffTokenRecord &token, const QString &secretHash,
                                    QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"INSERT INTO staff_tokens (id, name, prefix, secret_hash, created_at, "
                           u"last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                           {token.id, sqlText(token.name), token.prefix, secretHash,
                            formatTimestamp(token.createdAt), timestampOrNull(token.lastUsedAt),
                            timestampOrNull(token.revokedAt)},
                           error);
}

std::optional<StaffTokenRecord> CredentialStore::staffTokenByHash(const QString &secretHash)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT id, name, prefix, created_at, last_used_at, revoked_at "
                         u"FROM staff_tokens WHERE secret_hash = ?"_s,
                         {secretHash}) ||
        !query.next()) {
        return std::nullopt;
    }
    StaffTokenRecord token;
    token.id = query.value(0).toString();
    token.name = query.value(1).toString();
    token.prefix = query.value(2).toString();
    token.createdAt = parseTimestamp(query.value(3).toString());
    token.lastUsedAt = parseTimestamp(query.value(4).toString());
    token.revokedAt = parseTimestamp(query.value(5).toString());
    return token;
}

std::optional<IssuedSecret> CredentialStore::issueApiKey(const QString &providerId,
                                                         const QString &label, QString *error)
{
    const IssuedSecret secret = issueSecret(SecretKind::ApiKey);
    ApiKeyRecord key;
    key.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    key.providerId = providerId;
    key.prefix = secret.prefix;
    key.label = label;
    key.createdAt = QDateTime::currentDateTimeUtc();
    if (!addApiKey(key, secret.hash, error))
        return std::nullopt;
    return secret;
}

std::optional<IssuedSecret> CredentialStore::issueStaffToken(const QString &name, QString *error)
{
    const IssuedSecret secret = issueSecret(SecretKind::StaffToken);
    StaffTokenRecord token;
    token.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    token.name = name;
    token.prefix = secret.prefix;
    token.createdAt = QDateTime::currentDateTimeUtc();
    if (!addStaffToken(token, secret.hash, error))
        return std::nullopt;
    return secret;
}

bool CredentialStore::recordApiKeyUse(const QString &id, const QDateTime &time)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query, u"UPDATE api_keys SET last_used_at = ? WHERE id = ?"_s,
                           {formatTimestamp(time), id});
}

bool CredentialStore::recordStaffTokenUse(const QString &id, const QDateTime &time)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query, u"UPDATE staff_tokens SET last_used_at = ? WHERE id = ?"_s,
                           {formatTimestamp(time), id});
}

} // namespace hopstep
