// Onboarding over the admin and Open APIs, against real hopstep-api processes. The suite covers
// the role matrix, providers and facilities, and API keys, whose revocation and rotation take
// effect in a second process on the same SQLite file. It also covers held jobs and going live,
// the category list, staff and the audit log.

#include "secrets.h"
#include "testservice.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;
using hopstep::test::HttpReply;
using hopstep::test::TestService;

namespace {

const QString unknownId = u"7c9e6679-7425-40de-944b-e07fc1f90ae7"_s;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A second hopstep-api process on the database of a TestService, as a second instance behind
// a load balancer would run.
class SecondProcess
{
public:
    bool start(const QString &databasePath, QString *error)
    {
        if (!m_directory.isValid()) {
            *error = u"Cannot create a temporary directory."_s;
            return false;
        }
        const QString portFile = m_directory.filePath(u"port"_s);
        m_process.start(hopstep::test::apiBinary(), {u"--database"_s, databasePath, u"--listen"_s,
                                                     u"127.0.0.1:0"_s, u"--port-file"_s, portFile});
        if (!m_process.waitForStarted(10'000)) {
            *error = u"The second hopstep-api did not start: "_s + m_process.errorString();
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
            if (m_process.state() == QProcess::NotRunning) {
                *error = u"The second hopstep-api exited: "_s +
                         QString::fromUtf8(m_process.readAllStandardError());
                return false;
            }
            QThread::msleep(20);
        }
        *error = u"The second hopstep-api wrote no port file within 20 s."_s;
        return false;
    }

    ~SecondProcess()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10'000))
            m_process.kill();
        m_process.waitForFinished(5'000);
    }

    HttpReply ats(const QByteArray &method, const QString &path, const QString &key,
                  const QByteArray &body = {})
    {
        QUrl url;
        url.setScheme(u"http"_s);
        url.setHost(u"127.0.0.1"_s);
        url.setPort(m_port);
        url.setPath(path);
        QList<std::pair<QByteArray, QByteArray>> headers = {
            {"Authorization", "Bearer " + key.toLatin1()}};
        if (!body.isNull())
            headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        return hopstep::test::sendRequest(method, url, body, headers);
    }

private:
    QTemporaryDir m_directory;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace

class TestOnboardingApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void roleMatrix_data();
    void roleMatrix();
    void forbiddenNamesRole();
    void meListsRoles();

    void providerCreatedWithUuid();
    void providerInputRejected_data();
    void providerInputRejected();
    void providerListCounts();
    void facilityInputRejected_data();
    void facilityInputRejected();
    void inactiveFacilityRejectsJobs();

    void keyShownOnceStoredAsHash();
    void keyRevokedInSecondProcess();
    void keyRotationExpiresOldKey();
    void rotationInputRejected_data();
    void rotationInputRejected();
    void providerDeactivationStopsKeys();

    void jobHeldUntilLive();
    void goLiveNeedsEverySteps();
    void goLivePublishesHeldJobs();
    void displayValidationChecksJob_data();
    void displayValidationChecksJob();
    void onboardingPackData();

    void categoryRenameKeepsAlias();
    void categoryRetireRejectsNewJobs();
    void categoryReorder();
    void categoryNamesRejected_data();
    void categoryNamesRejected();
    void categoryListServed();

    void staffDeactivationStopsTokens();
    void lastAdminKept();
    void auditLogRecordsChanges();
    void auditLogFilters_data();
    void auditLogFilters();

private:
    HttpReply as(const QString &token, const QByteArray &method, const QString &path,
                 const QByteArray &body = QByteArray());
    QString tokenWithRoles(const QString &name, const QStringList &roles);
    QJsonObject createProvider(const QString &name);
    QJsonObject createFacility(const QString &providerId, const QString &name);
    QString issueKey(const QString &providerId, QString *keyId = nullptr);
    QJsonObject jobFor(const QString &providerId, const QString &facilityId,
                       const QString &category = u"Aged Care Assistant"_s);
    QString postJob(const QString &key, const QJsonObject &job, QJsonObject *answer = nullptr);
    void completeStepsBeforeLive(const QString &providerId, const QString &jobId);

    TestService m_service;
    QHash<QString, QString> m_roleTokens; // role name ("none" for no role) → token
    int m_providers = 0;
};

void TestOnboardingApi::initTestCase()
{
    QString error;
    QVERIFY2(m_service.start(&error), qPrintable(error));
    m_roleTokens.insert(u"admin"_s, m_service.staffToken());
    for (const QString &role : {u"integrations"_s, u"reviewer"_s, u"support"_s}) {
        const QString token = tokenWithRoles(u"Matrix "_s + role, {role});
        QVERIFY(!token.isEmpty());
        m_roleTokens.insert(role, token);
    }
    const QString readOnly = tokenWithRoles(u"Matrix read only"_s, {});
    QVERIFY(!readOnly.isEmpty());
    m_roleTokens.insert(u"none"_s, readOnly);
}

void TestOnboardingApi::cleanupTestCase()
{
    m_service.stop();
}

HttpReply TestOnboardingApi::as(const QString &token, const QByteArray &method, const QString &path,
                                const QByteArray &body)
{
    QList<std::pair<QByteArray, QByteArray>> headers = {
        {"Authorization", "Bearer " + token.toLatin1()}};
    if (!body.isNull())
        headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
    return hopstep::test::sendRequest(method, m_service.url(path), body, headers);
}

QString TestOnboardingApi::tokenWithRoles(const QString &name, const QStringList &roles)
{
    const HttpReply created = m_service.admin(
        "POST", u"/admin/staff"_s,
        compact({{u"name"_s, name}, {u"roles"_s, QJsonArray::fromStringList(roles)}}));
    if (created.status != 201) {
        qWarning("Creating staff %s failed: %s", qPrintable(name), created.body.constData());
        return {};
    }
    const QString id = created.json().value(u"id"_s).toString();
    const HttpReply token = m_service.admin("POST", u"/admin/staff/"_s + id + u"/tokens"_s, "{}");
    return token.json().value(u"secret"_s).toString();
}

QJsonObject TestOnboardingApi::createProvider(const QString &name)
{
    const HttpReply reply =
        m_service.admin("POST", u"/admin/providers"_s,
                        compact({{u"name"_s, u"%1 %2"_s.arg(name).arg(++m_providers)},
                                 {u"atsName"_s, u"JobAdder"_s},
                                 {u"contactEmail"_s, u"integrations@example.org"_s}}));
    if (reply.status != 201)
        qWarning("Creating provider failed: %s", reply.body.constData());
    return reply.json();
}

QJsonObject TestOnboardingApi::createFacility(const QString &providerId, const QString &name)
{
    const HttpReply reply =
        m_service.admin("POST", u"/admin/providers/"_s + providerId + u"/facilities"_s,
                        compact({{u"name"_s, name},
                                 {u"streetAddress"_s, u"12 Sturt Street"_s},
                                 {u"suburb"_s, u"Ballarat"_s},
                                 {u"state"_s, u"VIC"_s},
                                 {u"postcode"_s, u"3350"_s}}));
    if (reply.status != 201)
        qWarning("Creating facility failed: %s", reply.body.constData());
    return reply.json();
}

QString TestOnboardingApi::issueKey(const QString &providerId, QString *keyId)
{
    const HttpReply reply = m_service.admin(
        "POST", u"/admin/providers/"_s + providerId + u"/keys"_s, R"({"label":"test key"})");
    if (reply.status != 201)
        qWarning("Issuing a key failed: %s", reply.body.constData());
    if (keyId)
        *keyId = reply.json().value(u"key"_s).toObject().value(u"id"_s).toString();
    return reply.json().value(u"secret"_s).toString();
}

QJsonObject TestOnboardingApi::jobFor(const QString &providerId, const QString &facilityId,
                                      const QString &category)
{
    return QJsonObject{
        {u"title"_s, u"Aged Care Assistant"_s},
        {u"description"_s, u"<p>Support residents with daily living.</p>"_s},
        {u"providerId"_s, providerId},
        {u"facilityId"_s, facilityId},
        {u"category"_s, category},
        {u"workTypes"_s, QJsonArray{u"FULL_TIME"_s}},
        {u"salaryMin"_s, 30},
        {u"salaryMax"_s, 35},
        {u"salaryType"_s, u"HOURLY"_s},
        {u"location"_s, QJsonObject{{u"suburb"_s, u"Ballarat"_s},
                                    {u"state"_s, u"VIC"_s},
                                    {u"postcode"_s, u"3350"_s}}},
        {u"applyUrl"_s, u"https://clientats.com/jobs/1/apply"_s},
    };
}

QString TestOnboardingApi::postJob(const QString &key, const QJsonObject &job, QJsonObject *answer)
{
    const HttpReply reply = m_service.ats("POST", u"/api/jobs"_s, compact(job), key);
    if (answer)
        *answer = reply.json();
    if (reply.status != 201) {
        // Callers that ask for the response expect rejections and check them themselves.
        if (!answer)
            qWarning("Posting a job failed (%d): %s", reply.status, reply.body.constData());
        return {};
    }
    return reply.json().value(u"id"_s).toString();
}

void TestOnboardingApi::completeStepsBeforeLive(const QString &providerId, const QString &jobId)
{
    const QString base = u"/admin/providers/"_s + providerId + u"/onboarding/"_s;
    QCOMPARE(m_service.admin("POST", base + u"ids-issued"_s).status, 200);
    QCOMPARE(m_service.admin("POST", base + u"category-list-sent"_s).status, 200);
    QCOMPARE(m_service.admin("POST", base + u"display-validated"_s, compact({{u"jobId"_s, jobId}}))
                 .status,
             200);
}

void TestOnboardingApi::roleMatrix_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("requiredRole"); // empty: every staff member
    QTest::addColumn<int>("allowedStatus");    // 0: any status but 401 and 403

