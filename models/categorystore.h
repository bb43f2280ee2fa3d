#pragma once

#include "catalog.h"
#include "database.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace hopstep {

// A job that arrived with a former category name, for the console's list of ATSes whose
// mapping is out of date.
struct AliasJob
{
    QString jobId;
    QString title;
    QString providerId;
    QString providerName;
    QString categorySent; // the name as the ATS sent it
    int categoryId = 0;
    QString categoryName; // the category's current name
    QDateTime receivedAt;
    QDateTime updatedAt;
};

QJsonObject aliasJobToJson(const AliasJob &job);
AliasJob aliasJobFromJson(const QJsonObject &object);

// The official category list and its former names. Ids are never reused: a category is
// retired, never deleted, because jobs keep referring to it.
class CategoryStore
{
public:
    explicit CategoryStore(Database &database);

    // Every category with its aliases, in position order; retired ones included.
    QList<Category> categories(bool *ok = nullptr);
    std::optional<Category> category(int id);

    // Adds a category at the end of the list and returns its new id, or 0.
    int add(const QString &name, const QDateTime &time, QString *error = nullptr);
    // Renames a category and keeps the old name as an alias.
    bool rename(int id, const QString &name, const QDateTime &time, QString *error = nullptr);
    bool retire(int id, int successorId, const QDateTime &time, QString *error = nullptr);
    bool restore(int id, const QDateTime &time, QString *error = nullptr);
    // Gives the categories positions 1, 2, 3 … in the order of ids.
    bool reorder(const QList<int> &ids, const QDateTime &time, QString *error = nullptr);
    // Removes a former name that is no longer needed.
    bool removeAlias(const QString &name, QString *error = nullptr);

    // Category id → jobs shown to candidates with it.
    QHash<int, int> liveJobCounts();
    // Jobs, not deleted, that arrived with a former name, newest first.
    QList<AliasJob> aliasJobs(int categoryId = 0, int limit = 200);

private:
    Database &m_database;
};

} // namespace hopstep
