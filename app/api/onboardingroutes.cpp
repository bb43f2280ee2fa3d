#include "onboardingroutes.h"

#include "authorization.h"
#include "job.h"
#include "jobvalidator.h"
#include "jsonbody.h"
#include "onboarding.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

constexpr StaffRole integrations = StaffRole::Integrations;
constexpr StaffRole reviewer = StaffRole::Reviewer;
constexpr StaffRole admin = StaffRole::Admin;

// Reads the request body as a JSON object. An empty body reads as {}, so action routes such
// as /deactivate need none.
std::optional<HttpResponse> readBody(const AdminRequest &request, QJsonObject *object)
{
    if (request.http.body().trimmed().isEmpty()) {
        *object = {};
        return std::nullopt;
    }
    const JsonBody body = parseJsonBody(request.http.value("Content-Type"), request.http.body());
    if (!body.isValid())
        return HttpResponse::problem(body.status, body.code, body.title, body.detail);
    *object = body.object;
    return std::nullopt;
}

// Runs work with the request's JSON body, or returns the body's problem document.
HttpResponse withBody(const AdminRequest &request,
                      const std::function<AdminOutcome(const QJsonObject &)> &work)
{
    QJsonObject body;
    if (std::optional<HttpResponse> problem = readBody(request, &body))
        return *problem;
    return adminOutcomeResponse(work(body));
}

HttpResponse invalidParameter(const QString &detail)
{
    return HttpResponse::problem(400, u"invalid-parameter"_s, u"Invalid query parameter"_s, detail);
}

QDateTime parseQueryTime(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0), QTimeZone::utc());
    return time.isValid() ? time.toUTC() : QDateTime();
}

bool wantsCsv(const QHttpServerRequest &http)
{
    const QUrlQuery query(http.url());
    const QString format = query.queryItemValue(u"format"_s).toLower();
    if (!format.isEmpty())
        return format == u"csv"_s;
    return http.value("Accept").contains("text/csv");
}

} // namespace

HttpResponse adminOutcomeResponse(const AdminOutcome &outcome)
{
    switch (outcome.kind) {
    case AdminOutcome::Kind::Ok:
        return HttpResponse::json(200, outcome.body);
    case AdminOutcome::Kind::Created:
        return HttpResponse::json(201, outcome.body);
    case AdminOutcome::Kind::Invalid:
        return HttpResponse::problem(
            422, u"validation-failed"_s, u"The request is invalid"_s,
            u"%1 field(s) are invalid; each entry of errors names the field with a JSON "
            u"pointer. Nothing was changed."_s.arg(outcome.errors.size()),
            outcome.errors, outcome.warnings);
    case AdminOutcome::Kind::NotFound:
        return HttpResponse::problem(404, outcome.code, u"Not found"_s, outcome.message);
    case AdminOutcome::Kind::Conflict:
        return HttpResponse::problem(409, outcome.code, u"Conflict"_s, outcome.message);
    case AdminOutcome::Kind::StorageFailed:
        break;
    }
    return HttpResponse::problem(503, u"storage-unavailable"_s, u"Storage unavailable"_s,
                                 u"hopstep could not use its database, so nothing was changed. "
                                 u"Retry later; the failure is logged with this request's id."_s);
}

OnboardingRoutes::OnboardingRoutes(Database &database)
    : m_database(database)
    , m_providers(database)
    , m_categories(database)
    , m_staff(database)
    , m_audit(database)
{
    addRoutes();
}

void OnboardingRoutes::add(const QString &method, const QString &pattern,
                           std::optional<StaffRole> role, const QString &action, Handler handler)
{
    m_routes.append({method, pattern.split(u'/'), role, action, std::move(handler)});
}

