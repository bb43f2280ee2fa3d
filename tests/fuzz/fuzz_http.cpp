// libFuzzer target: raw bytes sent as HTTP requests to an in-process ApiServer.
//
// The service runs on a SQLite file in a temporary folder (in /dev/shm when it exists, so that
// synchronous=FULL costs no disk sync), with the demo data and a staff token. The input is
// written as-is over a real loopback TCP connection, after these placeholders are replaced
// with values that exist only once the service has started:
//   @KEY@    the API key of the first demo provider (Evergreen Residential Care)
//   @KEY2@   the API key of the second demo provider (Banksia Disability Services)
//   @STAFF@  a staff token for the admin API
//   @JOB@    the id of the job of tests/data/seed-create.json, posted by the first provider
// After each input a second connection sends GET /health, whose response must be 200, and no
// response to the input may have a 5xx status. An input that wrote to the database is followed
// by a fresh copy of the database, so that every input starts from the same state and a saved
// crash reproduces on its own. With HOPSTEP_FUZZ_TRACE=1 the target prints every response.

#include "apiserver.h"
#include "auditlog.h"
#include "credentialstore.h"
#include "database.h"
#include "demodata.h"
#include "fuzzcheck.h"
#include "jobservice.h"
#include "seedjob.h"
#include "staffstore.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

// Longest wait for the response to GET /health, in milliseconds. A longer wait is reported as
// a hang.
constexpr int healthTimeoutMs = 10'000;

struct Placeholders
{
    QByteArray atsKey;
    QByteArray otherAtsKey;
    QByteArray staffToken;
    QByteArray jobId;
};

// One HTTP/1.1 response as far as the target needs it.
struct ResponseHead
{
    int status = 0;
    qsizetype end = -1; // offset just past the body, or -1 while the response is incomplete
};

// Reads the response that starts at offset in data. Every response of hopstep-api carries
// Content-Length; one without it ends at the end of the data.
ResponseHead readResponse(const QByteArray &data, qsizetype offset)
{
    ResponseHead head;
    const qsizetype headerEnd = data.indexOf("\r\n\r\n", offset);
    if (headerEnd < 0)
        return head;
    const QByteArray block = data.mid(offset, headerEnd - offset);
    const QList<QByteArray> lines = block.split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    head.status = statusLine.value(1).toInt();
    qsizetype bodyLength = data.size() - (headerEnd + 4);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
            bodyLength = line.mid(colon + 1).trimmed().toLongLong();
    }
    if (data.size() >= headerEnd + 4 + bodyLength)
        head.end = headerEnd + 4 + bodyLength;
    return head;
}

// Status codes of the complete responses in data, in order.
QList<int> responseStatuses(const QByteArray &data)
{
    QList<int> statuses;
    qsizetype offset = 0;
    while (offset < data.size()) {
        const ResponseHead head = readResponse(data, offset);
        if (head.end < 0)
            break;
        statuses.append(head.status);
        offset = head.end;
    }
    return statuses;
}

// Runs the event loop until nothing is left to do: no socket is ready and no event is posted.
// Loopback delivers written data at once, so the service has then read everything sent.
void processUntilIdle()
{
    QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    for (int round = 0; round < 10'000; ++round) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        if (!dispatcher->processEvents(QEventLoop::AllEvents))
            return;
    }
}

