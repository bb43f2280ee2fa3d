#include "authorization.h"

#include "authenticator.h"
#include "job.h"
#include "logcategories.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace hopstep {

Actor keyActor(const ApiKeyRecord &key, const QString &requestId)
{
    return Actor::apiKey(key.id, key.prefix, key.providerId, requestId);
}

Actor staffActor(const StaffTokenRecord &staff, const QString &requestId)
{
    return Actor::staff(staff.staffId, staff.staffName, requestId);
}

std::optional<HttpResponse> requireRole(const StaffTokenRecord &staff, StaffRole role,
                                        const QString &action)
{
    if (grantsRole(staff.roles, role))
        return std::nullopt;

    const QStringList held = staffRoleNames(staff.roles);
    const QString has = held.isEmpty() ? u"no role"_s : u"the role(s) "_s + held.join(u", "_s);
    HttpResponse response = HttpResponse::problem(
        403, u"role-required"_s, u"Role required"_s,
        action + u" needs the "_s + staffRoleName(role) + u" role, and "_s + staff.staffName +
            u" has "_s + has + u". Ask a hopstep admin to grant the role."_s);
    QJsonObject object = QJsonDocument::fromJson(response.body).object();
    object.insert(u"requiredRole"_s, staffRoleName(role));
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    qCInfo(lcAuth).noquote() << "Refused" << action.toLower() << "to staff" << staff.staffName
                             << "with token" << staff.prefix << "lacking role"
                             << staffRoleName(role);
    return response;
}

std::optional<HttpResponse> unusableKeyProblem(const ApiKeyRecord &key, const QDateTime &now,
                                               CredentialStore &credentials)
{
    if (!key.providerActive) {
        const QString since = key.providerDeactivatedAt.isValid()
                                  ? u" on "_s + formatTimestamp(key.providerDeactivatedAt)
                                  : QString();
        return unauthorized(u"provider-deactivated"_s,
                            u"API key "_s + key.prefix + u"… belongs to provider "_s +
                                key.providerName + u" ("_s + key.providerId +
                                u"), which hopstep deactivated"_s + since +
                                u". Its keys work again if hopstep reactivates the provider; "
                                u"contact the hopstep integrations team."_s,
                            "invalid_token");
    }
    if (key.hasExpired(now)) {
        QString replacement;
        if (!key.successorId.isEmpty()) {
            if (const std::optional<ApiKeyRecord> successor = credentials.apiKey(key.successorId))
                replacement = u" hopstep issued its replacement, which starts with "_s +
                              successor->prefix + u"; use that key."_s;
        }
        if (replacement.isEmpty())
            replacement = u" Ask the hopstep integrations team for a new key."_s;
        return unauthorized(u"expired-credentials"_s,
                            u"API key "_s + key.prefix + u"… expired on "_s +
                                formatTimestamp(key.expiresAt) + u'.' + replacement,
                            "invalid_token");
    }
    return std::nullopt;
}

} // namespace hopstep
