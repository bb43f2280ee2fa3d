#include "staffservice.h"

#include "job.h"
#include "logcategories.h"

#include <QJsonArray>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

constexpr qsizetype maxStaffName = 120;
constexpr qsizetype maxTokenLabel = 80;

const QStringList staffFields = {u"name"_s, u"email"_s, u"roles"_s, u"active"_s};

std::optional<StaffRoles> readRoles(AdminInput &input)
{
    const QJsonValue value = input.body().value(u"roles"_s);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isArray()) {
        input.addError(u"roles"_s, u"type"_s,
                       u"roles must be an array of role names: "_s + staffRoleList() + u'.');
        return std::nullopt;
    }
    QStringList names;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &role : array)
        names.append(role.toString());
    QString unknown;
    const std::optional<StaffRoles> roles = staffRolesFromNames(names, &unknown);
    if (!roles) {
        input.addError(u"roles"_s, u"not-allowed"_s,
                       u"Role “"_s + unknown.left(40) + u"” does not exist; the roles are "_s +
                           staffRoleList() + u'.');
    }
    return roles;
}

} // namespace

StaffService::StaffService(Database &database)
    : m_database(database)
    , m_staff(database)
    , m_credentials(database)
    , m_audit(database)
{}

AdminOutcome StaffService::notFound(const QString &staffId) const
{
    return AdminOutcome::notFound(u"staff-not-found"_s,
                                  u"No staff account "_s + staffId.left(64) + u" exists."_s);
}

QJsonObject StaffService::memberJson(const StaffMember &member)
{
    QJsonObject object = staffMemberToJson(member);
    QJsonArray tokens;
    const QList<StaffTokenRecord> records = m_credentials.staffTokens(member.id);
    for (const StaffTokenRecord &token : records)
        tokens.append(staffTokenToJson(token));
    object.insert(u"tokens"_s, tokens);
    return object;
}

AdminOutcome StaffService::list()
{
    bool ok = false;
    const QList<StaffMember> members = m_staff.members(&ok);
    if (!ok)
        return AdminOutcome::storageFailed(u"The staff accounts could not be read."_s);
    QJsonArray items;
    for (const StaffMember &member : members)
        items.append(staffMemberToJson(member));
    return AdminOutcome::ok({{u"items"_s, items}});
}

AdminOutcome StaffService::member(const QString &staffId)
{
    const std::optional<StaffMember> member = m_staff.member(staffId);
    if (!member)
        return notFound(staffId);
    return AdminOutcome::ok(memberJson(*member));
}

AdminOutcome StaffService::create(const QJsonObject &body, const Actor &actor)
{
    AdminInput input(body);
    input.rejectUnknown(staffFields);
    StaffMember member;
    if (const auto name = input.text(u"name"_s, true, maxStaffName))
        member.name = *name;
    if (const auto email = input.text(u"email"_s, false, 254)) {
        const QString problem = email->isEmpty() ? QString() : emailProblem(*email);
        if (problem.isEmpty())
            member.email = email->toLower();
        else
            input.addError(u"email"_s, u"format"_s, u"email "_s + problem + u'.');
    }
    member.roles = readRoles(input).value_or(StaffRoles());
    member.active = input.boolean(u"active"_s).value_or(true);
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (const std::optional<StaffMember> existing = m_staff.memberByEmail(member.email)) {
        return AdminOutcome::conflict(u"email-taken"_s, u"The staff account of "_s +
                                                            existing->name + u" already uses "_s +
                                                            member.email + u'.');
    }

    member.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    member.createdAt = QDateTime::currentDateTimeUtc();
    member.updatedAt = member.createdAt;
    QString error;
    const bool stored = m_database.transaction(
        [&] {
            AuditEntry entry;
            entry.occurredAt = member.createdAt;
            entry.actor = actor;
            entry.action = u"staff.created"_s;
            entry.entityType = u"staff"_s;
            entry.entityId = member.id;
            entry.summary =
                u"Created the staff account of "_s + member.name + u" with role(s) "_s +
                (member.roles ? staffRoleNames(member.roles).join(u", "_s) : u"none"_s) + u'.';
            entry.after = staffMemberToJson(member);
            return m_staff.add(member, &error) && m_audit.record(entry, &error);
        },
        &error);
    if (!stored)
        return AdminOutcome::storageFailed(error);
    qCInfo(lcAdmin).noquote() << actor.description() << "created staff account" << member.id;
    return AdminOutcome::created(memberJson(*m_staff.member(member.id)));
}

