#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace hopstep {

// An entry of the official category list; ATSes map their own categories onto these ids.
struct Category
{
    int id = 0;
    QString name;
    int position = 0;
};

struct Provider
{
    QString id;
    QString name;
    bool active = true;
    QDateTime createdAt;
};

// One work location of a provider.
struct Facility
{
    QString id;
    QString providerId;
    QString name;
    QString suburb;
    QString state;
    QString postcode;
    bool active = true;
    QDateTime createdAt;
};

QJsonObject categoryToJson(const Category &category);
QJsonObject providerToJson(const Provider &provider);
QJsonObject facilityToJson(const Facility &facility);

// Key for matching category names: case-folded with all white space removed, so
// "  aged care   assistant" matches "Aged Care Assistant".
QString categoryMatchKey(const QString &name);
std::optional<Category> findCategoryByName(const QList<Category> &categories, const QString &name);
std::optional<Category> findCategoryById(const QList<Category> &categories, int id);
// The official names most like name, best first, for the error sent with an unknown category.
QStringList closestCategoryNames(const QList<Category> &categories, const QString &name,
                                 int count = 3);

} // namespace hopstep
