#include "servercommands.h"

#include "apiserver.h"
#include "credentialstore.h"
#include "database.h"
#include "demodata.h"
#include "guardedtcpserver.h"
#include "idempotencystore.h"
#include "jsonbody.h"
#include "logcategories.h"
#include "migrations.h"
#include "requestjournal.h"
#include "staffservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0;
    QString error;
};

// Accepts "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:8080" and a bare port such as "8080", which
// means loopback.
ListenAddress parseListenAddress(const QString &text)
{
    ListenAddress result;
    QString host = u"127.0.0.1"_s;
    QString port = text;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u"]:"_s);
        if (close < 0) {
            result.error =
                u"--listen %1 is invalid; write an IPv6 address as [::1]:8080."_s.arg(text);
            return result;
        }
        host = text.mid(1, close - 1);
        port = text.mid(close + 2);
    } else if (const qsizetype colon = text.lastIndexOf(u':'); colon >= 0) {
        host = text.left(colon);
        port = text.mid(colon + 1);
    }
    bool ok = false;
    const uint number = port.toUInt(&ok);
    if (!ok || number > 65535) {
        result.error = u"--listen %1 has no valid port; send address:port such as "
                       u"127.0.0.1:8080 (port 0 picks a free one)."_s.arg(text);
        return result;
    }
    if (!result.address.setAddress(host)) {
        result.error = u"--listen %1 has no valid IP address; send address:port such as "
                       u"127.0.0.1:8080."_s.arg(text);
        return result;
    }
    result.port = quint16(number);
    return result;
}

QString defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(u"hopstep.sqlite"_s);
}

int fail(const QString &message)
{
    QTextStream(stderr) << "hopstep-api: " << message << Qt::endl;
    return 1;
}

std::optional<int> nonNegativeOption(const QCommandLineParser &parser, const QString &name,
                                     QString *error)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (ok && value >= 0)
        return value;
    *error =
        u"--%1 %2 is invalid; send a whole number of 0 or more."_s.arg(name, parser.value(name));
    return std::nullopt;
}

int signalPipe[2] = {-1, -1};

void forwardSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

// Quits the event loop on SIGINT or SIGTERM, so the service logs its stop and closes the
// database cleanly.
void quitOnSignals(QCoreApplication &application)
{
    if (::pipe(signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &application);
    QObject::connect(notifier, &QSocketNotifier::activated, &application, [&application] {
        char byte = 0;
        [[maybe_unused]] const ssize_t read = ::read(signalPipe[0], &byte, 1);
        qCInfo(lcApi) << "Stop requested by signal";
        application.quit();
    });
    struct sigaction action = {};
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

// For a service started by the console: it stops when the console's end of stdin closes,
// even if the console was killed.
void quitWhenStdinCloses(QCoreApplication &application)
{
    auto *notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, &application);
    QObject::connect(notifier, &QSocketNotifier::activated, &application, [&application, notifier] {
        char buffer[256];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) > 0)
            return;
        notifier->setEnabled(false);
        qCInfo(lcApi) << "Stopping because the parent process closed stdin";
        application.quit();
    });
}