void OnboardingRoutes::addRoutes()
{
    const auto actor = [](const AdminRequest &request) {
        return staffActor(request.staff, request.requestId);
    };
    const std::optional<StaffRole> anyone;

    add(u"GET"_s, u"me"_s, anyone, u"Reading your identity"_s,
        [this](const AdminRequest &request, const QStringList &) { return whoAmI(request); });

    add(u"GET"_s, u"providers"_s, anyone, u"Listing providers"_s,
        [this](const AdminRequest &, const QStringList &) {
            return adminOutcomeResponse(m_providers.listProviders());
        });
    add(u"POST"_s, u"providers"_s, integrations, u"Creating a provider"_s,
        [this, actor](const AdminRequest &request, const QStringList &) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_providers.createProvider(body, actor(request));
            });
        });
    add(u"GET"_s, u"providers/{uuid}"_s, anyone, u"Reading a provider"_s,
        [this](const AdminRequest &, const QStringList &ids) {
            return adminOutcomeResponse(m_providers.providerDetail(ids.at(0)));
        });
    add(u"PATCH"_s, u"providers/{uuid}"_s, integrations, u"Editing a provider"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_providers.updateProvider(ids.at(0), body, actor(request));
            });
        });
    add(u"POST"_s, u"providers/{uuid}/deactivate"_s, integrations, u"Deactivating a provider"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return adminOutcomeResponse(
                m_providers.setProviderActive(ids.at(0), false, actor(request)));
        });
    add(u"POST"_s, u"providers/{uuid}/reactivate"_s, integrations, u"Reactivating a provider"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return adminOutcomeResponse(
                m_providers.setProviderActive(ids.at(0), true, actor(request)));
        });

    add(u"GET"_s, u"providers/{uuid}/facilities"_s, anyone, u"Listing facilities"_s,
        [this](const AdminRequest &, const QStringList &ids) {
            return adminOutcomeResponse(m_providers.listFacilities(ids.at(0)));
        });
    add(u"POST"_s, u"providers/{uuid}/facilities"_s, integrations, u"Creating a facility"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_providers.createFacility(ids.at(0), body, actor(request));
            });
        });
    add(u"GET"_s, u"facilities"_s, anyone, u"Listing facilities"_s,
        [this](const AdminRequest &request, const QStringList &) {
            const QUrlQuery query(request.http.url());
            QString providerId;
            if (query.hasQueryItem(u"providerId"_s)) {
                providerId = canonicalUuid(query.queryItemValue(u"providerId"_s));
                if (providerId.isEmpty())
                    return invalidParameter(u"providerId must be a UUID."_s);
            }
            return adminOutcomeResponse(m_providers.listFacilities(providerId));
        });
    add(u"PATCH"_s, u"facilities/{uuid}"_s, integrations, u"Editing a facility"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_providers.updateFacility(ids.at(0), body, actor(request));
            });
        });
    add(u"POST"_s, u"facilities/{uuid}/deactivate"_s, integrations, u"Deactivating a facility"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return adminOutcomeResponse(
                m_providers.setFacilityActive(ids.at(0), false, actor(request)));
        });
    add(u"POST"_s, u"facilities/{uuid}/reactivate"_s, integrations, u"Reactivating a facility"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return adminOutcomeResponse(
                m_providers.setFacilityActive(ids.at(0), true, actor(request)));
        });

    add(u"GET"_s, u"providers/{uuid}/keys"_s, anyone, u"Listing API keys"_s,
        [this](const AdminRequest &, const QStringList &ids) {
            return adminOutcomeResponse(m_providers.listKeys(ids.at(0)));
        });
    add(u"POST"_s, u"providers/{uuid}/keys"_s, integrations, u"Issuing an API key"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_providers.issueKey(ids.at(0), body, actor(request));
            });
        });
    add(u"POST"_s, u"keys/{uuid}/revoke"_s, integrations, u"Revoking an API key"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return adminOutcomeResponse(m_providers.revokeKey(ids.at(0), actor(request)));
        });
    add(u"POST"_s, u"keys/{uuid}/rotate"_s, integrations, u"Rotating an API key"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_providers.rotateKey(ids.at(0), body, actor(request));
            });
        });

    add(u"GET"_s, u"providers/{uuid}/onboarding"_s, anyone, u"Reading onboarding steps"_s,
        [this](const AdminRequest &, const QStringList &ids) {
            return adminOutcomeResponse(m_providers.onboarding(ids.at(0)));
        });
    const struct
    {
        OnboardingStep step;
        StaffRole role;
        QString action;
    } manualSteps[] = {
        {OnboardingStep::IdsIssued, integrations, u"Marking the IDs as issued"_s},
        {OnboardingStep::CategoryListSent, integrations, u"Marking the category list as sent"_s},
        {OnboardingStep::DisplayValidated, reviewer, u"Validating a job's display"_s},
    };
    for (const auto &manual : manualSteps) {
        const OnboardingStep step = manual.step;
        add(u"POST"_s, u"providers/{uuid}/onboarding/"_s + onboardingStepName(step), manual.role,
            manual.action,
            [this, actor, step](const AdminRequest &request, const QStringList &ids) {
                return withBody(request, [&](const QJsonObject &body) {
                    return m_providers.completeStep(ids.at(0), step, body, actor(request));
                });
            });
    }
    add(u"POST"_s, u"providers/{uuid}/go-live"_s, reviewer, u"Taking an integration live"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return adminOutcomeResponse(m_providers.goLive(ids.at(0), actor(request)));
        });
    add(u"GET"_s, u"providers/{uuid}/onboarding-pack"_s, integrations,
        u"Exporting an onboarding pack"_s, [this](const AdminRequest &, const QStringList &ids) {
            return adminOutcomeResponse(m_providers.onboardingPackData(ids.at(0)));
        });

    add(u"GET"_s, u"categories"_s, anyone, u"Listing categories"_s,
        [this](const AdminRequest &, const QStringList &) {
            return adminOutcomeResponse(m_categories.list());
        });
    add(u"POST"_s, u"categories"_s, integrations, u"Adding a category"_s,
        [this, actor](const AdminRequest &request, const QStringList &) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_categories.add(body, actor(request));
            });
        });
    add(u"PUT"_s, u"categories/order"_s, integrations, u"Reordering the category list"_s,
        [this, actor](const AdminRequest &request, const QStringList &) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_categories.reorder(body, actor(request));
            });
        });
    add(u"GET"_s, u"categories/export"_s, anyone, u"Exporting the category list"_s,
        [this](const AdminRequest &request, const QStringList &) {
            HttpResponse response = categoryList(request.http);
            const QByteArray file = response.contentType.startsWith("text/csv")
                                        ? "hopstep-categories.csv"
                                        : "hopstep-categories.json";
            response.withHeader("Content-Disposition", "attachment; filename=\"" + file + '"');
            return response;
        });
    add(u"GET"_s, u"categories/alias-jobs"_s, anyone, u"Listing jobs sent with former names"_s,
        [this](const AdminRequest &request, const QStringList &) {
            const QUrlQuery query(request.http.url());
            int categoryId = 0;
            if (query.hasQueryItem(u"categoryId"_s)) {
                bool ok = false;
                categoryId = query.queryItemValue(u"categoryId"_s).toInt(&ok);
                if (!ok || categoryId < 1)
                    return invalidParameter(u"categoryId must be a category id."_s);
            }
            return adminOutcomeResponse(m_categories.aliasJobs(categoryId));
        });
    add(u"PATCH"_s, u"categories/{int}"_s, integrations, u"Renaming a category"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_categories.rename(ids.at(0).toInt(), body, actor(request));
            });
        });
    add(u"POST"_s, u"categories/{int}/retire"_s, integrations, u"Retiring a category"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_categories.retire(ids.at(0).toInt(), body, actor(request));
            });
        });
    add(u"POST"_s, u"categories/{int}/restore"_s, integrations, u"Restoring a category"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return adminOutcomeResponse(m_categories.restore(ids.at(0).toInt(), actor(request)));
        });

    add(u"GET"_s, u"audit"_s, anyone, u"Reading the audit log"_s,
        [this](const AdminRequest &request, const QStringList &) { return auditEntries(request); });
    add(u"GET"_s, u"audit/actions"_s, anyone, u"Reading the audit log"_s,
        [this](const AdminRequest &, const QStringList &) {
            return HttpResponse::json(
                200, {{u"items"_s, QJsonArray::fromStringList(m_audit.actions())}});
        });

    add(u"GET"_s, u"staff"_s, admin, u"Listing staff accounts"_s,
        [this](const AdminRequest &, const QStringList &) {
            return adminOutcomeResponse(m_staff.list());
        });
    add(u"POST"_s, u"staff"_s, admin, u"Creating a staff account"_s,
        [this, actor](const AdminRequest &request, const QStringList &) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_staff.create(body, actor(request));
            });
        });
    add(u"GET"_s, u"staff/{uuid}"_s, admin, u"Reading a staff account"_s,
        [this](const AdminRequest &, const QStringList &ids) {
            return adminOutcomeResponse(m_staff.member(ids.at(0)));
        });
    add(u"PATCH"_s, u"staff/{uuid}"_s, admin, u"Changing a staff account"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_staff.update(ids.at(0), body, actor(request));
            });
        });
    add(u"POST"_s, u"staff/{uuid}/tokens"_s, admin, u"Issuing a staff token"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return withBody(request, [&](const QJsonObject &body) {
                return m_staff.issueToken(ids.at(0), body, actor(request));
            });
        });
    add(u"POST"_s, u"staff-tokens/{uuid}/revoke"_s, admin, u"Revoking a staff token"_s,
        [this, actor](const AdminRequest &request, const QStringList &ids) {
            return adminOutcomeResponse(m_staff.revokeToken(ids.at(0), actor(request)));
        });
}

