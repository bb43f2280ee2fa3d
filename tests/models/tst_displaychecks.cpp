#include "displaychecks.h"

#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

using Change =
    std::function<void(Job &job, std::optional<Facility> &facility, QList<Category> &categories)>;

QList<Category> officialCategories()
{
    Category nurse;
    nurse.id = 1;
    nurse.name = u"Registered Nurse"_s;
    nurse.position = 1;
    Category carer;
    carer.id = 4;
    carer.name = u"Aged Care Assistant"_s;
    carer.position = 4;
    return {nurse, carer};
}

Facility richmond()
{
    Facility facility;
    facility.id = u"cbb456a2-787c-4f54-a8d6-96361736ce74"_s;
    facility.name = u"Evergreen Richmond"_s;
    facility.suburb = u"Richmond"_s;
    facility.state = u"VIC"_s;
    facility.postcode = u"3121"_s;
    return facility;
}

// A job that passes every check.
Job goodJob()
{
    Job job;
    job.id = u"e7751b96-d4c5-44a7-9aa9-95c0f694720f"_s;
    JobContent &content = job.content;
    content.facilityId = richmond().id;
    content.title = u"Aged Care Assistant"_s;
    content.descriptionText =
        u"Provide compassionate personal care to 40 residents of our Richmond home: help with "
        u"showering, meals and mobility, keep care notes up to date and work with the nursing "
        u"team. Certificate III in Individual Support and a current police check are required."_s;
    content.descriptionHtml = u"<p>"_s + content.descriptionText + u"</p>"_s;
    content.categoryId = 4;
    content.categoryName = u"Aged Care Assistant"_s;
    content.workTypes = {WorkType::PartTime};
    content.salary = {3000, 3500, SalaryType::Hourly};
    content.location = {u"Richmond"_s, u"VIC"_s, u"3121"_s};
    content.applyUrl = u"https://clientats.com/jobs/123/apply"_s;
    content.status = JobStatus::Active;
    job.providerName = u"Evergreen Residential Care"_s;
    job.facilityName = u"Evergreen Richmond"_s;
    return job;
}

const DisplayCheck *findCheck(const QList<DisplayCheck> &checks, const QString &key)
{
    for (const DisplayCheck &check : checks) {
        if (check.key == key)
            return &check;
    }
    return nullptr;
}

} // namespace

class TestDisplayChecks : public QObject
{
    Q_OBJECT

private slots:
    void goodJobPassesEverything();
    void checksInFixedOrder();
    void findings_data();
    void findings();
    void visibleMarkupFound_data();
    void visibleMarkupFound();
};

void TestDisplayChecks::goodJobPassesEverything()
{
    const QList<DisplayCheck> checks = checkJobDisplay(goodJob(), richmond(), officialCategories());
    QCOMPARE(checks.size(), 8);
    for (const DisplayCheck &check : checks) {
        QVERIFY2(check.result == DisplayCheck::Result::Pass,
                 qPrintable(check.key + u": "_s + check.message));
        QVERIFY2(!check.message.isEmpty(), qPrintable(check.key));
        QVERIFY2(!check.name.isEmpty(), qPrintable(check.key));
    }
    QVERIFY(findCheck(checks, u"pay"_s)->message.contains(u"$30 \u2013 $35 per hour"_s));
    QVERIFY(findCheck(checks, u"category"_s)->message.contains(u"Aged Care Assistant"_s));
}

void TestDisplayChecks::checksInFixedOrder()
{
    QStringList keys;
    const QList<DisplayCheck> checks = checkJobDisplay(goodJob(), std::nullopt, {});
    for (const DisplayCheck &check : checks)
        keys.append(check.key);
    QCOMPARE(keys, (QStringList{u"category"_s, u"title"_s, u"pay"_s, u"work-types"_s, u"location"_s,
                                u"description"_s, u"apply-link"_s, u"visibility"_s}));
}

