#include "jobstore.h"

#include <QCryptographicHash>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QString selectJobs =
    u"SELECT j.id, j.provider_id, j.facility_id, j.title, j.description_html, "
    u"j.description_text, j.category_id, c.name, j.work_types, j.salary_min_cents, "
    u"j.salary_max_cents, j.salary_type, j.suburb, j.state, j.postcode, j.apply_url, j.status, "
    u"j.version, j.created_at, j.updated_at, j.deleted_at, p.name, f.name, j.category_sent, "
    u"j.category_via_alias, j.held_until_live, p.active, p.live_at, f.active, "
    u"(SELECT COALESCE(SUM(a.clicks), 0) FROM apply_clicks a WHERE a.job_id = j.id) "
    u"FROM jobs j JOIN providers p ON p.id = j.provider_id "
    u"JOIN facilities f ON f.id = j.facility_id "
    u"JOIN categories c ON c.id = j.category_id "_s;

QVariant optionalCents(const std::optional<qint64> &cents)
{
    return cents ? QVariant(*cents) : QVariant();
}

std::optional<qint64> centsOrNull(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QString workTypesColumn(const QList<WorkType> &types)
{
    QStringList names;
    for (WorkType type : types)
        names.append(workTypeName(type));
    return names.join(u',');
}

Job readJob(const QSqlQuery &query)
{
    Job job;
    job.id = query.value(0).toString();
    JobContent &content = job.content;
    content.providerId = query.value(1).toString();
    content.facilityId = query.value(2).toString();
    content.title = query.value(3).toString();
    content.descriptionHtml = query.value(4).toString();
    content.descriptionText = query.value(5).toString();
    content.categoryId = query.value(6).toInt();
    content.categoryName = query.value(7).toString();
    const QStringList types = query.value(8).toString().split(u',', Qt::SkipEmptyParts);
    for (const QString &name : types) {
        if (const auto type = workTypeFromName(name))
            content.workTypes.append(*type);
    }
    content.salary.minCents = centsOrNull(query.value(9));
    content.salary.maxCents = centsOrNull(query.value(10));
    content.salary.type = salaryTypeFromName(query.value(11).toString());
    content.location = {query.value(12).toString(), query.value(13).toString(),
                        query.value(14).toString()};
    content.applyUrl = query.value(15).toString();
    content.status = jobStatusFromName(query.value(16).toString()).value_or(JobStatus::Pending);
    job.version = query.value(17).toLongLong();
    job.createdAt = parseTimestamp(query.value(18).toString());
    job.updatedAt = parseTimestamp(query.value(19).toString());
    job.deletedAt = parseTimestamp(query.value(20).toString());
    job.providerName = query.value(21).toString();
    job.facilityName = query.value(22).toString();
    content.categorySent = query.value(23).toString();
    content.categoryViaAlias = query.value(24).toInt() != 0;
    content.heldUntilLive = query.value(25).toInt() != 0;
    job.providerActive = query.value(26).toInt() != 0;
    job.providerLive = !query.value(27).isNull();
    job.facilityActive = query.value(28).toInt() != 0;
    job.applyClicks = query.value(29).toLongLong();
    return job;
}

} // namespace

QString contentFingerprint(const JobContent &content)
{
    const auto squeeze = [](const QString &text) {
        return text.simplified().toCaseFolded();
    };
    const QStringList parts = {content.facilityId,
                               squeeze(content.title),
                               QString::number(content.categoryId),
                               squeeze(content.location.suburb),
                               content.location.state,
                               content.location.postcode,
                               squeeze(content.descriptionText)};
    return QString::fromLatin1(
        QCryptographicHash::hash(parts.join(u'\x1f').toUtf8(), QCryptographicHash::Sha256)
            .toHex());
}

QStringList JobStore::liveJobsWithFingerprint(const QString &providerId,
                                              const QString &fingerprint, const QString &exceptId)
{
    QStringList ids;
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT id FROM jobs WHERE provider_id = ? AND content_fingerprint = ? "
                         u"AND deleted_at IS NULL AND status IN ('ACTIVE', 'PENDING') AND id <> ? "
                         u"ORDER BY created_at LIMIT 5"_s,
                         {providerId, fingerprint, sqlText(exceptId)})) {
        return ids;
    }
    while (query.next())
        ids.append(query.value(0).toString());
    return ids;
}

