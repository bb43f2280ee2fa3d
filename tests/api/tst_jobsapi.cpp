// The Open API over real HTTP on loopback, against a real hopstep-api process and SQLite file.

#include "secrets.h"
#include "testservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using hopstep::test::HttpReply;
using hopstep::test::readTestData;
using hopstep::test::TestService;

namespace {

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject seedJob()
{
    return QJsonDocument::fromJson(readTestData(u"seed-create.json"_s)).object();
}

QStringList errorPointers(const QJsonObject &problem)
{
    QStringList pointers;
    const QJsonArray errors = problem.value(u"errors"_s).toArray();
    for (const QJsonValue &error : errors)
        pointers.append(error.toObject().value(u"pointer"_s).toString());
    return pointers;
}

// Every sentence of a problem document, to check what it tells the sender.
QString problemText(const QJsonObject &problem)
{
    QStringList parts{problem.value(u"detail"_s).toString()};
    const QJsonArray errors = problem.value(u"errors"_s).toArray();
    for (const QJsonValue &error : errors)
        parts.append(error.toObject().value(u"message"_s).toString());
    return parts.join(u'\n');
}

} // namespace

class TestJobsApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void seedCreateAsGuideShows();
    void seedUpdateAsGuideShows();
    void typographicQuotesRejected();
    void createReadUpdateDelete();
    void repeatedDeleteAnswersNotFound();
    void putNeverCreates();
    void authFailures_data();
    void authFailures();
    void authorizationMatrix_data();
    void authorizationMatrix();
    void otherProviderListSeesNothing();
    void errorDocumentShape();
    void partialUpdateValidatedWhenMerged_data();
    void partialUpdateValidatedWhenMerged();
    void statusChanges_data();
    void statusChanges();
    void readOnlyFields();
    void bodyFaults_data();
    void bodyFaults();
    void ingestCases_data();
    void ingestCases();
    void listIsNewestFirstAndPaged();
    void listRejectsBadParameters();
    void categoriesListed();
    void unknownRoutes();
    void oddValuesNeverAnswer5xx();
    void logsNeverContainSecrets();

private:
    QString createJob(const QJsonObject &body);

    TestService m_service;
};

void TestJobsApi::initTestCase()
{
    QString error;
    QVERIFY2(m_service.start(&error), qPrintable(error));
}

void TestJobsApi::cleanupTestCase()
{
    m_service.stop();
}

QString TestJobsApi::createJob(const QJsonObject &body)
{
    const HttpReply reply = m_service.ats("POST", u"/api/jobs"_s, toJson(body));
    if (reply.status != 201)
        qWarning("create failed: %d %s", reply.status, reply.body.constData());
    return reply.json().value(u"id"_s).toString();
}

void TestJobsApi::seedCreateAsGuideShows()
{
    const HttpReply reply =
        m_service.ats("POST", u"/api/jobs"_s, readTestData(u"seed-create.json"_s));
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject job = reply.json();
    const QString id = job.value(u"id"_s).toString();
    QVERIFY(QRegularExpression(u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s)
                .match(id)
                .hasMatch());
    QCOMPARE(reply.header("Location"), QString(u"/api/jobs/"_s + id).toLatin1());
    QCOMPARE(reply.header("ETag"), QByteArray("\"1\""));

    const QJsonObject sent = seedJob();
    for (const QString &field : {u"title"_s, u"providerId"_s, u"facilityId"_s, u"category"_s,
                                 u"salaryType"_s, u"applyUrl"_s}) {
        QCOMPARE(job.value(field), sent.value(field));
    }
    QCOMPARE(job.value(u"description"_s).toString(),
             u"<p>We are seeking an experienced Aged Care Support Worker to provide "
             u"compassionate care to our elderly residents.</p>"_s);
    QCOMPARE(job.value(u"descriptionText"_s), sent.value(u"description"_s));
    QCOMPARE(job.value(u"workTypes"_s), sent.value(u"workTypes"_s));
    QCOMPARE(job.value(u"salaryMin"_s).toDouble(), 30.0);
    QCOMPARE(job.value(u"salaryMax"_s).toDouble(), 35.0);
    QCOMPARE(job.value(u"location"_s), sent.value(u"location"_s));
    QCOMPARE(job.value(u"status"_s).toString(), u"ACTIVE"_s);
    QCOMPARE(job.value(u"categoryId"_s).toInt(), 4);
    QCOMPARE(job.value(u"warnings"_s).toArray().size(), 0);

    const HttpReply read = m_service.ats("GET", u"/api/jobs/"_s + id);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json().value(u"title"_s).toString(), u"Aged Care Assistant"_s);
}

