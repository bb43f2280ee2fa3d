#include "providerservice.h"

#include "australia.h"
#include "categorystore.h"
#include "jobhistory.h"
#include "jobstore.h"
#include "jobvalidator.h"
#include "logcategories.h"
#include "onboardingpack.h"
#include "staff.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QStringList providerFields = {u"name"_s,         u"contactName"_s, u"contactEmail"_s,
                                    u"contactPhone"_s, u"atsName"_s,     u"notes"_s};
const QStringList facilityFields = {u"name"_s, u"streetAddress"_s, u"suburb"_s, u"state"_s,
                                    u"postcode"_s};

QString quoted(const QString &text)
{
    return u"“"_s + text + u"”"_s;
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Reads the provider members present in the body into provider, checking each.
void readProviderFields(AdminInput &input, Provider &provider, bool creating)
{
    using namespace providerLimits;
    if (creating || input.has(u"name"_s)) {
        if (const auto name = input.text(u"name"_s, true, maxName))
            provider.name = *name;
    }
    if (const auto contact = input.text(u"contactName"_s, false, maxContactName))
        provider.contactName = *contact;
    if (const auto email = input.text(u"contactEmail"_s, false, maxEmail)) {
        const QString problem = email->isEmpty() ? QString() : emailProblem(*email);
        if (problem.isEmpty())
            provider.contactEmail = email->toLower();
        else
            input.addError(u"contactEmail"_s, u"format"_s, u"contactEmail "_s + problem + u'.');
    }
    if (const auto phone = input.text(u"contactPhone"_s, false, maxPhone)) {
        const QString problem = phone->isEmpty() ? QString() : phoneProblem(*phone);
        if (problem.isEmpty())
            provider.contactPhone = *phone;
        else
            input.addError(u"contactPhone"_s, u"format"_s, u"contactPhone "_s + problem + u'.');
    }
    if (const auto ats = input.text(u"atsName"_s, false, maxAtsName))
        provider.atsName = *ats;
    if (const auto notes = input.multiLineText(u"notes"_s, maxNotes))
        provider.notes = *notes;
}

// Reads the facility members present in the body into facility, checking the address the
// same way the Open API checks a job's location.
void readFacilityFields(AdminInput &input, Facility &facility, bool creating)
{
    using namespace providerLimits;
    if (creating || input.has(u"name"_s)) {
        if (const auto name = input.text(u"name"_s, true, maxName))
            facility.name = *name;
    }
    if (const auto street = input.text(u"streetAddress"_s, false, maxStreetAddress))
        facility.streetAddress = *street;
    if (creating || input.has(u"suburb"_s)) {
        if (const auto suburb = input.text(u"suburb"_s, true, maxSuburb))
            facility.suburb = *suburb;
    }
    bool stateValid = !creating;
    if (creating || input.has(u"state"_s)) {
        stateValid = false;
        if (const auto state = input.text(u"state"_s, true, 40)) {
            if (const auto code = australia::normalizeState(*state)) {
                facility.state = *code;
                stateValid = true;
            } else {
                input.addError(u"state"_s, u"not-allowed"_s,
                               u"state "_s + quoted(*state) +
                                   u" is not an Australian state or territory; use one of "_s +
                                   australia::stateCodeList() + u'.');
            }
        }
    }
    const bool postcodeSent = input.has(u"postcode"_s);
    if (creating || postcodeSent || (input.has(u"state"_s) && stateValid)) {
        const QJsonValue value =
            postcodeSent ? input.body().value(u"postcode"_s) : QJsonValue(facility.postcode);
        if (value.isUndefined() || value.isNull() ||
            (value.isString() && value.toString().trimmed().isEmpty())) {
            input.addError(u"postcode"_s, u"required"_s, u"postcode is required."_s);
            return;
        }
        const australia::PostcodeResult postcode =
            australia::normalizePostcode(value, stateValid ? facility.state : QString());
        if (postcode.errorCode.isEmpty())
            facility.postcode = postcode.postcode;
        else
            input.addError(u"postcode"_s, postcode.errorCode, postcode.error);
    }
}

QJsonArray facilitiesJson(const QList<Facility> &facilities)
{
    QJsonArray array;
    for (const Facility &facility : facilities)
        array.append(facilityToJson(facility));
    return array;
}

QJsonArray keysJson(const QList<ApiKeyRecord> &keys, const QDateTime &now)
{
    QJsonArray array;
    for (const ApiKeyRecord &key : keys)
        array.append(apiKeyToJson(key, now));
    return array;
}

QDateTime parseRequestTime(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime time = QDateTime::fromString(value.toString().trimmed(), Qt::ISODateWithMs);
    if (!time.isValid() || time.timeSpec() == Qt::LocalTime)
        return {};
    return time.toUTC();
}

} // namespace