QString JobCursor::encode() const
{
    const QByteArray raw = (formatTimestamp(createdAt) + u'|' + id).toUtf8();
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

JobCursor JobCursor::decode(const QString &text)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    const QString raw = QString::fromUtf8(*decoded);
    const qsizetype bar = raw.indexOf(u'|');
    if (bar < 0)
        return {};
    return {parseTimestamp(raw.left(bar)), raw.mid(bar + 1)};
}

JobStore::JobStore(Database &database)
    : m_database(database)
{}

bool JobStore::insert(const Job &job, QString *error)
{
    const JobContent &content = job.content;
    QSqlQuery query = m_database.query();
    return m_database.exec(
        query,
        u"INSERT INTO jobs (id, provider_id, facility_id, title, description_html, "
        u"description_text, category_id, work_types, salary_min_cents, salary_max_cents, "
        u"salary_type, suburb, state, postcode, apply_url, status, version, created_at, "
        u"updated_at, deleted_at, content_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        u"?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)"_s,
        {job.id, content.providerId, content.facilityId, sqlText(content.title),
         sqlText(content.descriptionHtml), sqlText(content.descriptionText), content.categoryId,
         workTypesColumn(content.workTypes), optionalCents(content.salary.minCents),
         optionalCents(content.salary.maxCents),
         content.salary.type ? QVariant(salaryTypeName(*content.salary.type)) : QVariant(),
         sqlText(content.location.suburb), sqlText(content.location.state),
         sqlText(content.location.postcode), sqlText(content.applyUrl),
         jobStatusName(content.status), job.version, formatTimestamp(job.createdAt),
         formatTimestamp(job.updatedAt), contentFingerprint(content)},
        error);
}

std::optional<Job> JobStore::find(const QString &id)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, selectJobs + u"WHERE j.id = ?"_s, {id}) || !query.next())
        return std::nullopt;
    return readJob(query);
}

bool JobStore::update(const Job &job, qint64 expectedVersion, QString *error)
{
    const JobContent &content = job.content;
    QSqlQuery query = m_database.query();
    const bool ok = m_database.exec(
        query,
        u"UPDATE jobs SET facility_id = ?, title = ?, description_html = ?, description_text = ?, "
        u"category_id = ?, work_types = ?, salary_min_cents = ?, salary_max_cents = ?, "
        u"salary_type = ?, suburb = ?, state = ?, postcode = ?, apply_url = ?, status = ?, "
        u"version = ?, updated_at = ?, content_fingerprint = ? WHERE id = ? AND version = ? AND "
        u"deleted_at IS NULL"_s,
        {content.facilityId, sqlText(content.title), sqlText(content.descriptionHtml),
         sqlText(content.descriptionText), content.categoryId, workTypesColumn(content.workTypes),
         optionalCents(content.salary.minCents), optionalCents(content.salary.maxCents),
         content.salary.type ? QVariant(salaryTypeName(*content.salary.type)) : QVariant(),
         sqlText(content.location.suburb), sqlText(content.location.state),
         sqlText(content.location.postcode), sqlText(content.applyUrl),
         jobStatusName(content.status), job.version, formatTimestamp(job.updatedAt),
         contentFingerprint(content), job.id, expectedVersion},
        error);
    if (!ok)
        return false;
    if (query.numRowsAffected() != 1) {
        if (error)
            *error = u"The job changed or was deleted while it was being updated."_s;
        return false;
    }
    return true;
}

bool JobStore::markDeleted(const QString &id, const QDateTime &time, qint64 expectedVersion,
                           QString *error)
{
    QSqlQuery query = m_database.query();
    const bool ok =
        m_database.exec(query,
                        u"UPDATE jobs SET deleted_at = ?, updated_at = ?, "
                        u"version = version + 1 WHERE id = ? AND version = ? AND "
                        u"deleted_at IS NULL"_s,
                        {formatTimestamp(time), formatTimestamp(time), id, expectedVersion}, error);
    if (!ok)
        return false;
    if (query.numRowsAffected() != 1) {
        if (error)
            *error = u"The job changed or was deleted while it was being deleted."_s;
        return false;
    }
    return true;
}

