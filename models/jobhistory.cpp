#include "jobhistory.h"

#include "onboarding.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

bool writeIngestDetails(Database &database, const Job &job, QString *error)
{
    QSqlQuery query = database.query();
    return database.exec(query,
                         u"UPDATE jobs SET category_sent = ?, category_via_alias = ?, "
                         u"held_until_live = ? WHERE id = ?"_s,
                         {sqlText(job.content.categorySent), job.content.categoryViaAlias ? 1 : 0,
                          job.content.heldUntilLive ? 1 : 0, job.id},
                         error);
}

QString summaryOf(const Job *before, const Job &after, const QString &action,
                  const QJsonObject &changed)
{
    const QString title = u"“"_s + after.content.title + u"”"_s;
    if (action == u"job.created"_s)
        return u"Created job "_s + title + u" as "_s + jobStatusName(after.content.status) +
               (after.content.heldUntilLive ? u", held until the integration goes live."_s
                                            : u"."_s);
    if (action == u"job.deleted"_s)
        return u"Deleted job "_s + title + u'.';
    if (action == u"job.published"_s)
        return u"Published job "_s + title + u" when the integration went live."_s;
    if (action == u"job.status-changed"_s && before)
        return u"Changed job "_s + title + u" from "_s + jobStatusName(before->content.status) +
               u" to "_s + jobStatusName(after.content.status) + u'.';
    QStringList fields = changed.keys();
    fields.removeAll(u"version"_s);
    return u"Updated job "_s + title + u": "_s + fields.join(u", "_s) + u'.';
}

} // namespace

QJsonObject jobAuditJson(const Job &job)
{
    QJsonObject object = jobToAdminJson(job);
    object.remove(u"descriptionText"_s);
    object.remove(u"updatedAt"_s);
    object.insert(u"categorySent"_s, job.content.categorySent);
    object.insert(u"heldUntilLive"_s, job.content.heldUntilLive);
    return object;
}

bool recordJobWrite(Database &database, const Job *before, const Job &after, const Actor &actor,
                    const QString &action, QString *error)
{
    const bool detailsChanged =
        !before || before->content.categorySent != after.content.categorySent ||
        before->content.categoryViaAlias != after.content.categoryViaAlias ||
        before->content.heldUntilLive != after.content.heldUntilLive;
    if (detailsChanged && !writeIngestDetails(database, after, error))
        return false;

    AuditEntry entry;
    entry.occurredAt = after.isDeleted() ? after.deletedAt : after.updatedAt;
    entry.actor = actor;
    entry.action = action;
    entry.entityType = u"job"_s;
    entry.entityId = after.id;
    entry.providerId = after.content.providerId;
    if (before) {
        const auto [changedBefore, changedAfter] =
            changedMembers(jobAuditJson(*before), jobAuditJson(after));
        entry.before = changedBefore;
        entry.after = changedAfter;
        entry.summary = summaryOf(before, after, action, changedAfter);
    } else {
        entry.before = QJsonValue::Null;
        entry.after = jobAuditJson(after);
        entry.summary = summaryOf(nullptr, after, action, {});
    }
    if (!AuditLog(database).record(entry, error))
        return false;

    if (before)
        return true;
    return OnboardingStore(database).complete(
        after.content.providerId, OnboardingStep::TestJobReceived, after.createdAt,
        actor.description(), u"Job "_s + after.id + u" “"_s + after.content.title + u"”"_s, nullptr,
        error);
}

} // namespace hopstep
