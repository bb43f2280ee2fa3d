#include "htmlsanitizer.h"

#include "textnormalizer.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>
#include <QUrl>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <gumbo.h>

namespace hopstep {

using namespace Qt::StringLiterals;

namespace {

// Limits for one gumbo parse. In libgumbo 0.10.1 most tokens cost time in proportion to the
// number of open elements, and every reconstruction of formatting elements clones each unclosed
// one. Small C programs against Debian 12's package on x86-64 measured this: 100,000 nested lists
// took over two minutes, and 100,000 nested tables overflowed the 8 MB stack in gumbo's recursive
// tree destruction. "<p><b id=N>x</p>" repeated 4,000 times (75 KB) built 8 million nodes.
// ChunkPlanner therefore splits larger inputs into pieces within these limits, preferring
// boundaries between blocks. Markup starts inside tags, comments and raw text have a separate,
// larger limit, so that a long comment or script is rarely cut.
constexpr int kMaxMarkupPerChunk = 2048;
constexpr int kMaxHiddenMarkupPerChunk = 8192;
constexpr int kMaxFormattingPerChunk = 128;
constexpr int kMaxOpenFormattingPerChunk = 32;
constexpr qsizetype kMaxDepthPerChunk = 256;
constexpr int kMinMarkupBeforeSplit = 8;
constexpr qsizetype kMaxTrackedOpenElements = 4096;
constexpr int kMaxEndTagSearch = 64;

// Lists and quotes nested deeper than this are flattened, which also bounds the recursion in the
// output serialisers.
constexpr int kMaxNestingDepth = 16;

// Longer link targets are rejected, because no job link needs them and they bloat the output.
constexpr qsizetype kMaxLinkLength = 2048;

// Distinct on* attribute names reported separately before the rest are summed up.
constexpr int kMaxReportedEventNames = 16;

constexpr char16_t kNoBreakSpace = 0x00A0;

bool isAsciiAlpha(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isAsciiAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Whitespace as the HTML tokenizer defines it.
bool isHtmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

// U+200D is left to text::normalizeMultiLine, which keeps it inside emoji sequences.
bool isZeroWidth(char16_t c)
{
    return c == 0x200B || c == 0x200C || c == 0x2060 || c == 0xFEFF;
}

// Removes unpaired surrogates, control characters other than tab and newline, zero-width
// characters (a U+200D joiner only outside emoji sequences, so "👩‍⚕️" round-trips) and
// noncharacters such as U+FFFF, which gumbo would turn into U+FFFD, and turns CRLF and CR
// into LF.
QString cleanCharacters(QStringView raw)
{
    const QString normalized = text::normalizeMultiLine(raw.toString());
    const QStringView input(normalized);
    QString out;
    out.reserve(input.size());
    const qsizetype size = input.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar ch = input[i];
        if (ch.isHighSurrogate()) {
            if (i + 1 < size && input[i + 1].isLowSurrogate()) {
                if (!QChar::isNonCharacter(QChar::surrogateToUcs4(ch, input[i + 1]))) {
                    out.append(ch);
                    out.append(input[i + 1]);
                }
                ++i;
            }
            continue;
        }
        if (ch.isLowSurrogate() || ch.isNonCharacter())
            continue;
        const char16_t code = ch.unicode();
        if (code == u'\r') {
            out.append(u'\n');
            if (i + 1 < size && input[i + 1] == u'\n')
                ++i;
            continue;
        }
        if (code == u'\t' || code == u'\n') {
            out.append(ch);
            continue;
        }
        if (code < 0x20 || (code >= 0x7F && code <= 0x9F) || isZeroWidth(code))
            continue;
        out.append(ch);
    }
    return out;
}

// Returns whether the text contains a '<' that the HTML tokenizer reads as the start of a tag,
// an end tag, a comment or a markup declaration.
bool containsMarkupStart(QStringView text)
{
    for (qsizetype i = text.indexOf(u'<'); i >= 0 && i + 1 < text.size();
         i = text.indexOf(u'<', i + 1)) {
        const char16_t next = text[i + 1].unicode();
        if (isAsciiAlpha(next) || next == u'/' || next == u'!' || next == u'?')
            return true;
    }
    return false;
}

GumboTag lookUpTag(QByteArrayView name)
{
    // Tag names in gumbo's table have at most 14 characters ("annotation-xml").
    constexpr qsizetype maxKnownLength = 16;
    if (name.isEmpty() || name.size() > maxKnownLength)
        return GUMBO_TAG_UNKNOWN;
    std::array<char, maxKnownLength> lower{};
    for (qsizetype i = 0; i < name.size(); ++i)
        lower[size_t(i)] = asciiLower(name[i]);
    return gumbo_tagn_enum(lower.data(), unsigned(name.size()));
}

template<typename... Tags>
bool isOneOf(GumboTag tag, Tags... tags)
{
    return ((tag == tags) || ...);
}

bool isFormattingTag(GumboTag tag)
{
    return isOneOf(tag, GUMBO_TAG_A, GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_CODE, GUMBO_TAG_EM,
                   GUMBO_TAG_FONT, GUMBO_TAG_I, GUMBO_TAG_NOBR, GUMBO_TAG_S, GUMBO_TAG_SMALL,
                   GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG, GUMBO_TAG_TT, GUMBO_TAG_U);
}

bool isVoidTag(GumboTag tag)
{
    return isOneOf(tag, GUMBO_TAG_AREA, GUMBO_TAG_BASE, GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND,
                   GUMBO_TAG_BR, GUMBO_TAG_COL, GUMBO_TAG_EMBED, GUMBO_TAG_FRAME, GUMBO_TAG_HR,
                   GUMBO_TAG_IMAGE, GUMBO_TAG_IMG, GUMBO_TAG_INPUT, GUMBO_TAG_ISINDEX,
                   GUMBO_TAG_KEYGEN, GUMBO_TAG_LINK, GUMBO_TAG_META, GUMBO_TAG_PARAM,
                   GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK, GUMBO_TAG_WBR);
}

bool isHeadingTag(GumboTag tag)
{
    return isOneOf(tag, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5,
                   GUMBO_TAG_H6);
}

// Start tags that close an open <p>, as in the "in body" insertion mode.
bool closesParagraph(GumboTag tag)
{
    return isHeadingTag(tag) ||
           isOneOf(tag, GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE, GUMBO_TAG_BLOCKQUOTE,
                   GUMBO_TAG_CENTER, GUMBO_TAG_DETAILS, GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL,
                   GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE, GUMBO_TAG_FOOTER,
                   GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP, GUMBO_TAG_MAIN, GUMBO_TAG_MENU,
                   GUMBO_TAG_NAV, GUMBO_TAG_OL, GUMBO_TAG_P, GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY,
                   GUMBO_TAG_UL, GUMBO_TAG_PRE, GUMBO_TAG_LISTING, GUMBO_TAG_FORM, GUMBO_TAG_LI,
                   GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_PLAINTEXT, GUMBO_TAG_TABLE, GUMBO_TAG_HR,
                   GUMBO_TAG_XMP);
}

// Elements whose presence shows that the author laid the text out with markup, so newlines in
// the source are formatting rather than line breaks.
bool isLayoutTag(GumboTag tag)
{
    return closesParagraph(tag) ||
           isOneOf(tag, GUMBO_TAG_BR, GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_CAPTION,
                   GUMBO_TAG_THEAD, GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT, GUMBO_TAG_LEGEND);
}

// Elements the HTML tokenizer reads as raw text or RCDATA in the HTML namespace.
bool isRawTextTag(GumboTag tag)
{
    return isOneOf(tag, GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_XMP, GUMBO_TAG_IFRAME,
                   GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES, GUMBO_TAG_TEXTAREA, GUMBO_TAG_TITLE,
                   GUMBO_TAG_PLAINTEXT);
}

// Elements that end the search for an open element, like the "has an element in scope" check.
bool isScopeBoundary(GumboTag tag)
{
    return isOneOf(tag, GUMBO_TAG_HTML, GUMBO_TAG_TABLE, GUMBO_TAG_TD, GUMBO_TAG_TH,
                   GUMBO_TAG_CAPTION, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT, GUMBO_TAG_APPLET,
                   GUMBO_TAG_TEMPLATE);
}

// Splits UTF-8 markup into pieces that gumbo can parse within the limits above.
//
// The planner tokenizes tags, comments and raw text like the HTML tokenizer and keeps an estimate
// of the open elements, which only chooses where to split. The limits count every '<' that can
// start markup, whatever state the planner assumes the tokenizer is in, because every element
// that gumbo creates in a piece, clones included, goes back to such a '<' in that piece.
class ChunkPlanner
{
public:
    struct Chunk
    {
        QByteArrayView text;
        // Lists that the estimate saw open where the previous piece ended.
        int openLists = 0;
    };

    explicit ChunkPlanner(QByteArrayView source)
        : m_source(source)
    {
        scan();
    }

    const std::vector<Chunk> &chunks() const { return m_chunks; }
    bool sawLayoutMarkup() const { return m_sawLayoutMarkup; }

private:
    struct OpenElement
    {
        GumboTag tag;
        size_t nameHash;
        qsizetype offset;
    };

