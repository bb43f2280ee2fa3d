// Retries, conditional updates, rate limits and the request journal, over real HTTP against a
// real hopstep-api process.

#include "secrets.h"
#include "testservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using hopstep::test::HttpReply;
using hopstep::test::readTestData;
using hopstep::test::TestService;

namespace {

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject seedJob(const QString &title = QString())
{
    QJsonObject job = QJsonDocument::fromJson(readTestData(u"seed-create.json"_s)).object();
    if (!title.isEmpty())
        job.insert(u"title"_s, title);
    return job;
}

QByteArray newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

QStringList warningCodes(const QJsonObject &answer)
{
    QStringList codes;
    const QJsonArray warnings = answer.value(u"warnings"_s).toArray();
    for (const QJsonValue &warning : warnings)
        codes.append(warning.toObject().value(u"code"_s).toString());
    return codes;
}

} // namespace

class TestIngestContract : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void retryReplaysFirstAnswer();
    void keyReusedWithOtherBody();
    void sameBodyWithOtherSpacingIsARetry();
    void keysAreScopedToProvider();
    void rejectedRequestFreesKey();
    void invalidKeyHeader_data();
    void invalidKeyHeader();
    void retryWhileInFlight();
    void abandonedClaimIsTakenOver();
    void duplicateWithoutKeyIsFlagged();
    void ifMatchOnUpdate();
    void ifMatchOnDelete();
    void rateLimitPerKey();
    void journalRecordsEveryRequest();
    void journalFilters_data();
    void journalFilters();
    void journalRemovesSecrets();

private:
    HttpReply post(const QJsonObject &body, const QByteArray &idempotencyKey,
                   const QString &apiKey = QString());
    void insertClaim(const QString &key, const QString &createdAt);

    TestService m_service;
};

void TestIngestContract::initTestCase()
{
    QString error;
    QVERIFY2(m_service.start(&error), qPrintable(error));
}

void TestIngestContract::cleanupTestCase()
{
    m_service.stop();
}

HttpReply TestIngestContract::post(const QJsonObject &body, const QByteArray &idempotencyKey,
                                   const QString &apiKey)
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!idempotencyKey.isNull())
        headers.append({"Idempotency-Key", idempotencyKey});
    return m_service.ats("POST", u"/api/jobs"_s, toJson(body), apiKey, headers);
}

