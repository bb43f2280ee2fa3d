// libFuzzer target: untrusted job descriptions and titles through the HTML sanitiser.
//
// The input bytes are read as UTF-8, and invalid sequences become U+FFFD. An input that starts
// with a byte from 0xF5 to 0xFF, which never starts UTF-8, is the rest repeated up to
// (byte - 0xF4) * 2,000 characters, at most 20,000. So short inputs reach the split of
// documents with more than 2,048 tags into pieces. Repeating up to the 50,000 characters that a
// description may have would make fuzzing too slow. Checked for every input:
// - the sanitised HTML has the serialiser's form (see htmlgrammar.h), so it contains no <script,
//   no on...= attribute and no javascript: link;
// - sanitising the output again returns the same HTML and text (for repeated inputs only the
//   same words apart from list bullets, see the NOTE below), removes nothing and decodes
//   nothing;
// - plainTextFromHtml() returns one trimmed line without runs of white space.

#include "fuzzcheck.h"
#include "htmlgrammar.h"
#include "htmlsanitizer.h"

#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;
using hopstep::SanitizedHtml;

namespace {

// Returns the words of a sanitised text, without the bullets that start its list items.
QStringList wordsWithoutBullets(const QString &text)
{
    QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    words.removeAll(u"\u2022"_s);
    return words;
}

void checkSanitized(const QString &input, bool repeated)
{
    const SanitizedHtml first = hopstep::sanitizeJobDescription(input);
    const QString violation = hopstep::fuzz::sanitizedHtmlViolation(first.html);
    FUZZ_CHECK(violation.isEmpty(), violation + u"\nhtml: "_s + first.html);
    FUZZ_CHECK(!first.html.contains(u"<script"_s, Qt::CaseInsensitive), first.html);

    const SanitizedHtml second = hopstep::sanitizeJobDescription(first.html);
    // NOTE: a document split into pieces (over 2,048 tags, 128 formatting elements or 256
    // levels in one piece) loses the formatting, links and quotes that are open where a piece
    // ends, because only lists continue into the next piece. Its second pass can then differ
    // in markup and line breaks, so for the long repeated inputs only the words must stay.
    if (repeated) {
        // A list item cut at a piece's end comes back as a paragraph, without its bullet.
        FUZZ_CHECK(wordsWithoutBullets(second.text) == wordsWithoutBullets(first.text),
                   u"first:  "_s + first.text + u"\nsecond: "_s + second.text);
    } else {
        FUZZ_CHECK(second.html == first.html,
                   u"first:  "_s + first.html + u"\nsecond: "_s + second.html);
        FUZZ_CHECK(second.text == first.text,
                   u"first:  "_s + first.text + u"\nsecond: "_s + second.text);
    }
    FUZZ_CHECK(second.removed.isEmpty(), second.removed.join(u", "_s) + u"\nhtml: "_s + first.html);
    FUZZ_CHECK(!second.decodedEscapedHtml, first.html);
}

void checkPlainText(const QString &input)
{
    bool hadMarkup = false;
    bool hadReferences = false;
    const QString text = hopstep::plainTextFromHtml(input, &hadMarkup, &hadReferences);
    FUZZ_CHECK(text == text.simplified(), u'[' + text + u']');
    if (!input.contains(u'<'))
        FUZZ_CHECK(!hadMarkup, input);
    if (!input.contains(u'&'))
        FUZZ_CHECK(!hadReferences, input);
}

QString inputText(const uint8_t *data, size_t size)
{
    const char *bytes = reinterpret_cast<const char *>(data);
    if (size < 2 || data[0] < 0xF5)
        return QString::fromUtf8(bytes, qsizetype(size));

    const qsizetype length = std::min<qsizetype>((data[0] - 0xF4) * 2'000, 20'000);
    const QString piece = QString::fromUtf8(bytes + 1, qsizetype(size) - 1);
    QString text;
    text.reserve(length);
    while (text.size() + piece.size() <= length)
        text += piece;
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = inputText(data, size);
    checkSanitized(input, size >= 2 && data[0] >= 0xF5);
    checkPlainText(input);
    return 0;
}
