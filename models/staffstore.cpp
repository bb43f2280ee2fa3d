#include "staffstore.h"

#include "job.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QString memberColumns =
    u"s.id, s.name, s.email, s.roles, s.active, s.created_at, s.updated_at, "
    u"(SELECT COUNT(*) FROM staff_tokens t WHERE t.staff_id = s.id AND t.revoked_at IS NULL), "
    u"(SELECT MAX(t.last_used_at) FROM staff_tokens t WHERE t.staff_id = s.id) "
    u"FROM staff s "_s;

StaffMember readMember(const QSqlQuery &query)
{
    StaffMember member;
    member.id = query.value(0).toString();
    member.name = query.value(1).toString();
    member.email = query.value(2).toString();
    member.roles = staffRolesFromNames(query.value(3).toString().split(u',', Qt::SkipEmptyParts))
                       .value_or(StaffRoles());
    member.active = query.value(4).toInt() != 0;
    member.createdAt = parseTimestamp(query.value(5).toString());
    member.updatedAt = parseTimestamp(query.value(6).toString());
    member.activeTokens = query.value(7).toInt();
    member.lastUsedAt = parseTimestamp(query.value(8).toString());
    return member;
}

QString rolesColumn(StaffRoles roles)
{
    return sqlText(staffRoleNames(roles).join(u','));
}

} // namespace

StaffStore::StaffStore(Database &database)
    : m_database(database)
{}

QList<StaffMember> StaffStore::members(bool *ok)
{
    QList<StaffMember> result;
    QSqlQuery query = m_database.query();
    const bool listed =
        m_database.exec(query, u"SELECT "_s + memberColumns + u"ORDER BY s.name, s.id"_s);
    if (ok)
        *ok = listed;
    if (!listed)
        return result;
    while (query.next())
        result.append(readMember(query));
    return result;
}

std::optional<StaffMember> StaffStore::firstWhere(const QString &condition,
                                                  const QVariantList &values)
{
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT "_s + memberColumns + u"WHERE "_s + condition +
                             u" ORDER BY s.created_at, s.id LIMIT 1"_s,
                         values) ||
        !query.next()) {
        return std::nullopt;
    }
    return readMember(query);
}

std::optional<StaffMember> StaffStore::member(const QString &id)
{
    return firstWhere(u"s.id = ?"_s, {id});
}

std::optional<StaffMember> StaffStore::memberByEmail(const QString &email)
{
    if (email.isEmpty())
        return std::nullopt;
    return firstWhere(u"s.email = ?"_s, {email.toLower()});
}

std::optional<StaffMember> StaffStore::memberByName(const QString &name)
{
    return firstWhere(u"s.name = ?"_s, {name});
}

bool StaffStore::add(const StaffMember &member, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"INSERT INTO staff (id, name, email, roles, active, created_at, "
                           u"updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                           {member.id, member.name, sqlText(member.email.toLower()),
                            rolesColumn(member.roles), member.active ? 1 : 0,
                            formatTimestamp(member.createdAt), formatTimestamp(member.updatedAt)},
                           error);
}

bool StaffStore::update(const StaffMember &member, QString *error)
{
    QSqlQuery query = m_database.query();
    return m_database.exec(query,
                           u"UPDATE staff SET name = ?, email = ?, roles = ?, active = ?, "
                           u"updated_at = ? WHERE id = ?"_s,
                           {member.name, sqlText(member.email.toLower()), rolesColumn(member.roles),
                            member.active ? 1 : 0, formatTimestamp(member.updatedAt), member.id},
                           error);
}

int StaffStore::activeAdminCount()
{
    int count = 0;
    const QList<StaffMember> all = members();
    for (const StaffMember &member : all) {
        if (member.active && member.roles.testFlag(StaffRole::Admin))
            ++count;
    }
    return count;
}

} // namespace hopstep
