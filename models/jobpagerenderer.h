#pragma once

#include "job.h"

#include <QString>

namespace hopstep {

// Renders a job as candidates see it on hopstep. The public job page and the console's preview
// both use renderJobCard, so a reviewer checks exactly what candidates will get.
class JobPageRenderer
{
public:
    enum class ApplyLink {
        Direct,       // the Apply link is the ATS's applyUrl, as the console preview shows it
        ThroughBoard, // the Apply link is /jobs/{id}/apply, which counts the click and redirects
    };

    static QString renderJobCard(const Job &job, ApplyLink link);
    // A whole document for QTextBrowser, with the preview style sheet inline.
    static QString renderPreviewDocument(const Job &job);
    static QString previewStyleSheet();

    // "$30 – $35 per hour", "From $30 per hour", "Up to $80,000 per year", "Pay not listed".
    static QString formatPay(const Salary &salary);
    // "Full time, Casual".
    static QString formatWorkTypes(const QList<WorkType> &types);
    // "Richmond VIC 3121".
    static QString formatLocation(const Location &location);
    // "$30", "$30.50", "$65,000".
    static QString formatMoney(qint64 cents);

    // Replaces {{name}} with the HTML-escaped value and {{{name}}} with the raw value.
    static QString fillTemplate(const QString &templateText, const QHash<QString, QString> &values);
    static QString loadTemplate(const QString &name);
};

} // namespace hopstep