bool OnboardingRoutes::matches(const QStringList &pattern, const QStringList &segments,
                               QStringList *parameters)
{
    // segments starts with "admin".
    if (segments.size() != pattern.size() + 1)
        return false;
    QStringList found;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString &part = pattern.at(i);
        const QString &segment = segments.at(i + 1);
        if (part == u"{uuid}"_s) {
            // An id that is not a UUID matches too, and the handler returns 404 for it.
            const QString canonical = canonicalUuid(segment);
            found.append(canonical.isEmpty() ? segment.left(64) : canonical);
        } else if (part == u"{int}"_s) {
            bool ok = false;
            const int number = segment.toInt(&ok);
            if (!ok || number < 1)
                return false;
            found.append(QString::number(number));
        } else if (part != segment) {
            return false;
        }
    }
    *parameters = found;
    return true;
}

std::optional<HttpResponse> OnboardingRoutes::route(const AdminRequest &request)
{
    QStringList allowed;
    for (const Route &route : std::as_const(m_routes)) {
        QStringList parameters;
        if (!matches(route.pattern, request.segments, &parameters))
            continue;
        if (route.method != request.method) {
            allowed.append(route.method);
            continue;
        }
        if (route.role) {
            if (std::optional<HttpResponse> denied =
                    requireRole(request.staff, *route.role, route.action)) {
                return denied;
            }
        }
        return route.handler(request, parameters);
    }
    if (allowed.isEmpty())
        return std::nullopt;
    allowed.removeDuplicates();
    HttpResponse response =
        HttpResponse::problem(405, u"method-not-allowed"_s, u"Method not allowed"_s,
                              request.method + u" is not allowed on "_s + request.path.left(200) +
                                  u"; allowed methods: "_s + allowed.join(u", "_s) + u'.');
    response.withHeader("Allow", allowed.join(u", "_s).toLatin1());
    return response;
}

