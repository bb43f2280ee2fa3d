// The admin API the console uses, over real HTTP against a real hopstep-api process.

#include "testservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using hopstep::test::HttpReply;
using hopstep::test::readTestData;
using hopstep::test::TestService;

class TestAdminApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void staffTokenRequired_data();
    void staffTokenRequired();
    void listsDemoJobsWithNames();
    void filters_data();
    void filters();
    void statusChangeIsVisibleToAts();
    void invalidStatusRejected_data();
    void invalidStatusRejected();
    void deleteKeepsTombstone();
    void deletedJobCannotChange();
    void unknownJob();
    void providersAndFacilities();

private:
    QString createJob(const QString &title);

    TestService m_service;
};

void TestAdminApi::initTestCase()
{
    QString error;
    QVERIFY2(m_service.start(&error), qPrintable(error));
}

void TestAdminApi::cleanupTestCase()
{
    m_service.stop();
}

QString TestAdminApi::createJob(const QString &title)
{
    QJsonObject body = QJsonDocument::fromJson(readTestData(u"seed-create.json"_s)).object();
    body.insert(u"title"_s, title);
    const HttpReply reply =
        m_service.ats("POST", u"/api/jobs"_s, QJsonDocument(body).toJson(QJsonDocument::Compact));
    return reply.json().value(u"id"_s).toString();
}

void TestAdminApi::staffTokenRequired_data()
{
    QTest::addColumn<QByteArray>("authorization");

    QTest::newRow("no header") << QByteArray();
    QTest::newRow("ats key") << "Bearer " + m_service.apiKey().toLatin1();
    QTest::newRow("garbage token") << QByteArray("Bearer hst_nope");
}

void TestAdminApi::staffTokenRequired()
{
    QFETCH(QByteArray, authorization);

    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    for (const QString &path : {u"/admin/jobs"_s, u"/admin/providers"_s, u"/admin/me"_s}) {
        const HttpReply reply = hopstep::test::sendRequest("GET", m_service.url(path), {}, headers);
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer"));
    }
    const QString id = createJob(u"Staff token check"_s);
    headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
    const HttpReply change =
        hopstep::test::sendRequest("POST", m_service.url(u"/admin/jobs/"_s + id + u"/status"_s),
                                   R"({"status": "CLOSED"})", headers);
    QCOMPARE(change.status, 401);
    QCOMPARE(m_service.ats("GET", u"/api/jobs/"_s + id).json().value(u"status"_s).toString(),
             u"ACTIVE"_s);
}

void TestAdminApi::listsDemoJobsWithNames()
{
    const HttpReply reply = m_service.admin("GET", u"/admin/jobs?deleted=exclude&q=Cook"_s);
    QCOMPARE(reply.status, 200);
    const QJsonArray items = reply.json().value(u"items"_s).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject cook = items.at(0).toObject();
    QCOMPARE(cook.value(u"providerName"_s).toString(), u"Evergreen Residential Care"_s);
    QCOMPARE(cook.value(u"facilityName"_s).toString(), u"Evergreen Richmond"_s);
    QCOMPARE(cook.value(u"status"_s).toString(), u"PENDING"_s);
    QVERIFY(cook.value(u"deletedAt"_s).isNull());

    const HttpReply me = m_service.admin("GET", u"/admin/me"_s);
    QCOMPARE(me.json().value(u"name"_s).toString(), u"Test Reviewer"_s);
}

void TestAdminApi::filters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::newRow("status") << u"status=PENDING"_s << u"status"_s << u"PENDING"_s;
    QTest::newRow("status lower case list")
        << u"status=pending,closed"_s << u"status"_s << u"PENDING"_s;
    QTest::newRow("provider") << u"providerId=0b7e4c3a-1d2f-4e5a-8b9c-6d7e8f9a0b1c"_s
                              << u"providerName"_s << u"Banksia Disability Services"_s;
    QTest::newRow("text in facility name")
        << u"q=geelong"_s << u"facilityName"_s << u"Evergreen Geelong"_s;
}

void TestAdminApi::filters()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    const HttpReply reply = m_service.admin("GET", u"/admin/jobs?"_s + query);
    QCOMPARE(reply.status, 200);
    const QJsonArray items = reply.json().value(u"items"_s).toArray();
    QVERIFY(!items.isEmpty());
    QCOMPARE(reply.json().value(u"total"_s).toInt(), int(items.size()));
    for (const QJsonValue &item : items)
        QCOMPARE(item.toObject().value(field).toString(), expected);
}

