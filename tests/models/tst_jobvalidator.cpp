#include "jobvalidator.h"
#include "secrets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

const QString guideProvider = u"f9dda16b-4d42-4b63-9455-3ffd49ac8738"_s;
const QString guideFacility = u"cbb456a2-787c-4f54-a8d6-96361736ce74"_s;
const QString otherFacility = u"8e2a4b6c-9d1f-4a3e-b5c7-d9e1f3a5b7c9"_s;
const QString closedFacility = u"3b1f5c2d-7a4e-4f6b-8c9d-0e1f2a3b4c5d"_s;

ValidationContext context()
{
    ValidationContext result;
    result.callerProviderId = guideProvider;
    const QStringList names = {u"Registered Nurse"_s,
                               u"Enrolled Nurse"_s,
                               u"Personal Care Worker"_s,
                               u"Aged Care Assistant"_s,
                               u"Support Worker"_s,
                               u"Disability Support Worker"_s,
                               u"Cleaner"_s,
                               u"Kitchen / Catering"_s,
                               u"Administration"_s,
                               u"Allied Health"_s};
    for (qsizetype i = 0; i < names.size(); ++i)
        result.categories.append({int(i + 1), names.at(i), int(i + 1)});
    result.findFacility = [](const QString &id) -> std::optional<Facility> {
        if (id == guideFacility)
            return Facility{id,
                            guideProvider,
                            u"Evergreen Richmond"_s,
                            u"Richmond"_s,
                            u"VIC"_s,
                            u"3121"_s,
                            true,
                            {}};
        if (id == otherFacility)
            return Facility{id,           u"0b7e4c3a-1d2f-4e5a-8b9c-6d7e8f9a0b1c"_s,
                            u"Banksia"_s, u"Parramatta"_s,
                            u"NSW"_s,     u"2150"_s,
                            true,         {}};
        if (id == closedFacility)
            return Facility{id,
                            guideProvider,
                            u"Evergreen Old Wing"_s,
                            u"Richmond"_s,
                            u"VIC"_s,
                            u"3121"_s,
                            false,
                            {}};
        return std::nullopt;
    };
    return result;
}

QJsonObject seed()
{
    return QJsonObject{
        {u"title"_s, u"Aged Care Assistant"_s},
        {u"description"_s, u"We are seeking an experienced Aged Care Support Worker."_s},
        {u"providerId"_s, guideProvider},
        {u"facilityId"_s, guideFacility},
        {u"category"_s, u"Aged Care Assistant"_s},
        {u"workTypes"_s, QJsonArray{u"FULL_TIME"_s}},
        {u"salaryMin"_s, 30},
        {u"salaryMax"_s, 35},
        {u"salaryType"_s, u"HOURLY"_s},
        {u"location"_s, QJsonObject{{u"suburb"_s, u"Richmond"_s},
                                    {u"state"_s, u"VIC"_s},
                                    {u"postcode"_s, u"3121"_s}}},
        {u"applyUrl"_s, u"https://clientats.com/jobs/123/apply"_s},
    };
}

// The seed with the members of patch put over it; a null member removes the field.
QJsonObject seedWith(const QByteArray &patch)
{
    QJsonObject body = seed();
    const QJsonObject changes = QJsonDocument::fromJson(patch).object();
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        if (it.value().isNull() && it.key().startsWith(u'-'))
            body.remove(it.key().mid(1));
        else
            body.insert(it.key(), it.value());
    }
    return body;
}

QStringList pointersOf(const QList<FieldIssue> &issues)
{
    QStringList pointers;
    for (const FieldIssue &issue : issues)
        pointers.append(issue.pointer);
    return pointers;
}

QStringList codesOf(const QList<FieldIssue> &issues)
{
    QStringList codes;
    for (const FieldIssue &issue : issues)
        codes.append(issue.code);
    return codes;
}

Job storedSeedJob()
{
    const JobValidation created = validateNewJob(seed(), context());
    Job job;
    job.id = u"00000000-0000-4000-8000-000000000001"_s;
    job.content = created.content;
    return job;
}

} // namespace

