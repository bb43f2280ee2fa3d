#include "servercommands.h"

#include "apiserver.h"
#include "credentialstore.h"
#include "database.h"
#include "demodata.h"
#include "logcategories.h"
#include "migrations.h"

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

    ApiServer server(*database);
    auto *tcpServer = new QTcpServer(&server);
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
    qCInfo(lcApi) << "hopstep-api stopped";
    return code;
}

int createStaffToken(const QCommandLineParser &parser, const QString &databaseLocation)
{
    const QString name = parser.value(u"name"_s).trimmed();
    if (name.isEmpty())
        return fail(u"create-staff-token needs --name, the staff member the token is for."_s);
    QString error;
    const std::unique_ptr<Database> database = Database::open(databaseLocation, &error);
    if (!database)
        return fail(error);
    CredentialStore credentials(*database);
    const std::optional<IssuedSecret> token = credentials.issueStaffToken(name, &error);
    if (!token)
        return fail(u"Cannot store the staff token: "_s + error);
    QTextStream out(stdout);
    if (parser.isSet(u"json"_s)) {
        out << QJsonDocument(QJsonObject{{u"name"_s, name},
                                         {u"prefix"_s, token->prefix},
                                         {u"token"_s, token->secret}})
                   .toJson(QJsonDocument::Compact)
            << Qt::endl;
    } else {
        out << "Staff token for " << name << " (shown once; hopstep stores only its hash):\n"
            << token->secret << Qt::endl;
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
        u"  create-staff-token   Create a staff token for the admin API and print it once.\n"
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
        {u"stop-on-stdin-close"_s,
         u"Stop when standard input closes (used when hopstep-console starts the service)."_s},
        {u"name"_s, u"create-staff-token: the staff member the token is for."_s, u"name"_s},
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
