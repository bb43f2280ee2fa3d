#pragma once

#include "database.h"
#include "job.h"

#include <QList>

#include <optional>

namespace hopstep {

// Filters of the staff's job list.
struct JobFilter
{
    enum class Deleted { Include, Exclude, Only };

    QList<JobStatus> statuses; // empty: any status
    QString providerId;
    QString text; // matched against title, suburb, provider, facility and category names
    Deleted deleted = Deleted::Include;
    int limit = 100;
    int offset = 0;
};

struct JobPage
{
    QList<Job> jobs;
    int total = 0; // matching jobs over all pages
};

// Position in a provider's newest-first job list, for keyset paging.
struct JobCursor
{
    QDateTime createdAt;
    QString id;

    bool isValid() const { return createdAt.isValid() && !id.isEmpty(); }
    QString encode() const;
    static JobCursor decode(const QString &text);
};

// Hash of what makes two postings the same opening: facility, title and category ignoring case
// and spacing, location, and the description's plain text ignoring spacing.
QString contentFingerprint(const JobContent &content);

class JobStore
{
public:
    explicit JobStore(Database &database);

    bool insert(const Job &job, QString *error = nullptr);
    // Finds a job by id, tombstones included, with provider, facility and category names.
    std::optional<Job> find(const QString &id);
    // Writes the job's content, version and update time where the stored version is
    // expectedVersion. Returns false when the row changed or the write failed.
    bool update(const Job &job, qint64 expectedVersion, QString *error = nullptr);
    bool markDeleted(const QString &id, const QDateTime &time, qint64 expectedVersion,
                     QString *error = nullptr);
    bool addEvent(const QString &jobId, const QDateTime &time, const QString &actor,
                  const QString &action, const QString &statusBefore, const QString &statusAfter,
                  QString *error = nullptr);

    // Ids of the provider's jobs that are not deleted, ACTIVE or PENDING, with this content
    // fingerprint, except exceptId.
    QStringList liveJobsWithFingerprint(const QString &providerId, const QString &fingerprint,
                                        const QString &exceptId);

    // The provider's jobs that are not deleted, newest first, after cursor.
    QList<Job> providerJobs(const QString &providerId, int limit, const JobCursor &after);
    JobPage search(const JobFilter &filter);

private:
    Database &m_database;
};

} // namespace hopstep
