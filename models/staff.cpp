#include "staff.h"

#include "job.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hopstep {

const QList<StaffRole> &allStaffRoles()
{
    static const QList<StaffRole> roles = {StaffRole::Integrations, StaffRole::Reviewer,
                                           StaffRole::Support, StaffRole::Admin};
    return roles;
}

QString staffRoleName(StaffRole role)
{
    switch (role) {
    case StaffRole::Integrations:
        return u"integrations"_s;
    case StaffRole::Reviewer:
        return u"reviewer"_s;
    case StaffRole::Support:
        return u"support"_s;
    case StaffRole::Admin:
        return u"admin"_s;
    }
    return {};
}

std::optional<StaffRole> staffRoleFromName(const QString &name)
{
    const QString key = name.trimmed().toLower();
    for (StaffRole role : allStaffRoles()) {
        if (staffRoleName(role) == key)
            return role;
    }
    return std::nullopt;
}

QString staffRoleLabel(StaffRole role)
{
    switch (role) {
    case StaffRole::Integrations:
        return u"Integrations"_s;
    case StaffRole::Reviewer:
        return u"Reviewer"_s;
    case StaffRole::Support:
        return u"Support"_s;
    case StaffRole::Admin:
        return u"Admin"_s;
    }
    return {};
}

QString staffRoleList()
{
    QStringList names;
    for (StaffRole role : allStaffRoles())
        names.append(staffRoleName(role));
    return names.join(u", "_s);
}

QStringList staffRoleNames(StaffRoles roles)
{
    QStringList names;
    for (StaffRole role : allStaffRoles()) {
        if (roles.testFlag(role))
            names.append(staffRoleName(role));
    }
    return names;
}

std::optional<StaffRoles> staffRolesFromNames(const QStringList &names, QString *unknown)
{
    StaffRoles roles;
    for (const QString &name : names) {
        if (name.trimmed().isEmpty())
            continue;
        const std::optional<StaffRole> role = staffRoleFromName(name);
        if (!role) {
            if (unknown)
                *unknown = name;
            return std::nullopt;
        }
        roles |= *role;
    }
    return roles;
}

bool grantsRole(StaffRoles roles, StaffRole role)
{
    return roles.testFlag(role) || roles.testFlag(StaffRole::Admin);
}

QJsonObject staffMemberToJson(const StaffMember &member)
{
    return QJsonObject{
        {u"id"_s, member.id},
        {u"name"_s, member.name},
        {u"email"_s, member.email},
        {u"roles"_s, QJsonArray::fromStringList(staffRoleNames(member.roles))},
        {u"active"_s, member.active},
        {u"createdAt"_s, formatTimestamp(member.createdAt)},
        {u"updatedAt"_s, formatTimestamp(member.updatedAt)},
        {u"activeTokens"_s, member.activeTokens},
        {u"lastUsedAt"_s, member.lastUsedAt.isValid()
                              ? QJsonValue(formatTimestamp(member.lastUsedAt))
                              : QJsonValue()},
    };
}

StaffMember staffMemberFromJson(const QJsonObject &object)
{
    StaffMember member;
    member.id = object.value(u"id"_s).toString();
    member.name = object.value(u"name"_s).toString();
    member.email = object.value(u"email"_s).toString();
    QStringList names;
    const QJsonArray roles = object.value(u"roles"_s).toArray();
    for (const QJsonValue &role : roles)
        names.append(role.toString());
    member.roles = staffRolesFromNames(names).value_or(StaffRoles());
    member.active = object.value(u"active"_s).toBool(true);
    member.createdAt = parseTimestamp(object.value(u"createdAt"_s).toString());
    member.updatedAt = parseTimestamp(object.value(u"updatedAt"_s).toString());
    member.activeTokens = object.value(u"activeTokens"_s).toInt();
    member.lastUsedAt = parseTimestamp(object.value(u"lastUsedAt"_s).toString());
    return member;
}

QString emailProblem(const QString &email)
{
    // Deliberately loose: one @, something before it, a dot in the domain, no spaces. Whether
    // the mailbox exists is for the mail system to find out.
    static const QRegularExpression shape(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$"_s);
    if (email.size() > 254)
        return u"is longer than 254 characters"_s;
    if (!shape.match(email).hasMatch())
        return u"is not an email address such as name@example.com.au"_s;
    return {};
}

} // namespace hopstep
