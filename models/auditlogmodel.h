#pragma once

#include "auditlog.h"
#include "recordtablemodel.h"

namespace hopstep {

// The audit log page's list, newest first. Pages of older entries are appended.
class AuditLogModel : public RecordTableModel<AuditEntry>
{
public:
    enum Column { TimeColumn, ActorColumn, ActionColumn, EntityColumn, SummaryColumn, ColumnCount };

    explicit AuditLogModel(QObject *parent = nullptr);

    // The id of the oldest entry shown, for asking for the next page; 0 when empty.
    qint64 oldestId() const;

protected:
    QString keyOf(const AuditEntry &record) const override { return QString::number(record.id); }
    QVariant value(const AuditEntry &record, int column, int role) const override;
    QString searchText(const AuditEntry &record) const override;
    bool isIdColumn(int) const override { return false; }
};

// "Alex Chen" for staff, "key hsk_AbCdEfGh" for an API key, as the audit log shows who acted.
QString auditActorText(const Actor &actor);

} // namespace hopstep