    struct Counters
    {
        int markup = 0;
        int hiddenMarkup = 0;
        int formatting = 0;
        int detachedFormatting = 0;

        Counters operator-(const Counters &other) const
        {
            return {markup - other.markup, hiddenMarkup - other.hiddenMarkup,
                    formatting - other.formatting, detachedFormatting - other.detachedFormatting};
        }
    };

    struct Candidate
    {
        qsizetype offset = -1;
        qsizetype depth = 0;
        int openLists = 0;
        Counters counters;
    };

    qsizetype size() const { return m_source.size(); }
    char at(qsizetype pos) const { return pos < m_source.size() ? m_source[pos] : '\0'; }
    qsizetype depth() const { return qsizetype(m_open.size()) + m_overflowDepth; }
    qsizetype relativeDepth() const { return depth() - m_chunkBaseDepth; }
    int openFormattingEstimate() const
    {
        return m_formattingOpenInChunk + m_counters.detachedFormatting;
    }

    bool isMarkupStart(qsizetype pos) const
    {
        const char next = at(pos + 1);
        return at(pos) == '<' && (isAsciiAlpha(next) || next == '/' || next == '!' || next == '?');
    }

    bool isFormattingStartAt(qsizetype pos) const
    {
        qsizetype end = pos + 1;
        while (end < size() && (isAsciiAlpha(at(end)) || isAsciiDigit(at(end))))
            ++end;
        if (end == pos + 1)
            return false;
        const char next = at(end);
        if (end < size() && !isHtmlSpace(next) && next != '/' && next != '>')
            return false;
        return isFormattingTag(lookUpTag(m_source.sliced(pos + 1, end - pos - 1)));
    }

    void scan()
    {
        qsizetype pos = 0;
        while (pos < size()) {
            const qsizetype lt = m_source.indexOf('<', pos);
            if (lt < 0)
                break;
            if (!isMarkupStart(lt)) {
                pos = lt + 1;
                continue;
            }
            const char next = at(lt + 1);
            if (isAsciiAlpha(next))
                pos = scanStartTag(lt);
            else if (next == '/')
                pos = scanEndTag(lt);
            else if (m_source.sliced(lt).startsWith("<!--"))
                pos = scanComment(lt);
            else
                pos = scanBogusComment(lt, lt + 2);
            noteTokenEnd(pos);
        }
        m_chunks.push_back({m_source.sliced(m_chunkStart), m_chunkOpenLists});
    }

    // Counts one markup start at pos, splitting first when it would exceed a limit. A hidden
    // markup start lies inside a tag, a comment or raw text.
    void countMarkup(qsizetype pos, bool hidden, bool formatting, bool opensElement)
    {
        while (wouldExceedLimits(hidden, formatting, opensElement) && splitBefore(pos)) {
        }
        if (hidden)
            ++m_counters.hiddenMarkup;
        else
            ++m_counters.markup;
        if (formatting)
            ++m_counters.formatting;
    }

    bool wouldExceedLimits(bool hidden, bool formatting, bool opensElement) const
    {
        if (hidden && m_counters.hiddenMarkup >= kMaxHiddenMarkupPerChunk)
            return true;
        if (!hidden && m_counters.markup >= kMaxMarkupPerChunk)
            return true;
        if (formatting && m_counters.formatting >= kMaxFormattingPerChunk)
            return true;
        if (opensElement && relativeDepth() >= kMaxDepthPerChunk)
            return true;
        return formatting && opensElement && openFormattingEstimate() >= kMaxOpenFormattingPerChunk;
    }

    void countHiddenMarkup(qsizetype from, qsizetype to)
    {
        for (qsizetype i = m_source.indexOf('<', from); i >= 0 && i < to;
             i = m_source.indexOf('<', i + 1)) {
            if (isMarkupStart(i))
                countMarkup(i, true, isFormattingStartAt(i), false);
        }
    }

    // Ends the current piece at the best boundary seen so far, or at pos when there is none.
    bool splitBefore(qsizetype pos)
    {
        qsizetype splitAt = pos;
        Counters carried;
        qsizetype baseDepth = depth();
        int openLists = m_openLists;
        if (m_candidate.offset > m_chunkStart && m_candidate.offset <= pos) {
            splitAt = m_candidate.offset;
            carried = m_counters - m_candidate.counters;
            baseDepth = m_candidate.depth;
            openLists = m_candidate.openLists;
        }
        if (splitAt <= m_chunkStart)
            return false;
        m_chunks.push_back(
            {m_source.sliced(m_chunkStart, splitAt - m_chunkStart), m_chunkOpenLists});
        m_chunkStart = splitAt;
        m_chunkOpenLists = openLists;
        m_counters = carried;
        m_chunkBaseDepth = std::min(baseDepth, depth());
        m_candidate = {};
        m_formattingOpenInChunk = 0;
        for (auto it = m_open.rbegin(); it != m_open.rend() && it->offset >= m_chunkStart; ++it) {
            if (isFormattingTag(it->tag))
                ++m_formattingOpenInChunk;
        }
        return true;
    }

    // Remembers the latest boundary between tokens with the fewest open elements.
    void noteTokenEnd(qsizetype pos)
    {
        if (m_counters.markup < kMinMarkupBeforeSplit)
            return;
        if (m_candidate.offset < 0 || depth() <= m_candidate.depth)
            m_candidate = {pos, depth(), m_openLists, m_counters};
    }

    static size_t hashName(QByteArrayView name)
    {
        QByteArray lower(name.first(std::min<qsizetype>(name.size(), 64)).toByteArray());
        return qHash(lower.toLower());
    }

    qsizetype tagNameEnd(qsizetype pos) const
    {
        while (pos < size() && !isHtmlSpace(at(pos)) && at(pos) != '/' && at(pos) != '>')
            ++pos;
        return pos;
    }

    qsizetype scanStartTag(qsizetype start)
    {
        const qsizetype nameEnd = tagNameEnd(start + 1);
        const QByteArrayView name = m_source.sliced(start + 1, nameEnd - start - 1);
        const GumboTag tag = lookUpTag(name);
        countMarkup(start, false, isFormattingTag(tag), !isVoidTag(tag));

        bool selfClosing = false;
        bool complete = false;
        const qsizetype end = scanAttributes(nameEnd, &selfClosing, &complete);
        if (!complete)
            return end;
        if (isLayoutTag(tag))
            m_sawLayoutMarkup = true;
        openElement(tag, hashName(name), start, selfClosing);

        // In SVG and MathML, <style> and <title> hold markup, and an estimate that overflowed
        // cannot tell where foreign content ends.
        const bool trustRawText = m_foreignDepth == 0 && m_overflowDepth == 0;
        if (!trustRawText || !isRawTextTag(tag))
            return end;
        if (tag == GUMBO_TAG_PLAINTEXT)
            return size();
        return scanRawText(end, name);
    }

    qsizetype scanEndTag(qsizetype start)
    {
        if (at(start + 2) == '>') {
            countMarkup(start, false, false, false);
            return start + 3;
        }
        if (!isAsciiAlpha(at(start + 2)))
            return scanBogusComment(start, start + 2);
        const qsizetype nameEnd = tagNameEnd(start + 2);
        const QByteArrayView name = m_source.sliced(start + 2, nameEnd - start - 2);
        const GumboTag tag = lookUpTag(name);
        countMarkup(start, false, false, false);

        bool selfClosing = false;
        bool complete = false;
        const qsizetype end = scanAttributes(nameEnd, &selfClosing, &complete);
        if (complete) {
            if (isLayoutTag(tag))
                m_sawLayoutMarkup = true;
            closeElement(tag, hashName(name));
        }
        return end;
    }

    // Skips attributes like the tokenizer's attribute states. *complete is set when '>' ends
    // the tag, because gumbo drops a tag that is cut off by the end of the input.
    qsizetype scanAttributes(qsizetype pos, bool *selfClosing, bool *complete)
    {
        while (pos < size()) {
            const char c = at(pos);
            if (c == '>') {
                *complete = true;
                return pos + 1;
            }
            if (isHtmlSpace(c)) {
                ++pos;
                continue;
            }
            if (c == '/') {
                ++pos;
                *selfClosing = at(pos) == '>';
                continue;
            }
            *selfClosing = false;

            // The first character of an attribute name may be '='.
            qsizetype nameEnd = pos + 1;
            while (nameEnd < size() && !isHtmlSpace(at(nameEnd)) && at(nameEnd) != '/' &&
                   at(nameEnd) != '>' && at(nameEnd) != '=')
                ++nameEnd;
            countHiddenMarkup(pos, nameEnd);
            pos = nameEnd;
            while (pos < size() && isHtmlSpace(at(pos)))
                ++pos;
            if (at(pos) != '=' || pos >= size())
                continue;
            ++pos;
            while (pos < size() && isHtmlSpace(at(pos)))
                ++pos;

            const char quote = at(pos);
            if (pos < size() && (quote == '"' || quote == '\'')) {
                qsizetype close = m_source.indexOf(quote, pos + 1);
                if (close < 0)
                    close = size();
                countHiddenMarkup(pos + 1, close);
                pos = std::min(close + 1, size());
            } else {
                qsizetype valueEnd = pos;
                while (valueEnd < size() && !isHtmlSpace(at(valueEnd)) && at(valueEnd) != '>')
                    ++valueEnd;
                countHiddenMarkup(pos, valueEnd);
                pos = valueEnd;
            }
        }
        return pos;
    }

