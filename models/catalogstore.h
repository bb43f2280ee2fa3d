#pragma once

#include "catalog.h"
#include "database.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace hopstep {

// Providers, their facilities and the official category list.
class CatalogStore
{
public:
    explicit CatalogStore(Database &database);

    bool addProvider(const Provider &provider, QString *error = nullptr);
    std::optional<Provider> provider(const QString &id);
    QList<Provider> providers();
    // Every provider with its counts, by name, counted at time now.
    QList<ProviderSummary> providerSummaries(const QDateTime &now, bool *ok = nullptr);
    std::optional<ProviderSummary> providerSummary(const QString &id, const QDateTime &now);
    // Finds a provider whose name matches name ignoring case and spacing, other than exceptId.
    std::optional<Provider> providerNamed(const QString &name, const QString &exceptId = {});
    // Writes the name, contact details, ATS name, notes and updatedAt.
    bool updateProvider(const Provider &provider, QString *error = nullptr);
    bool setProviderActive(const QString &id, bool active, const QDateTime &time,
                           QString *error = nullptr);
    bool setProviderLive(const QString &id, const QDateTime &time, QString *error = nullptr);

    bool addFacility(const Facility &facility, QString *error = nullptr);
    std::optional<Facility> facility(const QString &id);
    QList<Facility> facilities(const QString &providerId = QString());
    // Writes the name, address and updatedAt.
    bool updateFacility(const Facility &facility, QString *error = nullptr);
    bool setFacilityActive(const QString &id, bool active, const QDateTime &time,
                           QString *error = nullptr);

    // The official list in its published order, retired categories and aliases included.
    QList<Category> categories();

private:
    Database &m_database;
};

} // namespace hopstep
