#pragma once

#include "auditlog.h"
#include "credentialstore.h"
#include "httpresponse.h"
#include "staff.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace hopstep {

// The actor the audit log records for a request made with this key or token.
Actor keyActor(const ApiKeyRecord &key, const QString &requestId);
Actor staffActor(const StaffTokenRecord &staff, const QString &requestId);

// Returns a 403 problem document naming the role that action needs (member "requiredRole")
// when the staff member lacks it, or nothing when the request may go ahead. action is what the
// request does, as a gerund phrase: "Deactivating a provider".
std::optional<HttpResponse> requireRole(const StaffTokenRecord &staff, StaffRole role,
                                        const QString &action);

// Returns the 401 for a key that exists and is not revoked but may not be used at time now:
// it expired, or its provider was deactivated. Looks up the successor of an expired key, so the
// response can name it.
std::optional<HttpResponse> unusableKeyProblem(const ApiKeyRecord &key, const QDateTime &now,
                                               CredentialStore &credentials);

} // namespace hopstep
