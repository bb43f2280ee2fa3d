#include "jobposting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

Job seedJob()
{
    Job job;
    job.id = u"e7751b96-d4c5-44a7-9aa9-95c0f694720f"_s;
    job.createdAt = QDateTime(QDate(2026, 12, 4), QTime(2, 14, 0, 123), Qt::UTC);
    JobContent &content = job.content;
    content.title = u"Aged Care Assistant"_s;
    content.descriptionHtml = u"<p>We are seeking an experienced carer.</p>"_s;
    content.descriptionText = u"We are seeking an experienced carer."_s;
    content.categoryName = u"Aged Care Assistant"_s;
    content.workTypes = {WorkType::FullTime};
    content.salary = {3000, 3550, SalaryType::Hourly};
    content.location = {u"Richmond"_s, u"VIC"_s, u"3121"_s};
    content.applyUrl = u"https://clientats.com/jobs/123/apply"_s;
    job.providerName = u"Evergreen Residential Care"_s;
    job.facilityName = u"Evergreen Richmond"_s;
    return job;
}

const QUrl pageUrl(u"https://www.hopstep.com.au/jobs/e7751b96-d4c5-44a7-9aa9-95c0f694720f"_s);

} // namespace

class TestJobPosting : public QObject
{
    Q_OBJECT

private slots:
    void requiredProperties();
    void employmentTypes_data();
    void employmentTypes();
    void salary_data();
    void salary();
    void addressInAustralia();
    void scriptElementEscaping_data();
    void scriptElementEscaping();
};

void TestJobPosting::requiredProperties()
{
    const QJsonObject posting = jobPostingJsonLd(seedJob(), pageUrl);
    QCOMPARE(posting.value(u"@context"_s).toString(), u"https://schema.org"_s);
    QCOMPARE(posting.value(u"@type"_s).toString(), u"JobPosting"_s);
    QCOMPARE(posting.value(u"title"_s).toString(), u"Aged Care Assistant"_s);
    QCOMPARE(posting.value(u"description"_s).toString(),
             u"<p>We are seeking an experienced carer.</p>"_s);
    QCOMPARE(posting.value(u"datePosted"_s).toString(), u"2026-12-04T02:14:00Z"_s);
    QCOMPARE(posting.value(u"directApply"_s), QJsonValue(false));
    const QJsonObject organization = posting.value(u"hiringOrganization"_s).toObject();
    QCOMPARE(organization.value(u"@type"_s).toString(), u"Organization"_s);
    QCOMPARE(organization.value(u"name"_s).toString(), u"Evergreen Residential Care"_s);
    QCOMPARE(posting.value(u"url"_s).toString(), pageUrl.toString());
    QCOMPARE(posting.value(u"identifier"_s).toObject().value(u"value"_s).toString(), seedJob().id);
    // No closing date is known, so validThrough is left out rather than guessed.
    QVERIFY(!posting.contains(u"validThrough"_s));
}

void TestJobPosting::employmentTypes_data()
{
    QTest::addColumn<QList<WorkType>>("types");
    QTest::addColumn<QJsonValue>("expected");

    QTest::newRow("full time") << QList<WorkType>{WorkType::FullTime} << QJsonValue(u"FULL_TIME"_s);
    QTest::newRow("part time") << QList<WorkType>{WorkType::PartTime} << QJsonValue(u"PART_TIME"_s);
    QTest::newRow("casual is per diem")
        << QList<WorkType>{WorkType::Casual} << QJsonValue(u"PER_DIEM"_s);
    QTest::newRow("contract is temporary")
        << QList<WorkType>{WorkType::Contract} << QJsonValue(u"TEMPORARY"_s);
    QTest::newRow("volunteer") << QList<WorkType>{WorkType::Volunteer}
                               << QJsonValue(u"VOLUNTEER"_s);
    QTest::newRow("several keep their order")
        << QList<WorkType>{WorkType::Casual, WorkType::PartTime}
        << QJsonValue(QJsonArray{u"PER_DIEM"_s, u"PART_TIME"_s});
    QTest::newRow("none") << QList<WorkType>{} << QJsonValue(QJsonValue::Undefined);
}

void TestJobPosting::employmentTypes()
{
    QFETCH(QList<WorkType>, types);
    QFETCH(QJsonValue, expected);

    Job job = seedJob();
    job.content.workTypes = types;
    QCOMPARE(jobPostingJsonLd(job, pageUrl).value(u"employmentType"_s), expected);
}