void TestJobsApi::seedUpdateAsGuideShows()
{
    const QString id = createJob(seedJob());
    QVERIFY(!id.isEmpty());
    const HttpReply reply =
        m_service.ats("PUT", u"/api/jobs/"_s + id, readTestData(u"seed-update.json"_s));
    QCOMPARE(reply.status, 200);
    const QJsonObject job = reply.json();
    QCOMPARE(job.value(u"salaryMax"_s).toDouble(), 37.0);
    QCOMPARE(job.value(u"status"_s).toString(), u"ACTIVE"_s);
    // Absent fields keep their values.
    QCOMPARE(job.value(u"salaryMin"_s).toDouble(), 30.0);
    QCOMPARE(job.value(u"title"_s).toString(), u"Aged Care Assistant"_s);
    QCOMPARE(job.value(u"version"_s).toInt(), 2);
    QCOMPARE(reply.header("ETag"), QByteArray("\"2\""));

    const HttpReply read = m_service.ats("GET", u"/api/jobs/"_s + id);
    QCOMPARE(read.json().value(u"salaryMax"_s).toDouble(), 37.0);
}

void TestJobsApi::typographicQuotesRejected()
{
    const int before = m_service.storedJobCount();
    const HttpReply reply = m_service.ats("POST", u"/api/jobs"_s,
                                          readTestData(u"seed-create-typographic-quotes.json"_s));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/problem+json"));
    const QJsonObject problem = reply.json();
    QCOMPARE(problem.value(u"code"_s).toString(), u"malformed-json"_s);
    QCOMPARE(problem.value(u"line"_s).toInt(), 2);
    QCOMPARE(problem.value(u"column"_s).toInt(), 3);
    const QString detail = problem.value(u"detail"_s).toString();
    QVERIFY2(detail.contains(u"Line 2, column 3"_s), qPrintable(detail));
    QVERIFY2(detail.contains(u"straight double quotes"_s), qPrintable(detail));
    QVERIFY2(detail.contains(u"“"_s), qPrintable(detail));
    QCOMPARE(m_service.storedJobCount(), before);
}

void TestJobsApi::createReadUpdateDelete()
{
    QJsonObject body = seedJob();
    body.insert(u"title"_s, u"Night Support Worker"_s);
    const QString id = createJob(body);
    QVERIFY(!id.isEmpty());

    HttpReply reply = m_service.ats("GET", u"/api/jobs/"_s + id);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(u"title"_s).toString(), u"Night Support Worker"_s);

    reply = m_service.ats("PUT", u"/api/jobs/"_s + id,
                          toJson({{u"title"_s, u"Night Support Worker (Richmond)"_s}}));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(u"title"_s).toString(), u"Night Support Worker (Richmond)"_s);

    reply = m_service.ats("DELETE", u"/api/jobs/"_s + id);
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());

    reply = m_service.ats("GET", u"/api/jobs/"_s + id);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().value(u"code"_s).toString(), u"job-not-found"_s);

    // Staff still see the tombstone.
    reply = m_service.admin("GET", u"/admin/jobs/"_s + id);
    QCOMPARE(reply.status, 200);
    QVERIFY(!reply.json().value(u"deletedAt"_s).toString().isEmpty());
    QCOMPARE(reply.json().value(u"title"_s).toString(), u"Night Support Worker (Richmond)"_s);
}

void TestJobsApi::repeatedDeleteAnswersNotFound()
{
    const QString id = createJob(seedJob());
    QCOMPARE(m_service.ats("DELETE", u"/api/jobs/"_s + id).status, 204);
    const HttpReply again = m_service.ats("DELETE", u"/api/jobs/"_s + id);
    QCOMPARE(again.status, 404);
    const HttpReply update =
        m_service.ats("PUT", u"/api/jobs/"_s + id, toJson({{u"salaryMax"_s, 40}}));
    QCOMPARE(update.status, 404);
    const HttpReply staffView = m_service.admin("GET", u"/admin/jobs/"_s + id);
    QCOMPARE(staffView.json().value(u"salaryMax"_s).toDouble(), 35.0);
}

