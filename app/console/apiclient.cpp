#include "apiclient.h"

#include "logcategories.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrlQuery>

#include <utility>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString encodedSegment(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

QString withoutFinalPeriod(QString text)
{
    text = text.trimmed();
    while (text.endsWith(u'.'))
        text.chop(1);
    return text;
}

} // namespace

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{}

ApiClient::~ApiClient()
{
    // Abandon the replies first, so none of their handlers runs on a half-destroyed client.
    ++m_generation;
    const QSet<QNetworkReply *> replies = std::exchange(m_replies, {});
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
    }
}

void ApiClient::setConnection(const QUrl &baseUrl, const QString &token)
{
    ++m_generation;
    m_baseUrl = baseUrl;
    m_token = token;
    m_jobsFetch = {};
    m_calls.clear();
    const QSet<QNetworkReply *> replies = std::exchange(m_replies, {});
    for (QNetworkReply *reply : replies)
        reply->abort();
}

QString ApiClient::displayUrl() const
{
    return m_baseUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

void ApiClient::fetchIdentity()
{
    if (!hasConnection()) {
        failWithoutConnection(ApiFailure::Request::Identity, {});
        return;
    }
    QNetworkReply *reply = send("GET", u"/admin/me"_s, {});
    handleReply(reply, ApiFailure::Request::Identity, {}, [this](const QJsonObject &object) {
        StaffIdentity identity;
        identity.name = object.value(u"name"_s).toString();
        identity.tokenPrefix = object.value(u"tokenPrefix"_s).toString();
        identity.id = object.value(u"id"_s).toString();
        identity.email = object.value(u"email"_s).toString();
        QStringList roles;
        const QJsonArray names = object.value(u"roles"_s).toArray();
        for (const QJsonValue &name : names)
            roles.append(name.toString());
        identity.roles = staffRolesFromNames(roles).value_or(StaffRoles());
        emit identityFetched(identity);
    });
}

void ApiClient::fetchAllJobs()
{
    if (m_jobsFetch.active)
        return;
    if (!hasConnection()) {
        failWithoutConnection(ApiFailure::Request::Jobs, {});
        return;
    }
    m_jobsFetch = {};
    m_jobsFetch.active = true;
    fetchJobsPage();
}

void ApiClient::fetchJobsPage()
{
    const QUrlQuery query{{u"limit"_s, QString::number(pageSize)},
                          {u"offset"_s, QString::number(m_jobsFetch.offset)},
                          {u"deleted"_s, u"include"_s}};
    QNetworkReply *reply = send("GET", u"/admin/jobs"_s, query);
    handleReply(reply, ApiFailure::Request::Jobs, {}, [this](const QJsonObject &page) {
        // Pages come newest first, so a job created between two requests shifts the later pages
        // and one job can arrive twice. The id set drops the repeat. Tombstones stay in the
        // list, so no job moves the other way and none is skipped.
        const QJsonArray items = page.value(u"items"_s).toArray();
        for (const QJsonValue &item : items) {
            Job job = jobFromAdminJson(item.toObject());
            if (job.id.isEmpty() || m_jobsFetch.ids.contains(job.id))
                continue;
            m_jobsFetch.ids.insert(job.id);
            m_jobsFetch.jobs.append(std::move(job));
        }
        m_jobsFetch.offset += int(items.size());
        const qint64 total = page.value(u"total"_s).toInteger();
        if (items.size() == pageSize && m_jobsFetch.offset < total) {
            fetchJobsPage();
            return;
        }
        const QList<Job> jobs = std::exchange(m_jobsFetch, {}).jobs;
        emit jobsFetched(jobs);
    });
}

void ApiClient::setJobStatus(const QString &jobId, JobStatus status)
{
    if (!hasConnection()) {
        failWithoutConnection(ApiFailure::Request::SetStatus, jobId);
        return;
    }
    const QByteArray body = QJsonDocument(QJsonObject{{u"status"_s, jobStatusName(status)}})
                                .toJson(QJsonDocument::Compact);
    QNetworkReply *reply =
        send("POST", u"/admin/jobs/"_s + encodedSegment(jobId) + u"/status"_s, {}, body);
    handleReply(reply, ApiFailure::Request::SetStatus, jobId,
                [this](const QJsonObject &object) { emit jobChanged(jobFromAdminJson(object)); });
}

void ApiClient::deleteJob(const QString &jobId)
{
    if (!hasConnection()) {
        failWithoutConnection(ApiFailure::Request::Delete, jobId);
        return;
    }
    QNetworkReply *reply = send("DELETE", u"/admin/jobs/"_s + encodedSegment(jobId), {});
    handleReply(reply, ApiFailure::Request::Delete, jobId,
                [this](const QJsonObject &object) { emit jobChanged(jobFromAdminJson(object)); });
}

quint64 ApiClient::call(const QByteArray &method, const QString &path, const QUrlQuery &query,
                        const std::optional<QJsonObject> &body, QObject *context,
                        JsonHandler onSuccess, FailureHandler onFailure)
{
    const quint64 id = ++m_lastCallId;
    QPointer<QObject> guard(context);
    if (!hasConnection()) {
        ApiFailure failure;
        failure.request = ApiFailure::Request::Other;
        failure.message = u"No hopstep-api service is set. Choose one under File → Connect…"_s;
        QMetaObject::invokeMethod(
            this,
            [this, id, guard, failure, onFailure, generation = m_generation] {
                if (generation == m_generation && guard && !m_calls.contains(id) && onFailure)
                    onFailure(failure);
            },
            Qt::QueuedConnection);
        return id;
    }
    const QByteArray payload =
        body ? QJsonDocument(*body).toJson(QJsonDocument::Compact) : QByteArray();
    QNetworkReply *reply = send(method, path, query, payload);
    m_calls.insert(id, reply);
    connect(reply, &QNetworkReply::finished, this,
            [this, id, reply, guard, onSuccess, onFailure, generation = m_generation] {
                m_replies.remove(reply);
                reply->deleteLater();
                const bool abandoned = m_calls.value(id) != reply;
                m_calls.remove(id);
                if (generation != m_generation || abandoned || !guard)
                    return;
                QJsonObject object;
                ApiFailure failure;
                failure.request = ApiFailure::Request::Other;
                if (!readReply(reply, &object, &failure)) {
                    if (onFailure)
                        onFailure(failure);
                    return;
                }
                if (onSuccess)
                    onSuccess(object);
            });
    return id;
}

void ApiClient::cancel(quint64 callId)
{
    QNetworkReply *reply = m_calls.take(callId);
    if (reply)
        reply->abort();
}

QString ApiClient::adminPath(const QString &collection, const QString &id, const QString &action)
{
    QString path = u"/admin/"_s + collection;
    if (!id.isEmpty())
        path += u'/' + encodedSegment(id);
    if (!action.isEmpty())
        path += u'/' + action;
    return path;
}

QNetworkReply *ApiClient::send(const QByteArray &method, const QString &path,
                               const QUrlQuery &query, const QByteArray &body)
{
    // Keeps a path prefix of the base URL, for a service behind a proxy at /hopstep/.
    QString prefix = m_baseUrl.path(QUrl::FullyEncoded);
    if (prefix.endsWith(u'/'))
        prefix.chop(1);
    QUrl url = m_baseUrl;
    url.setPath(prefix + path, QUrl::TolerantMode);
    url.setQuery(query);

    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json, application/problem+json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArray("hopstep-console/" HOPSTEP_VERSION));
    request.setTransferTimeout(m_timeoutMilliseconds);
    // Following a redirect would send the staff token to another address.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!body.isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));

    qCDebug(lcConsole).noquote() << "Sending" << method << url.path();
    QNetworkReply *reply = body.isNull() ? m_network->sendCustomRequest(request, method)
                                         : m_network->sendCustomRequest(request, method, body);
    m_replies.insert(reply);
    return reply;
}