    // Mutations name ids that do not exist or send invalid bodies, so an allowed request
    // changes nothing and the rows stay independent of each other.
    struct Endpoint
    {
        const char *method;
        QString path;
        QByteArray body;
        QString role;
        int allowedStatus;
    };
    const QString u = unknownId;
    const QList<Endpoint> endpoints = {
        {"GET", u"/admin/me"_s, {}, {}, 200},
        {"GET", u"/admin/jobs"_s, {}, {}, 200},
        {"GET", u"/admin/jobs/"_s + u, {}, {}, 404},
        {"DELETE", u"/admin/jobs/"_s + u, {}, u"support"_s, 404},
        {"POST", u"/admin/jobs/"_s + u + u"/status"_s, R"({"status":"CLOSED"})", u"support"_s, 404},
        {"GET", u"/admin/requests"_s, {}, {}, 0},
        {"GET", u"/admin/providers"_s, {}, {}, 200},
        {"POST", u"/admin/providers"_s, "{}", u"integrations"_s, 422},
        {"GET", u"/admin/providers/"_s + u, {}, {}, 404},
        {"PATCH", u"/admin/providers/"_s + u, "{}", u"integrations"_s, 404},
        {"POST", u"/admin/providers/"_s + u + u"/deactivate"_s, {}, u"integrations"_s, 404},
        {"POST", u"/admin/providers/"_s + u + u"/reactivate"_s, {}, u"integrations"_s, 404},
        {"GET", u"/admin/providers/"_s + u + u"/facilities"_s, {}, {}, 404},
        {"POST", u"/admin/providers/"_s + u + u"/facilities"_s, "{}", u"integrations"_s, 404},
        {"GET", u"/admin/facilities"_s, {}, {}, 200},
        {"PATCH", u"/admin/facilities/"_s + u, "{}", u"integrations"_s, 404},
        {"POST", u"/admin/facilities/"_s + u + u"/deactivate"_s, {}, u"integrations"_s, 404},
        {"POST", u"/admin/facilities/"_s + u + u"/reactivate"_s, {}, u"integrations"_s, 404},
        {"GET", u"/admin/providers/"_s + u + u"/keys"_s, {}, {}, 404},
        {"POST", u"/admin/providers/"_s + u + u"/keys"_s, "{}", u"integrations"_s, 404},
        {"POST", u"/admin/keys/"_s + u + u"/revoke"_s, {}, u"integrations"_s, 404},
        {"POST", u"/admin/keys/"_s + u + u"/rotate"_s, "{}", u"integrations"_s, 404},
        {"GET", u"/admin/providers/"_s + u + u"/onboarding"_s, {}, {}, 404},
        {"POST",
         u"/admin/providers/"_s + u + u"/onboarding/ids-issued"_s,
         {},
         u"integrations"_s,
         404},
        {"POST",
         u"/admin/providers/"_s + u + u"/onboarding/category-list-sent"_s,
         {},
         u"integrations"_s,
         404},
        {"POST", u"/admin/providers/"_s + u + u"/onboarding/display-validated"_s, "{}",
         u"reviewer"_s, 404},
        {"POST", u"/admin/providers/"_s + u + u"/go-live"_s, {}, u"reviewer"_s, 404},
        {"GET", u"/admin/providers/"_s + u + u"/onboarding-pack"_s, {}, u"integrations"_s, 404},
        {"GET", u"/admin/categories"_s, {}, {}, 200},
        {"POST", u"/admin/categories"_s, "{}", u"integrations"_s, 422},
        {"PUT", u"/admin/categories/order"_s, "{}", u"integrations"_s, 422},
        {"GET", u"/admin/categories/export?format=csv"_s, {}, {}, 200},
        {"GET", u"/admin/categories/alias-jobs"_s, {}, {}, 200},
        {"PATCH", u"/admin/categories/9999"_s, "{}", u"integrations"_s, 404},
        {"POST", u"/admin/categories/9999/retire"_s, "{}", u"integrations"_s, 404},
        {"POST", u"/admin/categories/9999/restore"_s, {}, u"integrations"_s, 404},
        {"GET", u"/admin/audit"_s, {}, {}, 200},
        {"GET", u"/admin/audit/actions"_s, {}, {}, 200},
        {"GET", u"/admin/staff"_s, {}, u"admin"_s, 200},
        {"POST", u"/admin/staff"_s, "{}", u"admin"_s, 422},
        {"GET", u"/admin/staff/"_s + u, {}, u"admin"_s, 404},
        {"PATCH", u"/admin/staff/"_s + u, "{}", u"admin"_s, 404},
        {"POST", u"/admin/staff/"_s + u + u"/tokens"_s, "{}", u"admin"_s, 404},
        {"POST", u"/admin/staff-tokens/"_s + u + u"/revoke"_s, {}, u"admin"_s, 404},
    };
    for (const Endpoint &endpoint : endpoints) {
        for (const QString &role :
             {u"none"_s, u"integrations"_s, u"reviewer"_s, u"support"_s, u"admin"_s}) {
            const QString shortPath = QString(endpoint.path).replace(u, u"{id}"_s);
            QTest::addRow("%s %s as %s", endpoint.method, qPrintable(shortPath), qPrintable(role))
                << role << QByteArray(endpoint.method) << endpoint.path << endpoint.body
                << endpoint.role << endpoint.allowedStatus;
        }
    }
}

void TestOnboardingApi::roleMatrix()
{
    QFETCH(QString, role);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, requiredRole);
    QFETCH(int, allowedStatus);

    const HttpReply reply = as(m_roleTokens.value(role), method, path, body);
    const bool allowed = requiredRole.isEmpty() || role == requiredRole || role == u"admin"_s;
    if (!allowed) {
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.json().value(u"code"_s).toString(), u"role-required"_s);
        QCOMPARE(reply.json().value(u"requiredRole"_s).toString(), requiredRole);
        return;
    }
    QVERIFY2(reply.status != 401 && reply.status != 403, reply.body.constData());
    if (allowedStatus != 0)
        QCOMPARE(reply.status, allowedStatus);
}

void TestOnboardingApi::forbiddenNamesRole()
{
    const qsizetype before =
        m_service.admin("GET", u"/admin/providers"_s).json().value(u"items"_s).toArray().size();
    const HttpReply reply = as(m_roleTokens.value(u"support"_s), "POST", u"/admin/providers"_s,
                               R"({"name":"Denied Provider"})");
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/problem+json"));
    const QString detail = reply.json().value(u"detail"_s).toString();
    QVERIFY2(detail.startsWith(u"Creating a provider needs the integrations role"_s),
             qPrintable(detail));
    QVERIFY2(detail.contains(u"Matrix support has the role(s) support"_s), qPrintable(detail));
    QCOMPARE(
        m_service.admin("GET", u"/admin/providers"_s).json().value(u"items"_s).toArray().size(),
        before);
}

