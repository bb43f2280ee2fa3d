#include "onboardingschema.h"

#include "job.h"
#include "onboarding.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QStringList providerColumns()
{
    return {
        u"ALTER TABLE providers ADD COLUMN contact_name TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE providers ADD COLUMN contact_email TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE providers ADD COLUMN contact_phone TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE providers ADD COLUMN ats_name TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE providers ADD COLUMN notes TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE providers ADD COLUMN updated_at TEXT"_s,
        u"ALTER TABLE providers ADD COLUMN deactivated_at TEXT"_s,
        u"ALTER TABLE providers ADD COLUMN live_at TEXT"_s,
        u"UPDATE providers SET updated_at = created_at, live_at = created_at"_s,

        u"ALTER TABLE facilities ADD COLUMN street_address TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE facilities ADD COLUMN updated_at TEXT"_s,
        u"ALTER TABLE facilities ADD COLUMN deactivated_at TEXT"_s,
        u"UPDATE facilities SET updated_at = created_at"_s,
    };
}

QStringList onboardingSteps(const QString &migratedBy)
{
    QStringList statements = {
        u"CREATE TABLE onboarding_steps ("
        "  provider_id TEXT NOT NULL REFERENCES providers(id),"
        "  step TEXT NOT NULL,"
        "  completed_at TEXT NOT NULL,"
        "  completed_by TEXT NOT NULL,"
        "  detail TEXT NOT NULL DEFAULT '',"
        "  PRIMARY KEY (provider_id, step))"_s,
    };
    for (OnboardingStep step : hopstep::onboardingSteps()) {
        statements.append(u"INSERT INTO onboarding_steps (provider_id, step, completed_at, "
                          u"completed_by, detail) SELECT id, '%1', created_at, '%2', '' "
                          u"FROM providers"_s.arg(onboardingStepName(step), migratedBy));
    }
    return statements;
}

QStringList keyColumns()
{
    return {
        u"ALTER TABLE api_keys ADD COLUMN expires_at TEXT"_s,
        u"ALTER TABLE api_keys ADD COLUMN created_by TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE api_keys ADD COLUMN revoked_by TEXT"_s,
        u"ALTER TABLE api_keys ADD COLUMN successor_id TEXT REFERENCES api_keys(id)"_s,
        u"CREATE INDEX api_keys_by_provider ON api_keys(provider_id, created_at)"_s,
    };
}

QStringList categoryColumns(const QString &now)
{
    return {
        u"ALTER TABLE categories ADD COLUMN retired_at TEXT"_s,
        u"ALTER TABLE categories ADD COLUMN successor_id INTEGER REFERENCES categories(id)"_s,
        u"ALTER TABLE categories ADD COLUMN created_at TEXT"_s,
        u"ALTER TABLE categories ADD COLUMN updated_at TEXT"_s,
        u"UPDATE categories SET created_at = '%1', updated_at = '%1'"_s.arg(now),
        // Former names, matched like names: case-folded with white space removed.
        u"CREATE TABLE category_aliases ("
        "  match_key TEXT PRIMARY KEY,"
        "  name TEXT NOT NULL,"
        "  category_id INTEGER NOT NULL REFERENCES categories(id),"
        "  created_at TEXT NOT NULL)"_s,
        u"CREATE INDEX category_aliases_by_category ON category_aliases(category_id)"_s,

        u"ALTER TABLE jobs ADD COLUMN category_sent TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE jobs ADD COLUMN category_via_alias INTEGER NOT NULL DEFAULT 0"_s,
        u"ALTER TABLE jobs ADD COLUMN held_until_live INTEGER NOT NULL DEFAULT 0"_s,
        u"UPDATE jobs SET category_sent = (SELECT c.name FROM categories c "
        "  WHERE c.id = jobs.category_id)"_s,
        u"CREATE INDEX jobs_by_category ON jobs(category_id, status)"_s,
    };
}