// Closes with a reset, so that the many short connections leave no sockets in TIME_WAIT.
void resetConnection(QTcpSocket &socket)
{
    const qintptr descriptor = socket.socketDescriptor();
    if (descriptor >= 0) {
        const linger option{1, 0};
        setsockopt(int(descriptor), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    }
    socket.abort();
}

class FuzzedService
{
public:
    // Creates the template database with the demo data and starts the first service.
    bool start(QString *error)
    {
        QString base = QDir::tempPath();
        if (QFileInfo(u"/dev/shm"_s).isWritable())
            base = u"/dev/shm"_s;
        m_directory =
            base + u"/hopstep-fuzz-http-"_s + QString::number(QCoreApplication::applicationPid());
        QDir(m_directory).removeRecursively();
        if (!QDir().mkpath(m_directory)) {
            *error = u"Cannot create "_s + m_directory;
            return false;
        }
        if (!createTemplate(error))
            return false;
        return restart(error);
    }

    QString directory() const { return m_directory; }
    const Placeholders &placeholders() const { return m_placeholders; }
    quint16 port() const { return m_port; }

    // True when the current database took a write since it was copied from the template.
    bool wasWritten()
    {
        QSqlQuery query = m_database->query();
        return !query.exec(u"SELECT total_changes()"_s) || !query.next() ||
               query.value(0).toLongLong() != m_changesAtStart;
    }

    // Stops the service, puts a fresh copy of the template database in place and starts again.
    bool restart(QString *error)
    {
        m_server.reset();
        m_database.reset();
        const QString path = databasePath();
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(path + suffix);
        if (!QFile::copy(templatePath(), path)) {
            *error = u"Cannot copy the template database to "_s + path;
            return false;
        }
        m_database = Database::open(path, error);
        if (!m_database)
            return false;
        QSqlQuery query = m_database->query();
        if (!query.exec(u"SELECT total_changes()"_s) || !query.next()) {
            *error = u"Cannot read total_changes() of "_s + path;
            return false;
        }
        m_changesAtStart = query.value(0).toLongLong();
        m_server = std::make_unique<ApiServer>(*m_database);
        m_port = m_server->listen(QHostAddress::LocalHost, 0);
        if (m_port == 0) {
            *error = u"Cannot listen on 127.0.0.1"_s;
            return false;
        }
        return true;
    }

private:
    QString templatePath() const { return m_directory + u"/template.sqlite"_s; }
    QString databasePath() const { return m_directory + u"/hopstep.sqlite"_s; }

    // An admin may call every admin route, so the fuzzer reaches all of them.
    static std::optional<IssuedSecret> issueAdminToken(Database &database, QString *error)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        StaffMember admin;
        admin.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        admin.name = u"fuzz_http"_s;
        admin.roles = StaffRole::Admin;
        admin.createdAt = now;
        admin.updatedAt = now;
        if (!StaffStore(database).add(admin, error))
            return std::nullopt;
        const std::optional<IssuedStaffToken> token =
            CredentialStore(database).issueStaffToken(admin, u"fuzz_http"_s, now, error);
        if (!token)
            return std::nullopt;
        return token->secret;
    }

    bool createTemplate(QString *error)
    {
        std::unique_ptr<Database> database = Database::open(templatePath(), error);
        if (!database)
            return false;
        const DemoLoadResult demo = loadDemoData(*database);
        if (!demo.ok || demo.keys.size() < 2) {
            *error = u"Loading the demo data failed: "_s + demo.error;
            return false;
        }
        const std::optional<IssuedSecret> staff = issueAdminToken(*database, error);
        if (!staff)
            return false;
        // The guide's example job, so that tests/data/seed-update.json applies to @JOB@.
        const JobOutcome job = JobService(*database).create(
            demo.keys.at(0).provider.id, fuzz::seedJobBody(), Actor::system(u"fuzz_http"_s));
        if (job.kind != JobOutcome::Kind::Created) {
            *error = u"Creating the job of tests/data/seed-create.json failed: "_s + job.message;
            return false;
        }
        m_placeholders = {demo.keys.at(0).key.secret.toLatin1(),
                          demo.keys.at(1).key.secret.toLatin1(), staff->secret.toLatin1(),
                          job.job.id.toLatin1()};
        // Copying only the main file is safe once the write-ahead log is empty.
        QSqlQuery checkpoint = database->query();
        if (!checkpoint.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s)) {
            *error = u"Cannot checkpoint the template database"_s;
            return false;
        }
        return true;
    }

    QString m_directory;
    Placeholders m_placeholders;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ApiServer> m_server;
    quint16 m_port = 0;
    qint64 m_changesAtStart = 0;
};

FuzzedService *service = nullptr;
// Set by HOPSTEP_FUZZ_TRACE=1: print every response, for reproducing a saved input.
bool traceResponses = false;
std::string serviceDirectory;

void removeServiceDirectory()
{
    std::error_code ignored;
    std::filesystem::remove_all(serviceDirectory, ignored);
}

QByteArray withPlaceholdersReplaced(QByteArray request)
{
    const Placeholders &values = service->placeholders();
    request.replace("@KEY2@", values.otherAtsKey);
    request.replace("@KEY@", values.atsKey);
    request.replace("@STAFF@", values.staffToken);
    request.replace("@JOB@", values.jobId);
    return request;
}

// Sends GET /health on a new connection and returns the status, or 0 without a whole response.
int healthStatus()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, service->port());
    if (!socket.waitForConnected(healthTimeoutMs))
        return 0;
    socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    QByteArray received;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        received += socket.readAll();
        if (readResponse(received, 0).end >= 0)
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    timeout.start(healthTimeoutMs);
    loop.exec();

    const ResponseHead head = readResponse(received, 0);
    resetConnection(socket);
    return head.end >= 0 ? head.status : 0;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***argv)
{
    // The plain Unix event dispatcher reports precisely whether it did any work.
    qputenv("QT_NO_GLIB", "1");
    // The service logs each 4xx response at info level, which at fuzzing speed is only noise.
    QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false\nqt.httpserver.warning=false"_s);
    traceResponses = qEnvironmentVariableIntValue("HOPSTEP_FUZZ_TRACE") == 1;
    static int argc = 1;
    new QCoreApplication(argc, *argv);

    service = new FuzzedService;
    QString error;
    if (!service->start(&error)) {
        std::fprintf(stderr, "fuzz_http: %s\n", qUtf8Printable(error));
        std::exit(1);
    }
    serviceDirectory = service->directory().toStdString();
    std::atexit(removeServiceDirectory);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray request =
        withPlaceholdersReplaced(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, service->port());
    FUZZ_CHECK(client.waitForConnected(healthTimeoutMs), client.errorString());
    client.write(request);
    processUntilIdle();

    const int health = healthStatus();
    FUZZ_CHECK(health == 200, u"GET /health after the input returned "_s +
                                  (health == 0 ? u"nothing"_s : QString::number(health)));
    processUntilIdle();

    const QByteArray received = client.readAll();
    const QList<int> statuses = responseStatuses(received);
    if (traceResponses) {
        QStringList statusTexts;
        for (const int status : statuses)
            statusTexts.append(QString::number(status));
        std::fprintf(stderr, "fuzz_http: statuses [%s] after %zu bytes\n",
                     qUtf8Printable(statusTexts.join(u' ')), size);
        std::fwrite(received.constData(), 1, size_t(received.size()), stderr);
        std::fputc('\n', stderr);
    }
    for (const int status : statuses)
        FUZZ_CHECK(status < 500, u"server error: "_s + QString::fromLatin1(received.left(2000)));
    resetConnection(client);
    processUntilIdle();

    if (service->wasWritten()) {
        QString error;
        FUZZ_CHECK(service->restart(&error), error);
    }
    return 0;
}