void TestIngestContract::retryReplaysFirstAnswer()
{
    const QByteArray key = newKey();
    const int before = m_service.storedJobCount();
    const HttpReply first = post(seedJob(u"Night Support Worker"_s), key);
    QCOMPARE(first.status, 201);
    const QString id = first.json().value(u"id"_s).toString();

    const HttpReply retry = post(seedJob(u"Night Support Worker"_s), key);
    QCOMPARE(retry.status, 201);
    QCOMPARE(retry.json().value(u"id"_s).toString(), id);
    QCOMPARE(retry.body, first.body);
    QCOMPARE(retry.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(retry.header("Location"), first.header("Location"));
    QCOMPARE(m_service.storedJobCount(), before + 1);
}

void TestIngestContract::keyReusedWithOtherBody()
{
    const QByteArray key = newKey();
    QCOMPARE(post(seedJob(u"Night Support Worker"_s), key).status, 201);
    const int before = m_service.storedJobCount();
    const HttpReply reused = post(seedJob(u"Day Support Worker"_s), key);
    QCOMPARE(reused.status, 422);
    QCOMPARE(reused.json().value(u"code"_s).toString(), u"idempotency-key-reused"_s);
    QVERIFY(reused.json().value(u"detail"_s).toString().contains(u"new key"_s));
    QCOMPARE(m_service.storedJobCount(), before);
}

void TestIngestContract::sameBodyWithOtherSpacingIsARetry()
{
    const QByteArray key = newKey();
    const QByteArray compact = toJson(seedJob(u"Spacing check"_s));
    const QByteArray indented =
        QJsonDocument(seedJob(u"Spacing check"_s)).toJson(QJsonDocument::Indented);
    const HttpReply first =
        m_service.ats("POST", u"/api/jobs"_s, compact, QString(), {{"Idempotency-Key", key}});
    const HttpReply retry =
        m_service.ats("POST", u"/api/jobs"_s, indented, QString(), {{"Idempotency-Key", key}});
    QCOMPARE(first.status, 201);
    QCOMPARE(retry.status, 201);
    QCOMPARE(retry.json().value(u"id"_s), first.json().value(u"id"_s));
}

void TestIngestContract::keysAreScopedToProvider()
{
    const QByteArray key = newKey();
    QCOMPARE(post(seedJob(), key).status, 201);

    QJsonObject other = seedJob();
    other.insert(u"providerId"_s, m_service.otherProviderId());
    other.insert(u"facilityId"_s, u"8e2a4b6c-9d1f-4a3e-b5c7-d9e1f3a5b7c9"_s);
    other.insert(u"location"_s, QJsonObject{{u"suburb"_s, u"Parramatta"_s},
                                            {u"state"_s, u"NSW"_s},
                                            {u"postcode"_s, u"2150"_s}});
    const HttpReply reply = post(other, key, m_service.otherApiKey());
    QCOMPARE(reply.status, 201);
    QVERIFY(reply.header("Idempotent-Replayed").isEmpty());
    QCOMPARE(reply.json().value(u"providerId"_s).toString(), m_service.otherProviderId());
}

void TestIngestContract::rejectedRequestFreesKey()
{
    const QByteArray key = newKey();
    QJsonObject broken = seedJob(u"Corrected later"_s);
    broken.insert(u"salaryMin"_s, 90);
    QCOMPARE(post(broken, key).status, 422);
    const HttpReply corrected = post(seedJob(u"Corrected later"_s), key);
    QCOMPARE(corrected.status, 201);
}

void TestIngestContract::invalidKeyHeader_data()
{
    QTest::addColumn<QByteArray>("key");

    QTest::newRow("too long") << QByteArray(256, 'k');
    QTest::newRow("inner space") << QByteArray("retry 1");
    QTest::newRow("non-ascii") << QByteArray("cl\xC3\xA9");
    QTest::newRow("empty") << QByteArray("");
}

void TestIngestContract::invalidKeyHeader()
{
    QFETCH(QByteArray, key);

    const int before = m_service.storedJobCount();
    const HttpReply reply = post(seedJob(), key);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value(u"code"_s).toString(), u"invalid-idempotency-key"_s);
    QCOMPARE(m_service.storedJobCount(), before);
}

void TestIngestContract::insertClaim(const QString &key, const QString &createdAt)
{
    // The claim another hopstep-api process on the same database makes while it works.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"claim"_s);
        db.setDatabaseName(m_service.databasePath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(
            query.prepare(u"INSERT INTO idempotency_keys (provider_id, idempotency_key, "
                          u"request_hash, state, created_at) VALUES (?, ?, ?, 'in-flight', ?)"_s));
        query.addBindValue(m_service.providerId());
        query.addBindValue(key);
        query.addBindValue(u"0000"_s);
        query.addBindValue(createdAt);
        QVERIFY(query.exec());
    }
    QSqlDatabase::removeDatabase(u"claim"_s);
}

void TestIngestContract::retryWhileInFlight()
{
    const QByteArray key = newKey();
    insertClaim(QString::fromLatin1(key),
                QDateTime::currentDateTimeUtc().toString(u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s));
    const int before = m_service.storedJobCount();
    const HttpReply reply = post(seedJob(), key);
    // The stored hash differs from this body, so the response reports reuse, not progress.
    QCOMPARE(reply.status, 422);

    const QByteArray sameBodyKey = newKey();
    const HttpReply first = post(seedJob(u"In flight"_s), sameBodyKey);
    QCOMPARE(first.status, 201);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"reset"_s);
        db.setDatabaseName(m_service.databasePath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"UPDATE idempotency_keys SET state = 'in-flight', created_at = "
                           u"strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE idempotency_key = '"_s +
                           QString::fromLatin1(sameBodyKey) + u"'"_s));
    }
    QSqlDatabase::removeDatabase(u"reset"_s);
    const HttpReply retry = post(seedJob(u"In flight"_s), sameBodyKey);
    QCOMPARE(retry.status, 409);
    QCOMPARE(retry.json().value(u"code"_s).toString(), u"request-in-flight"_s);
    QCOMPARE(retry.header("Retry-After"), QByteArray("1"));
    QCOMPARE(m_service.storedJobCount(), before + 1);
}

