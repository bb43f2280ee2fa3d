#pragma once

#include "catalog.h"
#include "database.h"

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

    bool addFacility(const Facility &facility, QString *error = nullptr);
    std::optional<Facility> facility(const QString &id);
    QList<Facility> facilities(const QString &providerId = QString());

    // The official list in its published order.
    QList<Category> categories();

private:
    Database &m_database;
};

} // namespace hopstep
