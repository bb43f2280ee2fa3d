#pragma once

#include "auditlog.h"
#include "catalogstore.h"
#include "database.h"
#include "fieldissue.h"
#include "job.h"
#include "jobstore.h"
#include "jobvalidator.h"

#include <QJsonObject>

#include <functional>

namespace hopstep {

// Result of a job operation, for the layer above to turn into a status and a message.
struct JobOutcome
{
    enum class Kind {
        Ok,
        Created,
        Invalid,       // errors lists every field that failed
        Forbidden,     // the caller may not act for the provider named in the request
        NotFound,      // no such job for this caller, or it was deleted
        Conflict,      // the job is in a state that does not allow the change
        StorageFailed, // the database did not take the change; nothing was stored
    };

    Kind kind = Kind::Ok;
    Job job;
    QList<FieldIssue> errors;
    QList<FieldIssue> warnings;
    QString message;
    bool changed = false; // an update changed something and bumped the version
};

// The rules of creating, changing and deleting jobs, shared by the Open API, the admin API and
// the demo loader. An ATS caller sees only its own provider's jobs that are not deleted.
class JobService
{
public:
    explicit JobService(Database &database);

    // Work that must commit or fail together with a new job, such as completing its
    // idempotency key. It receives the job and the warnings the answer will carry.
    using CreateHook =
        std::function<bool(const Job &job, const QList<FieldIssue> &warnings, QString *error)>;

    JobOutcome create(const QString &callerProviderId, const QJsonObject &body, const Actor &actor,
                      const CreateHook &inTransaction = {});
    JobOutcome find(const QString &callerProviderId, const QString &jobId);
    JobOutcome update(const QString &callerProviderId, const QString &jobId,
                      const QJsonObject &body, const Actor &actor);
    JobOutcome remove(const QString &callerProviderId, const QString &jobId, const Actor &actor);

    // Staff actions: they see tombstones, and act on any provider's jobs.
    JobOutcome findForStaff(const QString &jobId);
    JobOutcome setStatusByStaff(const QString &jobId, JobStatus status, const Actor &actor);
    JobOutcome removeByStaff(const QString &jobId, const Actor &actor);

    JobStore &jobs() { return m_jobs; }
    CatalogStore &catalog() { return m_catalog; }

private:
    ValidationContext validationContext(const QString &callerProviderId);
    JobOutcome writeUpdate(const Job &stored, const JobContent &content, const Actor &actor,
                           const QString &action);
    JobOutcome writeDeletion(const Job &stored, const Actor &actor);

    Database &m_database;
    JobStore m_jobs;
    CatalogStore m_catalog;
};

} // namespace hopstep
