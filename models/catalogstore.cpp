#include "catalogstore.h"

#include "job.h"

#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QString providerColumns = u"id, name, active, created_at"_s;
const QString facilityColumns =
    u"id, provider_id, name, suburb, state, postcode, active, created_at"_s;

Provider readProvider(const QSqlQuery &query)
{
    Provider provider;
    provider.id = query.value(0).toString();
    provider.name = query.value(1).toString();
    provider.active = query.value(2).toInt() != 0;
    provider.createdAt = parseTimestamp(query.value(3).toString());
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
    return facility;
}

} // namespace

CatalogStore::CatalogStore(Database &database)
    : m_database(database)
{}

bool CatalogStore::addProvider(const Provider &provider, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"INSERT INTO providers (id, name, active, created_at) "
                           u"VALUES (?, ?, ?, ?)"_s,
                           {provider.id, sqlText(provider.name), provider.active ? 1 : 0,
                            formatTimestamp(provider.createdAt)},
                           error);
}

std::optional<Provider> CatalogStore::provider(const QString &id)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, u"SELECT "_s + providerColumns + u" FROM providers WHERE id = ?"_s,
                         {id}) ||
        !query.next()) {
        return std::nullopt;
    }
    return readProvider(query);
}

QList<Provider> CatalogStore::providers()
{
    QList<Provider> result;
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT "_s + providerColumns + u" FROM providers ORDER BY name, id"_s)) {
        return result;
    }
    while (query.next())
        result.append(readProvider(query));
    return result;
}

bool CatalogStore::addFacility(const Facility &facility, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(
        query,
        u"INSERT INTO facilities (id, provider_id, name, suburb, state, postcode, active, "
        u"created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {facility.id, facility.providerId, sqlText(facility.name), sqlText(facility.suburb),
         sqlText(facility.state), sqlText(facility.postcode), facility.active ? 1 : 0,
         formatTimestamp(facility.createdAt)},
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

QList<Category> CatalogStore::categories()
{
    QList<Category> result;
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT id, name, position FROM categories ORDER BY position, id"_s)) {
        return result;
    }
    while (query.next())
        result.append({query.value(0).toInt(), query.value(1).toString(), query.value(2).toInt()});
    return result;
}

} // namespace hopstep
