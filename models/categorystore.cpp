#include "categorystore.h"

#include "job.h"
#include "publication.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

QJsonObject aliasJobToJson(const AliasJob &job)
{
    return QJsonObject{{u"jobId"_s, job.jobId},
                       {u"title"_s, job.title},
                       {u"providerId"_s, job.providerId},
                       {u"providerName"_s, job.providerName},
                       {u"categorySent"_s, job.categorySent},
                       {u"categoryId"_s, job.categoryId},
                       {u"categoryName"_s, job.categoryName},
                       {u"receivedAt"_s, formatTimestamp(job.receivedAt)},
                       {u"updatedAt"_s, formatTimestamp(job.updatedAt)}};
}

AliasJob aliasJobFromJson(const QJsonObject &object)
{
    AliasJob job;
    job.jobId = object.value(u"jobId"_s).toString();
    job.title = object.value(u"title"_s).toString();
    job.providerId = object.value(u"providerId"_s).toString();
    job.providerName = object.value(u"providerName"_s).toString();
    job.categorySent = object.value(u"categorySent"_s).toString();
    job.categoryId = object.value(u"categoryId"_s).toInt();
    job.categoryName = object.value(u"categoryName"_s).toString();
    job.receivedAt = parseTimestamp(object.value(u"receivedAt"_s).toString());
    job.updatedAt = parseTimestamp(object.value(u"updatedAt"_s).toString());
    return job;
}

CategoryStore::CategoryStore(Database &database)
    : m_database(database)
{}

QList<Category> CategoryStore::categories(bool *ok)
{
    QList<Category> result;
    QSqlQuery query = m_database.query();
    const bool listed = m_database.exec(
        query, u"SELECT id, name, position, retired_at, successor_id, created_at, updated_at "
               u"FROM categories ORDER BY position, id"_s);
    if (ok)
        *ok = listed;
    if (!listed)
        return result;
    QHash<int, qsizetype> rowById;
    while (query.next()) {
        Category category;
        category.id = query.value(0).toInt();
        category.name = query.value(1).toString();
        category.position = query.value(2).toInt();
        category.retiredAt = parseTimestamp(query.value(3).toString());
        category.successorId = query.value(4).toInt();
        category.createdAt = parseTimestamp(query.value(5).toString());
        category.updatedAt = parseTimestamp(query.value(6).toString());
        rowById.insert(category.id, result.size());
        result.append(category);
    }

    QSqlQuery aliases = m_database.query();
    if (!m_database.exec(aliases, u"SELECT category_id, name FROM category_aliases "
                                  u"ORDER BY created_at, name"_s)) {
        if (ok)
            *ok = false;
        return result;
    }
    while (aliases.next()) {
        const auto row = rowById.constFind(aliases.value(0).toInt());
        if (row != rowById.constEnd())
            result[*row].aliases.append(aliases.value(1).toString());
    }
    return result;
}

std::optional<Category> CategoryStore::category(int id)
{
    return findCategoryById(categories(), id);
}

int CategoryStore::add(const QString &name, const QDateTime &time, QString *error)
{
    QSqlQuery next = m_database.query();
    if (!m_database.exec(next,
                         u"SELECT COALESCE(MAX(id), 0) + 1, COALESCE(MAX(CASE WHEN retired_at "
                         u"IS NULL THEN position END), 0) + 1 FROM categories"_s,
                         {}, error) ||
        !next.next()) {
        return 0;
    }
    const int id = next.value(0).toInt();
    const int position = next.value(1).toInt();
    QSqlQuery insert = m_database.query();
    if (!m_database.exec(insert,
                         u"INSERT INTO categories (id, name, position, created_at, updated_at) "
                         u"VALUES (?, ?, ?, ?, ?)"_s,
                         {id, name, position, formatTimestamp(time), formatTimestamp(time)},
                         error)) {
        return 0;
    }
    return id;
}