QString phoneProblem(const QString &phone)
{
    static const QRegularExpression allowed(u"^[0-9 +()\\-.]+$"_s);
    if (!allowed.match(phone).hasMatch())
        return u"may contain only digits, spaces, brackets and the signs + - and ."_s;
    const qsizetype digits =
        std::count_if(phone.cbegin(), phone.cend(), [](QChar c) { return c.isDigit(); });
    if (digits < 6 || digits > 15)
        return u"has %1 digits; a telephone number has 6 to 15"_s.arg(digits);
    return {};
}

ProviderService::ProviderService(Database &database)
    : m_database(database)
    , m_catalog(database)
    , m_credentials(database)
    , m_onboarding(database)
    , m_audit(database)
{}

AdminOutcome ProviderService::providerNotFound(const QString &providerId) const
{
    return AdminOutcome::notFound(u"provider-not-found"_s,
                                  u"No provider "_s + providerId.left(64) + u" exists."_s);
}

AdminOutcome ProviderService::storageFailure(const QString &what, const QString &error) const
{
    qCWarning(lcStore).noquote() << what << "failed:" << error;
    return AdminOutcome::storageFailed(error);
}

QJsonObject ProviderService::detailJson(const ProviderSummary &summary)
{
    const QString &id = summary.provider.id;
    QJsonObject object = providerSummaryToJson(summary);
    object.insert(u"facilities"_s, facilitiesJson(m_catalog.facilities(id)));
    object.insert(u"keys"_s, keysJson(m_credentials.apiKeys(id), QDateTime::currentDateTimeUtc()));
    object.insert(u"onboarding"_s, onboardingProgressToJson(m_onboarding.progress(id)));
    return object;
}

AdminOutcome ProviderService::listProviders()
{
    bool ok = false;
    const QList<ProviderSummary> summaries =
        m_catalog.providerSummaries(QDateTime::currentDateTimeUtc(), &ok);
    if (!ok)
        return storageFailure(u"Listing providers"_s, u"The providers could not be read."_s);
    QJsonArray items;
    for (const ProviderSummary &summary : summaries)
        items.append(providerSummaryToJson(summary));
    return AdminOutcome::ok({{u"items"_s, items}});
}

AdminOutcome ProviderService::providerDetail(const QString &providerId)
{
    const std::optional<ProviderSummary> summary =
        m_catalog.providerSummary(providerId, QDateTime::currentDateTimeUtc());
    if (!summary)
        return providerNotFound(providerId);
    return AdminOutcome::ok(detailJson(*summary));
}

AdminOutcome ProviderService::createProvider(const QJsonObject &body, const Actor &actor)
{
    AdminInput input(body);
    input.rejectUnknown(providerFields);
    Provider provider;
    readProviderFields(input, provider, true);
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (const std::optional<Provider> existing = m_catalog.providerNamed(provider.name)) {
        return AdminOutcome::conflict(u"provider-exists"_s,
                                      u"A provider named "_s + quoted(existing->name) +
                                          u" exists already (ID "_s + existing->id +
                                          u"). Open it, or choose a different name."_s);
    }

    provider.id = newUuid();
    provider.active = true;
    provider.createdAt = QDateTime::currentDateTimeUtc();
    provider.updatedAt = provider.createdAt;
    QString error;
    const bool stored = m_database.transaction(
        [&] {
            AuditEntry entry;
            entry.occurredAt = provider.createdAt;
            entry.actor = actor;
            entry.action = u"provider.created"_s;
            entry.entityType = u"provider"_s;
            entry.entityId = provider.id;
            entry.providerId = provider.id;
            entry.summary = u"Created provider "_s + quoted(provider.name) + u'.';
            entry.after = providerToJson(provider);
            return m_catalog.addProvider(provider, &error) && m_audit.record(entry, &error);
        },
        &error);
    if (!stored)
        return storageFailure(u"Creating provider "_s + provider.id, error);
    qCInfo(lcAdmin).noquote() << actor.description() << "created provider" << provider.id;
    return AdminOutcome::created(
        detailJson(*m_catalog.providerSummary(provider.id, provider.createdAt)));
}

