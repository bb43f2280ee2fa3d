#pragma once

#include "authenticator.h"
#include "database.h"
#include "httpresponse.h"
#include "jobservice.h"

#include <QAbstractHttpServer>
#include <QStringList>

class QHttpServerRequest;
class QHttpServerResponder;

namespace hopstep {

// The HTTP service: the Open API that ATSes call under /api, the admin API that the console
// calls under /admin, and /health. Qt HttpServer 6.4 runs every handler on one thread, so
// handlers do their database work and return; nothing blocks on the network.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit ApiServer(Database &database, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // What the handlers learn about a request, for the log line written after it.
    struct Request
    {
        const QHttpServerRequest &http;
        QString method;
        QString path;
        QStringList segments;
        QString requestId;
        QString credentialPrefix;
        QString jobId;
    };

    HttpResponse route(Request &request);
    HttpResponse routeOpenApi(Request &request);
    HttpResponse routeAdmin(Request &request);

    HttpResponse createJob(Request &request, const ApiKeyRecord &key);
    HttpResponse listJobs(Request &request, const ApiKeyRecord &key);
    HttpResponse getJob(Request &request, const ApiKeyRecord &key);
    HttpResponse updateJob(Request &request, const ApiKeyRecord &key);
    HttpResponse deleteJob(Request &request, const ApiKeyRecord &key);
    HttpResponse listCategories();

    HttpResponse adminListJobs(Request &request);
    HttpResponse adminGetJob(Request &request);
    HttpResponse adminSetStatus(Request &request, const StaffTokenRecord &staff);
    HttpResponse adminDeleteJob(Request &request, const StaffTokenRecord &staff);
    HttpResponse adminListProviders();
    HttpResponse adminListFacilities(Request &request);
    HttpResponse adminWhoAmI(const StaffTokenRecord &staff);

    // Turns an outcome into a response; warnings are listed for writes only.
    HttpResponse outcomeResponse(const JobOutcome &outcome, int successStatus, bool forStaff,
                                 bool listWarnings = true);
    void finish(const Request &request, HttpResponse response, QHttpServerResponder &responder,
                qint64 elapsedMicroseconds);

    Database &m_database;
    Authenticator m_authenticator;
    JobService m_jobs;
};

HttpResponse methodNotAllowed(const QString &method, const QString &path,
                              const QByteArray &allowed);

} // namespace hopstep