class TestJobValidator : public QObject
{
    Q_OBJECT

private slots:
    void seedIsValid();
    void rejections_data();
    void rejections();
    void normalisations_data();
    void normalisations();
    void moneyKeptInCents_data();
    void moneyKeptInCents();
    void unknownCategorySuggestsClosest();
    void arrayItemNamedWithArray();
    void placeNamedAfterStateAccepted();
    void manyProblemsAtOnce();
    void otherProviderIsForbidden();
    void updateMergesOntoStored_data();
    void updateMergesOntoStored();
    void updateClearsOptionalFields();
    void unknownFieldWarnsWithSuggestion();
    void messagesShowAmountsAsSent();
    void emojiCountAsOneCharacter();
    void disguisedKeyRejected_data();
    void disguisedKeyRejected();
    void fullwidthKeyRejected();
    void keyJoinedByStorageRejected_data();
    void keyJoinedByStorageRejected();
    void keyAsMemberNameRejected();
};

void TestJobValidator::seedIsValid()
{
    const JobValidation result = validateNewJob(seed(), context());
    QVERIFY2(result.errors.isEmpty(), qPrintable(pointersOf(result.errors).join(u", "_s)));
    QVERIFY(result.warnings.isEmpty());
    QVERIFY(!result.otherProvider);
    const JobContent &content = result.content;
    QCOMPARE(content.categoryId, 4);
    QCOMPARE(content.categoryName, u"Aged Care Assistant"_s);
    QCOMPARE(content.workTypes, QList<WorkType>{WorkType::FullTime});
    QCOMPARE(content.salary.minCents, std::optional<qint64>(3000));
    QCOMPARE(content.salary.maxCents, std::optional<qint64>(3500));
    QCOMPARE(content.salary.type, std::optional<SalaryType>(SalaryType::Hourly));
    QCOMPARE(content.location, (Location{u"Richmond"_s, u"VIC"_s, u"3121"_s}));
    QCOMPARE(content.status, JobStatus::Active);
}