void TestIngestContract::abandonedClaimIsTakenOver()
{
    const QByteArray key = newKey();
    insertClaim(QString::fromLatin1(key), u"2020-01-01T00:00:00.000Z"_s);
    const HttpReply reply = post(seedJob(u"After a crash"_s), key);
    QCOMPARE(reply.status, 201);
    const HttpReply retry = post(seedJob(u"After a crash"_s), key);
    QCOMPARE(retry.status, 201);
    QCOMPARE(retry.json().value(u"id"_s), reply.json().value(u"id"_s));
}

void TestIngestContract::duplicateWithoutKeyIsFlagged()
{
    QJsonObject body = seedJob(u"Weekend Cook"_s);
    body.insert(u"description"_s, u"<p>Cook for 40 residents on weekends.</p>"_s);
    const HttpReply first = post(body, QByteArray());
    QCOMPARE(first.status, 201);
    QVERIFY(!warningCodes(first.json()).contains(u"possible-duplicate"_s));

    body.insert(u"title"_s, u"  weekend   COOK "_s);
    const HttpReply second = post(body, QByteArray());
    QCOMPARE(second.status, 201);
    QVERIFY(warningCodes(second.json()).contains(u"possible-duplicate"_s));
    const QString firstId = first.json().value(u"id"_s).toString();
    QVERIFY(second.body.contains(firstId.toLatin1()));

    // A different opening at the same facility is not a duplicate.
    body.insert(u"title"_s, u"Weekend Kitchen Hand"_s);
    QVERIFY(!warningCodes(post(body, QByteArray()).json()).contains(u"possible-duplicate"_s));
    // Nor is a repost after the first one closed.
    QCOMPARE(m_service.ats("PUT", u"/api/jobs/"_s + firstId, R"({"status": "CLOSED"})").status,
             200);
    const QString secondId = second.json().value(u"id"_s).toString();
    QCOMPARE(m_service.ats("DELETE", u"/api/jobs/"_s + secondId).status, 204);
    body.insert(u"title"_s, u"Weekend Cook"_s);
    QVERIFY(!warningCodes(post(body, QByteArray()).json()).contains(u"possible-duplicate"_s));
}

