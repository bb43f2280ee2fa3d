#pragma once

#include "credentialstore.h"
#include "recordtablemodel.h"
#include "staff.h"

namespace hopstep {

// The staff page's list of accounts.
class StaffTableModel : public RecordTableModel<StaffMember>
{
public:
    enum Column {
        NameColumn,
        EmailColumn,
        RolesColumn,
        StateColumn,
        TokensColumn,
        LastUsedColumn,
        ColumnCount
    };

    explicit StaffTableModel(QObject *parent = nullptr);

protected:
    QString keyOf(const StaffMember &record) const override { return record.id; }
    QVariant value(const StaffMember &record, int column, int role) const override;
    QString searchText(const StaffMember &record) const override;
    bool isIdColumn(int) const override { return false; }
    bool isNumberColumn(int column) const override { return column == TokensColumn; }
};

// The personal tokens of the selected staff member, by their public prefix.
class StaffTokenTableModel : public RecordTableModel<StaffTokenRecord>
{
public:
    enum Column {
        PrefixColumn,
        LabelColumn,
        StateColumn,
        CreatedColumn,
        LastUsedColumn,
        ColumnCount
    };

    explicit StaffTokenTableModel(QObject *parent = nullptr);

protected:
    QString keyOf(const StaffTokenRecord &record) const override { return record.id; }
    QVariant value(const StaffTokenRecord &record, int column, int role) const override;
    QString searchText(const StaffTokenRecord &record) const override;
    bool isIdColumn(int column) const override { return column == PrefixColumn; }
};

// "Integrations, Reviewer", or "Read only" for an account without roles.
QString staffRolesText(StaffRoles roles);

} // namespace hopstep
