#include "atsclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTextStream>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

constexpr int usageError = 2;

int fail(const QString &message)
{
    QTextStream(stderr) << "hopstep-ats: " << message << Qt::endl;
    return usageError;
}

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QString networkError;
};

Reply send(const QByteArray &method, const QUrl &url, const QString &apiKey, const QByteArray &body,
           const QByteArray &idempotencyKey)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + apiKey.toLatin1());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(30'000);
    if (!body.isNull())
        request.setRawHeader("Content-Type", "application/json");
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);
    QNetworkReply *reply = manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

// Prints a problem document as lines a person reads: status, title, detail, then each field.
void printProblem(const Reply &reply)
{
    QTextStream err(stderr);
    const QJsonObject problem = QJsonDocument::fromJson(reply.body).object();
    if (problem.isEmpty()) {
        err << "HTTP " << reply.status << '\n' << reply.body << Qt::endl;
        return;
    }
    err << "HTTP " << reply.status << ' ' << problem.value(u"title"_s).toString() << '\n'
        << problem.value(u"detail"_s).toString() << '\n';
    const QJsonArray errors = problem.value(u"errors"_s).toArray();
    for (const QJsonValue &value : errors) {
        const QJsonObject error = value.toObject();
        err << "  " << error.value(u"pointer"_s).toString() << " ("
            << error.value(u"code"_s).toString() << "): " << error.value(u"message"_s).toString()
            << '\n';
    }
    err.flush();
}

void printWarnings(const QJsonObject &object)
{
    const QJsonArray warnings = object.value(u"warnings"_s).toArray();
    if (warnings.isEmpty())
        return;
    QTextStream err(stderr);
    err << "Warnings:\n";
    for (const QJsonValue &value : warnings) {
        const QJsonObject warning = value.toObject();
        err << "  " << warning.value(u"pointer"_s).toString() << ": "
            << warning.value(u"message"_s).toString() << '\n';
    }
    err.flush();
}

QString readApiKey(const QCommandLineParser &parser, QString *error)
{
    if (parser.isSet(u"key-file"_s)) {
        QFile file(parser.value(u"key-file"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"Cannot read the key file %1: %2"_s.arg(file.fileName(), file.errorString());
            return {};
        }
        return QString::fromUtf8(file.readAll()).trimmed();
    }
    const QString key = qEnvironmentVariable("HOPSTEP_API_KEY").trimmed();
    if (key.isEmpty())
        *error = u"No API key: pass --key-file FILE or set HOPSTEP_API_KEY."_s;
    return key;
}

QByteArray readBody(const QString &path, QString *error)
{
    QFile file;
    const bool opened = path == u"-"_s ? file.open(stdin, QIODevice::ReadOnly)
                                       : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        *error = u"Cannot read %1: %2"_s.arg(path, file.errorString());
        return {};
    }
    QByteArray body = file.readAll();
    if (body.isNull())
        body = QByteArray("");
    return body;
}

} // namespace

int runAtsCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"hopstep-ats: acts as an applicant tracking system against hopstep's Open API.\n\n"
        u"Commands:\n"
        u"  create FILE            POST /api/jobs with the JSON in FILE (- for stdin).\n"
        u"  update JOB_ID FILE     PUT /api/jobs/JOB_ID with the JSON in FILE.\n"
        u"  delete JOB_ID          DELETE /api/jobs/JOB_ID.\n"
        u"  get JOB_ID             GET /api/jobs/JOB_ID.\n"
        u"  list                   GET /api/jobs (your provider's jobs, newest first).\n"
        u"  categories             GET /api/categories.\n\n"
        u"The API key is read from --key-file or HOPSTEP_API_KEY, never from the command line, "
        u"so it does not show in process lists. Exit status: 0 for a 2xx answer, 1 for an "
        u"error answer, 2 when no request could be made."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s,
                                 u"create, update, delete, get, list or categories."_s);
    parser.addOptions({
        {u"url"_s, u"Base URL of hopstep-api. Default: HOPSTEP_API_URL or http://127.0.0.1:8080."_s,
         u"url"_s},
        {u"key-file"_s, u"File holding the provider's API key (hsk_…)."_s, u"file"_s},
        {u"idempotency-key"_s, u"create: Idempotency-Key header, so a retry is safe."_s, u"key"_s},
        {u"limit"_s, u"list: jobs per page (1-100)."_s, u"count"_s},
        {u"print-id"_s, u"create: print only the new job's id."_s},
    });
    parser.process(arguments);

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(u"No command given; see --help."_s);
    const QString command = positional.first();

    QString base = parser.value(u"url"_s);
    if (base.isEmpty())
        base = qEnvironmentVariable("HOPSTEP_API_URL", u"http://127.0.0.1:8080"_s);
    const QUrl baseUrl(base, QUrl::StrictMode);
    if (!baseUrl.isValid() || (baseUrl.scheme() != u"http"_s && baseUrl.scheme() != u"https"_s))
        return fail(u"--url %1 is not an http(s) URL."_s.arg(base));

    QString error;
    const QString apiKey = command == u"categories"_s ? QString() : readApiKey(parser, &error);
    if (!error.isEmpty())
        return fail(error);

    const auto expectArguments = [&](qsizetype count, const QString &usage) {
        if (positional.size() == count)
            return true;
        error = u"Usage: hopstep-ats "_s + usage;
        return false;
    };

    QByteArray method;
    QString path;
    QByteArray body;
    if (command == u"create"_s) {
        if (!expectArguments(2, u"create FILE"_s))
            return fail(error);
        method = "POST";
        path = u"/api/jobs"_s;
        body = readBody(positional.at(1), &error);
    } else if (command == u"update"_s) {
        if (!expectArguments(3, u"update JOB_ID FILE"_s))
            return fail(error);
        method = "PUT";
        path = u"/api/jobs/"_s + positional.at(1);
        body = readBody(positional.at(2), &error);
    } else if (command == u"delete"_s || command == u"get"_s) {
        if (!expectArguments(2, command + u" JOB_ID"_s))
            return fail(error);
        method = command == u"delete"_s ? "DELETE" : "GET";
        path = u"/api/jobs/"_s + positional.at(1);
    } else if (command == u"list"_s) {
        method = "GET";
        path = u"/api/jobs"_s;
    } else if (command == u"categories"_s) {
        method = "GET";
        path = u"/api/categories"_s;
    } else {
        return fail(u"Unknown command "_s + command + u"; see --help."_s);
    }
    if (!error.isEmpty())
        return fail(error);

    // Keeps a path prefix of the base URL, for a service behind a proxy at /hopstep/.
    QString prefix = baseUrl.path();
    if (prefix.endsWith(u'/'))
        prefix.chop(1);
    QUrl url = baseUrl;
    url.setPath(prefix + path);
    if (command == u"list"_s && parser.isSet(u"limit"_s))
        url.setQuery(QUrlQuery{{u"limit"_s, parser.value(u"limit"_s)}});

    const Reply reply =
        send(method, url, apiKey, body, parser.value(u"idempotency-key"_s).toUtf8());
    if (!reply.networkError.isEmpty())
        return fail(u"%1 %2 failed: %3"_s.arg(QString::fromLatin1(method), url.toString(),
                                              reply.networkError));
    if (reply.status >= 400) {
        printProblem(reply);
        return 1;
    }

    QTextStream out(stdout);
    if (reply.body.isEmpty()) {
        out << "HTTP " << reply.status << Qt::endl;
        return 0;
    }
    const QJsonDocument document = QJsonDocument::fromJson(reply.body);
    printWarnings(document.object());
    if (parser.isSet(u"print-id"_s)) {
        out << document.object().value(u"id"_s).toString() << Qt::endl;
        return 0;
    }
    out << document.toJson(QJsonDocument::Indented);
    out.flush();
    return 0;
}

} // namespace hopstep