    qsizetype scanComment(qsizetype start)
    {
        countMarkup(start, false, false, false);
        const qsizetype bodyStart = start + 4;
        if (at(bodyStart) == '>')
            return bodyStart + 1;
        if (at(bodyStart) == '-' && at(bodyStart + 1) == '>')
            return bodyStart + 2;
        qsizetype end = size();
        for (qsizetype i = m_source.indexOf("--", bodyStart); i >= 0;
             i = m_source.indexOf("--", i + 1)) {
            if (at(i + 2) == '>') {
                end = i + 3;
                break;
            }
            if (at(i + 2) == '!' && at(i + 3) == '>') {
                end = i + 4;
                break;
            }
        }
        countHiddenMarkup(bodyStart, end);
        return end;
    }

    qsizetype scanBogusComment(qsizetype start, qsizetype bodyStart)
    {
        countMarkup(start, false, false, false);
        const qsizetype close = m_source.indexOf('>', bodyStart);
        const qsizetype end = close < 0 ? size() : close + 1;
        countHiddenMarkup(bodyStart, end);
        return end;
    }

    // Returns the position of the end tag that closes a raw text element, or the end of input.
    qsizetype scanRawText(qsizetype pos, QByteArrayView name)
    {
        for (qsizetype i = m_source.indexOf('<', pos); i >= 0; i = m_source.indexOf('<', i + 1)) {
            if (at(i + 1) == '/' && i + 2 + name.size() <= size()) {
                const QByteArrayView candidate = m_source.sliced(i + 2, name.size());
                const char after = at(i + 2 + name.size());
                const bool delimited = i + 2 + name.size() == size() || isHtmlSpace(after) ||
                                       after == '/' || after == '>';
                if (delimited && candidate.compare(name, Qt::CaseInsensitive) == 0)
                    return i;
            }
            if (isMarkupStart(i))
                countMarkup(i, true, isFormattingStartAt(i), false);
        }
        return size();
    }

    bool matches(const OpenElement &element, GumboTag tag, size_t nameHash) const
    {
        if (tag != GUMBO_TAG_UNKNOWN)
            return element.tag == tag;
        return element.tag == GUMBO_TAG_UNKNOWN && element.nameHash == nameHash;
    }

    void popOpenElement(bool detaches)
    {
        const OpenElement element = m_open.back();
        m_open.pop_back();
        if (element.tag == GUMBO_TAG_SVG || element.tag == GUMBO_TAG_MATH)
            --m_foreignDepth;
        if (element.tag == GUMBO_TAG_UL || element.tag == GUMBO_TAG_OL)
            --m_openLists;
        if (isFormattingTag(element.tag) && element.offset >= m_chunkStart) {
            --m_formattingOpenInChunk;
            // gumbo keeps a formatting element that was closed by another tag in its list of
            // active formatting elements and clones it into the next block.
            if (detaches)
                ++m_counters.detachedFormatting;
        }
    }

    // Pops open elements through the innermost one that `isTarget` accepts, unless `isStop`
    // accepts an element above it first.
    template<typename Target, typename Stop>
    void closeThrough(Target isTarget, Stop isStop)
    {
        if (m_overflowDepth > 0)
            return;
        const qsizetype searched = std::min<qsizetype>(qsizetype(m_open.size()), kMaxEndTagSearch);
        for (qsizetype i = 1; i <= searched; ++i) {
            const OpenElement &element = m_open[m_open.size() - size_t(i)];
            if (isTarget(element)) {
                for (qsizetype popped = 1; popped < i; ++popped)
                    popOpenElement(true);
                popOpenElement(false);
                m_chunkBaseDepth = std::min(m_chunkBaseDepth, depth());
                return;
            }
            if (isStop(element))
                return;
        }
    }

    void closeTagThrough(GumboTag target, std::initializer_list<GumboTag> stops)
    {
        closeThrough([target](const OpenElement &e) { return e.tag == target; },
                     [stops](const OpenElement &e) {
                         return isScopeBoundary(e.tag) ||
                                std::find(stops.begin(), stops.end(), e.tag) != stops.end();
                     });
    }

    void openElement(GumboTag tag, size_t nameHash, qsizetype offset, bool selfClosing)
    {
        // Foreign content does not close HTML elements implicitly, except for the few HTML
        // start tags that end it. Leaving them open errs towards splitting too often.
        if (m_foreignDepth == 0) {
            if (closesParagraph(tag))
                closeTagThrough(GUMBO_TAG_P, {GUMBO_TAG_BUTTON});
            if (tag == GUMBO_TAG_LI)
                closeTagThrough(GUMBO_TAG_LI, {GUMBO_TAG_UL, GUMBO_TAG_OL});
            if (tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) {
                closeTagThrough(GUMBO_TAG_DD, {GUMBO_TAG_DL, GUMBO_TAG_DT});
                closeTagThrough(GUMBO_TAG_DT, {GUMBO_TAG_DL});
            }
            if (tag == GUMBO_TAG_TR)
                closeTagThrough(GUMBO_TAG_TR, {});
            if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
                closeTagThrough(GUMBO_TAG_TD, {GUMBO_TAG_TR});
                closeTagThrough(GUMBO_TAG_TH, {GUMBO_TAG_TR});
            }
            if (tag == GUMBO_TAG_A || tag == GUMBO_TAG_NOBR)
                closeTagThrough(tag, {});
            if (!m_open.empty() && m_overflowDepth == 0) {
                const GumboTag current = m_open.back().tag;
                if ((tag == GUMBO_TAG_OPTION && current == GUMBO_TAG_OPTION) ||
                    (isHeadingTag(tag) && isHeadingTag(current)))
                    popOpenElement(false);
            }
        }

        // The self-closing flag only closes void elements and foreign elements.
        if (isVoidTag(tag) || (selfClosing && m_foreignDepth > 0))
            return;
        if (qsizetype(m_open.size()) >= kMaxTrackedOpenElements) {
            ++m_overflowDepth;
            return;
        }
        m_open.push_back({tag, nameHash, offset});
        if (tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH)
            ++m_foreignDepth;
        if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL)
            ++m_openLists;
        if (isFormattingTag(tag))
            ++m_formattingOpenInChunk;
    }

    void closeElement(GumboTag tag, size_t nameHash)
    {
        if (tag == GUMBO_TAG_BR)
            return;
        if (m_overflowDepth > 0) {
            --m_overflowDepth;
            m_chunkBaseDepth = std::min(m_chunkBaseDepth, depth());
            return;
        }
        // An end tag for a scope boundary looks past the other boundaries.
        const bool closesBoundary = isScopeBoundary(tag);
        closeThrough(
            [this, tag, nameHash](const OpenElement &e) { return matches(e, tag, nameHash); },
            [closesBoundary](const OpenElement &e) {
                if (closesBoundary)
                    return e.tag == GUMBO_TAG_HTML || e.tag == GUMBO_TAG_TEMPLATE;
                return isScopeBoundary(e.tag);
            });
    }

    QByteArrayView m_source;
    std::vector<Chunk> m_chunks;
    std::vector<OpenElement> m_open;
    qsizetype m_overflowDepth = 0;
    int m_foreignDepth = 0;
    int m_openLists = 0;
    int m_chunkOpenLists = 0;
    qsizetype m_chunkStart = 0;
    qsizetype m_chunkBaseDepth = 0;
    int m_formattingOpenInChunk = 0;
    Counters m_counters;
    Candidate m_candidate;
    bool m_sawLayoutMarkup = false;
};

// Returns UTF-8 for gumbo without CDATA sections.
//
// Debian's libgumbo 0.10.1 is built with assertions, and a CDATA section in an SVG or MathML
// integration point inside a table, as in "<table><svg><foreignObject><![CDATA[x]]>i", aborts
// the process in handle_in_table. Outside SVG and MathML, "<![CDATA[" already starts a bogus
// comment, and "<!-[CDATA[" starts the same comment everywhere. Inside SVG and MathML, which are
// dropped, the comment ends at the first '>' instead of at "]]>".
QByteArray toGumboInput(const QString &source)
{
    QByteArray utf8 = source.toUtf8();
    utf8.replace("<![CDATA[", "<!-[CDATA[");
    return utf8;
}

// One gumbo parse of an HTML fragment as the content of <body>.
//
// gumbo 0.10.1 also aborts on "</body>" in its fragment mode after foreign content, as in
// "<math><html><mi><table></table></body>", because no <body> element is open. So the fragment
// is parsed as a document that opens <body> first. The <wbr> clears the "frameset-ok" flag, so
// that a <frameset> tag cannot replace the body, as the fragment algorithm would ignore it too.
class GumboFragment
{
public:
    explicit GumboFragment(QByteArrayView source)
        : m_buffer("<!DOCTYPE html><body><wbr>")
    {
        m_buffer += source;
        // gumbo copies the whole stack of open elements into every parse error it records,
        // which makes deep documents quadratic. The errors are not used.
        m_options.max_errors = 0;
        m_output =
            gumbo_parse_with_options(&m_options, m_buffer.constData(), size_t(m_buffer.size()));
    }

