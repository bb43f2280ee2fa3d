#pragma once

#include <QString>

namespace hopstep::fuzz {

// Checks that html has the form sanitizeJobDescription() writes: text with &, < and > escaped;
// only the elements p, ul, ol, li, strong, em, u, h2, h3, h4, blockquote, a and br, properly
// nested; no attribute except href and rel on a, where href is an http, https or mailto URL.
// Returns an empty string when it does, else what is wrong and where.
QString sanitizedHtmlViolation(const QString &html);

} // namespace hopstep::fuzz