AdminOutcome ProviderService::updateProvider(const QString &providerId, const QJsonObject &body,
                                             const Actor &actor)
{
    const std::optional<Provider> stored = m_catalog.provider(providerId);
    if (!stored)
        return providerNotFound(providerId);
    AdminInput input(body);
    input.rejectUnknown(providerFields);
    Provider provider = *stored;
    readProviderFields(input, provider, false);
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (const std::optional<Provider> existing =
            m_catalog.providerNamed(provider.name, providerId)) {
        return AdminOutcome::conflict(u"provider-exists"_s, u"Another provider is named "_s +
                                                                quoted(existing->name) +
                                                                u" (ID "_s + existing->id +
                                                                u"); choose a different "_s
                                                                u"name."_s);
    }

    // Named variables, because clang 14 cannot capture structured bindings in the lambda below.
    const auto changes = changedMembers(providerToJson(*stored), providerToJson(provider));
    const QJsonObject &before = changes.first;
    const QJsonObject &after = changes.second;
    if (!after.isEmpty()) {
        provider.updatedAt = QDateTime::currentDateTimeUtc();
        QString error;
        const bool written = m_database.transaction(
            [&] {
                AuditEntry entry;
                entry.occurredAt = provider.updatedAt;
                entry.actor = actor;
                entry.action = u"provider.updated"_s;
                entry.entityType = u"provider"_s;
                entry.entityId = providerId;
                entry.providerId = providerId;
                entry.summary = u"Updated provider "_s + quoted(provider.name) + u": "_s +
                                after.keys().join(u", "_s) + u'.';
                entry.before = before;
                entry.after = after;
                return m_catalog.updateProvider(provider, &error) && m_audit.record(entry, &error);
            },
            &error);
        if (!written)
            return storageFailure(u"Updating provider "_s + providerId, error);
    }
    return providerDetail(providerId);
}