void TestJobsApi::putNeverCreates()
{
    const int before = m_service.storedJobCount();
    const QString unknown = u"7c9e6679-7425-40de-944b-e07fc1f90ae7"_s;
    const HttpReply reply = m_service.ats("PUT", u"/api/jobs/"_s + unknown, toJson(seedJob()));
    QCOMPARE(reply.status, 404);
    QCOMPARE(m_service.storedJobCount(), before);
    QCOMPARE(m_service.ats("PUT", u"/api/jobs/not-a-job-id"_s, toJson(seedJob())).status, 404);
}

void TestJobsApi::authFailures_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QString>("code");

    const QByteArray unknownKey =
        hopstep::issueSecret(hopstep::SecretKind::ApiKey).secret.toLatin1();
    QByteArray badChecksum = m_service.apiKey().toLatin1();
    badChecksum[badChecksum.size() - 1] = badChecksum.endsWith('A') ? 'B' : 'A';

    QTest::newRow("no header") << QByteArray() << u"missing-credentials"_s;
    QTest::newRow("basic scheme") << QByteArray("Basic dXNlcjpwYXNz") << u"malformed-credentials"_s;
    QTest::newRow("bearer without token") << QByteArray("Bearer") << u"malformed-credentials"_s;
    QTest::newRow("not a hopstep key") << QByteArray("Bearer abc123") << u"malformed-credentials"_s;
    QTest::newRow("checksum typo") << "Bearer " + badChecksum << u"malformed-credentials"_s;
    QTest::newRow("key never issued") << "Bearer " + unknownKey << u"unknown-credentials"_s;
    QTest::newRow("staff token on open api")
        << "Bearer " + m_service.staffToken().toLatin1() << u"wrong-credential-type"_s;
}

void TestJobsApi::authFailures()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QString, code);

    const int before = m_service.storedJobCount();
    QList<std::pair<QByteArray, QByteArray>> headers = {{"Content-Type", "application/json"}};
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const HttpReply reply = hopstep::test::sendRequest("POST", m_service.url(u"/api/jobs"_s),
                                                       toJson(seedJob()), headers);
    QCOMPARE(reply.status, 401);
    QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer"));
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(reply.json().value(u"code"_s).toString(), code);
    QVERIFY(!reply.json().value(u"detail"_s).toString().isEmpty());
    QCOMPARE(m_service.storedJobCount(), before);

    const HttpReply read =
        hopstep::test::sendRequest("GET", m_service.url(u"/api/jobs"_s), {}, headers);
    QCOMPARE(read.status, 401);
}

void TestJobsApi::authorizationMatrix_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("withBody");

    QTest::newRow("GET job") << QByteArray("GET") << false;
    QTest::newRow("PUT job") << QByteArray("PUT") << true;
    QTest::newRow("PATCH job") << QByteArray("PATCH") << true;
    QTest::newRow("DELETE job") << QByteArray("DELETE") << false;
}

void TestJobsApi::authorizationMatrix()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, withBody);

    const QString id = createJob(seedJob());
    QVERIFY(!id.isEmpty());
    const QByteArray body =
        withBody ? toJson({{u"salaryMax"_s, 99}, {u"status"_s, u"CLOSED"_s}}) : QByteArray();
    const HttpReply reply =
        m_service.ats(method, u"/api/jobs/"_s + id, body, m_service.otherApiKey());
    QCOMPARE(reply.status, 404);
    QVERIFY(!reply.body.contains(m_service.providerId().toLatin1()));

    const HttpReply owner = m_service.ats("GET", u"/api/jobs/"_s + id);
    QCOMPARE(owner.status, 200);
    QCOMPARE(owner.json().value(u"version"_s).toInt(), 1);
    QCOMPARE(owner.json().value(u"salaryMax"_s).toDouble(), 35.0);
    QCOMPARE(owner.json().value(u"status"_s).toString(), u"ACTIVE"_s);
}

void TestJobsApi::otherProviderListSeesNothing()
{
    const QString id = createJob(seedJob());
    const HttpReply list =
        m_service.ats("GET", u"/api/jobs?limit=100"_s, {}, m_service.otherApiKey());
    QCOMPARE(list.status, 200);
    const QJsonArray items = list.json().value(u"items"_s).toArray();
    for (const QJsonValue &item : items) {
        QCOMPARE(item.toObject().value(u"providerId"_s).toString(), m_service.otherProviderId());
        QVERIFY(item.toObject().value(u"id"_s).toString() != id);
    }

    // Creating for the guide's provider with the other provider's key is forbidden.
    const int before = m_service.storedJobCount();
    const HttpReply create =
        m_service.ats("POST", u"/api/jobs"_s, toJson(seedJob()), m_service.otherApiKey());
    QCOMPARE(create.status, 403);
    QCOMPARE(create.json().value(u"code"_s).toString(), u"forbidden-provider"_s);
    QCOMPARE(m_service.storedJobCount(), before);
}

