#include "categoryservice.h"

#include "job.h"
#include "logcategories.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString quoted(const QString &text)
{
    return u"“"_s + text + u"”"_s;
}

QJsonObject categoryWithCount(const Category &category, const QHash<int, int> &counts)
{
    QJsonObject object = categoryToJson(category);
    object.insert(u"liveJobCount"_s, counts.value(category.id));
    return object;
}

} // namespace

CategoryService::CategoryService(Database &database)
    : m_database(database)
    , m_categories(database)
    , m_audit(database)
{}

AdminOutcome CategoryService::notFound(int id) const
{
    return AdminOutcome::notFound(u"category-not-found"_s,
                                  u"No category with id %1 exists; GET /admin/categories lists "
                                  u"them."_s.arg(id));
}

AdminOutcome CategoryService::categoryAnswer(int id)
{
    const std::optional<Category> category = m_categories.category(id);
    if (!category)
        return notFound(id);
    return AdminOutcome::ok(categoryWithCount(*category, m_categories.liveJobCounts()));
}

AdminOutcome CategoryService::list()
{
    bool ok = false;
    const QList<Category> categories = inPublishedOrder(m_categories.categories(&ok));
    if (!ok)
        return AdminOutcome::storageFailed(u"The category list could not be read."_s);
    const QHash<int, int> counts = m_categories.liveJobCounts();
    QJsonArray items;
    for (const Category &category : categories)
        items.append(categoryWithCount(category, counts));
    return AdminOutcome::ok({{u"items"_s, items}});
}

QString CategoryService::nameProblem(const QString &name, int exceptId,
                                     const QList<Category> &categories)
{
    bool isNumber = false;
    name.toLongLong(&isNumber);
    if (isNumber)
        return u"name "_s + quoted(name) +
               u" is a number; ATSes may send a category id instead of its name, so a name "_s
               u"must contain letters."_s;
    const QString key = categoryMatchKey(name);
    for (const Category &category : categories) {
        if (category.id != exceptId && categoryMatchKey(category.name) == key) {
            return u"category "_s + QString::number(category.id) + u" is already named "_s +
                   quoted(category.name) + u"; choose a different name."_s;
        }
        for (const QString &alias : category.aliases) {
            if (categoryMatchKey(alias) == key && category.id != exceptId) {
                return quoted(alias) + u" is a former name of "_s + quoted(category.name) +
                       u" (id "_s + QString::number(category.id) +
                       u"), and jobs sent with it go there; choose a different name."_s;
            }
        }
    }
    return {};
}

bool CategoryService::renumberActive(const QList<Category> &categories, const QDateTime &time,
                                     QString *error)
{
    QList<int> ids;
    for (const Category &category : inPublishedOrder(categories)) {
        if (!category.isRetired())
            ids.append(category.id);
    }
    return m_categories.reorder(ids, time, error);
}

AdminOutcome CategoryService::add(const QJsonObject &body, const Actor &actor)
{
    AdminInput input(body);
    input.rejectUnknown({u"name"_s});
    const std::optional<QString> name = input.text(u"name"_s, true, maxCategoryNameLength);
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    const QList<Category> categories = m_categories.categories();
    if (const QString problem = nameProblem(*name, 0, categories); !problem.isEmpty())
        return AdminOutcome::conflict(u"category-name-taken"_s, problem);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    int id = 0;
    QString error;
    const bool stored = m_database.transaction(
        [&] {
            id = m_categories.add(*name, now, &error);
            if (id == 0)
                return false;
            const std::optional<Category> added = m_categories.category(id);
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"category.added"_s;
            entry.entityType = u"category"_s;
            entry.entityId = QString::number(id);
            entry.summary =
                u"Added category "_s + quoted(*name) + u" with id "_s + QString::number(id) + u'.';
            entry.after = added ? categoryToJson(*added) : QJsonObject{};
            return m_audit.record(entry, &error);
        },
        &error);
    if (!stored) {
        qCWarning(lcStore).noquote() << "Adding category" << *name << "failed:" << error;
        return AdminOutcome::storageFailed(error);
    }
    qCInfo(lcAdmin).noquote() << actor.description() << "added category" << id;
    AdminOutcome answer = categoryAnswer(id);
    answer.kind = AdminOutcome::Kind::Created;
    return answer;
}

