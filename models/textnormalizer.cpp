#include "textnormalizer.h"

#include <QChar>

namespace hopstep::text {

namespace {

constexpr char32_t zeroWidthJoiner = 0x200D;
constexpr char32_t wavingBlackFlag = 0x1F3F4;
constexpr char32_t lineFeed = u'\n';
constexpr char32_t carriageReturn = u'\r';
constexpr char32_t space = u' ';

struct CodePoint
{
    char32_t value = 0;
    qsizetype length = 0; // in UTF-16 code units
};

// Decodes the code point at index. An unpaired surrogate is returned as itself, with length 1.
CodePoint codePointAt(const QString &text, qsizetype index)
{
    const QChar first = text.at(index);
    if (first.isHighSurrogate() && index + 1 < text.size()) {
        const QChar second = text.at(index + 1);
        if (second.isLowSurrogate()) {
            return {QChar::surrogateToUcs4(first, second), 2};
        }
    }
    return {first.unicode(), 1};
}

bool isZeroWidth(char32_t c)
{
    return c == 0x200B || c == 0x200C || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

bool isLineBreak(char32_t c)
{
    return c == lineFeed || c == carriageReturn || c == 0x0085 || c == 0x2028 || c == 0x2029;
}

// Characters that separate words: Zs, line breaks, tab, VT and FF.
bool isWhitespace(char32_t c)
{
    return c == u'\t' || c == 0x000B || c == 0x000C || isLineBreak(c) ||
           QChar::category(c) == QChar::Separator_Space;
}

bool isTagCharacter(char32_t c)
{
    return c >= 0xE0020 && c <= 0xE007F;
}

bool isControl(char32_t c)
{
    const QChar::Category category = QChar::category(c);
    return category == QChar::Other_Control || category == QChar::Other_Format;
}

bool canPrecedeJoiner(char32_t previous)
{
    if (previous == 0xFE0E || previous == 0xFE0F) {
        return true;
    }
    const QChar::Category category = QChar::category(previous);
    return category == QChar::Symbol_Other || category == QChar::Symbol_Modifier;
}

bool canFollowJoiner(const QString &text, qsizetype index)
{
    if (index >= text.size()) {
        return false;
    }
    const char32_t next = codePointAt(text, index).value;
    return !isWhitespace(next) && !isControl(next);
}

// Returns true when c is a ZWJ or tag character that belongs to an emoji sequence. previous is
// the last code point written (0 if none), and nextIndex the index of the code point after c.
bool keepsEmojiFormatCharacter(char32_t c, char32_t previous, const QString &text,
                               qsizetype nextIndex)
{
    if (c == zeroWidthJoiner) {
        return canPrecedeJoiner(previous) && canFollowJoiner(text, nextIndex);
    }
    if (isTagCharacter(c)) {
        return previous == wavingBlackFlag || isTagCharacter(previous);
    }
    return false;
}

void appendCodePoint(QString &out, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        out.append(QChar(QChar::highSurrogate(c)));
        out.append(QChar(QChar::lowSurrogate(c)));
    } else {
        out.append(QChar(char16_t(c)));
    }
}

} // namespace

QString normalizeSingleLine(const QString &value)
{
    QString out;
    out.reserve(value.size());
    char32_t previous = 0;

    for (qsizetype i = 0; i < value.size();) {
        const CodePoint codePoint = codePointAt(value, i);
        const char32_t c = codePoint.value;
        i += codePoint.length;

        if (isWhitespace(c)) {
            // Leading spaces and runs of spaces are dropped here, a trailing one after the loop.
            if (!out.isEmpty() && previous != space) {
                out.append(QChar(space));
                previous = space;
            }
            continue;
        }
        if (keepsEmojiFormatCharacter(c, previous, value, i)) {
            appendCodePoint(out, c);
            previous = c;
            continue;
        }
        if (isZeroWidth(c) || c == zeroWidthJoiner || isControl(c)) {
            continue;
        }
        appendCodePoint(out, c);
        previous = c;
    }

    if (out.endsWith(QChar(space))) {
        out.chop(1);
    }
    // Composing after the removals joins a base letter with a mark that a removed character
    // separated from it.
    return out.normalized(QString::NormalizationForm_C);
}

QString normalizeMultiLine(const QString &value)
{
    QString out;
    out.reserve(value.size());
    char32_t previous = 0;

    for (qsizetype i = 0; i < value.size();) {
        const CodePoint codePoint = codePointAt(value, i);
        const char32_t c = codePoint.value;
        i += codePoint.length;

        if (c == carriageReturn && i < value.size() && value.at(i) == QChar(lineFeed)) {
            continue; // The LF that follows is written in the next iteration.
        }
        if (isLineBreak(c)) {
            out.append(QChar(lineFeed));
            previous = lineFeed;
            continue;
        }
        if (c == u'\t') {
            out.append(QChar(u'\t'));
            previous = c;
            continue;
        }
        if (keepsEmojiFormatCharacter(c, previous, value, i)) {
            appendCodePoint(out, c);
            previous = c;
            continue;
        }
        if (isZeroWidth(c) || c == zeroWidthJoiner || isControl(c)) {
            continue;
        }
        appendCodePoint(out, c);
        previous = c;
    }

    return out.normalized(QString::NormalizationForm_C);
}

bool containsUnpairedSurrogate(const QString &value)
{
    return firstUnpairedSurrogate(value) >= 0;
}

qsizetype firstUnpairedSurrogate(const QString &value)
{
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c.isHighSurrogate()) {
            if (i + 1 < value.size() && value.at(i + 1).isLowSurrogate()) {
                ++i;
                continue;
            }
            return i;
        }
        if (c.isLowSurrogate()) {
            return i;
        }
    }
    return -1;
}

} // namespace hopstep::text
