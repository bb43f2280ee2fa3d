// The parts of the Open API that protect the data from the way clients really behave: retries
// with Idempotency-Key, conditional updates with If-Match, per-key rate limits, and the journal
// of every request.

#include "apiserver.h"

#include "authorization.h"
#include "logcategories.h"
#include "requestjournal.h"

#include <QHttpServerRequest>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

constexpr qsizetype maxIdempotencyKeyLength = 255;

// Printable ASCII without spaces, as the IETF Idempotency-Key draft and the clients that
// send it use (UUIDs, ULIDs, hashes).
bool isValidIdempotencyKey(const QByteArray &key)
{
    if (key.isEmpty() || key.size() > maxIdempotencyKeyLength)
        return false;
    for (char c : key) {
        if (c < 0x21 || c > 0x7E)
            return false;
    }
    return true;
}

} // namespace

HttpResponse ApiServer::createJobOnce(Request &request, const ApiKeyRecord &key,
                                      const QJsonObject &body)
{
    const QByteArray rawKey = request.http.value("Idempotency-Key").trimmed();
    if (!isValidIdempotencyKey(rawKey)) {
        return HttpResponse::problem(
            400, u"invalid-idempotency-key"_s, u"Invalid Idempotency-Key"_s,
            u"The Idempotency-Key header must be 1 to %1 printable ASCII characters without "
            u"spaces, such as a UUID; send a new one for each new job."_s.arg(
                maxIdempotencyKeyLength));
    }
    const QString idempotencyKey = QString::fromLatin1(rawKey);
    const QString hash = canonicalRequestHash(QJsonDocument(body).toJson(QJsonDocument::Compact));

    const IdempotencyStore::ClaimResult claim =
        m_idempotency.claim(key.providerId, idempotencyKey, hash);
    switch (claim.claim) {
    case IdempotencyStore::Claim::Replay: {
        HttpResponse response;
        response.status = claim.status;
        response.contentType = "application/json";
        response.body = claim.body;
        const QJsonObject job = QJsonDocument::fromJson(claim.body).object();
        response.withHeader("Location", "/api/jobs/" + claim.jobId.toLatin1());
        response.withHeader("ETag",
                            '"' + QByteArray::number(job.value(u"version"_s).toInteger(1)) + '"');
        response.withHeader("Idempotent-Replayed", "true");
        request.jobId = claim.jobId;
        qCInfo(lcIngest).noquote()
            << "Replayed the answer for job" << claim.jobId << "to a retry with key" << key.prefix;
        return response;
    }
    case IdempotencyStore::Claim::Mismatch:
        return HttpResponse::problem(
            422, u"idempotency-key-reused"_s, u"Idempotency-Key reused"_s,
            u"This Idempotency-Key was used on %1 for a request with a different body. A retry "
            u"must send the same body; a new job needs a new key."_s.arg(
                formatTimestamp(claim.createdAt)),
            {{u""_s, u"idempotency-key-reused"_s,
              u"The body differs from the first request with this Idempotency-Key."_s}});
    case IdempotencyStore::Claim::InFlight: {
        HttpResponse response = HttpResponse::problem(
            409, u"request-in-flight"_s, u"Request still in progress"_s,
            u"A request with this Idempotency-Key started at %1 is still being processed. Retry "
            u"in a second; the retry will get its answer."_s.arg(formatTimestamp(claim.createdAt)));
        response.withHeader("Retry-After", "1");
        return response;
    }
    case IdempotencyStore::Claim::Failed:
        return outcomeResponse(JobOutcome{JobOutcome::Kind::StorageFailed, {}, {}, {}, {}, false},
                               201, false);
    case IdempotencyStore::Claim::Claimed:
        break;
    }

    const JobOutcome outcome =
        m_jobs.create(key.providerId, body, keyActor(key, request.requestId),
                      [&](const Job &job, const QList<FieldIssue> &warnings, QString *error) {
                          const QByteArray answer =
                              QJsonDocument(withWarnings(jobToApiJson(job), warnings))
                                  .toJson(QJsonDocument::Compact);
                          return m_idempotency.complete(key.providerId, idempotencyKey, 201, answer,
                                                        job.id, error);
                      });
    if (outcome.kind != JobOutcome::Kind::Created) {
        // A rejected request stores nothing, so the corrected request may use the same key.
        m_idempotency.release(key.providerId, idempotencyKey);
        return outcomeResponse(outcome, 201, false);
    }
    request.jobId = outcome.job.id;
    qCInfo(lcIngest).noquote() << "Created job" << outcome.job.id << "for provider"
                               << key.providerId << "with key" << key.prefix
                               << "and an Idempotency-Key";
    return outcomeResponse(outcome, 201, false);
}