AdminOutcome CategoryService::rename(int id, const QJsonObject &body, const Actor &actor)
{
    const QList<Category> categories = m_categories.categories();
    const std::optional<Category> current = findCategoryById(categories, id);
    if (!current)
        return notFound(id);
    AdminInput input(body);
    input.rejectUnknown({u"name"_s});
    const std::optional<QString> name = input.text(u"name"_s, true, maxCategoryNameLength);
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (*name == current->name)
        return categoryAnswer(id);
    if (const QString problem = nameProblem(*name, id, categories); !problem.isEmpty())
        return AdminOutcome::conflict(u"category-name-taken"_s, problem);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString error;
    const bool written = m_database.transaction(
        [&] {
            if (!m_categories.rename(id, *name, now, &error))
                return false;
            const std::optional<Category> renamed = m_categories.category(id);
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"category.renamed"_s;
            entry.entityType = u"category"_s;
            entry.entityId = QString::number(id);
            entry.summary = u"Renamed category "_s + QString::number(id) + u" from "_s +
                            quoted(current->name) + u" to "_s + quoted(*name) +
                            u"; the old name stays as an alias."_s;
            const auto [before, after] = changedMembers(
                categoryToJson(*current), renamed ? categoryToJson(*renamed) : QJsonObject{});
            entry.before = before;
            entry.after = after;
            return m_audit.record(entry, &error);
        },
        &error);
    if (!written) {
        qCWarning(lcStore).noquote() << "Renaming category" << id << "failed:" << error;
        return AdminOutcome::storageFailed(error);
    }
    qCInfo(lcAdmin).noquote() << actor.description() << "renamed category" << id;
    return categoryAnswer(id);
}

