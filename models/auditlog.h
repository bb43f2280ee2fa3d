#pragma once

#include "database.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace hopstep {

// The originator of a change and the request it came through: a staff member, an ATS's API
// key, or hopstep itself (the demo loader, the command line).
struct Actor
{
    enum class Kind { Staff, ApiKey, System };

    Kind kind = Kind::System;
    QString id;         // staff account id or API key id; empty for the system
    QString label;      // staff name, key prefix ("hsk_AbCdEfGh") or program name
    QString providerId; // the provider an API key belongs to
    QString requestId;  // X-Request-Id of the HTTP request, when there was one

    static Actor staff(const QString &id, const QString &name, const QString &requestId = {});
    static Actor apiKey(const QString &keyId, const QString &prefix, const QString &providerId,
                        const QString &requestId = {});
    static Actor system(const QString &name);

    // "staff", "key" or "system", as stored in the audit log.
    QString kindName() const;
    // "staff Alex Chen", "key hsk_AbCdEfGh", "demo loader": for log lines and onboarding steps.
    QString description() const;
};

// One entry of the audit log: a change that a staff member or an API key made.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime occurredAt;
    Actor actor;
    QString action;     // "provider.created", "api-key.revoked", "job.updated", …
    QString entityType; // "provider", "facility", "api-key", "category", "job", "staff", …
    QString entityId;
    QString providerId; // the provider the change concerns, or empty
    QString summary;    // one sentence for lists, e.g. "Revoked key hsk_AbCdEfGh."
    QJsonValue before;  // the changed members before, or null for a creation
    QJsonValue after;   // the changed members after, or null for a removal
};

QJsonObject auditEntryToJson(const AuditEntry &entry);
AuditEntry auditEntryFromJson(const QJsonObject &object);

// Filters of the audit log; empty members match everything.
struct AuditFilter
{
    QString actor;  // part of the actor's label, any case
    QString action; // an action, or a prefix ending in "." such as "provider."
    QString entityType;
    QString entityId;
    QString providerId;
    QDateTime from;      // inclusive
    QDateTime to;        // exclusive
    qint64 beforeId = 0; // entries older than this id, for paging; 0 starts at the newest
    int limit = 100;
};

// Returns the members of before and after whose values differ, so an entry stores what
// changed rather than two copies of a whole record.
std::pair<QJsonObject, QJsonObject> changedMembers(const QJsonObject &before,
                                                   const QJsonObject &after);

// The audit log table. Writes happen inside the transaction of the change they record, so a
// change and its entry commit or fail together.
class AuditLog
{
public:
    explicit AuditLog(Database &database);

    bool record(const AuditEntry &entry, QString *error = nullptr);
    // Newest first. Sets *ok to false when the query failed.
    QList<AuditEntry> entries(const AuditFilter &filter, bool *ok = nullptr);
    // The distinct actions recorded so far, sorted, for the console's filter.
    QStringList actions();

    static constexpr int maxPageSize = 500;

private:
    Database &m_database;
};

} // namespace hopstep
