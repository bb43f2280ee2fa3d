#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <utility>

namespace hopstep::test {

// An HTTP answer as the tests inspect it.
struct HttpReply
{
    int status = 0;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QString networkError;

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Sends one request over real HTTP and waits for the answer (at most 30 s).
HttpReply sendRequest(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                      const QList<std::pair<QByteArray, QByteArray>> &headers = {});

// A real hopstep-api process on a fresh SQLite file and a free loopback port, with the demo
// data loaded and a staff token, as a new installation would be set up.
class TestService
{
public:
    TestService();
    ~TestService();

    // Creates the database, loads the demo data and starts the service. Returns false and
    // sets error when any step fails.
    bool start(QString *error);
    // Options added to the service's command line on every start. The default turns the
    // per-key rate limit off, because most tests send requests as fast as they can.
    void setServeArguments(const QStringList &arguments) { m_serveArguments = arguments; }
    // Starts the service again on the same database, after stop() or kill().
    bool restart(QString *error);
    void stop();
    // SIGKILL, as a crash or power loss would end it.
    void kill();

    QString databasePath() const { return m_directory.filePath(QStringLiteral("hopstep.sqlite")); }
    QString directory() const { return m_directory.path(); }
    QUrl url(const QString &path) const;
    QString apiKey() const { return m_apiKey; }           // demo provider of the guide
    QString otherApiKey() const { return m_otherApiKey; } // second demo provider
    QString providerId() const { return m_providerId; }
    QString otherProviderId() const { return m_otherProviderId; }
    QString staffToken() const { return m_staffToken; }
    // Everything the service wrote to stderr so far.
    QByteArray log();

    // Requests with the demo provider's key, the other provider's key, or the staff token.
    HttpReply ats(const QByteArray &method, const QString &path, const QByteArray &body = {},
                  const QString &key = QString(),
                  const QList<std::pair<QByteArray, QByteArray>> &extraHeaders = {});
    HttpReply admin(const QByteArray &method, const QString &path, const QByteArray &body = {});
    // Number of jobs in the database, tombstones included, read through the admin API.
    int storedJobCount();

private:
    bool runCommand(const QStringList &arguments, QByteArray *output, QString *error);
    bool launch(QString *error);

    QStringList m_serveArguments = {QStringLiteral("--rate-limit"), QStringLiteral("0")};
    QTemporaryDir m_directory;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_log;
    quint16 m_port = 0;
    QString m_apiKey;
    QString m_otherApiKey;
    QString m_providerId;
    QString m_otherProviderId;
    QString m_staffToken;
};

QString apiBinary();
QString atsBinary();
// Path of a file in tests/data.
QString testDataPath(const QString &name);
QByteArray readTestData(const QString &name);

} // namespace hopstep::test
