// The public pages candidates see, over real HTTP against a real hopstep-api process: the
// board, job pages, the Apply redirect and its count, headers, caching and the JSON-LD.
//
// Redirects are never followed, so no request leaves loopback even though the jobs' Apply
// links name public hosts.

#include "database.h"
#include "jobpagerenderer.h"
#include "testservice.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using hopstep::test::HttpReply;
using hopstep::test::readTestData;
using hopstep::test::TestService;

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

const QString publicUrl = u"https://www.hopstep.com.au"_s;
const QString geelongFacility = u"5d0f6a7e-2c3b-4e1f-9a8d-7b6c5e4f3a21"_s;
const QString unknownJob = u"00000000-0000-4000-8000-000000000000"_s;

// One request with redirects left to the test.
HttpReply fetch(const QByteArray &method, const QUrl &url, const Headers &headers = {})
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(30'000);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    // A custom HEAD would wait for the body that Content-Length announces.
    QNetworkReply *reply =
        method == "HEAD" ? manager.head(request) : manager.sendCustomRequest(request, method);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.append({pair.first, pair.second});
    if (result.status == 0)
        result.networkError = reply->errorString();
    delete reply;
    return result;
}

QString text(const HttpReply &reply)
{
    return QString::fromUtf8(reply.body);
}

QStringList captures(const QString &html, const QString &pattern)
{
    QStringList values;
    QRegularExpressionMatchIterator matches =
        QRegularExpression(pattern, QRegularExpression::DotMatchesEverythingOption)
            .globalMatch(html);
    while (matches.hasNext())
        values.append(matches.next().captured(1));
    return values;
}

// Ids of the jobs a board page lists, in order.
QStringList listedIds(const QString &html)
{
    return captures(html, u"id=\"summary-([0-9a-f-]{36})\""_s);
}

QList<QJsonObject> structuredData(const QString &html)
{
    QList<QJsonObject> objects;
    const QStringList blocks =
        captures(html, u"<script type=\"application/ld\\+json\">(.*?)</script>"_s);
    for (const QString &block : blocks)
        objects.append(QJsonDocument::fromJson(block.toUtf8()).object());
    return objects;
}

// The inner HTML of the first element with this class.
QString classContent(const QString &html, const QString &className)
{
    return captures(html, u"class=\""_s + className + u"\"[^>]*>(.*?)</(?:td|span|h1|div)>"_s)
        .value(0)
        .trimmed();
}

} // namespace

class TestPublicPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void boardGroupsByCategoryInListOrder();
    void sectionNewestFirst();
    void unpublishedJobsNeverListed_data();
    void unpublishedJobsNeverListed();
    void jobPageStatus_data();
    void jobPageStatus();
    void openJobPageShowsFields();
    void closedJobPageOffersNoApply();
    void unpublishedOwnerHidesJob_data();
    void unpublishedOwnerHidesJob();
    void filters_data();
    void filters();
    void filtersWorkWithoutJavaScript();
    void invalidFiltersExplained_data();
    void invalidFiltersExplained();
    void trackingParametersIgnored();
    void pagingWithinCategory();
    void pagingAcrossSections();
    void applyRedirectsAndCounts();
    void applyCountSurvivesRestart();
    void applyNotCountedForCrawlers();
    void applyRefused_data();
    void applyRefused();
    void applyAcceptsGetOnly_data();
    void applyAcceptsGetOnly();
    void securityHeaders_data();
    void securityHeaders();
    void cachingOfPages_data();
    void cachingOfPages();
    void apiKeepsJsonAndNoStore();
    void conditionalAndHeadRequests();
    void versionedAssetsCachedLong();
    void jsonLdContent();
    void jsonLdEmploymentTypes();
    void hostileTitleAndDescriptionEscaped();
    void previewShowsSameFields();
    void robotsAndSitemap();
    void oddRequestsAnswered_data();
    void oddRequestsAnswered();
    void hostHeaderWithoutPublicUrl();

private:
    QString createJob(const QJsonObject &changes, const QString &key = QString());
    void setStatus(const QString &id, const QString &status);
    QJsonObject adminJob(const QString &id);
    qint64 applyClicks(const QString &id);
    HttpReply get(const QString &path, const Headers &headers = {});

    TestService m_service;
    QString m_openJob; // Aged Care Assistant in Richmond, created by the test
    QString m_closedJob;
    QString m_expiredJob;
    QString m_pendingJob;
    QString m_deletedJob;
};

void TestPublicPages::initTestCase()
{
    m_service.setServeArguments({u"--rate-limit"_s, u"0"_s, u"--public-url"_s, publicUrl});
    QString error;
    QVERIFY2(m_service.start(&error), qPrintable(error));

    m_openJob = createJob({{u"title"_s, u"Aged Care Assistant – Days"_s}});
    m_closedJob = createJob({{u"title"_s, u"Closed Care Role"_s}});
    setStatus(m_closedJob, u"CLOSED"_s);
    m_expiredJob = createJob({{u"title"_s, u"Expired Care Role"_s}});
    setStatus(m_expiredJob, u"EXPIRED"_s);
    m_pendingJob = createJob({{u"title"_s, u"Pending Care Role"_s}, {u"status"_s, u"PENDING"_s}});
    m_deletedJob = createJob({{u"title"_s, u"Deleted Care Role"_s}});
    QCOMPARE(m_service.ats("DELETE", u"/api/jobs/"_s + m_deletedJob).status, 204);
    for (const QString &id : {m_openJob, m_closedJob, m_expiredJob, m_pendingJob, m_deletedJob})
        QVERIFY(!id.isEmpty());
}

void TestPublicPages::cleanupTestCase()
{
    m_service.stop();
}

QString TestPublicPages::createJob(const QJsonObject &changes, const QString &key)
{
    QJsonObject body = QJsonDocument::fromJson(readTestData(u"seed-create.json"_s)).object();
    for (auto it = changes.begin(); it != changes.end(); ++it)
        body.insert(it.key(), it.value());
    const HttpReply reply = m_service.ats("POST", u"/api/jobs"_s,
                                          QJsonDocument(body).toJson(QJsonDocument::Compact), key);
    if (reply.status != 201)
        qWarning("Creating a job failed: %d %s", reply.status, reply.body.constData());
    return reply.json().value(u"id"_s).toString();
}

void TestPublicPages::setStatus(const QString &id, const QString &status)
{
    const HttpReply reply = m_service.ats(
        "PUT", u"/api/jobs/"_s + id, QJsonDocument(QJsonObject{{u"status"_s, status}}).toJson());
    QVERIFY2(reply.status == 200, reply.body.constData());
}

