#include "credentialstore.h"

#include "job.h"

#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QVariant timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(formatTimestamp(time)) : QVariant();
}

QJsonValue jsonTimestamp(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(formatTimestamp(time)) : QJsonValue();
}

const QString apiKeyColumns =
    u"k.id, k.provider_id, k.prefix, k.label, k.created_at, k.last_used_at, k.revoked_at, "
    u"k.expires_at, k.created_by, k.revoked_by, k.successor_id, p.name, p.active, "
    u"p.deactivated_at FROM api_keys k JOIN providers p ON p.id = k.provider_id "_s;

ApiKeyRecord readApiKey(const QSqlQuery &query)
{
    ApiKeyRecord key;
    key.id = query.value(0).toString();
    key.providerId = query.value(1).toString();
    key.prefix = query.value(2).toString();
    key.label = query.value(3).toString();
    key.createdAt = parseTimestamp(query.value(4).toString());
    key.lastUsedAt = parseTimestamp(query.value(5).toString());
    key.revokedAt = parseTimestamp(query.value(6).toString());
    key.expiresAt = parseTimestamp(query.value(7).toString());
    key.createdBy = query.value(8).toString();
    key.revokedBy = query.value(9).toString();
    key.successorId = query.value(10).toString();
    key.providerName = query.value(11).toString();
    key.providerActive = query.value(12).toInt() != 0;
    key.providerDeactivatedAt = parseTimestamp(query.value(13).toString());
    return key;
}

// The schema migration gave every older token an account, so a token without one was written
// by hand, and it is treated as belonging to a deactivated account.
const QString staffTokenColumns =
    u"t.id, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at, t.staff_id, t.label, "
    u"t.revoked_by, s.name, s.email, s.roles, s.active FROM staff_tokens t "
    u"LEFT JOIN staff s ON s.id = t.staff_id "_s;

StaffTokenRecord readStaffToken(const QSqlQuery &query)
{
    StaffTokenRecord token;
    token.id = query.value(0).toString();
    token.name = query.value(1).toString();
    token.prefix = query.value(2).toString();
    token.createdAt = parseTimestamp(query.value(3).toString());
    token.lastUsedAt = parseTimestamp(query.value(4).toString());
    token.revokedAt = parseTimestamp(query.value(5).toString());
    token.staffId = query.value(6).toString();
    token.label = query.value(7).toString();
    token.revokedBy = query.value(8).toString();
    const bool hasAccount = !query.value(9).isNull();
    token.staffName = hasAccount ? query.value(9).toString() : token.name;
    token.staffEmail = query.value(10).toString();
    token.roles = staffRolesFromNames(query.value(11).toString().split(u',', Qt::SkipEmptyParts))
                      .value_or(StaffRoles());
    token.staffActive = hasAccount && query.value(12).toInt() != 0;
    return token;
}

} // namespace

QString ApiKeyRecord::stateName(const QDateTime &now) const
{
    if (isRevoked())
        return u"revoked"_s;
    if (hasExpired(now))
        return u"expired"_s;
    if (expiresAt.isValid())
        return u"expiring"_s;
    return u"active"_s;
}

QJsonObject apiKeyToJson(const ApiKeyRecord &key, const QDateTime &now)
{
    return QJsonObject{
        {u"id"_s, key.id},
        {u"providerId"_s, key.providerId},
        {u"prefix"_s, key.prefix},
        {u"label"_s, key.label},
        {u"state"_s, key.stateName(now)},
        {u"createdAt"_s, formatTimestamp(key.createdAt)},
        {u"createdBy"_s, key.createdBy},
        {u"lastUsedAt"_s, jsonTimestamp(key.lastUsedAt)},
        {u"expiresAt"_s, jsonTimestamp(key.expiresAt)},
        {u"revokedAt"_s, jsonTimestamp(key.revokedAt)},
        {u"revokedBy"_s, key.revokedBy.isEmpty() ? QJsonValue() : key.revokedBy},
        {u"successorId"_s, key.successorId.isEmpty() ? QJsonValue() : QJsonValue(key.successorId)}};
}

