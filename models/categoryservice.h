#pragma once

#include "adminoutcome.h"
#include "auditlog.h"
#include "categorystore.h"
#include "database.h"

#include <QJsonObject>

namespace hopstep {

// Published limit of a category name, in characters.
constexpr qsizetype maxCategoryNameLength = 60;

// The rules of the official category list: ids are stable and never reused, a rename keeps
// the old name as an alias, a retired category keeps its jobs but takes no new ones, and the
// active categories are numbered 1, 2, 3 … in their order.
class CategoryService
{
public:
    explicit CategoryService(Database &database);

    // Every category with its aliases and, in "liveJobCount", the jobs candidates see with it.
    AdminOutcome list();
    AdminOutcome add(const QJsonObject &body, const Actor &actor);
    AdminOutcome rename(int id, const QJsonObject &body, const Actor &actor);
    // body: successorId, optional.
    AdminOutcome retire(int id, const QJsonObject &body, const Actor &actor);
    AdminOutcome restore(int id, const Actor &actor);
    // body: ids, every active category once, in the new order.
    AdminOutcome reorder(const QJsonObject &body, const Actor &actor);
    AdminOutcome aliasJobs(int categoryId);

private:
    // Checks a new name; returns the problem as a sentence, or an empty string.
    QString nameProblem(const QString &name, int exceptId, const QList<Category> &categories);
    bool renumberActive(const QList<Category> &categories, const QDateTime &time, QString *error);
    AdminOutcome notFound(int id) const;
    AdminOutcome categoryAnswer(int id);

    Database &m_database;
    CategoryStore m_categories;
    AuditLog m_audit;
};

} // namespace hopstep
