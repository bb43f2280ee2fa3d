#include "catalogstore.h"
#include "database.h"
#include "jobstore.h"
#include "migrations.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hopstep;

class TestMigrations : public QObject
{
    Q_OBJECT

private slots:
    void freshDatabaseIsLatest();
    void olderDatabaseUpgradesInPlace();
    void reopeningChangesNothing();
    void newerDatabaseRejected();
    void pragmasForDurability();
    void unwritableLocationReported();
};

void TestMigrations::freshDatabaseIsLatest()
{
    QTemporaryDir directory;
    QString error;
    const auto database = Database::open(directory.filePath(u"fresh.sqlite"_s), &error);
    QVERIFY2(database, qPrintable(error));
    QCOMPARE(database->schemaVersion(), latestSchemaVersion());
    QCOMPARE(CatalogStore(*database).categories().size(), 10);
}

void TestMigrations::olderDatabaseUpgradesInPlace()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(u"old.sqlite"_s);
    QString error;
    {
        // A database as the first release left it, with a job in it.
        const auto database = Database::open(path, &error, 1);
        QVERIFY2(database, qPrintable(error));
        QCOMPARE(database->schemaVersion(), 1);
        QSqlQuery query = database->query();
        QVERIFY(!query.exec(u"SELECT COUNT(*) FROM job_events"_s));
        QVERIFY(database->exec(query,
                               u"INSERT INTO providers (id, name, active, created_at) VALUES "
                               u"('p1', 'Old Provider', 1, '2025-01-01T00:00:00.000Z')"_s));
        QVERIFY(database->exec(query,
                               u"INSERT INTO facilities (id, provider_id, name, created_at) VALUES "
                               u"('f1', 'p1', 'Old Facility', '2025-01-01T00:00:00.000Z')"_s));
        QVERIFY(database->exec(
            query,
            u"INSERT INTO jobs (id, provider_id, facility_id, title, description_html, "
            u"description_text, category_id, work_types, suburb, state, postcode, apply_url, "
            u"status, version, created_at, updated_at) VALUES ('j1', 'p1', 'f1', 'Cook', "
            u"'<p>Cook</p>', 'Cook', 8, 'FULL_TIME', 'Richmond', 'VIC', '3121', "
            u"'https://clientats.com/a', 'ACTIVE', 1, '2025-01-01T00:00:00.000Z', "
            u"'2025-01-01T00:00:00.000Z')"_s));
    }
    const auto upgraded = Database::open(path, &error);
    QVERIFY2(upgraded, qPrintable(error));
    QCOMPARE(upgraded->schemaVersion(), latestSchemaVersion());
    JobStore jobs(*upgraded);
    const std::optional<Job> job = jobs.find(u"j1"_s);
    QVERIFY(job);
    QCOMPARE(job->content.title, u"Cook"_s);
    QCOMPARE(job->content.categoryName, u"Kitchen / Catering"_s);
    QCOMPARE(job->providerName, u"Old Provider"_s);
    QVERIFY(jobs.addEvent(u"j1"_s, QDateTime::currentDateTimeUtc(), u"test"_s, u"updated"_s,
                          u"ACTIVE"_s, u"ACTIVE"_s));
}

void TestMigrations::reopeningChangesNothing()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(u"twice.sqlite"_s);
    QString error;
    QVERIFY(Database::open(path, &error));
    const auto again = Database::open(path, &error);
    QVERIFY2(again, qPrintable(error));
    QSqlQuery query = again->query();
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM schema_migrations"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), int(migrations().size()));
    QCOMPARE(CatalogStore(*again).categories().size(), 10);
}

void TestMigrations::newerDatabaseRejected()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(u"future.sqlite"_s);
    QString error;
    {
        const auto database = Database::open(path, &error);
        QVERIFY(database);
        QSqlQuery query = database->query();
        QVERIFY(database->exec(query,
                               u"INSERT INTO schema_migrations (version, description, applied_at) "
                               u"VALUES (999, 'from the future', '2030-01-01T00:00:00.000Z')"_s));
    }
    QVERIFY(!Database::open(path, &error));
    QVERIFY2(error.contains(u"schema version 999"_s), qPrintable(error));
    QVERIFY2(error.contains(u"newer hopstep-api"_s), qPrintable(error));
}

void TestMigrations::pragmasForDurability()
{
    QTemporaryDir directory;
    QString error;
    const auto database = Database::open(directory.filePath(u"pragmas.sqlite"_s), &error);
    QVERIFY(database);
    QSqlQuery query = database->query();
    QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"wal"_s);
    QVERIFY(query.exec(u"PRAGMA synchronous"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 2); // FULL
    QVERIFY(query.exec(u"PRAGMA foreign_keys"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void TestMigrations::unwritableLocationReported()
{
    QTemporaryDir directory;
    const QString blocker = directory.filePath(u"file"_s);
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    // A path below a regular file cannot be created.
    QVERIFY(!Database::open(blocker + u"/db.sqlite"_s, &error));
    QVERIFY2(!error.isEmpty(), "no error message");
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