AdminOutcome StaffService::update(const QString &staffId, const QJsonObject &body,
                                  const Actor &actor)
{
    const std::optional<StaffMember> stored = m_staff.member(staffId);
    if (!stored)
        return notFound(staffId);
    AdminInput input(body);
    input.rejectUnknown(staffFields);
    StaffMember member = *stored;
    if (input.has(u"name"_s)) {
        if (const auto name = input.text(u"name"_s, true, maxStaffName))
            member.name = *name;
    }
    if (const auto email = input.text(u"email"_s, false, 254)) {
        const QString problem = email->isEmpty() ? QString() : emailProblem(*email);
        if (problem.isEmpty())
            member.email = email->toLower();
        else
            input.addError(u"email"_s, u"format"_s, u"email "_s + problem + u'.');
    }
    if (const std::optional<StaffRoles> roles = readRoles(input))
        member.roles = *roles;
    if (const std::optional<bool> active = input.boolean(u"active"_s))
        member.active = *active;
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (const std::optional<StaffMember> existing = m_staff.memberByEmail(member.email);
        existing && existing->id != staffId) {
        return AdminOutcome::conflict(u"email-taken"_s, u"The staff account of "_s +
                                                            existing->name + u" already uses "_s +
                                                            member.email + u'.');
    }
    const bool wasAdmin = stored->active && stored->roles.testFlag(StaffRole::Admin);
    const bool staysAdmin = member.active && member.roles.testFlag(StaffRole::Admin);
    if (wasAdmin && !staysAdmin && m_staff.activeAdminCount() <= 1) {
        return AdminOutcome::conflict(
            u"last-admin"_s, stored->name +
                                 u" is the only active admin; make someone else an "
                                 u"admin first, so that staff accounts stay manageable."_s);
    }

    // Named variables, because clang 14 cannot capture structured bindings in the lambda below.
    const auto changes = changedMembers(staffMemberToJson(*stored), staffMemberToJson(member));
    const QJsonObject &before = changes.first;
    const QJsonObject &after = changes.second;
    if (after.isEmpty())
        return this->member(staffId);
    member.updatedAt = QDateTime::currentDateTimeUtc();
    QString error;
    const bool written = m_database.transaction(
        [&] {
            AuditEntry entry;
            entry.occurredAt = member.updatedAt;
            entry.actor = actor;
            entry.action = stored->active != member.active
                               ? (member.active ? u"staff.reactivated"_s : u"staff.deactivated"_s)
                               : u"staff.updated"_s;
            entry.entityType = u"staff"_s;
            entry.entityId = staffId;
            entry.summary = u"Changed the staff account of "_s + member.name + u": "_s +
                            after.keys().join(u", "_s) + u'.';
            entry.before = before;
            entry.after = after;
            return m_staff.update(member, &error) && m_audit.record(entry, &error);
        },
        &error);
    if (!written)
        return AdminOutcome::storageFailed(error);
    qCInfo(lcAdmin).noquote() << actor.description() << "changed staff account" << staffId;
    return this->member(staffId);
}

