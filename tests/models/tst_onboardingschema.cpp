// Schema version 3 on a database that an earlier release wrote: staff tokens keep working as
// admins, providers stay live, and the job history moves into the audit log. The upgrade runs
// on a SQLite file, and also on PostgreSQL when HOPSTEP_TEST_POSTGRES_URL names an empty
// database the test may wipe, such as postgresql://hopstep@127.0.0.1:55432/hopstep_test.

#include "auditlog.h"
#include "catalogstore.h"
#include "credentialstore.h"
#include "database.h"
#include "jobstore.h"
#include "onboarding.h"
#include "secrets.h"
#include "staffstore.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hopstep;

class TestOnboardingSchema : public QObject
{
    Q_OBJECT

private slots:
    void earlierDatabaseUpgrades_data();
    void earlierDatabaseUpgrades();
    void freshDatabaseHasNoStaff();
};

void TestOnboardingSchema::earlierDatabaseUpgrades_data()
{
    QTest::addColumn<QString>("location");

    QTest::newRow("sqlite") << QString();
    const QString postgres = qEnvironmentVariable("HOPSTEP_TEST_POSTGRES_URL");
    if (!postgres.isEmpty())
        QTest::newRow("postgresql") << postgres;
}

void TestOnboardingSchema::earlierDatabaseUpgrades()
{
    QFETCH(QString, location);

    QTemporaryDir directory;
    const QString path = location.isEmpty() ? directory.filePath(u"v2.sqlite"_s) : location;
    QString error;
    if (!location.isEmpty()) {
        // Start from an empty schema, as a database that an earlier release never touched.
        const auto empty = Database::open(location, &error, 0);
        QVERIFY2(empty, qPrintable(error));
        QSqlQuery reset = empty->query();
        QVERIFY(empty->exec(reset, u"DROP SCHEMA public CASCADE"_s));
        QVERIFY(empty->exec(reset, u"CREATE SCHEMA public"_s));
    }
    const IssuedSecret token = issueSecret(SecretKind::StaffToken);
    const IssuedSecret renewed = issueSecret(SecretKind::StaffToken);
    {
        const auto database = Database::open(path, &error, 2);
        QVERIFY2(database, qPrintable(error));
        QSqlQuery query = database->query();
        QVERIFY(database->exec(query, u"INSERT INTO providers (id, name, active, created_at) "
                                      u"VALUES ('p1', 'Old Provider', 1, "
                                      u"'2025-01-01T00:00:00.000Z')"_s));
        QVERIFY(database->exec(query, u"INSERT INTO facilities (id, provider_id, name, "
                                      u"created_at) VALUES ('f1', 'p1', 'Old Facility', "
                                      u"'2025-01-01T00:00:00.000Z')"_s));
        QVERIFY(database->exec(
            query,
            u"INSERT INTO jobs (id, provider_id, facility_id, title, description_html, "
            u"description_text, category_id, work_types, suburb, state, postcode, apply_url, "
            u"status, version, created_at, updated_at) VALUES ('j1', 'p1', 'f1', 'Cook', "
            u"'<p>Cook</p>', 'Cook', 8, 'FULL_TIME', 'Richmond', 'VIC', '3121', "
            u"'https://clientats.com/a', 'CLOSED', 2, '2025-01-01T00:00:00.000Z', "
            u"'2025-01-02T00:00:00.000Z')"_s));
        QVERIFY(database->exec(query,
                               u"INSERT INTO job_events (job_id, occurred_at, actor, action, "
                               u"status_before, status_after) VALUES ('j1', "
                               u"'2025-01-01T00:00:00.000Z', 'key hsk_AbCdEfGh', 'created', "
                               u"NULL, 'ACTIVE'), ('j1', '2025-01-02T00:00:00.000Z', "
                               u"'staff Alex Chen', 'status changed', 'ACTIVE', 'CLOSED')"_s));
        // Two tokens of one person, as the console's local server leaves after a renewal.
        for (const IssuedSecret &secret : {token, renewed}) {
            QVERIFY(database->exec(query,
                                   u"INSERT INTO staff_tokens (id, name, prefix, secret_hash, "
                                   u"created_at) VALUES (?, 'Alex Chen', ?, ?, "
                                   u"'2025-01-01T00:00:00.000Z')"_s,
                                   {secret.prefix, secret.prefix, secret.hash}));
        }
    }

    const auto upgraded = Database::open(path, &error);
    QVERIFY2(upgraded, qPrintable(error));

    CredentialStore credentials(*upgraded);
    for (const IssuedSecret &secret : {token, renewed}) {
        const std::optional<StaffTokenRecord> record = credentials.staffTokenByHash(secret.hash);
        QVERIFY(record);
        QVERIFY(record->staffActive);
        QCOMPARE(record->roles, StaffRoles(StaffRole::Admin));
        QCOMPARE(record->staffName, u"Alex Chen"_s);
    }
    QCOMPARE(StaffStore(*upgraded).members().size(), 1);
    QCOMPARE(StaffStore(*upgraded).members().constFirst().activeTokens, 2);

    const std::optional<Provider> provider = CatalogStore(*upgraded).provider(u"p1"_s);
    QVERIFY(provider);
    QVERIFY(provider->isLive());
    QCOMPARE(OnboardingStore(*upgraded).progress(u"p1"_s).doneCount(), 6);

    const std::optional<Job> job = JobStore(*upgraded).find(u"j1"_s);
    QVERIFY(job);
    QCOMPARE(job->content.categorySent, u"Kitchen / Catering"_s);
    QVERIFY(!job->content.heldUntilLive);

    AuditFilter filter;
    filter.entityId = u"j1"_s;
    const QList<AuditEntry> history = AuditLog(*upgraded).entries(filter);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(0).action, u"job.status-changed"_s);
    QCOMPARE(history.at(0).actor.kind, Actor::Kind::Staff);
    QCOMPARE(history.at(0).actor.label, u"Alex Chen"_s);
    QCOMPARE(history.at(0).before.toObject().value(u"status"_s).toString(), u"ACTIVE"_s);
    QCOMPARE(history.at(0).after.toObject().value(u"status"_s).toString(), u"CLOSED"_s);
    QCOMPARE(history.at(1).action, u"job.created"_s);
    QCOMPARE(history.at(1).actor.kind, Actor::Kind::ApiKey);
    QCOMPARE(history.at(1).actor.label, u"hsk_AbCdEfGh"_s);
    QCOMPARE(history.at(1).providerId, u"p1"_s);
    QVERIFY(history.at(1).before.isNull());

    const QList<Category> categories = CatalogStore(*upgraded).categories();
    QCOMPARE(categories.size(), 10);
    QVERIFY(categories.constFirst().aliases.isEmpty());
    QVERIFY(!categories.constFirst().isRetired());
}

void TestOnboardingSchema::freshDatabaseHasNoStaff()
{
    QTemporaryDir directory;
    QString error;
    const auto database = Database::open(directory.filePath(u"fresh.sqlite"_s), &error);
    QVERIFY2(database, qPrintable(error));
    QVERIFY(StaffStore(*database).members().isEmpty());
    QCOMPARE(StaffStore(*database).activeAdminCount(), 0);
    QVERIFY(AuditLog(*database).entries({}).isEmpty());
}

QTEST_GUILESS_MAIN(TestOnboardingSchema)
#include "tst_onboardingschema.moc"
