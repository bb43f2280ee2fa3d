#include "displaychecks.h"

#include "applyurl.h"
#include "australia.h"
#include "jobpagerenderer.h"

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

using Result = DisplayCheck::Result;

DisplayCheck makeCheck(const QString &key, const QString &name, Result result,
                       const QString &message)
{
    return {key, name, result, message};
}

QString quoted(const QString &text)
{
    return u'\u201c' + text + u'\u201d';
}

DisplayCheck checkCategory(const Job &job, const QList<Category> &categories)
{
    const auto category = findCategoryById(categories, job.content.categoryId);
    if (!category) {
        return makeCheck(u"category"_s, u"Category"_s, Result::Failure,
                         u"Category id %1 is not on the official list, so the job appears in no "
                         u"section of the board. Ask the ATS to map its category to one of the "
                         u"official names."_s.arg(job.content.categoryId));
    }
    if (category->isRetired()) {
        const auto successor = findCategoryById(categories, category->successorId);
        const QString instead =
            successor ? u" Ask the ATS to map it to %1 instead."_s.arg(quoted(successor->name))
                      : u" Ask the ATS to map it to a current category."_s;
        return makeCheck(u"category"_s, u"Category"_s, Result::Warning,
                         u"Listed under %1, a category that was retired; new jobs with it are "
                         u"rejected."_s.arg(quoted(category->name)) +
                             instead);
    }
    return makeCheck(u"category"_s, u"Category"_s, Result::Pass,
                     u"Listed under %1 on the board."_s.arg(quoted(category->name)));
}

DisplayCheck checkTitle(const Job &job)
{
    const QString &title = job.content.title;
    const auto check = [](Result result, const QString &message) {
        return makeCheck(u"title"_s, u"Title"_s, result, message);
    };
    if (title.trimmed().isEmpty())
        return check(Result::Failure, u"The title is empty, so the page has no heading."_s);
    bool hasLetters = false;
    bool hasLowerCase = false;
    for (QChar c : title) {
        hasLetters = hasLetters || c.isLetter();
        hasLowerCase = hasLowerCase || c.isLower();
    }
    if (title.size() < 5) {
        return check(Result::Warning,
                     u"The title %1 is very short. Candidates search for whole role names such as "
                     u"\u201cRegistered Nurse\u201d."_s.arg(quoted(title)));
    }
    if (title.size() > maxComfortableTitleLength) {
        return check(Result::Warning,
                     u"The title has %1 characters. Titles over %2 wrap over several lines on "
                     u"phones and are shortened in search results; move shifts, pay or location "
                     u"into the description."_s.arg(title.size())
                         .arg(maxComfortableTitleLength));
    }
    if (hasLetters && !hasLowerCase) {
        return check(Result::Warning,
                     u"The title is all in capital letters, which reads as shouting and is "
                     u"harder to read. Ask the ATS to send it in normal case."_s);
    }
    return check(Result::Pass, u"%1, %2 characters."_s.arg(quoted(title)).arg(title.size()));
}

DisplayCheck checkPay(const Job &job)
{
    const Salary &salary = job.content.salary;
    const QString payText = JobPageRenderer::formatPay(salary);
    const auto check = [](Result result, const QString &message) {
        return makeCheck(u"pay"_s, u"Pay"_s, result, message);
    };
    if (salary.isEmpty()) {
        return check(Result::Warning,
                     u"No pay is listed, so the page shows \u201cPay not listed\u201d. Ask the ATS "
                     u"to send salaryMin, salaryMax and salaryType."_s);
    }
    if (!salary.type) {
        return check(Result::Failure,
                     u"The pay shows as %1 with no unit, so candidates cannot tell an hourly rate "
                     u"from a salary. Ask the ATS to send salaryType (HOURLY, DAILY, WEEKLY, "
                     u"MONTHLY or ANNUAL)."_s.arg(quoted(payText)));
    }
    // Rough bounds that catch an amount sent with the wrong salaryType, not award rates.
    const qint64 largest = std::max(salary.minCents.value_or(0), salary.maxCents.value_or(0));
    if (*salary.type == SalaryType::Hourly && largest >= 500'00) {
        return check(Result::Warning,
                     u"The pay reads %1, which looks like a salary sent as HOURLY. Check "
                     u"salaryType with the ATS."_s.arg(quoted(payText)));
    }
    if (*salary.type == SalaryType::Annual && largest < 5'000'00) {
        return check(Result::Warning,
                     u"The pay reads %1, which looks like an hourly or daily rate sent as ANNUAL. "
                     u"Check salaryType with the ATS."_s.arg(quoted(payText)));
    }
    return check(Result::Pass, u"Shown as %1."_s.arg(quoted(payText)));
}