AdminOutcome CategoryService::retire(int id, const QJsonObject &body, const Actor &actor)
{
    const QList<Category> categories = m_categories.categories();
    const std::optional<Category> current = findCategoryById(categories, id);
    if (!current)
        return notFound(id);
    AdminInput input(body);
    input.rejectUnknown({u"successorId"_s});
    int successorId = 0;
    const QJsonValue successorValue = body.value(u"successorId"_s);
    if (!successorValue.isUndefined() && !successorValue.isNull()) {
        const std::optional<Category> successor =
            successorValue.isDouble() ? findCategoryById(categories, successorValue.toInt())
                                      : std::nullopt;
        if (!successorValue.isDouble()) {
            input.addError(u"successorId"_s, u"type"_s, u"successorId must be a category id."_s);
        } else if (!successor) {
            input.addError(u"successorId"_s, u"not-found"_s,
                           u"successorId %1 is not a category id."_s.arg(successorValue.toInt()));
        } else if (successor->id == id) {
            input.addError(u"successorId"_s, u"not-allowed"_s,
                           u"A category cannot be its own successor."_s);
        } else if (successor->isRetired()) {
            input.addError(u"successorId"_s, u"not-allowed"_s,
                           u"successorId %1 ("_s.arg(successor->id) + quoted(successor->name) +
                               u") is retired itself; choose an active category."_s);
        } else {
            successorId = successor->id;
        }
    }
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (current->isRetired()) {
        return AdminOutcome::conflict(u"category-retired"_s,
                                      u"Category "_s + quoted(current->name) +
                                          u" was already retired on "_s +
                                          formatTimestamp(current->retiredAt) + u'.');
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString error;
    const bool written = m_database.transaction(
        [&] {
            if (!m_categories.retire(id, successorId, now, &error) ||
                !renumberActive(m_categories.categories(), now, &error)) {
                return false;
            }
            const std::optional<Category> retired = m_categories.category(id);
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"category.retired"_s;
            entry.entityType = u"category"_s;
            entry.entityId = QString::number(id);
            entry.summary = u"Retired category "_s + quoted(current->name) +
                            (successorId > 0 ? u"; jobs sent with it are pointed to id "_s +
                                                   QString::number(successorId) + u'.'
                                             : u"."_s);
            const auto [before, after] = changedMembers(
                categoryToJson(*current), retired ? categoryToJson(*retired) : QJsonObject{});
            entry.before = before;
            entry.after = after;
            return m_audit.record(entry, &error);
        },
        &error);
    if (!written) {
        qCWarning(lcStore).noquote() << "Retiring category" << id << "failed:" << error;
        return AdminOutcome::storageFailed(error);
    }
    qCInfo(lcAdmin).noquote() << actor.description() << "retired category" << id;
    return categoryAnswer(id);
}

AdminOutcome CategoryService::restore(int id, const Actor &actor)
{
    const std::optional<Category> current = m_categories.category(id);
    if (!current)
        return notFound(id);
    if (!current->isRetired()) {
        return AdminOutcome::conflict(u"category-active"_s, u"Category "_s + quoted(current->name) +
                                                                u" is not retired."_s);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString error;
    const bool written = m_database.transaction(
        [&] {
            if (!m_categories.restore(id, now, &error))
                return false;
            const std::optional<Category> restored = m_categories.category(id);
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"category.restored"_s;
            entry.entityType = u"category"_s;
            entry.entityId = QString::number(id);
            entry.summary =
                u"Restored category "_s + quoted(current->name) + u" at the end of the list."_s;
            const auto [before, after] = changedMembers(
                categoryToJson(*current), restored ? categoryToJson(*restored) : QJsonObject{});
            entry.before = before;
            entry.after = after;
            return m_audit.record(entry, &error);
        },
        &error);
    if (!written)
        return AdminOutcome::storageFailed(error);
    return categoryAnswer(id);
}

AdminOutcome CategoryService::reorder(const QJsonObject &body, const Actor &actor)
{
    const QList<Category> categories = inPublishedOrder(m_categories.categories());
    QList<int> activeIds;
    for (const Category &category : categories) {
        if (!category.isRetired())
            activeIds.append(category.id);
    }
    AdminInput input(body);
    input.rejectUnknown({u"ids"_s});
    const QJsonValue value = body.value(u"ids"_s);
    QList<int> ids;
    if (!value.isArray()) {
        input.addError(u"ids"_s, value.isUndefined() ? u"required"_s : u"type"_s,
                       u"ids must be an array of every active category id in the new order."_s);
    } else {
        const QJsonArray array = value.toArray();
        QSet<int> seen;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const int id = array.at(i).toInt(-1);
            const QString pointer = u"ids/"_s + QString::number(i);
            if (!array.at(i).isDouble() || !activeIds.contains(id)) {
                input.addError(pointer, u"not-allowed"_s,
                               u"ids["_s + QString::number(i) +
                                   u"] is not the id of an active category."_s);
            } else if (seen.contains(id)) {
                input.addError(pointer, u"duplicate"_s,
                               u"Category id %1 appears twice in ids."_s.arg(id));
            }
            seen.insert(id);
            ids.append(id);
        }
        if (!input.hasErrors() && ids.size() != activeIds.size()) {
            input.addError(
                u"ids"_s, u"incomplete"_s,
                u"ids lists %1 of the %2 active categories; send all of them."_s.arg(ids.size())
                    .arg(activeIds.size()));
        }
    }
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (ids == activeIds)
        return list();

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString error;
    const bool written = m_database.transaction(
        [&] {
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"category.reordered"_s;
            entry.entityType = u"category-list"_s;
            entry.entityId = u"categories"_s;
            entry.summary = u"Reordered the category list."_s;
            QJsonArray before;
            for (int id : std::as_const(activeIds))
                before.append(id);
            QJsonArray after;
            for (int id : std::as_const(ids))
                after.append(id);
            entry.before = QJsonObject{{u"order"_s, before}};
            entry.after = QJsonObject{{u"order"_s, after}};
            return m_categories.reorder(ids, now, &error) && m_audit.record(entry, &error);
        },
        &error);
    if (!written)
        return AdminOutcome::storageFailed(error);
    qCInfo(lcAdmin).noquote() << actor.description() << "reordered the category list";
    return list();
}

AdminOutcome CategoryService::aliasJobs(int categoryId)
{
    if (categoryId > 0 && !m_categories.category(categoryId))
        return notFound(categoryId);
    QJsonArray items;
    const QList<AliasJob> jobs = m_categories.aliasJobs(categoryId);
    for (const AliasJob &job : jobs)
        items.append(aliasJobToJson(job));
    return AdminOutcome::ok({{u"items"_s, items}});
}

} // namespace hopstep