void TestIngestContract::ifMatchOnUpdate()
{
    const HttpReply created = post(seedJob(u"Conditional update"_s), QByteArray());
    const QString path = u"/api/jobs/"_s + created.json().value(u"id"_s).toString();
    QCOMPARE(created.header("ETag"), QByteArray("\"1\""));

    HttpReply reply =
        m_service.ats("PUT", path, R"({"salaryMax": 36})", QString(), {{"If-Match", "\"1\""}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("ETag"), QByteArray("\"2\""));

    // A second writer still holding version 1 is stopped.
    reply = m_service.ats("PUT", path, R"({"salaryMax": 40})", QString(), {{"If-Match", "\"1\""}});
    QCOMPARE(reply.status, 412);
    QCOMPARE(reply.json().value(u"code"_s).toString(), u"precondition-failed"_s);
    QCOMPARE(reply.header("ETag"), QByteArray("\"2\""));
    QCOMPARE(m_service.ats("GET", path).json().value(u"salaryMax"_s).toDouble(), 36.0);

    reply =
        m_service.ats("PUT", path, R"({"salaryMax": 40})", QString(), {{"If-Match", "W/\"2\""}});
    QCOMPARE(reply.status, 412);
    reply = m_service.ats("PUT", path, R"({"salaryMax": 40})", QString(),
                          {{"If-Match", "\"7\", \"2\""}});
    QCOMPARE(reply.status, 200);
    reply = m_service.ats("PUT", path, R"({"salaryMax": 41})", QString(), {{"If-Match", "*"}});
    QCOMPARE(reply.status, 200);
}

void TestIngestContract::ifMatchOnDelete()
{
    const HttpReply created = post(seedJob(u"Conditional delete"_s), QByteArray());
    const QString path = u"/api/jobs/"_s + created.json().value(u"id"_s).toString();
    QCOMPARE(m_service.ats("PUT", path, R"({"salaryMax": 36})").status, 200);
    QCOMPARE(m_service.ats("DELETE", path, {}, QString(), {{"If-Match", "\"1\""}}).status, 412);
    QCOMPARE(m_service.ats("GET", path).status, 200);
    QCOMPARE(m_service.ats("DELETE", path, {}, QString(), {{"If-Match", "\"2\""}}).status, 204);
    QCOMPARE(m_service.ats("GET", path).status, 404);
}

void TestIngestContract::rateLimitPerKey()
{
    TestService limited;
    limited.setServeArguments({u"--rate-limit"_s, u"60"_s, u"--rate-burst"_s, u"5"_s});
    QString error;
    QVERIFY2(limited.start(&error), qPrintable(error));

    for (int i = 0; i < 5; ++i) {
        const HttpReply reply = limited.ats("GET", u"/api/jobs?limit=1"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("RateLimit-Remaining").toInt(), 4 - i);
    }
    const int before = limited.storedJobCount();
    const HttpReply over = limited.ats("POST", u"/api/jobs"_s, toJson(seedJob()));
    QCOMPARE(over.status, 429);
    QCOMPARE(over.json().value(u"code"_s).toString(), u"rate-limited"_s);
    const int retryAfter = over.header("Retry-After").toInt();
    QVERIFY(retryAfter >= 1 && retryAfter <= 60);
    QCOMPARE(limited.storedJobCount(), before);

    // Another provider's key has a bucket of its own.
    QCOMPARE(limited.ats("GET", u"/api/jobs?limit=1"_s, {}, limited.otherApiKey()).status, 200);

    // At 60 a minute one request is allowed again after a second.
    QTest::qWait(1100);
    QCOMPARE(limited.ats("GET", u"/api/jobs?limit=1"_s).status, 200);
    limited.stop();
}

void TestIngestContract::journalRecordsEveryRequest()
{
    TestService service;
    QString error;
    QVERIFY2(service.start(&error), qPrintable(error));

    QJsonObject invalid = seedJob();
    invalid.insert(u"salaryMin"_s, 40);
    QJsonObject padded = seedJob(u"Darwin carer"_s);
    padded.insert(
        u"location"_s,
        QJsonObject{{u"suburb"_s, u"Darwin"_s}, {u"state"_s, u"NT"_s}, {u"postcode"_s, 800}});
    const HttpReply created = service.ats("POST", u"/api/jobs"_s, toJson(seedJob()));
    const QString jobId = created.json().value(u"id"_s).toString();
    QCOMPARE(created.status, 201);
    QCOMPARE(service.ats("POST", u"/api/jobs"_s, toJson(invalid)).status, 422);
    QCOMPARE(service.ats("POST", u"/api/jobs"_s, "{“title”: 1}").status, 400);
    QCOMPARE(service.ats("POST", u"/api/jobs"_s, toJson(padded)).status, 201);
    QCOMPARE(service.ats("PUT", u"/api/jobs/"_s + jobId, R"({"salaryMax": 36})").status, 200);
    QCOMPARE(service.ats("GET", u"/api/jobs/"_s + jobId).status, 200);
    QCOMPARE(hopstep::test::sendRequest("GET", service.url(u"/api/jobs"_s)).status, 401);
    QCOMPARE(service.ats("DELETE", u"/api/jobs/"_s + jobId).status, 204);
    // Admin requests are not ATS requests and stay out of the journal.
    QCOMPARE(service.admin("GET", u"/admin/jobs"_s).status, 200);

    const HttpReply page = service.admin("GET", u"/admin/requests?limit=100"_s);
    QCOMPARE(page.status, 200);
    const QJsonArray items = page.json().value(u"items"_s).toArray();
    QCOMPARE(page.json().value(u"total"_s).toInt(), 8);
    QCOMPARE(items.size(), 8);

    // Newest first.
    const QList<std::pair<QString, int>> expected = {
        {u"DELETE"_s, 204}, {u"GET"_s, 401},  {u"GET"_s, 200},  {u"PUT"_s, 200},
        {u"POST"_s, 201},   {u"POST"_s, 400}, {u"POST"_s, 422}, {u"POST"_s, 201}};
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject entry = items.at(i).toObject();
        QCOMPARE(entry.value(u"method"_s).toString(), expected.at(i).first);
        QCOMPARE(entry.value(u"status"_s).toInt(), expected.at(i).second);
        QVERIFY(!entry.value(u"requestId"_s).toString().isEmpty());
        QVERIFY(entry.value(u"durationMs"_s).toDouble() >= 0);
        QVERIFY(!entry.contains(u"body"_s));
    }
    const QString prefix = hopstep::secretPrefix(service.apiKey());
    QCOMPARE(items.at(0).toObject().value(u"keyPrefix"_s).toString(), prefix);
    QCOMPARE(items.at(0).toObject().value(u"jobId"_s).toString(), jobId);
    QCOMPARE(items.at(0).toObject().value(u"providerId"_s).toString(), service.providerId());
    QVERIFY(items.at(1).toObject().value(u"keyPrefix"_s).isNull());
    QCOMPARE(items.at(1).toObject().value(u"problemCode"_s).toString(), u"missing-credentials"_s);

    const QJsonObject rejected = items.at(6).toObject();
    QCOMPARE(rejected.value(u"problemCode"_s).toString(), u"validation-failed"_s);
    QCOMPARE(rejected.value(u"errors"_s).toArray().at(0).toObject().value(u"pointer"_s).toString(),
             u"/salaryMax"_s);
    const QJsonObject warned = items.at(4).toObject();
    QVERIFY(!warned.value(u"warnings"_s).toArray().isEmpty());

    // One request in full: the errors next to the body that caused them.
    const HttpReply one = service.admin(
        "GET", u"/admin/requests/"_s + QString::number(rejected.value(u"id"_s).toInteger()));
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json().value(u"body"_s).toString(), QString::fromUtf8(toJson(invalid)));
    QCOMPARE(one.json().value(u"bodyTruncated"_s).toBool(), false);
    QCOMPARE(service.admin("GET", u"/admin/requests/999999"_s).status, 404);

    QVERIFY(!service.log().contains(service.apiKey().toLatin1()));
    service.stop();
}