int serve(QCoreApplication &application, const QCommandLineParser &parser,
          const QString &databaseLocation)
{
    const ListenAddress listen = parseListenAddress(parser.value(u"listen"_s));
    if (!listen.error.isEmpty())
        return fail(listen.error);

    QString error;
    const std::unique_ptr<Database> database = Database::open(databaseLocation, &error);
    if (!database)
        return fail(error);

    const std::optional<int> rateLimit = nonNegativeOption(parser, u"rate-limit"_s, &error);
    const std::optional<int> rateBurst = nonNegativeOption(parser, u"rate-burst"_s, &error);
    const std::optional<int> retentionDays =
        nonNegativeOption(parser, u"journal-retention-days"_s, &error);
    if (!rateLimit || !rateBurst || !retentionDays)
        return fail(error);

    // The journal writes on a connection of its own, so its batches never wait for a job's
    // disk sync and a job's transaction never includes journal rows.
    std::unique_ptr<Database> journalDatabase = Database::open(databaseLocation, &error);
    if (!journalDatabase)
        return fail(error);
    RequestJournal journal(std::move(journalDatabase));

    ApiServer server(*database);
    server.setRateLimit(*rateLimit, std::max(1, *rateBurst));
    server.setRequestJournal(&journal);
    if (parser.isSet(u"public-url"_s)) {
        const QUrl publicUrl(parser.value(u"public-url"_s), QUrl::StrictMode);
        if (!publicUrl.isValid() || publicUrl.host().isEmpty() ||
            (publicUrl.scheme() != u"https"_s && publicUrl.scheme() != u"http"_s)) {
            return fail(u"--public-url %1 is invalid; send the address candidates use, such as "
                        u"https://www.hopstep.com.au."_s.arg(parser.value(u"public-url"_s)));
        }
        server.setPublicBaseUrl(publicUrl);
    }

    IdempotencyStore idempotency(*database);
    const auto maintain = [&journal, &idempotency, days = *retentionDays] {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (days > 0)
            journal.purge(days, now);
        idempotency.purgeExpired(now);
    };
    maintain();
    QTimer maintenance;
    maintenance.setInterval(std::chrono::hours(1));
    QObject::connect(&maintenance, &QTimer::timeout, &application, maintain);
    maintenance.start();

    const std::optional<int> requestTimeout =
        nonNegativeOption(parser, u"request-timeout"_s, &error);
    if (!requestTimeout || *requestTimeout == 0)
        return fail(error.isEmpty() ? u"--request-timeout must be at least 1 second."_s : error);
    GuardedTcpServer::Limits limits;
    limits.maxBodyBytes = maxJsonBodyBytes;
    limits.requestTimeoutMs = *requestTimeout * 1000;
    auto *tcpServer = new GuardedTcpServer(limits, &server);
    tcpServer->setRequestJournal(&journal);
    if (!tcpServer->listen(listen.address, listen.port)) {
        return fail(u"Cannot listen on %1:%2: %3"_s.arg(listen.address.toString())
                        .arg(listen.port)
                        .arg(tcpServer->errorString()));
    }
    server.bind(tcpServer);
    const quint16 port = tcpServer->serverPort();

    if (parser.isSet(u"port-file"_s)) {
        QSaveFile file(parser.value(u"port-file"_s));
        if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(port) + '\n') < 0 ||
            !file.commit()) {
            return fail(u"Cannot write the port file %1."_s.arg(parser.value(u"port-file"_s)));
        }
    }

    quitOnSignals(application);
    if (parser.isSet(u"stop-on-stdin-close"_s))
        quitWhenStdinCloses(application);

    const QString host = listen.address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + listen.address.toString() + u']'
                             : listen.address.toString();
    qCInfo(lcApi).noquote() << "hopstep-api" << QCoreApplication::applicationVersion()
                            << "started with database" << database->displayLocation()
                            << "at schema version" << database->schemaVersion();
    qCInfo(lcApi).noquote() << "Listening on" << u"http://%1:%2"_s.arg(host).arg(port);
    if (!listen.address.isLoopback())
        qCWarning(lcApi).noquote() << "Listening on a non-loopback address; put nginx with TLS "
                                      "and size limits in front of the service.";
    const int code = application.exec();
    server.setRequestJournal(nullptr);
    journal.flush();
    qCInfo(lcApi) << "hopstep-api stopped";
    return code;
}