std::optional<HttpResponse> ApiServer::checkPrecondition(Request &request, const Job &job)
{
    const QByteArray header = request.http.value("If-Match").trimmed();
    if (header.isEmpty() || header == "*")
        return std::nullopt;
    const QByteArray current = etagOf(job);
    const QList<QByteArray> tags = header.split(',');
    for (const QByteArray &tag : tags) {
        // If-Match uses the strong comparison (RFC 9110, 13.1.1), so a weak tag never matches.
        if (tag.trimmed() == current)
            return std::nullopt;
    }
    HttpResponse response = HttpResponse::problem(
        412, u"precondition-failed"_s, u"The job changed"_s,
        u"If-Match %1 does not match the job's current ETag %2, so nothing was changed. GET the "
        u"job, apply your change to what it returns and send it with If-Match: %2."_s.arg(
            QString::fromLatin1(header.left(100)), QString::fromLatin1(current)));
    response.withHeader("ETag", current);
    return response;
}

std::optional<HttpResponse> ApiServer::checkRateLimit(const ApiKeyRecord &key, Request &request)
{
    if (!m_rateLimiter.isEnabled())
        return std::nullopt;
    const RateLimiter::Decision decision = m_rateLimiter.take(key.id, m_clock.elapsed());
    request.rateLimitRemaining = decision.remaining;
    if (decision.allowed)
        return std::nullopt;
    HttpResponse response = HttpResponse::problem(
        429, u"rate-limited"_s, u"Too many requests"_s,
        u"API key %1… sent more than %2 requests a minute (bursts of up to %3). Retry after %4 "
        u"seconds, and spread bulk updates out over time."_s.arg(key.prefix)
            .arg(m_rateLimiter.perMinute())
            .arg(m_rateLimiter.burst())
            .arg(decision.retryAfterSeconds));
    response.withHeader("Retry-After", QByteArray::number(decision.retryAfterSeconds));
    return response;
}

void ApiServer::journal(const Request &request, const HttpResponse &response,
                        qint64 elapsedMicroseconds)
{
    JournalEntry entry;
    entry.receivedAt = request.receivedAt;
    entry.requestId = request.requestId;
    entry.providerId = request.providerId;
    entry.keyPrefix = request.credentialPrefix;
    entry.method = request.loggedMethod();
    entry.path = request.path.left(500);
    entry.status = response.status;
    entry.durationMicroseconds = elapsedMicroseconds;
    entry.problemCode = response.problemCode;
    entry.jobId = request.jobId;
    entry.remoteAddress = request.http.remoteAddress().toString();
    const bool hasBody =
        request.method == u"POST"_s || request.method == u"PUT"_s || request.method == u"PATCH"_s;
    if (hasBody) {
        const RecordedBody body = recordableBody(request.http.body(), RequestJournal::maxBodyBytes);
        entry.body = body.text;
        entry.bodyTruncated = body.truncated;
    }
    // Errors and warnings are read back from what was sent, so the journal shows exactly that.
    if (response.status >= 400 || hasBody) {
        const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
        entry.errors = answer.value(u"errors"_s).toArray();
        entry.warnings = answer.value(u"warnings"_s).toArray();
    }
    m_journal->record(std::move(entry));
}

} // namespace hopstep