QJsonObject TestPublicPages::adminJob(const QString &id)
{
    return m_service.admin("GET", u"/admin/jobs/"_s + id).json();
}

qint64 TestPublicPages::applyClicks(const QString &id)
{
    const QJsonValue value = adminJob(id).value(u"applyClicks"_s);
    return value.isDouble() ? value.toInteger() : -1;
}

HttpReply TestPublicPages::get(const QString &path, const Headers &headers)
{
    return fetch("GET", m_service.url(path), headers);
}

void TestPublicPages::boardGroupsByCategoryInListOrder()
{
    const HttpReply reply = get(u"/jobs"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    const QString html = text(reply);

    // Section ids are category ids; the demo list has id equal to position.
    const QStringList sections = captures(html, u"<section class=\"board-section\" "
                                                u"aria-labelledby=\"section-([0-9]+)\""_s);
    QVERIFY2(sections.size() >= 4, qPrintable(sections.join(u',')));
    QList<int> order;
    for (const QString &section : sections)
        order.append(section.toInt());
    QList<int> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(order, sorted);
    QCOMPARE(QSet<int>(order.begin(), order.end()).size(), order.size());

    const QStringList names = captures(html, u"<span class=\"section-name\">([^<]+)</span>"_s);
    QVERIFY(names.contains(u"Registered Nurse"_s));
    QVERIFY(names.contains(u"Aged Care Assistant"_s));
    QVERIFY(names.indexOf(u"Registered Nurse"_s) < names.indexOf(u"Aged Care Assistant"_s));
    QVERIFY(html.contains(u"Registered Nurse – Night Shift"_s));
    QVERIFY(html.contains(u"<h1 class=\"board-heading\">Care jobs across Australia</h1>"_s));
    QVERIFY(html.contains(u"<main id=\"main\""_s));
    QVERIFY(html.contains(u"href=\"#main\""_s));

    // Every job listed under a section belongs to that section's category.
    const QStringList blocks = captures(html, u"(<section class=\"board-section\".*?</section>)"_s);
    for (const QString &block : blocks) {
        const QString name = captures(block, u"<span class=\"section-name\">([^<]+)</span>"_s)
                                 .value(0)
                                 .replace(u"&amp;"_s, u"&"_s);
        for (const QString &id : listedIds(block))
            QCOMPARE(adminJob(id).value(u"category"_s).toString(), name);
    }
}

void TestPublicPages::sectionNewestFirst()
{
    QStringList created;
    for (const QString &title : {u"Cleaner Morning"_s, u"Cleaner Midday"_s, u"Cleaner Evening"_s}) {
        created.prepend(createJob({{u"title"_s, title}, {u"category"_s, u"Cleaner"_s}}));
        QTest::qWait(5); // distinct creation times
    }
    const QString html = text(get(u"/jobs?category=cleaner"_s));
    QCOMPARE(listedIds(html), created);
}

void TestPublicPages::unpublishedJobsNeverListed_data()
{
    QTest::addColumn<QString>("title");

    QTest::newRow("closed") << u"Closed Care Role"_s;
    QTest::newRow("expired") << u"Expired Care Role"_s;
    QTest::newRow("pending") << u"Pending Care Role"_s;
    QTest::newRow("deleted") << u"Deleted Care Role"_s;
    QTest::newRow("demo job held as pending") << u"Cook"_s;
}

void TestPublicPages::unpublishedJobsNeverListed()
{
    QFETCH(QString, title);

    const QStringList paths = {u"/jobs"_s, u"/jobs?category=aged-care-assistant"_s,
                               u"/jobs?category=kitchen-catering"_s, u"/jobs?state=vic"_s,
                               u"/jobs?workType=full-time"_s};
    for (const QString &path : paths) {
        const QString html = text(get(path));
        QVERIFY2(!html.contains(u">"_s + title + u"</a>"_s), qPrintable(path));
    }
    const QString sitemap = text(get(u"/sitemap.xml"_s));
    for (const QString &id : {m_closedJob, m_expiredJob, m_pendingJob, m_deletedJob})
        QVERIFY(!sitemap.contains(id));
}

void TestPublicPages::jobPageStatus_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expectedText");

    QTest::newRow("open") << u"open"_s << 200 << u"Apply on clientats.com"_s;
    QTest::newRow("closed") << u"closed"_s << 200 << u"This job is no longer open."_s;
    QTest::newRow("expired") << u"expired"_s << 200 << u"The closing date has passed."_s;
    QTest::newRow("pending is not published")
        << u"pending"_s << 404 << u"We couldn\u2019t find that job"_s;
    QTest::newRow("deleted is gone") << u"deleted"_s << 410 << u"This job has been removed"_s;
    QTest::newRow("unknown id") << u"unknown"_s << 404 << u"find that job"_s;
    QTest::newRow("not a uuid") << u"not-a-uuid"_s << 404 << u"find that job"_s;
}

void TestPublicPages::jobPageStatus()
{
    QFETCH(QString, which);
    QFETCH(int, status);
    QFETCH(QString, expectedText);

    const QHash<QString, QString> ids = {{u"open"_s, m_openJob},       {u"closed"_s, m_closedJob},
                                         {u"expired"_s, m_expiredJob}, {u"pending"_s, m_pendingJob},
                                         {u"deleted"_s, m_deletedJob}, {u"unknown"_s, unknownJob},
                                         {u"not-a-uuid"_s, u"12345"_s}};
    const HttpReply reply = get(u"/jobs/"_s + ids.value(which));
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    const QString html = text(reply);
    QVERIFY2(html.contains(expectedText), qPrintable(html.left(3000)));
    if (status != 200 || which != u"open"_s) {
        QVERIFY(html.contains(u"<meta name=\"robots\" content=\"noindex, follow\">"_s));
        QVERIFY(structuredData(html).isEmpty());
    } else {
        QVERIFY(html.contains(u"<meta name=\"robots\" content=\"index, follow\">"_s));
        QCOMPARE(structuredData(html).size(), 1);
    }
}

