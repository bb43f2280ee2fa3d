// The admin API's view of the request journal: GET /admin/requests and /admin/requests/{id}.

#include "apiserver.h"

#include "jobvalidator.h"
#include "requestjournal.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

HttpResponse invalidJournalParameter(const QString &detail)
{
    return HttpResponse::problem(400, u"invalid-parameter"_s, u"Invalid query parameter"_s, detail);
}

} // namespace

HttpResponse ApiServer::routeJournal(Request &request)
{
    if (request.method != u"GET"_s)
        return methodNotAllowed(request.method, request.path, "GET");
    if (!m_journal) {
        return HttpResponse::problem(404, u"journal-disabled"_s, u"Journal disabled"_s,
                                     u"This hopstep-api runs without a request journal."_s);
    }
    // Entries wait up to a quarter second in memory; staff expect to see the latest ones.
    m_journal->flush();

    if (request.segments.size() == 3) {
        bool ok = false;
        const qint64 id = request.segments.at(2).toLongLong(&ok);
        const std::optional<JournalEntry> entry =
            ok ? RequestJournal::find(m_database, id) : std::nullopt;
        if (!entry) {
            return HttpResponse::problem(404, u"not-found"_s, u"Not found"_s,
                                         u"No journal entry "_s + request.segments.at(2).left(40) +
                                             u" exists; it may be past the retention time."_s);
        }
        return HttpResponse::json(200, journalEntryToJson(*entry, true));
    }
    if (request.segments.size() != 2)
        return HttpResponse::problem(404, u"not-found"_s, u"Not found"_s,
                                     u"There is no admin resource at "_s + request.path.left(200) +
                                         u'.');

    const QUrlQuery query(request.http.url());
    JournalFilter filter;
    if (query.hasQueryItem(u"providerId"_s)) {
        filter.providerId = canonicalUuid(query.queryItemValue(u"providerId"_s));
        if (filter.providerId.isEmpty())
            return invalidJournalParameter(u"providerId must be a UUID."_s);
    }
    filter.keyPrefix = query.queryItemValue(u"keyPrefix"_s).left(40);
    filter.errorCode = query.queryItemValue(u"code"_s).left(60);
    filter.text = query.queryItemValue(u"q"_s, QUrl::FullyDecoded).trimmed().left(200);
    if (query.hasQueryItem(u"status"_s)) {
        const QString status = query.queryItemValue(u"status"_s);
        bool ok = false;
        if (status.size() == 3 && status.endsWith(u"xx"_s)) {
            filter.status = status.left(1).toInt(&ok);
            ok = ok && filter.status >= 1 && filter.status <= 5;
        } else {
            filter.status = status.toInt(&ok);
            ok = ok && filter.status >= 100 && filter.status <= 599;
        }
        if (!ok) {
            return invalidJournalParameter(u"status="_s + status.left(20) +
                                           u" is invalid; send a status such as 422 or a "
                                           u"class such as 4xx."_s);
        }
    }
    for (const auto &[name, target] :
         {std::pair{u"since"_s, &filter.since}, std::pair{u"until"_s, &filter.until}}) {
        if (!query.hasQueryItem(name))
            continue;
        *target = parseTimestamp(query.queryItemValue(name, QUrl::FullyDecoded));
        if (!target->isValid()) {
            return invalidJournalParameter(name + u" must be an ISO 8601 time such as "
                                                  u"2026-12-04T02:00:00Z."_s);
        }
    }
    bool ok = true;
    filter.limit =
        query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&ok) : 100;
    if (!ok || filter.limit < 1 || filter.limit > 1000)
        return invalidJournalParameter(u"limit must be a whole number from 1 to 1000."_s);
    filter.offset =
        query.hasQueryItem(u"offset"_s) ? query.queryItemValue(u"offset"_s).toInt(&ok) : 0;
    if (!ok || filter.offset < 0)
        return invalidJournalParameter(u"offset must be a whole number of 0 or more."_s);

    const JournalPage page = RequestJournal::search(m_database, filter);
    QJsonArray items;
    for (const JournalEntry &entry : page.entries)
        items.append(journalEntryToJson(entry, false));
    return HttpResponse::json(200, QJsonObject{{u"items"_s, items},
                                               {u"total"_s, page.total},
                                               {u"limit"_s, filter.limit},
                                               {u"offset"_s, filter.offset}});
}

} // namespace hopstep