AdminOutcome ProviderService::setProviderActive(const QString &providerId, bool active,
                                                const Actor &actor)
{
    const std::optional<Provider> stored = m_catalog.provider(providerId);
    if (!stored)
        return providerNotFound(providerId);
    if (stored->active == active) {
        return AdminOutcome::conflict(
            active ? u"provider-active"_s : u"provider-inactive"_s,
            u"Provider "_s + quoted(stored->name) +
                (active ? u" is already active."_s : u" is already deactivated."_s));
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    Provider changed = *stored;
    changed.active = active;
    changed.deactivatedAt = active ? QDateTime() : now;
    changed.updatedAt = now;
    QString error;
    const bool written = m_database.transaction(
        [&] {
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = active ? u"provider.reactivated"_s : u"provider.deactivated"_s;
            entry.entityType = u"provider"_s;
            entry.entityId = providerId;
            entry.providerId = providerId;
            entry.summary = active ? u"Reactivated provider "_s + quoted(stored->name) +
                                         u"; its keys work again and its jobs are back on the "
                                         u"site."_s
                                   : u"Deactivated provider "_s + quoted(stored->name) +
                                         u"; its keys stopped working and its jobs left the "
                                         u"site."_s;
            const auto [before, after] =
                changedMembers(providerToJson(*stored), providerToJson(changed));
            entry.before = before;
            entry.after = after;
            return m_catalog.setProviderActive(providerId, active, now, &error) &&
                   m_audit.record(entry, &error);
        },
        &error);
    if (!written)
        return storageFailure(u"Changing provider "_s + providerId, error);
    qCInfo(lcAdmin).noquote() << actor.description()
                              << (active ? "reactivated provider" : "deactivated provider")
                              << providerId;
    return providerDetail(providerId);
}

AdminOutcome ProviderService::listFacilities(const QString &providerId)
{
    if (!providerId.isEmpty() && !m_catalog.provider(providerId))
        return providerNotFound(providerId);
    return AdminOutcome::ok({{u"items"_s, facilitiesJson(m_catalog.facilities(providerId))}});
}

AdminOutcome ProviderService::createFacility(const QString &providerId, const QJsonObject &body,
                                             const Actor &actor)
{
    const std::optional<Provider> provider = m_catalog.provider(providerId);
    if (!provider)
        return providerNotFound(providerId);
    AdminInput input(body);
    input.rejectUnknown(facilityFields);
    Facility facility;
    readFacilityFields(input, facility, true);
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (!provider->active) {
        return AdminOutcome::conflict(u"provider-inactive"_s,
                                      u"Provider "_s + quoted(provider->name) +
                                          u" is deactivated; reactivate it before adding "_s
                                          u"facilities."_s);
    }
    const QList<Facility> siblings = m_catalog.facilities(providerId);
    for (const Facility &sibling : siblings) {
        if (categoryMatchKey(sibling.name) == categoryMatchKey(facility.name)) {
            return AdminOutcome::conflict(u"facility-exists"_s,
                                          u"Provider "_s + quoted(provider->name) +
                                              u" already has a facility named "_s +
                                              quoted(sibling.name) + u" (ID "_s + sibling.id +
                                              u"); choose a different name."_s);
        }
    }

    facility.id = newUuid();
    facility.providerId = providerId;
    facility.active = true;
    facility.createdAt = QDateTime::currentDateTimeUtc();
    facility.updatedAt = facility.createdAt;
    QString error;
    const bool stored = m_database.transaction(
        [&] {
            AuditEntry entry;
            entry.occurredAt = facility.createdAt;
            entry.actor = actor;
            entry.action = u"facility.created"_s;
            entry.entityType = u"facility"_s;
            entry.entityId = facility.id;
            entry.providerId = providerId;
            entry.summary = u"Created facility "_s + quoted(facility.name) + u" for "_s +
                            quoted(provider->name) + u'.';
            entry.after = facilityToJson(facility);
            return m_catalog.addFacility(facility, &error) && m_audit.record(entry, &error);
        },
        &error);
    if (!stored)
        return storageFailure(u"Creating facility "_s + facility.id, error);
    qCInfo(lcAdmin).noquote() << actor.description() << "created facility" << facility.id
                              << "for provider" << providerId;
    return AdminOutcome::created(facilityToJson(*m_catalog.facility(facility.id)));
}

AdminOutcome ProviderService::updateFacility(const QString &facilityId, const QJsonObject &body,
                                             const Actor &actor)
{
    const std::optional<Facility> stored = m_catalog.facility(facilityId);
    if (!stored) {
        return AdminOutcome::notFound(u"facility-not-found"_s,
                                      u"No facility "_s + facilityId.left(64) + u" exists."_s);
    }
    AdminInput input(body);
    input.rejectUnknown(facilityFields);
    Facility facility = *stored;
    readFacilityFields(input, facility, false);
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    const QList<Facility> siblings = m_catalog.facilities(stored->providerId);
    for (const Facility &sibling : siblings) {
        if (sibling.id != facilityId &&
            categoryMatchKey(sibling.name) == categoryMatchKey(facility.name)) {
            return AdminOutcome::conflict(u"facility-exists"_s,
                                          u"Another facility of this provider is named "_s +
                                              quoted(sibling.name) + u" (ID "_s + sibling.id +
                                              u"); choose a different name."_s);
        }
    }

    // Named variables, because clang 14 cannot capture structured bindings in the lambda below.
    const auto changes = changedMembers(facilityToJson(*stored), facilityToJson(facility));
    const QJsonObject &before = changes.first;
    const QJsonObject &after = changes.second;
    if (after.isEmpty())
        return AdminOutcome::ok(facilityToJson(*stored));
    facility.updatedAt = QDateTime::currentDateTimeUtc();
    QString error;
    const bool written = m_database.transaction(
        [&] {
            AuditEntry entry;
            entry.occurredAt = facility.updatedAt;
            entry.actor = actor;
            entry.action = u"facility.updated"_s;
            entry.entityType = u"facility"_s;
            entry.entityId = facilityId;
            entry.providerId = facility.providerId;
            entry.summary = u"Updated facility "_s + quoted(facility.name) + u": "_s +
                            after.keys().join(u", "_s) + u'.';
            entry.before = before;
            entry.after = after;
            return m_catalog.updateFacility(facility, &error) && m_audit.record(entry, &error);
        },
        &error);
    if (!written)
        return storageFailure(u"Updating facility "_s + facilityId, error);
    return AdminOutcome::ok(facilityToJson(*m_catalog.facility(facilityId)));
}

AdminOutcome ProviderService::setFacilityActive(const QString &facilityId, bool active,
                                                const Actor &actor)
{
    const std::optional<Facility> stored = m_catalog.facility(facilityId);
    if (!stored) {
        return AdminOutcome::notFound(u"facility-not-found"_s,
                                      u"No facility "_s + facilityId.left(64) + u" exists."_s);
    }
    if (stored->active == active) {
        return AdminOutcome::conflict(
            active ? u"facility-active"_s : u"facility-inactive"_s,
            u"Facility "_s + quoted(stored->name) +
                (active ? u" is already active."_s : u" is already deactivated."_s));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Facility changed = *stored;
    changed.active = active;
    changed.deactivatedAt = active ? QDateTime() : now;
    changed.updatedAt = now;
    QString error;
    const bool written = m_database.transaction(
        [&] {
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = active ? u"facility.reactivated"_s : u"facility.deactivated"_s;
            entry.entityType = u"facility"_s;
            entry.entityId = facilityId;
            entry.providerId = stored->providerId;
            entry.summary =
                active ? QString(u"Reactivated facility "_s + quoted(stored->name) + u'.')
                       : QString(u"Deactivated facility "_s + quoted(stored->name) +
                                 u"; new jobs for it are rejected and its jobs left the site."_s);
            const auto [before, after] =
                changedMembers(facilityToJson(*stored), facilityToJson(changed));
            entry.before = before;
            entry.after = after;
            return m_catalog.setFacilityActive(facilityId, active, now, &error) &&
                   m_audit.record(entry, &error);
        },
        &error);
    if (!written)
        return storageFailure(u"Changing facility "_s + facilityId, error);
    return AdminOutcome::ok(facilityToJson(*m_catalog.facility(facilityId)));
}

AdminOutcome ProviderService::listKeys(const QString &providerId)
{
    if (!m_catalog.provider(providerId))
        return providerNotFound(providerId);
    return AdminOutcome::ok({{u"items"_s, keysJson(m_credentials.apiKeys(providerId),
                                                   QDateTime::currentDateTimeUtc())}});
}

AdminOutcome ProviderService::issueKey(const QString &providerId, const QJsonObject &body,
                                       const Actor &actor)
{
    const std::optional<Provider> provider = m_catalog.provider(providerId);
    if (!provider)
        return providerNotFound(providerId);
    AdminInput input(body);
    input.rejectUnknown({u"label"_s});
    const QString label =
        input.text(u"label"_s, false, providerLimits::maxKeyLabel).value_or(QString());
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (!provider->active) {
        return AdminOutcome::conflict(u"provider-inactive"_s,
                                      u"Provider "_s + quoted(provider->name) +
                                          u" is deactivated; reactivate it before issuing "_s
                                          u"keys."_s);
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::optional<IssuedApiKey> issued;
    QString error;
    const bool stored = m_database.transaction(
        [&] {
            issued = m_credentials.issueApiKey(providerId, label.isEmpty() ? u"ATS key"_s : label,
                                               actor.description(), now, &error);
            if (!issued)
                return false;
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"api-key.issued"_s;
            entry.entityType = u"api-key"_s;
            entry.entityId = issued->record.id;
            entry.providerId = providerId;
            entry.summary = u"Issued API key "_s + issued->record.prefix + u" ("_s +
                            issued->record.label + u") for "_s + quoted(provider->name) + u'.';
            entry.after = apiKeyToJson(issued->record, now);
            return m_audit.record(entry, &error) &&
                   m_onboarding.complete(providerId, OnboardingStep::KeyIssued, now,
                                         actor.description(), u"Key "_s + issued->record.prefix,
                                         nullptr, &error);
        },
        &error);
    if (!stored)
        return storageFailure(u"Issuing a key for provider "_s + providerId, error);
    qCInfo(lcAdmin).noquote() << actor.description() << "issued API key" << issued->record.prefix
                              << "for provider" << providerId;
    QJsonObject answer{{u"key"_s, apiKeyToJson(issued->record, now)},
                       {u"secret"_s, issued->secret.secret}};
    return AdminOutcome::created(answer);
}

AdminOutcome ProviderService::revokeKey(const QString &keyId, const Actor &actor)
{
    const std::optional<ApiKeyRecord> key = m_credentials.apiKey(keyId);
    if (!key) {
        return AdminOutcome::notFound(u"key-not-found"_s,
                                      u"No API key "_s + keyId.left(64) + u" exists."_s);
    }
    if (key->isRevoked()) {
        return AdminOutcome::conflict(u"key-revoked"_s, u"API key "_s + key->prefix +
                                                            u" was already revoked on "_s +
                                                            formatTimestamp(key->revokedAt) + u'.');
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ApiKeyRecord revoked = *key;
    revoked.revokedAt = now;
    revoked.revokedBy = actor.description();
    QString error;
    const bool written = m_database.transaction(
        [&] {
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"api-key.revoked"_s;
            entry.entityType = u"api-key"_s;
            entry.entityId = keyId;
            entry.providerId = key->providerId;
            entry.summary = u"Revoked API key "_s + key->prefix + u" of "_s +
                            quoted(key->providerName) +
                            u"; it stops working on its next request."_s;
            const auto [before, after] =
                changedMembers(apiKeyToJson(*key, now), apiKeyToJson(revoked, now));
            entry.before = before;
            entry.after = after;
            return m_credentials.revokeApiKey(keyId, now, actor.description(), &error) &&
                   m_audit.record(entry, &error);
        },
        &error);
    if (!written)
        return storageFailure(u"Revoking key "_s + key->prefix, error);
    qCInfo(lcAdmin).noquote() << actor.description() << "revoked API key" << key->prefix;
    return AdminOutcome::ok(apiKeyToJson(*m_credentials.apiKey(keyId), now));
}

AdminOutcome ProviderService::rotateKey(const QString &keyId, const QJsonObject &body,
                                        const Actor &actor)
{
    const std::optional<ApiKeyRecord> key = m_credentials.apiKey(keyId);
    if (!key) {
        return AdminOutcome::notFound(u"key-not-found"_s,
                                      u"No API key "_s + keyId.left(64) + u" exists."_s);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    AdminInput input(body);
    input.rejectUnknown({u"oldKeyExpiresAt"_s, u"label"_s});
    const QString label =
        input.text(u"label"_s, false, providerLimits::maxKeyLabel).value_or(key->label);
    const QJsonValue expiryValue = body.value(u"oldKeyExpiresAt"_s);
    QDateTime expiresAt;
    if (expiryValue.isUndefined() || expiryValue.isNull()) {
        input.addError(u"oldKeyExpiresAt"_s, u"required"_s,
                       u"oldKeyExpiresAt is required: the time the old key stops working, such "
                       u"as 2026-12-31T23:00:00Z."_s);
    } else {
        expiresAt = parseRequestTime(expiryValue);
        const QDateTime latest = now.addDays(providerLimits::maxRotationOverlapDays);
        if (!expiresAt.isValid()) {
            input.addError(u"oldKeyExpiresAt"_s, u"format"_s,
                           u"oldKeyExpiresAt must be an ISO 8601 time with a time zone, such as "
                           u"2026-12-31T23:00:00Z."_s);
        } else if (expiresAt < now.addSecs(-60)) {
            input.addError(u"oldKeyExpiresAt"_s, u"range"_s,
                           u"oldKeyExpiresAt "_s + formatTimestamp(expiresAt) +
                               u" is in the past; choose now or a later time."_s);
        } else if (expiresAt > latest) {
            input.addError(u"oldKeyExpiresAt"_s, u"range"_s,
                           u"oldKeyExpiresAt may be at most %1 days ahead, so no later than "_s.arg(
                               providerLimits::maxRotationOverlapDays) +
                               formatTimestamp(latest) + u'.');
        }
        expiresAt = std::max(expiresAt, now);
    }
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (key->isRevoked() || key->hasExpired(now)) {
        return AdminOutcome::conflict(u"key-unusable"_s,
                                      u"API key "_s + key->prefix + u" is already "_s +
                                          key->stateName(now) +
                                          u"; issue a new key instead of rotating it."_s);
    }
    if (!key->successorId.isEmpty()) {
        const std::optional<ApiKeyRecord> successor = m_credentials.apiKey(key->successorId);
        return AdminOutcome::conflict(u"key-replaced"_s,
                                      u"API key "_s + key->prefix + u" was already replaced by "_s +
                                          (successor ? successor->prefix : key->successorId) +
                                          u"; rotate that key instead."_s);
    }
    if (!key->providerActive) {
        return AdminOutcome::conflict(u"provider-inactive"_s,
                                      u"Provider "_s + quoted(key->providerName) +
                                          u" is deactivated; reactivate it before rotating its "_s
                                          u"keys."_s);
    }

    std::optional<IssuedApiKey> issued;
    QString error;
    const bool written = m_database.transaction(
        [&] {
            issued =
                m_credentials.issueApiKey(key->providerId, label, actor.description(), now, &error);
            if (!issued ||
                !m_credentials.setApiKeyExpiry(keyId, expiresAt, issued->record.id, &error)) {
                return false;
            }
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"api-key.rotated"_s;
            entry.entityType = u"api-key"_s;
            entry.entityId = keyId;
            entry.providerId = key->providerId;
            entry.summary = u"Rotated API key "_s + key->prefix + u" of "_s +
                            quoted(key->providerName) + u": successor "_s + issued->record.prefix +
                            u", old key works until "_s + formatTimestamp(expiresAt) + u'.';
            ApiKeyRecord replaced = *key;
            replaced.expiresAt = expiresAt;
            replaced.successorId = issued->record.id;
            const auto [before, after] =
                changedMembers(apiKeyToJson(*key, now), apiKeyToJson(replaced, now));
            entry.before = before;
            entry.after = after;
            return m_audit.record(entry, &error);
        },
        &error);
    if (!written)
        return storageFailure(u"Rotating key "_s + key->prefix, error);
    qCInfo(lcAdmin).noquote() << actor.description() << "rotated API key" << key->prefix << "to"
                              << issued->record.prefix << "expiring the old one at"
                              << formatTimestamp(expiresAt);
    return AdminOutcome::created(
        {{u"key"_s, apiKeyToJson(issued->record, now)},
         {u"secret"_s, issued->secret.secret},
         {u"replaced"_s, apiKeyToJson(*m_credentials.apiKey(keyId), now)}});
}

AdminOutcome ProviderService::onboarding(const QString &providerId)
{
    if (!m_catalog.provider(providerId))
        return providerNotFound(providerId);
    return AdminOutcome::ok(
        {{u"items"_s, onboardingProgressToJson(m_onboarding.progress(providerId))}});
}

AdminOutcome ProviderService::completeStep(const QString &providerId, OnboardingStep step,
                                           const QJsonObject &body, const Actor &actor)
{
    const std::optional<Provider> provider = m_catalog.provider(providerId);
    if (!provider)
        return providerNotFound(providerId);
    if (isAutomaticStep(step)) {
        return AdminOutcome::conflict(
            u"step-automatic"_s,
            u"“"_s + onboardingStepLabel(step) +
                u"” is recorded by hopstep itself: when the first key is issued, or when the "
                u"first job arrives."_s);
    }
    if (step == OnboardingStep::Live) {
        return AdminOutcome::conflict(u"step-go-live"_s,
                                      u"Take the integration live with POST /admin/providers/"_s +
                                          providerId + u"/go-live, which publishes held jobs."_s);
    }

    AdminInput input(body);
    QString detail;
    if (step == OnboardingStep::DisplayValidated) {
        input.rejectUnknown({u"jobId"_s, u"detail"_s});
        const QString jobId = canonicalUuid(body.value(u"jobId"_s).toString().trimmed());
        if (jobId.isEmpty()) {
            input.addError(u"jobId"_s, u"required"_s,
                           u"jobId is required: the job whose display you checked."_s);
        } else {
            const std::optional<Job> job = JobStore(m_database).find(jobId);
            if (!job || job->isDeleted()) {
                input.addError(u"jobId"_s, u"not-found"_s,
                               u"No job "_s + jobId + u" exists, or it was deleted."_s);
            } else if (job->content.providerId != providerId) {
                input.addError(u"jobId"_s, u"other-provider"_s,
                               u"Job "_s + jobId + u" belongs to "_s + quoted(job->providerName) +
                                   u", not to "_s + quoted(provider->name) + u'.');
            } else {
                detail = u"Job "_s + jobId + u" “"_s + job->content.title + u"” (version "_s +
                         QString::number(job->version) + u')';
            }
        }
    } else {
        input.rejectUnknown({u"detail"_s});
    }
    if (const auto note = input.text(u"detail"_s, false, providerLimits::maxStepDetail)) {
        if (!note->isEmpty())
            detail = detail.isEmpty() ? *note : detail + u"; "_s + *note;
    }
    if (input.hasErrors())
        return AdminOutcome::invalid(input.errors());
    if (step == OnboardingStep::IdsIssued && m_catalog.facilities(providerId).isEmpty()) {
        return AdminOutcome::conflict(u"no-facilities"_s,
                                      u"Provider "_s + quoted(provider->name) +
                                          u" has no facility yet; add one, because the ATS "_s
                                          u"needs at least one facility ID."_s);
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool recorded = false;
    QString error;
    const bool written = m_database.transaction(
        [&] {
            if (!m_onboarding.complete(providerId, step, now, actor.description(), detail,
                                       &recorded, &error)) {
                return false;
            }
            if (!recorded)
                return true;
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"onboarding."_s + onboardingStepName(step);
            entry.entityType = u"provider"_s;
            entry.entityId = providerId;
            entry.providerId = providerId;
            entry.summary = u"Marked “"_s + onboardingStepLabel(step) + u"” done for "_s +
                            quoted(provider->name) +
                            (detail.isEmpty() ? u"."_s : u": "_s + detail + u'.');
            entry.after = QJsonObject{{u"step"_s, onboardingStepName(step)},
                                      {u"completedAt"_s, formatTimestamp(now)},
                                      {u"detail"_s, detail}};
            return m_audit.record(entry, &error);
        },
        &error);
    if (!written)
        return storageFailure(u"Recording an onboarding step of provider "_s + providerId, error);
    return onboarding(providerId);
}

AdminOutcome ProviderService::goLive(const QString &providerId, const Actor &actor)
{
    const std::optional<Provider> provider = m_catalog.provider(providerId);
    if (!provider)
        return providerNotFound(providerId);
    if (provider->isLive()) {
        return AdminOutcome::conflict(
            u"provider-live"_s, u"Provider "_s + quoted(provider->name) + u" went live on "_s +
                                    formatTimestamp(provider->liveAt) + u" already."_s);
    }
    if (!provider->active) {
        return AdminOutcome::conflict(u"provider-inactive"_s,
                                      u"Provider "_s + quoted(provider->name) +
                                          u" is deactivated; reactivate it before going live."_s);
    }
    const OnboardingProgress progress = m_onboarding.progress(providerId);
    const QList<OnboardingStep> open = progress.openStepsBeforeLive();
    if (!open.isEmpty()) {
        QStringList labels;
        for (OnboardingStep step : open)
            labels.append(u"“"_s + onboardingStepLabel(step) + u"”"_s);
        return AdminOutcome::conflict(u"onboarding-incomplete"_s,
                                      u"Provider "_s + quoted(provider->name) +
                                          u" cannot go live yet; still open: "_s +
                                          labels.join(u", "_s) + u'.');
    }

    QStringList heldIds;
    {
        QSqlQuery query = m_database.query();
        if (!m_database.exec(query,
                             u"SELECT id FROM jobs WHERE provider_id = ? AND held_until_live = 1 "
                             u"AND deleted_at IS NULL ORDER BY created_at, id"_s,
                             {providerId})) {
            return storageFailure(u"Listing held jobs of provider "_s + providerId,
                                  u"The held jobs could not be read."_s);
        }
        while (query.next())
            heldIds.append(query.value(0).toString());
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    JobStore jobs(m_database);
    int published = 0;
    QString error;
    const bool written = m_database.transaction(
        [&] {
            published = 0;
            if (!m_catalog.setProviderLive(providerId, now, &error) ||
                !m_onboarding.complete(providerId, OnboardingStep::Live, now, actor.description(),
                                       QString(), nullptr, &error)) {
                return false;
            }
            for (const QString &jobId : std::as_const(heldIds)) {
                const std::optional<Job> before = jobs.find(jobId);
                if (!before)
                    continue;
                Job after = *before;
                after.content.status = JobStatus::Active;
                after.content.heldUntilLive = false;
                after.version = before->version + 1;
                after.updatedAt = now;
                after.providerLive = true;
                if (!jobs.update(after, before->version, &error) ||
                    !recordJobWrite(m_database, &*before, after, actor, u"job.published"_s,
                                    &error)) {
                    return false;
                }
                ++published;
            }
            AuditEntry entry;
            entry.occurredAt = now;
            entry.actor = actor;
            entry.action = u"provider.went-live"_s;
            entry.entityType = u"provider"_s;
            entry.entityId = providerId;
            entry.providerId = providerId;
            entry.summary = u"Took the integration of "_s + quoted(provider->name) +
                            u" live and published %1 held job(s)."_s.arg(published);
            entry.before = QJsonObject{{u"live"_s, false}, {u"liveAt"_s, QJsonValue()}};
            entry.after = QJsonObject{{u"live"_s, true},
                                      {u"liveAt"_s, formatTimestamp(now)},
                                      {u"publishedJobs"_s, published}};
            return m_audit.record(entry, &error);
        },
        &error);
    if (!written)
        return storageFailure(u"Taking provider "_s + providerId + u" live"_s, error);
    qCInfo(lcAdmin).noquote() << actor.description() << "took provider" << providerId
                              << "live and published" << published << "held jobs";
    QJsonObject answer = detailJson(*m_catalog.providerSummary(providerId, now));
    answer.insert(u"publishedJobs"_s, published);
    return AdminOutcome::ok(answer);
}

AdminOutcome ProviderService::onboardingPackData(const QString &providerId)
{
    const std::optional<Provider> provider = m_catalog.provider(providerId);
    if (!provider)
        return providerNotFound(providerId);
    QList<Facility> facilities;
    const QList<Facility> all = m_catalog.facilities(providerId);
    for (const Facility &facility : all) {
        if (facility.active)
            facilities.append(facility);
    }
    QList<Category> categories;
    const QList<Category> list = inPublishedOrder(CategoryStore(m_database).categories());
    for (const Category &category : list) {
        if (!category.isRetired())
            categories.append(category);
    }
    OnboardingPack pack;
    pack.provider = *provider;
    pack.facilities = facilities;
    pack.categories = categories;
    pack.generatedAt = QDateTime::currentDateTimeUtc();
    return AdminOutcome::ok(onboardingPackToJson(pack));
}

} // namespace hopstep