void TestJobValidator::rejections_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("code");

    QTest::newRow("salary sent with currency sign")
        << QByteArray(R"({"salaryMin": "$30.50"})") << u"/salaryMin"_s << u"type"_s;
    QTest::newRow("salary range inverted")
        << QByteArray(R"({"salaryMin": 37, "salaryMax": 30})") << u"/salaryMax"_s << u"range"_s;
    QTest::newRow("negative salary")
        << QByteArray(R"({"salaryMin": -5})") << u"/salaryMin"_s << u"range"_s;
    QTest::newRow("fraction of a cent")
        << QByteArray(R"({"salaryMin": 30.555})") << u"/salaryMin"_s << u"precision"_s;
    QTest::newRow("fraction of a cent on a large amount")
        << QByteArray(R"({"salaryType": "ANNUAL", "salaryMin": 60000.005, "salaryMax": 70000})")
        << u"/salaryMin"_s << u"precision"_s;
    QTest::newRow("amount below one cent")
        << QByteArray(R"({"salaryMin": 1e-9})") << u"/salaryMin"_s << u"precision"_s;
    QTest::newRow("title of 151 emoji")
        << QByteArray("{\"title\": \"" + QString(u"😀"_s).repeated(151).toUtf8() + "\"}")
        << u"/title"_s << u"too-long"_s;
    QTest::newRow("annual amount sent as hourly")
        << QByteArray(R"({"salaryMin": 65000, "salaryMax": 70000})") << u"/salaryMin"_s
        << u"implausible"_s;
    QTest::newRow("amounts without unit")
        << QByteArray(R"({"-salaryType": null})") << u"/salaryType"_s << u"required"_s;
    QTest::newRow("unknown pay unit")
        << QByteArray(R"({"salaryType": "per shift"})") << u"/salaryType"_s << u"not-allowed"_s;
    QTest::newRow("currency other than AUD")
        << QByteArray(R"({"salaryCurrency": "USD"})") << u"/salaryCurrency"_s << u"not-allowed"_s;
    QTest::newRow("unknown work type") << QByteArray(R"({"workTypes": ["CASUAL", "Permanent"]})")
                                       << u"/workTypes/1"_s << u"not-allowed"_s;
    QTest::newRow("work types as string")
        << QByteArray(R"({"workTypes": "FULL_TIME"})") << u"/workTypes"_s << u"type"_s;
    QTest::newRow("empty work types")
        << QByteArray(R"({"workTypes": []})") << u"/workTypes"_s << u"required"_s;
    QTest::newRow("state outside Australia")
        << QByteArray(R"({"location": {"suburb": "Auckland", "state": "NZ", "postcode": "1010"}})")
        << u"/location/state"_s << u"not-allowed"_s;
    QTest::newRow("postcode of another state")
        << QByteArray(R"({"location": {"suburb": "Richmond", "state": "NSW", "postcode": "3121"}})")
        << u"/location/postcode"_s << u"state-mismatch"_s;
    QTest::newRow("location as string")
        << QByteArray(R"({"location": "Richmond VIC 3121"})") << u"/location"_s << u"type"_s;
    QTest::newRow("javascript apply url")
        << QByteArray(R"json({"applyUrl": "javascript:alert(1)"})json") << u"/applyUrl"_s
        << u"scheme"_s;
    QTest::newRow("loopback apply url") << QByteArray(R"({"applyUrl": "https://127.0.0.1/apply"})")
                                        << u"/applyUrl"_s << u"private-host"_s;
    QTest::newRow("facility of another provider")
        << QByteArray(R"({"facilityId": "8e2a4b6c-9d1f-4a3e-b5c7-d9e1f3a5b7c9"})")
        << u"/facilityId"_s << u"unknown-facility"_s;
    QTest::newRow("deactivated facility")
        << QByteArray(R"({"facilityId": "3b1f5c2d-7a4e-4f6b-8c9d-0e1f2a3b4c5d"})")
        << u"/facilityId"_s << u"inactive-facility"_s;
    QTest::newRow("provider id not a uuid")
        << QByteArray(R"({"providerId": "evergreen"})") << u"/providerId"_s << u"format"_s;
    QTest::newRow("title only markup")
        << QByteArray(R"({"title": "<b> </b>"})") << u"/title"_s << u"required"_s;
    QTest::newRow("title too long") << QByteArray("{\"title\": \"" + QByteArray(151, 'x') + "\"}")
                                    << u"/title"_s << u"too-long"_s;
    QTest::newRow("title a number") << QByteArray(R"({"title": 42})") << u"/title"_s << u"type"_s;
    QTest::newRow("unpaired surrogate")
        << QByteArray(R"({"title": "Carer \ud800"})") << u"/title"_s << u"invalid-unicode"_s;
    QTest::newRow("description without text")
        << QByteArray(R"({"description": "<p> </p>"})") << u"/description"_s << u"required"_s;
    QTest::newRow("new job expired")
        << QByteArray(R"({"status": "EXPIRED"})") << u"/status"_s << u"not-allowed"_s;
    QTest::newRow("read-only id on create")
        << QByteArray(R"({"id": "abc"})") << u"/id"_s << u"read-only"_s;
    QTest::newRow("empty category")
        << QByteArray(R"({"category": " "})") << u"/category"_s << u"required"_s;
    QTest::newRow("empty state")
        << QByteArray(R"({"location": {"suburb": "Richmond", "state": "", "postcode": "3121"}})")
        << u"/location/state"_s << u"required"_s;
    QTest::newRow("suburb ends in another state")
        << QByteArray(
               R"({"location": {"suburb": "Richmond NSW", "state": "VIC", "postcode": "3121"}})")
        << u"/location/suburb"_s << u"state-mismatch"_s;
    QTest::newRow("suburb names another state after a comma")
        << QByteArray(R"({"location": {"suburb": "Richmond NSW, Australia", "state": "VIC",
                          "postcode": "3121"}})")
        << u"/location/suburb"_s << u"state-mismatch"_s;
    QTest::newRow("suburb names another state in brackets")
        << QByteArray(R"json({"location": {"suburb": "Richmond (New South Wales)", "state": "VIC",
                              "postcode": "3121"}})json")
        << u"/location/suburb"_s << u"state-mismatch"_s;
    QTest::newRow("lower-case state before the country")
        << QByteArray(R"({"location": {"suburb": "Richmond nsw au", "state": "VIC",
                          "postcode": "3121"}})")
        << u"/location/suburb"_s << u"state-mismatch"_s;
    QTest::newRow("second state in brackets")
        << QByteArray(R"json({"location": {"suburb": "Richmond VIC (NSW)", "state": "VIC",
                              "postcode": "3121"}})json")
        << u"/location/suburb"_s << u"state-mismatch"_s;
    QTest::newRow("appended postcode of another state")
        << QByteArray(R"({"location": {"suburb": "Richmond VIC 2753", "state": "VIC",
                          "postcode": "3121"}})")
        << u"/location/suburb"_s << u"state-mismatch"_s;
    QTest::newRow("full state name at the end")
        << QByteArray(R"({"location": {"suburb": "Richmond Queensland", "state": "VIC",
                          "postcode": "3121"}})")
        << u"/location/suburb"_s << u"state-mismatch"_s;
    QTest::newRow("fullwidth state code")
        << QByteArray(R"({"location": {"suburb": "Richmond, \uFF2E\uFF33\uFF37", "state": "VIC",
                          "postcode": "3121"}})")
        << u"/location/suburb"_s << u"state-mismatch"_s;
    QTest::newRow("fullwidth postcode in the suburb")
        << QByteArray(R"({"location": {"suburb": "Richmond \uFF13\uFF11\uFF12\uFF11",
                          "state": "VIC", "postcode": "3121"}})")
        << u"/location/suburb"_s << u"invalid"_s;
    QTest::newRow("full state name before the country")
        << QByteArray(R"({"location": {"suburb": "Richmond Queensland Australia", "state": "VIC",
                          "postcode": "3121"}})")
        << u"/location/suburb"_s << u"state-mismatch"_s;
    QTest::newRow("full state name with hyphens")
        << QByteArray(R"({"location": {"suburb": "Richmond New-South-Wales", "state": "VIC",
                          "postcode": "3121"}})")
        << u"/location/suburb"_s << u"state-mismatch"_s;
    QTest::newRow("state name that ends in the country")
        << QByteArray(R"({"location": {"suburb": "Richmond South Australia", "state": "VIC",
                          "postcode": "3121"}})")
        << u"/location/suburb"_s << u"state-mismatch"_s;
    QTest::newRow("postcode in the suburb")
        << QByteArray(
               R"({"location": {"suburb": "Richmond 2000", "state": "VIC", "postcode": "3121"}})")
        << u"/location/suburb"_s << u"invalid"_s;
    QTest::newRow("null work type")
        << QByteArray(R"({"workTypes": ["FULL_TIME", null]})") << u"/workTypes/1"_s << u"type"_s;
}