void TestPublicPages::openJobPageShowsFields()
{
    const QString html = text(get(u"/jobs/"_s + m_openJob));
    QCOMPARE(classContent(html, u"job-title"_s), u"Aged Care Assistant – Days"_s);
    QCOMPARE(classContent(html, u"job-provider"_s), u"Evergreen Residential Care"_s);
    QCOMPARE(classContent(html, u"job-facility"_s), u"Evergreen Richmond"_s);
    QCOMPARE(classContent(html, u"job-category"_s), u"Aged Care Assistant"_s);
    QCOMPARE(classContent(html, u"job-pay"_s), u"$30 – $35 per hour"_s);
    QCOMPARE(classContent(html, u"job-work-types"_s), u"Full time"_s);
    QCOMPARE(classContent(html, u"job-location"_s), u"Richmond VIC 3121"_s);
    QVERIFY(classContent(html, u"job-description"_s).contains(u"compassionate care"_s));
    // Both Apply links go through the board, so the click is counted.
    const QString applyPath = u"/jobs/"_s + m_openJob + u"/apply"_s;
    QCOMPARE(html.count(u"href=\""_s + applyPath + u'"'), 2);
    QVERIFY(!html.contains(u"href=\"https://clientats.com"_s));
    QVERIFY(
        html.contains(u"<span class=\"apply-url\">https://clientats.com/jobs/123/apply</span>"_s));
    QVERIFY(html.contains(u"<link rel=\"canonical\" href=\""_s + publicUrl + u"/jobs/"_s +
                          m_openJob + u"\">"_s));
    QVERIFY(html.contains(u"<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">"_s));
    QVERIFY(html.contains(u"href=\"/jobs?category=aged-care-assistant\""_s));
    QVERIFY(html.contains(u"<html lang=\"en-AU\">"_s));
    QVERIFY(html.contains(u"name=\"viewport\""_s));
    QVERIFY(!html.contains(u"This job is no longer open"_s));
}

void TestPublicPages::closedJobPageOffersNoApply()
{
    for (const QString &id : {m_closedJob, m_expiredJob}) {
        const HttpReply reply = get(u"/jobs/"_s + id);
        QCOMPARE(reply.status, 200);
        const QString html = text(reply);
        QVERIFY(html.contains(u"This job is no longer open."_s));
        QVERIFY(html.contains(u"Applications have closed"_s));
        QVERIFY(!html.contains(u"/apply\""_s));
        QVERIFY(!html.contains(u"Apply on"_s));
        QCOMPARE(reply.header("X-Robots-Tag"), QByteArray("noindex"));
        QVERIFY(structuredData(html).isEmpty());
        // The candidate is offered open jobs of the same category instead.
        QVERIFY(html.contains(u"See open Aged Care Assistant jobs"_s));
        QVERIFY(html.contains(u"href=\"/jobs/"_s + m_openJob + u'"'));
    }
}

void TestPublicPages::unpublishedOwnerHidesJob_data()
{
    QTest::addColumn<QString>("hide");
    QTest::addColumn<QString>("restore");

    QTest::newRow("facility deactivated") << u"UPDATE facilities SET active = 0 WHERE id = ?"_s
                                          << u"UPDATE facilities SET active = 1 WHERE id = ?"_s;
    QTest::newRow("provider deactivated")
        << u"UPDATE providers SET active = 0 WHERE id = (SELECT provider_id FROM facilities "
           u"WHERE id = ?)"_s
        << u"UPDATE providers SET active = 1 WHERE id = (SELECT provider_id FROM facilities "
           u"WHERE id = ?)"_s;
    QTest::newRow("provider not live")
        << u"UPDATE providers SET live_at = NULL WHERE id = (SELECT provider_id FROM facilities "
           u"WHERE id = ?)"_s
        << u"UPDATE providers SET live_at = created_at WHERE id = (SELECT provider_id FROM "
           u"facilities WHERE id = ?)"_s;
}

void TestPublicPages::unpublishedOwnerHidesJob()
{
    QFETCH(QString, hide);
    QFETCH(QString, restore);

    const QString geelongJob =
        createJob({{u"title"_s, u"Geelong Care Assistant"_s},
                   {u"facilityId"_s, geelongFacility},
                   {u"location"_s, QJsonObject{{u"suburb"_s, u"Geelong"_s},
                                               {u"state"_s, u"VIC"_s},
                                               {u"postcode"_s, u"3220"_s}}}});
    QVERIFY(!geelongJob.isEmpty());
    QCOMPARE(get(u"/jobs/"_s + geelongJob).status, 200);
    const auto execute = [this](const QString &sql) {
        QString error;
        const auto database = hopstep::Database::open(m_service.databasePath(), &error);
        QSqlQuery query = database ? database->query() : QSqlQuery();
        return database && database->exec(query, sql, {geelongFacility}, &error);
    };

    QVERIFY(execute(hide));
    QCOMPARE(get(u"/jobs/"_s + geelongJob).status, 404);
    QCOMPARE(get(u"/jobs/"_s + geelongJob + u"/apply"_s).status, 404);
    QVERIFY(!listedIds(text(get(u"/jobs?category=aged-care-assistant"_s))).contains(geelongJob));
    QVERIFY(!text(get(u"/sitemap.xml"_s)).contains(geelongJob));
    QCOMPARE(applyClicks(geelongJob), 0);

    QVERIFY(execute(restore));
    QVERIFY(listedIds(text(get(u"/jobs?category=aged-care-assistant"_s))).contains(geelongJob));
    QVERIFY(m_service.ats("DELETE", u"/api/jobs/"_s + geelongJob).status == 204);
}

void TestPublicPages::filters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("category"); // expected category of every listed job, or empty
    QTest::addColumn<QString>("workType");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("heading");

    QTest::newRow("category slug")
        << u"category=registered-nurse"_s << u"Registered Nurse"_s << QString() << QString()
        << u"Registered Nurse jobs across Australia"_s;
    QTest::newRow("category id") << u"category=6"_s << u"Disability Support Worker"_s << QString()
                                 << QString()
                                 << u"Disability Support Worker jobs across Australia"_s;
    QTest::newRow("category name as a form sends it")
        << u"category=Personal+Care+Worker"_s << u"Personal Care Worker"_s << QString() << QString()
        << u"Personal Care Worker jobs across Australia"_s;
    QTest::newRow("work type slug") << u"workType=casual"_s << QString() << u"CASUAL"_s << QString()
                                    << u"Casual care jobs across Australia"_s;
    QTest::newRow("work type api name") << u"workType=PART_TIME"_s << QString() << u"PART_TIME"_s
                                        << QString() << u"Part time care jobs across Australia"_s;
    QTest::newRow("state code") << u"state=nsw"_s << QString() << QString() << u"NSW"_s
                                << u"Care jobs in New South Wales"_s;
    QTest::newRow("state name") << u"state=Victoria"_s << QString() << QString() << u"VIC"_s
                                << u"Care jobs in Victoria"_s;
    QTest::newRow("all three") << u"category=personal-care-worker&workType=casual&state=vic"_s
                               << u"Personal Care Worker"_s << u"CASUAL"_s << u"VIC"_s
                               << u"Casual Personal Care Worker jobs in Victoria"_s;
    QTest::newRow("empty values from the form mean any")
        << u"category=&workType=&state=vic"_s << QString() << QString() << u"VIC"_s
        << u"Care jobs in Victoria"_s;
}

void TestPublicPages::filters()
{
    QFETCH(QString, query);
    QFETCH(QString, category);
    QFETCH(QString, workType);
    QFETCH(QString, state);
    QFETCH(QString, heading);

    const HttpReply reply = get(u"/jobs?"_s + query);
    QCOMPARE(reply.status, 200);
    const QString html = text(reply);
    QVERIFY2(html.contains(u"<h1 class=\"board-heading\">"_s + heading + u"</h1>"_s),
             qPrintable(captures(html, u"<h1 class=\"board-heading\">(.*?)</h1>"_s).value(0)));
    const QStringList ids = listedIds(html);
    QVERIFY(!ids.isEmpty());
    for (const QString &id : ids) {
        const QJsonObject job = adminJob(id);
        QCOMPARE(job.value(u"status"_s).toString(), u"ACTIVE"_s);
        if (!category.isEmpty())
            QCOMPARE(job.value(u"category"_s).toString(), category);
        if (!workType.isEmpty())
            QVERIFY(job.value(u"workTypes"_s).toArray().contains(workType));
        if (!state.isEmpty())
            QCOMPARE(job.value(u"location"_s).toObject().value(u"state"_s).toString(), state);
    }
    // The count matches the listed jobs, and the unfiltered board has at least as many.
    const int shown = int(ids.size());
    QVERIFY(
        html.contains(QString::number(shown) + (shown == 1 ? u" open job"_s : u" open jobs"_s)));
    QVERIFY(listedIds(text(get(u"/jobs"_s))).size() >= shown);
}

void TestPublicPages::filtersWorkWithoutJavaScript()
{
    const QString html = text(get(u"/jobs?category=registered-nurse&state=vic"_s));
    QVERIFY(html.contains(u"<form class=\"filters\" method=\"get\" action=\"/jobs\""_s));
    for (const QString &id : {u"filter-category"_s, u"filter-work-type"_s, u"filter-state"_s}) {
        QVERIFY(html.contains(u"<label for=\""_s + id + u"\">"_s));
        QVERIFY(html.contains(u"<select id=\""_s + id + u'"'));
    }
    QVERIFY(html.contains(u"<button type=\"submit\""_s));
    // The chosen filters stay selected, with the count of each choice.
    QVERIFY(html.contains(u"<option value=\"registered-nurse\" selected>Registered Nurse ("_s));
    QVERIFY(html.contains(u"<option value=\"vic\" selected>Victoria ("_s));
    QVERIFY(html.contains(u"<option value=\"\" selected>Any work type</option>"_s));
    QVERIFY(html.contains(u"<a href=\"/jobs\">Clear filters</a>"_s));
    QVERIFY(!html.contains(u"<script"_s));
}

void TestPublicPages::invalidFiltersExplained_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown category") << u"category=astronaut"_s
                                      << u"\u201castronaut\u201d is not one of hopstep\u2019s job "
                                         u"categories."_s;
    QTest::newRow("unknown work type")
        << u"workType=hourly"_s << u"\u201chourly\u201d is not a work type"_s;
    QTest::newRow("unknown state")
        << u"state=XYZ"_s << u"\u201cXYZ\u201d is not an Australian state"_s;
    QTest::newRow("page zero") << u"page=0"_s << u"Page \u201c0\u201d does not exist"_s;
    QTest::newRow("negative page") << u"page=-1"_s << u"Page \u201c-1\u201d does not exist"_s;
    QTest::newRow("page not a number") << u"page=two"_s << u"Page \u201ctwo\u201d does not exist"_s;
    QTest::newRow("huge page") << u"page=99999999999999999999"_s << u"does not exist"_s;
    QTest::newRow("two categories")
        << u"category=cleaner&category=administration"_s << u"Choose one category at a time."_s;
    QTest::newRow("markup in a value")
        << u"category=%3Cscript%3Ealert(1)%3C%2Fscript%3E"_s
        << u"\u201c&lt;script&gt;alert(1)&lt;/script&gt;\u201d is not one"_s;
    QTest::newRow("very long value")
        << u"state="_s + QString(5000, u'x') << u"\u2026\u201d is not an Australian state"_s;
}