void TestAdminApi::statusChangeIsVisibleToAts()
{
    const QString id = createJob(u"Expire me"_s);
    for (const QString &status : {u"EXPIRED"_s, u"CLOSED"_s, u"ACTIVE"_s}) {
        const HttpReply reply =
            m_service.admin("POST", u"/admin/jobs/"_s + id + u"/status"_s,
                            (u"{\"status\": \""_s + status + u"\"}"_s).toUtf8());
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(u"status"_s).toString(), status);
        const HttpReply ats = m_service.ats("GET", u"/api/jobs/"_s + id);
        QCOMPARE(ats.json().value(u"status"_s).toString(), status);
    }
    QCOMPARE(m_service.ats("GET", u"/api/jobs/"_s + id).json().value(u"version"_s).toInt(), 4);
}

void TestAdminApi::invalidStatusRejected_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");

    QTest::newRow("unknown status") << QByteArray(R"({"status": "ARCHIVED"})") << 422;
    QTest::newRow("missing status") << QByteArray(R"({})") << 422;
    QTest::newRow("malformed") << QByteArray(R"({"status": )") << 400;
}

void TestAdminApi::invalidStatusRejected()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);

    const QString id = createJob(u"Invalid status check"_s);
    const HttpReply reply = m_service.admin("POST", u"/admin/jobs/"_s + id + u"/status"_s, body);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(m_service.ats("GET", u"/api/jobs/"_s + id).json().value(u"version"_s).toInt(), 1);
}

void TestAdminApi::deleteKeepsTombstone()
{
    const QString id = createJob(u"Delete me"_s);
    const HttpReply reply = m_service.admin("DELETE", u"/admin/jobs/"_s + id);
    QCOMPARE(reply.status, 200);
    QVERIFY(!reply.json().value(u"deletedAt"_s).toString().isEmpty());
    QCOMPARE(m_service.ats("GET", u"/api/jobs/"_s + id).status, 404);

    const HttpReply only = m_service.admin("GET", u"/admin/jobs?deleted=only"_s);
    bool found = false;
    const QJsonArray items = only.json().value(u"items"_s).toArray();
    for (const QJsonValue &item : items) {
        QVERIFY(!item.toObject().value(u"deletedAt"_s).isNull());
        found = found || item.toObject().value(u"id"_s).toString() == id;
    }
    QVERIFY(found);
    const HttpReply excluded =
        m_service.admin("GET", u"/admin/jobs?deleted=exclude&q=Delete%20me"_s);
    QCOMPARE(excluded.json().value(u"total"_s).toInt(), 0);

    const HttpReply again = m_service.admin("DELETE", u"/admin/jobs/"_s + id);
    QCOMPARE(again.status, 409);
}

void TestAdminApi::deletedJobCannotChange()
{
    const QString id = createJob(u"Deleted then reactivated"_s);
    QCOMPARE(m_service.ats("DELETE", u"/api/jobs/"_s + id).status, 204);
    const HttpReply reply =
        m_service.admin("POST", u"/admin/jobs/"_s + id + u"/status"_s, R"({"status": "ACTIVE"})");
    QCOMPARE(reply.status, 409);
    QVERIFY(reply.json().value(u"detail"_s).toString().contains(u"deleted"_s));
}

void TestAdminApi::unknownJob()
{
    const QString unknown = u"/admin/jobs/7c9e6679-7425-40de-944b-e07fc1f90ae7"_s;
    QCOMPARE(m_service.admin("GET", unknown).status, 404);
    QCOMPARE(m_service.admin("DELETE", unknown).status, 404);
    QCOMPARE(m_service.admin("POST", unknown + u"/status"_s, R"({"status": "CLOSED"})").status,
             404);
    QCOMPARE(m_service.admin("GET", u"/admin/jobs?limit=5000"_s).status, 400);
    QCOMPARE(m_service.admin("GET", u"/admin/jobs?deleted=maybe"_s).status, 400);
    QCOMPARE(m_service.admin("GET", u"/admin/jobs?status=GONE"_s).status, 400);
}

void TestAdminApi::providersAndFacilities()
{
    const HttpReply providers = m_service.admin("GET", u"/admin/providers"_s);
    QCOMPARE(providers.status, 200);
    QCOMPARE(providers.json().value(u"items"_s).toArray().size(), 2);
    const HttpReply facilities = m_service.admin(
        "GET", u"/admin/facilities?providerId=f9dda16b-4d42-4b63-9455-3ffd49ac8738"_s);
    QCOMPARE(facilities.status, 200);
    const QJsonArray items = facilities.json().value(u"items"_s).toArray();
    QCOMPARE(items.size(), 2);
    QStringList ids;
    for (const QJsonValue &item : items)
        ids.append(item.toObject().value(u"id"_s).toString());
    QVERIFY(ids.contains(u"cbb456a2-787c-4f54-a8d6-96361736ce74"_s));
}

QTEST_GUILESS_MAIN(TestAdminApi)
#include "tst_adminapi.moc"