void TestJobValidator::rejections()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, pointer);
    QFETCH(QString, code);

    const JobValidation result = validateNewJob(seedWith(patch), context());
    QVERIFY2(pointersOf(result.errors).contains(pointer),
             qPrintable(pointersOf(result.errors).join(u", "_s)));
    for (const FieldIssue &error : result.errors) {
        QCOMPARE(error.code, code);
        QVERIFY(error.message.size() > 20);
    }
}

void TestJobValidator::normalisations_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("warnings");

    QTest::newRow("work type spellings")
        << QByteArray(R"({"workTypes": ["Full-time", "casual", "part time"]})") << u"workTypes"_s
        << u"FULL_TIME,CASUAL,PART_TIME"_s << QStringList();
    QTest::newRow("work type without separator")
        << QByteArray(R"({"workTypes": ["fulltime"]})") << u"workTypes"_s << u"FULL_TIME"_s
        << QStringList();
    QTest::newRow("work type alias") << QByteArray(R"({"workTypes": ["Permanent Full Time"]})")
                                     << u"workTypes"_s << u"FULL_TIME"_s << QStringList{u"alias"_s};
    QTest::newRow("work type repeated")
        << QByteArray(R"({"workTypes": ["CASUAL", "Casual"]})") << u"workTypes"_s << u"CASUAL"_s
        << QStringList{u"duplicate"_s};
    QTest::newRow("category other case and spacing")
        << QByteArray(R"({"category": "  aged care   assistant"})") << u"category"_s
        << u"Aged Care Assistant"_s << QStringList();
    QTest::newRow("category without spaces")
        << QByteArray(R"({"category": "kitchen/catering"})") << u"category"_s
        << u"Kitchen / Catering"_s << QStringList();
    QTest::newRow("category by id") << QByteArray(R"({"category": 1})") << u"category"_s
                                    << u"Registered Nurse"_s << QStringList();
    QTest::newRow("category id as text") << QByteArray(R"({"category": "6"})") << u"category"_s
                                         << u"Disability Support Worker"_s << QStringList();
    QTest::newRow("non-breaking and doubled spaces in title")
        << QByteArray("{\"title\": \"Aged\xC2\xA0"
                      "Care  Assistant \"}")
        << u"title"_s << u"Aged Care Assistant"_s << QStringList();
    QTest::newRow("title escaped once")
        << QByteArray(R"({"title": "Cook &amp; Kitchen Hand"})") << u"title"_s
        << u"Cook & Kitchen Hand"_s << QStringList{u"references-decoded"_s};
    QTest::newRow("title with tags") << QByteArray(R"({"title": "<b>Cook</b>"})") << u"title"_s
                                     << u"Cook"_s << QStringList{u"markup-removed"_s};
    QTest::newRow("state written out in full")
        << QByteArray(
               R"({"location": {"suburb": "Parramatta", "state": "New South Wales", "postcode": "2150"}})")
        << u"state"_s << u"NSW"_s << QStringList{u"facility-state"_s};
    QTest::newRow("state as iso code")
        << QByteArray(
               R"({"location": {"suburb": "Richmond", "state": "AU-VIC", "postcode": "3121"}})")
        << u"state"_s << u"VIC"_s << QStringList();
    QTest::newRow("postcode lost its leading zero")
        << QByteArray(R"({"location": {"suburb": "Darwin", "state": "NT", "postcode": 800}})")
        << u"postcode"_s << u"0800"_s << QStringList{u"padded"_s, u"facility-state"_s};
    QTest::newRow("state appended to suburb")
        << QByteArray(
               R"({"location": {"suburb": "Richmond VIC", "state": "VIC", "postcode": "3121"}})")
        << u"suburb"_s << u"Richmond"_s << QStringList{u"state-removed"_s};
    QTest::newRow("salary as plain numeric text")
        << QByteArray(R"({"salaryMin": "30.50"})") << u"salaryMin"_s << u"3050"_s
        << QStringList{u"number-as-string"_s};
    QTest::newRow("pay unit alias") << QByteArray(R"({"salaryType": "per hour"})")
                                    << u"salaryType"_s << u"HOURLY"_s << QStringList{u"alias"_s};
    QTest::newRow("pay unit lower case") << QByteArray(R"({"salaryType": "hourly"})")
                                         << u"salaryType"_s << u"HOURLY"_s << QStringList();
    QTest::newRow("status alias") << QByteArray(R"({"status": "draft"})") << u"status"_s
                                  << u"PENDING"_s << QStringList{u"alias"_s};
    QTest::newRow("http apply url warned")
        << QByteArray(R"({"applyUrl": "http://clientats.com/a"})") << u"applyUrl"_s
        << u"http://clientats.com/a"_s << QStringList{u"apply-url"_s};
    QTest::newRow("emoji round trip")
        << QByteArray(R"({"title": "Carer 👩‍⚕️ wanted"})") << u"title"_s
        << u"Carer 👩‍⚕️ wanted"_s << QStringList();
}

