#pragma once

#include "apiclient.h"
#include "job.h"
#include "onboardingpack.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QUrl>

namespace hopstep {

class ConsoleSettings;
class JobTableModel;
class LocalServer;
class ProviderTableModel;

// One working session of the console. It picks the hopstep-api to talk to (the configured one,
// or a local one it starts), checks whom the token belongs to, keeps the jobs table up to date
// with a refresh timer and sends the staff actions on jobs. The widgets show it, and the tests
// drive it.
class ConsoleSession : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Disconnected,        // connectToService was not called yet
        StartingLocalServer, // the local hopstep-api is starting
        Connecting,          // GET /admin/me is checking the URL and token
        Connected,
        Offline, // the last attempt failed, and the refresh timer tries again
    };
    Q_ENUM(State)

    explicit ConsoleSession(ConsoleSettings *settings, QObject *parent = nullptr);
    ~ConsoleSession() override;

    ApiClient *client() const { return m_client; }
    LocalServer *localServer() const { return m_localServer; }
    JobTableModel *jobs() const { return m_jobs; }
    // Every provider with its counts and onboarding state, refreshed with the jobs.
    ProviderTableModel *providers() const { return m_providers; }
    // Fetches the providers list now, as after a change on the providers page.
    void refreshProviders();

    // Keeps an API key issued in this session in memory, so that the provider's onboarding
    // pack can include it. It is never written to disk nor shown again, and is forgotten on
    // the next connectToService or when the console quits.
    void rememberIssuedKey(const QString &providerId, const PackApiKey &key);
    std::optional<PackApiKey> issuedKey(const QString &providerId) const;
    // True when the signed-in staff member's roles cover role.
    bool may(StaffRole role) const { return m_state == State::Connected && m_staff.may(role); }

    // (Re)connects with the URL and token in the settings, or to the local hopstep-api when the
    // settings name no service. Also restarts the refresh timer with the stored interval.
    void connectToService();
    // Fetches every job now, or tries to connect again when offline.
    void refresh();

    void setJobStatus(const QString &jobId, JobStatus status);
    void deleteJob(const QString &jobId);
    // True while an action on the job waits for the service.
    bool isActionPending(const QString &jobId) const { return m_pendingJobIds.contains(jobId); }

    State state() const { return m_state; }
    bool isLocal() const { return m_local; }
    // The service as staff read it, e.g. "http://127.0.0.1:8080".
    QString serviceDisplayUrl() const { return m_client->displayUrl(); }
    StaffIdentity staff() const { return m_staff; }
    QDateTime lastRefresh() const { return m_lastRefresh; }
    // The sentence of the last failed connection attempt or refresh, or empty.
    QString lastError() const { return m_lastError; }

signals:
    void stateChanged(hopstep::ConsoleSession::State state);
    void connectionFailed(const QString &message);
    void refreshed(const QDateTime &time, int jobCount);
    void refreshFailed(const QString &message);
    // An action succeeded and the table shows the job as the service stored it.
    void jobChanged(const hopstep::Job &job);
    void actionFailed(const QString &jobId, const QString &message);
    void pendingActionsChanged();
    void providersRefreshed();

private:
    void setState(State state);
    void checkIdentity(const QUrl &url, const QString &token);
    void handleIdentity(const StaffIdentity &identity);
    void handleJobs(const QList<Job> &jobs);
    void handleJobChanged(const Job &job);
    void handleFailure(const ApiFailure &failure);
    void handleConnectionFailure(const QString &message);
    void handleTimer();
    void beginAction(const QString &jobId);
    void logRefreshFailure(const ApiFailure &failure);

    ConsoleSettings *m_settings;
    ApiClient *m_client;
    LocalServer *m_localServer;
    JobTableModel *m_jobs;
    ProviderTableModel *m_providers;
    QHash<QString, PackApiKey> m_issuedKeys;
    QTimer m_refreshTimer;
    State m_state = State::Disconnected;
    bool m_local = false;
    // Set when the local token was renewed, so a rejected renewal starts no other. Each
    // connectToService clears it.
    bool m_localTokenRenewed = false;
    QUrl m_connectedUrl;
    StaffIdentity m_staff;
    QDateTime m_lastRefresh;
    QString m_lastError;
    // Repeats of one failure are counted, not logged, until a refresh succeeds.
    QString m_loggedFailure;
    int m_repeatedFailures = 0;
    QSet<QString> m_pendingJobIds;
};

} // namespace hopstep