void TestJobsApi::errorDocumentShape()
{
    QJsonObject body = seedJob();
    body.insert(u"salaryMin"_s, 40);
    body.insert(u"salaryMax"_s, 30);
    body.insert(u"workTypes"_s, QJsonArray{u"CASUAL"_s, u"Permanent"_s});
    body.remove(u"applyUrl"_s);
    const HttpReply reply = m_service.ats("POST", u"/api/jobs"_s, toJson(body));
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/problem+json"));
    QVERIFY(!reply.header("X-Request-Id").isEmpty());
    const QJsonObject problem = reply.json();
    QCOMPARE(problem.value(u"status"_s).toInt(), 422);
    QCOMPARE(problem.value(u"type"_s).toString(), u"/problems/validation-failed"_s);
    QVERIFY(!problem.value(u"title"_s).toString().isEmpty());
    QVERIFY(!problem.value(u"detail"_s).toString().isEmpty());
    QCOMPARE(problem.value(u"instance"_s).toString(), u"/api/jobs"_s);
    QCOMPARE(problem.value(u"requestId"_s).toString().toLatin1(), reply.header("X-Request-Id"));
    const QJsonArray errors = problem.value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 3);
    for (const QJsonValue &value : errors) {
        const QJsonObject error = value.toObject();
        QVERIFY(error.value(u"pointer"_s).toString().startsWith(u'/'));
        QVERIFY(!error.value(u"code"_s).toString().isEmpty());
        QVERIFY(error.value(u"message"_s).toString().size() > 20);
    }
    const QStringList pointers = errorPointers(problem);
    QVERIFY(pointers.contains(u"/salaryMax"_s));
    QVERIFY(pointers.contains(u"/workTypes/1"_s));
    QVERIFY(pointers.contains(u"/applyUrl"_s));
}

void TestJobsApi::partialUpdateValidatedWhenMerged_data()
{
    QTest::addColumn<QJsonObject>("patch");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("code");

    QTest::newRow("minimum above stored maximum")
        << QJsonObject{{u"salaryMin"_s, 40}} << u"/salaryMin"_s << u"range"_s;
    QTest::newRow("maximum below stored minimum")
        << QJsonObject{{u"salaryMax"_s, 25}} << u"/salaryMax"_s << u"range"_s;
    QTest::newRow("required title cleared")
        << QJsonObject{{u"title"_s, QJsonValue::Null}} << u"/title"_s << u"required"_s;
    QTest::newRow("state without matching postcode")
        << QJsonObject{{u"location"_s, QJsonObject{{u"state"_s, u"NSW"_s}}}}
        << u"/location/postcode"_s << u"state-mismatch"_s;
    QTest::newRow("empty work types")
        << QJsonObject{{u"workTypes"_s, QJsonArray()}} << u"/workTypes"_s << u"required"_s;
    QTest::newRow("facility of another provider")
        << QJsonObject{{u"facilityId"_s, u"8e2a4b6c-9d1f-4a3e-b5c7-d9e1f3a5b7c9"_s}}
        << u"/facilityId"_s << u"unknown-facility"_s;
    QTest::newRow("unknown status")
        << QJsonObject{{u"status"_s, u"ARCHIVED"_s}} << u"/status"_s << u"not-allowed"_s;
    QTest::newRow("provider moved")
        << QJsonObject{{u"providerId"_s, u"0b7e4c3a-1d2f-4e5a-8b9c-6d7e8f9a0b1c"_s}}
        << u"/providerId"_s << u"read-only"_s;
    QTest::newRow("pay unit without amounts kept")
        << QJsonObject{{u"salaryType"_s, u"FORTNIGHTLY"_s}} << u"/salaryType"_s << u"not-allowed"_s;
}

void TestJobsApi::partialUpdateValidatedWhenMerged()
{
    QFETCH(QJsonObject, patch);
    QFETCH(QString, pointer);
    QFETCH(QString, code);

    const QString id = createJob(seedJob());
    QVERIFY(!id.isEmpty());
    const HttpReply before = m_service.ats("GET", u"/api/jobs/"_s + id);
    const HttpReply reply = m_service.ats("PUT", u"/api/jobs/"_s + id, toJson(patch));
    QCOMPARE(reply.status, 422);
    const QJsonArray errors = reply.json().value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value(u"pointer"_s).toString(), pointer);
    QCOMPARE(errors.at(0).toObject().value(u"code"_s).toString(), code);

    const HttpReply after = m_service.ats("GET", u"/api/jobs/"_s + id);
    QCOMPARE(after.body, before.body);
}

