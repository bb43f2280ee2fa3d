#include "applyclickstore.h"

#include "job.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

ApplyClickStore::ApplyClickStore(Database &database)
    : m_database(database)
{}

bool ApplyClickStore::record(const QString &jobId, const QDateTime &time, QString *error)
{
    const QDateTime utc = time.toUTC();
    QSqlQuery query = m_database.query();
    // ON CONFLICT ... DO UPDATE is understood by SQLite 3.24 and later and by PostgreSQL.
    return m_database.exec(query,
                           u"INSERT INTO apply_clicks (job_id, day, clicks, last_clicked_at) "
                           u"VALUES (?, ?, 1, ?) ON CONFLICT (job_id, day) DO UPDATE SET "
                           u"clicks = apply_clicks.clicks + 1, "
                           u"last_clicked_at = excluded.last_clicked_at"_s,
                           {jobId, utc.date().toString(Qt::ISODate), formatTimestamp(utc)}, error);
}

qint64 ApplyClickStore::total(const QString &jobId)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT COALESCE(SUM(clicks), 0) FROM apply_clicks WHERE job_id = ?"_s,
                         {jobId}) ||
        !query.next()) {
        return -1;
    }
    return query.value(0).toLongLong();
}

QList<ApplyClickStore::Day> ApplyClickStore::daily(const QString &jobId)
{
    QList<Day> days;
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT day, clicks FROM apply_clicks WHERE job_id = ? ORDER BY day"_s,
                         {jobId})) {
        return days;
    }
    while (query.next())
        days.append({QDate::fromString(query.value(0).toString(), Qt::ISODate),
                     query.value(1).toLongLong()});
    return days;
}

} // namespace hopstep