int createStaffToken(const QCommandLineParser &parser, const QString &databaseLocation)
{
    const QString name = parser.value(u"name"_s).trimmed();
    if (name.isEmpty())
        return fail(u"create-staff-token needs --name, the staff member the token is for."_s);
    const QString email = parser.value(u"email"_s).trimmed().toLower();
    if (!email.isEmpty()) {
        if (const QString problem = emailProblem(email); !problem.isEmpty())
            return fail(u"--email "_s + email + u' ' + problem + u'.');
    }
    std::optional<StaffRoles> roles;
    if (parser.isSet(u"role"_s)) {
        QStringList names;
        const QStringList values = parser.values(u"role"_s);
        for (const QString &value : values)
            names += value.split(u',', Qt::SkipEmptyParts);
        QString unknown;
        roles = staffRolesFromNames(names, &unknown);
        if (!roles) {
            return fail(u"--role "_s + unknown + u" is not a role; use one or more of "_s +
                        staffRoleList() + u", separated by commas."_s);
        }
    }

    QString error;
    const std::unique_ptr<Database> database = Database::open(databaseLocation, &error);
    if (!database)
        return fail(error);
    StaffService staff(*database);
    const AdminOutcome issued = staff.bootstrapToken(
        name, email, roles, Actor::system(u"hopstep-api create-staff-token"_s));
    if (issued.kind != AdminOutcome::Kind::Created) {
        QStringList problems{issued.message};
        for (const FieldIssue &issue : issued.errors)
            problems.append(issue.message);
        return fail(u"Cannot create the staff token: "_s + problems.join(u' ').trimmed());
    }
    const QJsonObject member = issued.body.value(u"staff"_s).toObject();
    const QString prefix = issued.body.value(u"token"_s).toObject().value(u"prefix"_s).toString();
    const QString secret = issued.body.value(u"secret"_s).toString();
    const QJsonArray roleNames = member.value(u"roles"_s).toArray();
    QStringList shownRoles;
    for (const QJsonValue &role : roleNames)
        shownRoles.append(role.toString());
    QTextStream out(stdout);
    if (parser.isSet(u"json"_s)) {
        out << QJsonDocument(QJsonObject{{u"name"_s, member.value(u"name"_s)},
                                         {u"staffId"_s, member.value(u"id"_s)},
                                         {u"email"_s, member.value(u"email"_s)},
                                         {u"roles"_s, roleNames},
                                         {u"prefix"_s, prefix},
                                         {u"token"_s, secret}})
                   .toJson(QJsonDocument::Compact)
            << Qt::endl;
    } else {
        out << "Staff token for " << member.value(u"name"_s).toString()
            << " (roles: " << (shownRoles.isEmpty() ? u"none"_s : shownRoles.join(u", "_s))
            << "; shown once, hopstep stores only its hash):\n"
            << secret << Qt::endl;
    }
    return 0;
}

int loadDemo(const QCommandLineParser &parser, const QString &databaseLocation)
{
    QString error;
    const std::unique_ptr<Database> database = Database::open(databaseLocation, &error);
    if (!database)
        return fail(error);
    const DemoLoadResult result = loadDemoData(*database);
    if (!result.ok)
        return fail(result.error);
    QTextStream out(stdout);
    if (parser.isSet(u"json"_s)) {
        QJsonArray keys;
        for (const DemoKey &key : result.keys) {
            keys.append(QJsonObject{{u"providerId"_s, key.provider.id},
                                    {u"providerName"_s, key.provider.name},
                                    {u"prefix"_s, key.key.prefix},
                                    {u"apiKey"_s, key.key.secret}});
        }
        out << QJsonDocument(QJsonObject{{u"keys"_s, keys},
                                         {u"facilities"_s, result.facilities},
                                         {u"jobs"_s, result.jobs}})
                   .toJson(QJsonDocument::Compact)
            << Qt::endl;
        return 0;
    }
    out << "Loaded " << result.keys.size() << " demo providers, " << result.facilities
        << " facilities and " << result.jobs << " jobs into " << database->displayLocation()
        << ".\nATS API keys, shown once (hopstep stores only their hashes):\n";
    for (const DemoKey &key : result.keys)
        out << "  " << key.provider.name << " (provider " << key.provider.id
            << "): " << key.key.secret << '\n';
    out.flush();
    return 0;
}