void TestPublicPages::invalidFiltersExplained()
{
    QFETCH(QString, query);
    QFETCH(QString, message);

    const HttpReply reply = get(u"/jobs?"_s + query);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    const QString html = text(reply);
    QVERIFY2(html.contains(message),
             qPrintable(captures(html, u"(<div class=\"notice.*?</div>)"_s).value(0)));
    QVERIFY(html.contains(u"role=\"alert\""_s));
    QVERIFY(html.contains(u"<form class=\"filters\""_s));
    QVERIFY(html.contains(u"noindex"_s));
    QVERIFY(listedIds(html).isEmpty());
    QVERIFY(!html.contains(u"<script"_s));
}

void TestPublicPages::trackingParametersIgnored()
{
    const HttpReply reply = get(u"/jobs?utm_source=newsletter&fbclid=abc&category=cleaner"_s);
    QCOMPARE(reply.status, 200);
    QVERIFY(text(reply).contains(u"<link rel=\"canonical\" href=\""_s + publicUrl +
                                 u"/jobs?category=cleaner\">"_s));
}

void TestPublicPages::pagingWithinCategory()
{
    QStringList created;
    for (int i = 0; i < 23; ++i) {
        created.prepend(createJob({{u"title"_s, u"Physiotherapist %1"_s.arg(i + 1)},
                                   {u"category"_s, u"Allied Health"_s}}));
        QTest::qWait(2);
    }
    const HttpReply first = get(u"/jobs?category=allied-health"_s);
    QCOMPARE(first.status, 200);
    const QString firstHtml = text(first);
    QCOMPARE(listedIds(firstHtml), created.mid(0, 20));
    QVERIFY(firstHtml.contains(u"Showing 1\u201320 of 23 open jobs"_s));
    QVERIFY(firstHtml.contains(u"href=\"/jobs?category=allied-health&amp;page=2\" rel=\"next\""_s));
    QVERIFY(firstHtml.contains(u"<span aria-current=\"page\">1"_s));
    QVERIFY(!firstHtml.contains(u"rel=\"prev\""_s));

    const HttpReply second = get(u"/jobs?category=allied-health&page=2"_s);
    QCOMPARE(second.status, 200);
    const QString secondHtml = text(second);
    QCOMPARE(listedIds(secondHtml), created.mid(20));
    QVERIFY(secondHtml.contains(u"Showing 21\u201323 of 23 open jobs"_s));
    QVERIFY(secondHtml.contains(u"href=\"/jobs?category=allied-health\" rel=\"prev\""_s));
    QVERIFY(secondHtml.contains(u"23 jobs \u00b7 continued"_s));
    QVERIFY(secondHtml.contains(u"<link rel=\"canonical\" href=\""_s + publicUrl +
                                u"/jobs?category=allied-health&amp;page=2\">"_s));

    const HttpReply past = get(u"/jobs?category=allied-health&page=3"_s);
    QCOMPARE(past.status, 404);
    QVERIFY(text(past).contains(u"past the last page"_s));
    QVERIFY(listedIds(text(past)).isEmpty());
}

