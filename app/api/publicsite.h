#pragma once

#include "applyclickstore.h"
#include "boardstore.h"
#include "catalogstore.h"
#include "database.h"
#include "httpresponse.h"
#include "jobstore.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

class QHttpServerRequest;

namespace hopstep {

// The pages candidates see: the board at /jobs, each job's page at /jobs/{id}, the Apply
// redirect at /jobs/{id}/apply, their style sheet and icon under /assets, /robots.txt and
// /sitemap.xml. Pages are server-rendered HTML that needs no JavaScript, sent with a
// Content-Security-Policy that forbids scripts. docs/public-pages.md lists the status codes,
// caching and the JSON-LD mapping.
class PublicSite
{
public:
    explicit PublicSite(Database &database);

    // The address candidates reach the service at, such as https://www.hopstep.com.au, for
    // canonical links, the sitemap and the JSON-LD url. Without one, the request's Host header
    // is used.
    void setPublicBaseUrl(const QUrl &url);

    // Returns whether the path, split into segments, belongs to the public site.
    static bool handles(const QStringList &segments);

    // Handles a request for the public site and returns the response. jobId is set to the job
    // the request addressed, for the log line.
    HttpResponse handle(const QHttpServerRequest &http, const QString &method,
                        const QStringList &segments, QString *jobId);

    // Pages live no longer than this in browser and proxy caches, in seconds, so a job that
    // closes drops off cached copies of the board within a minute.
    static constexpr int pageMaxAge = 60;
    static constexpr int pageSize = 20;
    // Page numbers above this are rejected as invalid rather than looked up.
    static constexpr int maxPageNumber = 10'000;
    // The sitemap protocol allows 50,000 URLs in one file.
    static constexpr int maxSitemapEntries = 50'000;

private:
    struct Request
    {
        const QHttpServerRequest &http;
        QString method;
        QUrl baseUrl; // scheme and host for absolute links, without a trailing slash
    };

    // Everything about a page besides its main content.
    struct PageMeta
    {
        QString title;
        QString description;
        bool indexable = false;
        QString canonicalUrl; // absolute; empty leaves the canonical link out
        QString structuredData;
        QString bodyClass;
    };

    struct BoardRequest
    {
        BoardFilter filter;
        int page = 1;
        std::optional<Category> category;
        QStringList errors; // one sentence per invalid parameter
    };

    HttpResponse board(const Request &request);
    HttpResponse jobPage(const Request &request, const QString &segment, QString *jobId);
    HttpResponse apply(const Request &request, const QString &segment, QString *jobId);
    HttpResponse asset(const Request &request, const QString &name);
    HttpResponse robots(const Request &request);
    HttpResponse sitemap(const Request &request);

    BoardRequest parseBoardRequest(const Request &request, const QList<Category> &categories);
    QString boardPath(const BoardFilter &filter, const QList<Category> &categories, int page) const;
    // "Casual Registered Nurse jobs in Victoria", "Care jobs across Australia".
    QString boardHeading(const BoardRequest &board) const;

    // Rendering, in publicpages.cpp.
    QString renderPage(const PageMeta &meta, const QString &content) const;
    QString renderBoard(const BoardRequest &board, const BoardPage &page,
                        const QList<Category> &categories, const QString &notice) const;
    QString renderBoardSections(const BoardRequest &board, const BoardPage &page,
                                const QList<Category> &categories) const;
    QString renderPagination(const BoardRequest &board, const BoardPage &page,
                             const QList<Category> &categories) const;
    QString renderJobSummary(const Job &job) const;
    QString renderJobPage(const Job &job, bool open, const QList<Job> &related,
                          const QList<Category> &categories) const;
    HttpResponse messagePage(int status, const QString &heading, const QString &bodyHtml,
                             const QString &actionHref, const QString &actionText) const;
    HttpResponse jobNotFound(const QString &segment) const;
    HttpResponse jobGone() const;

    // Adds the caching, ETag and security headers, and returns 304 when If-None-Match matches.
    HttpResponse finishPage(const Request &request, HttpResponse response, int maxAge) const;

    Database &m_database;
    JobStore m_jobs;
    CatalogStore m_catalog;
    BoardStore m_board;
    ApplyClickStore m_clicks;
    QUrl m_publicBaseUrl;
    QByteArray m_styleSheet;
    QByteArray m_icon;
    QString m_assetVersion; // part of the style sheet's hash, so its URL changes with it
};

// Returns the slug of a category name: "Kitchen / Catering" gives "kitchen-catering".
QString categorySlug(const QString &name);
// Returns the slug of a work type: "full-time".
QString workTypeSlug(WorkType type);
// Adds the headers every public response carries: the Content-Security-Policy that forbids
// scripts, frame and referrer rules.
void addPublicSecurityHeaders(HttpResponse &response);

} // namespace hopstep
