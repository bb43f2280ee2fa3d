#include "apiserver.h"

#include "authorization.h"
#include "jobvalidator.h"
#include "jsonbody.h"
#include "logcategories.h"
#include "requestjournal.h"
#include "secrets.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return u"GET"_s;
    case QHttpServerRequest::Method::Put:
        return u"PUT"_s;
    case QHttpServerRequest::Method::Delete:
        return u"DELETE"_s;
    case QHttpServerRequest::Method::Post:
        return u"POST"_s;
    case QHttpServerRequest::Method::Head:
        return u"HEAD"_s;
    case QHttpServerRequest::Method::Options:
        return u"OPTIONS"_s;
    case QHttpServerRequest::Method::Patch:
        return u"PATCH"_s;
    case QHttpServerRequest::Method::Connect:
        return u"CONNECT"_s;
    case QHttpServerRequest::Method::Trace:
        return u"TRACE"_s;
    default:
        return u"UNKNOWN"_s;
    }
}

QString newRequestId()
{
    const quint64 value = QRandomGenerator::global()->generate64();
    return QString::number(value, 16).rightJustified(16, u'0');
}

// Uses the id a proxy in front assigned, when it has a safe shape, so logs line up.
QString requestIdFor(const QHttpServerRequest &request)
{
    static const QRegularExpression safe(u"^[A-Za-z0-9._-]{1,64}$"_s);
    const QString sent = QString::fromLatin1(request.value("X-Request-Id"));
    // A credential sent as the id would be logged and journaled in full.
    if (safe.match(sent).hasMatch() && redactCredentials(sent) == sent)
        return sent;
    return newRequestId();
}

HttpResponse notFound(const QString &path)
{
    return HttpResponse::problem(404, u"not-found"_s, u"Not found"_s,
                                 u"There is no resource at "_s + path.left(200) +
                                     u". The Open API is under /api/jobs and "
                                     u"/api/categories."_s);
}

// Path text as it may appear in a log line: control characters from a decoded path such as
// %0A would forge extra lines.
QString loggable(QString text)
{
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator) {
            c = u'?';
        }
    }
    return text;
}

// The public prefix of the credential a request carried, for its log line, also where the
// route answered before authenticating it (405, unknown paths).
QString loggedCredential(const QString &prefix, const QByteArray &header)
{
    if (!prefix.isEmpty())
        return prefix;
    const qsizetype space = header.indexOf(' ');
    const QString token = QString::fromLatin1(header.mid(space + 1).trimmed());
    if (isWellFormedSecret(token, SecretKind::ApiKey) ||
        isWellFormedSecret(token, SecretKind::StaffToken)) {
        return secretPrefix(token);
    }
    return u"-"_s;
}

HttpResponse bodyProblem(const JsonBody &body)
{
    HttpResponse response = HttpResponse::problem(body.status, body.code, body.title, body.detail);
    if (body.line > 0) {
        QJsonObject object = QJsonDocument::fromJson(response.body).object();
        object.insert(u"line"_s, body.line);
        object.insert(u"column"_s, body.column);
        object.insert(u"offset"_s, body.offset);
        response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    }
    return response;
}

// Rejects parameters the route does not take and repeated ones, so a filter the API lacks
// (?status=ACTIVE) or a typo is not silently ignored.
std::optional<HttpResponse> checkQueryParameters(const QUrlQuery &query, const QStringList &known)
{
    QStringList seen;
    const QList<std::pair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        if (!known.contains(name)) {
            return HttpResponse::problem(400, u"invalid-parameter"_s, u"Unknown query parameter"_s,
                                         u"Query parameter "_s + name.left(40) +
                                             u" is not supported here; the "
                                             u"parameters are "_s +
                                             known.join(u", "_s) + u'.');
        }
        if (seen.contains(name)) {
            return HttpResponse::problem(400, u"invalid-parameter"_s, u"Repeated query parameter"_s,
                                         u"Query parameter "_s + name +
                                             u" was sent more than once; send it once."_s);
        }
        seen.append(name);
    }
    return std::nullopt;
}