void TestJobsApi::statusChanges_data()
{
    QTest::addColumn<QString>("sent");
    QTest::addColumn<QString>("stored");

    QTest::newRow("expired") << u"EXPIRED"_s << u"EXPIRED"_s;
    QTest::newRow("closed") << u"CLOSED"_s << u"CLOSED"_s;
    QTest::newRow("pending") << u"PENDING"_s << u"PENDING"_s;
    QTest::newRow("lower case") << u"expired"_s << u"EXPIRED"_s;
}

void TestJobsApi::statusChanges()
{
    QFETCH(QString, sent);
    QFETCH(QString, stored);

    const QString id = createJob(seedJob());
    HttpReply reply = m_service.ats("PUT", u"/api/jobs/"_s + id, toJson({{u"status"_s, sent}}));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(u"status"_s).toString(), stored);
    reply = m_service.ats("PUT", u"/api/jobs/"_s + id, toJson({{u"status"_s, u"ACTIVE"_s}}));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(u"status"_s).toString(), u"ACTIVE"_s);
    QCOMPARE(reply.json().value(u"version"_s).toInt(), 3);
}

void TestJobsApi::readOnlyFields()
{
    const QString id = createJob(seedJob());
    const QJsonObject current = m_service.ats("GET", u"/api/jobs/"_s + id).json();

    // Sending back what GET returned, with one change, is accepted.
    QJsonObject roundTrip = current;
    roundTrip.insert(u"salaryMax"_s, 36);
    HttpReply reply = m_service.ats("PUT", u"/api/jobs/"_s + id, toJson(roundTrip));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(u"salaryMax"_s).toDouble(), 36.0);
    QCOMPARE(reply.json().value(u"id"_s).toString(), id);

    reply = m_service.ats("PUT", u"/api/jobs/"_s + id,
                          toJson({{u"id"_s, u"7c9e6679-7425-40de-944b-e07fc1f90ae7"_s}}));
    QCOMPARE(reply.status, 422);
    QCOMPARE(errorPointers(reply.json()), QStringList{u"/id"_s});

    QJsonObject withId = seedJob();
    withId.insert(u"id"_s, id);
    const int before = m_service.storedJobCount();
    reply = m_service.ats("POST", u"/api/jobs"_s, toJson(withId));
    QCOMPARE(reply.status, 422);
    QCOMPARE(errorPointers(reply.json()), QStringList{u"/id"_s});
    QCOMPARE(m_service.storedJobCount(), before);
}

void TestJobsApi::bodyFaults_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const QByteArray seed = readTestData(u"seed-create.json"_s);
    QTest::newRow("form encoded") << QByteArray("application/x-www-form-urlencoded") << seed << 415
                                  << u"unsupported-media-type"_s;
    QTest::newRow("plain text") << QByteArray("text/plain") << seed << 415
                                << u"unsupported-media-type"_s;
    QTest::newRow("latin-1 charset") << QByteArray("application/json; charset=ISO-8859-1") << seed
                                     << 415 << u"unsupported-charset"_s;
    QTest::newRow("utf-8 charset accepted")
        << QByteArray("application/json; charset=UTF-8") << seed << 201 << QString();
    QTest::newRow("byte order mark accepted")
        << QByteArray("application/json") << "\xEF\xBB\xBF" + seed << 201 << QString();
    QTest::newRow("empty body") << QByteArray("application/json") << QByteArray("") << 400
                                << u"empty-body"_s;
    QTest::newRow("array body") << QByteArray("application/json") << QByteArray("[1, 2]") << 400
                                << u"not-an-object"_s;
    QTest::newRow("trailing comma")
        << QByteArray("application/json") << QByteArray("{\"title\": \"Cook\",}") << 400
        << u"malformed-json"_s;
    QTest::newRow("single quotes") << QByteArray("application/json")
                                   << QByteArray("{'title': 'Cook'}") << 400 << u"malformed-json"_s;
    QTest::newRow("truncated") << QByteArray("application/json") << seed.left(seed.size() / 2)
                               << 400 << u"malformed-json"_s;
    QTest::newRow("overlong utf-8")
        << QByteArray("application/json") << QByteArray("{\"title\": \"\xC0\xAF\"}") << 400
        << u"invalid-utf8"_s;
    QTest::newRow("too large") << QByteArray("application/json")
                               << QByteArray("{\"description\": \"" + QByteArray(300'000, 'a') +
                                             "\"}")
                               << 413 << u"body-too-large"_s;
}