void TestJobValidator::normalisations()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QFETCH(QStringList, warnings);

    const JobValidation result = validateNewJob(seedWith(patch), context());
    QVERIFY2(result.errors.isEmpty(), qPrintable(pointersOf(result.errors).join(u", "_s)));
    const JobContent &content = result.content;
    QString actual;
    if (field == u"workTypes"_s) {
        QStringList names;
        for (WorkType type : content.workTypes)
            names.append(workTypeName(type));
        actual = names.join(u',');
    } else if (field == u"category"_s) {
        actual = content.categoryName;
    } else if (field == u"title"_s) {
        actual = content.title;
    } else if (field == u"state"_s) {
        actual = content.location.state;
    } else if (field == u"postcode"_s) {
        actual = content.location.postcode;
    } else if (field == u"suburb"_s) {
        actual = content.location.suburb;
    } else if (field == u"salaryMin"_s) {
        actual = QString::number(content.salary.minCents.value_or(-1));
    } else if (field == u"salaryType"_s) {
        actual = salaryTypeName(content.salary.type.value_or(SalaryType::Annual));
    } else if (field == u"status"_s) {
        actual = jobStatusName(content.status);
    } else if (field == u"applyUrl"_s) {
        actual = content.applyUrl;
    }
    QCOMPARE(actual, expected);
    QCOMPARE(codesOf(result.warnings), warnings);
}

void TestJobValidator::moneyKeptInCents_data()
{
    QTest::addColumn<double>("amount");
    QTest::addColumn<qint64>("cents");

    QTest::newRow("whole dollars") << 30.0 << qint64(3000);
    QTest::newRow("one decimal") << 30.5 << qint64(3050);
    QTest::newRow("two decimals") << 34.99 << qint64(3499);
    QTest::newRow("binary inexact") << 0.29 * 100.0 << qint64(2900);
    QTest::newRow("cents that float badly") << 36.07 << qint64(3607);
}

void TestJobValidator::moneyKeptInCents()
{
    QFETCH(double, amount);
    QFETCH(qint64, cents);

    QJsonObject body = seed();
    body.insert(u"salaryMin"_s, amount);
    body.insert(u"salaryMax"_s, 40);
    const JobValidation result = validateNewJob(body, context());
    QVERIFY2(result.errors.isEmpty(), qPrintable(pointersOf(result.errors).join(u", "_s)));
    QCOMPARE(result.content.salary.minCents, std::optional<qint64>(cents));
}

