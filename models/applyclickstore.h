#pragma once

#include "database.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace hopstep {

// Apply clicks: how many times candidates were sent from a job page to the ATS's form, counted
// per job and UTC day. A count is of redirects, not of distinct candidates.
class ApplyClickStore
{
public:
    struct Day
    {
        QDate day;
        qint64 clicks = 0;
    };

    explicit ApplyClickStore(Database &database);

    // Adds one click to the job's count for the UTC day of time, in its own committed write.
    bool record(const QString &jobId, const QDateTime &time, QString *error = nullptr);
    // Returns the job's clicks over all days, or -1 when the query failed.
    qint64 total(const QString &jobId);
    // Returns the job's clicks per day, oldest first.
    QList<Day> daily(const QString &jobId);

private:
    Database &m_database;
};

} // namespace hopstep
