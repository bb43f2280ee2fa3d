// libFuzzer target: request bodies through the JSON-to-job path of POST and PUT /api/jobs.
//
// The input bytes are the body, sent with Content-Type: application/json. parseJsonBody() must
// accept it or return a complete problem (status 400, 413 or 415 with a code, title and detail).
// A JSON object then goes through validateNewJob() and through validateJobUpdate() against a
// fixed stored job. Every accepted job must lie within the published limits (see checkContent),
// and sending an accepted job back as an update, as an ATS does after reading it, must be
// accepted and change nothing.

#include "applyurl.h"
#include "australia.h"
#include "fuzzcheck.h"
#include "htmlgrammar.h"
#include "htmlsanitizer.h"
#include "jobvalidator.h"
#include "jsonbody.h"
#include "seedjob.h"
#include "textnormalizer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

const QString callerProvider = u"f9dda16b-4d42-4b63-9455-3ffd49ac8738"_s;
const QString otherProvider = u"0b7e4c3a-1d2f-4e5a-8b9c-6d7e8f9a0b1c"_s;
const QString richmondFacility = u"cbb456a2-787c-4f54-a8d6-96361736ce74"_s;
const QString geelongFacility = u"5d0f6a7e-2c3b-4e1f-9a8d-7b6c5e4f3a21"_s;
const QString parramattaFacility = u"8e2a4b6c-9d1f-4a3e-b5c7-d9e1f3a5b7c9"_s;
const QString closedFacility = u"3b1f5c2d-7a4e-4f6b-8c9d-0e1f2a3b4c5d"_s;

const QStringList &categoryNames()
{
    static const QStringList names = {u"Registered Nurse"_s,
                                      u"Enrolled Nurse"_s,
                                      u"Personal Care Worker"_s,
                                      u"Aged Care Assistant"_s,
                                      u"Support Worker"_s,
                                      u"Disability Support Worker"_s,
                                      u"Cleaner"_s,
                                      u"Kitchen / Catering"_s,
                                      u"Administration"_s,
                                      u"Allied Health"_s};
    return names;
}

Facility makeFacility(const QString &id, const QString &providerId, const QString &suburb,
                      const QString &postcode, bool active)
{
    Facility result;
    result.id = id;
    result.providerId = providerId;
    result.name = suburb + u" facility"_s;
    result.suburb = suburb;
    result.state = postcode.startsWith(u'3') ? u"VIC"_s : u"NSW"_s;
    result.postcode = postcode;
    result.active = active;
    return result;
}

// The demo data's catalog: two facilities of the caller, one of another provider, and one of
// the caller that is deactivated.
std::optional<Facility> findFacility(const QString &id)
{
    if (id == richmondFacility)
        return makeFacility(id, callerProvider, u"Richmond"_s, u"3121"_s, true);
    if (id == geelongFacility)
        return makeFacility(id, callerProvider, u"Geelong"_s, u"3220"_s, true);
    if (id == parramattaFacility)
        return makeFacility(id, otherProvider, u"Parramatta"_s, u"2150"_s, true);
    if (id == closedFacility)
        return makeFacility(id, callerProvider, u"Richmond"_s, u"3121"_s, false);
    return std::nullopt;
}

const ValidationContext &context()
{
    static const ValidationContext result = [] {
        ValidationContext value;
        value.callerProviderId = callerProvider;
        for (qsizetype i = 0; i < categoryNames().size(); ++i) {
            Category category;
            category.id = int(i + 1);
            category.name = categoryNames().at(i);
            category.position = int(i + 1);
            value.categories.append(category);
        }
        value.findFacility = findFacility;
        return value;
    }();
    return result;
}

