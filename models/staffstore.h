#pragma once

#include "database.h"
#include "staff.h"

#include <QList>
#include <QString>

#include <optional>

namespace hopstep {

// Staff accounts. Their tokens are in CredentialStore.
class StaffStore
{
public:
    explicit StaffStore(Database &database);

    // Every account with its number of active tokens and last use, by name.
    QList<StaffMember> members(bool *ok = nullptr);
    std::optional<StaffMember> member(const QString &id);
    std::optional<StaffMember> memberByEmail(const QString &email);
    // The oldest account with this name, for the bootstrap command.
    std::optional<StaffMember> memberByName(const QString &name);

    bool add(const StaffMember &member, QString *error = nullptr);
    // Writes name, email, roles, active and updatedAt.
    bool update(const StaffMember &member, QString *error = nullptr);
    int activeAdminCount();

private:
    std::optional<StaffMember> firstWhere(const QString &condition, const QVariantList &values);

    Database &m_database;
};

} // namespace hopstep