AdminOutcome StaffService::issueToken(const QString &staffId, const QJsonObject &body,
                                      const Actor &actor)
{
    const std::optional<StaffMember> member = m_staff.member(staffId);
    if (!member)
        return notFound(staffId);
    AdminInput input(body);
    input.rejectUnknown({u"label"_s});
    const QString label = input.text(u"label"_s, false, maxTokenLabel).value_or(QString());
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (!member->active) {
        return AdminOutcome::conflict(u"staff-inactive"_s,
                                      u"The staff account of "_s + member->name +
                                          u" is deactivated; reactivate it before issuing a "_s
                                          u"token."_s);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::optional<IssuedStaffToken> issued;
    QString error;
    const bool stored = m_database.transaction(
        [&] {
            issued = m_credentials.issueStaffToken(*member, label.isEmpty() ? u"console"_s : label,
                                                   now, &error);
            if (!issued)
                return false;
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"staff-token.issued"_s;
            entry.entityType = u"staff-token"_s;
            entry.entityId = issued->record.id;
            entry.summary =
                u"Issued staff token "_s + issued->record.prefix + u" to "_s + member->name + u'.';
            entry.after = staffTokenToJson(issued->record);
            return m_audit.record(entry, &error);
        },
        &error);
    if (!stored)
        return AdminOutcome::storageFailed(error);
    qCInfo(lcAdmin).noquote() << actor.description() << "issued staff token"
                              << issued->record.prefix << "to staff account" << staffId;
    return AdminOutcome::created(
        {{u"token"_s, staffTokenToJson(issued->record)}, {u"secret"_s, issued->secret.secret}});
}

AdminOutcome StaffService::revokeToken(const QString &tokenId, const Actor &actor)
{
    const std::optional<StaffTokenRecord> token = m_credentials.staffToken(tokenId);
    if (!token) {
        return AdminOutcome::notFound(u"token-not-found"_s,
                                      u"No staff token "_s + tokenId.left(64) + u" exists."_s);
    }
    if (token->isRevoked()) {
        return AdminOutcome::conflict(
            u"token-revoked"_s, u"Staff token "_s + token->prefix + u" was already revoked on "_s +
                                    formatTimestamp(token->revokedAt) + u'.');
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    StaffTokenRecord revoked = *token;
    revoked.revokedAt = now;
    revoked.revokedBy = actor.description();
    QString error;
    const bool written = m_database.transaction(
        [&] {
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"staff-token.revoked"_s;
            entry.entityType = u"staff-token"_s;
            entry.entityId = tokenId;
            entry.summary =
                u"Revoked staff token "_s + token->prefix + u" of "_s + token->staffName + u'.';
            const auto [before, after] =
                changedMembers(staffTokenToJson(*token), staffTokenToJson(revoked));
            entry.before = before;
            entry.after = after;
            return m_credentials.revokeStaffToken(tokenId, now, actor.description(), &error) &&
                   m_audit.record(entry, &error);
        },
        &error);
    if (!written)
        return AdminOutcome::storageFailed(error);
    qCInfo(lcAdmin).noquote() << actor.description() << "revoked staff token" << token->prefix;
    return AdminOutcome::ok(staffTokenToJson(*m_credentials.staffToken(tokenId)));
}

AdminOutcome StaffService::bootstrapToken(const QString &name, const QString &email,
                                          std::optional<StaffRoles> roles, const Actor &actor)
{
    std::optional<StaffMember> existing =
        email.isEmpty() ? m_staff.memberByName(name) : m_staff.memberByEmail(email);
    QString staffId;
    if (!existing) {
        QJsonObject body{{u"name"_s, name},
                         {u"roles"_s, QJsonArray::fromStringList(staffRoleNames(
                                          roles.value_or(StaffRoles(StaffRole::Admin))))}};
        if (!email.isEmpty())
            body.insert(u"email"_s, email);
        const AdminOutcome created = create(body, actor);
        if (created.kind != AdminOutcome::Kind::Created)
            return created;
        staffId = created.body.value(u"id"_s).toString();
    } else {
        staffId = existing->id;
        if (!existing->active) {
            return AdminOutcome::conflict(u"staff-inactive"_s,
                                          u"The staff account of "_s + existing->name +
                                              u" is deactivated; an admin can reactivate it in "
                                              u"the console."_s);
        }
        if (roles && *roles != existing->roles) {
            const AdminOutcome updated = update(
                staffId, {{u"roles"_s, QJsonArray::fromStringList(staffRoleNames(*roles))}}, actor);
            if (updated.kind != AdminOutcome::Kind::Ok)
                return updated;
        }
    }
    const AdminOutcome issued = issueToken(staffId, {{u"label"_s, u"command line"_s}}, actor);
    if (issued.kind != AdminOutcome::Kind::Created)
        return issued;
    QJsonObject answer = issued.body;
    answer.insert(u"staff"_s, staffMemberToJson(*m_staff.member(staffId)));
    return AdminOutcome::created(answer);
}

} // namespace hopstep
