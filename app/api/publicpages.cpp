// The HTML of the public pages, filled from the templates in resources/templates.

#include "publicsite.h"

#include "australia.h"
#include "jobpagerenderer.h"

#include <QLocale>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString fill(const QString &templateName, const QHash<QString, QString> &values)
{
    return JobPageRenderer::fillTemplate(JobPageRenderer::loadTemplate(templateName), values);
}

QString stateName(const QString &code)
{
    static const QHash<QString, QString> names = {
        {u"ACT"_s, u"Australian Capital Territory"_s},
        {u"NSW"_s, u"New South Wales"_s},
        {u"NT"_s, u"Northern Territory"_s},
        {u"QLD"_s, u"Queensland"_s},
        {u"SA"_s, u"South Australia"_s},
        {u"TAS"_s, u"Tasmania"_s},
        {u"VIC"_s, u"Victoria"_s},
        {u"WA"_s, u"Western Australia"_s},
    };
    return names.value(code, code);
}

// Dates are shown in the time zone of the job's state, as a candidate there reads them.
QDate localDate(const QDateTime &time, const QString &state)
{
    static const QHash<QString, QByteArray> zones = {
        {u"ACT"_s, "Australia/Sydney"},    {u"NSW"_s, "Australia/Sydney"},
        {u"NT"_s, "Australia/Darwin"},     {u"QLD"_s, "Australia/Brisbane"},
        {u"SA"_s, "Australia/Adelaide"},   {u"TAS"_s, "Australia/Hobart"},
        {u"VIC"_s, "Australia/Melbourne"}, {u"WA"_s, "Australia/Perth"},
    };
    const QTimeZone zone(zones.value(state, "Australia/Sydney"));
    return zone.isValid() ? time.toTimeZone(zone).date() : time.toUTC().date();
}

QString displayDate(const QDateTime &time, const QString &state)
{
    return QLocale(QLocale::English, QLocale::Australia)
        .toString(localDate(time, state), u"d MMMM yyyy"_s);
}

QString countOf(int count, const QString &singular, const QString &plural)
{
    const QLocale australia(QLocale::English, QLocale::Australia);
    return australia.toString(count) + u' ' + (count == 1 ? singular : plural);
}

// The first sentences of the description, cut at a word and at most about maxLength long.
QString snippet(const QString &text, qsizetype maxLength)
{
    const QString simple = text.simplified();
    if (simple.size() <= maxLength)
        return simple;
    qsizetype cut = simple.lastIndexOf(u' ', maxLength);
    if (cut < maxLength / 2)
        cut = maxLength;
    QString result = simple.left(cut);
    while (!result.isEmpty() && (result.back().isPunct() || result.back().isSpace()))
        result.chop(1);
    return result + u'\u2026';
}

QString option(const QString &value, const QString &label, int count, bool selected)
{
    QString text = label;
    if (count >= 0)
        text += u" ("_s + QString::number(count) + u')';
    return u"<option value=\""_s + value.toHtmlEscaped() + u'"' +
           (selected ? u" selected"_s : QString()) + u'>' + text.toHtmlEscaped() + u"</option>"_s;
}

QString statusReason(int status)
{
    switch (status) {
    case 400:
        return u"Invalid request"_s;
    case 404:
        return u"Not found"_s;
    case 405:
        return u"Method not allowed"_s;
    case 409:
        return u"Link unavailable"_s;
    case 410:
        return u"Gone"_s;
    case 503:
        return u"Unavailable"_s;
    default:
        return {};
    }
}

} // namespace

QString PublicSite::boardHeading(const BoardRequest &board) const
{
    QString heading;
    if (board.filter.workType)
        heading = workTypeLabel(*board.filter.workType) + u' ';
    if (board.category) {
        heading += board.category->name + u" jobs"_s;
    } else {
        heading += heading.isEmpty() ? u"Care jobs"_s : u"care jobs"_s;
    }
    if (!board.filter.state.isEmpty())
        heading += u" in "_s + stateName(board.filter.state);
    else
        heading += u" across Australia"_s;
    // "Full time care jobs": only the first letter of the whole heading is a capital.
    if (board.filter.workType && heading.size() > 1)
        heading = heading.left(1).toUpper() + heading.mid(1);
    return heading;
}