void TestJobsApi::bodyFaults()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);

    const int before = m_service.storedJobCount();
    const HttpReply reply =
        hopstep::test::sendRequest("POST", m_service.url(u"/api/jobs"_s), body,
                                   {{"Authorization", "Bearer " + m_service.apiKey().toLatin1()},
                                    {"Content-Type", contentType}});
    QCOMPARE(reply.status, status);
    if (status >= 400) {
        QCOMPARE(reply.json().value(u"code"_s).toString(), code);
        QVERIFY(reply.json().value(u"detail"_s).toString().size() > 20);
        QCOMPARE(m_service.storedJobCount(), before);
    } else {
        QCOMPARE(m_service.storedJobCount(), before + 1);
    }
}

void TestJobsApi::ingestCases_data()
{
    QTest::addColumn<QJsonObject>("testCase");

    const QJsonArray cases = QJsonDocument::fromJson(readTestData(u"ingest-cases.json"_s)).array();
    QVERIFY(cases.size() >= 20);
    for (const QJsonValue &value : cases) {
        const QJsonObject testCase = value.toObject();
        QTest::newRow(testCase.value(u"name"_s).toString().toUtf8().constData()) << testCase;
    }
}

void TestJobsApi::ingestCases()
{
    QFETCH(QJsonObject, testCase);

    const QJsonObject request = testCase.value(u"request"_s).toObject();
    const QJsonObject expect = testCase.value(u"expect"_s).toObject();
    const QByteArray body =
        request.contains(u"bodyBase64"_s)
            ? QByteArray::fromBase64(request.value(u"bodyBase64"_s).toString().toLatin1())
            : toJson(request.value(u"body"_s).toObject());

    QList<std::pair<QByteArray, QByteArray>> headers;
    const QJsonObject sentHeaders = request.value(u"headers"_s).toObject();
    for (auto it = sentHeaders.constBegin(); it != sentHeaders.constEnd(); ++it)
        headers.append({it.key().toLatin1(), it.value().toString().toLatin1()});

    const int before = m_service.storedJobCount();
    const HttpReply reply =
        m_service.ats(request.value(u"method"_s).toString().toLatin1(),
                      request.value(u"path"_s).toString(), body, QString(), headers);
    const int status = expect.value(u"status"_s).toInt();
    QVERIFY2(
        reply.status == status,
        qPrintable(u"status %1, body %2"_s.arg(reply.status).arg(QString::fromUtf8(reply.body))));

    const QJsonObject answer = reply.json();
    const QJsonArray fields = expect.value(u"fields"_s).toArray();
    const QStringList pointers = errorPointers(answer);
    for (const QJsonValue &field : fields)
        QVERIFY2(pointers.contains(field.toString()), qPrintable(pointers.join(u", "_s)));

    const QJsonArray mentions = expect.value(u"mentionsText"_s).toArray();
    const QString text = problemText(answer);
    for (const QJsonValue &mention : mentions)
        QVERIFY2(text.contains(mention.toString()), qPrintable(text));

    const QJsonValue stored = expect.value(u"stored"_s);
    if (stored.isBool() && !stored.toBool())
        QCOMPARE(m_service.storedJobCount(), before);
    if (status != 201)
        return;

    QCOMPARE(m_service.storedJobCount(), before + 1);
    const QString id = answer.value(u"id"_s).toString();
    const QJsonObject job = m_service.ats("GET", u"/api/jobs/"_s + id).json();
    const QJsonObject expectedFields = stored.toObject();
    for (auto it = expectedFields.constBegin(); it != expectedFields.constEnd(); ++it)
        QCOMPARE(job.value(it.key()), it.value());

    const QString description = job.value(u"description"_s).toString();
    const QJsonArray contains = expect.value(u"storedDescriptionContains"_s).toArray();
    for (const QJsonValue &part : contains)
        QVERIFY2(description.contains(part.toString()), qPrintable(description));
    const QJsonArray excludes = expect.value(u"storedDescriptionExcludes"_s).toArray();
    for (const QJsonValue &part : excludes)
        QVERIFY2(!description.contains(part.toString()), qPrintable(description));
    if (expect.value(u"warnings"_s).toBool())
        QVERIFY(!answer.value(u"warnings"_s).toArray().isEmpty());

    // Follow-up requests: a retry with the same Idempotency-Key, then the key with another body.
    const QJsonArray steps = testCase.value(u"then"_s).toArray();
    for (const QJsonValue &value : steps) {
        const QJsonObject step = value.toObject();
        const QString repeat = step.value(u"repeat"_s).toString();
        QJsonObject stepBody = request.value(u"body"_s).toObject();
        if (repeat.startsWith(u"same key, title changed to "_s))
            stepBody.insert(u"title"_s, repeat.mid(27));
        else
            QCOMPARE(repeat, u"same request"_s);
        const HttpReply again = m_service.ats(request.value(u"method"_s).toString().toLatin1(),
                                              request.value(u"path"_s).toString(), toJson(stepBody),
                                              QString(), headers);
        const QJsonObject stepExpect = step.value(u"expect"_s).toObject();
        const QString allowed = stepExpect.value(u"status"_s).toString();
        QVERIFY2(allowed.contains(QString::number(again.status)),
                 qPrintable(u"%1: %2"_s.arg(repeat).arg(again.status)));
        if (allowed.contains(u"same job id"_s))
            QCOMPARE(again.json().value(u"id"_s).toString(), id);
        QCOMPARE(m_service.storedJobCount(), before + stepExpect.value(u"jobsStored"_s).toInt());
    }
}