ApiKeyRecord apiKeyFromJson(const QJsonObject &object)
{
    ApiKeyRecord key;
    key.id = object.value(u"id"_s).toString();
    key.providerId = object.value(u"providerId"_s).toString();
    key.prefix = object.value(u"prefix"_s).toString();
    key.label = object.value(u"label"_s).toString();
    key.createdAt = parseTimestamp(object.value(u"createdAt"_s).toString());
    key.createdBy = object.value(u"createdBy"_s).toString();
    key.lastUsedAt = parseTimestamp(object.value(u"lastUsedAt"_s).toString());
    key.expiresAt = parseTimestamp(object.value(u"expiresAt"_s).toString());
    key.revokedAt = parseTimestamp(object.value(u"revokedAt"_s).toString());
    key.revokedBy = object.value(u"revokedBy"_s).toString();
    key.successorId = object.value(u"successorId"_s).toString();
    return key;
}

QJsonObject staffTokenToJson(const StaffTokenRecord &token)
{
    return QJsonObject{{u"id"_s, token.id},
                       {u"staffId"_s, token.staffId},
                       {u"prefix"_s, token.prefix},
                       {u"label"_s, token.label},
                       {u"createdAt"_s, formatTimestamp(token.createdAt)},
                       {u"lastUsedAt"_s, jsonTimestamp(token.lastUsedAt)},
                       {u"revokedAt"_s, jsonTimestamp(token.revokedAt)},
                       {u"revokedBy"_s, token.revokedBy.isEmpty() ? QJsonValue() : token.revokedBy},
                       {u"state"_s, token.isRevoked() ? u"revoked"_s : u"active"_s}};
}

StaffTokenRecord staffTokenFromJson(const QJsonObject &object)
{
    StaffTokenRecord token;
    token.id = object.value(u"id"_s).toString();
    token.staffId = object.value(u"staffId"_s).toString();
    token.prefix = object.value(u"prefix"_s).toString();
    token.label = object.value(u"label"_s).toString();
    token.createdAt = parseTimestamp(object.value(u"createdAt"_s).toString());
    token.lastUsedAt = parseTimestamp(object.value(u"lastUsedAt"_s).toString());
    token.revokedAt = parseTimestamp(object.value(u"revokedAt"_s).toString());
    token.revokedBy = object.value(u"revokedBy"_s).toString();
    return token;
}

CredentialStore::CredentialStore(Database &database)
    : m_database(database)
{}

bool CredentialStore::addApiKey(const ApiKeyRecord &key, const QString &secretHash, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(
        query,
        u"INSERT INTO api_keys (id, provider_id, prefix, secret_hash, label, created_at, "
        u"last_used_at, revoked_at, expires_at, created_by, revoked_by, successor_id) "
        u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {key.id, key.providerId, key.prefix, secretHash, sqlText(key.label),
         formatTimestamp(key.createdAt), timestampOrNull(key.lastUsedAt),
         timestampOrNull(key.revokedAt), timestampOrNull(key.expiresAt), sqlText(key.createdBy),
         key.revokedBy.isEmpty() ? QVariant() : QVariant(key.revokedBy),
         key.successorId.isEmpty() ? QVariant() : QVariant(key.successorId)},
        error);
}

std::optional<ApiKeyRecord> CredentialStore::apiKeyByHash(const QString &secretHash)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, u"SELECT "_s + apiKeyColumns + u"WHERE k.secret_hash = ?"_s,
                         {secretHash}) ||
        !query.next()) {
        return std::nullopt;
    }
    return readApiKey(query);
}

std::optional<ApiKeyRecord> CredentialStore::apiKey(const QString &id)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, u"SELECT "_s + apiKeyColumns + u"WHERE k.id = ?"_s, {id}) ||
        !query.next()) {
        return std::nullopt;
    }
    return readApiKey(query);
}

QList<ApiKeyRecord> CredentialStore::apiKeys(const QString &providerId)
{
    QList<ApiKeyRecord> keys;
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT "_s + apiKeyColumns +
                             u"WHERE k.provider_id = ? ORDER BY k.created_at DESC, k.id"_s,
                         {providerId})) {
        return keys;
    }
    while (query.next())
        keys.append(readApiKey(query));
    return keys;
}

