#include "localserver.h"

#include "consolesettings.h"
#include "logcategories.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <utility>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QString localStaffName = u"hopstep-console (local)"_s;
constexpr int portPollMilliseconds = 50;
constexpr int stopTimeoutMilliseconds = 5'000;
constexpr qsizetype errorTailLines = 20;

QString asSentence(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(u'.'))
        text += u'.';
    return text;
}

} // namespace

LocalServer::LocalServer(ConsoleSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_program(defaultProgram())
    , m_databasePath(defaultDatabasePath())
{
    m_portPoll.setInterval(portPollMilliseconds);
    connect(&m_portPoll, &QTimer::timeout, this, &LocalServer::readPortFile);
}

LocalServer::~LocalServer()
{
    stop();
}

QString LocalServer::defaultProgram()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(u"hopstep-api"_s);
}

QString LocalServer::defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(u"hopstep.sqlite"_s);
}

bool LocalServer::isBusy() const
{
    return m_tokenProcess || (m_serverProcess && !isRunning());
}

qint64 LocalServer::processId() const
{
    return m_serverProcess ? m_serverProcess->processId() : 0;
}

void LocalServer::start()
{
    if (isRunning()) {
        emit started(m_url, m_token);
        return;
    }
    if (isBusy())
        return;

    const QFileInfo program(m_program);
    if (!program.isFile() || !program.isExecutable()) {
        failStart(u"hopstep-api was not found at %1, so the console cannot start a local "
                  u"service. Install hopstep-api next to hopstep-console, or choose a service "
                  u"under File → Connect…"_s.arg(QDir::toNativeSeparators(m_program)));
        return;
    }
    const QString folder = QFileInfo(m_databasePath).absolutePath();
    if (!QDir().mkpath(folder)) {
        failStart(
            u"Cannot create the folder %1 for the local database. Check its permissions."_s.arg(
                QDir::toNativeSeparators(folder)));
        return;
    }

    const ConsoleSettings::LocalCredentials saved = m_settings->localCredentials();
    if (saved.databasePath == m_databasePath && !saved.token.isEmpty() &&
        QFileInfo::exists(m_databasePath)) {
        m_token = saved.token;
        launchServer();
        return;
    }
    // A new database, or one the stored token was not issued for.
    issueToken(TokenUse::StartServer);
}

void LocalServer::renewToken()
{
    if (!isRunning() || m_tokenProcess)
        return;
    issueToken(TokenUse::Renew);
}

void LocalServer::issueToken(TokenUse use)
{
    qCInfo(lcConsole).noquote() << "Issuing a staff token for the local database"
                                << QDir::toNativeSeparators(m_databasePath);
    m_tokenProcess = new QProcess(this);
    m_tokenProcess->setProgram(m_program);
    m_tokenProcess->setArguments({u"create-staff-token"_s, u"--name"_s, localStaffName,
                                  u"--database"_s, m_databasePath, u"--json"_s});
    connect(m_tokenProcess, &QProcess::finished, this,
            [this, use](int exitCode, QProcess::ExitStatus status) {
                finishIssuingToken(use, exitCode, status);
            });
    connect(m_tokenProcess, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        // Every other error is followed by finished, which reports it.
        if (error != QProcess::FailedToStart)
            return;
        const QString reason = m_tokenProcess->errorString();
        m_tokenProcess->deleteLater();
        m_tokenProcess = nullptr;
        failStart(u"Cannot run %1 create-staff-token: %2"_s.arg(m_program, asSentence(reason)));
    });
    QProcess *process = m_tokenProcess;
    QTimer::singleShot(startTimeoutMilliseconds, process, [process] { process->kill(); });
    m_tokenProcess->start();
}

void LocalServer::finishIssuingToken(TokenUse use, int exitCode, QProcess::ExitStatus status)
{
    QProcess *process = std::exchange(m_tokenProcess, nullptr);
    process->deleteLater();
    const QJsonObject output = QJsonDocument::fromJson(process->readAllStandardOutput()).object();
    const QString token = output.value(u"token"_s).toString();
    if (status != QProcess::NormalExit || exitCode != 0 || token.isEmpty()) {
        const QString errors = QString::fromUtf8(process->readAllStandardError()).trimmed();
        const QString reason = errors.isEmpty()
                                   ? u"it exited with code %1 and printed no token."_s.arg(exitCode)
                                   : asSentence(errors.split(u'\n').constLast());
        failStart(u"hopstep-api create-staff-token failed for %1: %2"_s.arg(
            QDir::toNativeSeparators(m_databasePath), reason));
        return;
    }

    m_token = token;
    m_settings->setLocalCredentials({m_databasePath, token});
    qCInfo(lcConsole).noquote() << "Stored staff token" << output.value(u"prefix"_s).toString()
                                << "for the local database";
    if (use == TokenUse::StartServer)
        launchServer();
    else
        emit tokenRenewed(token);
}