    ~GumboFragment()
    {
        if (m_output)
            gumbo_destroy_output(&m_options, m_output);
    }

    Q_DISABLE_COPY_MOVE(GumboFragment)

    // The <html> element, which contains an empty <head> and the <body>.
    GumboNode *root() const { return m_output ? m_output->root : nullptr; }

private:
    QByteArray m_buffer;
    GumboOptions m_options = kGumboDefaultOptions;
    GumboOutput *m_output = nullptr;
};

// Decodes character references in text that contains no markup.
QString decodeCharacterReferences(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    const GumboFragment fragment(utf8);
    QString decoded;
    GumboNode *root = fragment.root();
    if (!root)
        return decoded;
    const GumboVector &sections = root->v.element.children;
    for (unsigned int i = 0; i < sections.length; ++i) {
        const auto *section = static_cast<const GumboNode *>(sections.data[i]);
        if (section->type != GUMBO_NODE_ELEMENT || section->v.element.tag != GUMBO_TAG_BODY)
            continue;
        const GumboVector &children = section->v.element.children;
        for (unsigned int j = 0; j < children.length; ++j) {
            const auto *child = static_cast<const GumboNode *>(children.data[j]);
            if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE)
                decoded += QString::fromUtf8(child->v.text.text);
        }
    }
    return decoded;
}

// Returns whether decoded text is itself HTML: it contains an end tag or a <br> with a known
// element name, or starts with a known start tag. A start tag alone in the middle of a sentence,
// as in "experience with <div> layouts", is left as text.
bool looksLikeEscapedHtml(QStringView text)
{
    qsizetype firstVisible = 0;
    while (firstVisible < text.size() && text[firstVisible].isSpace())
        ++firstVisible;

    for (qsizetype lt = text.indexOf(u'<'); lt >= 0; lt = text.indexOf(u'<', lt + 1)) {
        qsizetype pos = lt + 1;
        const bool endTag = pos < text.size() && text[pos] == u'/';
        if (endTag)
            ++pos;
        const qsizetype nameStart = pos;
        while (pos < text.size() && text[pos].unicode() < 0x80 && text[pos].isLetterOrNumber())
            ++pos;
        if (pos == nameStart || !isAsciiAlpha(text[nameStart].unicode()))
            continue;
        if (pos < text.size() && !text[pos].isSpace() && text[pos] != u'/' && text[pos] != u'>')
            continue;
        qsizetype close = pos;
        while (close < text.size() && text[close] != u'>' && text[close] != u'<')
            ++close;
        if (close >= text.size() || text[close] != u'>')
            continue;
        const QByteArray name = text.sliced(nameStart, pos - nameStart).toLatin1();
        const GumboTag tag = lookUpTag(name);
        if (tag == GUMBO_TAG_UNKNOWN)
            continue;
        if (endTag || tag == GUMBO_TAG_BR || lt == firstVisible)
            return true;
    }
    return false;
}

QByteArray elementName(const GumboElement &element)
{
    if (element.tag != GUMBO_TAG_UNKNOWN)
        return QByteArray(gumbo_normalized_tagname(element.tag));
    GumboStringPiece piece = element.original_tag;
    gumbo_tag_from_original_text(&piece);
    if (!piece.data)
        return {};
    return QByteArray(piece.data, qsizetype(piece.length)).toLower();
}

// Word, Excel and PowerPoint write their own XML namespaces into HTML: o:p, w:Sdt, v:shape,
// m:oMath, x:ClientData, and smart tags such as st1:place.
bool isOfficeTagName(QByteArrayView name)
{
    const qsizetype colon = name.indexOf(':');
    if (colon <= 0)
        return false;
    const QByteArrayView prefix = name.first(colon);
    if (prefix == "o" || prefix == "w" || prefix == "v" || prefix == "m" || prefix == "x")
        return true;
    if (!prefix.startsWith("st") || prefix.size() == 2)
        return false;
    return std::all_of(prefix.begin() + 2, prefix.end(), isAsciiDigit);
}

// Counts what was removed, in order of first appearance.
class RemovalReport
{
public:
    void addElement(QByteArrayView name)
    {
        const QString tag = u'<' + QString::fromUtf8(name) + u'>';
        add(tag + u" element"_s, tag + u" elements"_s);
    }

    void addAttribute(QByteArrayView name)
    {
        const QString text = QString::fromUtf8(name);
        add(text + u" attribute"_s, text + u" attributes"_s);
    }

    void addEventAttribute(QByteArrayView name)
    {
        // Attribute names come from the input, so only short plain names are echoed and the
        // number of distinct entries stays small.
        const bool plainName =
            name.size() <= 32 &&
            std::all_of(name.begin(), name.end(), [](char c) { return isAsciiAlpha(c); });
        const QString text = QString::fromUtf8(name);
        const bool known = std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry &e) {
            return e.singular == text + u" attribute"_s;
        });
        if (plainName && (known || m_eventNames < kMaxReportedEventNames)) {
            if (!known)
                ++m_eventNames;
            addAttribute(name);
            return;
        }
        add(u"other event-handler attribute"_s, u"other event-handler attributes"_s);
    }

    void addRejectedLink(const QString &scheme)
    {
        if (scheme.isEmpty()) {
            add(u"link with a disallowed target"_s, u"links with a disallowed target"_s);
            return;
        }
        add(scheme + u": link"_s, scheme + u": links"_s);
    }

    void markOfficeMarkup() { addOnce(u"Microsoft Office markup"_s); }

    void markFlattenedNesting()
    {
        addOnce(u"list and quote nesting deeper than %1 levels"_s.arg(kMaxNestingDepth));
    }

    QStringList phrases() const
    {
        QStringList result;
        for (const Entry &entry : m_entries) {
            if (entry.plural.isEmpty())
                result.append(entry.singular);
            else if (entry.count == 1)
                result.append(u"1 "_s + entry.singular);
            else
                result.append(QString::number(entry.count) + u' ' + entry.plural);
        }
        return result;
    }

private:
    struct Entry
    {
        QString singular;
        QString plural; // empty for phrases reported once without a count
        int count = 0;
    };

    void add(const QString &singular, const QString &plural)
    {
        for (Entry &entry : m_entries) {
            if (entry.singular == singular) {
                ++entry.count;
                return;
            }
        }
        m_entries.push_back({singular, plural, 1});
    }

    void addOnce(const QString &phrase)
    {
        for (const Entry &entry : m_entries) {
            if (entry.singular == phrase)
                return;
        }
        m_entries.push_back({phrase, QString(), 1});
    }

    std::vector<Entry> m_entries;
    int m_eventNames = 0;
};

// A link target that passed or failed the scheme check.
struct LinkTarget
{
    QString href;           // normalised target when allowed
    QString rejectedScheme; // lowercase scheme named in the report, or empty
    bool allowed = false;
};

QString schemeOf(QStringView url)
{
    if (url.isEmpty() || !isAsciiAlpha(url[0].unicode()))
        return {};
    for (qsizetype i = 1; i < url.size(); ++i) {
        const char16_t c = url[i].unicode();
        if (c == u':')
            return url.first(i).toString().toLower();
        const bool schemeChar =
            isAsciiAlpha(c) || (c >= u'0' && c <= u'9') || c == u'+' || c == u'-' || c == u'.';
        if (!schemeChar)
            return {};
    }
    return {};
}

LinkTarget checkLinkTarget(QByteArrayView rawValue)
{
    // Browsers remove tabs and newlines anywhere in a URL and strip leading and trailing
    // control characters and spaces, so "java&#9;script:" is a javascript: URL.
    QString value = cleanCharacters(QString::fromUtf8(rawValue));
    value.remove(u'\t');
    value.remove(u'\n');
    qsizetype begin = 0;
    qsizetype end = value.size();
    while (begin < end && value[begin].unicode() <= 0x20)
        ++begin;
    while (end > begin && value[end - 1].unicode() <= 0x20)
        --end;
    value = value.sliced(begin, end - begin);

    LinkTarget target;
    const QString scheme = schemeOf(value);
    const bool namedScheme = scheme == u"javascript"_s || scheme == u"vbscript"_s ||
                             scheme == u"data"_s || scheme == u"file"_s;
    if (namedScheme)
        target.rejectedScheme = scheme;
    if (value.isEmpty() || value.size() > kMaxLinkLength)
        return target;

    const bool web = scheme == u"http"_s || scheme == u"https"_s;
    if (!web && scheme != u"mailto"_s)
        return target;
    QUrl url(value, QUrl::TolerantMode);
    if (!url.isValid())
        return target;
    if (web && url.host().isEmpty())
        return target;
    if (!web && url.path().isEmpty())
        return target;
    // "https://trusted.example@other.example/" reads as the first host but opens the second.
    url.setUserInfo(QString());
    target.href = url.toString(QUrl::FullyEncoded);
    target.allowed = !target.href.isEmpty() && target.href.size() <= kMaxLinkLength;
    return target;
}

