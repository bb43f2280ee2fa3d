#include "boardstore.h"

#include "publication.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QString listedFrom = u"FROM jobs j JOIN providers p ON p.id = j.provider_id "
                           u"JOIN facilities f ON f.id = j.facility_id "
                           u"JOIN categories c ON c.id = j.category_id "_s;

// The same rule as publicationOf(), so the board lists exactly the published jobs.
const QString listedCondition = publishedJobCondition();

// work_types is stored as "CASUAL,PART_TIME", so a type matches as ",NAME," inside the list
// wrapped in commas. The || operator concatenates in both SQLite and PostgreSQL.
const QString workTypeCondition = u"(',' || j.work_types || ',') LIKE ?"_s;

QString workTypePattern(WorkType type)
{
    return u"%,"_s + workTypeName(type) + u",%"_s;
}

enum class Facet { None, Category, WorkType, State };

// The WHERE clause of the board with every filter but the one left out for a facet's counts.
QString whereClause(const BoardFilter &filter, Facet leftOut, QVariantList *values)
{
    QString where = u"WHERE "_s + listedCondition;
    if (filter.categoryId && leftOut != Facet::Category) {
        where += u" AND j.category_id = ?"_s;
        values->append(*filter.categoryId);
    }
    if (filter.workType && leftOut != Facet::WorkType) {
        where += u" AND "_s + workTypeCondition;
        values->append(workTypePattern(*filter.workType));
    }
    if (!filter.state.isEmpty() && leftOut != Facet::State) {
        where += u" AND j.state = ?"_s;
        values->append(filter.state);
    }
    return where + u' ';
}

} // namespace

BoardStore::BoardStore(Database &database)
    : m_database(database)
    , m_jobs(database)
{}

QList<Job> BoardStore::loadJobs(QSqlQuery &query)
{
    QStringList ids;
    while (query.next())
        ids.append(query.value(0).toString());
    QList<Job> jobs;
    jobs.reserve(ids.size());
    for (const QString &id : std::as_const(ids)) {
        if (std::optional<Job> job = m_jobs.find(id))
            jobs.append(std::move(*job));
    }
    return jobs;
}

BoardPage BoardStore::page(const BoardFilter &filter)
{
    BoardPage page;
    const auto fail = [&page] {
        page = BoardPage();
        page.ok = false;
        return page;
    };

    QVariantList values;
    const QString where = whereClause(filter, Facet::None, &values);
    QSqlQuery totals = m_database.query();
    if (!m_database.exec(totals,
                         u"SELECT j.category_id, COUNT(*) "_s + listedFrom + where +
                             u"GROUP BY j.category_id"_s,
                         values)) {
        return fail();
    }
    while (totals.next()) {
        const int count = totals.value(1).toInt();
        page.categoryTotals.insert(totals.value(0).toInt(), count);
        page.total += count;
    }

    QSqlQuery jobs = m_database.query();
    QVariantList pageValues = values;
    pageValues << filter.limit << filter.offset;
    if (!m_database.exec(jobs,
                         u"SELECT j.id "_s + listedFrom + where +
                             u"ORDER BY c.position, c.id, j.created_at DESC, j.id DESC "
                             u"LIMIT ? OFFSET ?"_s,
                         pageValues)) {
        return fail();
    }
    page.jobs = loadJobs(jobs);

    QVariantList categoryValues;
    QSqlQuery categories = m_database.query();
    if (!m_database.exec(categories,
                         u"SELECT j.category_id, COUNT(*) "_s + listedFrom +
                             whereClause(filter, Facet::Category, &categoryValues) +
                             u"GROUP BY j.category_id"_s,
                         categoryValues)) {
        return fail();
    }
    while (categories.next())
        page.categoryChoices.insert(categories.value(0).toInt(), categories.value(1).toInt());

    QVariantList stateValues;
    QSqlQuery states = m_database.query();
    if (!m_database.exec(states,
                         u"SELECT j.state, COUNT(*) "_s + listedFrom +
                             whereClause(filter, Facet::State, &stateValues) +
                             u"GROUP BY j.state"_s,
                         stateValues)) {
        return fail();
    }
    while (states.next())
        page.stateChoices.insert(states.value(0).toString(), states.value(1).toInt());

    // One row with a count per work type, since a job can have several.
    QStringList sums;
    QVariantList typeValues;
    for (const QString &name : workTypeNames()) {
        sums.append(u"SUM(CASE WHEN "_s + workTypeCondition + u" THEN 1 ELSE 0 END)"_s);
        typeValues.append(workTypePattern(*workTypeFromName(name)));
    }
    const QString typeWhere = whereClause(filter, Facet::WorkType, &typeValues);
    QSqlQuery types = m_database.query();
    if (!m_database.exec(types, u"SELECT "_s + sums.join(u", "_s) + u' ' + listedFrom + typeWhere,
                         typeValues) ||
        !types.next()) {
        return fail();
    }
    for (qsizetype i = 0; i < workTypeNames().size(); ++i)
        page.workTypeChoices.insert(int(i), types.value(int(i)).toInt());
    return page;
}

QList<Job> BoardStore::related(int categoryId, const QString &state, const QString &exceptId,
                               int limit)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT j.id "_s + listedFrom + u"WHERE "_s + listedCondition +
                             u" AND j.category_id = ? AND j.id <> ? "
                             u"ORDER BY CASE WHEN j.state = ? THEN 0 ELSE 1 END, "
                             u"j.created_at DESC, j.id DESC LIMIT ?"_s,
                         {categoryId, exceptId, state, limit})) {
        return {};
    }
    return loadJobs(query);
}

QList<BoardEntry> BoardStore::entries(int limit)
{
    QList<BoardEntry> result;
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT j.id, j.updated_at "_s + listedFrom + u"WHERE "_s +
                             listedCondition + u" ORDER BY j.created_at DESC, j.id DESC LIMIT ?"_s,
                         {limit})) {
        return result;
    }
    while (query.next())
        result.append({query.value(0).toString(), parseTimestamp(query.value(1).toString())});
    return result;
}

} // namespace hopstep
