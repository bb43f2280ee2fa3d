#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>

class QTemporaryDir;

namespace hopstep {

class ConsoleSettings;

// A hopstep-api that the console runs on loopback when no service is configured, so the console
// works on its first launch. It serves the SQLite file in the console's AppLocalDataLocation,
// with a staff token issued once for that file and kept in the settings. The service reads
// --stop-on-stdin-close, so it also stops when the console dies without calling stop().
class LocalServer : public QObject
{
    Q_OBJECT

public:
    explicit LocalServer(ConsoleSettings *settings, QObject *parent = nullptr);
    ~LocalServer() override;

    // hopstep-api in the console's own folder.
    static QString defaultProgram();
    // hopstep.sqlite in QStandardPaths::AppLocalDataLocation.
    static QString defaultDatabasePath();

    void setProgram(const QString &program) { m_program = program; }
    QString program() const { return m_program; }
    void setDatabasePath(const QString &path) { m_databasePath = path; }
    QString databasePath() const { return m_databasePath; }

    // Starts the service, first issuing a staff token when none is stored for the database.
    // Ends in started or startFailed. When the service is already running, emits started again.
    void start();
    // Stops the service and waits for it to exit, for up to a few seconds.
    void stop();
    // Issues a new staff token for the running service, for when the stored one was rejected.
    // Ends in tokenRenewed or startFailed.
    void renewToken();

    bool isRunning() const { return !m_url.isEmpty(); }
    bool isBusy() const;
    QUrl url() const { return m_url; }
    QString token() const { return m_token; }
    qint64 processId() const;

    // Maximum wait for the service to write its port file, and for create-staff-token.
    static constexpr int startTimeoutMilliseconds = 20'000;

signals:
    void started(const QUrl &url, const QString &token);
    void tokenRenewed(const QString &token);
    // The signals carry the failure as a sentence and leave logging it to the receiver.
    void startFailed(const QString &message);
    // The service exited although stop() was not called.
    void exited(const QString &message);

private:
    enum class TokenUse { StartServer, Renew };

    void issueToken(TokenUse use);
    void finishIssuingToken(TokenUse use, int exitCode, QProcess::ExitStatus status);
    void launchServer();
    void readPortFile();
    void readServerErrors();
    void handleServerFinished(int exitCode, QProcess::ExitStatus status);
    void failStart(const QString &message);
    QString lastErrorLine() const;

    ConsoleSettings *m_settings;
    QString m_program;
    QString m_databasePath;
    QProcess *m_tokenProcess = nullptr;
    QProcess *m_serverProcess = nullptr;
    std::unique_ptr<QTemporaryDir> m_portDirectory;
    QTimer m_portPoll;
    QDeadlineTimer m_startDeadline;
    QByteArray m_pendingErrorOutput;
    QStringList m_errorTail;
    QUrl m_url;
    QString m_token;
    bool m_stopping = false;
};

} // namespace hopstep