enum class NodeKind : quint8 {
    Root,
    Text,
    Paragraph,
    LineBreak,
    UnorderedList,
    OrderedList,
    ListItem,
    Strong,
    Emphasis,
    Underline,
    Heading2,
    Heading3,
    Heading4,
    Blockquote,
    Link,
};

bool isListKind(NodeKind kind)
{
    return kind == NodeKind::UnorderedList || kind == NodeKind::OrderedList;
}

// Node of the rebuilt document. Its depth is bounded by kMaxNestingDepth, so the recursive
// functions that read it cannot exhaust the stack.
struct OutputNode
{
    NodeKind kind = NodeKind::Root;
    QString text; // the text of a Text node, the target of a Link
    std::vector<std::unique_ptr<OutputNode>> children;

    OutputNode *append(NodeKind childKind)
    {
        auto child = std::make_unique<OutputNode>();
        child->kind = childKind;
        children.push_back(std::move(child));
        return children.back().get();
    }
};

// Rebuilds a document from the allow-listed structure that the tree walker reports.
//
// Paragraphs and inline elements are created only when text arrives, so elements that lose all
// their content to the cleaning never appear. Inline formatting is kept as a chain that is
// reopened inside every new block, which keeps the output free of blocks nested in inline
// elements and makes a second parse produce the same tree.
class DocumentBuilder
{
public:
    DocumentBuilder()
        : m_root(std::make_unique<OutputNode>())
    {
        m_frames.push_back({m_root.get(), FrameOrigin::Source});
    }

    void appendText(QStringView text, bool newlinesAreBreaks)
    {
        qsizetype pos = 0;
        while (pos < text.size()) {
            const char16_t c = text[pos].unicode();
            if (c == u'\n' && newlinesAreBreaks) {
                lineBreak();
                ++pos;
                continue;
            }
            if (isCollapsibleSpace(c)) {
                ++m_pendingSpaces;
                m_pendingSpacesAreNoBreak = m_pendingSpacesAreNoBreak && c == kNoBreakSpace;
                ++pos;
                continue;
            }
            qsizetype end = pos + 1;
            while (end < text.size() && !isCollapsibleSpace(text[end].unicode()))
                ++end;
            appendWord(text.sliced(pos, end - pos));
            pos = end;
        }
    }

    void lineBreak()
    {
        ++m_pendingBreaks;
        clearPendingSpaces();
    }

    void wordBreak()
    {
        ++m_pendingSpaces;
        m_pendingSpacesAreNoBreak = false;
    }

    // Ends the text of an unwrapped block such as a div: a new paragraph at the top level, a new
    // line inside a list item and a space inside a heading.
    void blockBoundary()
    {
        if (m_heading) {
            if (m_block)
                wordBreak();
            return;
        }
        if (m_block && m_block->kind == NodeKind::ListItem) {
            if (m_blockHasContent)
                m_pendingBreaks = std::max(m_pendingBreaks, 1);
            clearPendingSpaces();
            return;
        }
        closeBlock();
    }

    bool openHeading(NodeKind kind)
    {
        if (m_heading || !acceptsBlocks()) {
            blockBoundary();
            return false;
        }
        closeBlock();
        closeStrayItemFrames();
        m_heading = kind;
        return true;
    }

    void closeHeading()
    {
        closeBlock();
        m_heading.reset();
    }

    bool openList(NodeKind kind) { return openContainer(kind); }
    bool openBlockquote() { return openContainer(NodeKind::Blockquote); }

    bool openListItem()
    {
        if (m_heading) {
            blockBoundary();
            return false;
        }
        if (top().origin == FrameOrigin::LooseItem) {
            closeBlock();
            popFrame();
        }
        OutputNode *container = top().node;
        if (isListKind(container->kind)) {
            closeBlock();
            pushFrame(container->append(NodeKind::ListItem), FrameOrigin::Source);
            m_atChunkStart = false;
            return true;
        }
        // An item inside an item, reached through unwrapped elements such as table cells.
        if (container->kind == NodeKind::ListItem) {
            blockBoundary();
            return false;
        }
        if (m_nestingDepth >= kMaxNestingDepth) {
            m_flattenedNesting = true;
            blockBoundary();
            return false;
        }

        // An item outside any list joins the list just before it. At the start of a new piece
        // of a split document, it joins the list as deep as the lists that the split cut.
        closeBlock();
        const int listDepth = m_atChunkStart ? std::max(m_chunkOpenLists, 1) : 1;
        std::vector<OutputNode *> path = trailingLists(container, listDepth);
        // The path alternates lists and items and ends with a list, so an odd length keeps that.
        const size_t allowedLists = size_t(kMaxNestingDepth - m_nestingDepth);
        path.resize(std::min(path.size(), allowedLists * 2 - 1));
        for (OutputNode *node : path)
            pushFrame(node, FrameOrigin::StrayItem);
        if (path.empty())
            pushFrame(container->append(NodeKind::UnorderedList), FrameOrigin::StrayItem);
        pushFrame(top().node->append(NodeKind::ListItem), FrameOrigin::Source);
        m_atChunkStart = false;
        return true;
    }

    // Closes the list, list item or quote that the last successful open call created.
    void closeContainer()
    {
        closeBlock();
        while (m_frames.size() > 1 && top().origin != FrameOrigin::Source)
            popFrame();
        if (m_frames.size() <= 1)
            return;
        OutputNode *closed = top().node;
        popFrame();
        // A container without text goes at once, so that text after it continues the text
        // before it.
        removeEmptyElements(*closed);
        auto &siblings = top().node->children;
        if (closed->children.empty() && !siblings.empty() && siblings.back().get() == closed)
            siblings.pop_back();
    }

    bool openInline(NodeKind kind, const QString &href)
    {
        const bool present = std::any_of(m_formats.begin(), m_formats.end(),
                                         [kind](const InlineFormat &f) { return f.kind == kind; });
        if (present)
            return false;
        m_formats.push_back({kind, href});
        return true;
    }

    void closeInline() { m_formats.pop_back(); }

    // Starts a new piece of a split document that began inside `openLists` lists.
    void beginChunk(int openLists)
    {
        m_atChunkStart = true;
        m_chunkOpenLists = openLists;
    }

    bool flattenedNesting() const { return m_flattenedNesting; }

    std::unique_ptr<OutputNode> takeDocument()
    {
        closeBlock();
        removeEmptyElements(*m_root);
        normalizeText(*m_root);
        m_frames.clear();
        return std::move(m_root);
    }

private:
    enum class FrameOrigin {
        Source,    // opened for an element of the input
        LooseItem, // list item opened for content placed directly in a list
        StrayItem, // list opened, or reopened, for a list item outside any list
    };

    struct Frame
    {
        OutputNode *node;
        FrameOrigin origin;
    };

    struct InlineFormat
    {
        NodeKind kind;
        QString href;
    };

    static bool isCollapsibleSpace(char16_t c)
    {
        return c == u' ' || c == u'\t' || c == u'\n' || c == u'\f' || c == u'\r' ||
               c == kNoBreakSpace;
    }

    Frame &top() { return m_frames.back(); }

    void pushFrame(OutputNode *node, FrameOrigin origin)
    {
        if (isListKind(node->kind) || node->kind == NodeKind::Blockquote)
            ++m_nestingDepth;
        m_frames.push_back({node, origin});
    }

    void popFrame()
    {
        const NodeKind kind = top().node->kind;
        if (isListKind(kind) || kind == NodeKind::Blockquote)
            --m_nestingDepth;
        m_frames.pop_back();
    }

    void clearPendingSpaces()
    {
        m_pendingSpaces = 0;
        m_pendingSpacesAreNoBreak = true;
    }

    void closeBlock()
    {
        m_block = nullptr;
        m_openInline.clear();
        m_blockHasContent = false;
        m_pendingBreaks = 0;
        clearPendingSpaces();
    }

    void closeStrayItemFrames()
    {
        while (top().origin == FrameOrigin::StrayItem)
            popFrame();
    }

    bool acceptsBlocks() const
    {
        for (auto it = m_frames.rbegin(); it != m_frames.rend(); ++it) {
            if (it->origin == FrameOrigin::StrayItem)
                continue;
            return it->node->kind == NodeKind::Root || it->node->kind == NodeKind::Blockquote;
        }
        return true;
    }

    // Opens a list item for content that sits directly in a list. A nested list or quote joins
    // the item before it.
    void openLooseItem(bool joinPrevious)
    {
        OutputNode *list = top().node;
        if (joinPrevious && !list->children.empty() &&
            list->children.back()->kind == NodeKind::ListItem) {
            pushFrame(list->children.back().get(), FrameOrigin::LooseItem);
            return;
        }
        pushFrame(list->append(NodeKind::ListItem), FrameOrigin::LooseItem);
    }