void TestOnboardingApi::meListsRoles()
{
    const QJsonObject admin = m_service.admin("GET", u"/admin/me"_s).json();
    QCOMPARE(admin.value(u"name"_s).toString(), u"Test Reviewer"_s);
    QCOMPARE(admin.value(u"roles"_s).toArray(), QJsonArray{u"admin"_s});
    QVERIFY(!admin.value(u"id"_s).toString().isEmpty());
    const QJsonObject none = as(m_roleTokens.value(u"none"_s), "GET", u"/admin/me"_s).json();
    QCOMPARE(none.value(u"roles"_s).toArray(), QJsonArray());
}

void TestOnboardingApi::providerCreatedWithUuid()
{
    const HttpReply reply = m_service.admin(
        "POST", u"/admin/providers"_s,
        R"({"name":"  Wattle   Home Care ","contactName":"Sam Lee","contactEmail":"Sam@Wattle.example.org","contactPhone":"(03) 9123 4567","atsName":"JobAdder","notes":"Call before 3pm"})");
    QCOMPARE(reply.status, 201);
    const QJsonObject provider = reply.json();
    QVERIFY(QUuid::fromString(provider.value(u"id"_s).toString()).version() == QUuid::Random);
    QCOMPARE(provider.value(u"name"_s).toString(), u"Wattle Home Care"_s);
    QCOMPARE(provider.value(u"contactEmail"_s).toString(), u"sam@wattle.example.org"_s);
    QCOMPARE(provider.value(u"live"_s).toBool(), false);
    QCOMPARE(provider.value(u"active"_s).toBool(), true);
    QCOMPARE(provider.value(u"onboarding"_s).toArray().size(), 6);
    QCOMPARE(provider.value(u"onboardingStepsDone"_s).toInt(), 0);
    ++m_providers;

    const HttpReply duplicate =
        m_service.admin("POST", u"/admin/providers"_s, R"({"name":"wattle home care"})");
    QCOMPARE(duplicate.status, 409);
    QCOMPARE(duplicate.json().value(u"code"_s).toString(), u"provider-exists"_s);
    QVERIFY(duplicate.json()
                .value(u"detail"_s)
                .toString()
                .contains(provider.value(u"id"_s).toString()));

    const QString id = provider.value(u"id"_s).toString();
    const HttpReply edited =
        m_service.admin("PATCH", u"/admin/providers/"_s + id, R"({"contactPhone":"0412 345 678"})");
    QCOMPARE(edited.status, 200);
    QCOMPARE(edited.json().value(u"contactPhone"_s).toString(), u"0412 345 678"_s);
    QCOMPARE(edited.json().value(u"contactName"_s).toString(), u"Sam Lee"_s);
}

void TestOnboardingApi::providerInputRejected_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("code");

    QTest::newRow("name missing") << QByteArray(R"({"atsName":"JobAdder"})") << u"/name"_s
                                  << u"required"_s;
    QTest::newRow("name only spaces")
        << QByteArray(R"({"name":"   "})") << u"/name"_s << u"required"_s;
    QTest::newRow("name too long")
        << ("{\"name\":\"" + QByteArray(121, 'x') + "\"}") << u"/name"_s << u"too-long"_s;
    QTest::newRow("email without domain")
        << QByteArray(R"({"name":"A","contactEmail":"sam@"})") << u"/contactEmail"_s << u"format"_s;
    QTest::newRow("phone with letters") << QByteArray(R"({"name":"A","contactPhone":"call me"})")
                                        << u"/contactPhone"_s << u"format"_s;
    QTest::newRow("name is a number") << QByteArray(R"({"name":42})") << u"/name"_s << u"type"_s;
    QTest::newRow("misspelt field") << QByteArray(R"({"name":"A","contactMail":"a@b.org"})")
                                    << u"/contactMail"_s << u"unknown-field"_s;
}

void TestOnboardingApi::providerInputRejected()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, pointer);
    QFETCH(QString, code);

    const int before = int(
        m_service.admin("GET", u"/admin/providers"_s).json().value(u"items"_s).toArray().size());
    const HttpReply reply = m_service.admin("POST", u"/admin/providers"_s, body);
    QCOMPARE(reply.status, 422);
    bool found = false;
    const QJsonArray errors = reply.json().value(u"errors"_s).toArray();
    for (const QJsonValue &error : errors) {
        const QJsonObject issue = error.toObject();
        if (issue.value(u"pointer"_s).toString() == pointer) {
            QCOMPARE(issue.value(u"code"_s).toString(), code);
            QVERIFY(!issue.value(u"message"_s).toString().isEmpty());
            found = true;
        }
    }
    QVERIFY2(found, reply.body.constData());
    const int after = int(
        m_service.admin("GET", u"/admin/providers"_s).json().value(u"items"_s).toArray().size());
    QCOMPARE(after, before);
}

void TestOnboardingApi::providerListCounts()
{
    const QJsonObject provider = createProvider(u"Counted Care"_s);
    const QString id = provider.value(u"id"_s).toString();
    const QString facility = createFacility(id, u"Counted Ballarat"_s).value(u"id"_s).toString();
    createFacility(id, u"Counted Bendigo"_s);
    const QString key = issueKey(id);
    QVERIFY(!postJob(key, jobFor(id, facility)).isEmpty());

    const QJsonArray items =
        m_service.admin("GET", u"/admin/providers"_s).json().value(u"items"_s).toArray();
    QJsonObject listed;
    for (const QJsonValue &item : items) {
        if (item.toObject().value(u"id"_s).toString() == id)
            listed = item.toObject();
    }
    QCOMPARE(listed.value(u"facilityCount"_s).toInt(), 2);
    QCOMPARE(listed.value(u"activeKeyCount"_s).toInt(), 1);
    QCOMPARE(listed.value(u"liveJobCount"_s).toInt(), 0);
    QCOMPARE(listed.value(u"heldJobCount"_s).toInt(), 1);
    QCOMPARE(listed.value(u"onboardingStepsDone"_s).toInt(), 2);

    // The demo providers are live with every step done, as load-demo promises.
    for (const QJsonValue &item : items) {
        const QJsonObject demo = item.toObject();
        if (demo.value(u"id"_s).toString() != m_service.providerId())
            continue;
        QVERIFY(demo.value(u"live"_s).toBool());
        QCOMPARE(demo.value(u"onboardingStepsDone"_s).toInt(), 6);
        QVERIFY(demo.value(u"liveJobCount"_s).toInt() > 0);
    }
}

void TestOnboardingApi::facilityInputRejected_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("code");

    const QJsonObject valid{{u"name"_s, u"Rejected Ballarat"_s},
                            {u"suburb"_s, u"Ballarat"_s},
                            {u"state"_s, u"VIC"_s},
                            {u"postcode"_s, u"3350"_s}};
    const auto with = [&](const QString &name, const QJsonValue &value) {
        QJsonObject body = valid;
        if (value.isUndefined())
            body.remove(name);
        else
            body.insert(name, value);
        return body;
    };
    QTest::newRow("name missing") << with(u"name"_s, QJsonValue::Undefined) << u"/name"_s
                                  << u"required"_s;
    QTest::newRow("suburb missing")
        << with(u"suburb"_s, QJsonValue::Undefined) << u"/suburb"_s << u"required"_s;
    QTest::newRow("state unknown")
        << with(u"state"_s, u"Victoria Park"_s) << u"/state"_s << u"not-allowed"_s;
    QTest::newRow("postcode of another state")
        << with(u"postcode"_s, u"2000"_s) << u"/postcode"_s << u"state-mismatch"_s;
    QTest::newRow("postcode letters")
        << with(u"postcode"_s, u"33A0"_s) << u"/postcode"_s << u"format"_s;
    QTest::newRow("postcode missing")
        << with(u"postcode"_s, QJsonValue::Undefined) << u"/postcode"_s << u"required"_s;
}