void TestJobsApi::listIsNewestFirstAndPaged()
{
    QStringList created;
    for (int i = 0; i < 5; ++i) {
        QJsonObject body = seedJob();
        body.insert(u"title"_s, u"Paging check %1"_s.arg(i));
        created.prepend(createJob(body));
        QTest::qWait(2); // distinct creation times
    }
    HttpReply reply = m_service.ats("GET", u"/api/jobs?limit=3"_s);
    QCOMPARE(reply.status, 200);
    QJsonObject page = reply.json();
    QJsonArray items = page.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(items.at(i).toObject().value(u"id"_s).toString(), created.at(i));
    const QString cursor = page.value(u"nextCursor"_s).toString();
    QVERIFY(!cursor.isEmpty());

    reply = m_service.ats("GET", u"/api/jobs?limit=3&cursor="_s + cursor);
    QCOMPARE(reply.status, 200);
    items = reply.json().value(u"items"_s).toArray();
    QVERIFY(items.size() >= 2);
    QCOMPARE(items.at(0).toObject().value(u"id"_s).toString(), created.at(3));
    QCOMPARE(items.at(1).toObject().value(u"id"_s).toString(), created.at(4));

    // Walking every page visits each job once, and no page holds another provider's job.
    QSet<QString> seen;
    QString next;
    do {
        reply = m_service.ats("GET", u"/api/jobs?limit=7"_s +
                                         (next.isEmpty() ? QString() : u"&cursor="_s + next));
        QCOMPARE(reply.status, 200);
        const QJsonArray pageItems = reply.json().value(u"items"_s).toArray();
        for (const QJsonValue &item : pageItems) {
            const QString id = item.toObject().value(u"id"_s).toString();
            QVERIFY(!seen.contains(id));
            seen.insert(id);
            QCOMPARE(item.toObject().value(u"providerId"_s).toString(), m_service.providerId());
        }
        next = reply.json().value(u"nextCursor"_s).toString();
    } while (!next.isEmpty());
    for (const QString &id : std::as_const(created))
        QVERIFY(seen.contains(id));
}

void TestJobsApi::listRejectsBadParameters()
{
    for (const QString &query :
         {u"limit=0"_s, u"limit=101"_s, u"limit=ten"_s, u"cursor=not-a-cursor"_s}) {
        const HttpReply reply = m_service.ats("GET", u"/api/jobs?"_s + query);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(u"code"_s).toString(), u"invalid-parameter"_s);
    }
}