void TestDisplayChecks::findings_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("result");
    QTest::addColumn<QString>("messagePart");

    const int warning = int(DisplayCheck::Result::Warning);
    const int failure = int(DisplayCheck::Result::Failure);

    QTest::newRow("category not on the list")
        << Change([](Job &job, auto &, auto &) { job.content.categoryId = 99; }) << u"category"_s
        << failure << u"not on the official list"_s;
    QTest::newRow("category retired with successor")
        << Change([](Job &, auto &, QList<Category> &categories) {
               categories[1].retiredAt = QDateTime::currentDateTimeUtc();
               categories[1].successorId = 1;
           })
        << u"category"_s << warning << u"\u201cRegistered Nurse\u201d instead"_s;
    QTest::newRow("title empty") << Change([](Job &job, auto &, auto &) {
        job.content.title.clear();
    }) << u"title"_s << failure << u"empty"_s;
    QTest::newRow("title very short")
        << Change([](Job &job, auto &, auto &) { job.content.title = u"RN"_s; }) << u"title"_s
        << warning << u"very short"_s;
    QTest::newRow("title long") << Change([](Job &job, auto &, auto &) {
        job.content.title = QString(90, u'a');
    }) << u"title"_s << warning << u"90 characters"_s;
    QTest::newRow("title in capitals") << Change([](Job &job, auto &, auto &) {
        job.content.title = u"URGENT AGED CARE ASSISTANT"_s;
    }) << u"title"_s << warning << u"capital letters"_s;
    QTest::newRow("pay not listed")
        << Change([](Job &job, auto &, auto &) { job.content.salary = {}; }) << u"pay"_s << warning
        << u"Pay not listed"_s;
    QTest::newRow("pay without unit")
        << Change([](Job &job, auto &, auto &) { job.content.salary.type.reset(); }) << u"pay"_s
        << failure << u"\u201c$30 \u2013 $35\u201d with no unit"_s;
    QTest::newRow("salary sent as hourly") << Change([](Job &job, auto &, auto &) {
        job.content.salary = {6500000, 7000000, SalaryType::Hourly};
    }) << u"pay"_s << warning << u"looks like a salary"_s;
    QTest::newRow("hourly rate sent as annual") << Change([](Job &job, auto &, auto &) {
        job.content.salary = {3000, 3500, SalaryType::Annual};
    }) << u"pay"_s << warning << u"sent as ANNUAL"_s;
    QTest::newRow("no work type") << Change([](Job &job, auto &, auto &) {
        job.content.workTypes.clear();
    }) << u"work-types"_s << failure
                                  << u"No work type"_s;
    QTest::newRow("facility missing")
        << Change([](Job &, std::optional<Facility> &facility, auto &) { facility.reset(); })
        << u"location"_s << failure << u"not on record"_s;
    QTest::newRow("facility in another state")
        << Change([](Job &, std::optional<Facility> &facility, auto &) {
               facility->suburb = u"Parramatta"_s;
               facility->state = u"NSW"_s;
               facility->postcode = u"2150"_s;
           })
        << u"location"_s << failure << u"another state"_s;
    QTest::newRow("facility in another suburb")
        << Change([](Job &, std::optional<Facility> &facility, auto &) {
               facility->suburb = u"Geelong"_s;
               facility->postcode = u"3220"_s;
           })
        << u"location"_s << warning << u"Geelong VIC 3220"_s;
    QTest::newRow("postcode outside the state")
        << Change([](Job &job, auto &, auto &) { job.content.location.postcode = u"2150"_s; })
        << u"location"_s << failure << u"not in VIC"_s;
    QTest::newRow("suburb in other case passes")
        << Change([](Job &job, auto &, auto &) { job.content.location.suburb = u"RICHMOND"_s; })
        << u"location"_s << int(DisplayCheck::Result::Pass) << u"Evergreen Richmond"_s;
    QTest::newRow("description empty")
        << Change([](Job &job, auto &, auto &) { job.content.descriptionText.clear(); })
        << u"description"_s << failure << u"empty"_s;
    QTest::newRow("description short") << Change([](Job &job, auto &, auto &) {
        job.content.descriptionText = u"Carer wanted."_s;
    }) << u"description"_s << warning << u"13 characters"_s;
    QTest::newRow("description shows escaped tags") << Change([](Job &job, auto &, auto &) {
        job.content.descriptionText += u" <br> Apply now &amp; join us."_s;
    }) << u"description"_s << failure << u"\u201c<br>\u201d, \u201c&amp;\u201d"_s;
    QTest::newRow("apply link http") << Change([](Job &job, auto &, auto &) {
        job.content.applyUrl = u"http://clientats.com/jobs/123/apply"_s;
    }) << u"apply-link"_s << warning << u"not secure"_s;
    QTest::newRow("apply link home page") << Change([](Job &job, auto &, auto &) {
        job.content.applyUrl = u"https://clientats.com/"_s;
    }) << u"apply-link"_s << warning << u"home page of clientats.com"_s;
    QTest::newRow("apply link to a private host") << Change([](Job &job, auto &, auto &) {
        job.content.applyUrl = u"https://192.168.1.10/apply"_s;
    }) << u"apply-link"_s << failure << u"invalid"_s;
    QTest::newRow("apply link relative")
        << Change([](Job &job, auto &, auto &) { job.content.applyUrl = u"/apply/123"_s; })
        << u"apply-link"_s << failure << u"invalid"_s;
    QTest::newRow("pending") << Change([](Job &job, auto &, auto &) {
        job.content.status = JobStatus::Pending;
    }) << u"visibility"_s << warning
                             << u"PENDING"_s;
    QTest::newRow("expired") << Change([](Job &job, auto &, auto &) {
        job.content.status = JobStatus::Expired;
    }) << u"visibility"_s << warning
                             << u"no longer open"_s;
    QTest::newRow("deleted") << Change([](Job &job, auto &, auto &) {
        job.deletedAt = QDateTime::currentDateTimeUtc();
    }) << u"visibility"_s << failure
                             << u"410 Gone"_s;
}

