#pragma once

#include <QDateTime>
#include <QFlags>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hopstep {

// A permission of staff in the admin API. Every staff member may read, and the roles grant the
// changes. An admin may do everything, including managing staff accounts.
enum class StaffRole {
    Integrations = 0x1, // providers, facilities, API keys, the category list
    Reviewer = 0x2,     // validates how jobs display and takes integrations live
    Support = 0x4,      // expires, closes, reactivates and deletes jobs
    Admin = 0x8,        // manages staff accounts and may do everything
};
Q_DECLARE_FLAGS(StaffRoles, StaffRole)

// Every role, in the order the console and the API list them.
const QList<StaffRole> &allStaffRoles();
// "integrations", "reviewer", "support", "admin": the names in the API and the database.
QString staffRoleName(StaffRole role);
std::optional<StaffRole> staffRoleFromName(const QString &name);
// "Integrations", "Reviewer": the words shown to staff.
QString staffRoleLabel(StaffRole role);
// "integrations, reviewer, support, admin", for messages.
QString staffRoleList();
// Role names in allStaffRoles() order, e.g. {"integrations", "support"}.
QStringList staffRoleNames(StaffRoles roles);
// Parses names as staffRoleNames() writes them. Returns nothing when a name is unknown, and
// sets *unknown to it.
std::optional<StaffRoles> staffRolesFromNames(const QStringList &names, QString *unknown = nullptr);
// True when roles contain role, or contain Admin.
bool grantsRole(StaffRoles roles, StaffRole role);

// A person who works in the console. Personal staff tokens belong to an account; deactivating
// the account stops all of them.
struct StaffMember
{
    QString id;
    QString name;
    QString email; // lower case, or empty
    StaffRoles roles;
    bool active = true;
    QDateTime createdAt;
    QDateTime updatedAt;
    // Read from the account's tokens for listings.
    int activeTokens = 0;
    QDateTime lastUsedAt;
};

QJsonObject staffMemberToJson(const StaffMember &member);
StaffMember staffMemberFromJson(const QJsonObject &object);

// Returns an empty string when email looks like a deliverable address, else the reason.
QString emailProblem(const QString &email);

} // namespace hopstep

// Outside the namespace, as Qt requires, so it does not hide Qt's own operator| overloads.
Q_DECLARE_OPERATORS_FOR_FLAGS(hopstep::StaffRoles)
