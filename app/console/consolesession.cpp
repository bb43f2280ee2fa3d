#include "consolesession.h"

#include "consolesettings.h"
#include "jobtablemodel.h"
#include "localserver.h"
#include "logcategories.h"
#include "providermodels.h"

#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

// How often a repeated failure is logged again while it lasts.
constexpr int failureLogEvery = 20;

// "(HTTP 409, request 1f2e3d4c)" or "(no HTTP response)", for log lines.
QString responseContext(const ApiFailure &failure)
{
    if (failure.httpStatus == 0)
        return u"(no HTTP response)"_s;
    QString context = u"(HTTP %1"_s.arg(failure.httpStatus);
    if (!failure.requestId.isEmpty())
        context += u", request "_s + failure.requestId;
    return context + u')';
}

} // namespace

ConsoleSession::ConsoleSession(ConsoleSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_client(new ApiClient(this))
    , m_localServer(new LocalServer(settings, this))
    , m_jobs(new JobTableModel(this))
    , m_providers(new ProviderTableModel(this))
{
    connect(m_client, &ApiClient::identityFetched, this, &ConsoleSession::handleIdentity);
    connect(m_client, &ApiClient::jobsFetched, this, &ConsoleSession::handleJobs);
    connect(m_client, &ApiClient::jobChanged, this, &ConsoleSession::handleJobChanged);
    connect(m_client, &ApiClient::requestFailed, this, &ConsoleSession::handleFailure);

    connect(m_localServer, &LocalServer::started, this,
            [this](const QUrl &url, const QString &token) {
                if (m_local)
                    checkIdentity(url, token);
            });
    connect(m_localServer, &LocalServer::tokenRenewed, this, [this](const QString &token) {
        if (m_local && m_localServer->isRunning())
            checkIdentity(m_localServer->url(), token);
    });
    connect(m_localServer, &LocalServer::startFailed, this, [this](const QString &message) {
        if (m_local)
            handleConnectionFailure(message);
    });
    connect(m_localServer, &LocalServer::exited, this, [this](const QString &message) {
        if (m_local)
            handleConnectionFailure(message);
    });

    connect(&m_refreshTimer, &QTimer::timeout, this, &ConsoleSession::handleTimer);
}

ConsoleSession::~ConsoleSession()
{
    m_client->setConnection({}, {});
    m_localServer->stop();
}

void ConsoleSession::connectToService()
{
    m_refreshTimer.start(m_settings->refreshIntervalSeconds() * 1000);
    m_localTokenRenewed = false;
    m_staff = {};
    m_issuedKeys.clear();

    if (m_settings->hasConnection()) {
        m_local = false;
        m_localServer->stop();
        checkIdentity(m_settings->apiUrl(), m_settings->token());
        return;
    }

    m_local = true;
    if (m_localServer->isRunning()) {
        checkIdentity(m_localServer->url(), m_localServer->token());
        return;
    }
    m_client->setConnection({}, {});
    setState(State::StartingLocalServer);
    m_localServer->start();
}

void ConsoleSession::refresh()
{
    if (m_state == State::Offline) {
        connectToService();
        return;
    }
    if (m_state != State::Connected)
        return;
    m_client->fetchAllJobs();
    refreshProviders();
}

void ConsoleSession::refreshProviders()
{
    if (m_state != State::Connected)
        return;
    m_client->call(
        "GET", ApiClient::adminPath(u"providers"_s), {}, std::nullopt, this,
        [this](const QJsonObject &answer) {
            QList<ProviderSummary> providers;
            const QJsonArray items = answer.value(u"items"_s).toArray();
            for (const QJsonValue &item : items)
                providers.append(providerSummaryFromJson(item.toObject()));
            m_providers->setRecords(providers);
            emit providersRefreshed();
        },
        [](const ApiFailure &failure) {
            qCWarning(lcSync).noquote() << "Fetching providers failed:" << failure.message;
        });
}

void ConsoleSession::rememberIssuedKey(const QString &providerId, const PackApiKey &key)
{
    m_issuedKeys.insert(providerId, key);
}

std::optional<PackApiKey> ConsoleSession::issuedKey(const QString &providerId) const
{
    const auto found = m_issuedKeys.constFind(providerId);
    if (found == m_issuedKeys.constEnd())
        return std::nullopt;
    return *found;
}

void ConsoleSession::setJobStatus(const QString &jobId, JobStatus status)
{
    if (m_pendingJobIds.contains(jobId))
        return;
    qCInfo(lcConsole).noquote() << "Setting job" << jobId << "to" << jobStatusName(status);
    beginAction(jobId);
    m_client->setJobStatus(jobId, status);
}

void ConsoleSession::deleteJob(const QString &jobId)
{
    if (m_pendingJobIds.contains(jobId))
        return;
    qCInfo(lcConsole).noquote() << "Deleting job" << jobId;
    beginAction(jobId);
    m_client->deleteJob(jobId);
}

void ConsoleSession::beginAction(const QString &jobId)
{
    m_pendingJobIds.insert(jobId);
    emit pendingActionsChanged();
}

void ConsoleSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ConsoleSession::checkIdentity(const QUrl &url, const QString &token)
{
    // Jobs of one service must not stay on screen as if they came from another.
    if (url != m_connectedUrl) {
        m_jobs->setJobs({});
        m_providers->clear();
        m_lastRefresh = {};
        m_connectedUrl = url;
    }
    if (!m_pendingJobIds.isEmpty()) {
        m_pendingJobIds.clear();
        emit pendingActionsChanged();
    }
    m_client->setConnection(url, token);
    setState(State::Connecting);
    qCInfo(lcConsole).noquote() << "Connecting to hopstep-api at" << m_client->displayUrl();
    m_client->fetchIdentity();
}

void ConsoleSession::handleIdentity(const StaffIdentity &identity)
{
    m_staff = identity;
    m_lastError.clear();
    m_loggedFailure.clear();
    m_repeatedFailures = 0;
    qCInfo(lcConsole).noquote() << "Connected to hopstep-api at" << m_client->displayUrl() << "as"
                                << identity.name << "with token" << identity.tokenPrefix;
    setState(State::Connected);
    refresh();
}

void ConsoleSession::handleJobs(const QList<Job> &jobs)
{
    // An action's reply can overtake a refresh that was sent before it, so the newer version
    // stays.
    QList<Job> merged = jobs;
    for (Job &job : merged) {
        const Job *displayed = m_jobs->jobById(job.id);
        if (displayed && displayed->version > job.version)
            job = *displayed;
    }
    m_jobs->setJobs(merged);

    if (!m_loggedFailure.isEmpty()) {
        qCInfo(lcSync) << "Refresh succeeded again after" << m_repeatedFailures + 1
                       << "failed attempts";
        m_loggedFailure.clear();
        m_repeatedFailures = 0;
    }
    m_lastRefresh = QDateTime::currentDateTime();
    m_lastError.clear();
    qCDebug(lcSync) << "Fetched" << merged.size() << "jobs";
    emit refreshed(m_lastRefresh, int(merged.size()));
}

void ConsoleSession::handleJobChanged(const Job &job)
{
    m_pendingJobIds.remove(job.id);
    m_jobs->upsertJob(job);
    qCInfo(lcConsole).noquote() << "Job" << job.id << "is now"
                                << (job.isDeleted() ? u"DELETED"_s
                                                    : jobStatusName(job.content.status))
                                << "at version" << job.version;
    emit pendingActionsChanged();
    emit jobChanged(job);
}

void ConsoleSession::handleFailure(const ApiFailure &failure)
{
    switch (failure.request) {
    case ApiFailure::Request::Identity:
        if (m_local && failure.httpStatus == 401 && !m_localTokenRenewed &&
            m_localServer->isRunning()) {
            m_localTokenRenewed = true;
            qCWarning(lcConsole) << "The local hopstep-api rejected the stored staff token;"
                                    " issuing a new one";
            m_localServer->renewToken();
            return;
        }
        handleConnectionFailure(failure.message);
        return;
    case ApiFailure::Request::Jobs:
        m_lastError = failure.message;
        logRefreshFailure(failure);
        // A failure without an HTTP response means the service is unreachable, so the status
        // bar stops showing "Connected" and the timer tries to connect again.
        if (failure.httpStatus == 0)
            setState(State::Offline);
        emit refreshFailed(failure.message);
        return;
    case ApiFailure::Request::SetStatus:
    case ApiFailure::Request::Delete:
        m_pendingJobIds.remove(failure.jobId);
        qCWarning(lcConsole).noquote() << "Action on job" << failure.jobId << "failed"
                                       << responseContext(failure) + u':' << failure.message;
        emit pendingActionsChanged();
        emit actionFailed(failure.jobId, failure.message);
        return;
    case ApiFailure::Request::Other:
        // ApiClient::call reports to its own handler, never through requestFailed.
        return;
    }
}

void ConsoleSession::handleConnectionFailure(const QString &message)
{
    m_lastError = message;
    if (message == m_loggedFailure) {
        ++m_repeatedFailures;
        if (m_repeatedFailures % failureLogEvery == 0)
            qCWarning(lcConsole).noquote()
                << "Connecting failed" << m_repeatedFailures + 1 << "times in a row:" << message;
    } else {
        qCWarning(lcConsole).noquote() << "Connecting failed:" << message;
        m_loggedFailure = message;
        m_repeatedFailures = 0;
    }
    setState(State::Offline);
    emit connectionFailed(message);
}

void ConsoleSession::logRefreshFailure(const ApiFailure &failure)
{
    if (failure.message == m_loggedFailure) {
        ++m_repeatedFailures;
        if (m_repeatedFailures % failureLogEvery == 0)
            qCWarning(lcSync).noquote() << "Refresh failed" << m_repeatedFailures + 1
                                        << "times in a row:" << failure.message;
        return;
    }
    qCWarning(lcSync).noquote() << "Refresh failed" << responseContext(failure) + u':'
                                << failure.message;
    m_loggedFailure = failure.message;
    m_repeatedFailures = 0;
}

void ConsoleSession::handleTimer()
{
    switch (m_state) {
    case State::Connected:
        refresh();
        return;
    case State::Offline:
        connectToService();
        return;
    case State::Disconnected:
    case State::StartingLocalServer:
    case State::Connecting:
        return;
    }
}

} // namespace hopstep
