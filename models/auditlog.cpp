#include "auditlog.h"

#include "job.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QVariant jsonColumn(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QVariant();
}

QJsonValue jsonFromColumn(const QVariant &column)
{
    if (column.isNull())
        return QJsonValue::Null;
    const QJsonDocument document = QJsonDocument::fromJson(column.toString().toUtf8());
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return document.array();
    return QJsonValue::Null;
}

Actor::Kind actorKindFromName(const QString &name)
{
    if (name == u"staff"_s)
        return Actor::Kind::Staff;
    if (name == u"key"_s)
        return Actor::Kind::ApiKey;
    return Actor::Kind::System;
}

QString escapedLike(const QString &text)
{
    QString escaped = text.toLower();
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

} // namespace

Actor Actor::staff(const QString &id, const QString &name, const QString &requestId)
{
    return {Kind::Staff, id, name, {}, requestId};
}

Actor Actor::apiKey(const QString &keyId, const QString &prefix, const QString &providerId,
                    const QString &requestId)
{
    return {Kind::ApiKey, keyId, prefix, providerId, requestId};
}

Actor Actor::system(const QString &name)
{
    return {Kind::System, {}, name, {}, {}};
}

QString Actor::kindName() const
{
    switch (kind) {
    case Kind::Staff:
        return u"staff"_s;
    case Kind::ApiKey:
        return u"key"_s;
    case Kind::System:
        break;
    }
    return u"system"_s;
}

QString Actor::description() const
{
    switch (kind) {
    case Kind::Staff:
        return u"staff "_s + label;
    case Kind::ApiKey:
        return u"key "_s + label;
    case Kind::System:
        break;
    }
    return label;
}

QJsonObject auditEntryToJson(const AuditEntry &entry)
{
    return QJsonObject{
        {u"id"_s, entry.id},
        {u"occurredAt"_s, formatTimestamp(entry.occurredAt)},
        {u"actor"_s, QJsonObject{{u"type"_s, entry.actor.kindName()},
                                 {u"id"_s, entry.actor.id},
                                 {u"label"_s, entry.actor.label}}},
        {u"requestId"_s,
         entry.actor.requestId.isEmpty() ? QJsonValue() : QJsonValue(entry.actor.requestId)},
        {u"action"_s, entry.action},
        {u"entityType"_s, entry.entityType},
        {u"entityId"_s, entry.entityId},
        {u"providerId"_s, entry.providerId.isEmpty() ? QJsonValue() : QJsonValue(entry.providerId)},
        {u"summary"_s, entry.summary},
        {u"before"_s, entry.before.isUndefined() ? QJsonValue() : entry.before},
        {u"after"_s, entry.after.isUndefined() ? QJsonValue() : entry.after},
    };
}

AuditEntry auditEntryFromJson(const QJsonObject &object)
{
    AuditEntry entry;
    entry.id = object.value(u"id"_s).toInteger();
    entry.occurredAt = parseTimestamp(object.value(u"occurredAt"_s).toString());
    const QJsonObject actor = object.value(u"actor"_s).toObject();
    entry.actor.kind = actorKindFromName(actor.value(u"type"_s).toString());
    entry.actor.id = actor.value(u"id"_s).toString();
    entry.actor.label = actor.value(u"label"_s).toString();
    entry.actor.requestId = object.value(u"requestId"_s).toString();
    entry.action = object.value(u"action"_s).toString();
    entry.entityType = object.value(u"entityType"_s).toString();
    entry.entityId = object.value(u"entityId"_s).toString();
    entry.providerId = object.value(u"providerId"_s).toString();
    entry.summary = object.value(u"summary"_s).toString();
    entry.before = object.value(u"before"_s);
    entry.after = object.value(u"after"_s);
    return entry;
}

std::pair<QJsonObject, QJsonObject> changedMembers(const QJsonObject &before,
                                                   const QJsonObject &after)
{
    QSet<QString> names;
    for (auto it = before.constBegin(); it != before.constEnd(); ++it)
        names.insert(it.key());
    for (auto it = after.constBegin(); it != after.constEnd(); ++it)
        names.insert(it.key());
    QJsonObject changedBefore;
    QJsonObject changedAfter;
    for (const QString &name : std::as_const(names)) {
        const QJsonValue old = before.value(name);
        const QJsonValue now = after.value(name);
        if (old == now)
            continue;
        changedBefore.insert(name, old.isUndefined() ? QJsonValue() : old);
        changedAfter.insert(name, now.isUndefined() ? QJsonValue() : now);
    }
    return {changedBefore, changedAfter};
}