void TestOnboardingApi::facilityInputRejected()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, pointer);
    QFETCH(QString, code);

    const QString providerId = m_service.providerId();
    const HttpReply reply = m_service.admin(
        "POST", u"/admin/providers/"_s + providerId + u"/facilities"_s, compact(body));
    QCOMPARE(reply.status, 422);
    const QJsonArray errors = reply.json().value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value(u"pointer"_s).toString(), pointer);
    QCOMPARE(errors.at(0).toObject().value(u"code"_s).toString(), code);
}

void TestOnboardingApi::inactiveFacilityRejectsJobs()
{
    const QString id = createProvider(u"Closing Wing Care"_s).value(u"id"_s).toString();
    const QString facility = createFacility(id, u"Old Wing"_s).value(u"id"_s).toString();
    const QString key = issueKey(id);
    QCOMPARE(m_service.admin("POST", u"/admin/facilities/"_s + facility + u"/deactivate"_s).status,
             200);

    QJsonObject answer;
    QVERIFY(postJob(key, jobFor(id, facility), &answer).isEmpty());
    const QJsonArray errors = answer.value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value(u"pointer"_s).toString(), u"/facilityId"_s);
    QCOMPARE(errors.at(0).toObject().value(u"code"_s).toString(), u"inactive-facility"_s);
    QVERIFY2(errors.at(0).toObject().value(u"message"_s).toString().contains(u"deactivated"_s),
             qPrintable(errors.at(0).toObject().value(u"message"_s).toString()));

    QCOMPARE(m_service.admin("POST", u"/admin/facilities/"_s + facility + u"/reactivate"_s).status,
             200);
    QVERIFY(!postJob(key, jobFor(id, facility)).isEmpty());
}

void TestOnboardingApi::keyShownOnceStoredAsHash()
{
    const QString id = createProvider(u"Hashed Key Care"_s).value(u"id"_s).toString();
    const HttpReply issued =
        m_service.admin("POST", u"/admin/providers/"_s + id + u"/keys"_s, R"({"label":"prod"})");
    QCOMPARE(issued.status, 201);
    const QString secret = issued.json().value(u"secret"_s).toString();
    QVERIFY(hopstep::isWellFormedSecret(secret, hopstep::SecretKind::ApiKey));
    QVERIFY(secret.startsWith(u"hsk_"_s));
    // 40 base62 characters carry about 238 random bits, above the 160 required.
    QCOMPARE(secret.size(), 4 + 40 + 6);
    const QString prefix = issued.json().value(u"key"_s).toObject().value(u"prefix"_s).toString();
    QVERIFY(secret.startsWith(prefix));

    const HttpReply listed = m_service.admin("GET", u"/admin/providers/"_s + id + u"/keys"_s);
    QVERIFY(!listed.body.contains(secret.toLatin1()));
    QVERIFY(!m_service.admin("GET", u"/admin/providers/"_s + id).body.contains(secret.toLatin1()));
    QVERIFY(!m_service.admin("GET", u"/admin/audit?limit=500"_s).body.contains(secret.toLatin1()));
    QCOMPARE(
        listed.json().value(u"items"_s).toArray().at(0).toObject().value(u"state"_s).toString(),
        u"active"_s);

    QFile database(m_service.databasePath());
    QVERIFY(database.open(QIODevice::ReadOnly));
    const QByteArray contents = database.readAll();
    QVERIFY(!contents.contains(secret.toLatin1()));
    QFile wal(m_service.databasePath() + u"-wal"_s);
    if (wal.open(QIODevice::ReadOnly))
        QVERIFY(!wal.readAll().contains(secret.toLatin1()));
    QVERIFY(!m_service.log().contains(secret.toLatin1()));

    const QJsonArray steps = m_service.admin("GET", u"/admin/providers/"_s + id + u"/onboarding"_s)
                                 .json()
                                 .value(u"items"_s)
                                 .toArray();
    QCOMPARE(steps.at(0).toObject().value(u"step"_s).toString(), u"key-issued"_s);
    QVERIFY(steps.at(0).toObject().value(u"done"_s).toBool());
}

void TestOnboardingApi::keyRevokedInSecondProcess()
{
    const QString id = createProvider(u"Revoked Key Care"_s).value(u"id"_s).toString();
    const QString facility = createFacility(id, u"Revoked Ballarat"_s).value(u"id"_s).toString();
    QString keyId;
    const QString key = issueKey(id, &keyId);
    SecondProcess second;
    QString error;
    QVERIFY2(second.start(m_service.databasePath(), &error), qPrintable(error));
    QCOMPARE(second.ats("GET", u"/api/jobs"_s, key).status, 200);

    QCOMPARE(m_service.admin("POST", u"/admin/keys/"_s + keyId + u"/revoke"_s).status, 200);

    const HttpReply refused =
        second.ats("POST", u"/api/jobs"_s, key, compact(jobFor(id, facility)));
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.json().value(u"code"_s).toString(), u"revoked-credentials"_s);
    QVERIFY(refused.header("WWW-Authenticate").startsWith("Bearer"));
    QCOMPARE(m_service.ats("GET", u"/api/jobs"_s, {}, key).status, 401);
    QCOMPARE(m_service.admin("POST", u"/admin/keys/"_s + keyId + u"/revoke"_s).status, 409);
}

void TestOnboardingApi::keyRotationExpiresOldKey()
{
    const QString id = createProvider(u"Rotated Key Care"_s).value(u"id"_s).toString();
    QString oldId;
    const QString oldKey = issueKey(id, &oldId);
    SecondProcess second;
    QString error;
    QVERIFY2(second.start(m_service.databasePath(), &error), qPrintable(error));

    const QDateTime expiry = QDateTime::currentDateTimeUtc().addSecs(3);
    const HttpReply rotated =
        m_service.admin("POST", u"/admin/keys/"_s + oldId + u"/rotate"_s,
                        compact({{u"oldKeyExpiresAt"_s, expiry.toString(Qt::ISODateWithMs)},
                                 {u"label"_s, u"successor"_s}}));
    QCOMPARE(rotated.status, 201);
    const QString newKey = rotated.json().value(u"secret"_s).toString();
    const QString newPrefix =
        rotated.json().value(u"key"_s).toObject().value(u"prefix"_s).toString();
    QCOMPARE(rotated.json().value(u"replaced"_s).toObject().value(u"state"_s).toString(),
             u"expiring"_s);

    // Before the expiry both keys work, in both processes.
    QCOMPARE(second.ats("GET", u"/api/jobs"_s, oldKey).status, 200);
    QCOMPARE(second.ats("GET", u"/api/jobs"_s, newKey).status, 200);
    QCOMPARE(m_service.ats("GET", u"/api/jobs"_s, {}, oldKey).status, 200);

    const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(expiry) + 300;
    if (wait > 0)
        QThread::msleep(static_cast<unsigned long>(wait));

    const HttpReply expired = second.ats("GET", u"/api/jobs"_s, oldKey);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.json().value(u"code"_s).toString(), u"expired-credentials"_s);
    QVERIFY2(expired.json().value(u"detail"_s).toString().contains(newPrefix),
             qPrintable(expired.json().value(u"detail"_s).toString()));
    QCOMPARE(m_service.ats("GET", u"/api/jobs"_s, {}, oldKey).status, 401);
    QCOMPARE(second.ats("GET", u"/api/jobs"_s, newKey).status, 200);

    // An expired key cannot be rotated again.
    const QString later = QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODate);
    const HttpReply again = m_service.admin("POST", u"/admin/keys/"_s + oldId + u"/rotate"_s,
                                            compact({{u"oldKeyExpiresAt"_s, later}}));
    QCOMPARE(again.status, 409);
    QCOMPARE(again.json().value(u"code"_s).toString(), u"key-unusable"_s);
}

void TestOnboardingApi::rotationInputRejected_data()
{
    QTest::addColumn<QJsonValue>("expiry");
    QTest::addColumn<QString>("code");

    QTest::newRow("expiry missing") << QJsonValue(QJsonValue::Undefined) << u"required"_s;
    QTest::newRow("expiry without time zone")
        << QJsonValue(u"2030-01-01T10:00:00"_s) << u"format"_s;
    QTest::newRow("expiry not a time") << QJsonValue(u"next week"_s) << u"format"_s;
    QTest::newRow("expiry in the past") << QJsonValue(u"2020-01-01T10:00:00Z"_s) << u"range"_s;
    QTest::newRow("expiry too far ahead")
        << QJsonValue(QDateTime::currentDateTimeUtc().addDays(45).toString(Qt::ISODate))
        << u"range"_s;
}

