#include "auditlogmodel.h"

#include "job.h"

#include <QBrush>
#include <QColor>

using namespace Qt::StringLiterals;

namespace hopstep {

QString auditActorText(const Actor &actor)
{
    switch (actor.kind) {
    case Actor::Kind::Staff:
        return actor.label;
    case Actor::Kind::ApiKey:
        return u"key "_s + actor.label;
    case Actor::Kind::System:
        break;
    }
    return actor.label.isEmpty() ? u"hopstep"_s : actor.label;
}

AuditLogModel::AuditLogModel(QObject *parent)
    : RecordTableModel({u"Time"_s, u"Who"_s, u"Action"_s, u"Entity"_s, u"Summary"_s}, parent)
{}

qint64 AuditLogModel::oldestId() const
{
    qint64 oldest = 0;
    for (const AuditEntry &entry : records()) {
        if (oldest == 0 || entry.id < oldest)
            oldest = entry.id;
    }
    return oldest;
}

QVariant AuditLogModel::value(const AuditEntry &record, int column, int role) const
{
    if (role == RecordStateRole)
        return record.actor.kindName();
    if (role == Qt::ForegroundRole && column == ActorColumn &&
        record.actor.kind == Actor::Kind::ApiKey) {
        return QBrush(QColor(0x1f, 0x4e, 0x79));
    }
    if (role == RecordSortRole) {
        if (column == TimeColumn)
            return record.id;
        return value(record, column, Qt::DisplayRole);
    }
    if (role == Qt::ToolTipRole && column == TimeColumn)
        return QString(formatTimestamp(record.occurredAt) +
                       (record.actor.requestId.isEmpty()
                            ? QString()
                            : QString(u"\nrequest "_s + record.actor.requestId)));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case TimeColumn:
        return record.occurredAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
    case ActorColumn:
        return auditActorText(record.actor);
    case ActionColumn:
        return record.action;
    case EntityColumn:
        return QString(record.entityType + u' ' + record.entityId);
    case SummaryColumn:
        return record.summary;
    default:
        return {};
    }
}

QString AuditLogModel::searchText(const AuditEntry &record) const
{
    return QStringList{record.actor.label, record.action, record.entityType, record.entityId,
                       record.summary}
        .join(u' ')
        .toCaseFolded();
}

} // namespace hopstep