bool CredentialStore::addStaffToken(const StaffTokenRecord &token, const QString &secretHash,
                                    QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(
        query,
        u"INSERT INTO staff_tokens (id, name, prefix, secret_hash, created_at, last_used_at, "
        u"revoked_at, staff_id, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {token.id, sqlText(token.name), token.prefix, secretHash, formatTimestamp(token.createdAt),
         timestampOrNull(token.lastUsedAt), timestampOrNull(token.revokedAt),
         token.staffId.isEmpty() ? QVariant() : QVariant(token.staffId), sqlText(token.label)},
        error);
}

std::optional<StaffTokenRecord> CredentialStore::staffTokenByHash(const QString &secretHash)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, u"SELECT "_s + staffTokenColumns + u"WHERE t.secret_hash = ?"_s,
                         {secretHash}) ||
        !query.next()) {
        return std::nullopt;
    }
    return readStaffToken(query);
}

std::optional<StaffTokenRecord> CredentialStore::staffToken(const QString &id)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, u"SELECT "_s + staffTokenColumns + u"WHERE t.id = ?"_s, {id}) ||
        !query.next()) {
        return std::nullopt;
    }
    return readStaffToken(query);
}

QList<StaffTokenRecord> CredentialStore::staffTokens(const QString &staffId)
{
    QList<StaffTokenRecord> tokens;
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT "_s + staffTokenColumns +
                             u"WHERE t.staff_id = ? ORDER BY t.created_at DESC, t.id"_s,
                         {staffId})) {
        return tokens;
    }
    while (query.next())
        tokens.append(readStaffToken(query));
    return tokens;
}

std::optional<IssuedSecret> CredentialStore::issueApiKey(const QString &providerId,
                                                         const QString &label, QString *error)
{
    const std::optional<IssuedApiKey> issued =
        issueApiKey(providerId, label, QString(), QDateTime::currentDateTimeUtc(), error);
    if (!issued)
        return std::nullopt;
    return issued->secret;
}

std::optional<IssuedApiKey> CredentialStore::issueApiKey(const QString &providerId,
                                                         const QString &label,
                                                         const QString &createdBy,
                                                         const QDateTime &time, QString *error)
{
    IssuedApiKey issued;
    issued.secret = issueSecret(SecretKind::ApiKey);
    ApiKeyRecord &key = issued.record;
    key.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    key.providerId = providerId;
    key.prefix = issued.secret.prefix;
    key.label = label;
    key.createdAt = time;
    key.createdBy = createdBy;
    if (!addApiKey(key, issued.secret.hash, error))
        return std::nullopt;
    return issued;
}

std::optional<IssuedStaffToken> CredentialStore::issueStaffToken(const StaffMember &member,
                                                                 const QString &label,
                                                                 const QDateTime &time,
                                                                 QString *error)
{
    IssuedStaffToken issued;
    issued.secret = issueSecret(SecretKind::StaffToken);
    StaffTokenRecord &token = issued.record;
    token.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    token.name = member.name;
    token.prefix = issued.secret.prefix;
    token.createdAt = time;
    token.staffId = member.id;
    token.label = label;
    token.staffName = member.name;
    token.staffEmail = member.email;
    token.roles = member.roles;
    token.staffActive = member.active;
    if (!addStaffToken(token, issued.secret.hash, error))
        return std::nullopt;
    return issued;
}

bool CredentialStore::revokeApiKey(const QString &id, const QDateTime &time,
                                   const QString &revokedBy, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"UPDATE api_keys SET revoked_at = ?, revoked_by = ? "
                           u"WHERE id = ? AND revoked_at IS NULL"_s,
                           {formatTimestamp(time), sqlText(revokedBy), id}, error);
}

bool CredentialStore::setApiKeyExpiry(const QString &id, const QDateTime &expiresAt,
                                      const QString &successorId, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"UPDATE api_keys SET expires_at = ?, successor_id = ? WHERE id = ?"_s,
                           {formatTimestamp(expiresAt),
                            successorId.isEmpty() ? QVariant() : QVariant(successorId), id},
                           error);
}

bool CredentialStore::revokeStaffToken(const QString &id, const QDateTime &time,
                                       const QString &revokedBy, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"UPDATE staff_tokens SET revoked_at = ?, revoked_by = ? "
                           u"WHERE id = ? AND revoked_at IS NULL"_s,
                           {formatTimestamp(time), sqlText(revokedBy), id}, error);
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
