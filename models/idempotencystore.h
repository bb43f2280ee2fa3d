#pragma once

#include "database.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace hopstep {

// Idempotency-Key records of POST /api/jobs, scoped to the provider. A key is claimed before the
// job is created and completed in the job's own transaction, so a retry either replays the first
// answer or, while the first request still runs in another process, is told to wait.
class IdempotencyStore
{
public:
    // An in-flight claim older than this belongs to a request that died; a retry may take it.
    static constexpr qint64 abandonedAfterSeconds = 60;
    // Completed keys are kept at least this long.
    static constexpr qint64 retentionHours = 48;

    enum class Claim {
        Claimed,  // the caller may go on and must complete or release the key
        Replay,   // the same body was answered before; replay status and body
        Mismatch, // the key was used with another body
        InFlight, // a request with this key is still being processed
        Failed,   // the database failed
    };

    struct ClaimResult
    {
        Claim claim = Claim::Failed;
        int status = 0;
        QByteArray body;
        QString jobId;
        QDateTime createdAt;
        QString error;
    };

    explicit IdempotencyStore(Database &database);

    ClaimResult claim(const QString &providerId, const QString &key, const QString &requestHash);
    // Records the answer; call inside the transaction that stored the job.
    bool complete(const QString &providerId, const QString &key, int status, const QByteArray &body,
                  const QString &jobId, QString *error = nullptr);
    // Frees a claim whose request was rejected, so a corrected request may reuse the key.
    bool release(const QString &providerId, const QString &key);
    // Deletes records older than the retention. Returns the number deleted, or -1.
    int purgeExpired(const QDateTime &now);

private:
    Database &m_database;
};

// SHA-256 of the request's JSON in canonical form (compact, members sorted), so the same job
// sent with other spacing counts as the same body.
QString canonicalRequestHash(const QByteArray &json);

} // namespace hopstep