void ApiClient::handleReply(QNetworkReply *reply, ApiFailure::Request request, const QString &jobId,
                            const SuccessHandler &onSuccess)
{
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, request, jobId, onSuccess, generation = m_generation] {
                m_replies.remove(reply);
                reply->deleteLater();
                if (generation != m_generation)
                    return;

                QJsonObject object;
                ApiFailure failure;
                failure.request = request;
                failure.jobId = jobId;
                if (!readReply(reply, &object, &failure)) {
                    fail(failure);
                    return;
                }
                onSuccess(object);
            });
}

void ApiClient::fail(ApiFailure failure)
{
    if (failure.request == ApiFailure::Request::Jobs)
        m_jobsFetch = {};
    emit requestFailed(failure);
}

void ApiClient::failWithoutConnection(ApiFailure::Request request, const QString &jobId)
{
    ApiFailure failure;
    failure.request = request;
    failure.jobId = jobId;
    failure.message = u"No hopstep-api service is set. Choose one under File → Connect…"_s;
    // Report on the next event-loop pass, as for a request that went out.
    QMetaObject::invokeMethod(
        this,
        [this, failure, generation = m_generation] {
            if (generation == m_generation)
                fail(failure);
        },
        Qt::QueuedConnection);
}

bool ApiClient::readReply(QNetworkReply *reply, QJsonObject *object, ApiFailure *failure) const
{
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid()) {
        failure->message = networkFailureMessage(reply);
        return false;
    }
    const int status = statusAttribute.toInt();
    failure->httpStatus = status;
    failure->requestId = QString::fromLatin1(reply->rawHeader("X-Request-Id"));

    const QByteArray body = reply->readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (status < 200 || status >= 300) {
        const QJsonObject problem = document.object();
        failure->problemCode = problem.value(u"code"_s).toString();
        failure->message = httpFailureMessage(reply, status, problem);
        return false;
    }
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        failure->message =
            u"hopstep-api at %1 sent a response that is not a JSON object "
            u"(HTTP %2). Check that the API URL points at hopstep-api."_s.arg(displayUrl())
                .arg(status);
        return false;
    }
    *object = document.object();
    return true;
}

