#include "jobposting.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QJsonObject baseSalary(const Salary &salary)
{
    if (salary.isEmpty() || !salary.type)
        return {};
    QJsonObject value{{u"@type"_s, u"QuantitativeValue"_s},
                      {u"unitText"_s, salaryUnitText(*salary.type)}};
    if (salary.minCents && salary.maxCents && *salary.minCents == *salary.maxCents) {
        value.insert(u"value"_s, centsToJson(*salary.minCents));
    } else {
        if (salary.minCents)
            value.insert(u"minValue"_s, centsToJson(*salary.minCents));
        if (salary.maxCents)
            value.insert(u"maxValue"_s, centsToJson(*salary.maxCents));
    }
    return QJsonObject{
        {u"@type"_s, u"MonetaryAmount"_s}, {u"currency"_s, u"AUD"_s}, {u"value"_s, value}};
}

QJsonObject jobLocation(const Job &job)
{
    const Location &location = job.content.location;
    QJsonObject address{{u"@type"_s, u"PostalAddress"_s}, {u"addressCountry"_s, u"AU"_s}};
    if (!location.suburb.isEmpty())
        address.insert(u"addressLocality"_s, location.suburb);
    if (!location.state.isEmpty())
        address.insert(u"addressRegion"_s, location.state);
    if (!location.postcode.isEmpty())
        address.insert(u"postalCode"_s, location.postcode);
    QJsonObject place{{u"@type"_s, u"Place"_s}, {u"address"_s, address}};
    if (!job.facilityName.isEmpty())
        place.insert(u"name"_s, job.facilityName);
    return place;
}

} // namespace

QString employmentTypeFor(WorkType type)
{
    switch (type) {
    case WorkType::FullTime:
        return u"FULL_TIME"_s;
    case WorkType::PartTime:
        return u"PART_TIME"_s;
    case WorkType::Casual:
        // Australian casual work is shifts offered as needed, without guaranteed hours, which is
        // what Google's PER_DIEM ("paid by the day as needed") describes in care work.
        return u"PER_DIEM"_s;
    case WorkType::Contract:
        // A contract role in care work is a fixed-term position, while Google's CONTRACTOR means
        // an independent contractor, so TEMPORARY is the closer value.
        return u"TEMPORARY"_s;
    case WorkType::Volunteer:
        return u"VOLUNTEER"_s;
    }
    return u"OTHER"_s;
}

QStringList employmentTypesFor(const QList<WorkType> &types)
{
    QStringList values;
    for (WorkType type : types) {
        const QString value = employmentTypeFor(type);
        if (!values.contains(value))
            values.append(value);
    }
    return values;
}

QString salaryUnitText(SalaryType type)
{
    switch (type) {
    case SalaryType::Hourly:
        return u"HOUR"_s;
    case SalaryType::Daily:
        return u"DAY"_s;
    case SalaryType::Weekly:
        return u"WEEK"_s;
    case SalaryType::Monthly:
        return u"MONTH"_s;
    case SalaryType::Annual:
        return u"YEAR"_s;
    }
    return {};
}

QJsonObject jobPostingJsonLd(const Job &job, const QUrl &pageUrl)
{
    const JobContent &content = job.content;
    QJsonObject posting{
        {u"@context"_s, u"https://schema.org"_s},
        {u"@type"_s, u"JobPosting"_s},
        {u"title"_s, content.title},
        // Google reads the description as HTML, which was sanitised on ingest.
        {u"description"_s,
         content.descriptionHtml.isEmpty() ? content.descriptionText : content.descriptionHtml},
        {u"datePosted"_s, job.createdAt.toUTC().toString(Qt::ISODate)},
        {u"hiringOrganization"_s,
         QJsonObject{{u"@type"_s, u"Organization"_s}, {u"name"_s, job.providerName}}},
        {u"jobLocation"_s, jobLocation(job)},
        {u"identifier"_s, QJsonObject{{u"@type"_s, u"PropertyValue"_s},
                                      {u"name"_s, u"hopstep"_s},
                                      {u"value"_s, job.id}}},
        // Candidates apply on the ATS's form, not on hopstep.
        {u"directApply"_s, false},
    };
    const QStringList employmentTypes = employmentTypesFor(content.workTypes);
    if (employmentTypes.size() == 1)
        posting.insert(u"employmentType"_s, employmentTypes.constFirst());
    else if (!employmentTypes.isEmpty())
        posting.insert(u"employmentType"_s, QJsonArray::fromStringList(employmentTypes));
    const QJsonObject salary = baseSalary(content.salary);
    if (!salary.isEmpty())
        posting.insert(u"baseSalary"_s, salary);
    if (!pageUrl.isEmpty())
        posting.insert(u"url"_s, pageUrl.toString(QUrl::FullyEncoded));
    return posting;
}

QString jsonForScriptElement(const QJsonObject &object)
{
    QString json = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    json.replace(u'<', u"\\u003c"_s)
        .replace(u'>', u"\\u003e"_s)
        .replace(u'&', u"\\u0026"_s)
        .replace(QChar(0x2028), u"\\u2028"_s)
        .replace(QChar(0x2029), u"\\u2029"_s);
    return json;
}

} // namespace hopstep