void TestPublicPages::pagingAcrossSections()
{
    // Walking every page of the whole board lists each published job once, in board order.
    QStringList all;
    QList<int> sectionOrder;
    for (int page = 1; page <= 20; ++page) {
        const HttpReply reply = get(u"/jobs?page=%1"_s.arg(page));
        if (reply.status == 404)
            break;
        QCOMPARE(reply.status, 200);
        const QString html = text(reply);
        all += listedIds(html);
        for (const QString &id : captures(html, u"aria-labelledby=\"section-([0-9]+)\""_s)) {
            if (sectionOrder.isEmpty() || sectionOrder.constLast() != id.toInt())
                sectionOrder.append(id.toInt());
        }
    }
    QCOMPARE(QSet<QString>(all.begin(), all.end()).size(), all.size());
    QList<int> sorted = sectionOrder;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(sectionOrder, sorted);
    const QString first = text(get(u"/jobs"_s));
    QVERIFY2(first.contains(u"of %1 open jobs"_s.arg(all.size())),
             qPrintable(captures(first, u"id=\"board-count\">(.*?)<"_s).value(0)));
    QVERIFY(all.contains(m_openJob));
}

void TestPublicPages::applyRedirectsAndCounts()
{
    const QString id =
        createJob({{u"title"_s, u"Counted Care Assistant"_s},
                   {u"applyUrl"_s, u"https://clientats.com/jobs/987/apply?src=hopstep"_s}});
    QCOMPARE(applyClicks(id), 0);
    for (int click = 1; click <= 3; ++click) {
        const HttpReply reply = get(u"/jobs/"_s + id + u"/apply"_s);
        QCOMPARE(reply.status, 303);
        QCOMPARE(reply.header("Location"),
                 QByteArray("https://clientats.com/jobs/987/apply?src=hopstep"));
        QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
        QCOMPARE(reply.header("X-Robots-Tag"), QByteArray("noindex, nofollow"));
        QCOMPARE(applyClicks(id), click);
    }
    // Another job's count is its own.
    QCOMPARE(applyClicks(m_closedJob), 0);
}

void TestPublicPages::applyCountSurvivesRestart()
{
    const QString id = createJob({{u"title"_s, u"Durable Click Role"_s}});
    QCOMPARE(get(u"/jobs/"_s + id + u"/apply"_s).status, 303);
    QCOMPARE(get(u"/jobs/"_s + id + u"/apply"_s).status, 303);
    QString error;
    QVERIFY2(m_service.restart(&error), qPrintable(error));
    QCOMPARE(applyClicks(id), 2);
    {
        const auto database = hopstep::Database::open(m_service.databasePath(), &error);
        QVERIFY2(database, qPrintable(error));
        QSqlQuery query = database->query();
        QVERIFY(database->exec(query, u"SELECT day, clicks FROM apply_clicks WHERE job_id = ?"_s,
                               {id}));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(),
                 QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate));
        QCOMPARE(query.value(1).toLongLong(), 2);
    }
}

void TestPublicPages::applyNotCountedForCrawlers()
{
    const QString id = createJob({{u"title"_s, u"Crawled Role"_s}});
    const QList<QByteArray> crawlers = {
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"};
    for (const QByteArray &agent : crawlers) {
        const HttpReply reply = get(u"/jobs/"_s + id + u"/apply"_s, {{"User-Agent", agent}});
        QCOMPARE(reply.status, 303);
    }
    QCOMPARE(applyClicks(id), 0);
    const HttpReply browser =
        get(u"/jobs/"_s + id + u"/apply"_s,
            {{"User-Agent",
              "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
              "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"}});
    QCOMPARE(browser.status, 303);
    QCOMPARE(applyClicks(id), 1);
}

void TestPublicPages::applyRefused_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expectedText");

    QTest::newRow("closed") << u"closed"_s << 410 << u"Applications for this job have closed"_s;
    QTest::newRow("expired") << u"expired"_s << 410 << u"Applications for this job have closed"_s;
    QTest::newRow("deleted") << u"deleted"_s << 410 << u"This job has been removed"_s;
    QTest::newRow("pending") << u"pending"_s << 404 << u"find that job"_s;
    QTest::newRow("unknown") << u"unknown"_s << 404 << u"find that job"_s;
    QTest::newRow("not a uuid") << u"junk"_s << 404 << u"find that job"_s;
}

void TestPublicPages::applyRefused()
{
    QFETCH(QString, which);
    QFETCH(int, status);
    QFETCH(QString, expectedText);

    const QHash<QString, QString> ids = {{u"closed"_s, m_closedJob},   {u"expired"_s, m_expiredJob},
                                         {u"deleted"_s, m_deletedJob}, {u"pending"_s, m_pendingJob},
                                         {u"unknown"_s, unknownJob},   {u"junk"_s, u"junk"_s}};
    const QString id = ids.value(which);
    const HttpReply reply = get(u"/jobs/"_s + id + u"/apply"_s);
    QCOMPARE(reply.status, status);
    QVERIFY(reply.header("Location").isEmpty());
    QCOMPARE(reply.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
    QVERIFY2(text(reply).contains(expectedText), reply.body.left(2000).constData());
    QVERIFY(!text(reply).contains(u"clientats.com"_s));
    if (which != u"unknown"_s && which != u"junk"_s)
        QCOMPARE(applyClicks(id), 0);
}

void TestPublicPages::applyAcceptsGetOnly_data()
{
    QTest::addColumn<QByteArray>("method");

    QTest::newRow("POST") << QByteArray("POST");
    QTest::newRow("HEAD") << QByteArray("HEAD");
    QTest::newRow("PUT") << QByteArray("PUT");
    QTest::newRow("DELETE") << QByteArray("DELETE");
}

void TestPublicPages::applyAcceptsGetOnly()
{
    QFETCH(QByteArray, method);

    const qint64 before = applyClicks(m_openJob);
    const HttpReply reply = fetch(method, m_service.url(u"/jobs/"_s + m_openJob + u"/apply"_s));
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("Allow"), QByteArray("GET"));
    QVERIFY(reply.header("Location").isEmpty());
    QCOMPARE(applyClicks(m_openJob), before);
}