QString PublicSite::renderPage(const PageMeta &meta, const QString &content) const
{
    QString canonical;
    QString socialUrl;
    if (!meta.canonicalUrl.isEmpty()) {
        canonical =
            u"<link rel=\"canonical\" href=\""_s + meta.canonicalUrl.toHtmlEscaped() + u"\">"_s;
        socialUrl = u"<meta property=\"og:url\" content=\""_s + meta.canonicalUrl.toHtmlEscaped() +
                    u"\">"_s;
    }
    QString structuredData;
    if (!meta.structuredData.isEmpty()) {
        // jsonForScriptElement escaped every '<', so the data cannot end this element.
        structuredData =
            u"<script type=\"application/ld+json\">"_s + meta.structuredData + u"</script>"_s;
    }
    QString socialTitle = meta.title;
    if (socialTitle.endsWith(u" | hopstep"_s))
        socialTitle.chop(10);
    return fill(u"site-page.html"_s,
                {{u"pageTitle"_s, meta.title},
                 {u"metaDescription"_s, meta.description},
                 {u"robots"_s, meta.indexable ? u"index, follow"_s : u"noindex, follow"_s},
                 {u"canonicalLink"_s, canonical},
                 {u"socialTitle"_s, socialTitle},
                 {u"socialUrl"_s, socialUrl},
                 {u"styleHref"_s, u"/assets/site.css?v="_s + m_assetVersion},
                 {u"iconHref"_s, u"/assets/favicon.svg?v="_s + m_assetVersion},
                 {u"structuredData"_s, structuredData},
                 {u"bodyClass"_s, meta.bodyClass},
                 {u"content"_s, content}});
}

QString PublicSite::renderBoard(const BoardRequest &board, const BoardPage &page,
                                const QList<Category> &categories, const QString &notice) const
{
    const BoardFilter &filter = board.filter;

    QString categoryOptions = option(QString(), u"All categories"_s, -1, !filter.categoryId);
    for (const Category &category : categories) {
        // A retired category stays a choice while jobs posted before its retirement remain.
        if (category.isRetired() && page.categoryChoices.value(category.id) == 0 &&
            filter.categoryId != category.id) {
            continue;
        }
        categoryOptions +=
            option(categorySlug(category.name), category.name,
                   page.categoryChoices.value(category.id), filter.categoryId == category.id);
    }
    QString workTypeOptions = option(QString(), u"Any work type"_s, -1, !filter.workType);
    for (qsizetype i = 0; i < workTypeNames().size(); ++i) {
        const auto type = WorkType(i);
        workTypeOptions += option(workTypeSlug(type), workTypeLabel(type),
                                  page.workTypeChoices.value(int(i)), filter.workType == type);
    }
    QString stateOptions = option(QString(), u"All of Australia"_s, -1, filter.state.isEmpty());
    for (const QString &code : australia::stateCodes()) {
        stateOptions += option(code.toLower(), stateName(code), page.stateChoices.value(code),
                               filter.state == code);
    }

    QString countText;
    if (!board.errors.isEmpty()) {
        countText = u"Change the filters below to see jobs."_s;
    } else if (page.total == 0) {
        countText = u"No open jobs"_s;
    } else if (page.total > pageSize) {
        const int first = filter.offset + 1;
        const int last = std::min(page.total, filter.offset + int(page.jobs.size()));
        countText = u"Showing %1\u2013%2 of %3"_s.arg(first).arg(last).arg(
            countOf(page.total, u"open job"_s, u"open jobs"_s));
    } else {
        countText = countOf(page.total, u"open job"_s, u"open jobs"_s);
    }

    const bool filtered = filter.categoryId || filter.workType || !filter.state.isEmpty();
    return fill(u"board.html"_s,
                {{u"heading"_s, boardHeading(board)},
                 {u"countText"_s, countText},
                 {u"categoryOptions"_s, categoryOptions},
                 {u"workTypeOptions"_s, workTypeOptions},
                 {u"stateOptions"_s, stateOptions},
                 {u"clearLink"_s, filtered ? u"<a href=\"/jobs\">Clear filters</a>"_s : QString()},
                 {u"notice"_s, notice},
                 {u"sections"_s, renderBoardSections(board, page, categories)},
                 {u"pagination"_s, renderPagination(board, page, categories)}});
}

QString PublicSite::renderBoardSections(const BoardRequest &board, const BoardPage &page,
                                        const QList<Category> &categories) const
{
    QString sections;
    qsizetype index = 0;
    while (index < page.jobs.size()) {
        const int categoryId = page.jobs.at(index).content.categoryId;
        QString items;
        qsizetype end = index;
        while (end < page.jobs.size() && page.jobs.at(end).content.categoryId == categoryId)
            items += renderJobSummary(page.jobs.at(end++));

        // A section continues from the previous page when earlier categories hold fewer jobs
        // than the pages before this one.
        int before = 0;
        QString name = page.jobs.at(index).content.categoryName;
        for (const Category &category : categories) {
            if (category.id == categoryId) {
                name = category.name;
                break;
            }
            before += page.categoryTotals.value(category.id);
        }
        QString count = countOf(page.categoryTotals.value(categoryId), u"job"_s, u"jobs"_s);
        if (board.filter.offset > before)
            count += u" \u00b7 continued"_s;
        sections += fill(u"board-section.html"_s, {{u"categoryId"_s, QString::number(categoryId)},
                                                   {u"categoryName"_s, name},
                                                   {u"sectionCount"_s, count},
                                                   {u"items"_s, items}});
        index = end;
    }
    return sections;
}

