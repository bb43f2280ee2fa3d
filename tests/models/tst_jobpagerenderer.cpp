#include "jobpagerenderer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

Job seedJob()
{
    Job job;
    job.id = u"e7751b96-d4c5-44a7-9aa9-95c0f694720f"_s;
    JobContent &content = job.content;
    content.title = u"Aged Care Assistant"_s;
    content.descriptionHtml = u"<p>We are seeking an experienced carer.</p>"_s;
    content.categoryName = u"Aged Care Assistant"_s;
    content.workTypes = {WorkType::FullTime, WorkType::Casual};
    content.salary = {3000, 3500, SalaryType::Hourly};
    content.location = {u"Richmond"_s, u"VIC"_s, u"3121"_s};
    content.applyUrl = u"https://clientats.com/jobs/123/apply"_s;
    content.status = JobStatus::Active;
    job.providerName = u"Evergreen Residential Care"_s;
    job.facilityName = u"Evergreen Richmond"_s;
    return job;
}

} // namespace

class TestJobPageRenderer : public QObject
{
    Q_OBJECT

private slots:
    void pay_data();
    void pay();
    void cardShowsFields();
    void applyLinkDependsOnTarget();
    void closedJobOffersNoApply_data();
    void closedJobOffersNoApply();
    void textIsEscaped();
    void templateFilling();
};

void TestJobPageRenderer::pay_data()
{
    QTest::addColumn<Salary>("salary");
    QTest::addColumn<QString>("text");

    QTest::newRow("hourly range") << Salary{3000, 3500, SalaryType::Hourly}
                                  << u"$30 – $35 per hour"_s;
    QTest::newRow("cents") << Salary{3050, 3525, SalaryType::Hourly}
                           << u"$30.50 – $35.25 per hour"_s;
    QTest::newRow("annual with separators")
        << Salary{6500000, 7200000, SalaryType::Annual} << u"$65,000 – $72,000 per year"_s;
    QTest::newRow("minimum only") << Salary{3000, std::nullopt, SalaryType::Hourly}
                                  << u"From $30 per hour"_s;
    QTest::newRow("maximum only") << Salary{std::nullopt, 8000000, SalaryType::Annual}
                                  << u"Up to $80,000 per year"_s;
    QTest::newRow("single amount") << Salary{3000, 3000, SalaryType::Daily} << u"$30 per day"_s;
    QTest::newRow("not listed") << Salary{} << u"Pay not listed"_s;
}

void TestJobPageRenderer::pay()
{
    QFETCH(Salary, salary);
    QFETCH(QString, text);

    QCOMPARE(JobPageRenderer::formatPay(salary), text);
}

void TestJobPageRenderer::cardShowsFields()
{
    const QString html =
        JobPageRenderer::renderJobCard(seedJob(), JobPageRenderer::ApplyLink::Direct);
    for (const QString &part :
         {u"Aged Care Assistant"_s, u"Evergreen Residential Care"_s, u"Evergreen Richmond"_s,
          u"$30 – $35 per hour"_s, u"Full time, Casual"_s, u"Richmond VIC 3121"_s,
          u"<p>We are seeking an experienced carer.</p>"_s, u"Apply on clientats.com"_s}) {
        QVERIFY2(html.contains(part), qPrintable(part));
    }
}

void TestJobPageRenderer::applyLinkDependsOnTarget()
{
    const Job job = seedJob();
    const QString direct = JobPageRenderer::renderJobCard(job, JobPageRenderer::ApplyLink::Direct);
    QVERIFY(direct.contains(u"href=\"https://clientats.com/jobs/123/apply\""_s));
    const QString board =
        JobPageRenderer::renderJobCard(job, JobPageRenderer::ApplyLink::ThroughBoard);
    QVERIFY(board.contains(u"href=\"/jobs/e7751b96-d4c5-44a7-9aa9-95c0f694720f/apply\""_s));
    // The destination stays visible either way.
    QVERIFY(board.contains(u"https://clientats.com/jobs/123/apply"_s));
}

void TestJobPageRenderer::closedJobOffersNoApply_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("deleted");

    QTest::newRow("expired") << int(JobStatus::Expired) << false;
    QTest::newRow("closed") << int(JobStatus::Closed) << false;
    QTest::newRow("deleted") << int(JobStatus::Active) << true;
}

void TestJobPageRenderer::closedJobOffersNoApply()
{
    QFETCH(int, status);
    QFETCH(bool, deleted);

    Job job = seedJob();
    job.content.status = JobStatus(status);
    if (deleted)
        job.deletedAt = QDateTime::currentDateTimeUtc();
    const QString html = JobPageRenderer::renderJobCard(job, JobPageRenderer::ApplyLink::Direct);
    QVERIFY(html.contains(u"This job is no longer open."_s));
    QVERIFY(!html.contains(u"Apply on"_s));
    QVERIFY(!html.contains(u"href="_s));
}

void TestJobPageRenderer::textIsEscaped()
{
    Job job = seedJob();
    job.content.title = u"<script>alert(1)</script> & Co"_s;
    job.providerName = u"Evil \"Provider\""_s;
    job.content.applyUrl = u"https://clientats.com/a?x=\"><script>"_s;
    const QString html = JobPageRenderer::renderJobCard(job, JobPageRenderer::ApplyLink::Direct);
    QVERIFY(!html.contains(u"<script>"_s));
    QVERIFY(html.contains(u"&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"_s));
    QVERIFY(html.contains(u"Evil &quot;Provider&quot;"_s));
}

void TestJobPageRenderer::templateFilling()
{
    QCOMPARE(JobPageRenderer::fillTemplate(u"<b>{{a}}</b>{{{b}}}{{missing}}"_s,
                                           {{u"a"_s, u"<x>"_s}, {u"b"_s, u"<y>"_s}}),
             u"<b>&lt;x&gt;</b><y>"_s);
    QCOMPARE(JobPageRenderer::fillTemplate(u"open {{ only"_s, {}), u"open {{ only"_s);
}

QTEST_APPLESS_MAIN(TestJobPageRenderer)
#include "tst_jobpagerenderer.moc"