void LocalServer::launchServer()
{
    m_portDirectory = std::make_unique<QTemporaryDir>();
    if (!m_portDirectory->isValid()) {
        const QString reason = m_portDirectory->errorString();
        m_portDirectory.reset();
        failStart(
            u"Cannot create a temporary folder for the local hopstep-api's port file: %1"_s.arg(
                asSentence(reason)));
        return;
    }

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The console adds its own timestamp when it logs the service's lines.
    environment.insert(u"QT_MESSAGE_PATTERN"_s, u"%{category} %{type}: %{message}"_s);

    m_serverProcess = new QProcess(this);
    m_serverProcess->setProgram(m_program);
    m_serverProcess->setArguments({u"--database"_s, m_databasePath, u"--listen"_s, u"127.0.0.1:0"_s,
                                   u"--port-file"_s, m_portDirectory->filePath(u"port"_s),
                                   u"--stop-on-stdin-close"_s});
    m_serverProcess->setProcessEnvironment(environment);
    m_serverProcess->setStandardOutputFile(QProcess::nullDevice());
    connect(m_serverProcess, &QProcess::readyReadStandardError, this,
            &LocalServer::readServerErrors);
    connect(m_serverProcess, &QProcess::finished, this, &LocalServer::handleServerFinished);
    connect(m_serverProcess, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        const QString reason = m_serverProcess->errorString();
        m_portPoll.stop();
        m_serverProcess->deleteLater();
        m_serverProcess = nullptr;
        m_portDirectory.reset();
        failStart(u"Cannot run %1: %2"_s.arg(m_program, asSentence(reason)));
    });

    qCInfo(lcConsole).noquote() << "Starting the local hopstep-api" << m_program << "with database"
                                << QDir::toNativeSeparators(m_databasePath);
    m_errorTail.clear();
    m_pendingErrorOutput.clear();
    m_startDeadline.setRemainingTime(startTimeoutMilliseconds);
    // stdin stays an open pipe: --stop-on-stdin-close stops the service when it closes.
    m_serverProcess->start();
    if (m_serverProcess)
        m_portPoll.start();
}

void LocalServer::readPortFile()
{
    if (!m_serverProcess || !m_portDirectory)
        return;

    QFile file(m_portDirectory->filePath(u"port"_s));
    if (file.open(QIODevice::ReadOnly)) {
        // The service writes the file with QSaveFile, so it is either absent or complete.
        bool ok = false;
        const uint port = QString::fromLatin1(file.readAll()).trimmed().toUInt(&ok);
        if (ok && port > 0 && port <= 65535) {
            m_portPoll.stop();
            m_url = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
            qCInfo(lcConsole).noquote() << "Local hopstep-api is listening on" << m_url.toString()
                                        << "with process id" << m_serverProcess->processId();
            emit started(m_url, m_token);
            return;
        }
    }
    if (!m_startDeadline.hasExpired())
        return;

    m_portPoll.stop();
    QProcess *process = std::exchange(m_serverProcess, nullptr);
    process->disconnect(this);
    process->kill();
    process->waitForFinished(1000);
    process->deleteLater();
    m_portDirectory.reset();
    failStart(u"The local hopstep-api did not report its port within %1 seconds, so the console "
              u"stopped it."_s.arg(startTimeoutMilliseconds / 1000));
}

void LocalServer::readServerErrors()
{
    if (!m_serverProcess)
        return;

    m_pendingErrorOutput += m_serverProcess->readAllStandardError();
    qsizetype end = m_pendingErrorOutput.indexOf('\n');
    while (end >= 0) {
        const QString line = QString::fromUtf8(m_pendingErrorOutput.left(end)).trimmed();
        m_pendingErrorOutput.remove(0, end + 1);
        if (!line.isEmpty()) {
            qCInfo(lcConsole).noquote() << "hopstep-api:" << line;
            m_errorTail.append(line);
            if (m_errorTail.size() > errorTailLines)
                m_errorTail.removeFirst();
        }
        end = m_pendingErrorOutput.indexOf('\n');
    }
}

void LocalServer::handleServerFinished(int exitCode, QProcess::ExitStatus status)
{
    readServerErrors();
    m_portPoll.stop();
    const bool wasRunning = isRunning();
    m_serverProcess->deleteLater();
    m_serverProcess = nullptr;
    m_portDirectory.reset();
    m_url.clear();

    if (m_stopping) {
        qCInfo(lcConsole) << "Local hopstep-api stopped";
        return;
    }

    QString message = status == QProcess::CrashExit
                          ? u"The local hopstep-api crashed"_s
                          : u"The local hopstep-api exited with code %1"_s.arg(exitCode);
    const QString detail = lastErrorLine();
    message += detail.isEmpty() ? u"."_s : u": "_s + asSentence(detail);
    if (!wasRunning) {
        failStart(message);
        return;
    }
    emit exited(message);
}

void LocalServer::stop()
{
    if (m_tokenProcess) {
        QProcess *process = std::exchange(m_tokenProcess, nullptr);
        process->disconnect(this);
        process->kill();
        process->waitForFinished(1000);
        delete process;
    }
    if (!m_serverProcess)
        return;

    m_stopping = true;
    m_portPoll.stop();
    qCInfo(lcConsole) << "Stopping the local hopstep-api with process id"
                      << m_serverProcess->processId();
    QProcess *process = m_serverProcess;
    process->closeWriteChannel();
    if (!process->waitForFinished(stopTimeoutMilliseconds)) {
        qCWarning(lcConsole) << "Local hopstep-api did not stop within"
                             << stopTimeoutMilliseconds / 1000
                             << "seconds after its stdin closed; terminating it";
        process->terminate();
        if (!process->waitForFinished(2000)) {
            process->kill();
            process->waitForFinished(1000);
        }
    }
    // handleServerFinished has normally run inside waitForFinished and cleared the pointer.
    if (m_serverProcess) {
        m_serverProcess->disconnect(this);
        m_serverProcess->deleteLater();
        m_serverProcess = nullptr;
        m_portDirectory.reset();
        m_url.clear();
    }
    m_stopping = false;
}

void LocalServer::failStart(const QString &message)
{
    // The receiver logs the failure, with repeats counted.
    emit startFailed(message);
}

QString LocalServer::lastErrorLine() const
{
    for (auto line = m_errorTail.crbegin(); line != m_errorTail.crend(); ++line) {
        QString text = *line;
        if (text.startsWith(u"hopstep-api: "_s))
            text.remove(0, 13);
        if (!text.isEmpty())
            return text;
    }
    return {};
}

} // namespace hopstep