void TestJobValidator::unknownCategorySuggestsClosest()
{
    const JobValidation result =
        validateNewJob(seedWith(R"json({"category": "Nurse (Aged Care)"})json"), context());
    QCOMPARE(pointersOf(result.errors), QStringList{u"/category"_s});
    const QString message = result.errors.first().message;
    QVERIFY2(message.contains(u"closest official names"_s), qPrintable(message));
    QVERIFY2(message.contains(u"Registered Nurse"_s), qPrintable(message));
    QVERIFY2(message.contains(u"GET /api/categories"_s), qPrintable(message));

    const JobValidation typo =
        validateNewJob(seedWith(R"({"category": "Registred Nurse"})"), context());
    QVERIFY2(typo.errors.first().message.contains(u"e.g. Registered Nurse"_s),
             qPrintable(typo.errors.first().message));

    // A word of the same stem counts, so "Nursing" leads to the nurses.
    const JobValidation stem = validateNewJob(seedWith(R"({"category": "Nursing"})"), context());
    const QString stemMessage = stem.errors.first().message;
    const QString firstTwo = stemMessage.section(u"e.g. "_s, 1).section(u", "_s, 0, 1);
    QVERIFY2(firstTwo.contains(u"Registered Nurse"_s) && firstTwo.contains(u"Enrolled Nurse"_s),
             qPrintable(stemMessage));
}

void TestJobValidator::arrayItemNamedWithArray()
{
    const JobValidation result =
        validateNewJob(seedWith(R"({"workTypes": ["FULL_TIME", null]})"), context());
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().message, u"workTypes[1] must be a string; received null."_s);
}

void TestJobValidator::placeNamedAfterStateAccepted()
{
    // Mount Victoria is in NSW, so its name is not a state of its own.
    const JobValidation result = validateNewJob(
        seedWith(
            R"({"location": {"suburb": "Mount Victoria", "state": "NSW", "postcode": "2786"}})"),
        context());
    QVERIFY2(!pointersOf(result.errors).contains(u"/location/suburb"_s),
             qPrintable(pointersOf(result.errors).join(u", "_s)));
    QCOMPARE(result.content.location.suburb, u"Mount Victoria"_s);
}

void TestJobValidator::manyProblemsAtOnce()
{
    const QJsonObject body = QJsonDocument::fromJson(R"({"title": "Cleaner",
        "providerId": "not-a-uuid", "workTypes": ["CASUAL"],
        "location": {"suburb": "Parramatta"}})")
                                 .object();
    const JobValidation result = validateNewJob(body, context());
    const QStringList pointers = pointersOf(result.errors);
    for (const QString &pointer :
         {u"/providerId"_s, u"/facilityId"_s, u"/description"_s, u"/category"_s, u"/applyUrl"_s,
          u"/location/state"_s, u"/location/postcode"_s}) {
        QVERIFY2(pointers.contains(pointer), qPrintable(pointer));
    }
    QCOMPARE(pointers.size(), 7);
}

void TestJobValidator::otherProviderIsForbidden()
{
    const JobValidation result = validateNewJob(
        seedWith(R"({"providerId": "0b7e4c3a-1d2f-4e5a-8b9c-6d7e8f9a0b1c"})"), context());
    QVERIFY(result.otherProvider);
}

void TestJobValidator::updateMergesOntoStored_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QStringList>("errors");

    QTest::newRow("maximum only") << QByteArray(R"({"salaryMax": 37})") << QStringList();
    QTest::newRow("minimum above stored maximum")
        << QByteArray(R"({"salaryMin": 40})") << QStringList{u"/salaryMin"_s};
    QTest::newRow("postcode only")
        << QByteArray(R"({"location": {"postcode": "3122"}})") << QStringList();
    QTest::newRow("state that misfits stored postcode")
        << QByteArray(R"({"location": {"state": "QLD"}})") << QStringList{u"/location/postcode"_s};
    QTest::newRow("suburb cleared")
        << QByteArray(R"({"location": {"suburb": null}})") << QStringList{u"/location/suburb"_s};
    QTest::newRow("description cleared")
        << QByteArray(R"({"description": null})") << QStringList{u"/description"_s};
    QTest::newRow("same provider sent back")
        << QByteArray(R"({"providerId": "f9dda16b-4d42-4b63-9455-3ffd49ac8738"})") << QStringList();
    QTest::newRow("closed") << QByteArray(R"({"status": "CLOSED"})") << QStringList();
}