void TestIngestContract::journalFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("minimum");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::newRow("status class") << u"status=4xx"_s << 2 << u"status"_s << QString();
    QTest::newRow("exact status") << u"status=422"_s << 1 << u"status"_s << u"422"_s;
    QTest::newRow("field error code") << u"code=range"_s << 1 << u"status"_s << u"422"_s;
    QTest::newRow("problem code") << u"code=malformed-json"_s << 1 << u"status"_s << u"400"_s;
    QTest::newRow("provider") << u"providerId=0b7e4c3a-1d2f-4e5a-8b9c-6d7e8f9a0b1c"_s << 1
                              << u"providerId"_s << u"0b7e4c3a-1d2f-4e5a-8b9c-6d7e8f9a0b1c"_s;
    QTest::newRow("text in body") << u"q=Filter%20marker"_s << 1 << u"method"_s << u"POST"_s;
}

void TestIngestContract::journalFilters()
{
    QFETCH(QString, query);
    QFETCH(int, minimum);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    static bool seeded = false;
    if (!seeded) {
        seeded = true;
        QJsonObject invalid = seedJob(u"Filter marker"_s);
        invalid.insert(u"salaryMin"_s, 40);
        QCOMPARE(m_service.ats("POST", u"/api/jobs"_s, toJson(invalid)).status, 422);
        QCOMPARE(m_service.ats("POST", u"/api/jobs"_s, "{'a': 1}").status, 400);
        QCOMPARE(m_service.ats("GET", u"/api/jobs"_s, {}, m_service.otherApiKey()).status, 200);
    }

    const HttpReply reply = m_service.admin("GET", u"/admin/requests?limit=1000&"_s + query);
    QCOMPARE(reply.status, 200);
    const QJsonArray items = reply.json().value(u"items"_s).toArray();
    QVERIFY2(items.size() >= minimum, qPrintable(QString::fromUtf8(reply.body.left(300))));
    for (const QJsonValue &item : items) {
        const QJsonValue value = item.toObject().value(field);
        const QString text = value.isDouble() ? QString::number(value.toInt()) : value.toString();
        if (expected.isEmpty())
            QVERIFY(text.startsWith(u'4'));
        else
            QCOMPARE(text, expected);
    }
    QCOMPARE(m_service.admin("GET", u"/admin/requests?status=99"_s).status, 400);
    QCOMPARE(m_service.admin("GET", u"/admin/requests?since=yesterday"_s).status, 400);
}

