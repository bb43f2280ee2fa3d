#include "jobservice.h"

#include "jobhistory.h"
#include "jobvalidator.h"
#include "logcategories.h"
#include "publication.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

JobOutcome outcome(JobOutcome::Kind kind, const QString &message = QString())
{
    JobOutcome result;
    result.kind = kind;
    result.message = message;
    return result;
}

JobOutcome notFound(const QString &jobId)
{
    return outcome(JobOutcome::Kind::NotFound,
                   u"No job "_s + jobId + u" exists for this API key; it may have been deleted."_s);
}

} // namespace

JobService::JobService(Database &database)
    : m_database(database)
    , m_jobs(database)
    , m_catalog(database)
{}

ValidationContext JobService::validationContext(const QString &callerProviderId)
{
    ValidationContext context;
    context.callerProviderId = callerProviderId;
    context.categories = m_catalog.categories();
    context.findFacility = [this](const QString &id) {
        return m_catalog.facility(id);
    };
    return context;
}

JobOutcome JobService::create(const QString &callerProviderId, const QJsonObject &body,
                              const Actor &actor, const CreateHook &inTransaction)
{
    const JobValidation validation = validateNewJob(body, validationContext(callerProviderId));
    if (validation.otherProvider) {
        return outcome(JobOutcome::Kind::Forbidden,
                       u"This API key belongs to provider "_s + callerProviderId +
                           u" and cannot create jobs for provider "_s +
                           validation.content.providerId +
                           u". Use the key hopstep issued for that provider."_s);
    }
    if (validation.hasErrors()) {
        JobOutcome result = outcome(JobOutcome::Kind::Invalid);
        result.errors = validation.errors;
        result.warnings = validation.warnings;
        return result;
    }

    Job job;
    job.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    job.content = validation.content;
    job.version = 1;
    job.createdAt = QDateTime::currentDateTimeUtc();
    job.updatedAt = job.createdAt;

    QList<FieldIssue> warnings = validation.warnings;
    if (const std::optional<Provider> provider = m_catalog.provider(job.content.providerId)) {
        if (const auto held = applyLiveHold(job.content, job.content.status, *provider))
            warnings.append(*held);
    }
    // Without an idempotency key a retry cannot be told from a second opening, so a
    // near-identical live job is reported, not rejected.
    const QStringList duplicates = m_jobs.liveJobsWithFingerprint(
        job.content.providerId, contentFingerprint(job.content), QString());
    if (!duplicates.isEmpty()) {
        warnings.append({QString(), u"possible-duplicate"_s,
                         u"A live job with the same title, facility, category, location and "
                         u"description exists: "_s
                             + duplicates.join(u", "_s)
                             + u". If this request was a retry, delete the new job; send an "
                               u"Idempotency-Key header so retries are safe."_s});
    }

    QString error;
    const bool stored = m_database.transaction(
        [&] {
            return m_jobs.insert(job, &error) &&
                   recordJobWrite(m_database, nullptr, job, actor, u"job.created"_s, &error) &&
                   (!inTransaction || inTransaction(job, warnings, &error));
        },
        &error);
    if (!stored) {
        qCWarning(lcStore).noquote() << "Storing new job" << job.id << "failed:" << error;
        return outcome(JobOutcome::Kind::StorageFailed, error);
    }
    JobOutcome result = outcome(JobOutcome::Kind::Created);
    result.job = m_jobs.find(job.id).value_or(job);
    result.warnings = warnings;
    result.changed = true;
    return result;
}

JobOutcome JobService::find(const QString &callerProviderId, const QString &jobId)
{
    const std::optional<Job> job = m_jobs.find(jobId);
    if (!job || job->isDeleted() || job->content.providerId != callerProviderId)
        return notFound(jobId);
    JobOutcome result = outcome(JobOutcome::Kind::Ok);
    result.job = *job;
    return result;
}

JobOutcome JobService::update(const QString &callerProviderId, const QString &jobId,
                              const QJsonObject &body, const Actor &actor)
{
    const JobOutcome found = find(callerProviderId, jobId);
    if (found.kind != JobOutcome::Kind::Ok)
        return found;
    const JobValidation validation =
        validateJobUpdate(body, found.job, validationContext(callerProviderId));
    if (validation.hasErrors()) {
        JobOutcome result = outcome(JobOutcome::Kind::Invalid);
        result.errors = validation.errors;
        result.warnings = validation.warnings;
        return result;
    }
    JobContent content = validation.content;
    std::optional<FieldIssue> held;
    if (const std::optional<Provider> provider = m_catalog.provider(content.providerId)) {
        const std::optional<JobStatus> requested =
            body.contains(u"status"_s) ? std::optional<JobStatus>(content.status) : std::nullopt;
        held = applyLiveHold(content, requested, *provider);
    }
    JobOutcome result = writeUpdate(found.job, content, actor, u"job.updated"_s);
    result.warnings = validation.warnings;
    if (held)
        result.warnings.append(*held);
    return result;
}

