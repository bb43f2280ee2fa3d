#include "idempotencystore.h"

#include "job.h"
#include "logcategories.h"

#include <QCryptographicHash>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hopstep {

QString canonicalRequestHash(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    // QJsonObject keeps members sorted, so compact output is canonical for objects.
    const QByteArray canonical = document.isNull() ? json : document.toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
        QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
}

IdempotencyStore::IdempotencyStore(Database &database)
    : m_database(database)
{}

IdempotencyStore::ClaimResult IdempotencyStore::claim(const QString &providerId, const QString &key,
                                                      const QString &requestHash)
{
    ClaimResult result;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Two rounds: a concurrent insert by another process makes the first one fail.
    for (int attempt = 0; attempt < 2; ++attempt) {
        QSqlQuery select = m_database.query();
        if (!m_database.exec(select,
                             u"SELECT request_hash, state, response_status, response_body, job_id, "
                             u"created_at FROM idempotency_keys WHERE provider_id = ? AND "
                             u"idempotency_key = ?"_s,
                             {providerId, key}, &result.error)) {
            return result;
        }
        if (select.next()) {
            const QString storedHash = select.value(0).toString();
            const QString state = select.value(1).toString();
            result.status = select.value(2).toInt();
            result.body = select.value(3).toString().toUtf8();
            result.jobId = select.value(4).toString();
            result.createdAt = parseTimestamp(select.value(5).toString());
            const bool abandoned =
                state == u"in-flight"_s && result.createdAt.secsTo(now) > abandonedAfterSeconds;
            if (!abandoned) {
                if (storedHash != requestHash)
                    result.claim = Claim::Mismatch;
                else
                    result.claim = state == u"done"_s ? Claim::Replay : Claim::InFlight;
                return result;
            }
            QSqlQuery takeOver = m_database.query();
            if (!m_database.exec(takeOver,
                                 u"UPDATE idempotency_keys SET request_hash = ?, created_at = ? "
                                 u"WHERE provider_id = ? AND idempotency_key = ? AND state = "
                                 u"'in-flight'"_s,
                                 {requestHash, formatTimestamp(now), providerId, key},
                                 &result.error)) {
                return result;
            }
            if (takeOver.numRowsAffected() == 1) {
                qCInfo(lcIngest).noquote()
                    << "Took over the abandoned idempotency key of provider" << providerId;
                result.claim = Claim::Claimed;
                return result;
            }
            continue;
        }
        QSqlQuery insert = m_database.query();
        if (m_database.exec(insert,
                            u"INSERT INTO idempotency_keys (provider_id, idempotency_key, "
                            u"request_hash, state, created_at) VALUES (?, ?, ?, 'in-flight', ?)"_s,
                            {providerId, key, requestHash, formatTimestamp(now)}, &result.error)) {
            result.claim = Claim::Claimed;
            return result;
        }
    }
    result.claim = Claim::Failed;
    return result;
}

bool IdempotencyStore::complete(const QString &providerId, const QString &key, int status,
                                const QByteArray &body, const QString &jobId, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"UPDATE idempotency_keys SET state = 'done', response_status = ?, "
                           u"response_body = ?, job_id = ? WHERE provider_id = ? AND "
                           u"idempotency_key = ?"_s,
                           {status, QString::fromUtf8(body), jobId, providerId, key}, error);
}

bool IdempotencyStore::release(const QString &providerId, const QString &key)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"DELETE FROM idempotency_keys WHERE provider_id = ? AND "
                           u"idempotency_key = ? AND state = 'in-flight'"_s,
                           {providerId, key});
}

int IdempotencyStore::purgeExpired(const QDateTime &now)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, u"DELETE FROM idempotency_keys WHERE created_at < ?"_s,
                         {formatTimestamp(now.addSecs(-retentionHours * 3600))})) {
        return -1;
    }
    return query.numRowsAffected();
}

} // namespace hopstep