AuditLog::AuditLog(Database &database)
    : m_database(database)
{}

bool AuditLog::record(const AuditEntry &entry, QString *error)
{
    const QDateTime time =
        entry.occurredAt.isValid() ? entry.occurredAt : QDateTime::currentDateTimeUtc();
    QSqlQuery query = m_database.query();
    return m_database.exec(
        query,
        u"INSERT INTO audit_log (occurred_at, actor_type, actor_id, actor_label, action, "
        u"entity_type, entity_id, provider_id, summary, before_json, after_json, request_id) "
        u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {formatTimestamp(time), entry.actor.kindName(), sqlText(entry.actor.id),
         sqlText(entry.actor.label), entry.action, entry.entityType, sqlText(entry.entityId),
         entry.providerId.isEmpty() ? QVariant() : QVariant(entry.providerId),
         sqlText(entry.summary), jsonColumn(entry.before), jsonColumn(entry.after),
         entry.actor.requestId.isEmpty() ? QVariant() : QVariant(entry.actor.requestId)},
        error);
}

QList<AuditEntry> AuditLog::entries(const AuditFilter &filter, bool *ok)
{
    QStringList conditions;
    QVariantList values;
    if (!filter.actor.isEmpty()) {
        conditions.append(u"lower(actor_label) LIKE ? ESCAPE '\\'"_s);
        values.append(escapedLike(filter.actor));
    }
    if (filter.action.endsWith(u'.')) {
        conditions.append(u"action LIKE ? ESCAPE '\\'"_s);
        QString prefix = filter.action;
        prefix.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        values.append(QString(prefix + u'%'));
    } else if (!filter.action.isEmpty()) {
        conditions.append(u"action = ?"_s);
        values.append(filter.action);
    }
    if (!filter.entityType.isEmpty()) {
        conditions.append(u"entity_type = ?"_s);
        values.append(filter.entityType);
    }
    if (!filter.entityId.isEmpty()) {
        conditions.append(u"entity_id = ?"_s);
        values.append(filter.entityId);
    }
    if (!filter.providerId.isEmpty()) {
        conditions.append(u"provider_id = ?"_s);
        values.append(filter.providerId);
    }
    if (filter.from.isValid()) {
        conditions.append(u"occurred_at >= ?"_s);
        values.append(formatTimestamp(filter.from));
    }
    if (filter.to.isValid()) {
        conditions.append(u"occurred_at < ?"_s);
        values.append(formatTimestamp(filter.to));
    }
    if (filter.beforeId > 0) {
        conditions.append(u"id < ?"_s);
        values.append(filter.beforeId);
    }
    values.append(qBound(1, filter.limit, maxPageSize));
    const QString where =
        conditions.isEmpty() ? QString() : u"WHERE "_s + conditions.join(u" AND "_s) + u' ';

    QList<AuditEntry> result;
    QSqlQuery query = m_database.query();
    const bool succeeded = m_database.exec(
        query,
        u"SELECT id, occurred_at, actor_type, actor_id, actor_label, action, entity_type, "
        u"entity_id, provider_id, summary, before_json, after_json, request_id FROM audit_log "_s +
            where + u"ORDER BY id DESC LIMIT ?"_s,
        values);
    if (ok)
        *ok = succeeded;
    if (!succeeded)
        return result;
    while (query.next()) {
        AuditEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.occurredAt = parseTimestamp(query.value(1).toString());
        entry.actor.kind = actorKindFromName(query.value(2).toString());
        entry.actor.id = query.value(3).toString();
        entry.actor.label = query.value(4).toString();
        entry.action = query.value(5).toString();
        entry.entityType = query.value(6).toString();
        entry.entityId = query.value(7).toString();
        entry.providerId = query.value(8).toString();
        entry.summary = query.value(9).toString();
        entry.before = jsonFromColumn(query.value(10));
        entry.after = jsonFromColumn(query.value(11));
        entry.actor.requestId = query.value(12).toString();
        result.append(entry);
    }
    return result;
}

QStringList AuditLog::actions()
{
    QStringList result;
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, u"SELECT DISTINCT action FROM audit_log ORDER BY action"_s))
        return result;
    while (query.next())
        result.append(query.value(0).toString());
    return result;
}

} // namespace hopstep
