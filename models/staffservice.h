#pragma once

#include "adminoutcome.h"
#include "auditlog.h"
#include "credentialstore.h"
#include "database.h"
#include "staffstore.h"

#include <QJsonObject>

namespace hopstep {

// Staff accounts, their roles and personal tokens. The last active admin cannot lose the
// admin role or be deactivated, so the admin API always has someone who can manage staff.
class StaffService
{
public:
    explicit StaffService(Database &database);

    AdminOutcome list();
    AdminOutcome member(const QString &staffId);
    // body: name, email, roles (array of role names), active.
    AdminOutcome create(const QJsonObject &body, const Actor &actor);
    AdminOutcome update(const QString &staffId, const QJsonObject &body, const Actor &actor);
    // Returns the token's record and, in member "secret", the only copy of the token.
    AdminOutcome issueToken(const QString &staffId, const QJsonObject &body, const Actor &actor);
    AdminOutcome revokeToken(const QString &tokenId, const Actor &actor);
    // Issues a token for the command line's create-staff-token. The account is found by email,
    // or by name when email is empty. A missing account is created with roles (admin when none
    // are given), and an existing one gets roles when they are given. Returns the account in
    // "staff", the token in "token" and the only copy of it in "secret".
    AdminOutcome bootstrapToken(const QString &name, const QString &email,
                                std::optional<StaffRoles> roles, const Actor &actor);

private:
    AdminOutcome notFound(const QString &staffId) const;
    QJsonObject memberJson(const StaffMember &member);

    Database &m_database;
    StaffStore m_staff;
    CredentialStore m_credentials;
    AuditLog m_audit;
};

} // namespace hopstep