QList<OnboardingRoutes::RouteInfo> OnboardingRoutes::routes() const
{
    QList<RouteInfo> result;
    for (const Route &route : m_routes)
        result.append({route.method, route.pattern.join(u'/'), route.role});
    return result;
}

HttpResponse OnboardingRoutes::whoAmI(const AdminRequest &request)
{
    const StaffTokenRecord &staff = request.staff;
    return HttpResponse::json(
        200, QJsonObject{{u"id"_s, staff.staffId},
                         {u"name"_s, staff.staffName},
                         {u"email"_s, staff.staffEmail},
                         {u"roles"_s, QJsonArray::fromStringList(staffRoleNames(staff.roles))},
                         {u"tokenId"_s, staff.id},
                         {u"tokenPrefix"_s, staff.prefix},
                         {u"createdAt"_s, formatTimestamp(staff.createdAt)}});
}

HttpResponse OnboardingRoutes::auditEntries(const AdminRequest &request)
{
    const QUrlQuery query(request.http.url());
    AuditFilter filter;
    filter.actor = query.queryItemValue(u"actor"_s, QUrl::FullyDecoded).trimmed().left(120);
    filter.action = query.queryItemValue(u"action"_s, QUrl::FullyDecoded).trimmed().left(80);
    filter.entityType = query.queryItemValue(u"entityType"_s).trimmed().left(40);
    filter.entityId = query.queryItemValue(u"entityId"_s, QUrl::FullyDecoded).trimmed().left(64);
    if (query.hasQueryItem(u"providerId"_s)) {
        filter.providerId = canonicalUuid(query.queryItemValue(u"providerId"_s));
        if (filter.providerId.isEmpty())
            return invalidParameter(u"providerId must be a UUID."_s);
    }
    for (const auto &[name, time] :
         {std::pair{u"from"_s, &filter.from}, std::pair{u"to"_s, &filter.to}}) {
        const QString text = query.queryItemValue(name);
        *time = parseQueryTime(text);
        if (!text.isEmpty() && !time->isValid()) {
            return invalidParameter(name + u"="_s + text.left(40) +
                                    u" is not a date or time; send ISO 8601 such as "
                                    u"2026-12-04 or 2026-12-04T09:30:00Z."_s);
        }
    }
    bool ok = true;
    if (query.hasQueryItem(u"before"_s)) {
        filter.beforeId = query.queryItemValue(u"before"_s).toLongLong(&ok);
        if (!ok || filter.beforeId < 1)
            return invalidParameter(u"before must be the id of an audit log entry."_s);
    }
    filter.limit =
        query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&ok) : 100;
    if (!ok || filter.limit < 1 || filter.limit > AuditLog::maxPageSize) {
        return invalidParameter(
            u"limit must be a whole number from 1 to %1."_s.arg(AuditLog::maxPageSize));
    }

    bool listed = false;
    const QList<AuditEntry> entries = m_audit.entries(filter, &listed);
    if (!listed)
        return adminOutcomeResponse(AdminOutcome::storageFailed({}));
    QJsonArray items;
    for (const AuditEntry &entry : entries)
        items.append(auditEntryToJson(entry));
    const QJsonValue next = entries.size() == filter.limit && !entries.isEmpty()
                                ? QJsonValue(entries.constLast().id)
                                : QJsonValue();
    return HttpResponse::json(
        200, QJsonObject{{u"items"_s, items}, {u"limit"_s, filter.limit}, {u"nextBefore"_s, next}});
}

HttpResponse OnboardingRoutes::categoryList(const QHttpServerRequest &http)
{
    const QList<Category> categories = CategoryStore(m_database).categories();
    if (!wantsCsv(http))
        return HttpResponse::json(200, categoriesToJsonDocument(categories));
    HttpResponse response;
    response.status = 200;
    response.contentType = "text/csv; charset=utf-8; header=present";
    response.body = categoriesToCsv(categories);
    return response;
}

} // namespace hopstep