void TestIngestContract::journalRemovesSecrets()
{
    QJsonObject body = seedJob(u"Secret check"_s);
    body.insert(u"description"_s, QString(u"Contact us. Our key is "_s + m_service.apiKey()));
    // A key in a job's text would be published, so the job is rejected, and the journal keeps
    // neither its body nor its messages, which may hold the key in a disguised form.
    const HttpReply rejected = m_service.ats("POST", u"/api/jobs"_s, toJson(body));
    QCOMPARE(rejected.status, 422);
    QVERIFY(rejected.body.contains("secret-in-content"));
    QVERIFY(!rejected.body.contains(m_service.apiKey().toLatin1()));
    const auto entryOf = [this](const HttpReply &reply) {
        const QString requestId = QString::fromLatin1(reply.header("X-Request-Id"));
        const QJsonArray items = m_service.admin("GET", u"/admin/requests?q="_s + requestId)
                                     .json()
                                     .value(u"items"_s)
                                     .toArray();
        if (items.size() != 1)
            return QJsonObject();
        const qint64 id = items.at(0).toObject().value(u"id"_s).toInteger();
        return m_service.admin("GET", u"/admin/requests/"_s + QString::number(id)).json();
    };
    const QJsonObject removed = entryOf(rejected);
    QCOMPARE(removed.value(u"body"_s).toString(),
             u"[removed: the request contained a hopstep credential]"_s);
    QCOMPARE(removed.value(u"errors"_s).toArray().at(0).toObject().value(u"code"_s).toString(),
             u"secret-in-content"_s);

    // Other bodies are kept with keys cut to their prefix and secret members emptied.
    const QByteArray malformed = "{\"title\": \"Secret check " + m_service.apiKey().toLatin1() +
                                 "\", \"apiKey\": \"plain-secret-value\",}";
    const HttpReply broken = m_service.ats("POST", u"/api/jobs"_s, malformed);
    QCOMPARE(broken.status, 400);
    const QString stored = entryOf(broken).value(u"body"_s).toString();
    QVERIFY(!stored.contains(m_service.apiKey()));
    QVERIFY2(stored.contains(hopstep::secretPrefix(m_service.apiKey()) + u"…[redacted]"_s),
             qPrintable(stored));
    QVERIFY(!stored.contains(u"plain-secret-value"_s));
    QVERIFY(stored.contains(u"\"apiKey\": \"[redacted]\""_s));

    // Error messages that repeat a value, paths, job ids and request ids keep no key in the
    // journal or the log.
    QJsonObject echoed = seedJob(u"Echo check"_s);
    echoed.insert(u"category"_s, QString(u"Aged Care X"_s + m_service.apiKey()));
    const HttpReply echoedReply = m_service.ats("POST", u"/api/jobs"_s, toJson(echoed));
    QCOMPARE(echoedReply.status, 422);
    QCOMPARE(entryOf(echoedReply).value(u"errors"_s).toArray().at(0).toObject().value(u"message"_s),
             QJsonValue(u"[removed]"_s));
    QCOMPARE(m_service.ats("GET", u"/api/"_s + m_service.apiKey()).status, 404);
    QCOMPARE(m_service.ats("GET", u"/api/jobs/"_s + m_service.apiKey()).status, 404);
    const HttpReply withId = m_service.ats("GET", u"/api/jobs"_s, {}, QString(),
                                           {{"X-Request-Id", m_service.apiKey().toLatin1()}});
    QCOMPARE(withId.status, 200);
    QVERIFY(!withId.header("X-Request-Id").contains(m_service.apiKey().toLatin1()));
    QVERIFY(!entryOf(withId).isEmpty());
    const QByteArray journal = m_service.admin("GET", u"/admin/requests?limit=20"_s).body;
    const QString redacted = hopstep::secretPrefix(m_service.apiKey()) + u"…[redacted]"_s;
    QVERIFY(journal.contains(redacted.toUtf8()));
    QVERIFY(!journal.contains(m_service.apiKey().toLatin1()));
    QVERIFY(!m_service.log().contains(m_service.apiKey().toLatin1()));
}

QTEST_GUILESS_MAIN(TestIngestContract)
#include "tst_ingestcontract.moc"
