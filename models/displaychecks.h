#pragma once

#include "catalog.h"
#include "job.h"

#include <QList>
#include <QString>

#include <optional>

namespace hopstep {

// One check of how a job will display to candidates, for the reviewer who validates an
// integration's display before it goes live.
struct DisplayCheck
{
    enum class Result { Pass, Warning, Failure };

    QString key;  // stable id: "category", "title", "pay", "work-types", "location",
                  // "description", "apply-link" or "visibility"
    QString name; // "Category", "Pay": the label shown to the reviewer
    Result result = Result::Pass;
    QString message; // what candidates will see, and what to ask the ATS to fix
};

// "Pass", "Warning", "Fail".
QString displayCheckResultLabel(DisplayCheck::Result result);

// Descriptions shorter than this, in characters of plain text, get a warning.
constexpr qsizetype minDescriptionLength = 200;
// Titles longer than this, in characters, get a warning, although the API accepts up to 150.
constexpr qsizetype maxComfortableTitleLength = 80;

// Checks the job as the public page will show it. facility is the job's facility record, or
// empty when it was not found, and categories is the official list. Every check is returned, in
// the order of the key list above, so the reviewer can tell what passed as well as what failed.
QList<DisplayCheck> checkJobDisplay(const Job &job, const std::optional<Facility> &facility,
                                    const QList<Category> &categories);

// Returns the markup or character references that the plain text shows literally, such as
// "<br>" or "&amp;", at most five, in order of appearance.
QStringList visibleMarkup(const QString &text);

} // namespace hopstep
