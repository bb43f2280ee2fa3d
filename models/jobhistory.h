#pragma once

#include "auditlog.h"
#include "database.h"
#include "job.h"

#include <QJsonObject>
#include <QString>

namespace hopstep {

// Records a job write inside the transaction that makes it: the details JobStore's insert and
// update leave out (the category as sent, the alias flag, the hold flag), the audit log entry
// with the changed members before and after, and, for a provider's first job, the onboarding
// step "test job received". before is null for a creation. action is "job.created",
// "job.updated", "job.status-changed", "job.deleted" or "job.published".
bool recordJobWrite(Database &database, const Job *before, const Job &after, const Actor &actor,
                    const QString &action, QString *error);

// The job as the audit log keeps it: the admin form without the plain-text copy of the
// description and without updatedAt, which the entry's own time already gives.
QJsonObject jobAuditJson(const Job &job);

} // namespace hopstep