void TestJobValidator::updateMergesOntoStored()
{
    QFETCH(QByteArray, patch);
    QFETCH(QStringList, errors);

    const Job stored = storedSeedJob();
    const JobValidation result =
        validateJobUpdate(QJsonDocument::fromJson(patch).object(), stored, context());
    QCOMPARE(pointersOf(result.errors), errors);
    if (!errors.isEmpty())
        return;
    QCOMPARE(result.content.title, stored.content.title);
    QCOMPARE(result.content.facilityId, stored.content.facilityId);
}

void TestJobValidator::updateClearsOptionalFields()
{
    const Job stored = storedSeedJob();
    const JobValidation result = validateJobUpdate(
        QJsonDocument::fromJson(R"({"salaryMin": null, "salaryMax": null})").object(), stored,
        context());
    QVERIFY(result.errors.isEmpty());
    QVERIFY(result.content.salary.isEmpty());
    QVERIFY(!result.content.salary.type);
}

void TestJobValidator::unknownFieldWarnsWithSuggestion()
{
    const JobValidation result =
        validateNewJob(seedWith(R"({"salary_max": 40, "closingDate": "2027-01-01"})"), context());
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(codesOf(result.warnings), (QStringList{u"unknown-field"_s, u"unknown-field"_s}));
    QStringList messages;
    for (const FieldIssue &warning : result.warnings)
        messages.append(warning.message);
    QVERIFY2(messages.join(u' ').contains(u"did you mean salaryMax"_s),
             qPrintable(messages.join(u' ')));
}

void TestJobValidator::messagesShowAmountsAsSent()
{
    const JobValidation result = validateNewJob(seedWith(R"({"salaryMin": 30.555})"), context());
    QCOMPARE(result.errors.size(), 1);
    QVERIFY2(result.errors.first().message.contains(u"salaryMin 30.555 has"_s),
             qPrintable(result.errors.first().message));

    // Below the plausible hourly range the unit is right, so the hint is about the amount.
    const JobValidation low =
        validateNewJob(seedWith(R"({"salaryMin": 5, "salaryMax": 6})"), context());
    QVERIFY(!low.errors.isEmpty());
    QVERIFY2(low.errors.first().message.contains(u"Check the amount"_s),
             qPrintable(low.errors.first().message));
    QVERIFY(!low.errors.first().message.contains(u"probably HOURLY"_s));
}

void TestJobValidator::emojiCountAsOneCharacter()
{
    const QString title = QString(u"😀"_s).repeated(150);
    QJsonObject body = seed();
    body.insert(u"title"_s, title);
    QVERIFY(validateNewJob(body, context()).errors.isEmpty());
    body.insert(u"title"_s, QString(title + u"😀"_s));
    const JobValidation result = validateNewJob(body, context());
    QCOMPARE(result.errors.size(), 1);
    QVERIFY2(result.errors.first().message.contains(u"151 characters"_s),
             qPrintable(result.errors.first().message));
}

void TestJobValidator::disguisedKeyRejected_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("before"); // the text before the key's split
    QTest::addColumn<QString>("split");  // what is put inside the key
    QTest::addColumn<QString>("after");

    QTest::newRow("zero-width space in the title")
        << u"title"_s << u"Nurse "_s << u"\u200B"_s << QString();
    QTest::newRow("soft hyphen in the suburb")
        << u"suburb"_s << QString() << u"\u00AD"_s << QString();
    QTest::newRow("space in the title") << u"title"_s << u"Nurse "_s << u" "_s << QString();
    QTest::newRow("markup in the description")
        << u"description"_s << u"<p>Our key: "_s << u"</b><b>"_s << u"</p>"_s;
    QTest::newRow("character reference in the description")
        << u"description"_s << u"<p>Our key: "_s << u"&#8203;"_s << u"</p>"_s;
    QTest::newRow("C1 control in the title")
        << u"title"_s << u"Nurse "_s << u"\u0080"_s << QString();
    QTest::newRow("tag character in the description")
        << u"description"_s << u"<p>Key "_s << u"\U000E0001"_s << u"</p>"_s;
    QTest::newRow("combining grapheme joiner")
        << u"title"_s << QString() << u"\u034F"_s << QString();
    QTest::newRow("variation selector") << u"suburb"_s << QString() << u"\uFE0F"_s << QString();
    QTest::newRow("Hangul filler") << u"title"_s << QString() << u"\u3164"_s << QString();
    QTest::newRow("escaped markup in the description")
        << u"description"_s << u"Contact "_s << u"&lt;/b&gt;&lt;b&gt;"_s << QString();
    QTest::newRow("escaped character reference")
        << u"description"_s << u"&lt;p&gt;Contact "_s << u"&amp;shy;"_s << u"&lt;/p&gt;"_s;
    QTest::newRow("double percent-encoding")
        << u"title"_s << QString() << u"%25E2%2580%258B"_s << QString();
    QTest::newRow("backslash escape") << u"suburb"_s << QString() << u"\\x20"_s << QString();
    QTest::newRow("reference of a percent escape")
        << u"applyUrl"_s << u"https://clientats.com/apply?k="_s << u"&#37;20"_s << QString();
    QTest::newRow("reference escaped three times")
        << u"description"_s << u"Key "_s << u"&amp;amp;#8203;"_s << QString();
    QTest::newRow("percent-encoding in the apply link")
        << u"applyUrl"_s << u"https://clientats.com/apply?k="_s << u"%E2%80%8B"_s << QString();
}