bool JobStore::addEvent(const QString &jobId, const QDateTime &time, const QString &actor,
                        const QString &action, const QString &statusBefore,
                        const QString &statusAfter, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"INSERT INTO job_events (job_id, occurred_at, actor, action, "
                           u"status_before, status_after) VALUES (?, ?, ?, ?, ?, ?)"_s,
                           {jobId, formatTimestamp(time), sqlText(actor), sqlText(action),
                            statusBefore.isEmpty() ? QVariant() : QVariant(statusBefore),
                            statusAfter.isEmpty() ? QVariant() : QVariant(statusAfter)},
                           error);
}

QList<Job> JobStore::providerJobs(const QString &providerId, int limit, const JobCursor &after)
{
    QList<Job> jobs;
    QSqlQuery query = m_database.query();
    bool ok = false;
    if (after.isValid()) {
        ok = m_database.exec(query,
                             selectJobs + u"WHERE j.provider_id = ? AND j.deleted_at IS NULL AND "
                                          u"(j.created_at < ? OR (j.created_at = ? AND j.id < ?)) "
                                          u"ORDER BY j.created_at DESC, j.id DESC LIMIT ?"_s,
                             {providerId, formatTimestamp(after.createdAt),
                              formatTimestamp(after.createdAt), after.id, limit});
    } else {
        ok = m_database.exec(query,
                             selectJobs + u"WHERE j.provider_id = ? AND j.deleted_at IS NULL "
                                          u"ORDER BY j.created_at DESC, j.id DESC LIMIT ?"_s,
                             {providerId, limit});
    }
    if (!ok)
        return jobs;
    while (query.next())
        jobs.append(readJob(query));
    return jobs;
}

JobPage JobStore::search(const JobFilter &filter)
{
    QStringList conditions;
    QVariantList values;
    if (!filter.statuses.isEmpty()) {
        QStringList placeholders;
        for (JobStatus status : filter.statuses) {
            placeholders.append(u"?"_s);
            values.append(jobStatusName(status));
        }
        conditions.append(u"j.status IN ("_s + placeholders.join(u", "_s) + u')');
    }
    if (!filter.providerId.isEmpty()) {
        conditions.append(u"j.provider_id = ?"_s);
        values.append(filter.providerId);
    }
    if (!filter.text.isEmpty()) {
        conditions.append(u"(lower(j.title) LIKE ? OR lower(j.suburb) LIKE ? OR lower(p.name) "
                          u"LIKE ? OR lower(f.name) LIKE ? OR lower(c.name) LIKE ?)"_s);
        QString escaped = filter.text.toLower();
        escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        for (int i = 0; i < 5; ++i)
            values.append(QString(u'%' + escaped + u'%'));
        conditions.last().replace(u"LIKE ?"_s, u"LIKE ? ESCAPE '\\'"_s);
    }
    if (filter.deleted == JobFilter::Deleted::Exclude)
        conditions.append(u"j.deleted_at IS NULL"_s);
    else if (filter.deleted == JobFilter::Deleted::Only)
        conditions.append(u"j.deleted_at IS NOT NULL"_s);
    const QString where =
        conditions.isEmpty() ? QString() : u"WHERE "_s + conditions.join(u" AND "_s) + u' ';

    JobPage page;
    const QString from = u"FROM jobs j JOIN providers p ON p.id = j.provider_id "
                         u"JOIN facilities f ON f.id = j.facility_id "
                         u"JOIN categories c ON c.id = j.category_id "_s;
    QSqlQuery count = m_database.query();
    if (!m_database.exec(count, u"SELECT COUNT(*) "_s + from + where, values) || !count.next())
        return page;
    page.total = count.value(0).toInt();

    QSqlQuery query = m_database.query();
    values << filter.limit << filter.offset;
    if (!m_database.exec(
            query, selectJobs + where + u"ORDER BY j.created_at DESC, j.id DESC LIMIT ? OFFSET ?"_s,
            values)) {
        return page;
    }
    while (query.next())
        page.jobs.append(readJob(query));
    return page;
}

} // namespace hopstep