void TestJobPosting::salary_data()
{
    QTest::addColumn<Salary>("salary");
    QTest::addColumn<QString>("expected"); // compact JSON of baseSalary.value, or empty

    QTest::newRow("hourly range")
        << Salary{3000, 3550, SalaryType::Hourly}
        << uR"({"@type":"QuantitativeValue","maxValue":35.5,"minValue":30,"unitText":"HOUR"})"_s;
    QTest::newRow("single amount")
        << Salary{3000, 3000, SalaryType::Daily}
        << uR"({"@type":"QuantitativeValue","unitText":"DAY","value":30})"_s;
    QTest::newRow("weekly minimum only")
        << Salary{150000, std::nullopt, SalaryType::Weekly}
        << uR"({"@type":"QuantitativeValue","minValue":1500,"unitText":"WEEK"})"_s;
    QTest::newRow("monthly maximum only")
        << Salary{std::nullopt, 800000, SalaryType::Monthly}
        << uR"({"@type":"QuantitativeValue","maxValue":8000,"unitText":"MONTH"})"_s;
    QTest::newRow("annual")
        << Salary{6500000, 7200000, SalaryType::Annual}
        << uR"({"@type":"QuantitativeValue","maxValue":72000,"minValue":65000,"unitText":"YEAR"})"_s;
    QTest::newRow("no unit leaves it out") << Salary{3000, 3500, std::nullopt} << QString();
    QTest::newRow("no pay leaves it out") << Salary{} << QString();
}

void TestJobPosting::salary()
{
    QFETCH(Salary, salary);
    QFETCH(QString, expected);

    Job job = seedJob();
    job.content.salary = salary;
    const QJsonObject posting = jobPostingJsonLd(job, pageUrl);
    if (expected.isEmpty()) {
        QVERIFY(!posting.contains(u"baseSalary"_s));
        return;
    }
    const QJsonObject baseSalary = posting.value(u"baseSalary"_s).toObject();
    QCOMPARE(baseSalary.value(u"@type"_s).toString(), u"MonetaryAmount"_s);
    QCOMPARE(baseSalary.value(u"currency"_s).toString(), u"AUD"_s);
    QCOMPARE(
        QString::fromUtf8(
            QJsonDocument(baseSalary.value(u"value"_s).toObject()).toJson(QJsonDocument::Compact)),
        expected);
}

void TestJobPosting::addressInAustralia()
{
    const QJsonObject place =
        jobPostingJsonLd(seedJob(), pageUrl).value(u"jobLocation"_s).toObject();
    QCOMPARE(place.value(u"@type"_s).toString(), u"Place"_s);
    QCOMPARE(place.value(u"name"_s).toString(), u"Evergreen Richmond"_s);
    const QJsonObject address = place.value(u"address"_s).toObject();
    QCOMPARE(address.value(u"@type"_s).toString(), u"PostalAddress"_s);
    QCOMPARE(address.value(u"addressLocality"_s).toString(), u"Richmond"_s);
    QCOMPARE(address.value(u"addressRegion"_s).toString(), u"VIC"_s);
    QCOMPARE(address.value(u"postalCode"_s).toString(), u"3121"_s);
    QCOMPARE(address.value(u"addressCountry"_s).toString(), u"AU"_s);
}

void TestJobPosting::scriptElementEscaping_data()
{
    QTest::addColumn<QString>("title");

    QTest::newRow("end tag") << u"Nurse </script><script>alert(1)</script>"_s;
    QTest::newRow("end tag in capitals") << u"Nurse </SCRIPT >"_s;
    QTest::newRow("comment opener") << u"Nurse <!-- <script>"_s;
    QTest::newRow("ampersand and quotes") << u"Cook & \"Chef\" 'Lead'"_s;
    QTest::newRow("line and paragraph separators") << u"Nurse \u2028 \u2029 end"_s;
}

void TestJobPosting::scriptElementEscaping()
{
    QFETCH(QString, title);

    Job job = seedJob();
    job.content.title = title;
    const QString json = jsonForScriptElement(jobPostingJsonLd(job, pageUrl));
    QVERIFY2(!json.contains(u'<'), qPrintable(json));
    QVERIFY2(!json.contains(u'>'), qPrintable(json));
    QVERIFY2(!json.contains(u'&'), qPrintable(json));
    QVERIFY(!json.contains(QChar(0x2028)));
    QVERIFY(!json.contains(QChar(0x2029)));
    // The escapes are JSON, so a parser reads the title back unchanged.
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(json.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(parsed.object().value(u"title"_s).toString(), title);
}

QTEST_APPLESS_MAIN(TestJobPosting)
#include "tst_jobposting.moc"
