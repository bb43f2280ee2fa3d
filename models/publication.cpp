#include "publication.h"

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString providerNamed(const Job &job)
{
    return job.providerName.isEmpty() ? u"provider "_s + job.content.providerId
                                      : u"provider "_s + job.providerName;
}

QString stateName(PublicationState state)
{
    switch (state) {
    case PublicationState::Published:
        return u"published"_s;
    case PublicationState::Held:
        return u"held"_s;
    case PublicationState::NotPublished:
        break;
    }
    return u"not-published"_s;
}

} // namespace

Publication publicationOf(const Job &job)
{
    if (job.isDeleted()) {
        return {PublicationState::NotPublished, u"deleted"_s,
                u"The job was deleted, so candidates no longer see it."_s};
    }
    if (!job.providerActive) {
        return {PublicationState::NotPublished, u"provider-inactive"_s,
                u"hopstep deactivated "_s + providerNamed(job) +
                    u", so none of its jobs are shown to candidates."_s};
    }
    if (job.content.heldUntilLive) {
        return {PublicationState::Held, u"provider-not-live"_s,
                u"The integration of "_s + providerNamed(job) +
                    u" is not live yet, so the job is held as PENDING. hopstep publishes it as "_s
                    u"ACTIVE when the integration goes live."_s};
    }
    if (job.content.status != JobStatus::Active) {
        return {PublicationState::NotPublished,
                u"status-"_s + jobStatusName(job.content.status).toLower(),
                u"The job's status is "_s + jobStatusName(job.content.status) +
                    u"; candidates see only ACTIVE jobs."_s};
    }
    if (!job.providerLive) {
        return {PublicationState::NotPublished, u"provider-not-live"_s,
                u"The integration of "_s + providerNamed(job) +
                    u" is not live yet, so candidates do not see its jobs."_s};
    }
    if (!job.facilityActive) {
        return {PublicationState::NotPublished, u"facility-inactive"_s,
                u"hopstep deactivated facility "_s +
                    (job.facilityName.isEmpty() ? job.content.facilityId : job.facilityName) +
                    u", so its jobs are not shown to candidates."_s};
    }
    return {PublicationState::Published, u"published"_s, u"Candidates see this job."_s};
}

bool hasPublicPage(const Job &job)
{
    if (publicationOf(job).state == PublicationState::Published)
        return true;
    const JobStatus status = job.content.status;
    return !job.isDeleted() && (status == JobStatus::Expired || status == JobStatus::Closed) &&
           job.providerActive && job.providerLive && job.facilityActive;
}

QJsonObject publicationToJson(const Job &job)
{
    const Publication publication = publicationOf(job);
    return QJsonObject{{u"state"_s, stateName(publication.state)},
                       {u"code"_s, publication.code},
                       {u"reason"_s, publication.reason}};
}

QString publishedJobCondition()
{
    return u"j.status = 'ACTIVE' AND j.deleted_at IS NULL AND p.active = 1 AND "
           u"p.live_at IS NOT NULL AND f.active = 1"_s;
}

std::optional<FieldIssue> applyLiveHold(JobContent &content, std::optional<JobStatus> requested,
                                        const Provider &provider)
{
    if (requested)
        content.status = *requested;
    const bool wantsActive = requested
                                 ? *requested == JobStatus::Active
                                 : content.heldUntilLive || content.status == JobStatus::Active;
    if (!wantsActive) {
        content.heldUntilLive = false;
        return std::nullopt;
    }
    if (provider.isLive()) {
        content.status = JobStatus::Active;
        content.heldUntilLive = false;
        return std::nullopt;
    }
    const bool alreadyHeld = content.heldUntilLive && !requested;
    content.status = JobStatus::Pending;
    content.heldUntilLive = true;
    if (alreadyHeld)
        return std::nullopt;
    return FieldIssue{
        u"/status"_s, QString::fromUtf16(heldWarningCode),
        u"The job is stored as PENDING and is not shown to candidates until hopstep takes the "_s
        u"integration of provider "_s +
            provider.name + u" live. It becomes ACTIVE then; your request needs no change."_s};
}

} // namespace hopstep
