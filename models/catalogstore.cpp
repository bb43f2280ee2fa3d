#include "catalogstore.h"

#include "categorystore.h"
#include "job.h"
#include "publication.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QString providerColumns =
    u"p.id, p.name, p.active, p.created_at, p.contact_name, p.contact_email, p.contact_phone, "
    u"p.ats_name, p.notes, p.updated_at, p.deactivated_at, p.live_at"_s;
const QString facilityColumns =
    u"id, provider_id, name, suburb, state, postcode, active, created_at, street_address, "
    u"updated_at, deactivated_at"_s;

QVariant timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(formatTimestamp(time)) : QVariant();
}

Provider readProvider(const QSqlQuery &query)
{
    Provider provider;
    provider.id = query.value(0).toString();
    provider.name = query.value(1).toString();
    provider.active = query.value(2).toInt() != 0;
    provider.createdAt = parseTimestamp(query.value(3).toString());
    provider.contactName = query.value(4).toString();
    provider.contactEmail = query.value(5).toString();
    provider.contactPhone = query.value(6).toString();
    provider.atsName = query.value(7).toString();
    provider.notes = query.value(8).toString();
    provider.updatedAt = parseTimestamp(query.value(9).toString());
    provider.deactivatedAt = parseTimestamp(query.value(10).toString());
    provider.liveAt = parseTimestamp(query.value(11).toString());
    return provider;
}

Facility readFacility(const QSqlQuery &query)
{
    Facility facility;
    facility.id = query.value(0).toString();
    facility.providerId = query.value(1).toString();
    facility.name = query.value(2).toString();
    facility.suburb = query.value(3).toString();
    facility.state = query.value(4).toString();
    facility.postcode = query.value(5).toString();
    facility.active = query.value(6).toInt() != 0;
    facility.createdAt = parseTimestamp(query.value(7).toString());
    facility.streetAddress = query.value(8).toString();
    facility.updatedAt = parseTimestamp(query.value(9).toString());
    facility.deactivatedAt = parseTimestamp(query.value(10).toString());
    return facility;
}

// The counts of the providers list, one subquery each, so that one SELECT returns the list.
QString summaryColumns()
{
    return u", (SELECT COUNT(*) FROM facilities f WHERE f.provider_id = p.id AND f.active = 1)"
           u", (SELECT COUNT(*) FROM api_keys k WHERE k.provider_id = p.id AND "
           u"k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?))"
           u", (SELECT COUNT(*) FROM jobs j JOIN facilities f ON f.id = j.facility_id "
           u"WHERE j.provider_id = p.id AND "_s +
           publishedJobCondition() +
           u")"
           u", (SELECT COUNT(*) FROM jobs j WHERE j.provider_id = p.id AND "
           u"j.held_until_live = 1 AND j.deleted_at IS NULL)"
           u", (SELECT COUNT(*) FROM onboarding_steps s WHERE s.provider_id = p.id)"_s;
}

ProviderSummary readSummary(const QSqlQuery &query)
{
    ProviderSummary summary;
    summary.provider = readProvider(query);
    summary.facilities = query.value(12).toInt();
    summary.activeKeys = query.value(13).toInt();
    summary.liveJobs = query.value(14).toInt();
    summary.heldJobs = query.value(15).toInt();
    summary.onboardingStepsDone = query.value(16).toInt();
    return summary;
}

} // namespace

CatalogStore::CatalogStore(Database &database)
    : m_database(database)
{}

bool CatalogStore::addProvider(const Provider &provider, QString *error)
{
    const QDateTime updated =
        provider.updatedAt.isValid() ? provider.updatedAt : provider.createdAt;
    QSqlQuery query = m_database.query();
    return m_database.exec(
        query,
        u"INSERT INTO providers (id, name, active, created_at, contact_name, contact_email, "
        u"contact_phone, ats_name, notes, updated_at, deactivated_at, live_at) "
        u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {provider.id, sqlText(provider.name), provider.active ? 1 : 0,
         formatTimestamp(provider.createdAt), sqlText(provider.contactName),
         sqlText(provider.contactEmail), sqlText(provider.contactPhone), sqlText(provider.atsName),
         sqlText(provider.notes), formatTimestamp(updated), timestampOrNull(provider.deactivatedAt),
         timestampOrNull(provider.liveAt)},
        error);
}

std::optional<Provider> CatalogStore::provider(const QString &id)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(
            query, u"SELECT "_s + providerColumns + u" FROM providers p WHERE p.id = ?"_s, {id}) ||
        !query.next()) {
        return std::nullopt;
    }
    return readProvider(query);
}

QList<Provider> CatalogStore::providers()
{
    QList<Provider> result;
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, u"SELECT "_s + providerColumns +
                                    u" FROM providers p ORDER BY p.name, p.id"_s)) {
        return result;
    }
    while (query.next())
        result.append(readProvider(query));
    return result;
}

QList<ProviderSummary> CatalogStore::providerSummaries(const QDateTime &now, bool *ok)
{
    QList<ProviderSummary> result;
    QSqlQuery query = m_database.query();
    const bool listed = m_database.exec(query,
                                        u"SELECT "_s + providerColumns + summaryColumns() +
                                            u" FROM providers p ORDER BY p.name, p.id"_s,
                                        {formatTimestamp(now)});
    if (ok)
        *ok = listed;
    if (!listed)
        return result;
    while (query.next())
        result.append(readSummary(query));
    return result;
}