    bool openContainer(NodeKind kind)
    {
        if (m_heading) {
            blockBoundary();
            return false;
        }
        if (m_nestingDepth >= kMaxNestingDepth) {
            m_flattenedNesting = true;
            blockBoundary();
            return false;
        }
        closeBlock();
        closeStrayItemFrames();
        if (isListKind(top().node->kind))
            openLooseItem(true);
        pushFrame(top().node->append(kind), FrameOrigin::Source);
        m_atChunkStart = false;
        return true;
    }

    // Returns the path to the list that ends `container`, alternating lists and their last
    // items, descending through at most `maxLists` trailing lists.
    static std::vector<OutputNode *> trailingLists(OutputNode *container, int maxLists)
    {
        std::vector<OutputNode *> path;
        OutputNode *node = container;
        int lists = 0;
        while (!node->children.empty() && isListKind(node->children.back()->kind)) {
            OutputNode *list = node->children.back().get();
            path.push_back(list);
            if (++lists >= maxLists || list->children.empty())
                break;
            OutputNode *item = list->children.back().get();
            if (item->children.empty() || !isListKind(item->children.back()->kind))
                break;
            path.push_back(item);
            node = item;
        }
        return path;
    }

    OutputNode *ensureBlock()
    {
        if (m_block)
            return m_block;
        closeStrayItemFrames();
        if (isListKind(top().node->kind))
            openLooseItem(false);
        OutputNode *container = top().node;
        m_openInline.clear();
        if (container->kind != NodeKind::ListItem) {
            m_block = container->append(m_heading.value_or(NodeKind::Paragraph));
            m_blockHasContent = false;
            return m_block;
        }

        // The text of an item resumes after a nested list or quote that was removed for being
        // empty. It starts on a new line inside the inline elements that end the item, as it
        // would if the item had never been left.
        m_block = container;
        m_blockHasContent = false;
        if (container->children.empty())
            return m_block;
        const NodeKind last = container->children.back()->kind;
        if (isListKind(last) || last == NodeKind::Blockquote)
            return m_block;
        m_blockHasContent = true;
        m_pendingBreaks = std::max(m_pendingBreaks, 1);
        for (OutputNode *node = container; !node->children.empty();) {
            OutputNode *child = node->children.back().get();
            if (child->kind == NodeKind::Text || child->kind == NodeKind::LineBreak)
                break;
            m_openInline.push_back(child);
            node = child;
        }
        return m_block;
    }

    // Keeps the open inline elements that the requested chain shares and returns the node that
    // receives content at that level.
    OutputNode *sharedInlineParent()
    {
        size_t shared = 0;
        while (shared < m_openInline.size() && shared < m_formats.size() &&
               m_openInline[shared]->kind == m_formats[shared].kind &&
               m_openInline[shared]->text == m_formats[shared].href)
            ++shared;
        m_openInline.resize(shared);
        return m_openInline.empty() ? m_block : m_openInline.back();
    }

    OutputNode *openRequestedInline()
    {
        OutputNode *parent = sharedInlineParent();
        for (size_t i = m_openInline.size(); i < m_formats.size(); ++i) {
            parent = parent->append(m_formats[i].kind);
            parent->text = m_formats[i].href;
            m_openInline.push_back(parent);
        }
        return parent;
    }

    static void appendTextTo(OutputNode *parent, QStringView text)
    {
        if (!parent->children.empty() && parent->children.back()->kind == NodeKind::Text) {
            parent->children.back()->text += text;
            return;
        }
        parent->append(NodeKind::Text)->text = text.toString();
    }

    void appendWord(QStringView word)
    {
        ensureBlock();
        if (m_pendingBreaks > 0) {
            if (m_blockHasContent) {
                // Two line breaks in a row end a paragraph. Elsewhere they become one.
                if (m_pendingBreaks >= 2 && m_block->kind == NodeKind::Paragraph) {
                    closeBlock();
                    ensureBlock();
                } else {
                    sharedInlineParent()->append(NodeKind::LineBreak);
                }
            }
            m_pendingBreaks = 0;
            clearPendingSpaces();
        }
        if (m_pendingSpaces > 0) {
            if (m_blockHasContent) {
                // A single no-break space between words is deliberate, as in "10&nbsp;am".
                const bool noBreak = m_pendingSpaces == 1 && m_pendingSpacesAreNoBreak;
                appendTextTo(sharedInlineParent(), noBreak ? u"\u00A0" : u" ");
            }
            clearPendingSpaces();
        }
        appendTextTo(openRequestedInline(), word);
        m_blockHasContent = true;
        m_atChunkStart = false;
    }

    // Removes the elements below `node` that are left without text.
    static void removeEmptyElements(OutputNode &node)
    {
        auto &children = node.children;
        for (auto &child : children) {
            if (child->kind != NodeKind::Text)
                removeEmptyElements(*child);
        }
        const auto empty = [](const std::unique_ptr<OutputNode> &child) {
            if (child->kind == NodeKind::Text)
                return child->text.isEmpty();
            return child->kind != NodeKind::LineBreak && child->children.empty();
        };
        children.erase(std::remove_if(children.begin(), children.end(), empty), children.end());
    }

    static void normalizeText(OutputNode &node)
    {
        for (auto &child : node.children) {
            if (child->kind == NodeKind::Text)
                child->text = child->text.normalized(QString::NormalizationForm_C);
            else
                normalizeText(*child);
        }
    }

    std::unique_ptr<OutputNode> m_root;
    std::vector<Frame> m_frames;
    // Inline formatting requested by the open input elements, outermost first.
    std::vector<InlineFormat> m_formats;
    std::vector<OutputNode *> m_openInline;
    OutputNode *m_block = nullptr;
    std::optional<NodeKind> m_heading;
    bool m_blockHasContent = false;
    int m_pendingBreaks = 0;
    int m_pendingSpaces = 0;
    bool m_pendingSpacesAreNoBreak = true;
    int m_nestingDepth = 0;
    bool m_atChunkStart = false;
    int m_chunkOpenLists = 0;
    bool m_flattenedNesting = false;
};

// Treatment of an element by the tree walker.
enum class Role {
    Unwrap,
    Block,
    Cell,
    Preformatted,
    LineBreak,
    Rule,
    List,
    ListItem,
    Heading,
    Blockquote,
    Strong,
    Emphasis,
    Underline,
    Link,
    Drop,
    OfficeIsland,
};

Role roleOf(GumboTag tag, QByteArrayView name)
{
    switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_MULTICOL:
        return Role::Block;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
        return Role::Cell;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
        return Role::Preformatted;
    case GUMBO_TAG_BR:
        return Role::LineBreak;
    case GUMBO_TAG_HR:
        return Role::Rule;
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
        return Role::List;
    case GUMBO_TAG_LI:
        return Role::ListItem;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
        return Role::Heading;
    case GUMBO_TAG_BLOCKQUOTE:
        return Role::Blockquote;
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_B:
        return Role::Strong;
    case GUMBO_TAG_EM:
    case GUMBO_TAG_I:
        return Role::Emphasis;
    case GUMBO_TAG_U:
        return Role::Underline;
    case GUMBO_TAG_A:
        return Role::Link;
    // noembed, noframes, param, optgroup, datalist and keygen only make sense with the dropped
    // elements, and noembed and noframes hold their markup as raw text.
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_TEMPLATE:
    // NOTE: gumbo parses <noscript> as a browser without scripts does, so an unclosed element
    // inside it ("<noscript><p></noscript><p>Text") keeps the text after </noscript> inside
    // it, and that text is dropped although browsers with scripts show it.
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_ISINDEX:
        return Role::Drop;
    case GUMBO_TAG_HEAD:
        // The parser always creates an empty <head>, and the elements that an input's <head>
        // contains are dropped one by one.
        return Role::Unwrap;
    case GUMBO_TAG_UNKNOWN:
        // gumbo 0.10.1 predates <picture>.
        if (name == "picture")
            return Role::Drop;
        if (name == "xml")
            return Role::OfficeIsland;
        if (name == "dialog" || name == "search")
            return Role::Block;
        return Role::Unwrap;
    default:
        return Role::Unwrap;
    }
}

NodeKind headingKind(GumboTag tag)
{
    if (tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2)
        return NodeKind::Heading2;
    if (tag == GUMBO_TAG_H3)
        return NodeKind::Heading3;
    return NodeKind::Heading4;
}