// The job of tests/data/seed-create.json as stored, the target of every update.
const Job &storedJob()
{
    static const Job job = [] {
        const JobValidation created = validateNewJob(fuzz::seedJobBody(), context());
        FUZZ_CHECK(!created.hasErrors(), u"the stored job's body is rejected"_s);
        Job value;
        value.id = u"00000000-0000-4000-8000-000000000001"_s;
        value.content = created.content;
        value.version = 3;
        value.createdAt = QDateTime::fromString(u"2026-12-01T09:30:00Z"_s, Qt::ISODate);
        value.updatedAt = value.createdAt.addDays(1);
        return value;
    }();
    return job;
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void checkJsonBody(const QByteArray &body, const JsonBody &parsed)
{
    if (parsed.isValid()) {
        FUZZ_CHECK(body.size() <= maxJsonBodyBytes, QString::number(body.size()));
        FUZZ_CHECK(firstInvalidUtf8Offset(body) < 0,
                   u"accepted a body that is not UTF-8 at byte "_s +
                       QString::number(firstInvalidUtf8Offset(body)));
        return;
    }
    FUZZ_CHECK(parsed.status == 400 || parsed.status == 413 || parsed.status == 415,
               QString::number(parsed.status));
    FUZZ_CHECK(!parsed.code.isEmpty(), parsed.title);
    FUZZ_CHECK(!parsed.title.isEmpty(), parsed.code);
    FUZZ_CHECK(!parsed.detail.isEmpty(), parsed.code);
    if (body.size() > maxJsonBodyBytes)
        FUZZ_CHECK(parsed.status == 413, parsed.code);
    if (parsed.offset >= 0)
        FUZZ_CHECK(parsed.offset <= body.size(),
                   parsed.code + u" at offset "_s + QString::number(parsed.offset));
    if (parsed.line > 0)
        FUZZ_CHECK(parsed.column > 0, parsed.code);
}

void checkIssues(const QList<FieldIssue> &issues)
{
    for (const FieldIssue &issue : issues) {
        FUZZ_CHECK(issue.pointer.isEmpty() || issue.pointer.startsWith(u'/'), issue.pointer);
        FUZZ_CHECK(!issue.code.isEmpty(), issue.pointer);
        FUZZ_CHECK(!issue.message.isEmpty(), issue.pointer + u' ' + issue.code);
    }
}

bool isCanonicalUuid(const QString &text)
{
    return !text.isEmpty() && canonicalUuid(text) == text;
}

void checkApplyUrl(const QString &url)
{
    static const QRegularExpression forbidden(u"[\\s\\\\\\x00-\\x1F\\x7F]"_s);
    FUZZ_CHECK(url.startsWith(u"https://"_s, Qt::CaseInsensitive) ||
                   url.startsWith(u"http://"_s, Qt::CaseInsensitive),
               url);
    FUZZ_CHECK(url.size() <= maxApplyUrlLength, QString::number(url.size()));
    FUZZ_CHECK(!forbidden.match(url).hasMatch(), url);
}

// Invariants of every job the validator accepts.
void checkContent(const JobContent &content)
{
    const QString summary = content.title + u" / "_s + content.location.suburb;

    FUZZ_CHECK(isCanonicalUuid(content.providerId), content.providerId);
    FUZZ_CHECK(isCanonicalUuid(content.facilityId), content.facilityId);
    const std::optional<Facility> facility = findFacility(content.facilityId);
    FUZZ_CHECK(facility && facility->active && facility->providerId == content.providerId,
               content.facilityId);

    FUZZ_CHECK(!content.title.isEmpty(), summary);
    FUZZ_CHECK(content.title.size() <= limits::maxTitleLength, content.title);
    FUZZ_CHECK(text::normalizeSingleLine(content.title) == content.title, content.title);

    FUZZ_CHECK(!content.descriptionText.trimmed().isEmpty(), content.descriptionHtml);
    FUZZ_CHECK(!content.descriptionHtml.contains(u"<script"_s, Qt::CaseInsensitive),
               content.descriptionHtml);
    const QString violation = fuzz::sanitizedHtmlViolation(content.descriptionHtml);
    FUZZ_CHECK(violation.isEmpty(), violation + u"\nhtml: "_s + content.descriptionHtml);
    FUZZ_CHECK(sanitizeJobDescription(content.descriptionHtml).html == content.descriptionHtml,
               content.descriptionHtml);

    FUZZ_CHECK(content.categoryId >= 1 && content.categoryId <= categoryNames().size(),
               QString::number(content.categoryId));
    FUZZ_CHECK(content.categoryName == categoryNames().at(content.categoryId - 1),
               content.categoryName);

    FUZZ_CHECK(!content.workTypes.isEmpty(), summary);
    FUZZ_CHECK(content.workTypes.size() <= limits::maxWorkTypes,
               QString::number(content.workTypes.size()));

    const Salary &salary = content.salary;
    for (const std::optional<qint64> &cents : {salary.minCents, salary.maxCents}) {
        if (cents)
            FUZZ_CHECK(*cents > 0 && *cents <= limits::maxSalaryCents, QString::number(*cents));
    }
    if (salary.minCents && salary.maxCents)
        FUZZ_CHECK(*salary.minCents <= *salary.maxCents, QString::number(*salary.minCents) +
                                                             u" > "_s +
                                                             QString::number(*salary.maxCents));
    FUZZ_CHECK(salary.isEmpty() != salary.type.has_value(), summary);

    const Location &location = content.location;
    static const QRegularExpression postcode(u"^[0-9]{4}$"_s);
    FUZZ_CHECK(australia::stateCodes().contains(location.state), location.state);
    FUZZ_CHECK(postcode.match(location.postcode).hasMatch(), location.postcode);
    FUZZ_CHECK(australia::postcodeInState(location.postcode, location.state),
               location.postcode + u' ' + location.state);
    FUZZ_CHECK(!location.suburb.isEmpty(), summary);
    FUZZ_CHECK(location.suburb.size() <= limits::maxSuburbLength, location.suburb);

    checkApplyUrl(content.applyUrl);
}

// An ATS that reads a job and sends it back unchanged must not change or break it.
void checkRoundTrip(const JobContent &content)
{
    Job job = storedJob();
    job.content = content;
    const QJsonObject sentBack = jobToApiJson(job);
    const JobValidation again = validateJobUpdate(sentBack, job, context());
    checkIssues(again.errors);
    FUZZ_CHECK(!again.hasErrors(), again.errors.first().pointer + u": "_s +
                                       again.errors.first().message + u"\nsent back: "_s +
                                       json(sentBack));

    JobContent expected = content;
    // Titles are plain text that the validator decodes once more, so a title that still
    // contains a character reference or markup changes by design.
    if (content.title.contains(u'&') || content.title.contains(u'<'))
        expected.title = again.content.title;
    // These record how the ATS spelled the category in its last request.
    expected.categorySent = again.content.categorySent;
    expected.categoryViaAlias = again.content.categoryViaAlias;
    Job storedAgain = job;
    storedAgain.content = again.content;
    FUZZ_CHECK(again.content == expected, u"sent back: "_s + json(sentBack) +
                                              u"\nstored again: "_s +
                                              json(jobToApiJson(storedAgain)));
}

void checkValidation(const QJsonObject &body, const JobValidation &result, const Job *stored)
{
    checkIssues(result.errors);
    checkIssues(result.warnings);
    if (result.hasErrors())
        return;

    const JobContent &content = result.content;
    checkContent(content);
    if (body.contains(u"description"_s))
        FUZZ_CHECK(body.value(u"description"_s).toString().size() <= limits::maxDescriptionLength,
                   QString::number(body.value(u"description"_s).toString().size()));
    if (stored) {
        FUZZ_CHECK(content.providerId == stored->content.providerId, content.providerId);
    } else {
        FUZZ_CHECK(result.otherProvider == (content.providerId != callerProvider),
                   content.providerId);
        FUZZ_CHECK(content.status == JobStatus::Active || content.status == JobStatus::Pending,
                   jobStatusName(content.status));
    }
    if (!result.otherProvider)
        checkRoundTrip(content);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const JsonBody parsed = parseJsonBody("application/json", body);
    checkJsonBody(body, parsed);
    if (!parsed.isValid())
        return 0;

    checkValidation(parsed.object, validateNewJob(parsed.object, context()), nullptr);
    checkValidation(parsed.object, validateJobUpdate(parsed.object, storedJob(), context()),
                    &storedJob());
    return 0;
}