void TestJobValidator::disguisedKeyRejected()
{
    QFETCH(QString, field);
    QFETCH(QString, before);
    QFETCH(QString, split);
    QFETCH(QString, after);

    const QString key = issueSecret(SecretKind::ApiKey).secret;
    const QString text = before + key.left(20) + split + key.mid(20) + after;
    QJsonObject body = seed();
    if (field == u"suburb"_s) {
        QJsonObject location = body.value(u"location"_s).toObject();
        location.insert(u"suburb"_s, text);
        body.insert(u"location"_s, location);
    } else {
        body.insert(field, text);
    }

    const JobValidation result = validateNewJob(body, context());
    QVERIFY2(codesOf(result.errors).contains(u"secret-in-content"_s),
             qPrintable(codesOf(result.errors).join(u", "_s)));
    // The same text without a valid key is ordinary text.
    QJsonObject plain = seed();
    plain.insert(u"title"_s, u"Nurse hsk_ shifts"_s);
    QVERIFY(!codesOf(validateNewJob(plain, context()).errors).contains(u"secret-in-content"_s));
}

void TestJobValidator::keyJoinedByStorageRejected_data()
{
    QTest::addColumn<QString>("description"); // KEY1 and KEY2 stand for the key's halves

    QTest::newRow("character reference in a link")
        << u"<p><a href=\"https://clientats.com/?k=&#104;KEY2\">Apply here</a></p>"_s;
    QTest::newRow("Office conditional between the halves")
        << u"<p>Intro text. KEY1<![if !supportLists]>zz<![endif]>KEY2</p>"_s;
}

void TestJobValidator::keyJoinedByStorageRejected()
{
    QFETCH(QString, description);

    const QString key = issueSecret(SecretKind::ApiKey).secret;
    description.replace(u"KEY1"_s, key.left(20));
    description.replace(u"KEY2"_s, description.contains(u"&#104;"_s) ? key.mid(1) : key.mid(20));
    QJsonObject body = seed();
    body.insert(u"description"_s, description);
    const JobValidation result = validateNewJob(body, context());
    QVERIFY2(codesOf(result.errors).contains(u"secret-in-content"_s),
             qPrintable(codesOf(result.errors).join(u", "_s)));
}

void TestJobValidator::keyAsMemberNameRejected()
{
    QJsonObject body = seed();
    body.insert(issueSecret(SecretKind::ApiKey).secret, 1);
    const JobValidation result = validateNewJob(body, context());
    QVERIFY2(codesOf(result.errors).contains(u"secret-in-content"_s),
             qPrintable(codesOf(result.errors).join(u", "_s)));
}

void TestJobValidator::fullwidthKeyRejected()
{
    // Fullwidth forms look like the key, and NFKC turns them back into it.
    QString fullwidth;
    for (const QChar c : issueSecret(SecretKind::ApiKey).secret)
        fullwidth.append(QChar(char16_t(c.unicode() + 0xFEE0)));
    QJsonObject body = seed();
    body.insert(u"title"_s, QString(u"Nurse "_s + fullwidth));
    const JobValidation result = validateNewJob(body, context());
    QVERIFY2(codesOf(result.errors).contains(u"secret-in-content"_s),
             qPrintable(codesOf(result.errors).join(u", "_s)));
}

QTEST_APPLESS_MAIN(TestJobValidator)
#include "tst_jobvalidator.moc"
