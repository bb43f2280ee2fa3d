#pragma once

#include "job.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace hopstep {

// schema.org JobPosting structured data for the public job page, with the properties Google's
// job search documents (title, description, datePosted, hiringOrganization, jobLocation,
// employmentType, baseSalary, directApply, identifier).

// Google's employmentType value for a work type: FULL_TIME, PART_TIME, PER_DIEM for CASUAL,
// TEMPORARY for CONTRACT, VOLUNTEER.
QString employmentTypeFor(WorkType type);
// The employmentType values of the job's work types, in order and without repeats.
QStringList employmentTypesFor(const QList<WorkType> &types);
// The QuantitativeValue unitText for a pay period: HOUR, DAY, WEEK, MONTH or YEAR.
QString salaryUnitText(SalaryType type);

// Builds the JobPosting for an open job. pageUrl is the absolute URL of the job page; when it is
// empty, url is left out. baseSalary is left out when the job lists no pay or no pay period,
// because an amount without a unit is meaningless to a search engine.
QJsonObject jobPostingJsonLd(const Job &job, const QUrl &pageUrl);

// Serialises object for a <script type="application/ld+json"> element. '<', '>' and '&' only
// occur inside JSON strings, and are written as \u003c, \u003e and \u0026, so no value can end
// the element or open a comment; U+2028 and U+2029 are escaped as well.
QString jsonForScriptElement(const QJsonObject &object);

} // namespace hopstep