bool CategoryStore::rename(int id, const QString &name, const QDateTime &time, QString *error)
{
    const std::optional<Category> current = category(id);
    if (!current) {
        if (error)
            *error = u"No category %1 exists."_s.arg(id);
        return false;
    }
    // Renaming back to a former name turns that alias into the name again.
    QSqlQuery remove = m_database.query();
    if (!m_database.exec(remove, u"DELETE FROM category_aliases WHERE match_key = ?"_s,
                         {categoryMatchKey(name)}, error)) {
        return false;
    }
    QSqlQuery update = m_database.query();
    if (!m_database.exec(update, u"UPDATE categories SET name = ?, updated_at = ? WHERE id = ?"_s,
                         {name, formatTimestamp(time), id}, error)) {
        return false;
    }
    if (categoryMatchKey(current->name) == categoryMatchKey(name))
        return true;
    QSqlQuery alias = m_database.query();
    return m_database.exec(
        alias,
        u"INSERT INTO category_aliases (match_key, name, category_id, "
        u"created_at) VALUES (?, ?, ?, ?)"_s,
        {categoryMatchKey(current->name), current->name, id, formatTimestamp(time)}, error);
}

bool CategoryStore::retire(int id, int successorId, const QDateTime &time, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(
        query,
        u"UPDATE categories SET retired_at = ?, successor_id = ?, updated_at = ? "
        u"WHERE id = ?"_s,
        {formatTimestamp(time), successorId > 0 ? QVariant(successorId) : QVariant(),
         formatTimestamp(time), id},
        error);
}

bool CategoryStore::restore(int id, const QDateTime &time, QString *error)
{
    QSqlQuery position = m_database.query();
    if (!m_database.exec(position,
                         u"SELECT COALESCE(MAX(position), 0) + 1 FROM categories "
                         u"WHERE retired_at IS NULL"_s,
                         {}, error) ||
        !position.next()) {
        return false;
    }
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"UPDATE categories SET retired_at = NULL, successor_id = NULL, "
                           u"position = ?, updated_at = ? WHERE id = ?"_s,
                           {position.value(0).toInt(), formatTimestamp(time), id}, error);
}

bool CategoryStore::reorder(const QList<int> &ids, const QDateTime &time, QString *error)
{
    for (qsizetype i = 0; i < ids.size(); ++i) {
        QSqlQuery query = m_database.query();
        if (!m_database.exec(query,
                             u"UPDATE categories SET position = ?, updated_at = CASE WHEN "
                             u"position = ? THEN updated_at ELSE ? END WHERE id = ?"_s,
                             {int(i + 1), int(i + 1), formatTimestamp(time), ids.at(i)}, error)) {
            return false;
        }
    }
    return true;
}

bool CategoryStore::removeAlias(const QString &name, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query, u"DELETE FROM category_aliases WHERE match_key = ?"_s,
                           {categoryMatchKey(name)}, error);
}

QHash<int, int> CategoryStore::liveJobCounts()
{
    QHash<int, int> counts;
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, u"SELECT j.category_id, COUNT(*) FROM jobs j "
                                u"JOIN providers p ON p.id = j.provider_id "
                                u"JOIN facilities f ON f.id = j.facility_id WHERE "_s +
                                    publishedJobCondition() + u" GROUP BY j.category_id"_s)) {
        return counts;
    }
    while (query.next())
        counts.insert(query.value(0).toInt(), query.value(1).toInt());
    return counts;
}

QList<AliasJob> CategoryStore::aliasJobs(int categoryId, int limit)
{
    QList<AliasJob> jobs;
    QString sql = u"SELECT j.id, j.title, j.provider_id, p.name, j.category_sent, j.category_id, "
                  u"c.name, j.created_at, j.updated_at FROM jobs j "
                  u"JOIN providers p ON p.id = j.provider_id "
                  u"JOIN categories c ON c.id = j.category_id "
                  u"WHERE j.category_via_alias = 1 AND j.deleted_at IS NULL "_s;
    QVariantList values;
    if (categoryId > 0) {
        sql += u"AND j.category_id = ? "_s;
        values.append(categoryId);
    }
    sql += u"ORDER BY j.updated_at DESC, j.id LIMIT ?"_s;
    values.append(limit);
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, sql, values))
        return jobs;
    while (query.next()) {
        AliasJob job;
        job.jobId = query.value(0).toString();
        job.title = query.value(1).toString();
        job.providerId = query.value(2).toString();
        job.providerName = query.value(3).toString();
        job.categorySent = query.value(4).toString();
        job.categoryId = query.value(5).toInt();
        job.categoryName = query.value(6).toString();
        job.receivedAt = parseTimestamp(query.value(7).toString());
        job.updatedAt = parseTimestamp(query.value(8).toString());
        jobs.append(job);
    }
    return jobs;
}

} // namespace hopstep