QStringList staffAccounts()
{
    return {
        u"CREATE TABLE staff ("
        "  id TEXT PRIMARY KEY,"
        "  name TEXT NOT NULL,"
        "  email TEXT NOT NULL DEFAULT '',"
        "  roles TEXT NOT NULL DEFAULT '',"
        "  active INTEGER NOT NULL DEFAULT 1,"
        "  created_at TEXT NOT NULL,"
        "  updated_at TEXT NOT NULL)"_s,
        u"CREATE UNIQUE INDEX staff_by_email ON staff(email) WHERE email <> ''"_s,
        // Tokens made before accounts existed were all-powerful, so their owners become admins.
        u"INSERT INTO staff (id, name, email, roles, active, created_at, updated_at) "
        "SELECT MIN(id), name, '', 'admin', 1, MIN(created_at), MIN(created_at) "
        "FROM staff_tokens GROUP BY name"_s,
        u"ALTER TABLE staff_tokens ADD COLUMN staff_id TEXT REFERENCES staff(id)"_s,
        u"ALTER TABLE staff_tokens ADD COLUMN label TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE staff_tokens ADD COLUMN revoked_by TEXT"_s,
        u"UPDATE staff_tokens SET staff_id = (SELECT s.id FROM staff s "
        "  WHERE s.name = staff_tokens.name)"_s,
        u"CREATE INDEX staff_tokens_by_staff ON staff_tokens(staff_id)"_s,
    };
}

QStringList auditLog(Database::Driver driver)
{
    const QString id = driver == Database::Driver::Postgres
                           ? u"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"_s
                           : u"INTEGER PRIMARY KEY AUTOINCREMENT"_s;
    return {
        u"CREATE TABLE audit_log ("
        "  id "_s +
            id +
            u","
            "  occurred_at TEXT NOT NULL,"
            "  actor_type TEXT NOT NULL,"
            "  actor_id TEXT NOT NULL DEFAULT '',"
            "  actor_label TEXT NOT NULL,"
            "  action TEXT NOT NULL,"
            "  entity_type TEXT NOT NULL,"
            "  entity_id TEXT NOT NULL,"
            "  provider_id TEXT,"
            "  summary TEXT NOT NULL DEFAULT '',"
            "  before_json TEXT,"
            "  after_json TEXT,"
            "  request_id TEXT)"_s,
        u"CREATE INDEX audit_log_by_time ON audit_log(occurred_at)"_s,
        u"CREATE INDEX audit_log_by_entity ON audit_log(entity_type, entity_id)"_s,
        u"CREATE INDEX audit_log_by_provider ON audit_log(provider_id, id)"_s,
        u"CREATE INDEX audit_log_by_action ON audit_log(action)"_s,

        // The job history moves into the audit log. job_events stays, unwritten, as a record.
        u"INSERT INTO audit_log (occurred_at, actor_type, actor_id, actor_label, action, "
        "  entity_type, entity_id, provider_id, summary, before_json, after_json) "
        "SELECT e.occurred_at,"
        "  CASE WHEN e.actor LIKE 'key %' THEN 'key'"
        "       WHEN e.actor LIKE 'staff %' THEN 'staff' ELSE 'system' END,"
        "  '',"
        "  CASE WHEN e.actor LIKE 'key %' THEN substr(e.actor, 5)"
        "       WHEN e.actor LIKE 'staff %' THEN substr(e.actor, 7) ELSE e.actor END,"
        "  CASE e.action WHEN 'created' THEN 'job.created'"
        "                WHEN 'updated' THEN 'job.updated'"
        "                WHEN 'status changed' THEN 'job.status-changed'"
        "                WHEN 'deleted' THEN 'job.deleted'"
        "                ELSE 'job.' || e.action END,"
        "  'job', e.job_id, j.provider_id,"
        "  'Job ' || e.action || ' (from the job history kept before the audit log).',"
        "  CASE WHEN e.status_before IS NULL THEN NULL"
        "       ELSE '{\"status\":\"' || e.status_before || '\"}' END,"
        "  CASE WHEN e.status_after IS NULL THEN NULL"
        "       ELSE '{\"status\":\"' || e.status_after || '\"}' END "
        "FROM job_events e JOIN jobs j ON j.id = e.job_id ORDER BY e.id"_s,
    };
}

} // namespace

QStringList onboardingSchema(Database::Driver driver)
{
    const QString now = formatTimestamp(QDateTime::currentDateTimeUtc());
    QStringList statements;
    statements << providerColumns() << onboardingSteps(u"schema migration"_s) << keyColumns()
               << categoryColumns(now) << staffAccounts() << auditLog(driver);
    return statements;
}

} // namespace hopstep
