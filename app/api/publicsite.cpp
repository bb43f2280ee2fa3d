#include "publicsite.h"

#include "applyurl.h"
#include "australia.h"
#include "jobpagerenderer.h"
#include "jobposting.h"
#include "jobvalidator.h"
#include "publication.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHttpServerRequest>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

Q_LOGGING_CATEGORY(lcPages, "hopstep.pages")

QByteArray readResource(const QString &path)
{
    QFile file(path);
    // Compiled in, so a failure is a build fault.
    const bool opened = file.open(QIODevice::ReadOnly);
    Q_ASSERT_X(opened, "PublicSite", "public resource missing");
    return opened ? file.readAll() : QByteArray();
}

QByteArray cacheControl(int maxAge)
{
    if (maxAge <= 0)
        return "no-store";
    return "public, max-age=" + QByteArray::number(maxAge);
}

// A strong validator over the exact bytes sent.
QByteArray bodyEtag(const QByteArray &body)
{
    return '"' + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().left(32) + '"';
}

// If-None-Match uses the weak comparison: W/"x" matches "x".
bool matchesIfNoneMatch(const QByteArray &header, const QByteArray &etag)
{
    if (header.trimmed() == "*")
        return true;
    const QList<QByteArray> tags = header.split(',');
    for (QByteArray tag : tags) {
        tag = tag.trimmed();
        if (tag.startsWith("W/"))
            tag = tag.mid(2);
        if (tag == etag)
            return true;
    }
    return false;
}

// Crawlers and link-preview fetchers that follow Apply links are redirected but not counted.
bool isAutomatedClient(const QByteArray &userAgent)
{
    static const QRegularExpression pattern(
        u"googlebot|bingbot|duckduckbot|baiduspider|yandexbot|applebot|petalbot|slurp|"
        u"facebookexternalhit|linkedinbot|twitterbot|slackbot|discordbot|telegrambot|"
        u"ahrefsbot|semrushbot|mj12bot|compatible;[^)]*(?:bot|crawler|spider)|"
        u"\\b(?:bot|crawler|spider)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(QString::fromLatin1(userAgent)).hasMatch();
}

// Values of a query parameter as a browser's form sends them: '+' is a space.
QStringList parameterValues(const QUrlQuery &query, const QString &name)
{
    QStringList values;
    const QStringList sent = query.allQueryItemValues(name, QUrl::FullyDecoded);
    for (QString value : sent) {
        value.replace(u'+', u' ');
        value = value.trimmed();
        if (!value.isEmpty() && !values.contains(value))
            values.append(value);
    }
    return values;
}

// A value as it may appear in a page or message: bounded and on one line.
QString quotedValue(const QString &value)
{
    QString text = value.left(40);
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = u'?';
    }
    return u'\u201c' + text + (value.size() > 40 ? u"\u2026\u201d"_s : u"\u201d"_s);
}

std::optional<Category> parseCategory(const QString &value, const QList<Category> &categories)
{
    bool isNumber = false;
    const int id = value.toInt(&isNumber);
    if (isNumber)
        return findCategoryById(categories, id);
    const QString slug = categorySlug(value);
    for (const Category &category : categories) {
        if (categorySlug(category.name) == slug)
            return category;
    }
    return std::nullopt;
}

std::optional<WorkType> parseWorkType(const QString &value)
{
    QString name = value.toUpper();
    name.replace(u'-', u'_').replace(u' ', u'_');
    return workTypeFromName(name);
}

} // namespace

QString categorySlug(const QString &name)
{
    QString slug;
    bool pendingDash = false;
    for (QChar c : name.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
            if (pendingDash && !slug.isEmpty())
                slug += u'-';
            slug += c;
            pendingDash = false;
        } else {
            pendingDash = true;
        }
    }
    return slug;
}

QString workTypeSlug(WorkType type)
{
    return workTypeName(type).toLower().replace(u'_', u'-');
}