void TestOnboardingApi::rotationInputRejected()
{
    QFETCH(QJsonValue, expiry);
    QFETCH(QString, code);

    const QString id = m_service.providerId();
    const QJsonArray keys = m_service.admin("GET", u"/admin/providers/"_s + id + u"/keys"_s)
                                .json()
                                .value(u"items"_s)
                                .toArray();
    const QString keyId = keys.at(0).toObject().value(u"id"_s).toString();
    QJsonObject body;
    if (!expiry.isUndefined())
        body.insert(u"oldKeyExpiresAt"_s, expiry);
    const HttpReply reply =
        m_service.admin("POST", u"/admin/keys/"_s + keyId + u"/rotate"_s, compact(body));
    QCOMPARE(reply.status, 422);
    const QJsonObject issue = reply.json().value(u"errors"_s).toArray().at(0).toObject();
    QCOMPARE(issue.value(u"pointer"_s).toString(), u"/oldKeyExpiresAt"_s);
    QCOMPARE(issue.value(u"code"_s).toString(), code);
    QCOMPARE(m_service.ats("GET", u"/api/jobs"_s).status, 200);
}

void TestOnboardingApi::providerDeactivationStopsKeys()
{
    const QString id = createProvider(u"Paused Care"_s).value(u"id"_s).toString();
    const QString facility = createFacility(id, u"Paused Ballarat"_s).value(u"id"_s).toString();
    const QString key = issueKey(id);
    const QString jobId = postJob(key, jobFor(id, facility));
    QVERIFY(!jobId.isEmpty());
    SecondProcess second;
    QString error;
    QVERIFY2(second.start(m_service.databasePath(), &error), qPrintable(error));

    const HttpReply deactivated =
        m_service.admin("POST", u"/admin/providers/"_s + id + u"/deactivate"_s);
    QCOMPARE(deactivated.status, 200);
    QCOMPARE(deactivated.json().value(u"active"_s).toBool(), false);

    for (const HttpReply &reply :
         {second.ats("GET", u"/api/jobs/"_s + jobId, key),
          m_service.ats("PUT", u"/api/jobs/"_s + jobId, R"({"salaryMax": 36})", key)}) {
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value(u"code"_s).toString(), u"provider-deactivated"_s);
        QVERIFY(reply.json().value(u"detail"_s).toString().contains(u"deactivated"_s));
    }
    // Nothing is deleted: the job is still there for staff, and off the site.
    const QJsonObject job = m_service.admin("GET", u"/admin/jobs/"_s + jobId).json();
    QVERIFY(job.value(u"deletedAt"_s).isNull());
    QCOMPARE(job.value(u"publication"_s).toObject().value(u"code"_s).toString(),
             u"provider-inactive"_s);
    QCOMPARE(m_service.admin("POST", u"/admin/providers/"_s + id + u"/deactivate"_s).status, 409);

    QCOMPARE(m_service.admin("POST", u"/admin/providers/"_s + id + u"/reactivate"_s).status, 200);
    QCOMPARE(second.ats("GET", u"/api/jobs/"_s + jobId, key).status, 200);
}

void TestOnboardingApi::jobHeldUntilLive()
{
    const QString id = createProvider(u"Held Jobs Care"_s).value(u"id"_s).toString();
    const QString facility = createFacility(id, u"Held Ballarat"_s).value(u"id"_s).toString();
    const QString key = issueKey(id);

    QJsonObject answer;
    const QString jobId = postJob(key, jobFor(id, facility), &answer);
    QVERIFY(!jobId.isEmpty());
    QCOMPARE(answer.value(u"status"_s).toString(), u"PENDING"_s);
    const QJsonObject publication = answer.value(u"publication"_s).toObject();
    QCOMPARE(publication.value(u"state"_s).toString(), u"held"_s);
    QCOMPARE(publication.value(u"code"_s).toString(), u"provider-not-live"_s);
    QVERIFY(!publication.value(u"reason"_s).toString().isEmpty());
    bool warned = false;
    const QJsonArray warnings = answer.value(u"warnings"_s).toArray();
    for (const QJsonValue &warning : warnings)
        warned = warned || warning.toObject().value(u"code"_s).toString() == u"held-until-live"_s;
    QVERIFY(warned);

    // A later update that leaves the status alone keeps the job held.
    const HttpReply updated =
        m_service.ats("PUT", u"/api/jobs/"_s + jobId, R"({"salaryMax": 36})", key);
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.json().value(u"status"_s).toString(), u"PENDING"_s);
    QCOMPARE(updated.json().value(u"publication"_s).toObject().value(u"state"_s).toString(),
             u"held"_s);
    // A job the ATS itself sends as PENDING is not held: it stays PENDING after go-live.
    QJsonObject draft = jobFor(id, facility);
    draft.insert(u"title"_s, u"Cook (draft)"_s);
    draft.insert(u"status"_s, u"PENDING"_s);
    const QString draftId = postJob(key, draft, &answer);
    QCOMPARE(answer.value(u"publication"_s).toObject().value(u"state"_s).toString(),
             u"not-published"_s);
    QVERIFY(!draftId.isEmpty());

    const QJsonObject step = m_service.admin("GET", u"/admin/providers/"_s + id + u"/onboarding"_s)
                                 .json()
                                 .value(u"items"_s)
                                 .toArray()
                                 .at(3)
                                 .toObject();
    QCOMPARE(step.value(u"step"_s).toString(), u"test-job-received"_s);
    QVERIFY(step.value(u"done"_s).toBool());
    QVERIFY(step.value(u"detail"_s).toString().contains(jobId));
}

void TestOnboardingApi::goLiveNeedsEverySteps()
{
    const QString id = createProvider(u"Early Live Care"_s).value(u"id"_s).toString();
    const HttpReply early = m_service.admin("POST", u"/admin/providers/"_s + id + u"/go-live"_s);
    QCOMPARE(early.status, 409);
    QCOMPARE(early.json().value(u"code"_s).toString(), u"onboarding-incomplete"_s);
    const QString detail = early.json().value(u"detail"_s).toString();
    for (const QString &open :
         {u"API key issued"_s, u"Test job received"_s, u"Display validated"_s}) {
        QVERIFY2(detail.contains(open), qPrintable(detail));
    }
    const HttpReply noFacility =
        m_service.admin("POST", u"/admin/providers/"_s + id + u"/onboarding/ids-issued"_s);
    QCOMPARE(noFacility.status, 409);
    QCOMPARE(noFacility.json().value(u"code"_s).toString(), u"no-facilities"_s);
    const HttpReply automatic =
        m_service.admin("POST", u"/admin/providers/"_s + id + u"/onboarding/key-issued"_s);
    QCOMPARE(automatic.status, 404);
}

