#pragma once

#include "authenticator.h"
#include "database.h"
#include "httpresponse.h"
#include "idempotencystore.h"
#include "jobservice.h"
#include "onboardingroutes.h"
#include "publicsite.h"
#include "ratelimiter.h"

#include <QAbstractHttpServer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QStringList>

class QHttpServerRequest;
class QHttpServerResponder;

namespace hopstep {

class RequestJournal;

// The HTTP service: the Open API that ATSes call under /api, the admin API that the console
// calls under /admin, and /health. Qt HttpServer 6.4 runs every handler on one thread, so
// handlers do their database work and return; nothing blocks on the network.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit ApiServer(Database &database, QObject *parent = nullptr);

    // Requests per minute and burst allowed to each API key; 0 turns limiting off.
    void setRateLimit(int perMinute, int burst);
    // Records every Open API request in journal, which must outlive the server; null stops.
    void setRequestJournal(RequestJournal *journal);
    // The address candidates reach the job pages at; see PublicSite::setPublicBaseUrl.
    void setPublicBaseUrl(const QUrl &url);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // A request and what the handlers learn about it, for the log line written after it.
    struct Request
    {
        Request(const QHttpServerRequest &http, const QString &path);

        const QHttpServerRequest &http;
        QString method;
        QString path;
        QStringList segments;
        QString requestId;
        QDateTime receivedAt;
        QString credentialPrefix;
        QString jobId;
        QString providerId;
        int rateLimitRemaining = -1; // requests left for this key, when limiting is on
        bool headOnly = false;       // a HEAD request routed as GET

        QString loggedMethod() const { return headOnly ? QStringLiteral("HEAD") : method; }
    };

    HttpResponse route(Request &request);
    HttpResponse routeOpenApi(Request &request);
    HttpResponse routeAdmin(Request &request);
    HttpResponse routeJournal(Request &request);

    HttpResponse createJob(Request &request, const ApiKeyRecord &key);
    // POST with an Idempotency-Key: the first request creates, a retry replays its response.
    HttpResponse createJobOnce(Request &request, const ApiKeyRecord &key, const QJsonObject &body);
    HttpResponse listJobs(Request &request, const ApiKeyRecord &key);
    HttpResponse getJob(Request &request, const ApiKeyRecord &key);
    HttpResponse updateJob(Request &request, const ApiKeyRecord &key);
    HttpResponse deleteJob(Request &request, const ApiKeyRecord &key);

    HttpResponse adminListJobs(Request &request);
    HttpResponse adminGetJob(Request &request);
    HttpResponse adminSetStatus(Request &request, const StaffTokenRecord &staff);
    HttpResponse adminDeleteJob(Request &request, const StaffTokenRecord &staff);

    // Turns an outcome into a response; warnings are listed for writes only.
    std::optional<HttpResponse> checkRateLimit(const ApiKeyRecord &key, Request &request);
    std::optional<HttpResponse> checkPrecondition(Request &request, const Job &job);
    void journal(const Request &request, const HttpResponse &response, qint64 elapsedMicroseconds);

    HttpResponse outcomeResponse(const JobOutcome &outcome, int successStatus, bool forStaff,
                                 bool listWarnings = true);
    void finish(const Request &request, HttpResponse response, QHttpServerResponder &responder,
                qint64 elapsedMicroseconds);

    Database &m_database;
    Authenticator m_authenticator;
    JobService m_jobs;
    IdempotencyStore m_idempotency;
    RateLimiter m_rateLimiter;
    QElapsedTimer m_clock; // monotonic time for the rate limiter
    RequestJournal *m_journal = nullptr;
    PublicSite m_site;
    OnboardingRoutes m_onboarding;
};

HttpResponse methodNotAllowed(const QString &method, const QString &path,
                              const QByteArray &allowed);
// The page a problem document's type URI, /problems/{code}, points to.
HttpResponse problemTypePage(const QString &code);
// The OpenAPI 3.1 document of the Open API.
HttpResponse openApiDocument();
// Strong entity tag of a job's current version, e.g. "3".
QByteArray etagOf(const Job &job);
QJsonObject withWarnings(QJsonObject object, const QList<FieldIssue> &warnings);

} // namespace hopstep