void TestPublicPages::securityHeaders_data()
{
    QTest::addColumn<QString>("path");

    QTest::newRow("board") << u"/jobs"_s;
    QTest::newRow("job page") << u"/jobs/open"_s;
    QTest::newRow("apply redirect") << u"/jobs/open/apply"_s;
    QTest::newRow("not found") << u"/jobs/"_s + unknownJob;
    QTest::newRow("invalid filter") << u"/jobs?state=nowhere"_s;
    QTest::newRow("style sheet") << u"/assets/site.css"_s;
}

void TestPublicPages::securityHeaders()
{
    QFETCH(QString, path);

    const HttpReply reply = get(QString(path).replace(u"open"_s, m_openJob));
    QVERIFY(reply.status > 0);
    const QByteArray policy = reply.header("Content-Security-Policy");
    QVERIFY2(policy.contains("script-src 'none'"), policy.constData());
    QVERIFY(policy.contains("default-src 'none'"));
    QVERIFY(policy.contains("style-src 'self'"));
    QVERIFY(policy.contains("frame-ancestors 'none'"));
    QVERIFY(policy.contains("base-uri 'none'"));
    QVERIFY(policy.contains("form-action 'self'"));
    QVERIFY(!policy.contains("unsafe-inline"));
    QCOMPARE(reply.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(reply.header("X-Frame-Options"), QByteArray("DENY"));
    QCOMPARE(reply.header("Referrer-Policy"), QByteArray("strict-origin-when-cross-origin"));
    QCOMPARE(reply.header("Cross-Origin-Opener-Policy"), QByteArray("same-origin"));
    QVERIFY(!reply.header("Permissions-Policy").isEmpty());
    QVERIFY(!reply.header("X-Request-Id").isEmpty());
    // One Cache-Control header, never both the page's and the API's.
    int cacheHeaders = 0;
    for (const auto &[name, value] : reply.headers)
        cacheHeaders += name.compare("Cache-Control", Qt::CaseInsensitive) == 0 ? 1 : 0;
    QCOMPARE(cacheHeaders, 1);
}

void TestPublicPages::cachingOfPages_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("cacheControl");

    QTest::newRow("board") << u"/jobs"_s << 200 << QByteArray("public, max-age=60");
    QTest::newRow("filtered board")
        << u"/jobs?state=vic"_s << 200 << QByteArray("public, max-age=60");
    QTest::newRow("open job") << u"/jobs/open"_s << 200 << QByteArray("public, max-age=60");
    QTest::newRow("closed job") << u"/jobs/closed"_s << 200 << QByteArray("public, max-age=60");
    QTest::newRow("unknown job") << u"/jobs/"_s + unknownJob << 404
                                 << QByteArray("public, max-age=60");
    QTest::newRow("deleted job") << u"/jobs/deleted"_s << 410
                                 << QByteArray("public, max-age=86400");
    QTest::newRow("apply") << u"/jobs/open/apply"_s << 303 << QByteArray("no-store");
    QTest::newRow("robots.txt") << u"/robots.txt"_s << 200 << QByteArray("public, max-age=3600");
    QTest::newRow("sitemap") << u"/sitemap.xml"_s << 200 << QByteArray("public, max-age=300");
}

void TestPublicPages::cachingOfPages()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, cacheControl);

    path.replace(u"/open"_s, u'/' + m_openJob)
        .replace(u"/closed"_s, u'/' + m_closedJob)
        .replace(u"/deleted"_s, u'/' + m_deletedJob);
    const HttpReply reply = get(path);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("Cache-Control"), cacheControl);
}