void TestOnboardingApi::goLivePublishesHeldJobs()
{
    const QString id = createProvider(u"Going Live Care"_s).value(u"id"_s).toString();
    const QString facility = createFacility(id, u"Live Ballarat"_s).value(u"id"_s).toString();
    const QString key = issueKey(id);
    const QString first = postJob(key, jobFor(id, facility));
    QJsonObject second = jobFor(id, facility);
    second.insert(u"title"_s, u"Registered Nurse"_s);
    second.insert(u"category"_s, u"Registered Nurse"_s);
    const QString secondId = postJob(key, second);
    QJsonObject draft = jobFor(id, facility);
    draft.insert(u"title"_s, u"Cook (draft)"_s);
    draft.insert(u"status"_s, u"PENDING"_s);
    const QString draftId = postJob(key, draft);
    QVERIFY(!first.isEmpty() && !secondId.isEmpty() && !draftId.isEmpty());
    completeStepsBeforeLive(id, first);

    const HttpReply live =
        as(m_roleTokens.value(u"reviewer"_s), "POST", u"/admin/providers/"_s + id + u"/go-live"_s);
    QCOMPARE(live.status, 200);
    QCOMPARE(live.json().value(u"publishedJobs"_s).toInt(), 2);
    QCOMPARE(live.json().value(u"live"_s).toBool(), true);
    QCOMPARE(live.json().value(u"liveJobCount"_s).toInt(), 2);
    QCOMPARE(live.json().value(u"onboardingStepsDone"_s).toInt(), 6);

    for (const QString &jobId : {first, secondId}) {
        const QJsonObject job = m_service.ats("GET", u"/api/jobs/"_s + jobId, {}, key).json();
        QCOMPARE(job.value(u"status"_s).toString(), u"ACTIVE"_s);
        QCOMPARE(job.value(u"version"_s).toInt(), 2);
        QCOMPARE(job.value(u"publication"_s).toObject().value(u"state"_s).toString(),
                 u"published"_s);
    }
    QCOMPARE(m_service.ats("GET", u"/api/jobs/"_s + draftId, {}, key)
                 .json()
                 .value(u"status"_s)
                 .toString(),
             u"PENDING"_s);
    // After go-live a new ACTIVE job is published at once, with no hold warning.
    QJsonObject answer;
    QJsonObject later = jobFor(id, facility);
    later.insert(u"title"_s, u"Support Worker"_s);
    QVERIFY(!postJob(key, later, &answer).isEmpty());
    QCOMPARE(answer.value(u"status"_s).toString(), u"ACTIVE"_s);
    QCOMPARE(answer.value(u"publication"_s).toObject().value(u"state"_s).toString(),
             u"published"_s);
    QCOMPARE(m_service.admin("POST", u"/admin/providers/"_s + id + u"/go-live"_s).status, 409);

    const QJsonArray published =
        m_service.admin("GET", u"/admin/audit?action=job.published&providerId="_s + id)
            .json()
            .value(u"items"_s)
            .toArray();
    QCOMPARE(published.size(), 2);
    QCOMPARE(published.at(0).toObject().value(u"actor"_s).toObject().value(u"label"_s).toString(),
             u"Matrix reviewer"_s);
    QCOMPARE(published.at(0).toObject().value(u"before"_s).toObject().value(u"status"_s).toString(),
             u"PENDING"_s);
    QCOMPARE(published.at(0).toObject().value(u"after"_s).toObject().value(u"status"_s).toString(),
             u"ACTIVE"_s);
}

void TestOnboardingApi::displayValidationChecksJob_data()
{
    QTest::addColumn<QString>("jobId");
    QTest::addColumn<QString>("code");

    QTest::newRow("job missing") << QString() << u"required"_s;
    QTest::newRow("unknown job") << unknownId << u"not-found"_s;
    QTest::newRow("job of another provider") << u"demo"_s << u"other-provider"_s;
}

void TestOnboardingApi::displayValidationChecksJob()
{
    QFETCH(QString, jobId);
    QFETCH(QString, code);

    const QString id = createProvider(u"Validation Care"_s).value(u"id"_s).toString();
    if (jobId == u"demo"_s) {
        jobId =
            m_service.admin("GET", u"/admin/jobs?limit=1&providerId="_s + m_service.providerId())
                .json()
                .value(u"items"_s)
                .toArray()
                .at(0)
                .toObject()
                .value(u"id"_s)
                .toString();
    }
    QJsonObject body;
    if (!jobId.isEmpty())
        body.insert(u"jobId"_s, jobId);
    const HttpReply reply =
        as(m_roleTokens.value(u"reviewer"_s), "POST",
           u"/admin/providers/"_s + id + u"/onboarding/display-validated"_s, compact(body));
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.json().value(u"errors"_s).toArray().at(0).toObject().value(u"code"_s).toString(),
             code);
}

void TestOnboardingApi::onboardingPackData()
{
    const QString id = createProvider(u"Packed Care"_s).value(u"id"_s).toString();
    const QJsonObject facility = createFacility(id, u"Packed Ballarat"_s);
    const QString inactive = createFacility(id, u"Packed Old Wing"_s).value(u"id"_s).toString();
    QCOMPARE(m_service.admin("POST", u"/admin/facilities/"_s + inactive + u"/deactivate"_s).status,
             200);
    const HttpReply reply =
        m_service.admin("GET", u"/admin/providers/"_s + id + u"/onboarding-pack"_s);
    QCOMPARE(reply.status, 200);
    const QJsonObject pack = reply.json();
    QCOMPARE(pack.value(u"format"_s).toString(), u"hopstep-onboarding-pack"_s);
    QCOMPARE(pack.value(u"provider"_s).toObject().value(u"id"_s).toString(), id);
    const QJsonArray facilities = pack.value(u"facilities"_s).toArray();
    QCOMPARE(facilities.size(), 1);
    QCOMPARE(facilities.at(0).toObject().value(u"id"_s).toString(),
             facility.value(u"id"_s).toString());
    QCOMPARE(facilities.at(0).toObject().value(u"streetAddress"_s).toString(),
             u"12 Sturt Street"_s);
    QVERIFY(pack.value(u"categories"_s).toArray().size() >= 9);
    QVERIFY(!pack.contains(u"apiKey"_s));
    const QJsonObject example =
        pack.value(u"exampleRequest"_s).toObject().value(u"body"_s).toObject();
    QCOMPARE(example.value(u"providerId"_s).toString(), id);
    QCOMPARE(example.value(u"facilityId"_s).toString(), facility.value(u"id"_s).toString());

    // The example request is a valid job: posting it with the provider's key is accepted.
    const QString key = issueKey(id);
    QVERIFY(!postJob(key, example).isEmpty());
}

void TestOnboardingApi::categoryRenameKeepsAlias()
{
    const HttpReply renamed =
        m_service.admin("PATCH", u"/admin/categories/3"_s, R"({"name":"Personal Care Assistant"})");
    QCOMPARE(renamed.status, 200);
    QCOMPARE(renamed.json().value(u"name"_s).toString(), u"Personal Care Assistant"_s);
    QCOMPARE(renamed.json().value(u"aliases"_s).toArray(), QJsonArray{u"Personal Care Worker"_s});

    QJsonObject job = jobFor(m_service.providerId(), u"cbb456a2-787c-4f54-a8d6-96361736ce74"_s,
                             u"personal care worker"_s);
    job.insert(u"location"_s, QJsonObject{{u"suburb"_s, u"Richmond"_s},
                                          {u"state"_s, u"VIC"_s},
                                          {u"postcode"_s, u"3121"_s}});
    QJsonObject answer;
    const QString jobId = postJob(m_service.apiKey(), job, &answer);
    QVERIFY(!jobId.isEmpty());
    QCOMPARE(answer.value(u"category"_s).toString(), u"Personal Care Assistant"_s);
    QCOMPARE(answer.value(u"categoryId"_s).toInt(), 3);
    QJsonObject warning;
    const QJsonArray warnings = answer.value(u"warnings"_s).toArray();
    for (const QJsonValue &value : warnings) {
        if (value.toObject().value(u"code"_s).toString() == u"category-alias"_s)
            warning = value.toObject();
    }
    QCOMPARE(warning.value(u"pointer"_s).toString(), u"/category"_s);
    QVERIFY2(warning.value(u"message"_s).toString().contains(u"Personal Care Assistant"_s) &&
                 warning.value(u"message"_s).toString().contains(u"id 3"_s),
             qPrintable(warning.value(u"message"_s).toString()));

    const QJsonObject stored = m_service.admin("GET", u"/admin/jobs/"_s + jobId).json();
    QCOMPARE(stored.value(u"categorySent"_s).toString(), u"personal care worker"_s);
    QCOMPARE(stored.value(u"categoryViaAlias"_s).toBool(), true);
    const QJsonArray aliasJobs =
        m_service.admin("GET", u"/admin/categories/alias-jobs?categoryId=3"_s)
            .json()
            .value(u"items"_s)
            .toArray();
    QCOMPARE(aliasJobs.size(), 1);
    QCOMPARE(aliasJobs.at(0).toObject().value(u"jobId"_s).toString(), jobId);

    // The new name and the id work without a warning; renaming back turns the alias into the
    // name again.
    job.insert(u"category"_s, u"Personal Care Assistant"_s);
    QVERIFY(!postJob(m_service.apiKey(), job, &answer).isEmpty());
    QCOMPARE(answer.value(u"categoryId"_s).toInt(), 3);
    QVERIFY(!QJsonDocument(answer).toJson().contains("category-alias"));
    const HttpReply back =
        m_service.admin("PATCH", u"/admin/categories/3"_s, R"({"name":"Personal Care Worker"})");
    QCOMPARE(back.status, 200);
    QCOMPARE(back.json().value(u"aliases"_s).toArray(), QJsonArray{u"Personal Care Assistant"_s});
}

