#pragma once

#include "job.h"
#include "staff.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QJsonObject;
class QNetworkAccessManager;
class QNetworkReply;

namespace hopstep {

// The staff member a token belongs to, from GET /admin/me.
struct StaffIdentity
{
    QString name;
    QString tokenPrefix;
    QString id; // the staff account's id
    QString email;
    StaffRoles roles;

    // True when the roles allow what role covers; an admin may do everything.
    bool may(StaffRole role) const { return grantsRole(roles, role); }
};

// A failed admin API request, with the sentence to show to staff.
struct ApiFailure
{
    enum class Request { Identity, Jobs, SetStatus, Delete, Other };

    Request request = Request::Identity;
    QString jobId;       // the job acted on, for SetStatus and Delete
    int httpStatus = 0;  // 0 when no HTTP response arrived
    QString problemCode; // the problem document's "code", when the service sent one
    QString requestId;   // the service's X-Request-Id, to find the request in its log
    QString message;     // one or more sentences, ready for a message box or the status bar
};

// Asynchronous client of hopstep-api's admin API. Every call ends in exactly one signal: its
// result, or requestFailed.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    // Sets the service and staff token for later requests and abandons the requests in flight,
    // so that no reply from the previous service arrives after the change.
    void setConnection(const QUrl &baseUrl, const QString &token);
    QUrl baseUrl() const { return m_baseUrl; }
    bool hasConnection() const { return m_baseUrl.isValid() && !m_baseUrl.isEmpty(); }
    // The base URL as staff read it: no user name and no trailing slash.
    QString displayUrl() const;

    // Transfer timeout of each request, in milliseconds.
    void setTimeout(int milliseconds) { m_timeoutMilliseconds = milliseconds; }
    int timeout() const { return m_timeoutMilliseconds; }

    void fetchIdentity();
    // Pages through GET /admin/jobs, tombstones included, and emits jobsFetched once with every
    // job. Does nothing while a fetch is already running.
    void fetchAllJobs();
    bool isFetchingJobs() const { return m_jobsFetch.active; }
    void setJobStatus(const QString &jobId, JobStatus status);
    void deleteJob(const QString &jobId);

    using JsonHandler = std::function<void(const QJsonObject &)>;
    using FailureHandler = std::function<void(const hopstep::ApiFailure &)>;
    // Sends any admin API request, with body as JSON when given. Ends in exactly one call of
    // onSuccess or onFailure, unless cancel() or setConnection() abandons it first or context
    // is destroyed before the reply arrives. Returns an id for cancel().
    quint64 call(const QByteArray &method, const QString &path, const QUrlQuery &query,
                 const std::optional<QJsonObject> &body, QObject *context, JsonHandler onSuccess,
                 FailureHandler onFailure);
    // Abandons a call: neither of its handlers runs.
    void cancel(quint64 callId);
    // Path of a resource under /admin with its id percent-encoded, e.g. "/admin/providers/ID".
    static QString adminPath(const QString &collection, const QString &id = QString(),
                             const QString &action = QString());

    // Jobs per page of GET /admin/jobs: the maximum the service accepts.
    static constexpr int pageSize = 1000;
    static constexpr int defaultTimeoutMilliseconds = 20'000;

signals:
    void identityFetched(const hopstep::StaffIdentity &identity);
    void jobsFetched(const QList<hopstep::Job> &jobs);
    // The service accepted a status change or a deletion, and job is the stored result.
    void jobChanged(const hopstep::Job &job);
    void requestFailed(const hopstep::ApiFailure &failure);

private:
    using SuccessHandler = std::function<void(const QJsonObject &)>;

    QNetworkReply *send(const QByteArray &method, const QString &path, const QUrlQuery &query,
                        const QByteArray &body = QByteArray());
    void handleReply(QNetworkReply *reply, ApiFailure::Request request, const QString &jobId,
                     const SuccessHandler &onSuccess);
    void fetchJobsPage();
    void fail(ApiFailure failure);
    void failWithoutConnection(ApiFailure::Request request, const QString &jobId);

    // Fills failure and returns false unless the reply is a 2xx with a JSON object.
    bool readReply(QNetworkReply *reply, QJsonObject *object, ApiFailure *failure) const;
    QString networkFailureMessage(QNetworkReply *reply) const;
    QString httpFailureMessage(QNetworkReply *reply, int status, const QJsonObject &problem) const;

    struct JobsFetch
    {
        bool active = false;
        int offset = 0;
        QList<Job> jobs;
        QSet<QString> ids;
    };

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_token;
    int m_timeoutMilliseconds = defaultTimeoutMilliseconds;
    // Counts setConnection calls, so a reply sent under an older value can be ignored.
    quint64 m_generation = 0;
    QSet<QNetworkReply *> m_replies;
    QHash<quint64, QNetworkReply *> m_calls;
    quint64 m_lastCallId = 0;
    JobsFetch m_jobsFetch;
};

} // namespace hopstep