void TestJobsApi::categoriesListed()
{
    const HttpReply reply = m_service.ats("GET", u"/api/categories"_s);
    QCOMPARE(reply.status, 200);
    const QJsonArray items = reply.json().value(u"items"_s).toArray();
    const QStringList expected = {u"Registered Nurse"_s,
                                  u"Enrolled Nurse"_s,
                                  u"Personal Care Worker"_s,
                                  u"Aged Care Assistant"_s,
                                  u"Support Worker"_s,
                                  u"Disability Support Worker"_s,
                                  u"Cleaner"_s,
                                  u"Kitchen / Catering"_s,
                                  u"Administration"_s,
                                  u"Allied Health"_s};
    QCOMPARE(items.size(), expected.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        QCOMPARE(items.at(i).toObject().value(u"name"_s).toString(), expected.at(i));
        QCOMPARE(items.at(i).toObject().value(u"id"_s).toInt(), int(i + 1));
    }

    // A category id works as well as a name.
    QJsonObject body = seedJob();
    body.insert(u"category"_s, 1);
    const HttpReply created = m_service.ats("POST", u"/api/jobs"_s, toJson(body));
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json().value(u"category"_s).toString(), u"Registered Nurse"_s);
}

void TestJobsApi::unknownRoutes()
{
    HttpReply reply = m_service.ats("GET", u"/api/nothing-here"_s);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/problem+json"));

    reply = m_service.ats("DELETE", u"/api/jobs"_s);
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("Allow"), QByteArray("GET, POST"));

    reply = m_service.ats("POST", u"/api/jobs/7c9e6679-7425-40de-944b-e07fc1f90ae7"_s,
                          toJson(seedJob()));
    QCOMPARE(reply.status, 405);

    reply = hopstep::test::sendRequest("GET", m_service.url(u"/health"_s));
    QCOMPARE(reply.status, 200);
}

void TestJobsApi::oddValuesNeverAnswer5xx()
{
    const QJsonArray oddValues = {QJsonValue::Null,
                                  true,
                                  0,
                                  -1,
                                  1e308,
                                  0.001,
                                  u""_s,
                                  u" "_s,
                                  u"\u0000\u0007"_s,
                                  QString(u"x"_s.repeated(5000)),
                                  QJsonArray(),
                                  QJsonArray{QJsonArray{1}},
                                  QJsonObject(),
                                  QJsonObject{{u"a"_s, QJsonObject{{u"b"_s, 1}}}},
                                  u"null"_s,
                                  u"<script>"_s,
                                  u"../../etc/passwd"_s,
                                  u"%00"_s,
                                  QString(QChar(0xD83D)),
                                  u"FULL_TIME"_s,
                                  u"9999"_s};
    const QStringList fields = {u"title"_s,      u"description"_s, u"providerId"_s, u"facilityId"_s,
                                u"category"_s,   u"workTypes"_s,   u"salaryMin"_s,  u"salaryMax"_s,
                                u"salaryType"_s, u"location"_s,    u"applyUrl"_s,   u"status"_s};
    const QString id = createJob(seedJob());
    int before = m_service.storedJobCount();
    for (const QString &field : fields) {
        for (const QJsonValue &value : oddValues) {
            QJsonObject body = seedJob();
            body.insert(field, value);
            const HttpReply created = m_service.ats("POST", u"/api/jobs"_s, toJson(body));
            QVERIFY2(created.status == 201 || created.status == 422 || created.status == 403,
                     qPrintable(field + u": "_s + QString::fromUtf8(created.body.left(300))));
            if (created.status == 201)
                ++before;
            const HttpReply updated =
                m_service.ats("PUT", u"/api/jobs/"_s + id, toJson({{field, value}}));
            QVERIFY2(updated.status == 200 || updated.status == 422,
                     qPrintable(field + u": "_s + QString::fromUtf8(updated.body.left(300))));
        }
    }
    QCOMPARE(m_service.storedJobCount(), before);
    const HttpReply health = hopstep::test::sendRequest("GET", m_service.url(u"/health"_s));
    QCOMPARE(health.status, 200);
}

void TestJobsApi::logsNeverContainSecrets()
{
    // A rejected request is logged with the key's public prefix.
    QJsonObject body = seedJob();
    body.remove(u"title"_s);
    QCOMPARE(m_service.ats("POST", u"/api/jobs"_s, toJson(body)).status, 422);
    QTest::qWait(100);

    const QByteArray log = m_service.log();
    QVERIFY(log.contains("POST /api/jobs 422 validation-failed"));
    QVERIFY(log.contains(hopstep::secretPrefix(m_service.apiKey()).toLatin1()));
    for (const QString &secret :
         {m_service.apiKey(), m_service.otherApiKey(), m_service.staffToken()}) {
        QVERIFY(!log.contains(secret.toLatin1()));
        // Nor any part longer than the public prefix.
        QVERIFY(!log.contains(secret.mid(4, 20).toLatin1()));
    }
}

QTEST_GUILESS_MAIN(TestJobsApi)
#include "tst_jobsapi.moc"
