#pragma once

#include <QString>
#include <QStringList>

namespace hopstep {

// Result of cleaning an ATS-supplied job description.
struct SanitizedHtml
{
    // Clean HTML fragment, safe to embed in a page. It contains only p, br, ul, ol, li, strong,
    // em, u, h2, h3, h4, blockquote and a elements, and a elements carry only href and rel.
    QString html;
    // Plain-text copy: paragraphs separated by a blank line, list items on their own lines
    // prefixed "• ".
    QString text;
    // Removals, one short phrase each, counted, for example "2 <script> elements",
    // "1 onclick attribute", "1 javascript: link" or "Microsoft Office markup".
    QStringList removed;
    // The input arrived HTML-escaped (for example "&lt;p&gt;Hi&lt;/p&gt;") and was decoded once.
    bool decodedEscapedHtml = false;
};

// Parses an untrusted job description as an HTML5 fragment and rebuilds it from an allow-list
// of elements. In text without block markup, such as plain text, blank lines separate
// paragraphs and single newlines become <br>. Sanitising result.html again returns the same
// html and reports nothing removed.
SanitizedHtml sanitizeJobDescription(const QString &input);

// Returns the plain text of a single-line field that may contain markup or character references,
// such as a job title. Tags are dropped and character references are decoded exactly once, so
// "Cook &amp;amp; Kitchen" becomes "Cook &amp; Kitchen". *hadMarkup is set when the input
// contains a tag, a comment or another markup declaration, and *hadReferences when any
// character reference was decoded.
QString plainTextFromHtml(const QString &input, bool *hadMarkup = nullptr,
                          bool *hadReferences = nullptr);

} // namespace hopstep