DisplayCheck checkWorkTypes(const Job &job)
{
    if (job.content.workTypes.isEmpty()) {
        return makeCheck(u"work-types"_s, u"Work type"_s, Result::Failure,
                         u"No work type is listed, so the page's Work type row is empty and the "
                         u"job matches no work type filter. Ask the ATS to send workTypes."_s);
    }
    return makeCheck(
        u"work-types"_s, u"Work type"_s, Result::Pass,
        u"Shown as %1."_s.arg(quoted(JobPageRenderer::formatWorkTypes(job.content.workTypes))));
}

DisplayCheck checkLocation(const Job &job, const std::optional<Facility> &facility)
{
    const Location &location = job.content.location;
    const QString locationText = JobPageRenderer::formatLocation(location);
    const auto check = [](Result result, const QString &message) {
        return makeCheck(u"location"_s, u"Location"_s, result, message);
    };
    if (!facility) {
        return check(Result::Failure,
                     u"The job's facility %1 is not on record, so its location cannot be "
                     u"checked. Ask the ATS to send one of the provider's facility ids."_s.arg(
                         job.content.facilityId));
    }
    if (!location.postcode.isEmpty() && !location.state.isEmpty() &&
        !australia::postcodeInState(location.postcode, location.state)) {
        return check(Result::Failure,
                     u"Postcode %1 is not in %2, so the page shows an address that does not "
                     u"exist. Ask the ATS to correct the location."_s.arg(location.postcode,
                                                                          location.state));
    }
    const Location facilityLocation{facility->suburb, facility->state, facility->postcode};
    const QString facilityShown = JobPageRenderer::formatLocation(facilityLocation);
    if (facility->state.isEmpty()) {
        return check(
            Result::Warning,
            u"The job shows %1, but the facility %2 has no address on record to compare "
            u"it with. Add the facility's address."_s.arg(quoted(locationText), facility->name));
    }
    if (facility->state.compare(location.state, Qt::CaseInsensitive) != 0) {
        return check(Result::Failure,
                     u"The job shows %1, but its facility %2 is at %3, in another state. "
                     u"Candidates filtering by %4 will not find it; ask the ATS to send the "
                     u"facility's location."_s.arg(quoted(locationText), facility->name,
                                                   quoted(facilityShown), facility->state));
    }
    const bool sameSuburb =
        facility->suburb.trimmed().compare(location.suburb.trimmed(), Qt::CaseInsensitive) == 0;
    const bool samePostcode =
        facility->postcode.isEmpty() || facility->postcode == location.postcode;
    if (!sameSuburb || !samePostcode) {
        return check(Result::Warning,
                     u"The job shows %1, but its facility %2 is at %3. Check with the ATS that the "
                     u"job is at this facility."_s.arg(quoted(locationText), facility->name,
                                                       quoted(facilityShown)));
    }
    return check(Result::Pass,
                 u"Shown as %1, the address of %2."_s.arg(quoted(locationText), facility->name));
}

DisplayCheck checkDescription(const Job &job)
{
    const QString text = job.content.descriptionText.trimmed();
    const auto check = [](Result result, const QString &message) {
        return makeCheck(u"description"_s, u"Description"_s, result, message);
    };
    if (text.isEmpty()) {
        return check(Result::Failure,
                     u"The description is empty, so candidates see no duties or requirements."_s);
    }
    const QStringList markup = visibleMarkup(text);
    if (!markup.isEmpty()) {
        QStringList pieces;
        for (const QString &piece : markup)
            pieces.append(quoted(piece));
        return check(Result::Failure,
                     u"The description shows markup to candidates as text: %1. Ask the ATS to send "
                     u"the description as HTML, not as escaped or converted HTML."_s.arg(
                         pieces.join(u", "_s)));
    }
    if (text.size() < minDescriptionLength) {
        return check(Result::Warning,
                     u"The description has only %1 characters. Candidates look for duties, "
                     u"hours and requirements; ask for at least %2."_s.arg(text.size())
                         .arg(minDescriptionLength));
    }
    return check(Result::Pass,
                 u"%1 characters of text, with no leftover markup."_s.arg(text.size()));
}

