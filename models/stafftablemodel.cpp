#include "stafftablemodel.h"

#include <QBrush>
#include <QColor>

using namespace Qt::StringLiterals;

namespace hopstep {

QString staffRolesText(StaffRoles roles)
{
    QStringList labels;
    for (StaffRole role : allStaffRoles()) {
        if (roles.testFlag(role))
            labels.append(staffRoleLabel(role));
    }
    return labels.isEmpty() ? u"Read only"_s : labels.join(u", "_s);
}

StaffTableModel::StaffTableModel(QObject *parent)
    : RecordTableModel({u"Name"_s, u"Email"_s, u"Roles"_s, u"State"_s, u"Tokens"_s, u"Last used"_s},
                       parent)
{}

QVariant StaffTableModel::value(const StaffMember &record, int column, int role) const
{
    if (role == RecordStateRole)
        return record.active ? u"active"_s : u"inactive"_s;
    if (role == Qt::ForegroundRole)
        return record.active ? QVariant() : QVariant(QBrush(QColor(0x6b, 0x72, 0x80)));
    if (role == RecordSortRole) {
        if (column == TokensColumn)
            return record.activeTokens;
        if (column == LastUsedColumn)
            return record.lastUsedAt;
        return value(record, column, Qt::DisplayRole);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case NameColumn:
        return record.name;
    case EmailColumn:
        return record.email;
    case RolesColumn:
        return staffRolesText(record.roles);
    case StateColumn:
        return record.active ? u"Active"_s : u"Deactivated"_s;
    case TokensColumn:
        return record.activeTokens;
    case LastUsedColumn:
        return record.lastUsedAt.isValid() ? formatTableTime(record.lastUsedAt) : u"Never"_s;
    default:
        return {};
    }
}

QString StaffTableModel::searchText(const StaffMember &record) const
{
    return QStringList{record.name, record.email, staffRolesText(record.roles)}
        .join(u' ')
        .toCaseFolded();
}

StaffTokenTableModel::StaffTokenTableModel(QObject *parent)
    : RecordTableModel({u"Token"_s, u"Label"_s, u"State"_s, u"Created"_s, u"Last used"_s}, parent)
{}

QVariant StaffTokenTableModel::value(const StaffTokenRecord &record, int column, int role) const
{
    if (role == RecordStateRole)
        return record.isRevoked() ? u"revoked"_s : u"active"_s;
    if (role == Qt::ForegroundRole)
        return record.isRevoked() ? QVariant(QBrush(QColor(0x6b, 0x72, 0x80))) : QVariant();
    if (role == RecordSortRole) {
        if (column == CreatedColumn)
            return record.createdAt;
        if (column == LastUsedColumn)
            return record.lastUsedAt;
        return value(record, column, Qt::DisplayRole);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case PrefixColumn:
        return QString(record.prefix + u"…"_s);
    case LabelColumn:
        return record.label;
    case StateColumn:
        return record.isRevoked() ? u"Revoked"_s : u"Active"_s;
    case CreatedColumn:
        return formatTableTime(record.createdAt);
    case LastUsedColumn:
        return record.lastUsedAt.isValid() ? formatTableTime(record.lastUsedAt) : u"Never"_s;
    default:
        return {};
    }
}

QString StaffTokenTableModel::searchText(const StaffTokenRecord &record) const
{
    return QString(record.prefix + u' ' + record.label).toCaseFolded();
}

} // namespace hopstep
