#pragma once

#include "adminoutcome.h"
#include "auditlog.h"
#include "catalogstore.h"
#include "credentialstore.h"
#include "database.h"
#include "onboarding.h"

#include <QJsonObject>
#include <QString>

namespace hopstep {

// Published limits of the provider and facility fields, in characters.
namespace providerLimits {
constexpr qsizetype maxName = 120;
constexpr qsizetype maxContactName = 120;
constexpr qsizetype maxEmail = 254;
constexpr qsizetype maxPhone = 40;
constexpr qsizetype maxAtsName = 80;
constexpr qsizetype maxNotes = 2000;
constexpr qsizetype maxStreetAddress = 200;
constexpr qsizetype maxSuburb = 80;
constexpr qsizetype maxKeyLabel = 80;
constexpr qsizetype maxStepDetail = 200;
// The maximum time an old key keeps working after its successor is issued.
constexpr int maxRotationOverlapDays = 30;
} // namespace providerLimits

// The rules of onboarding an ATS: providers, their facilities and API keys, and the six steps
// of the integration guide. Each change and its audit log entry commit together. Roles are
// checked by the caller; the service checks the data.
class ProviderService
{
public:
    explicit ProviderService(Database &database);

    AdminOutcome listProviders();
    // The provider with its counts, facilities, keys and onboarding steps.
    AdminOutcome providerDetail(const QString &providerId);
    AdminOutcome createProvider(const QJsonObject &body, const Actor &actor);
    AdminOutcome updateProvider(const QString &providerId, const QJsonObject &body,
                                const Actor &actor);
    // Deactivation stops the provider's keys on their next request and takes its jobs off the
    // site; nothing is deleted, and reactivation restores both.
    AdminOutcome setProviderActive(const QString &providerId, bool active, const Actor &actor);

    AdminOutcome listFacilities(const QString &providerId);
    AdminOutcome createFacility(const QString &providerId, const QJsonObject &body,
                                const Actor &actor);
    AdminOutcome updateFacility(const QString &facilityId, const QJsonObject &body,
                                const Actor &actor);
    AdminOutcome setFacilityActive(const QString &facilityId, bool active, const Actor &actor);

    AdminOutcome listKeys(const QString &providerId);
    // Returns the new key's record and, in member "secret", the only copy of the key.
    AdminOutcome issueKey(const QString &providerId, const QJsonObject &body, const Actor &actor);
    AdminOutcome revokeKey(const QString &keyId, const Actor &actor);
    // Issues a successor and lets the old key work until body's oldKeyExpiresAt.
    AdminOutcome rotateKey(const QString &keyId, const QJsonObject &body, const Actor &actor);

    AdminOutcome onboarding(const QString &providerId);
    // Marks ids-issued, category-list-sent or display-validated (body: jobId) as done.
    AdminOutcome completeStep(const QString &providerId, OnboardingStep step,
                              const QJsonObject &body, const Actor &actor);
    // Takes the integration live once the first five steps are done, and publishes the jobs
    // held until then.
    AdminOutcome goLive(const QString &providerId, const Actor &actor);
    // What the onboarding pack needs from the service: the provider, its active facilities,
    // the current category list and an example request body.
    AdminOutcome onboardingPackData(const QString &providerId);

private:
    AdminOutcome providerNotFound(const QString &providerId) const;
    QJsonObject detailJson(const ProviderSummary &summary);
    AdminOutcome storageFailure(const QString &what, const QString &error) const;

    Database &m_database;
    CatalogStore m_catalog;
    CredentialStore m_credentials;
    OnboardingStore m_onboarding;
    AuditLog m_audit;
};

// Returns an empty string when phone looks like a telephone number, else the reason.
QString phoneProblem(const QString &phone);

} // namespace hopstep
