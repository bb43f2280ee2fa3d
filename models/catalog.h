#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace hopstep {

// An entry of the official category list; ATSes map their own categories onto these ids.
struct Category
{
    int id = 0;
    QString name;
    int position = 0;
    // Former names, oldest first. A job sent with one is stored under this category, with a
    // warning that asks the ATS to update its mapping.
    QStringList aliases{};
    // Set when the category was retired: new jobs with it are rejected, existing jobs keep it.
    QDateTime retiredAt{};
    int successorId = 0; // the category suggested in its place, or 0
    QDateTime createdAt{};
    QDateTime updatedAt{};

    bool isRetired() const { return retiredAt.isValid(); }
};

// An organisation that posts jobs through its ATS.
struct Provider
{
    QString id;
    QString name;
    bool active = true;
    QDateTime createdAt;
    // Members added after the first release have initializers, so older aggregate
    // initializations of Provider, Facility and Category still compile without warnings.
    QString contactName{};
    QString contactEmail{};
    QString contactPhone{};
    QString atsName{}; // the applicant tracking system the provider uses
    QString notes{};
    QDateTime updatedAt{};
    QDateTime deactivatedAt{}; // when it was last deactivated; null while it is active
    // When the integration went live. Until then the provider's jobs are held as PENDING and
    // never shown to candidates.
    QDateTime liveAt{};

    bool isLive() const { return liveAt.isValid(); }
};

// A provider with the counts the providers list shows.
struct ProviderSummary
{
    Provider provider;
    int facilities = 0;          // active facilities
    int activeKeys = 0;          // keys that are neither revoked nor expired
    int liveJobs = 0;            // jobs candidates see
    int heldJobs = 0;            // jobs held until the integration goes live
    int onboardingStepsDone = 0; // of the six steps of the integration guide
};

QJsonObject providerSummaryToJson(const ProviderSummary &summary);
ProviderSummary providerSummaryFromJson(const QJsonObject &object);

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
    QString streetAddress{};
    QDateTime updatedAt{};
    QDateTime deactivatedAt{};
};

// The official list as GET /api/categories and the exports show it: id, name, position,
// status ("active" or "retired"), aliases, and for a retired one retiredAt and successorId.
QJsonObject categoryToJson(const Category &category);
Category categoryFromJson(const QJsonObject &object);
QJsonObject providerToJson(const Provider &provider);
Provider providerFromJson(const QJsonObject &object);
QJsonObject facilityToJson(const Facility &facility);
Facility facilityFromJson(const QJsonObject &object);
// "12 Smith Street, Richmond VIC 3121", or the parts there are.
QString facilityAddress(const Facility &facility);

// The category list for an ATS to map: CSV (RFC 4180, with a header row) and JSON with the
// same columns. Active categories come first in their order, then the retired ones.
QByteArray categoriesToCsv(const QList<Category> &categories);
QJsonObject categoriesToJsonDocument(const QList<Category> &categories);
QList<Category> inPublishedOrder(QList<Category> categories);

// Key for matching category names: case-folded with all white space removed, so
// "  aged care   assistant" matches "Aged Care Assistant".
QString categoryMatchKey(const QString &name);
std::optional<Category> findCategoryByName(const QList<Category> &categories, const QString &name);
std::optional<Category> findCategoryById(const QList<Category> &categories, int id);
// The official names most like name, best first, for the error sent with an unknown category.
// Retired categories are never suggested.
QStringList closestCategoryNames(const QList<Category> &categories, const QString &name,
                                 int count = 3);

// The result of mapping the category a job was sent with onto the official list.
struct CategoryMatch
{
    std::optional<Category> category; // set when the job may be stored with it
    bool viaAlias = false;            // the sent name is a former name of category
    QString errorCode;                // "unknown-category" or "retired-category" when rejected
    QString error;
    QList<std::pair<QString, QString>> warnings; // code and message
};

// Maps sent (a name or an id as text, already normalised) onto categories. A retired category
// is rejected unless its id is keptCategoryId, the one the job already has, which stays until
// the ATS changes it. shownAs is the value as the ATS sent it, for messages.
CategoryMatch matchCategory(const QList<Category> &categories, const QString &sent, bool sentAsId,
                            int keptCategoryId, const QString &shownAs);

} // namespace hopstep