void TestPublicPages::apiKeepsJsonAndNoStore()
{
    const HttpReply categories = get(u"/api/categories"_s);
    QCOMPARE(categories.status, 200);
    QCOMPARE(categories.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(categories.header("Cache-Control"), QByteArray("no-store"));
    QVERIFY(categories.header("Content-Security-Policy").isEmpty());

    const HttpReply job = m_service.ats("GET", u"/api/jobs/"_s + m_openJob);
    QCOMPARE(job.status, 200);
    QCOMPARE(job.header("Cache-Control"), QByteArray("no-store"));
    QVERIFY(job.json().contains(u"title"_s));
    QVERIFY(adminJob(m_openJob).value(u"applyClicks"_s).isDouble());
}

void TestPublicPages::conditionalAndHeadRequests()
{
    const QString path = u"/jobs/"_s + m_openJob;
    const HttpReply full = get(path);
    QCOMPARE(full.status, 200);
    const QByteArray etag = full.header("ETag");
    QVERIFY(etag.startsWith('"') && etag.endsWith('"'));

    const HttpReply again = get(path, {{"If-None-Match", etag}});
    QCOMPARE(again.status, 304);
    QVERIFY(again.body.isEmpty());
    QCOMPARE(again.header("ETag"), etag);
    QCOMPARE(again.header("Cache-Control"), QByteArray("public, max-age=60"));
    QCOMPARE(get(path, {{"If-None-Match", "W/" + etag}}).status, 304);
    QCOMPARE(get(path, {{"If-None-Match", "\"other\", " + etag}}).status, 304);
    QCOMPARE(get(path, {{"If-None-Match", "\"other\""}}).status, 200);

    const HttpReply head = fetch("HEAD", m_service.url(path));
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Length"), QByteArray::number(full.body.size()));
    QCOMPARE(head.header("ETag"), etag);

    const HttpReply post = fetch("POST", m_service.url(path));
    QCOMPARE(post.status, 405);
    QCOMPARE(post.header("Allow"), QByteArray("GET, HEAD"));
}

void TestPublicPages::versionedAssetsCachedLong()
{
    const QString html = text(get(u"/jobs"_s));
    const QString href = captures(html, u"<link rel=\"stylesheet\" href=\"([^\"]+)\">"_s).value(0);
    QVERIFY2(href.startsWith(u"/assets/site.css?v="_s), qPrintable(href));
    const HttpReply css = get(href);
    QCOMPARE(css.status, 200);
    QCOMPARE(css.header("Content-Type"), QByteArray("text/css; charset=utf-8"));
    QCOMPARE(css.header("Cache-Control"), QByteArray("public, max-age=31536000, immutable"));
    QVERIFY(css.body.contains(".apply-button"));
    const HttpReply unversioned = get(u"/assets/site.css"_s);
    QCOMPARE(unversioned.header("Cache-Control"), QByteArray("public, max-age=3600"));
    const QString icon = captures(html, u"<link rel=\"icon\" type=\"image/svg\\+xml\" "
                                        u"href=\"([^\"]+)\">"_s)
                             .value(0);
    QCOMPARE(get(icon).header("Content-Type"), QByteArray("image/svg+xml"));
    QCOMPARE(get(u"/assets/missing.css"_s).status, 404);
}

void TestPublicPages::jsonLdContent()
{
    const QJsonObject admin = adminJob(m_openJob);
    const QList<QJsonObject> blocks = structuredData(text(get(u"/jobs/"_s + m_openJob)));
    QCOMPARE(blocks.size(), 1);
    const QJsonObject posting = blocks.constFirst();
    QCOMPARE(posting.value(u"@context"_s).toString(), u"https://schema.org"_s);
    QCOMPARE(posting.value(u"@type"_s).toString(), u"JobPosting"_s);
    QCOMPARE(posting.value(u"title"_s).toString(), u"Aged Care Assistant – Days"_s);
    QCOMPARE(posting.value(u"description"_s).toString(), admin.value(u"description"_s).toString());
    const QDateTime posted =
        QDateTime::fromString(posting.value(u"datePosted"_s).toString(), Qt::ISODate);
    QVERIFY(posted.isValid());
    QCOMPARE(posted.toSecsSinceEpoch(),
             QDateTime::fromString(admin.value(u"createdAt"_s).toString(), Qt::ISODateWithMs)
                 .toSecsSinceEpoch());
    QVERIFY(!posting.contains(u"validThrough"_s));
    QCOMPARE(posting.value(u"employmentType"_s).toString(), u"FULL_TIME"_s);
    QCOMPARE(posting.value(u"directApply"_s), QJsonValue(false));
    QCOMPARE(posting.value(u"url"_s).toString(), publicUrl + u"/jobs/"_s + m_openJob);
    QCOMPARE(posting.value(u"hiringOrganization"_s).toObject().value(u"name"_s).toString(),
             u"Evergreen Residential Care"_s);
    const QJsonObject address =
        posting.value(u"jobLocation"_s).toObject().value(u"address"_s).toObject();
    QCOMPARE(address.value(u"@type"_s).toString(), u"PostalAddress"_s);
    QCOMPARE(address.value(u"addressLocality"_s).toString(), u"Richmond"_s);
    QCOMPARE(address.value(u"addressRegion"_s).toString(), u"VIC"_s);
    QCOMPARE(address.value(u"postalCode"_s).toString(), u"3121"_s);
    QCOMPARE(address.value(u"addressCountry"_s).toString(), u"AU"_s);
    const QJsonObject salary = posting.value(u"baseSalary"_s).toObject();
    QCOMPARE(salary.value(u"currency"_s).toString(), u"AUD"_s);
    const QJsonObject value = salary.value(u"value"_s).toObject();
    QCOMPARE(value.value(u"unitText"_s).toString(), u"HOUR"_s);
    QCOMPARE(value.value(u"minValue"_s).toDouble(), 30.0);
    QCOMPARE(value.value(u"maxValue"_s).toDouble(), 35.0);
}

void TestPublicPages::jsonLdEmploymentTypes()
{
    const QString id = createJob({{u"title"_s, u"Casual or Contract Carer"_s},
                                  {u"workTypes"_s, QJsonArray{u"CASUAL"_s, u"CONTRACT"_s}},
                                  {u"salaryMin"_s, 70000},
                                  {u"salaryMax"_s, 80000},
                                  {u"salaryType"_s, u"ANNUAL"_s}});
    const QJsonObject posting = structuredData(text(get(u"/jobs/"_s + id))).value(0);
    QCOMPARE(posting.value(u"employmentType"_s).toArray(),
             (QJsonArray{u"PER_DIEM"_s, u"TEMPORARY"_s}));
    QCOMPARE(
        posting.value(u"baseSalary"_s).toObject().value(u"value"_s).toObject().value(u"unitText"_s),
        QJsonValue(u"YEAR"_s));
}

void TestPublicPages::hostileTitleAndDescriptionEscaped()
{
    // The title arrives with references, so after decoding it holds a literal </script>.
    const QString id = createJob(
        {{u"title"_s,
          u"Nurse &lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt; &lt;!--"_s},
         {u"description"_s,
          u"<p>Caring role.</p><script>window.pwned=1</script><img src=x onerror=\"alert(1)\">"
          u"<p onclick=\"alert(1)\">Day shifts &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
          u"</p><a href=\"javascript:alert(1)\">link</a><style>body{display:none}</style>"
          u"<iframe src=\"https://example.org\"></iframe>"_s}});
    QVERIFY(!id.isEmpty());
    const QJsonObject stored = adminJob(id);
    const QString title = stored.value(u"title"_s).toString();
    QVERIFY2(title.contains(u"</script><script>"_s), qPrintable(title));

    const HttpReply reply = get(u"/jobs/"_s + id);
    QCOMPARE(reply.status, 200);
    const QString html = text(reply);
    // The only script element is the JSON-LD, and it ends where it should.
    QCOMPARE(html.count(u"<script"_s, Qt::CaseInsensitive), 1);
    QCOMPARE(html.count(u"</script"_s, Qt::CaseInsensitive), 1);
    QCOMPARE(html.count(u"<!--"_s), 0);
    for (const QString &forbidden : {u"onerror"_s, u"onclick"_s, u"javascript:"_s, u"<iframe"_s,
                                     u"<style"_s, u"<img"_s, u"window.pwned=1</script"_s}) {
        QVERIFY2(!html.contains(forbidden, Qt::CaseInsensitive), qPrintable(forbidden));
    }
    QVERIFY(html.contains(u"Nurse &lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;"_s));
    const QList<QJsonObject> blocks = structuredData(html);
    QCOMPARE(blocks.size(), 1);
    QCOMPARE(blocks.constFirst().value(u"title"_s).toString(), title);
    QCOMPARE(blocks.constFirst().value(u"description"_s).toString(),
             stored.value(u"description"_s).toString());

    const QString board = text(get(u"/jobs?category=aged-care-assistant"_s));
    QVERIFY(listedIds(board).contains(id));
    QCOMPARE(board.count(u"<script"_s, Qt::CaseInsensitive), 0);
    QCOMPARE(board.count(u"<!--"_s), 0);
}

void TestPublicPages::previewShowsSameFields()
{
    // The console renders its preview from the admin API's job, so render it the same way.
    const hopstep::Job job = hopstep::jobFromAdminJson(adminJob(m_openJob));
    const QString preview = hopstep::JobPageRenderer::renderPreviewDocument(job);
    const QString page = text(get(u"/jobs/"_s + m_openJob));
    for (const QString &field :
         {u"job-title"_s, u"job-provider"_s, u"job-facility"_s, u"job-category"_s, u"job-pay"_s,
          u"job-work-types"_s, u"job-location"_s, u"job-description"_s, u"apply-url"_s}) {
        const QString inPage = classContent(page, field);
        QVERIFY2(!inPage.isEmpty(), qPrintable(field));
        QCOMPARE(classContent(preview, field), inPage);
    }
    // Only the Apply link's target differs: the page counts the click first.
    QVERIFY(preview.contains(u"href=\"https://clientats.com/jobs/123/apply\""_s));
    QVERIFY(page.contains(u"href=\"/jobs/"_s + m_openJob + u"/apply\""_s));
}

void TestPublicPages::robotsAndSitemap()
{
    const HttpReply robots = get(u"/robots.txt"_s);
    QCOMPARE(robots.status, 200);
    QCOMPARE(robots.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    const QString rules = text(robots);
    QVERIFY(rules.contains(u"Disallow: /jobs/*/apply\n"_s));
    QVERIFY(rules.contains(u"Disallow: /admin/\n"_s));
    QVERIFY(rules.contains(u"Sitemap: "_s + publicUrl + u"/sitemap.xml\n"_s));

    const HttpReply sitemap = get(u"/sitemap.xml"_s);
    QCOMPARE(sitemap.status, 200);
    QCOMPARE(sitemap.header("Content-Type"), QByteArray("application/xml; charset=utf-8"));
    const QString xml = text(sitemap);
    QVERIFY(xml.contains(u"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"_s));
    QVERIFY(xml.contains(u"<loc>"_s + publicUrl + u"/jobs/"_s + m_openJob + u"</loc>"_s));
    QVERIFY(xml.contains(u"<loc>"_s + publicUrl + u"/jobs</loc>"_s));
    QVERIFY(xml.contains(u"<lastmod>"_s));
}

void TestPublicPages::oddRequestsAnswered_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");

    QTest::newRow("null byte id") << QByteArray("GET") << u"/jobs/%00"_s << 404;
    QTest::newRow("very long id") << QByteArray("GET") << u"/jobs/"_s + QString(5000, u'a') << 404;
    QTest::newRow("encoded slash") << QByteArray("GET") << u"/jobs/a%2Fb"_s << 404;
    QTest::newRow("deep path") << QByteArray("GET") << u"/jobs/x/y/z"_s << 404;
    QTest::newRow("apply with extra segment")
        << QByteArray("GET") << u"/jobs/"_s + unknownJob + u"/apply/now"_s << 404;
    QTest::newRow("upper-case id redirects")
        << QByteArray("GET") << u"/jobs/00000000-0000-4000-8000-00000000000A"_s << 301;
    QTest::newRow("post to the board") << QByteArray("POST") << u"/jobs"_s << 405;
    QTest::newRow("delete a job page") << QByteArray("DELETE") << u"/jobs/"_s + unknownJob << 405;
    QTest::newRow("unknown asset") << QByteArray("GET") << u"/assets/site.css.bak"_s << 404;
    QTest::newRow("asset folder") << QByteArray("GET") << u"/assets/a/b"_s << 404;
    QTest::newRow("trailing slash") << QByteArray("GET") << u"/jobs/"_s << 301;
    QTest::newRow("doubled slash") << QByteArray("GET") << u"/jobs//"_s + unknownJob << 301;
    QTest::newRow("query without value") << QByteArray("GET") << u"/jobs?category"_s << 200;
}

void TestPublicPages::oddRequestsAnswered()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);

    QUrl url = m_service.url(QString());
    url.setPath(path.section(u'?', 0, 0), QUrl::StrictMode);
    if (path.contains(u'?'))
        url.setQuery(path.section(u'?', 1));
    const HttpReply reply = fetch(method, url);
    QCOMPARE(reply.status, status);
    if (status == 301 && path.endsWith(u"0A"_s)) {
        QCOMPARE(reply.header("Location"),
                 QByteArray("/jobs/00000000-0000-4000-8000-00000000000a"));
    } else if (status == 301) {
        // Empty segments go, so every page has one address.
        const QByteArray location = reply.header("Location");
        QVERIFY2(location.startsWith("/jobs") && !location.contains("//") &&
                     !location.endsWith('/'),
                 location.constData());
    }
    if (status == 405)
        QCOMPARE(reply.header("Allow"), QByteArray("GET, HEAD"));
    QVERIFY(!reply.header("Content-Security-Policy").isEmpty() ||
            reply.header("Content-Type").contains("json"));
}

void TestPublicPages::hostHeaderWithoutPublicUrl()
{
    TestService service;
    QString error;
    QVERIFY2(service.start(&error), qPrintable(error));
    const auto canonical = [&](const QByteArray &host) {
        const HttpReply reply = fetch("GET", service.url(u"/jobs?state=vic"_s), {{"Host", host}});
        return captures(text(reply), u"<link rel=\"canonical\" href=\"([^\"]+)\">"_s).value(0);
    };
    QCOMPARE(canonical("jobs.example.org:8443"), u"http://jobs.example.org:8443/jobs?state=vic"_s);
    QCOMPARE(canonical("evil.example\"><script>"), u"http://localhost/jobs?state=vic"_s);
    QCOMPARE(canonical("a b"), u"http://localhost/jobs?state=vic"_s);
}

QTEST_GUILESS_MAIN(TestPublicPages)
#include "tst_publicpages.moc"
