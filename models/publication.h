#pragma once

#include "catalog.h"
#include "fieldissue.h"
#include "job.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace hopstep {

// Whether candidates see a job. Candidates see only ACTIVE jobs, not deleted, of an active
// provider whose integration is live, at an active facility.
enum class PublicationState {
    Published,
    Held,         // the ATS sent ACTIVE; hopstep publishes it when the provider goes live
    NotPublished, // the status, the provider or the facility keeps it off the site
};

struct Publication
{
    PublicationState state = PublicationState::Published;
    QString code;   // stable: "published", "provider-not-live", "provider-inactive", …
    QString reason; // a sentence for the ATS developer or staff
};

Publication publicationOf(const Job &job);
// True when the job has a page at /jobs/{id}: it is published, or it was EXPIRED or CLOSED while
// its provider and facility still publish, so that old links explain what happened.
bool hasPublicPage(const Job &job);
// {"state": "published" | "held" | "not-published", "code": …, "reason": …}: the member
// "publication" of every job the APIs return.
QJsonObject publicationToJson(const Job &job);

// SQL condition over jobs j, providers p and facilities f that selects the jobs candidates
// see. The public pages and the live-job counts use it, so both apply the same rule.
QString publishedJobCondition();

// Applies the go-live rule to content that is about to be stored. requested is the status
// the request sent, or nothing when it left the status as it was; content.heldUntilLive is the
// stored flag on updates. A job asked to be ACTIVE for a provider that is not live is stored as
// PENDING with heldUntilLive set, and the returned warning informs the sender.
std::optional<FieldIssue> applyLiveHold(JobContent &content, std::optional<JobStatus> requested,
                                        const Provider &provider);

// The warning code of a held job, stable for ATSes to act on.
inline constexpr char16_t heldWarningCode[] = u"held-until-live";

} // namespace hopstep