QString PublicSite::renderPagination(const BoardRequest &board, const BoardPage &page,
                                     const QList<Category> &categories) const
{
    const int pages = (page.total + pageSize - 1) / pageSize;
    if (pages <= 1 || page.jobs.isEmpty())
        return {};
    const int current = board.page;
    const auto link = [&](int number, const QString &text, const QString &rel) -> QString {
        return u"<a href=\""_s + boardPath(board.filter, categories, number).toHtmlEscaped() +
               u'"' + (rel.isEmpty() ? QString() : u" rel=\""_s + rel + u'"') + u'>' + text +
               u"</a>"_s;
    };

    QString html = u"<nav class=\"pagination\" aria-label=\"Pages\"><ul>"_s;
    if (current > 1)
        html += u"<li>"_s + link(current - 1, u"\u2039 Previous"_s, u"prev"_s) + u"</li>"_s;
    int previous = 0;
    for (int number = 1; number <= pages; ++number) {
        const bool shownNumber =
            number == 1 || number == pages || (number >= current - 2 && number <= current + 2);
        if (!shownNumber)
            continue;
        if (number > previous + 1)
            html += u"<li aria-hidden=\"true\">\u2026</li>"_s;
        if (number == current) {
            html += u"<li><span aria-current=\"page\">"_s + QString::number(number) +
                    u"<span class=\"visually-hidden\">, current page</span></span></li>"_s;
        } else {
            html +=
                u"<li>"_s +
                link(number,
                     u"<span class=\"visually-hidden\">Page </span>"_s + QString::number(number),
                     QString()) +
                u"</li>"_s;
        }
        previous = number;
    }
    if (current < pages)
        html += u"<li>"_s + link(current + 1, u"Next \u203a"_s, u"next"_s) + u"</li>"_s;
    return html + u"</ul></nav>"_s;
}

QString PublicSite::renderJobSummary(const Job &job) const
{
    const JobContent &content = job.content;
    return fill(u"board-job.html"_s,
                {{u"id"_s, job.id},
                 {u"title"_s, content.title},
                 {u"providerName"_s, job.providerName},
                 {u"facilityName"_s, job.facilityName},
                 {u"location"_s, JobPageRenderer::formatLocation(content.location)},
                 {u"pay"_s, JobPageRenderer::formatPay(content.salary)},
                 {u"workTypes"_s, JobPageRenderer::formatWorkTypes(content.workTypes)},
                 {u"snippet"_s, snippet(content.descriptionText, 180)},
                 {u"postedAt"_s, formatTimestamp(job.createdAt)},
                 {u"postedDate"_s, displayDate(job.createdAt, content.location.state)}});
}

QString PublicSite::renderJobPage(const Job &job, bool open, const QList<Job> &related,
                                  const QList<Category> &categories) const
{
    const JobContent &content = job.content;
    BoardFilter categoryFilter;
    categoryFilter.categoryId = content.categoryId;
    const QString categoryHref = boardPath(categoryFilter, categories, 1);
    const QHash<QString, QString> asideValues = {
        {u"id"_s, job.id},
        {u"applyHost"_s, QUrl(content.applyUrl, QUrl::StrictMode).host()},
        {u"providerName"_s, job.providerName},
        {u"category"_s, content.categoryName},
        {u"categoryHref"_s, categoryHref},
        {u"postedAt"_s, formatTimestamp(job.createdAt)},
        {u"postedDate"_s, displayDate(job.createdAt, content.location.state)},
    };
    const QString aside =
        fill(open ? u"job-aside-open.html"_s : u"job-aside-closed.html"_s, asideValues);

    QString relatedSection;
    if (!related.isEmpty()) {
        QString items;
        for (const Job &other : related)
            items += renderJobSummary(other);
        relatedSection =
            fill(u"job-related.html"_s,
                 {{u"heading"_s,
                   (open ? u"More %1 jobs"_s : u"Open %1 jobs"_s).arg(content.categoryName)},
                  {u"items"_s, items}});
    }

    return fill(
        u"job-page.html"_s,
        {{u"title"_s, content.title},
         {u"category"_s, content.categoryName},
         {u"categoryHref"_s, categoryHref},
         {u"card"_s, JobPageRenderer::renderJobCard(job, JobPageRenderer::ApplyLink::ThroughBoard)},
         {u"asideLabel"_s, open ? u"Apply for this job"_s : u"Application status"_s},
         {u"aside"_s, aside},
         {u"related"_s, relatedSection}});
}

HttpResponse PublicSite::messagePage(int status, const QString &heading, const QString &bodyHtml,
                                     const QString &actionHref, const QString &actionText) const
{
    PageMeta meta;
    meta.title = heading + u" | hopstep"_s;
    meta.description = heading;
    meta.indexable = false;
    meta.bodyClass = u"page-message"_s;
    const QString content =
        fill(u"message-page.html"_s,
             {{u"statusLine"_s, QString::number(status) + u" \u00b7 "_s + statusReason(status)},
              {u"heading"_s, heading},
              {u"body"_s, bodyHtml},
              {u"actionHref"_s, actionHref},
              {u"actionText"_s, actionText}});
    return HttpResponse::html(status, renderPage(meta, content));
}

} // namespace hopstep
