#pragma once

#include "auditlog.h"
#include "categoryservice.h"
#include "credentialstore.h"
#include "database.h"
#include "httpresponse.h"
#include "providerservice.h"
#include "staff.h"
#include "staffservice.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QHttpServerRequest;

namespace hopstep {

// An authenticated admin API request as the onboarding routes see it.
struct AdminRequest
{
    const QHttpServerRequest &http;
    QString method;
    QStringList segments; // the path split at "/", starting with "admin"
    QString path;
    QString requestId;
    const StaffTokenRecord &staff;
};

// The admin API of onboarding: the staff member's identity, providers, facilities, API keys,
// the onboarding steps and pack, the category list, the audit log and staff accounts. Each
// route names the role it needs; reading needs none, because every staff member may look.
class OnboardingRoutes
{
public:
    explicit OnboardingRoutes(Database &database);

    // Returns the response when one of these routes has the request's path, or nothing, so the
    // caller can try its own routes.
    std::optional<HttpResponse> route(const AdminRequest &request);

    // GET /api/categories and the admin export: JSON by default, CSV (RFC 4180) for
    // ?format=csv or Accept: text/csv.
    HttpResponse categoryList(const QHttpServerRequest &http);

    // One row of the route table, for the role matrix in the docs and tests.
    struct RouteInfo
    {
        QString method;
        QString pattern; // "providers/{uuid}/keys"
        std::optional<StaffRole> role;
    };
    QList<RouteInfo> routes() const;

private:
    using Handler = std::function<HttpResponse(const AdminRequest &, const QStringList &)>;
    struct Route
    {
        QString method;
        QStringList pattern; // literal segments, or "{uuid}" and "{int}" for parameters
        std::optional<StaffRole> role;
        QString action; // "Creating a provider", for the 403
        Handler handler;
    };

    void addRoutes();
    void add(const QString &method, const QString &pattern, std::optional<StaffRole> role,
             const QString &action, Handler handler);
    static bool matches(const QStringList &pattern, const QStringList &segments,
                        QStringList *parameters);

    HttpResponse whoAmI(const AdminRequest &request);
    HttpResponse auditEntries(const AdminRequest &request);

    Database &m_database;
    ProviderService m_providers;
    CategoryService m_categories;
    StaffService m_staff;
    AuditLog m_audit;
    QList<Route> m_routes;
};

// Turns an admin outcome into a response: 200 or 201 with the body, 422 listing the fields,
// 404, 409, or 503 when storage failed.
HttpResponse adminOutcomeResponse(const AdminOutcome &outcome);

} // namespace hopstep