DisplayCheck checkApplyLink(const Job &job)
{
    const auto check = [](Result result, const QString &message) {
        return makeCheck(u"apply-link"_s, u"Apply link"_s, result, message);
    };
    const ApplyUrlResult checked = checkApplyUrl(job.content.applyUrl);
    if (checked.url.isEmpty()) {
        return check(Result::Failure, u"The Apply link %1 is invalid: %2"_s.arg(
                                          quoted(job.content.applyUrl), checked.error));
    }
    const QUrl url(checked.url, QUrl::StrictMode);
    if (url.scheme() != u"https"_s) {
        return check(Result::Warning,
                     u"The Apply link uses %1, so browsers mark the ATS's form as not secure. Ask "
                     u"the ATS for an https link."_s.arg(url.scheme()));
    }
    if (!checked.warnings.isEmpty())
        return check(Result::Warning, checked.warnings.join(u' '));
    if (url.path().isEmpty() || url.path() == u"/"_s) {
        return check(Result::Warning,
                     u"The Apply link goes to the home page of %1, not to this job's form. Ask the "
                     u"ATS for the job's own application link."_s.arg(url.host()));
    }
    return check(Result::Pass,
                 u"Apply opens %1 on %2."_s.arg(url.toString(QUrl::FullyEncoded), url.host()));
}

DisplayCheck checkVisibility(const Job &job)
{
    const auto check = [](Result result, const QString &message) {
        return makeCheck(u"visibility"_s, u"Visibility"_s, result, message);
    };
    if (job.isDeleted()) {
        return check(Result::Failure,
                     u"The job was deleted; its page answers 410 Gone and shows nothing of it."_s);
    }
    switch (job.content.status) {
    case JobStatus::Active:
        return check(Result::Pass, u"ACTIVE: listed on the board while its provider and "
                                   u"facility are active."_s);
    case JobStatus::Pending:
        if (job.content.heldUntilLive) {
            return check(Result::Warning,
                         u"Held as PENDING until the integration goes live; then it is listed "
                         u"as ACTIVE."_s);
        }
        return check(Result::Warning, u"PENDING: candidates do not see it until it becomes "
                                      u"ACTIVE."_s);
    case JobStatus::Expired:
    case JobStatus::Closed:
        return check(Result::Warning,
                     u"%1: its page says the job is no longer open and offers no Apply."_s.arg(
                         jobStatusName(job.content.status)));
    }
    return check(Result::Warning, u"The status is unknown."_s);
}

} // namespace

QString displayCheckResultLabel(DisplayCheck::Result result)
{
    switch (result) {
    case DisplayCheck::Result::Pass:
        return u"Pass"_s;
    case DisplayCheck::Result::Warning:
        return u"Warning"_s;
    case DisplayCheck::Result::Failure:
        return u"Fail"_s;
    }
    return {};
}

QStringList visibleMarkup(const QString &text)
{
    // Tags such as <br> or </p>, character references such as &amp; or &#39;, HTML comments and
    // the mso- style names that Microsoft Office leaves behind.
    static const QRegularExpression pattern(
        u"</?[A-Za-z][A-Za-z0-9]*(?:\\s[^<>]*)?/?>|&(?:[A-Za-z][A-Za-z0-9]{1,9}|#[0-9]{1,7}|"
        u"#[xX][0-9A-Fa-f]{1,6});|<!--|-->|\\bmso-[a-z-]+"_s);
    QStringList found;
    QRegularExpressionMatchIterator matches = pattern.globalMatch(text);
    while (matches.hasNext() && found.size() < 5) {
        const QString piece = matches.next().captured(0).left(40);
        if (!found.contains(piece))
            found.append(piece);
    }
    return found;
}

QList<DisplayCheck> checkJobDisplay(const Job &job, const std::optional<Facility> &facility,
                                    const QList<Category> &categories)
{
    return {checkCategory(job, categories),
            checkTitle(job),
            checkPay(job),
            checkWorkTypes(job),
            checkLocation(job, facility),
            checkDescription(job),
            checkApplyLink(job),
            checkVisibility(job)};
}

} // namespace hopstep