QString ApiClient::networkFailureMessage(QNetworkReply *reply) const
{
    switch (reply->error()) {
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        // setConnection abandons replies before it aborts them, so a cancelled reply that
        // reaches here was stopped by the transfer timeout.
        return u"hopstep-api at %1 did not respond within %2 seconds. Check that the service is "
               u"running."_s.arg(displayUrl())
                   .arg(m_timeoutMilliseconds / 1000);
    case QNetworkReply::HostNotFoundError:
        return u"Cannot reach hopstep-api at %1: %2. Check the API URL under File → Connect…"_s.arg(
            displayUrl(), withoutFinalPeriod(reply->errorString()));
    case QNetworkReply::SslHandshakeFailedError:
        return u"The TLS connection to hopstep-api at %1 failed: %2. Check the service's "
               u"certificate."_s.arg(displayUrl(), withoutFinalPeriod(reply->errorString()));
    default:
        return u"Cannot reach hopstep-api at %1: %2. Check that the service is running."_s.arg(
            displayUrl(), withoutFinalPeriod(reply->errorString()));
    }
}

QString ApiClient::httpFailureMessage(QNetworkReply *reply, int status,
                                      const QJsonObject &problem) const
{
    if (status >= 300 && status < 400) {
        const QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        return u"hopstep-api at %1 redirected the request to %2. Set the API URL to the address "
               u"the service is at."_s.arg(displayUrl(),
                                           target.toDisplayString(QUrl::RemoveUserInfo));
    }

    QString message = problem.value(u"detail"_s).toString().trimmed();
    if (message.isEmpty()) {
        const QString reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        message = u"hopstep-api at %1 returned HTTP %2 %3 for %4."_s.arg(displayUrl())
                      .arg(status)
                      .arg(reason, reply->url().path());
    } else if (!message.endsWith(u'.')) {
        message += u'.';
    }
    if (status == 401)
        message += u" Check the staff token under File → Connect…"_s;
    return message;
}

} // namespace hopstep