void TestDisplayChecks::findings()
{
    QFETCH(Change, change);
    QFETCH(QString, key);
    QFETCH(int, result);
    QFETCH(QString, messagePart);

    Job job = goodJob();
    std::optional<Facility> facility = richmond();
    QList<Category> categories = officialCategories();
    change(job, facility, categories);
    const QList<DisplayCheck> checks = checkJobDisplay(job, facility, categories);

    const DisplayCheck *check = findCheck(checks, key);
    QVERIFY(check);
    QCOMPARE(int(check->result), result);
    QVERIFY2(check->message.contains(messagePart), qPrintable(check->message));
    // The change affects only its own check.
    for (const DisplayCheck &other : checks) {
        if (other.key != key) {
            QVERIFY2(other.result == DisplayCheck::Result::Pass,
                     qPrintable(other.key + u": "_s + other.message));
        }
    }
}

void TestDisplayChecks::visibleMarkupFound_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("found");

    QTest::newRow("clean text") << u"Shifts 7am – 3pm, 3 < 4 and A&E experience."_s
                                << QStringList();
    QTest::newRow("escaped paragraph") << u"<p>Hello</p>"_s << QStringList{u"<p>"_s, u"</p>"_s};
    QTest::newRow("double-escaped reference")
        << u"Tom &amp; Jerry &#39;s"_s << QStringList{u"&amp;"_s, u"&#39;"_s};
    QTest::newRow("office styles")
        << u"Nurse mso-bidi-font-family text"_s << QStringList{u"mso-bidi-font-family"_s};
    QTest::newRow("comment") << u"Nurse <!-- comment --> text"_s
                             << QStringList{u"<!--"_s, u"-->"_s};
    QTest::newRow("at most five") << u"<a> <b> <i> <u> <p> <q>"_s
                                  << QStringList{u"<a>"_s, u"<b>"_s, u"<i>"_s, u"<u>"_s, u"<p>"_s};
}

void TestDisplayChecks::visibleMarkupFound()
{
    QFETCH(QString, text);
    QFETCH(QStringList, found);

    QCOMPARE(visibleMarkup(text), found);
}

QTEST_APPLESS_MAIN(TestDisplayChecks)
#include "tst_displaychecks.moc"
