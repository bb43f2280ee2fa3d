#include "demodata.h"

#include "catalogstore.h"
#include "credentialstore.h"
#include "jobservice.h"

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
                Provider provider{object.value(u"id"_s).toString(),
                                  object.value(u"name"_s).toString(), true, now};
                if (!catalog.addProvider(provider, &result.error))
                    return false;
                const QJsonArray facilities = object.value(u"facilities"_s).toArray();
                for (const QJsonValue &facilityValue : facilities) {
                    const QJsonObject f = facilityValue.toObject();
                    const Facility facility{f.value(u"id"_s).toString(),
                                            provider.id,
                                            f.value(u"name"_s).toString(),
                                            f.value(u"suburb"_s).toString(),
                                            f.value(u"state"_s).toString(),
                                            f.value(u"postcode"_s).toString(),
                                            true,
                                            now};
                    if (!catalog.addFacility(facility, &result.error))
                        return false;
                    ++result.facilities;
                }
                const auto key = credentials.issueApiKey(provider.id, u"demo"_s, &result.error);
                if (!key)
                    return false;
                result.keys.append({provider, *key});
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
        const JobOutcome created =
            service.create(body.value(u"providerId"_s).toString(), body, u"demo loader"_s);
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