std::optional<ProviderSummary> CatalogStore::providerSummary(const QString &id,
                                                             const QDateTime &now)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT "_s + providerColumns + summaryColumns() +
                             u" FROM providers p WHERE p.id = ?"_s,
                         {formatTimestamp(now), id}) ||
        !query.next()) {
        return std::nullopt;
    }
    return readSummary(query);
}

std::optional<Provider> CatalogStore::providerNamed(const QString &name, const QString &exceptId)
{
    const QString key = categoryMatchKey(name);
    const QList<Provider> all = providers();
    for (const Provider &provider : all) {
        if (provider.id != exceptId && categoryMatchKey(provider.name) == key)
            return provider;
    }
    return std::nullopt;
}

bool CatalogStore::updateProvider(const Provider &provider, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"UPDATE providers SET name = ?, contact_name = ?, contact_email = ?, "
                           u"contact_phone = ?, ats_name = ?, notes = ?, updated_at = ? "
                           u"WHERE id = ?"_s,
                           {sqlText(provider.name), sqlText(provider.contactName),
                            sqlText(provider.contactEmail), sqlText(provider.contactPhone),
                            sqlText(provider.atsName), sqlText(provider.notes),
                            formatTimestamp(provider.updatedAt), provider.id},
                           error);
}

bool CatalogStore::setProviderActive(const QString &id, bool active, const QDateTime &time,
                                     QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(
        query,
        active ? u"UPDATE providers SET active = 1, deactivated_at = NULL, updated_at = ? "
                 u"WHERE id = ?"_s
               : u"UPDATE providers SET active = 0, deactivated_at = ?, updated_at = ? "
                 u"WHERE id = ?"_s,
        active ? QVariantList{formatTimestamp(time), id}
               : QVariantList{formatTimestamp(time), formatTimestamp(time), id},
        error);
}

bool CatalogStore::setProviderLive(const QString &id, const QDateTime &time, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"UPDATE providers SET live_at = ?, updated_at = ? WHERE id = ?"_s,
                           {formatTimestamp(time), formatTimestamp(time), id}, error);
}

bool CatalogStore::addFacility(const Facility &facility, QString *error)
{
    const QDateTime updated =
        facility.updatedAt.isValid() ? facility.updatedAt : facility.createdAt;
    QSqlQuery query = m_database.query();
    return m_database.exec(
        query,
        u"INSERT INTO facilities (id, provider_id, name, suburb, state, postcode, active, "
        u"created_at, street_address, updated_at, deactivated_at) "
        u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {facility.id, facility.providerId, sqlText(facility.name), sqlText(facility.suburb),
         sqlText(facility.state), sqlText(facility.postcode), facility.active ? 1 : 0,
         formatTimestamp(facility.createdAt), sqlText(facility.streetAddress),
         formatTimestamp(updated), timestampOrNull(facility.deactivatedAt)},
        error);
}

std::optional<Facility> CatalogStore::facility(const QString &id)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, u"SELECT "_s + facilityColumns + u" FROM facilities WHERE id = ?"_s,
                         {id}) ||
        !query.next()) {
        return std::nullopt;
    }
    return readFacility(query);
}

QList<Facility> CatalogStore::facilities(const QString &providerId)
{
    QList<Facility> result;
    QSqlQuery query = m_database.query();
    const bool ok =
        providerId.isEmpty()
            ? m_database.exec(query, u"SELECT "_s + facilityColumns +
                                         u" FROM facilities ORDER BY provider_id, name, id"_s)
            : m_database.exec(query,
                              u"SELECT "_s + facilityColumns +
                                  u" FROM facilities WHERE provider_id = ? ORDER BY name, id"_s,
                              {providerId});
    if (!ok)
        return result;
    while (query.next())
        result.append(readFacility(query));
    return result;
}

bool CatalogStore::updateFacility(const Facility &facility, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"UPDATE facilities SET name = ?, street_address = ?, suburb = ?, "
                           u"state = ?, postcode = ?, updated_at = ? WHERE id = ?"_s,
                           {sqlText(facility.name), sqlText(facility.streetAddress),
                            sqlText(facility.suburb), sqlText(facility.state),
                            sqlText(facility.postcode), formatTimestamp(facility.updatedAt),
                            facility.id},
                           error);
}

bool CatalogStore::setFacilityActive(const QString &id, bool active, const QDateTime &time,
                                     QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(
        query,
        active ? u"UPDATE facilities SET active = 1, deactivated_at = NULL, updated_at = ? "
                 u"WHERE id = ?"_s
               : u"UPDATE facilities SET active = 0, deactivated_at = ?, updated_at = ? "
                 u"WHERE id = ?"_s,
        active ? QVariantList{formatTimestamp(time), id}
               : QVariantList{formatTimestamp(time), formatTimestamp(time), id},
        error);
}

QList<Category> CatalogStore::categories()
{
    return CategoryStore(m_database).categories();
}

} // namespace hopstep
