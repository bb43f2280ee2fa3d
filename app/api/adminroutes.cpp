#include "apiserver.h"

#include "authorization.h"
#include "jobvalidator.h"
#include "jsonbody.h"
#include "logcategories.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

HttpResponse invalidParameter(const QString &detail)
{
    return HttpResponse::problem(400, u"invalid-parameter"_s, u"Invalid query parameter"_s, detail);
}

} // namespace

HttpResponse ApiServer::routeAdmin(Request &request)
{
    const QStringList &segments = request.segments;
    const QString &method = request.method;

    const Authenticator::StaffResult auth = m_authenticator.authenticateStaff(request.http);
    request.credentialPrefix = auth.prefix;
    if (!auth.token)
        return auth.failure;
    const StaffTokenRecord &staff = *auth.token;

    if (segments.value(1) == u"requests"_s)
        return routeJournal(request);

    // Providers, facilities, keys, onboarding, categories, the audit log, staff and /admin/me.
    const AdminRequest onboarding{request.http,      method, segments, request.path,
                                  request.requestId, staff};
    if (std::optional<HttpResponse> handled = m_onboarding.route(onboarding))
        return *handled;

    if (segments.size() == 2 && segments.at(1) == u"jobs"_s) {
        if (method != u"GET"_s)
            return methodNotAllowed(method, request.path, "GET");
        return adminListJobs(request);
    }
    if (segments.size() >= 3 && segments.at(1) == u"jobs"_s) {
        request.jobId = segments.at(2).left(64);
        if (segments.size() == 3) {
            if (method == u"GET"_s)
                return adminGetJob(request);
            if (method != u"DELETE"_s)
                return methodNotAllowed(method, request.path, "GET, DELETE");
            if (auto denied = requireRole(staff, StaffRole::Support, u"Deleting a job"_s))
                return *denied;
            return adminDeleteJob(request, staff);
        }
        if (segments.size() == 4 && segments.at(3) == u"status"_s) {
            if (method != u"POST"_s)
                return methodNotAllowed(method, request.path, "POST");
            if (auto denied = requireRole(staff, StaffRole::Support, u"Changing a job's status"_s))
                return *denied;
            return adminSetStatus(request, staff);
        }
    }
    return HttpResponse::problem(404, u"not-found"_s, u"Not found"_s,
                                 u"There is no admin resource at "_s + request.path.left(200) +
                                     u'.');
}

HttpResponse ApiServer::adminListJobs(Request &request)
{
    const QUrlQuery query(request.http.url());
    JobFilter filter;

    if (query.hasQueryItem(u"status"_s)) {
        const QStringList names = query.queryItemValue(u"status"_s).split(u',', Qt::SkipEmptyParts);
        for (const QString &name : names) {
            const auto status = jobStatusFromName(name.trimmed().toUpper());
            if (!status) {
                return invalidParameter(
                    u"status="_s + name.left(40) + u" is not a job status; send one or more of "_s +
                    jobStatusNames().join(u", "_s) + u", separated by commas."_s);
            }
            filter.statuses.append(*status);
        }
    }
    if (query.hasQueryItem(u"providerId"_s)) {
        filter.providerId = canonicalUuid(query.queryItemValue(u"providerId"_s));
        if (filter.providerId.isEmpty())
            return invalidParameter(u"providerId must be a UUID."_s);
    }
    filter.text = query.queryItemValue(u"q"_s, QUrl::FullyDecoded).trimmed().left(200);
    const QString deleted = query.queryItemValue(u"deleted"_s);
    if (deleted.isEmpty() || deleted == u"include"_s) {
        filter.deleted = JobFilter::Deleted::Include;
    } else if (deleted == u"exclude"_s) {
        filter.deleted = JobFilter::Deleted::Exclude;
    } else if (deleted == u"only"_s) {
        filter.deleted = JobFilter::Deleted::Only;
    } else {
        return invalidParameter(u"deleted="_s + deleted.left(40) +
                                u" is invalid; send include, exclude or only."_s);
    }
    bool ok = true;
    filter.limit =
        query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&ok) : 200;
    if (!ok || filter.limit < 1 || filter.limit > 1000)
        return invalidParameter(u"limit must be a whole number from 1 to 1000."_s);
    filter.offset =
        query.hasQueryItem(u"offset"_s) ? query.queryItemValue(u"offset"_s).toInt(&ok) : 0;
    if (!ok || filter.offset < 0)
        return invalidParameter(u"offset must be a whole number of 0 or more."_s);

    const JobPage page = m_jobs.jobs().search(filter);
    QJsonArray items;
    for (const Job &job : page.jobs)
        items.append(jobToAdminJson(job));
    return HttpResponse::json(200, QJsonObject{{u"items"_s, items},
                                               {u"total"_s, page.total},
                                               {u"limit"_s, filter.limit},
                                               {u"offset"_s, filter.offset}});
}

HttpResponse ApiServer::adminGetJob(Request &request)
{
    return outcomeResponse(m_jobs.findForStaff(request.jobId.toLower()), 200, true, false);
}

HttpResponse ApiServer::adminSetStatus(Request &request, const StaffTokenRecord &staff)
{
    const JsonBody body = parseJsonBody(request.http.value("Content-Type"), request.http.body());
    if (!body.isValid())
        return HttpResponse::problem(body.status, body.code, body.title, body.detail);
    const QJsonValue value = body.object.value(u"status"_s);
    const auto status = jobStatusFromName(value.toString().trimmed().toUpper());
    if (!status) {
        return HttpResponse::problem(
            422, u"validation-failed"_s, u"The status is invalid"_s,
            u"Send {\"status\": …} with one of "_s + jobStatusNames().join(u", "_s) + u'.',
            {{u"/status"_s, value.isUndefined() ? u"required"_s : u"not-allowed"_s,
              u"status must be one of "_s + jobStatusNames().join(u", "_s) + u'.'}});
    }
    const JobOutcome outcome = m_jobs.setStatusByStaff(request.jobId.toLower(), *status,
                                                       staffActor(staff, request.requestId));
    if (outcome.kind == JobOutcome::Kind::Ok && outcome.changed) {
        qCInfo(lcAdmin).noquote() << "Staff" << staff.staffName << "set job" << request.jobId
                                  << "to" << jobStatusName(*status);
    }
    return outcomeResponse(outcome, 200, true);
}

HttpResponse ApiServer::adminDeleteJob(Request &request, const StaffTokenRecord &staff)
{
    const JobOutcome outcome =
        m_jobs.removeByStaff(request.jobId.toLower(), staffActor(staff, request.requestId));
    if (outcome.kind == JobOutcome::Kind::Ok)
        qCInfo(lcAdmin).noquote() << "Staff" << staff.staffName << "deleted job" << request.jobId;
    return outcomeResponse(outcome, 200, true);
}

} // namespace hopstep