struct IntParameter
{
    int value = 0;
    std::optional<HttpResponse> failure;
};

IntParameter intParameter(const QUrlQuery &query, const QString &name, int fallback, int minimum,
                          int maximum)
{
    if (!query.hasQueryItem(name))
        return {fallback, std::nullopt};
    const QString text = query.queryItemValue(name);
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum || value > maximum) {
        return {0, HttpResponse::problem(
                       400, u"invalid-parameter"_s, u"Invalid query parameter"_s,
                       u"Query parameter %1=%2 is invalid; send a whole number from %3 to %4."_s
                           .arg(name, text.left(40))
                           .arg(minimum)
                           .arg(maximum))};
    }
    return {value, std::nullopt};
}

} // namespace

QByteArray etagOf(const Job &job)
{
    return '"' + QByteArray::number(job.version) + '"';
}

QJsonObject withWarnings(QJsonObject object, const QList<FieldIssue> &warnings)
{
    object.insert(u"warnings"_s, fieldIssuesToJson(warnings));
    return object;
}

HttpResponse openApiDocument()
{
    static const QByteArray document = [] {
        QFile file(u":/openapi.json"_s);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    HttpResponse response;
    response.contentType = "application/json";
    response.body = document;
    return response;
}

HttpResponse methodNotAllowed(const QString &method, const QString &path, const QByteArray &allowed)
{
    // Qt 6.4 names only the methods it knows; others arrive as UNKNOWN.
    const QString shown = method == u"UNKNOWN"_s ? u"This method"_s : method;
    HttpResponse response =
        HttpResponse::problem(405, u"method-not-allowed"_s, u"Method not allowed"_s,
                              shown + u" is not allowed on "_s + path.left(200) +
                                  u"; allowed methods: "_s + QString::fromLatin1(allowed) + u'.');
    response.withHeader("Allow", allowed);
    return response;
}

ApiServer::Request::Request(const QHttpServerRequest &http, const QString &path)
    : http(http)
    , method(methodName(http.method()))
    , path(path)
    , segments(path.split(u'/', Qt::SkipEmptyParts))
    , requestId(requestIdFor(http))
    , receivedAt(QDateTime::currentDateTimeUtc())
{}

ApiServer::ApiServer(Database &database, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_database(database)
    , m_authenticator(database)
    , m_jobs(database)
    , m_idempotency(database)
    , m_site(database)
    , m_onboarding(database)
{
    m_clock.start();
}

void ApiServer::setPublicBaseUrl(const QUrl &url)
{
    m_site.setPublicBaseUrl(url);
}

void ApiServer::setRateLimit(int perMinute, int burst)
{
    m_rateLimiter.configure(perMinute, burst);
}

void ApiServer::setRequestJournal(RequestJournal *journal)
{
    m_journal = journal;
}

bool ApiServer::handleRequest(const QHttpServerRequest &http, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    QString path = http.url().path(QUrl::FullyDecoded);
    if (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    Request request(http, path);
    // HEAD is GET without the body (RFC 9110, 9.3.2); the public site handles it itself.
    if (request.method == u"HEAD"_s && !PublicSite::handles(request.segments)) {
        request.method = u"GET"_s;
        request.headOnly = true;
    }
    HttpResponse response = route(request);
    QHttpServerResponder responder = makeResponder(http, socket);
    finish(request, std::move(response), responder, timer.nsecsElapsed() / 1000);
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &http, QTcpSocket *socket)
{
    // handleRequest answers every request, so this runs only if Qt changes that contract.
    QHttpServerResponder responder = makeResponder(http, socket);
    Request request(http, http.url().path());
    finish(request, notFound(request.path), responder, 0);
}

void ApiServer::finish(const Request &request, HttpResponse response,
                       QHttpServerResponder &responder, qint64 elapsedMicroseconds)
{
    if (response.contentType == "application/problem+json") {
        QJsonObject object = QJsonDocument::fromJson(response.body).object();
        object.insert(u"instance"_s, request.path.left(200));
        object.insert(u"requestId"_s, request.requestId);
        response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    }

    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    if (!response.contentType.isEmpty())
        responder.writeHeader("Content-Type", response.contentType);
    bool cachePolicySet = false;
    for (const auto &[name, value] : std::as_const(response.headers)) {
        responder.writeHeader(name, value);
        cachePolicySet = cachePolicySet || name.compare("Cache-Control", Qt::CaseInsensitive) == 0;
    }
    responder.writeHeader("X-Request-Id", request.requestId.toLatin1());
    responder.writeHeader("X-Content-Type-Options", "nosniff");
    // The public pages choose their own caching, and every other response is never stored.
    if (!cachePolicySet)
        responder.writeHeader("Cache-Control", "no-store");
    if (request.rateLimitRemaining >= 0) {
        responder.writeHeader("RateLimit-Limit", QByteArray::number(m_rateLimiter.burst()));
        responder.writeHeader("RateLimit-Remaining",
                              QByteArray::number(request.rateLimitRemaining));
    }
    // A 304 has no body and must not announce one. HEAD announces the body it leaves out.
    if (response.status != 304)
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    // writeBody also ends the header block, so HEAD writes an empty body.
    const bool head = request.headOnly || request.method == u"HEAD"_s;
    responder.writeBody(head ? QByteArray() : response.body);

    if (m_journal && request.segments.value(0) == u"api"_s)
        journal(request, response, elapsedMicroseconds);

    if (response.status < 400) {
        qCDebug(lcApi).noquote() << request.loggedMethod()
                                 << loggable(redactCredentials(request.path).left(200))
                                 << response.status << u"request="_s + request.requestId;
        return;
    }
    const QString line =
        u"%1 %2 %3 %4 request=%5 credential=%6 job=%7 %8 ms"_s
            .arg(request.loggedMethod(), loggable(redactCredentials(request.path).left(200)))
            .arg(response.status)
            .arg(response.problemCode.isEmpty() ? u"-"_s : response.problemCode, request.requestId,
                 loggedCredential(request.credentialPrefix,
                                  request.http.value("Authorization").trimmed()),
                 request.jobId.isEmpty() ? u"-"_s : loggable(redactCredentials(request.jobId)))
            .arg(double(elapsedMicroseconds) / 1000.0, 0, 'f', 1);
    if (response.status >= 500)
        qCWarning(lcApi).noquote() << line;
    else
        qCInfo(lcApi).noquote() << line;
}

HttpResponse ApiServer::route(Request &request)
{
    const QStringList &segments = request.segments;
    if (segments.isEmpty()) {
        if (request.method != u"GET"_s)
            return methodNotAllowed(request.method, request.path, "GET");
        return HttpResponse::json(200, QJsonObject{{u"service"_s, u"hopstep-api"_s},
                                                   {u"jobs"_s, u"/api/jobs"_s},
                                                   {u"categories"_s, u"/api/categories"_s},
                                                   {u"health"_s, u"/health"_s}});
    }
    const QString &first = segments.first();
    if (first == u"api"_s)
        return routeOpenApi(request);
    if (first == u"admin"_s)
        return routeAdmin(request);
    if (PublicSite::handles(segments))
        return m_site.handle(request.http, request.method, segments, &request.jobId);
    if (first == u"problems"_s && segments.size() == 2) {
        if (request.method != u"GET"_s)
            return methodNotAllowed(request.method, request.path, "GET");
        return problemTypePage(segments.at(1));
    }
    if (segments == QStringList{u"health"_s}) {
        if (request.method != u"GET"_s)
            return methodNotAllowed(request.method, request.path, "GET");
        return HttpResponse::json(200, QJsonObject{{u"status"_s, u"ok"_s}});
    }
    return notFound(request.path);
}

HttpResponse ApiServer::routeOpenApi(Request &request)
{
    const QStringList &segments = request.segments;
    const QString &method = request.method;
    if (segments.size() == 2 && segments.at(1) == u"openapi.json"_s) {
        if (method != u"GET"_s)
            return methodNotAllowed(method, request.path, "GET");
        return openApiDocument();
    }
    if (segments.size() == 2 && segments.at(1) == u"categories"_s) {
        if (method != u"GET"_s)
            return methodNotAllowed(method, request.path, "GET");
        return m_onboarding.categoryList(request.http);
    }
    if (segments.size() < 2 || segments.size() > 3 || segments.at(1) != u"jobs"_s)
        return notFound(request.path);

    const bool collection = segments.size() == 2;
    const bool knownMethod = collection ? (method == u"GET"_s || method == u"POST"_s)
                                        : (method == u"GET"_s || method == u"PUT"_s ||
                                           method == u"PATCH"_s || method == u"DELETE"_s);
    if (!knownMethod)
        return methodNotAllowed(method, request.path,
                                collection ? "GET, POST" : "GET, PUT, PATCH, DELETE");

    const Authenticator::AtsResult auth = m_authenticator.authenticateAts(request.http);
    request.credentialPrefix = auth.prefix;
    if (!auth.key)
        return auth.failure;
    const ApiKeyRecord &key = *auth.key;
    request.providerId = key.providerId;
    if (std::optional<HttpResponse> limited = checkRateLimit(key, request))
        return *limited;

    if (collection)
        return method == u"POST"_s ? createJob(request, key) : listJobs(request, key);

    // Ids are matched in canonical lower case; anything else is looked up as sent and not found.
    const QString canonical = canonicalUuid(segments.at(2));
    request.jobId = canonical.isEmpty() ? segments.at(2).left(64) : canonical;
    if (method == u"GET"_s)
        return getJob(request, key);
    if (method == u"DELETE"_s)
        return deleteJob(request, key);
    return updateJob(request, key);
}

HttpResponse ApiServer::outcomeResponse(const JobOutcome &outcome, int successStatus, bool forStaff,
                                        bool listWarnings)
{
    switch (outcome.kind) {
    case JobOutcome::Kind::Ok:
    case JobOutcome::Kind::Created: {
        const QJsonObject job = forStaff ? jobToAdminJson(outcome.job) : jobToApiJson(outcome.job);
        HttpResponse response = HttpResponse::json(
            successStatus, listWarnings ? withWarnings(job, outcome.warnings) : job);
        response.withHeader("ETag", etagOf(outcome.job));
        if (outcome.kind == JobOutcome::Kind::Created)
            response.withHeader("Location", "/api/jobs/" + outcome.job.id.toLatin1());
        return response;
    }
    case JobOutcome::Kind::Invalid:
        return HttpResponse::problem(
            422, u"validation-failed"_s, u"The job is invalid"_s,
            u"%1 field(s) are invalid; each entry of errors names the field with a JSON "
            u"pointer. Nothing was stored."_s.arg(outcome.errors.size()),
            outcome.errors, outcome.warnings);
    case JobOutcome::Kind::Forbidden:
        return HttpResponse::problem(403, u"forbidden-provider"_s, u"Not your provider"_s,
                                     outcome.message);
    case JobOutcome::Kind::NotFound:
        return HttpResponse::problem(404, u"job-not-found"_s, u"Job not found"_s, outcome.message);
    case JobOutcome::Kind::Conflict:
        return HttpResponse::problem(409, u"job-conflict"_s, u"Job cannot change"_s,
                                     outcome.message);
    case JobOutcome::Kind::StorageFailed:
        break;
    }
    return HttpResponse::problem(503, u"storage-unavailable"_s, u"Storage unavailable"_s,
                                 u"hopstep could not write to its database, so nothing was "
                                 u"stored. Retry the request later; the failure is logged "
                                 u"with this request's id."_s);
}

HttpResponse ApiServer::createJob(Request &request, const ApiKeyRecord &key)
{
    const JsonBody body = parseJsonBody(request.http.value("Content-Type"), request.http.body());
    if (!body.isValid())
        return bodyProblem(body);
    // An empty Idempotency-Key is a client fault, so it is rejected rather than ignored.
    const auto headers = request.http.headers();
    const bool idempotent = std::any_of(headers.cbegin(), headers.cend(), [](const auto &header) {
        return header.first.compare("Idempotency-Key", Qt::CaseInsensitive) == 0;
    });
    if (idempotent)
        return createJobOnce(request, key, body.object);
    const JobOutcome outcome =
        m_jobs.create(key.providerId, body.object, keyActor(key, request.requestId));
    if (outcome.kind == JobOutcome::Kind::Created) {
        request.jobId = outcome.job.id;
        qCInfo(lcIngest).noquote() << "Created job" << outcome.job.id << "for provider"
                                   << key.providerId << "with key" << key.prefix;
    }
    return outcomeResponse(outcome, 201, false);
}

HttpResponse ApiServer::listJobs(Request &request, const ApiKeyRecord &key)
{
    const QUrlQuery query(request.http.url());
    if (std::optional<HttpResponse> unknown =
            checkQueryParameters(query, {u"limit"_s, u"cursor"_s}))
        return *unknown;
    const IntParameter limit = intParameter(query, u"limit"_s, 20, 1, 100);
    if (limit.failure)
        return *limit.failure;
    JobCursor cursor;
    if (query.hasQueryItem(u"cursor"_s)) {
        cursor = JobCursor::decode(query.queryItemValue(u"cursor"_s));
        if (!cursor.isValid()) {
            return HttpResponse::problem(400, u"invalid-parameter"_s, u"Invalid query parameter"_s,
                                         u"The cursor is not one this API returned; send the "
                                         u"nextCursor value of the previous page unchanged."_s);
        }
    }
    // One more than the page size tells whether another page follows.
    const QList<Job> jobs = m_jobs.jobs().providerJobs(key.providerId, limit.value + 1, cursor);
    QJsonArray items;
    for (qsizetype i = 0; i < jobs.size() && i < limit.value; ++i)
        items.append(jobToApiJson(jobs.at(i)));
    QJsonValue next;
    if (jobs.size() > limit.value) {
        const Job &last = jobs.at(limit.value - 1);
        next = JobCursor{last.createdAt, last.id}.encode();
    }
    return HttpResponse::json(
        200, QJsonObject{{u"items"_s, items}, {u"limit"_s, limit.value}, {u"nextCursor"_s, next}});
}

HttpResponse ApiServer::getJob(Request &request, const ApiKeyRecord &key)
{
    const QString &jobId = request.jobId;
    return outcomeResponse(m_jobs.find(key.providerId, jobId), 200, false, false);
}

HttpResponse ApiServer::updateJob(Request &request, const ApiKeyRecord &key)
{
    const QString &jobId = request.jobId;
    // An unknown job is reported before the body, so a PUT never looks like it could create.
    const JobOutcome existing = m_jobs.find(key.providerId, jobId);
    if (existing.kind != JobOutcome::Kind::Ok)
        return outcomeResponse(existing, 200, false);
    if (std::optional<HttpResponse> failed = checkPrecondition(request, existing.job))
        return *failed;
    const JsonBody body = parseJsonBody(request.http.value("Content-Type"), request.http.body());
    if (!body.isValid())
        return bodyProblem(body);
    const JobOutcome outcome =
        m_jobs.update(key.providerId, jobId, body.object, keyActor(key, request.requestId));
    if (outcome.kind == JobOutcome::Kind::Ok && outcome.changed) {
        qCInfo(lcIngest).noquote() << "Updated job" << jobId << "to version" << outcome.job.version
                                   << "with key" << key.prefix;
    }
    return outcomeResponse(outcome, 200, false);
}

HttpResponse ApiServer::deleteJob(Request &request, const ApiKeyRecord &key)
{
    const QString &jobId = request.jobId;
    const JobOutcome existing = m_jobs.find(key.providerId, jobId);
    if (existing.kind != JobOutcome::Kind::Ok)
        return outcomeResponse(existing, 200, false);
    if (std::optional<HttpResponse> failed = checkPrecondition(request, existing.job))
        return *failed;
    const JobOutcome outcome =
        m_jobs.remove(key.providerId, jobId, keyActor(key, request.requestId));
    if (outcome.kind != JobOutcome::Kind::Ok)
        return outcomeResponse(outcome, 200, false);
    qCInfo(lcIngest).noquote() << "Deleted job" << jobId << "with key" << key.prefix;
    return HttpResponse::noContent();
}

} // namespace hopstep
