#include "testservice.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>

using namespace Qt::StringLiterals;

namespace hopstep::test {

QString apiBinary()
{
    return QStringLiteral(HOPSTEP_API_BINARY);
}

QString atsBinary()
{
    return QStringLiteral(HOPSTEP_ATS_BINARY);
}

QString testDataPath(const QString &name)
{
    return QStringLiteral(HOPSTEP_TEST_DATA_DIR) + u'/' + name;
}

QByteArray readTestData(const QString &name)
{
    QFile file(testDataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("Missing test data file %s", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpReply sendRequest(const QByteArray &method, const QUrl &url, const QByteArray &body,
                      const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setTransferTimeout(30'000);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = body.isNull() ? manager.sendCustomRequest(request, method)
                                         : manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.append({pair.first, pair.second});
    if (result.status == 0)
        result.networkError = reply->errorString();
    delete reply;
    return result;
}

TestService::TestService() = default;

TestService::~TestService()
{
    stop();
}

bool TestService::runCommand(const QStringList &arguments, QByteArray *output, QString *error)
{
    QProcess process;
    process.start(apiBinary(), arguments);
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *error = u"hopstep-api %1 failed: %2"_s.arg(
            arguments.join(u' '), QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    *output = process.readAllStandardOutput();
    return true;
}

bool TestService::start(QString *error)
{
    if (!m_directory.isValid()) {
        *error = u"Cannot create a temporary directory."_s;
        return false;
    }
    QByteArray output;
    if (!runCommand({u"load-demo"_s, u"--json"_s, u"--database"_s, databasePath()}, &output,
                    error)) {
        return false;
    }
    const QJsonArray keys = QJsonDocument::fromJson(output).object().value(u"keys"_s).toArray();
    if (keys.size() < 2) {
        *error = u"load-demo printed fewer than two keys: "_s + QString::fromUtf8(output);
        return false;
    }
    m_providerId = keys.at(0).toObject().value(u"providerId"_s).toString();
    m_apiKey = keys.at(0).toObject().value(u"apiKey"_s).toString();
    m_otherProviderId = keys.at(1).toObject().value(u"providerId"_s).toString();
    m_otherApiKey = keys.at(1).toObject().value(u"apiKey"_s).toString();

    if (!runCommand({u"create-staff-token"_s, u"--name"_s, u"Test Reviewer"_s, u"--json"_s,
                     u"--database"_s, databasePath()},
                    &output, error)) {
        return false;
    }
    m_staffToken = QJsonDocument::fromJson(output).object().value(u"token"_s).toString();
    return launch(error);
}

bool TestService::launch(QString *error)
{
    const QString portFile = m_directory.filePath(u"port"_s);
    QFile::remove(portFile);
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->start(apiBinary(), QStringList{u"--database"_s, databasePath(), u"--listen"_s,
                                              u"127.0.0.1:0"_s, u"--port-file"_s, portFile} +
                                      m_serveArguments);
    if (!m_process->waitForStarted(10'000)) {
        *error = u"hopstep-api did not start: "_s + m_process->errorString();
        return false;
    }
    QDeadlineTimer deadline(20'000);
    while (!deadline.hasExpired()) {
        QFile file(portFile);
        if (file.open(QIODevice::ReadOnly)) {
            m_port = quint16(file.readAll().trimmed().toUInt());
            if (m_port != 0)
                return true;
        }
        if (m_process->state() == QProcess::NotRunning) {
            *error = u"hopstep-api exited: "_s + QString::fromUtf8(log());
            return false;
        }
        m_process->waitForReadyRead(50);
        m_log += m_process->readAllStandardError();
    }
    *error = u"hopstep-api wrote no port file within 20 s: "_s + QString::fromUtf8(log());
    return false;
}

bool TestService::restart(QString *error)
{
    stop();
    return launch(error);
}

void TestService::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10'000)) {
            m_process->kill();
            m_process->waitForFinished(5'000);
        }
    }
    m_log += m_process->readAllStandardError();
    m_process.reset();
}

void TestService::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5'000);
    m_log += m_process->readAllStandardError();
    m_process.reset();
}

QByteArray TestService::log()
{
    if (m_process)
        m_log += m_process->readAllStandardError();
    return m_log;
}

QUrl TestService::url(const QString &path) const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    const qsizetype query = path.indexOf(u'?');
    url.setPath(query < 0 ? path : path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    return url;
}

HttpReply TestService::ats(const QByteArray &method, const QString &path, const QByteArray &body,
                           const QString &key,
                           const QList<std::pair<QByteArray, QByteArray>> &extraHeaders)
{
    QList<std::pair<QByteArray, QByteArray>> headers = {
        {"Authorization", "Bearer " + (key.isNull() ? m_apiKey : key).toLatin1()}};
    if (!body.isNull())
        headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
    headers.append(extraHeaders);
    return sendRequest(method, url(path), body, headers);
}

HttpReply TestService::admin(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QList<std::pair<QByteArray, QByteArray>> headers = {
        {"Authorization", "Bearer " + m_staffToken.toLatin1()}};
    if (!body.isNull())
        headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
    return sendRequest(method, url(path), body, headers);
}

int TestService::storedJobCount()
{
    const HttpReply reply = admin("GET", u"/admin/jobs?limit=1"_s);
    if (reply.status != 200)
        return -1;
    return reply.json().value(u"total"_s).toInt(-1);
}

} // namespace hopstep::test
