#pragma once

#include "catalog.h"
#include "fieldissue.h"
#include "job.h"

#include <QJsonObject>

#include <functional>
#include <optional>

namespace hopstep {

// Published maxima of the Open API; requests over them are rejected, never truncated.
namespace limits {
// Lengths are in characters (Unicode code points), so an emoji counts as one.
constexpr qsizetype maxTitleLength = 150;          // after normalisation
constexpr qsizetype maxDescriptionLength = 50'000; // as sent, markup included
constexpr qsizetype maxSuburbLength = 80;
constexpr qsizetype maxWorkTypes = 10;           // entries in the array as sent
constexpr qint64 maxSalaryCents = 1'000'000'000; // $10,000,000
} // namespace limits

struct ValidationContext
{
    QString callerProviderId; // the provider the API key belongs to
    QList<Category> categories;
    std::function<std::optional<Facility>(const QString &id)> findFacility;
};

struct JobValidation
{
    JobContent content;
    QList<FieldIssue> errors;
    QList<FieldIssue> warnings;
    // providerId is well formed but names a provider other than the caller's, so the request
    // is forbidden rather than invalid.
    bool otherProvider = false;

    bool hasErrors() const { return !errors.isEmpty(); }
};

JobValidation validateNewJob(const QJsonObject &body, const ValidationContext &context);

// Validates a partial update: a field absent from body keeps its stored value, null clears a
// field that may be empty, and the merged job is checked as a whole.
JobValidation validateJobUpdate(const QJsonObject &body, const Job &stored,
                                const ValidationContext &context);

// Canonical lowercase form of a UUID sent without braces, or an empty string.
QString canonicalUuid(const QString &text);

} // namespace hopstep