bool containsCaseInsensitive(QByteArrayView haystack, QByteArrayView needle)
{
    if (needle.size() > haystack.size())
        return false;
    for (qsizetype i = 0; i + needle.size() <= haystack.size(); ++i) {
        if (haystack.sliced(i, needle.size()).compare(needle, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool startsWithCaseInsensitive(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size() &&
           text.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

// Walks gumbo's tree with an explicit stack, because the tree can be thousands of levels deep,
// and feeds the allow-listed structure to the builder.
class SanitizingWalker
{
public:
    SanitizingWalker(DocumentBuilder &builder, RemovalReport &report, bool newlinesAreBreaks)
        : m_builder(builder)
        , m_report(report)
        , m_newlinesAreBreaks(newlinesAreBreaks)
    {}

    // Walks one piece of the input. Unless it is the last piece, elements still open at its end
    // were cut by the split, and the paragraph they contain continues in the next piece.
    void walk(GumboNode *root, bool lastPiece)
    {
        std::vector<Frame> stack;
        stack.push_back({root, 0, Exit::None, false, !lastPiece});
        while (!stack.empty()) {
            const size_t frameIndex = stack.size() - 1;
            GumboNode *parent = stack[frameIndex].node;
            const GumboVector &children = parent->v.element.children;
            if (stack[frameIndex].nextChild >= children.length) {
                const Exit exit = stack[frameIndex].exit;
                const bool cut = stack[frameIndex].openAtEnd;
                stack.pop_back();
                leave(exit, cut);
                continue;
            }
            auto *child = static_cast<GumboNode *>(children.data[stack[frameIndex].nextChild++]);
            const bool skipping = stack[frameIndex].skippingFallback;

            switch (child->type) {
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_WHITESPACE:
            case GUMBO_NODE_CDATA:
                if (!skipping) {
                    const QString text = cleanCharacters(QString::fromUtf8(child->v.text.text));
                    m_builder.appendText(text, m_newlinesAreBreaks || m_preformattedDepth > 0);
                }
                break;
            case GUMBO_NODE_COMMENT:
                stack[frameIndex].skippingFallback = handleComment(*child, skipping);
                break;
            case GUMBO_NODE_ELEMENT: {
                if (skipping)
                    break;
                bool descend = false;
                const Exit exit = enter(*child, &descend);
                if (!descend)
                    break;
                const bool openAtEnd = stack[frameIndex].openAtEnd &&
                                       stack[frameIndex].nextChild == children.length &&
                                       child->v.element.original_end_tag.length == 0;
                stack.push_back({child, 0, exit, false, openAtEnd});
                break;
            }
            case GUMBO_NODE_TEMPLATE:
                if (!skipping)
                    m_report.addElement("template");
                break;
            case GUMBO_NODE_DOCUMENT:
                break;
            }
        }
    }

private:
    // Builder call to make when an element ends.
    enum class Exit { None, Boundary, WordBreak, Preformatted, Heading, Container, Inline };

    struct Frame
    {
        GumboNode *node;
        unsigned int nextChild;
        Exit exit;
        // Inside Word's <![if !supportLists]> ... <![endif]>, which repeats list bullets and
        // spacing as text for browsers without CSS.
        bool skippingFallback;
        // The element and its ancestors have no end tag and nothing follows them in the piece.
        bool openAtEnd;
    };

    // Returns whether the following siblings are a Word fallback to skip.
    bool handleComment(const GumboNode &node, bool skipping)
    {
        const QByteArrayView comment = QByteArrayView(node.v.text.text).trimmed();
        if (startsWithCaseInsensitive(comment, "[if")) {
            const bool office = containsCaseInsensitive(comment, "mso") ||
                                containsCaseInsensitive(comment, "support") ||
                                containsCaseInsensitive(comment, "vml");
            if (office)
                m_report.markOfficeMarkup();
            const bool revealedFallback =
                comment.endsWith(']') && (startsWithCaseInsensitive(comment, "[if !support") ||
                                          startsWithCaseInsensitive(comment, "[if !vml"));
            if (revealedFallback)
                return true;
        } else if (startsWithCaseInsensitive(comment, "?xml") &&
                   (containsCaseInsensitive(comment, "urn:schemas-microsoft-com") ||
                    containsCaseInsensitive(comment, "xml:namespace"))) {
            m_report.markOfficeMarkup();
        }
        if (skipping && startsWithCaseInsensitive(comment, "[endif"))
            return false;
        return skipping;
    }

    void reportAttributes(const GumboElement &element)
    {
        for (unsigned int i = 0; i < element.attributes.length; ++i) {
            const auto *attribute = static_cast<const GumboAttribute *>(element.attributes.data[i]);
            const QByteArrayView name(attribute->name);
            const QByteArrayView value(attribute->value);
            if (name.startsWith("on")) {
                m_report.addEventAttribute(name);
            } else if (name == "style") {
                if (containsCaseInsensitive(value, "mso-"))
                    m_report.markOfficeMarkup();
                else
                    m_report.addAttribute(name);
            } else if (name == "class") {
                // Word names its classes MsoNormal, MsoListParagraph and WordSection1.
                bool office = false;
                for (const QByteArray &word : value.toByteArray().simplified().split(' ')) {
                    office = office || startsWithCaseInsensitive(word, "mso") ||
                             startsWithCaseInsensitive(word, "wordsection");
                }
                if (office)
                    m_report.markOfficeMarkup();
                else
                    m_report.addAttribute(name);
            }
        }
    }

    Exit enter(const GumboNode &node, bool *descend)
    {
        const GumboElement &element = node.v.element;
        const QByteArray name = elementName(element);
        const Role role = roleOf(element.tag, name);
        if (role == Role::Drop) {
            m_report.addElement(name);
            reportAttributes(element);
            return Exit::None;
        }
        reportAttributes(element);
        if (role == Role::OfficeIsland || isOfficeTagName(name))
            m_report.markOfficeMarkup();
        if (role == Role::OfficeIsland)
            return Exit::None;

        *descend = true;
        switch (role) {
        case Role::Block:
            m_builder.blockBoundary();
            return Exit::Boundary;
        case Role::Cell:
            m_builder.wordBreak();
            return Exit::WordBreak;
        case Role::Preformatted:
            m_builder.blockBoundary();
            ++m_preformattedDepth;
            return Exit::Preformatted;
        case Role::LineBreak:
            m_builder.lineBreak();
            *descend = false;
            return Exit::None;
        case Role::Rule:
            m_builder.blockBoundary();
            *descend = false;
            return Exit::None;
        case Role::Heading:
            return m_builder.openHeading(headingKind(element.tag)) ? Exit::Heading : Exit::Boundary;
        case Role::List: {
            const NodeKind kind =
                element.tag == GUMBO_TAG_OL ? NodeKind::OrderedList : NodeKind::UnorderedList;
            return openedContainer(m_builder.openList(kind));
        }
        case Role::ListItem:
            return openedContainer(m_builder.openListItem());
        case Role::Blockquote:
            return openedContainer(m_builder.openBlockquote());
        case Role::Strong:
            return m_builder.openInline(NodeKind::Strong, {}) ? Exit::Inline : Exit::None;
        case Role::Emphasis:
            return m_builder.openInline(NodeKind::Emphasis, {}) ? Exit::Inline : Exit::None;
        case Role::Underline:
            return m_builder.openInline(NodeKind::Underline, {}) ? Exit::Inline : Exit::None;
        case Role::Link:
            return enterLink(element);
        case Role::Unwrap:
        case Role::Drop:
        case Role::OfficeIsland:
            break;
        }
        return Exit::None;
    }

    static Exit openedContainer(bool opened) { return opened ? Exit::Container : Exit::Boundary; }

    Exit enterLink(const GumboElement &element)
    {
        const GumboAttribute *href = gumbo_get_attribute(&element.attributes, "href");
        if (!href)
            return Exit::None;
        const LinkTarget target = checkLinkTarget(QByteArrayView(href->value));
        if (!target.allowed) {
            m_report.addRejectedLink(target.rejectedScheme);
            return Exit::None;
        }
        return m_builder.openInline(NodeKind::Link, target.href) ? Exit::Inline : Exit::None;
    }

    // Ends an element. An element cut by a split keeps the current paragraph open, but lists,
    // quotes and headings still close, because the next piece cannot close them again.
    // NOTE: So a split inside a nested list moves the outer list's later items into the nested
    // list, and a split inside a link or bold text ends it early. Splits prefer the shallowest
    // boundary, so this needs a nested list or inline element with thousands of tags.
    void leave(Exit exit, bool cut)
    {
        switch (exit) {
        case Exit::None:
            break;
        case Exit::Boundary:
            if (!cut)
                m_builder.blockBoundary();
            break;
        case Exit::WordBreak:
            m_builder.wordBreak();
            break;
        case Exit::Preformatted:
            --m_preformattedDepth;
            if (!cut)
                m_builder.blockBoundary();
            break;
        case Exit::Heading:
            m_builder.closeHeading();
            break;
        case Exit::Container:
            m_builder.closeContainer();
            break;
        case Exit::Inline:
            m_builder.closeInline();
            break;
        }
    }

    DocumentBuilder &m_builder;
    RemovalReport &m_report;
    bool m_newlinesAreBreaks;
    int m_preformattedDepth = 0;
};

QLatin1StringView htmlTagName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Paragraph:
        return "p"_L1;
    case NodeKind::UnorderedList:
        return "ul"_L1;
    case NodeKind::OrderedList:
        return "ol"_L1;
    case NodeKind::ListItem:
        return "li"_L1;
    case NodeKind::Strong:
        return "strong"_L1;
    case NodeKind::Emphasis:
        return "em"_L1;
    case NodeKind::Underline:
        return "u"_L1;
    case NodeKind::Heading2:
        return "h2"_L1;
    case NodeKind::Heading3:
        return "h3"_L1;
    case NodeKind::Heading4:
        return "h4"_L1;
    case NodeKind::Blockquote:
        return "blockquote"_L1;
    case NodeKind::Link:
        return "a"_L1;
    case NodeKind::LineBreak:
        return "br"_L1;
    case NodeKind::Root:
    case NodeKind::Text:
        break;
    }
    return {};
}

void appendEscaped(QString &out, QStringView text, bool attribute)
{
    for (const QChar ch : text) {
        switch (ch.unicode()) {
        case u'&':
            out += u"&amp;"_s;
            break;
        case u'<':
            out += u"&lt;"_s;
            break;
        case u'>':
            out += u"&gt;"_s;
            break;
        case u'"':
            if (attribute)
                out += u"&quot;"_s;
            else
                out += ch;
            break;
        default:
            out += ch;
        }
    }
}

void appendHtml(QString &out, const OutputNode &node)
{
    switch (node.kind) {
    case NodeKind::Text:
        appendEscaped(out, node.text, false);
        return;
    case NodeKind::LineBreak:
        out += u"<br>"_s;
        return;
    case NodeKind::Root:
        for (const auto &child : node.children)
            appendHtml(out, *child);
        return;
    case NodeKind::Link:
        out += u"<a href=\""_s;
        appendEscaped(out, node.text, true);
        out += u"\" rel=\"nofollow noopener\">"_s;
        break;
    default:
        out += u'<';
        out += htmlTagName(node.kind);
        out += u'>';
        break;
    }
    for (const auto &child : node.children)
        appendHtml(out, *child);
    out += u"</"_s;
    out += htmlTagName(node.kind);
    out += u'>';
}

QString inlinePlainText(const OutputNode &node)
{
    if (node.kind == NodeKind::Text)
        return node.text;
    if (node.kind == NodeKind::LineBreak)
        return u"\n"_s;
    QString text;
    for (const auto &child : node.children)
        text += inlinePlainText(*child);
    return text;
}

// Collapses whitespace, including no-break spaces, and trims every line.
QStringList tidyLines(const QString &text)
{
    QStringList lines;
    for (const QString &line : text.split(u'\n')) {
        const QString tidy = line.simplified();
        if (!tidy.isEmpty())
            lines.append(tidy);
    }
    return lines;
}

void appendPlainBlocks(const OutputNode &container, QStringList &paragraphs);

void appendPlainListItems(const OutputNode &list, QStringList &lines)
{
    for (const auto &item : list.children) {
        QString pending;
        bool bulletWritten = false;
        const auto flush = [&] {
            for (const QString &line : tidyLines(pending)) {
                lines.append(bulletWritten ? line : u"• "_s + line);
                bulletWritten = true;
            }
            pending.clear();
        };
        for (const auto &child : item->children) {
            if (isListKind(child->kind)) {
                flush();
                appendPlainListItems(*child, lines);
            } else if (child->kind == NodeKind::Blockquote) {
                flush();
                QStringList quoted;
                appendPlainBlocks(*child, quoted);
                for (const QString &paragraph : quoted)
                    lines.append(paragraph.split(u'\n'));
            } else {
                pending += inlinePlainText(*child);
            }
        }
        flush();
    }
}

void appendPlainBlocks(const OutputNode &container, QStringList &paragraphs)
{
    for (const auto &child : container.children) {
        QStringList lines;
        if (isListKind(child->kind)) {
            appendPlainListItems(*child, lines);
        } else if (child->kind == NodeKind::Blockquote) {
            appendPlainBlocks(*child, paragraphs);
            continue;
        } else {
            lines = tidyLines(inlinePlainText(*child));
        }
        if (!lines.isEmpty())
            paragraphs.append(lines.join(u'\n'));
    }
}

QString plainTextOf(const OutputNode &root)
{
    QStringList paragraphs;
    appendPlainBlocks(root, paragraphs);
    return paragraphs.join(u"\n\n"_s);
}

void sanitizeMarkup(const QString &source, DocumentBuilder &builder, RemovalReport &report)
{
    const QByteArray utf8 = toGumboInput(source);
    const ChunkPlanner planner(utf8);
    // Text that uses only inline markup, such as "<b>Role</b>\nCarer", was laid out with
    // newlines, so they are kept as line breaks.
    SanitizingWalker walker(builder, report, !planner.sawLayoutMarkup());
    const std::vector<ChunkPlanner::Chunk> &chunks = planner.chunks();
    for (size_t i = 0; i < chunks.size(); ++i) {
        if (i > 0)
            builder.beginChunk(chunks[i].openLists);
        const GumboFragment fragment(chunks[i].text);
        if (GumboNode *root = fragment.root())
            walker.walk(root, i + 1 == chunks.size());
    }
}

// Collects the text of the elements that plainTextFromHtml keeps, and the character references
// that the text contained in the source.
class TextCollector
{
public:
    void walk(GumboNode *root)
    {
        std::vector<std::pair<GumboNode *, unsigned int>> stack;
        stack.emplace_back(root, 0);
        while (!stack.empty()) {
            auto &[parent, nextChild] = stack.back();
            const GumboVector &children = parent->v.element.children;
            if (nextChild >= children.length) {
                const GumboTag tag = parent->v.element.tag;
                stack.pop_back();
                if (separatesWords(tag))
                    m_text += u' ';
                continue;
            }
            auto *child = static_cast<GumboNode *>(children.data[nextChild++]);
            if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
                child->type == GUMBO_NODE_CDATA) {
                m_text += QString::fromUtf8(child->v.text.text);
                collectReferences(child->v.text.original_text);
            } else if (child->type == GUMBO_NODE_ELEMENT) {
                const GumboElement &element = child->v.element;
                const Role role = roleOf(element.tag, elementName(element));
                if (role == Role::Drop || role == Role::OfficeIsland)
                    continue;
                if (separatesWords(element.tag))
                    m_text += u' ';
                stack.emplace_back(child, 0);
            }
        }
    }

    const QString &text() const { return m_text; }
    const QByteArray &referenceProbe() const { return m_referenceProbe; }

private:
    static bool separatesWords(GumboTag tag) { return isLayoutTag(tag) || tag == GUMBO_TAG_LI; }

    // Copies every "&name;" or "&#123;" candidate, so that one more gumbo pass can tell whether
    // any of them is a character reference.
    void collectReferences(const GumboStringPiece &original)
    {
        const QByteArrayView source(original.data, qsizetype(original.length));
        for (qsizetype amp = source.indexOf('&'); amp >= 0; amp = source.indexOf('&', amp + 1)) {
            qsizetype end = amp + 1;
            while (end < source.size() &&
                   (isAsciiAlpha(source[end]) || isAsciiDigit(source[end]) || source[end] == '#'))
                ++end;
            if (end < source.size() && source[end] == ';')
                ++end;
            if (end - amp < 2)
                continue;
            m_referenceProbe += source.sliced(amp, end - amp);
            m_referenceProbe += ' ';
        }
    }

    QString m_text;
    QByteArray m_referenceProbe;
};

} // namespace

SanitizedHtml sanitizeJobDescription(const QString &input)
{
    SanitizedHtml result;
    DocumentBuilder builder;
    RemovalReport report;

    QString source = cleanCharacters(input);
    bool markup = containsMarkupStart(source);
    if (!markup) {
        // Decoding happens once: if the decoded text is not HTML, it is the plain text itself,
        // so "&amp;lt;p&amp;gt;" shows "&lt;p&gt;" to readers.
        QString decoded = cleanCharacters(decodeCharacterReferences(source));
        if (looksLikeEscapedHtml(decoded)) {
            source = std::move(decoded);
            result.decodedEscapedHtml = true;
            markup = true;
        } else {
            builder.appendText(decoded, true);
        }
    }
    if (markup)
        sanitizeMarkup(source, builder, report);
    if (builder.flattenedNesting())
        report.markFlattenedNesting();

    const std::unique_ptr<OutputNode> document = builder.takeDocument();
    appendHtml(result.html, *document);
    result.text = plainTextOf(*document);
    result.removed = report.phrases();
    return result;
}

QString plainTextFromHtml(const QString &input, bool *hadMarkup, bool *hadReferences)
{
    const QString source = cleanCharacters(input);
    const bool markup = containsMarkupStart(source);
    QString text;
    bool references = false;
    if (markup) {
        const QByteArray utf8 = toGumboInput(source);
        const ChunkPlanner planner(utf8);
        TextCollector collector;
        for (const ChunkPlanner::Chunk &chunk : planner.chunks()) {
            const GumboFragment fragment(chunk.text);
            if (GumboNode *root = fragment.root())
                collector.walk(root);
        }
        text = collector.text();
        const QString probe = QString::fromUtf8(collector.referenceProbe());
        references = !probe.isEmpty() && decodeCharacterReferences(probe) != probe;
    } else {
        text = decodeCharacterReferences(source);
        references = text != source;
    }

    if (hadMarkup)
        *hadMarkup = markup;
    if (hadReferences)
        *hadReferences = references;
    return cleanCharacters(text).simplified().normalized(QString::NormalizationForm_C);
}

} // namespace hopstep