void TestOnboardingApi::categoryRetireRejectsNewJobs()
{
    const QString facility = u"cbb456a2-787c-4f54-a8d6-96361736ce74"_s;
    QJsonObject job = jobFor(m_service.providerId(), facility, u"Cleaner"_s);
    job.insert(u"location"_s, QJsonObject{{u"suburb"_s, u"Richmond"_s},
                                          {u"state"_s, u"VIC"_s},
                                          {u"postcode"_s, u"3121"_s}});
    job.insert(u"title"_s, u"Cleaner"_s);
    const QString existing = postJob(m_service.apiKey(), job);
    QVERIFY(!existing.isEmpty());

    const HttpReply added =
        m_service.admin("POST", u"/admin/categories"_s, R"({"name":"Environmental Services"})");
    QCOMPARE(added.status, 201);
    const int successor = added.json().value(u"id"_s).toInt();
    QCOMPARE(successor, 11);
    const HttpReply retired = m_service.admin("POST", u"/admin/categories/7/retire"_s,
                                              compact({{u"successorId"_s, successor}}));
    QCOMPARE(retired.status, 200);
    QCOMPARE(retired.json().value(u"status"_s).toString(), u"retired"_s);

    for (const QJsonValue &sent : {QJsonValue(u"Cleaner"_s), QJsonValue(7)}) {
        job.insert(u"category"_s, sent);
        QJsonObject answer;
        QVERIFY(postJob(m_service.apiKey(), job, &answer).isEmpty());
        const QJsonObject error = answer.value(u"errors"_s).toArray().at(0).toObject();
        QCOMPARE(error.value(u"pointer"_s).toString(), u"/category"_s);
        QCOMPARE(error.value(u"code"_s).toString(), u"retired-category"_s);
        QVERIFY2(
            error.value(u"message"_s).toString().contains(u"\"Environmental Services\" (id 11)"_s),
            qPrintable(error.value(u"message"_s).toString()));
    }

    // The existing job keeps its category on an update that does not touch it. It keeps it, with
    // a warning, on one that sends it unchanged, and changing another job to it is rejected.
    const HttpReply untouched =
        m_service.ats("PUT", u"/api/jobs/"_s + existing, R"({"salaryMax": 36})");
    QCOMPARE(untouched.status, 200);
    QCOMPARE(untouched.json().value(u"categoryId"_s).toInt(), 7);
    const HttpReply resent =
        m_service.ats("PUT", u"/api/jobs/"_s + existing, R"({"category": "Cleaner"})");
    QCOMPARE(resent.status, 200);
    QVERIFY(resent.body.contains("retired-category"));
    const QString other = postJob(m_service.apiKey(), [&] {
        QJsonObject copy = job;
        copy.insert(u"category"_s, u"Administration"_s);
        return copy;
    }());
    const HttpReply changed =
        m_service.ats("PUT", u"/api/jobs/"_s + other, R"({"category": "Cleaner"})");
    QCOMPARE(changed.status, 422);

    // The successor works, and restoring lets the category take jobs again.
    job.insert(u"category"_s, successor);
    QVERIFY(!postJob(m_service.apiKey(), job).isEmpty());
    QCOMPARE(m_service.admin("POST", u"/admin/categories/7/restore"_s).status, 200);
    job.insert(u"category"_s, u"Cleaner"_s);
    QVERIFY(!postJob(m_service.apiKey(), job).isEmpty());
}

void TestOnboardingApi::categoryReorder()
{
    const QJsonArray before =
        m_service.admin("GET", u"/admin/categories"_s).json().value(u"items"_s).toArray();
    QList<int> ids;
    for (const QJsonValue &item : before) {
        if (item.toObject().value(u"status"_s).toString() == u"active"_s)
            ids.append(item.toObject().value(u"id"_s).toInt());
    }
    QJsonArray reversed;
    for (auto it = ids.crbegin(); it != ids.crend(); ++it)
        reversed.append(*it);
    const HttpReply reply =
        m_service.admin("PUT", u"/admin/categories/order"_s, compact({{u"ids"_s, reversed}}));
    QCOMPARE(reply.status, 200);
    const QJsonArray served = hopstep::test::sendRequest("GET", m_service.url(u"/api/categories"_s))
                                  .json()
                                  .value(u"items"_s)
                                  .toArray();
    for (qsizetype i = 0; i < reversed.size(); ++i) {
        QCOMPARE(served.at(i).toObject().value(u"id"_s).toInt(), reversed.at(i).toInt());
        QCOMPARE(served.at(i).toObject().value(u"position"_s).toInt(), int(i + 1));
    }

    QJsonArray incomplete = reversed;
    incomplete.removeLast();
    QCOMPARE(m_service.admin("PUT", u"/admin/categories/order"_s, compact({{u"ids"_s, incomplete}}))
                 .status,
             422);
    QJsonArray doubled = incomplete;
    doubled.append(doubled.at(0));
    QCOMPARE(
        m_service.admin("PUT", u"/admin/categories/order"_s, compact({{u"ids"_s, doubled}})).status,
        422);

    QJsonArray original;
    for (int id : std::as_const(ids))
        original.append(id);
    QCOMPARE(m_service.admin("PUT", u"/admin/categories/order"_s, compact({{u"ids"_s, original}}))
                 .status,
             200);
}

void TestOnboardingApi::categoryNamesRejected_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    QTest::newRow("existing name in other case")
        << QByteArray(R"({"name":"registered NURSE"})") << 409 << u"category-name-taken"_s;
    QTest::newRow("numeric name") << QByteArray(R"({"name":"12"})") << 409
                                  << u"category-name-taken"_s;
    QTest::newRow("empty name") << QByteArray(R"({"name":""})") << 422 << u"validation-failed"_s;
    QTest::newRow("name too long")
        << ("{\"name\":\"" + QByteArray(61, 'x') + "\"}") << 422 << u"validation-failed"_s;
}

void TestOnboardingApi::categoryNamesRejected()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);

    const HttpReply reply = m_service.admin("POST", u"/admin/categories"_s, body);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.json().value(u"code"_s).toString(), code);
}

void TestOnboardingApi::categoryListServed()
{
    const HttpReply json = hopstep::test::sendRequest("GET", m_service.url(u"/api/categories"_s));
    QCOMPARE(json.status, 200);
    const QJsonArray items = json.json().value(u"items"_s).toArray();
    QVERIFY(items.size() >= 10);
    const QJsonObject first = items.at(0).toObject();
    for (const QString &member : {u"id"_s, u"name"_s, u"position"_s, u"status"_s, u"aliases"_s})
        QVERIFY2(first.contains(member), qPrintable(member));

    const HttpReply csv =
        hopstep::test::sendRequest("GET", m_service.url(u"/api/categories?format=csv"_s));
    QCOMPARE(csv.status, 200);
    QVERIFY(csv.header("Content-Type").startsWith("text/csv"));
    const QList<QByteArray> lines = csv.body.split('\n');
    QCOMPARE(lines.at(0).trimmed(), QByteArray("id,name,position,status,successor_id,aliases"));
    QCOMPARE(lines.size() - 2, items.size());
    QVERIFY(csv.body.contains("\r\n"));
    const HttpReply accept = hopstep::test::sendRequest("GET", m_service.url(u"/api/categories"_s),
                                                        {}, {{"Accept", "text/csv"}});
    QCOMPARE(accept.body, csv.body);
    const HttpReply exported = m_service.admin("GET", u"/admin/categories/export?format=json"_s);
    QCOMPARE(exported.json().value(u"items"_s).toArray(), items);
    QVERIFY(exported.header("Content-Disposition").contains("hopstep-categories.json"));
}