int migrate(const QString &databaseLocation)
{
    QString error;
    const std::unique_ptr<Database> database = Database::open(databaseLocation, &error);
    if (!database)
        return fail(error);
    QTextStream(stdout) << database->displayLocation() << " is at schema version "
                        << database->schemaVersion() << '.' << Qt::endl;
    return 0;
}

} // namespace

int runApiCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"hopstep-api: the Open API that applicant tracking systems post jobs to, the admin API "
        u"of hopstep-console, and the job pages candidates see.\n\n"
        u"Commands:\n"
        u"  serve                Run the service (the default).\n"
        u"  create-staff-token   Create a staff account if needed and a personal token for\n"
        u"                       the admin API, and print the token once.\n"
        u"  load-demo            Load the demo providers, facilities and jobs, and print each\n"
        u"                       demo provider's ATS API key once.\n"
        u"  migrate              Bring the database schema up to date and print its version."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        u"command"_s, u"serve, create-staff-token, load-demo or migrate."_s, u"[command]"_s);
    parser.addOptions({
        {u"database"_s,
         u"SQLite file, or a postgresql://user@host/dbname URL. Default: %1."_s.arg(
             defaultDatabasePath()),
         u"location"_s, defaultDatabasePath()},
        {u"listen"_s,
         u"Address and port to listen on. Default: 127.0.0.1:8080; port 0 picks a free port."_s,
         u"address:port"_s, u"127.0.0.1:8080"_s},
        {u"port-file"_s, u"Write the port the service listens on to this file."_s, u"file"_s},
        {u"public-url"_s,
         u"Address candidates reach the job pages at, for canonical links, the sitemap and "
         u"structured data, such as https://www.hopstep.com.au. Default: taken from each "
         u"request's Host header."_s,
         u"url"_s},
        {u"rate-limit"_s,
         u"Requests a minute each API key may send; 0 turns the limit off. Default: 3000."_s,
         u"requests"_s, u"3000"_s},
        {u"rate-burst"_s,
         u"Requests an API key may send at once before the per-minute rate applies. "
         u"Default: 200."_s,
         u"requests"_s, u"200"_s},
        {u"journal-retention-days"_s,
         u"Days the request journal keeps each ATS request; 0 keeps them forever. Default: 30."_s,
         u"days"_s, u"30"_s},
        {u"request-timeout"_s,
         u"Seconds a client has to send a whole request before the connection is closed with "
         u"408. Default: 30."_s,
         u"seconds"_s, u"30"_s},
        {u"stop-on-stdin-close"_s,
         u"Stop when standard input closes (used when hopstep-console starts the service)."_s},
        {u"name"_s, u"create-staff-token: the staff member the token is for."_s, u"name"_s},
        {u"email"_s,
         u"create-staff-token: the staff member's email; finds an existing account by it."_s,
         u"email"_s},
        {u"role"_s,
         u"create-staff-token: roles of a new account, or the new roles of an existing one: "
         u"integrations, reviewer, support, admin (comma-separated or repeated). A new "
         u"account without --role is an admin."_s,
         u"role"_s},
        {u"json"_s, u"create-staff-token, load-demo: print the result as JSON."_s},
    });
    parser.process(arguments);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return fail(u"Expected one command, got: "_s + positional.join(u' '));
    const QString command = positional.value(0, u"serve"_s);
    const QString databaseLocation = parser.value(u"database"_s);

    if (command == u"serve"_s)
        return serve(*QCoreApplication::instance(), parser, databaseLocation);
    if (command == u"create-staff-token"_s)
        return createStaffToken(parser, databaseLocation);
    if (command == u"load-demo"_s)
        return loadDemo(parser, databaseLocation);
    if (command == u"migrate"_s)
        return migrate(databaseLocation);
    return fail(u"Unknown command "_s + command +
                u"; use serve, create-staff-token, load-demo or migrate (see --help)."_s);
}

} // namespace hopstep
