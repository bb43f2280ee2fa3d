#include "apiserver.h"

#include "jobvalidator.h"
#include "jsonbody.h"
#include "logcategories.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

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
    if (safe.match(sent).hasMatch())
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

QByteArray etagOf(const Job &job)
{
    return '"' + QByteArray::number(job.version) + '"';
}

QJsonObject withWarnings(QJsonObject object, const QList<FieldIssue> &warnings)
{
    object.insert(u"warnings"_s, fieldIssuesToJson(warnings));
    return object;
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

HttpResponse methodNotAllowed(const QString &method, const QString &path, const QByteArray &allowed)
{
    HttpResponse response =
        HttpResponse::problem(405, u"method-not-allowed"_s, u"Method not allowed"_s,
                              method + u" is not allowed on "_s + path.left(200) +
                                  u"; allowed methods: "_s + QString::fromLatin1(allowed) + u'.');
    response.withHeader("Allow", allowed);
    return response;
}

ApiServer::ApiServer(Database &database, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_database(database)
    , m_authenticator(database)
    , m_jobs(database)
{}

bool ApiServer::handleRequest(const QHttpServerRequest &http, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    QString path = http.url().path(QUrl::FullyDecoded);
    if (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    Request request{http,
                    methodName(http.method()),
                    path,
                    path.split(u'/', Qt::SkipEmptyParts),
                    requestIdFor(http),
                    {},
                    {}};
    HttpResponse response = route(request);
    QHttpServerResponder responder = makeResponder(http, socket);
    finish(request, std::move(response), responder, timer.nsecsElapsed() / 1000);
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &http, QTcpSocket *socket)
{
    // handleRequest answers every request, so this runs only if Qt changes that contract.
    QHttpServerResponder responder = makeResponder(http, socket);
    Request request{http, methodName(http.method()), http.url().path(), {}, newRequestId(), {}, {}};
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
    for (const auto &[name, value] : std::as_const(response.headers))
        responder.writeHeader(name, value);
    responder.writeHeader("X-Request-Id", request.requestId.toLatin1());
    responder.writeHeader("X-Content-Type-Options", "nosniff");
    responder.writeHeader("Cache-Control", "no-store");
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);

    if (response.status < 400) {
        qCDebug(lcApi).noquote() << request.method << loggable(request.path.left(200))
                                 << response.status << u"request="_s + request.requestId;
        return;
    }
    const QString line =
        u"%1 %2 %3 %4 request=%5 credential=%6 job=%7 %8 ms"_s
            .arg(request.method, loggable(request.path.left(200)))
            .arg(response.status)
            .arg(response.problemCode.isEmpty() ? u"-"_s : response.problemCode, request.requestId,
                 request.credentialPrefix.isEmpty() ? u"-"_s : request.credentialPrefix,
                 request.jobId.isEmpty() ? u"-"_s : loggable(request.jobId))
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
    if (segments.size() == 2 && segments.at(1) == u"categories"_s) {
        if (method != u"GET"_s)
            return methodNotAllowed(method, request.path, "GET");
        return listCategories();
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
    const JobOutcome outcome = m_jobs.create(key.providerId, body.object, u"key "_s + key.prefix);
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
    const JsonBody body = parseJsonBody(request.http.value("Content-Type"), request.http.body());
    if (!body.isValid())
        return bodyProblem(body);
    const JobOutcome outcome =
        m_jobs.update(key.providerId, jobId, body.object, u"key "_s + key.prefix);
    if (outcome.kind == JobOutcome::Kind::Ok && outcome.changed) {
        qCInfo(lcIngest).noquote() << "Updated job" << jobId << "to version" << outcome.job.version
                                   << "with key" << key.prefix;
    }
    return outcomeResponse(outcome, 200, false);
}

HttpResponse ApiServer::deleteJob(Request &request, const ApiKeyRecord &key)
{
    const QString &jobId = request.jobId;
    const JobOutcome outcome = m_jobs.remove(key.providerId, jobId, u"key "_s + key.prefix);
    if (outcome.kind != JobOutcome::Kind::Ok)
        return outcomeResponse(outcome, 200, false);
    qCInfo(lcIngest).noquote() << "Deleted job" << jobId << "with key" << key.prefix;
    return HttpResponse::noContent();
}

HttpResponse ApiServer::listCategories()
{
    QJsonArray items;
    const QList<Category> categories = m_jobs.catalog().categories();
    for (const Category &category : categories)
        items.append(categoryToJson(category));
    return HttpResponse::json(200, QJsonObject{{u"items"_s, items}});
}

} // namespace hopstep