void TestOnboardingApi::staffDeactivationStopsTokens()
{
    const HttpReply created = m_service.admin(
        "POST", u"/admin/staff"_s,
        R"({"name":"Leaving Staff","email":"Leaving@hopstep.example.org","roles":["support"]})");
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json().value(u"email"_s).toString(), u"leaving@hopstep.example.org"_s);
    const QString id = created.json().value(u"id"_s).toString();
    const QString token = m_service.admin("POST", u"/admin/staff/"_s + id + u"/tokens"_s, "{}")
                              .json()
                              .value(u"secret"_s)
                              .toString();
    QVERIFY(hopstep::isWellFormedSecret(token, hopstep::SecretKind::StaffToken));
    QCOMPARE(as(token, "GET", u"/admin/me"_s).status, 200);

    QCOMPARE(m_service.admin("PATCH", u"/admin/staff/"_s + id, R"({"active":false})").status, 200);
    const HttpReply refused = as(token, "GET", u"/admin/me"_s);
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.json().value(u"code"_s).toString(), u"staff-deactivated"_s);
    QCOMPARE(m_service.admin("PATCH", u"/admin/staff/"_s + id, R"({"active":true})").status, 200);
    QCOMPARE(as(token, "GET", u"/admin/me"_s).status, 200);

    // A role change takes effect on the next request.
    QCOMPARE(as(token, "POST", u"/admin/providers"_s, "{}").status, 403);
    QCOMPARE(
        m_service.admin("PATCH", u"/admin/staff/"_s + id, R"({"roles":["support","integrations"]})")
            .status,
        200);
    QCOMPARE(as(token, "POST", u"/admin/providers"_s, "{}").status, 422);

    const QString tokenId = m_service.admin("GET", u"/admin/staff/"_s + id)
                                .json()
                                .value(u"tokens"_s)
                                .toArray()
                                .at(0)
                                .toObject()
                                .value(u"id"_s)
                                .toString();
    QCOMPARE(m_service.admin("POST", u"/admin/staff-tokens/"_s + tokenId + u"/revoke"_s).status,
             200);
    QCOMPARE(as(token, "GET", u"/admin/me"_s).status, 401);

    const HttpReply duplicate = m_service.admin(
        "POST", u"/admin/staff"_s, R"({"name":"Other","email":"leaving@hopstep.example.org"})");
    QCOMPARE(duplicate.status, 409);
    const HttpReply badRole =
        m_service.admin("POST", u"/admin/staff"_s, R"({"name":"Other","roles":["owner"]})");
    QCOMPARE(badRole.status, 422);
}

void TestOnboardingApi::lastAdminKept()
{
    const QString self = m_service.admin("GET", u"/admin/me"_s).json().value(u"id"_s).toString();
    const HttpReply demoted =
        m_service.admin("PATCH", u"/admin/staff/"_s + self, R"({"roles":["support"]})");
    QCOMPARE(demoted.status, 409);
    QCOMPARE(demoted.json().value(u"code"_s).toString(), u"last-admin"_s);
    const HttpReply deactivated =
        m_service.admin("PATCH", u"/admin/staff/"_s + self, R"({"active":false})");
    QCOMPARE(deactivated.status, 409);
    QCOMPARE(m_service.admin("GET", u"/admin/me"_s).json().value(u"roles"_s).toArray(),
             QJsonArray{u"admin"_s});
}

void TestOnboardingApi::auditLogRecordsChanges()
{
    const QJsonObject provider = createProvider(u"Audited Care"_s);
    const QString id = provider.value(u"id"_s).toString();
    QCOMPARE(
        m_service.admin("PATCH", u"/admin/providers/"_s + id, R"({"atsName":"PageUp"})").status,
        200);
    const QString facility = createFacility(id, u"Audited Ballarat"_s).value(u"id"_s).toString();
    const QString key = issueKey(id);
    const QString jobId = postJob(key, jobFor(id, facility));
    QVERIFY(!jobId.isEmpty());
    QCOMPARE(m_service.ats("PUT", u"/api/jobs/"_s + jobId, R"({"salaryMax": 36})", key).status,
             200);

    const QJsonArray entries = m_service.admin("GET", u"/admin/audit?providerId="_s + id)
                                   .json()
                                   .value(u"items"_s)
                                   .toArray();
    QStringList actions;
    for (const QJsonValue &entry : entries)
        actions.prepend(entry.toObject().value(u"action"_s).toString());
    QCOMPARE(actions,
             (QStringList{u"provider.created"_s, u"provider.updated"_s, u"facility.created"_s,
                          u"api-key.issued"_s, u"job.created"_s, u"job.updated"_s}));

    const QJsonObject edit = entries.at(entries.size() - 2).toObject();
    QCOMPARE(edit.value(u"actor"_s).toObject().value(u"type"_s).toString(), u"staff"_s);
    QCOMPARE(edit.value(u"actor"_s).toObject().value(u"label"_s).toString(), u"Test Reviewer"_s);
    QCOMPARE(edit.value(u"before"_s).toObject(), (QJsonObject{{u"atsName"_s, u"JobAdder"_s}}));
    QCOMPARE(edit.value(u"after"_s).toObject().value(u"atsName"_s).toString(), u"PageUp"_s);
    QVERIFY(!edit.value(u"requestId"_s).toString().isEmpty());

    const QJsonObject update = entries.at(0).toObject();
    QCOMPARE(update.value(u"actor"_s).toObject().value(u"type"_s).toString(), u"key"_s);
    QCOMPARE(update.value(u"actor"_s).toObject().value(u"label"_s).toString(),
             hopstep::secretPrefix(key));
    QCOMPARE(update.value(u"entityId"_s).toString(), jobId);
    QCOMPARE(update.value(u"before"_s).toObject().value(u"salaryMax"_s).toInt(), 35);
    QCOMPARE(update.value(u"after"_s).toObject().value(u"salaryMax"_s).toInt(), 36);
    QVERIFY(!update.value(u"after"_s).toObject().contains(u"title"_s));

    // Reads leave no entry, and a PUT that changes nothing leaves none either.
    m_service.ats("GET", u"/api/jobs/"_s + jobId, {}, key);
    QCOMPARE(m_service.ats("PUT", u"/api/jobs/"_s + jobId, R"({"salaryMax": 36})", key).status,
             200);
    QCOMPARE(m_service.admin("GET", u"/admin/audit?providerId="_s + id)
                 .json()
                 .value(u"items"_s)
                 .toArray()
                 .size(),
             entries.size());
}

void TestOnboardingApi::auditLogFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::newRow("action prefix") << u"action=provider."_s << u"action"_s << u"provider."_s;
    QTest::newRow("exact action") << u"action=api-key.issued"_s << u"action"_s
                                  << u"api-key.issued"_s;
    QTest::newRow("entity type") << u"entityType=facility"_s << u"entityType"_s << u"facility"_s;
    QTest::newRow("actor name part") << u"actor=test%20rev"_s << u"actor"_s << u"Test Reviewer"_s;
}

void TestOnboardingApi::auditLogFilters()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    createFacility(createProvider(u"Filtered Care"_s).value(u"id"_s).toString(), u"Filtered"_s);
    const HttpReply reply = m_service.admin("GET", u"/admin/audit?limit=50&"_s + query);
    QCOMPARE(reply.status, 200);
    const QJsonArray items = reply.json().value(u"items"_s).toArray();
    QVERIFY(!items.isEmpty());
    for (const QJsonValue &item : items) {
        const QJsonObject entry = item.toObject();
        const QString value = field == u"actor"_s
                                  ? entry.value(u"actor"_s).toObject().value(u"label"_s).toString()
                                  : entry.value(field).toString();
        QVERIFY2(value.startsWith(expected), qPrintable(value));
    }

    // Pages join up without gaps or repeats.
    const QJsonObject first = m_service.admin("GET", u"/admin/audit?limit=3"_s).json();
    const qint64 before = first.value(u"nextBefore"_s).toInteger();
    QVERIFY(before > 0);
    const QJsonArray second =
        m_service.admin("GET", u"/admin/audit?limit=3&before="_s + QString::number(before))
            .json()
            .value(u"items"_s)
            .toArray();
    QCOMPARE(second.at(0).toObject().value(u"id"_s).toInteger(), before - 1);
    QCOMPARE(m_service.admin("GET", u"/admin/audit?limit=0"_s).status, 400);
    QCOMPARE(m_service.admin("GET", u"/admin/audit?from=yesterday"_s).status, 400);
}

QTEST_GUILESS_MAIN(TestOnboardingApi)
#include "tst_onboardingapi.moc"