void addPublicSecurityHeaders(HttpResponse &response)
{
    // JSON-LD is a data block, which script-src does not govern, so search engines still read it.
    response.withHeader("Content-Security-Policy",
                        "default-src 'none'; script-src 'none'; style-src 'self'; "
                        "img-src 'self'; form-action 'self'; base-uri 'none'; "
                        "frame-ancestors 'none'");
    // The ATS learns that a candidate came from hopstep, not which page.
    response.withHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    response.withHeader("X-Frame-Options", "DENY");
    response.withHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.withHeader("Cross-Origin-Resource-Policy", "same-origin");
    response.withHeader("Permissions-Policy",
                        "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
}

PublicSite::PublicSite(Database &database)
    : m_database(database)
    , m_jobs(database)
    , m_catalog(database)
    , m_board(database)
    , m_clicks(database)
    , m_styleSheet(readResource(u":/public/site.css"_s))
    , m_icon(readResource(u":/public/favicon.svg"_s))
    , m_assetVersion(QString::fromLatin1(
          QCryptographicHash::hash(QByteArray(m_styleSheet + m_icon), QCryptographicHash::Sha256)
              .toHex()
              .left(10)))
{}

void PublicSite::setPublicBaseUrl(const QUrl &url)
{
    QUrl base = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    m_publicBaseUrl = base;
}

bool PublicSite::handles(const QStringList &segments)
{
    if (segments.isEmpty())
        return false;
    const QString &first = segments.first();
    if (first == u"jobs"_s)
        return true;
    if (first == u"assets"_s)
        return true;
    return segments.size() == 1 && (first == u"robots.txt"_s || first == u"sitemap.xml"_s);
}

HttpResponse PublicSite::handle(const QHttpServerRequest &http, const QString &method,
                                const QStringList &segments, QString *jobId)
{
    QUrl baseUrl = m_publicBaseUrl;
    if (baseUrl.isEmpty()) {
        // Host is sent by the client, so only a well-formed name or address is used.
        static const QRegularExpression hostPattern(
            u"^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])"
            u"(?::[0-9]{1,5})?$"_s);
        const QString host = QString::fromLatin1(http.value("Host"));
        const bool https = http.value("X-Forwarded-Proto").trimmed().toLower() == "https";
        baseUrl = QUrl((https ? u"https://"_s : u"http://"_s) +
                           (hostPattern.match(host).hasMatch() ? host : u"localhost"_s),
                       QUrl::StrictMode);
    }
    const Request request{http, method, baseUrl};

    const bool apply =
        segments.size() == 3 && segments.at(0) == u"jobs"_s && segments.at(2) == u"apply"_s;
    const QByteArray allowed = apply ? "GET" : "GET, HEAD";
    if (method != u"GET"_s && (apply || method != u"HEAD"_s)) {
        HttpResponse response = messagePage(
            405, u"This address only opens pages"_s,
            u"<p>"_s + (method.toHtmlEscaped() + u" is not allowed here; this address answers "_s +
                        QString::fromLatin1(allowed) + u" only. Open it in a web browser.</p>"_s),
            u"/jobs"_s, u"Browse jobs"_s);
        response.withHeader("Allow", allowed);
        return finishPage(request, std::move(response), 0);
    }

    // One address per page: "/jobs/", "/jobs//ID" and the like move to the canonical form, so
    // that search engines and click counts see one page.
    const QString canonical = u'/' + segments.join(u'/');
    if (http.url().path(QUrl::FullyDecoded) != canonical) {
        QUrl target;
        target.setPath(canonical, QUrl::DecodedMode);
        QString location = target.toString(QUrl::FullyEncoded);
        if (http.url().hasQuery())
            location += u'?' + http.url().query(QUrl::FullyEncoded);
        HttpResponse moved = HttpResponse::html(
            301, u"<!DOCTYPE html><title>Moved</title><p><a href=\"%1\">Continue</a></p>"_s.arg(
                     location.toHtmlEscaped()));
        moved.withHeader("Location", location.toUtf8());
        return finishPage(request, std::move(moved), pageMaxAge);
    }

    const QString &first = segments.first();
    if (first == u"robots.txt"_s)
        return robots(request);
    if (first == u"sitemap.xml"_s)
        return sitemap(request);
    if (first == u"assets"_s)
        return asset(request, segments.size() == 2 ? segments.at(1) : QString());
    if (segments.size() == 1)
        return board(request);
    if (segments.size() == 2)
        return jobPage(request, segments.at(1), jobId);
    if (apply)
        return this->apply(request, segments.at(1), jobId);
    return finishPage(request, jobNotFound(segments.at(1)), pageMaxAge);
}

HttpResponse PublicSite::finishPage(const Request &request, HttpResponse response, int maxAge) const
{
    addPublicSecurityHeaders(response);
    response.withHeader("Cache-Control", cacheControl(maxAge));
    if (response.status != 200 || maxAge <= 0)
        return response;
    const QByteArray etag = bodyEtag(response.body);
    response.withHeader("ETag", etag);
    if (!matchesIfNoneMatch(request.http.value("If-None-Match"), etag))
        return response;
    response.status = 304;
    response.body.clear();
    response.contentType.clear();
    return response;
}

PublicSite::BoardRequest PublicSite::parseBoardRequest(const Request &request,
                                                       const QList<Category> &categories)
{
    BoardRequest board;
    const QUrlQuery query(request.http.url());
    const auto single = [&](const QString &name, QString *value) {
        const QStringList values = parameterValues(query, name);
        if (values.size() > 1) {
            board.errors.append(
                u"Choose one %1 at a time."_s.arg(name == u"workType"_s ? u"work type"_s : name));
            return false;
        }
        *value = values.value(0);
        return !value->isEmpty();
    };

    QString category;
    if (single(u"category"_s, &category)) {
        board.category = parseCategory(category, categories);
        if (board.category)
            board.filter.categoryId = board.category->id;
        else
            board.errors.append(quotedValue(category) +
                                u" is not one of hopstep\u2019s job categories."_s);
    }
    QString workType;
    if (single(u"workType"_s, &workType)) {
        board.filter.workType = parseWorkType(workType);
        if (!board.filter.workType)
            board.errors.append(quotedValue(workType) +
                                u" is not a work type; choose full time, part time, casual, "
                                u"contract or volunteer."_s);
    }
    QString state;
    if (single(u"state"_s, &state)) {
        const std::optional<QString> code = australia::normalizeState(state);
        if (code)
            board.filter.state = *code;
        else
            board.errors.append(quotedValue(state) +
                                u" is not an Australian state or territory."_s);
    }
    QString page;
    if (single(u"page"_s, &page)) {
        bool ok = false;
        board.page = page.toInt(&ok);
        if (!ok || board.page < 1 || board.page > maxPageNumber) {
            board.errors.append(u"Page %1 does not exist; pages are numbered from 1 to %2."_s.arg(
                quotedValue(page), QString::number(maxPageNumber)));
            board.page = 1;
        }
    }
    board.filter.limit = pageSize;
    board.filter.offset = (board.page - 1) * pageSize;
    return board;
}

QString PublicSite::boardPath(const BoardFilter &filter, const QList<Category> &categories,
                              int page) const
{
    QUrlQuery query;
    if (filter.categoryId) {
        if (const auto category = findCategoryById(categories, *filter.categoryId))
            query.addQueryItem(u"category"_s, categorySlug(category->name));
    }
    if (filter.workType)
        query.addQueryItem(u"workType"_s, workTypeSlug(*filter.workType));
    if (!filter.state.isEmpty())
        query.addQueryItem(u"state"_s, filter.state.toLower());
    if (page > 1)
        query.addQueryItem(u"page"_s, QString::number(page));
    const QString text = query.toString(QUrl::FullyEncoded);
    return text.isEmpty() ? u"/jobs"_s : u"/jobs?"_s + text;
}

HttpResponse PublicSite::board(const Request &request)
{
    const QList<Category> categories = m_catalog.categories();
    BoardRequest board = parseBoardRequest(request, categories);

    if (!board.errors.isEmpty()) {
        // The form keeps the valid filters, so the candidate fixes only what was wrong.
        const BoardPage page = m_board.page(board.filter);
        QString notice = u"<div class=\"notice notice-error\" role=\"alert\"><p><strong>Some "
                         u"filters could not be used.</strong></p><ul>"_s;
        for (const QString &error : std::as_const(board.errors))
            notice += u"<li>"_s + error.toHtmlEscaped() + u"</li>"_s;
        notice += u"</ul></div>"_s;
        BoardPage empty;
        empty.categoryChoices = page.categoryChoices;
        empty.workTypeChoices = page.workTypeChoices;
        empty.stateChoices = page.stateChoices;
        PageMeta meta{u"Invalid job filters | hopstep"_s,
                      u"Aged care and disability support jobs across Australia."_s,
                      false,
                      {},
                      {},
                      u"page-board"_s};
        return finishPage(request,
                          HttpResponse::html(
                              400, renderPage(meta, renderBoard(board, empty, categories, notice))),
                          pageMaxAge);
    }

    const BoardPage page = m_board.page(board.filter);
    if (!page.ok) {
        return finishPage(request,
                          messagePage(503, u"Jobs are unavailable right now"_s,
                                      u"<p>hopstep could not read its job list. Try again in a "
                                      u"minute.</p>"_s,
                                      u"/jobs"_s, u"Try again"_s),
                          0);
    }

    const int pages = std::max(1, (page.total + pageSize - 1) / pageSize);
    if (board.page > pages) {
        const QString firstPage = boardPath(board.filter, categories, 1);
        const QString notice =
            u"<div class=\"notice\" role=\"status\"><p>Page %1 is past the last page of these "
            u"jobs. <a href=\"%2\">Go to the first page</a>.</p></div>"_s.arg(
                QString::number(board.page), firstPage.toHtmlEscaped());
        BoardPage empty;
        empty.categoryChoices = page.categoryChoices;
        empty.workTypeChoices = page.workTypeChoices;
        empty.stateChoices = page.stateChoices;
        PageMeta meta{u"Page not found | hopstep"_s,
                      u"Aged care and disability support jobs across Australia."_s,
                      false,
                      {},
                      {},
                      u"page-board"_s};
        return finishPage(request,
                          HttpResponse::html(
                              404, renderPage(meta, renderBoard(board, empty, categories, notice))),
                          pageMaxAge);
    }

    QString notice;
    if (page.total == 0) {
        notice =
            u"<div class=\"notice\" role=\"status\"><p>No open jobs match these filters "
            u"right now. Try fewer filters, or <a href=\"/jobs\">see all jobs</a>.</p></div>"_s;
    }
    PageMeta meta;
    meta.title = boardHeading(board);
    if (board.page > 1)
        meta.title += u" \u2013 page "_s + QString::number(board.page);
    meta.title += u" | hopstep"_s;
    meta.description = u"%1 open aged care, disability and community care jobs on hopstep. Filter "
                       u"by category, work type and state, and apply on the employer\u2019s own "
                       u"form."_s.arg(page.total);
    // Empty results make thin pages, so only lists with jobs are offered to search engines.
    meta.indexable = page.total > 0;
    meta.canonicalUrl =
        request.baseUrl.toString() + boardPath(board.filter, categories, board.page);
    meta.bodyClass = u"page-board"_s;
    const QString content = renderBoard(board, page, categories, notice);
    return finishPage(request, HttpResponse::html(200, renderPage(meta, content)), pageMaxAge);
}

HttpResponse PublicSite::jobPage(const Request &request, const QString &segment, QString *jobId)
{
    const QString id = canonicalUuid(segment);
    *jobId = id.isEmpty() ? segment.left(64) : id;
    if (id.isEmpty())
        return finishPage(request, jobNotFound(segment), pageMaxAge);
    if (id != segment) {
        HttpResponse redirect = HttpResponse::html(
            301, u"<!DOCTYPE html><title>Moved</title><p><a href=\"/jobs/%1\">Continue to the "
                 u"job</a></p>"_s.arg(id));
        redirect.withHeader("Location", "/jobs/" + id.toLatin1());
        return finishPage(request, std::move(redirect), pageMaxAge);
    }

    const std::optional<Job> job = m_jobs.find(id);
    if (!job)
        return finishPage(request, jobNotFound(segment), pageMaxAge);
    // A deleted job never comes back, so its response may be cached for a day.
    if (job->isDeleted())
        return finishPage(request, jobGone(), 86'400);
    // Every job that is neither published nor closed with a page is not found.
    if (!hasPublicPage(*job))
        return finishPage(request, jobNotFound(segment), pageMaxAge);
    const bool open = publicationOf(*job).state == PublicationState::Published;

    const QList<Job> related =
        m_board.related(job->content.categoryId, job->content.location.state, job->id, 3);
    const QString pageUrl = request.baseUrl.toString() + u"/jobs/"_s + job->id;
    PageMeta meta;
    const JobContent &content = job->content;
    meta.title = content.title + u" \u2013 "_s + job->providerName + u" \u2013 "_s +
                 content.location.suburb + u' ' + content.location.state + u" | hopstep"_s;
    meta.description = QString(JobPageRenderer::formatPay(content.salary) + u" \u00b7 "_s +
                               JobPageRenderer::formatWorkTypes(content.workTypes) + u" \u00b7 "_s +
                               JobPageRenderer::formatLocation(content.location) + u". "_s +
                               content.descriptionText.simplified())
                           .left(160);
    meta.canonicalUrl = pageUrl;
    // Search engines drop closed jobs: no structured data, and noindex.
    meta.indexable = open;
    if (open) {
        meta.structuredData =
            jsonForScriptElement(jobPostingJsonLd(*job, QUrl(pageUrl, QUrl::StrictMode)));
    }
    meta.bodyClass = open ? u"page-job-open"_s : u"page-job-closed"_s;
    HttpResponse response = HttpResponse::html(
        200, renderPage(meta, renderJobPage(*job, open, related, m_catalog.categories())));
    if (!open)
        response.withHeader("X-Robots-Tag", "noindex");
    return finishPage(request, std::move(response), pageMaxAge);
}

HttpResponse PublicSite::apply(const Request &request, const QString &segment, QString *jobId)
{
    const QString id = canonicalUuid(segment);
    *jobId = id.isEmpty() ? segment.left(64) : id;
    const auto reject = [&](HttpResponse response) {
        response.withHeader("X-Robots-Tag", "noindex, nofollow");
        return finishPage(request, std::move(response), 0);
    };
    if (id.isEmpty())
        return reject(jobNotFound(segment));
    const std::optional<Job> job = m_jobs.find(id);
    if (!job)
        return reject(jobNotFound(segment));
    if (job->isDeleted())
        return reject(jobGone());
    const JobStatus status = job->content.status;
    if (status == JobStatus::Expired || status == JobStatus::Closed) {
        return reject(messagePage(
            410, u"Applications for this job have closed"_s,
            u"<p>%1 is no longer taking applications for <strong>%2</strong>, so hopstep did not "
            u"send you to the application form.</p>"_s.arg(job->providerName.toHtmlEscaped(),
                                                           job->content.title.toHtmlEscaped()),
            u"/jobs/"_s + job->id, u"Back to the job"_s));
    }
    if (publicationOf(*job).state != PublicationState::Published)
        return reject(jobNotFound(segment));

    // The stored URL was validated on ingest; checking it again keeps the redirect to URLs that
    // today's rules accept.
    const ApplyUrlResult checked = checkApplyUrl(job->content.applyUrl);
    const QUrl target(checked.url, QUrl::StrictMode);
    if (checked.url.isEmpty() || !target.isValid()) {
        qCWarning(lcPages).noquote() << "Apply redirect refused for job" << job->id
                                     << "because its applyUrl fails validation:" << checked.error;
        return reject(messagePage(
            409, u"This job's application link is not working"_s,
            u"<p>The application link that %1 gave hopstep failed hopstep's checks, so hopstep did "
            u"not send you there. Try again later.</p>"_s.arg(job->providerName.toHtmlEscaped()),
            u"/jobs/"_s + job->id, u"Back to the job"_s));
    }

    if (isAutomatedClient(request.http.value("User-Agent"))) {
        qCDebug(lcPages).noquote()
            << "Apply redirect for job" << job->id << "not counted: automated client";
    } else {
        QString error;
        if (!m_clicks.record(job->id, QDateTime::currentDateTimeUtc(), &error)) {
            // The candidate still gets to the form; only the count is lost.
            qCWarning(lcPages).noquote()
                << "Counting the apply click for job" << job->id << "failed:" << error;
        }
    }

    const QByteArray location = target.toEncoded();
    HttpResponse response = HttpResponse::html(
        303, u"<!DOCTYPE html><title>Continue to the application form</title><p><a href=\"%1\">"
             u"Continue to the application form</a></p>"_s.arg(
                 QString::fromLatin1(location).toHtmlEscaped()));
    response.withHeader("Location", location);
    response.withHeader("X-Robots-Tag", "noindex, nofollow");
    return finishPage(request, std::move(response), 0);
}

HttpResponse PublicSite::asset(const Request &request, const QString &name)
{
    HttpResponse response;
    if (name == u"site.css"_s) {
        response.contentType = "text/css; charset=utf-8";
        response.body = m_styleSheet;
    } else if (name == u"favicon.svg"_s) {
        response.contentType = "image/svg+xml";
        response.body = m_icon;
    } else {
        HttpResponse missing = HttpResponse::html(404, u"Not found"_s);
        missing.contentType = "text/plain; charset=utf-8";
        return finishPage(request, std::move(missing), pageMaxAge);
    }
    response.status = 200;
    // The pages link the assets with ?v= and their hash, so a versioned URL never changes.
    const bool versioned = QUrlQuery(request.http.url()).queryItemValue(u"v"_s) == m_assetVersion;
    HttpResponse finished =
        finishPage(request, std::move(response), versioned ? 31'536'000 : 3'600);
    if (versioned) {
        for (auto &[header, value] : finished.headers) {
            if (header == "Cache-Control")
                value += ", immutable";
        }
    }
    return finished;
}

HttpResponse PublicSite::robots(const Request &request)
{
    const QString text = u"User-agent: *\n"
                         u"Disallow: /jobs/*/apply\n"
                         u"Disallow: /api/\n"
                         u"Disallow: /admin/\n"
                         u"Allow: /jobs\n"
                         u"\n"
                         u"Sitemap: "_s +
                         request.baseUrl.toString() + u"/sitemap.xml\n"_s;
    HttpResponse response = HttpResponse::html(200, text);
    response.contentType = "text/plain; charset=utf-8";
    return finishPage(request, std::move(response), 3'600);
}

HttpResponse PublicSite::sitemap(const Request &request)
{
    const QList<BoardEntry> entries = m_board.entries(maxSitemapEntries - 1);
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartDocument();
    writer.writeStartElement(u"urlset"_s);
    writer.writeDefaultNamespace(u"http://www.sitemaps.org/schemas/sitemap/0.9"_s);
    const QString base = request.baseUrl.toString();
    writer.writeStartElement(u"url"_s);
    writer.writeTextElement(u"loc"_s, base + u"/jobs"_s);
    writer.writeEndElement();
    for (const BoardEntry &entry : entries) {
        writer.writeStartElement(u"url"_s);
        writer.writeTextElement(u"loc"_s, base + u"/jobs/"_s + entry.id);
        if (entry.updatedAt.isValid())
            writer.writeTextElement(u"lastmod"_s, entry.updatedAt.toUTC().toString(Qt::ISODate));
        writer.writeEndElement();
    }
    writer.writeEndElement();
    writer.writeEndDocument();
    // NOTE: past 50,000 open jobs the newest are listed; a sitemap index would list them all.
    HttpResponse response;
    response.status = 200;
    response.contentType = "application/xml; charset=utf-8";
    response.body = xml;
    return finishPage(request, std::move(response), 300);
}

HttpResponse PublicSite::jobNotFound(const QString &segment) const
{
    Q_UNUSED(segment);
    return messagePage(404, u"We couldn\u2019t find that job"_s,
                       u"<p>The link may be mistyped, or the job may not be published yet. Open "
                       u"jobs are listed on the board.</p>"_s,
                       u"/jobs"_s, u"Browse open jobs"_s);
}

HttpResponse PublicSite::jobGone() const
{
    return messagePage(410, u"This job has been removed"_s,
                       u"<p>The employer removed this job from hopstep, so it is no longer "
                       u"available. Other open jobs are on the board.</p>"_s,
                       u"/jobs"_s, u"Browse open jobs"_s);
}

} // namespace hopstep