JobOutcome JobService::writeUpdate(const Job &stored, const JobContent &content, const Actor &actor,
                                   const QString &action)
{
    if (content == stored.content) {
        JobOutcome result = outcome(JobOutcome::Kind::Ok);
        result.job = stored;
        return result;
    }
    Job job = stored;
    job.content = content;
    job.version = stored.version + 1;
    job.updatedAt = QDateTime::currentDateTimeUtc();

    QString error;
    const bool written = m_database.transaction(
        [&] {
            return m_jobs.update(job, stored.version, &error) &&
                   recordJobWrite(m_database, &stored, job, actor, action, &error);
        },
        &error);
    if (!written) {
        qCWarning(lcStore).noquote() << "Updating job" << job.id << "failed:" << error;
        return outcome(JobOutcome::Kind::StorageFailed, error);
    }
    JobOutcome result = outcome(JobOutcome::Kind::Ok);
    result.job = m_jobs.find(job.id).value_or(job);
    result.changed = true;
    return result;
}

JobOutcome JobService::remove(const QString &callerProviderId, const QString &jobId,
                              const Actor &actor)
{
    const JobOutcome found = find(callerProviderId, jobId);
    if (found.kind != JobOutcome::Kind::Ok)
        return found;
    return writeDeletion(found.job, actor);
}

JobOutcome JobService::writeDeletion(const Job &stored, const Actor &actor)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Job deletedJob = stored;
    deletedJob.deletedAt = now;
    deletedJob.updatedAt = now;
    deletedJob.version = stored.version + 1;
    QString error;
    const bool deleted = m_database.transaction(
        [&] {
            return m_jobs.markDeleted(stored.id, now, stored.version, &error) &&
                   recordJobWrite(m_database, &stored, deletedJob, actor, u"job.deleted"_s, &error);
        },
        &error);
    if (!deleted) {
        qCWarning(lcStore).noquote() << "Deleting job" << stored.id << "failed:" << error;
        return outcome(JobOutcome::Kind::StorageFailed, error);
    }
    JobOutcome result = outcome(JobOutcome::Kind::Ok);
    result.job = m_jobs.find(stored.id).value_or(stored);
    result.changed = true;
    return result;
}

JobOutcome JobService::findForStaff(const QString &jobId)
{
    const std::optional<Job> job = m_jobs.find(jobId);
    if (!job)
        return outcome(JobOutcome::Kind::NotFound, u"No job "_s + jobId + u" exists."_s);
    JobOutcome result = outcome(JobOutcome::Kind::Ok);
    result.job = *job;
    return result;
}

JobOutcome JobService::setStatusByStaff(const QString &jobId, JobStatus status, const Actor &actor)
{
    const JobOutcome found = findForStaff(jobId);
    if (found.kind != JobOutcome::Kind::Ok)
        return found;
    if (found.job.isDeleted()) {
        return outcome(JobOutcome::Kind::Conflict,
                       u"Job "_s + jobId + u" was deleted on "_s +
                           formatTimestamp(found.job.deletedAt) +
                           u"; a deleted job's status cannot change."_s);
    }
    JobContent content = found.job.content;
    content.status = status;
    std::optional<FieldIssue> held;
    if (const std::optional<Provider> provider = m_catalog.provider(content.providerId))
        held = applyLiveHold(content, status, *provider);
    JobOutcome result = writeUpdate(found.job, content, actor, u"job.status-changed"_s);
    if (held)
        result.warnings.append(*held);
    return result;
}

JobOutcome JobService::removeByStaff(const QString &jobId, const Actor &actor)
{
    const JobOutcome found = findForStaff(jobId);
    if (found.kind != JobOutcome::Kind::Ok)
        return found;
    if (found.job.isDeleted()) {
        return outcome(JobOutcome::Kind::Conflict, u"Job "_s + jobId +
                                                       u" was already deleted on "_s +
                                                       formatTimestamp(found.job.deletedAt) + u'.');
    }
    return writeDeletion(found.job, actor);
}

} // namespace hopstep
