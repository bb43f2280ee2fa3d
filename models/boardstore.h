#pragma once

#include "database.h"
#include "job.h"
#include "jobstore.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace hopstep {

// Filters of the public board. An unset filter matches every job.
struct BoardFilter
{
    std::optional<int> categoryId;
    std::optional<WorkType> workType;
    QString state; // state code such as "VIC"; empty matches every state
    int limit = 20;
    int offset = 0;
};

// One page of the board and the counts the filter form shows next to each choice.
struct BoardPage
{
    // Jobs in board order: by the category list's position, newest first within a category.
    QList<Job> jobs;
    int total = 0;                    // jobs matching every filter, over all pages
    QHash<int, int> categoryTotals;   // jobs matching every filter, per category id
    QHash<int, int> categoryChoices;  // per category id, with the category filter left out
    QHash<int, int> workTypeChoices;  // per WorkType value, with the work type filter left out
    QHash<QString, int> stateChoices; // per state code, with the state filter left out
    bool ok = true;                   // false when a query failed; the page is then empty
};

// An open job as the sitemap lists it.
struct BoardEntry
{
    QString id;
    QDateTime updatedAt;
};

// Reads what candidates may see: published jobs only, as publishedJobCondition() selects them
// (ACTIVE, not deleted, provider active and live, facility active).
class BoardStore
{
public:
    explicit BoardStore(Database &database);

    BoardPage page(const BoardFilter &filter);
    // Returns other listed jobs of the category, those in state first, then newest first.
    QList<Job> related(int categoryId, const QString &state, const QString &exceptId, int limit);
    // Returns up to limit listed jobs, newest first.
    QList<BoardEntry> entries(int limit);

private:
    QList<Job> loadJobs(QSqlQuery &query);

    Database &m_database;
    JobStore m_jobs;
};

} // namespace hopstep
