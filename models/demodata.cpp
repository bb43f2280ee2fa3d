#include "demodata.h"

#include "catalogstore.h"
#include "credentialstore.h"
#include "jobservice.h"
#include "onboarding.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hopstep {

DemoLoadResult loadDemoData(Database &database)
{
    DemoLoadResult result;
    QFile file(u":/demo/demo.json"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = u"The demo data resource is missing from this build."_s;
        return result;
    }
    const QJsonObject demo = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray providers = demo.value(u"providers"_s).toArray();
    const QJsonArray jobs = demo.value(u"jobs"_s).toArray();

    CatalogStore catalog(database);
    for (const QJsonValue &value : providers) {
        const QString id = value.toObject().value(u"id"_s).toString();
        if (catalog.provider(id)) {
            result.error =
                u"Demo data is already loaded in %1 (provider %2 exists). Use a "
                u"new database file to load it again."_s.arg(database.displayLocation(), id);
            return result;
        }
    }

    const bool loaded = database.transaction(
        [&] {
            CredentialStore credentials(database);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            for (const QJsonValue &value : providers) {
                const QJsonObject object = value.toObject();
                Provider provider;
                provider.id = object.value(u"id"_s).toString();
                provider.name = object.value(u"name"_s).toString();
                provider.createdAt = now;
                provider.updatedAt = now;
                provider.contactName = object.value(u"contactName"_s).toString();
                provider.contactEmail = object.value(u"contactEmail"_s).toString();
                provider.atsName = object.value(u"atsName"_s).toString();
                // The demo integrations are already live, so their jobs show at once.
                provider.liveAt = now;
                if (!catalog.addProvider(provider, &result.error))
                    return false;
                const QJsonArray facilities = object.value(u"facilities"_s).toArray();
                for (const QJsonValue &facilityValue : facilities) {
                    const QJsonObject f = facilityValue.toObject();
                    Facility facility;
                    facility.id = f.value(u"id"_s).toString();
                    facility.providerId = provider.id;
                    facility.name = f.value(u"name"_s).toString();
                    facility.streetAddress = f.value(u"streetAddress"_s).toString();
                    facility.suburb = f.value(u"suburb"_s).toString();
                    facility.state = f.value(u"state"_s).toString();
                    facility.postcode = f.value(u"postcode"_s).toString();
                    facility.createdAt = now;
                    facility.updatedAt = now;
                    if (!catalog.addFacility(facility, &result.error))
                        return false;
                    ++result.facilities;
                }
                const auto key = credentials.issueApiKey(provider.id, u"demo"_s, &result.error);
                if (!key)
                    return false;
                result.keys.append({provider, *key});
                OnboardingStore onboarding(database);
                for (OnboardingStep step : onboardingSteps()) {
                    if (!onboarding.complete(provider.id, step, now, u"demo loader"_s, QString(),
                                             nullptr, &result.error)) {
                        return false;
                    }
                }
            }
            return true;
        },
        &result.error);
    if (!loaded)
        return result;

    // Each job is its own transaction, as it would be when posted to the API.
    JobService service(database);
    for (const QJsonValue &value : jobs) {
        const QJsonObject body = value.toObject();
        const JobOutcome created = service.create(body.value(u"providerId"_s).toString(), body,
                                                  Actor::system(u"demo loader"_s));
        if (created.kind != JobOutcome::Kind::Created) {
            QStringList problems{created.message};
            for (const FieldIssue &issue : created.errors)
                problems.append(issue.pointer + u": "_s + issue.message);
            result.error = u"A demo job was rejected: "_s + problems.join(u' ');
            return result;
        }
        ++result.jobs;
    }
    result.ok = true;
    return result;
}

} // namespace hopstep
