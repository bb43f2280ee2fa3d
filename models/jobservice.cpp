#include "jobservice.h"

#include "jobvalidator.h"
#include "logcategories.h"

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
                              const QString &actor)
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

    QString error;
    const bool stored = m_database.transaction(
        [&] {
            return m_jobs.insert(job, &error) &&
                   m_jobs.addEvent(job.id, job.createdAt, actor, u"created"_s, QString(),
                                   jobStatusName(job.content.status), &error);
        },
        &error);
    if (!stored) {
        qCWarning(lcStore).noquote() << "Storing new job" << job.id << "failed:" << error;
        return outcome(JobOutcome::Kind::StorageFailed, error);
    }
    JobOutcome result = outcome(JobOutcome::Kind::Created);
    result.job = m_jobs.find(job.id).value_or(job);
    result.warnings = validation.warnings;
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
                              const QJsonObject &body, const QString &actor)
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
    JobOutcome result = writeUpdate(found.job, validation.content, actor, u"updated"_s);
    result.warnings = validation.warnings;
    return result;
}

JobOutcome JobService::writeUpdate(const Job &stored, const JobContent &content,
                                   const QString &actor, const QString &action)
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
    const QString before = jobStatusName(stored.content.status);
    const QString after = jobStatusName(content.status);

    QString error;
    const bool written = m_database.transaction(
        [&] {
            return m_jobs.update(job, stored.version, &error) &&
                   m_jobs.addEvent(job.id, job.updatedAt, actor, action, before, after, &error);
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
                              const QString &actor)
{
    const JobOutcome found = find(callerProviderId, jobId);
    if (found.kind != JobOutcome::Kind::Ok)
        return found;
    return writeDeletion(found.job, actor);
}

JobOutcome JobService::writeDeletion(const Job &stored, const QString &actor)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString status = jobStatusName(stored.content.status);
    QString error;
    const bool deleted = m_database.transaction(
        [&] {
            return m_jobs.markDeleted(stored.id, now, stored.version, &error) &&
                   m_jobs.addEvent(stored.id, now, actor, u"deleted"_s, status, status, &error);
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

JobOutcome JobService::setStatusByStaff(const QString &jobId, JobStatus status,
                                        const QString &actor)
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
    return writeUpdate(found.job, content, actor, u"status changed"_s);
}

JobOutcome JobService::removeByStaff(const QString &jobId, const QString &actor)
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
