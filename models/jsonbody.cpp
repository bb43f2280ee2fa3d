#include "jsonbody.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <cctype>
#include <cmath>

using namespace Qt::StringLiterals;

namespace hopstep {

qsizetype firstInvalidUtf8Offset(const QByteArray &data)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.constData());
    const qsizetype size = data.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned char lowest = 0x80;
        unsigned char highest = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0)
                lowest = 0xA0; // overlong
            else if (lead == 0xED)
                highest = 0x9F; // UTF-16 surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0)
                lowest = 0x90; // overlong
            else if (lead == 0xF4)
                highest = 0x8F; // above U+10FFFF
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        if (bytes[i + 1] < lowest || bytes[i + 1] > highest)
            return i;
        for (int k = 2; k < length; ++k) {
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF)
                return i;
        }
        i += length;
    }
    return -1;
}

namespace {

// What a byte from 0x80 to 0xFF stands for in Windows-1252, the usual source of non-UTF-8
// bodies (text pasted from Word). Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no character.
char32_t windows1252Character(unsigned char byte)
{
    static constexpr char32_t high[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    if (byte < 0x80)
        return byte;
    if (byte < 0xA0)
        return high[byte - 0x80];
    return byte;
}

struct TextPosition
{
    int line = 1;
    int column = 1;
};

// Line and column (in characters, not bytes) of a byte offset in UTF-8 text.
TextPosition positionOf(const QByteArray &data, qsizetype offset)
{
    TextPosition position;
    const qsizetype end = std::min(offset, data.size());
    for (qsizetype i = 0; i < end; ++i) {
        const auto byte = static_cast<unsigned char>(data.at(i));
        if (byte == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++position.column; // count lead bytes only, so a character counts once
        }
    }
    return position;
}

JsonBody failure(int status, const QString &code, const QString &title, const QString &detail)
{
    JsonBody result;
    result.status = status;
    result.code = code;
    result.title = title;
    result.detail = detail;
    return result;
}

QString hexByte(unsigned char byte)
{
    return u"0x"_s + QString::number(byte, 16).toUpper().rightJustified(2, u'0');
}

QString codePointName(char32_t c)
{
    return u"U+"_s + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0');
}

bool isTypographicQuote(char32_t c)
{
    switch (c) {
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x201A: // ‚
    case 0x201B: // ‛
    case 0x201C: // “
    case 0x201D: // ”
    case 0x201E: // „
    case 0x201F: // ‟
    case 0x2032: // ′
    case 0x2033: // ″
    case 0x00AB: // «
    case 0x00BB: // »
        return true;
    default:
        return false;
    }
}

struct QuoteFault
{
    qsizetype offset = -1;
    char32_t character = 0;
};

// Finds the first quote character outside a JSON string that JSON does not accept: a
// typographic quote, as word processors and some documentation sites produce, or a single
// quote.
QuoteFault findQuoteOutsideString(const QByteArray &data)
{
    bool inString = false;
    bool escaped = false;
    const QString text = QString::fromUtf8(data);
    qsizetype byteOffset = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        char32_t codePoint = c.unicode();
        qsizetype width = 1;
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(c, text.at(i + 1));
            width = 2;
        }
        const qsizetype bytes = codePoint < 0x80      ? 1
                                : codePoint < 0x800   ? 2
                                : codePoint < 0x10000 ? 3
                                                      : 4;
        if (inString) {
            if (escaped)
                escaped = false;
            else if (codePoint == U'\\')
                escaped = true;
            else if (codePoint == U'"')
                inString = false;
        } else if (codePoint == U'"') {
            inString = true;
        } else if (isTypographicQuote(codePoint) || codePoint == U'\'') {
            return {byteOffset, codePoint};
        }
        byteOffset += bytes;
        i += width - 1;
    }
    return {};
}

QString describeParseError(QJsonParseError::ParseError error)
{
    switch (error) {
    case QJsonParseError::UnterminatedObject:
        return u"an object is not closed with }, or a comma is missing between members"_s;
    case QJsonParseError::MissingNameSeparator:
        return u"a colon is missing after a member name"_s;
    case QJsonParseError::UnterminatedArray:
        return u"an array is not closed with ], or a comma is missing between values"_s;
    case QJsonParseError::MissingValueSeparator:
        return u"a comma is missing between values"_s;
    case QJsonParseError::IllegalValue:
        return u"a value is not valid JSON (strings need straight double quotes; true, false "
               u"and null are lower case; a trailing comma is not allowed)"_s;
    case QJsonParseError::TerminationByNumber:
        return u"the body ends inside a number"_s;
    case QJsonParseError::IllegalNumber:
        return u"a number is not valid JSON (no leading zeros, + signs, or currency symbols)"_s;
    case QJsonParseError::IllegalEscapeSequence:
        return u"a string has an invalid escape sequence after a backslash"_s;
    case QJsonParseError::IllegalUTF8String:
        return u"a string is not valid UTF-8"_s;
    case QJsonParseError::UnterminatedString:
        return u"a string is not closed with a straight double quote"_s;
    case QJsonParseError::MissingObject:
        return u"the body does not start with a JSON object or array"_s;
    case QJsonParseError::DeepNesting:
        return u"objects or arrays are nested too deeply"_s;
    case QJsonParseError::DocumentTooLarge:
        return u"the document is too large"_s;
    case QJsonParseError::GarbageAtEnd:
        return u"there is more text after the end of the JSON value"_s;
    case QJsonParseError::NoError:
        break;
    }
    return u"the JSON is not valid"_s;
}

bool isJsonMediaType(const QByteArray &mediaType)
{
    if (mediaType == "application/json")
        return true;
    return mediaType.startsWith("application/") && mediaType.endsWith("+json");
}

// The first place where data breaks the JSON grammar of RFC 8259, with a sentence for the
// sender. Qt's parser accepts some things RFC 8259 forbids (raw control characters in strings,
// unknown escapes) and names faults vaguely, so this scan runs first. It also rejects
// duplicate member names, because which value wins differs between parsers.
struct GrammarFault
{
    qsizetype offset = -1;
    QString code = u"malformed-json"_s;
    QString message;
};

// The significant digits of a JSON number: those of its integer and fraction parts without
// leading zeros, and without the fraction's trailing zeros.
qsizetype significantDigits(const QByteArray &literal)
{
    QByteArray mantissa = literal;
    if (const qsizetype exponent = mantissa.indexOf('e'); exponent >= 0)
        mantissa.truncate(exponent);
    if (const qsizetype exponent = mantissa.indexOf('E'); exponent >= 0)
        mantissa.truncate(exponent);
    if (mantissa.startsWith('-'))
        mantissa.remove(0, 1);
    if (mantissa.contains('.')) {
        while (mantissa.endsWith('0'))
            mantissa.chop(1);
    }
    mantissa.replace(".", "");
    qsizetype first = 0;
    while (first < mantissa.size() && mantissa.at(first) == '0')
        ++first;
    return mantissa.size() - first;
}

class StrictJsonScanner
{
public:
    static constexpr int maxDepth = 64;

    explicit StrictJsonScanner(const QByteArray &data)
        : m_data(data)
    {}

    GrammarFault scan()
    {
        skipSpace();
        if (atEnd())
            return fault(u"the body has no JSON value"_s);
        if (peek() != '{') {
            GrammarFault result = scanValue();
            if (result.offset >= 0)
                return result;
            return {0, u"not-an-object"_s, {}};
        }
        GrammarFault result = scanValue();
        if (result.offset >= 0)
            return result;
        skipSpace();
        if (!atEnd())
            return fault(u"there is more text after the end of the JSON object"_s);
        return {};
    }

private:
    bool atEnd() const { return m_position >= m_data.size(); }
    char peek() const { return m_data.at(m_position); }

    GrammarFault fault(const QString &message) const
    {
        return {m_position, u"malformed-json"_s, message};
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_position;
        }
    }

    // Containers are tracked on an explicit stack, so deep nesting cannot exhaust the C++ one.
    struct Frame
    {
        bool object;
        QSet<QByteArray> names;
    };

    GrammarFault scanValue()
    {
        QList<Frame> stack;
        bool expectValue = true;
        while (true) {
            skipSpace();
            if (atEnd())
                return fault(stack.isEmpty() ? u"the body ends where a value was expected"_s
                                             : u"the body ends before every { and [ is closed"_s);
            if (expectValue) {
                const char c = peek();
                if (c == '{' || c == '[') {
                    if (stack.size() >= maxDepth)
                        return fault(
                            u"objects and arrays are nested more than %1 deep"_s.arg(maxDepth));
                    ++m_position;
                    stack.append(Frame{c == '{', {}});
                    skipSpace();
                    if (!atEnd() && peek() == (c == '{' ? '}' : ']')) {
                        ++m_position;
                        stack.removeLast();
                        expectValue = false;
                        if (stack.isEmpty())
                            return {};
                        continue;
                    }
                    if (c == '{') {
                        GrammarFault member = scanMemberName(stack.last());
                        if (member.offset >= 0)
                            return member;
                    }
                    continue;
                }
                GrammarFault scalar = scanScalar();
                if (scalar.offset >= 0)
                    return scalar;
                expectValue = false;
                if (stack.isEmpty())
                    return {};
                continue;
            }
            const char c = peek();
            Frame &frame = stack.last();
            if (c == ',') {
                const qsizetype comma = m_position;
                ++m_position;
                skipSpace();
                if (!atEnd() && (peek() == '}' || peek() == ']')) {
                    return {comma, u"malformed-json"_s,
                            u"a comma comes right before %1; remove the trailing comma"_s.arg(
                                QLatin1Char(peek()))};
                }
                if (frame.object) {
                    GrammarFault member = scanMemberName(frame);
                    if (member.offset >= 0)
                        return member;
                }
                expectValue = true;
                continue;
            }
            if (c == (frame.object ? '}' : ']')) {
                ++m_position;
                stack.removeLast();
                if (stack.isEmpty())
                    return {};
                continue;
            }
            return fault(frame.object ? u"a comma or } is expected after a member's value"_s
                                      : u"a comma or ] is expected after an array value"_s);
        }
    }

    // Reads "name" and the colon after it, and rejects a name the object already has.
    GrammarFault scanMemberName(Frame &frame)
    {
        skipSpace();
        if (atEnd())
            return fault(u"the body ends where a member name was expected"_s);
        if (peek() != '"')
            return fault(u"a member name in straight double quotes is expected"_s);
        const qsizetype start = m_position;
        QByteArray name;
        GrammarFault text = scanString(&name);
        if (text.offset >= 0)
            return text;
        if (frame.names.contains(name)) {
            return {
                start, u"malformed-json"_s,
                u"the member name \"%1\" appears twice in the same object; send each field once"_s
                    .arg(QString::fromUtf8(name).left(60))};
        }
        frame.names.insert(name);
        skipSpace();
        if (atEnd() || peek() != ':')
            return fault(u"a colon is expected after the member name"_s);
        ++m_position;
        return {};
    }

    GrammarFault scanScalar()
    {
        const char c = peek();
        if (c == '"')
            return scanString(nullptr);
        if (c == '-' || (c >= '0' && c <= '9'))
            return scanNumber();
        for (const char *literal : {"true", "false", "null"}) {
            const qsizetype length = qsizetype(qstrlen(literal));
            if (m_data.mid(m_position, length) == literal) {
                m_position += length;
                return {};
            }
            if (m_data.mid(m_position, length).toLower() == literal)
                return fault(u"true, false and null must be written in lower case"_s);
        }
        return fault(u"a value is expected: a string in straight double quotes, a number, an "
                     u"object, an array, true, false or null"_s);
    }

    GrammarFault scanString(QByteArray *decoded)
    {
        ++m_position; // the opening quote
        while (!atEnd()) {
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                ++m_position;
                return {};
            }
            if (c < 0x20) {
                return fault(u"a string contains the control character U+%1; write it as an "
                             u"escape such as \\n, \\t or \\u%1"_s.arg(
                                 QString::number(c, 16).toUpper().rightJustified(4, u'0')));
            }
            if (c != '\\') {
                if (decoded)
                    decoded->append(char(c));
                ++m_position;
                continue;
            }
            if (m_position + 1 >= m_data.size())
                return fault(u"the body ends inside an escape sequence"_s);
            const char escape = m_data.at(m_position + 1);
            if (escape == 'u') {
                const QByteArray hex = m_data.mid(m_position + 2, 4);
                bool ok = hex.size() == 4;
                for (char h : hex)
                    ok = ok && std::isxdigit(static_cast<unsigned char>(h));
                if (!ok)
                    return fault(u"\\u must be followed by four hexadecimal digits"_s);
                if (decoded)
                    decoded->append("\\u" + hex.toLower());
                m_position += 6;
                continue;
            }
            if (!QByteArrayView("\"\\/bfnrt").contains(escape)) {
                return fault(u"\\%1 is not a JSON escape; the escapes are \\\", \\\\, \\/, \\b, "
                             u"\\f, \\n, \\r, \\t and \\uXXXX"_s.arg(QLatin1Char(escape)));
            }
            if (decoded)
                decoded->append(escape == '/' ? '/' : escape);
            m_position += 2;
        }
        return fault(u"a string is not closed with a straight double quote"_s);
    }

    GrammarFault scanNumber()
    {
        const qsizetype start = m_position;
        if (peek() == '-')
            ++m_position;
        if (atEnd() || !std::isdigit(static_cast<unsigned char>(peek())))
            return fault(u"a minus sign must be followed by digits"_s);
        if (peek() == '0' && m_position + 1 < m_data.size()) {
            const char next = m_data.at(m_position + 1);
            if (next == 'x' || next == 'X')
                return fault(u"hexadecimal numbers are not JSON; write the number in decimal"_s);
            if (std::isdigit(static_cast<unsigned char>(next)))
                return fault(u"a number has a leading zero; write it without one, or as a "
                             u"string if it is a code such as a postcode"_s);
        }
        while (!atEnd() && std::isdigit(static_cast<unsigned char>(peek())))
            ++m_position;
        if (!atEnd() && peek() == '.') {
            ++m_position;
            if (atEnd() || !std::isdigit(static_cast<unsigned char>(peek())))
                return fault(u"a decimal point must be followed by digits"_s);
            while (!atEnd() && std::isdigit(static_cast<unsigned char>(peek())))
                ++m_position;
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            ++m_position;
            if (!atEnd() && (peek() == '+' || peek() == '-'))
                ++m_position;
            if (atEnd() || !std::isdigit(static_cast<unsigned char>(peek())))
                return fault(u"an exponent must have digits"_s);
            while (!atEnd() && std::isdigit(static_cast<unsigned char>(peek())))
                ++m_position;
        }
        // A double keeps 15 significant decimal digits exactly, so a longer number would be
        // changed without notice (30.999999999999999999 would become 31).
        const QByteArray literal = m_data.mid(start, m_position - start);
        if (significantDigits(literal) > 15) {
            return {start, u"malformed-json"_s,
                    u"the number %1 has more than 15 significant digits, more than hopstep "
                    u"keeps exactly; round it, such as an amount to two decimals"_s.arg(
                        QString::fromLatin1(literal.left(40)))};
        }
        bool converted = false;
        const double value = literal.toDouble(&converted);
        if (!converted || !std::isfinite(value)) {
            return {start, u"malformed-json"_s,
                    u"a number is out of the range a double can represent"_s};
        }
        if (!atEnd()) {
            const char next = peek();
            if (std::isalpha(static_cast<unsigned char>(next)) || next == '$' || next == '%')
                return fault(u"a number is followed by text; send amounts as plain numbers "
                             u"without units or symbols"_s);
        }
        return {};
    }

    const QByteArray &m_data;
    qsizetype m_position = 0;
};

} // namespace

JsonBody parseJsonBody(const QByteArray &contentType, const QByteArray &body)
{
    const QList<QByteArray> parts = contentType.split(';');
    const QByteArray mediaType = parts.value(0).trimmed().toLower();
    if (!isJsonMediaType(mediaType)) {
        const QString received = contentType.isEmpty()
                                     ? u"no Content-Type header"_s
                                     : u"Content-Type "_s + QString::fromLatin1(mediaType);
        QString detail = u"The request has "_s + received +
                         u"; send the job as JSON with the header Content-Type: "_s
                         u"application/json."_s;
        if (mediaType == "application/x-www-form-urlencoded")
            detail += u" (curl -d sends this type unless you add -H 'Content-Type: "_s
                      u"application/json'.)"_s;
        return failure(415, u"unsupported-media-type"_s, u"Body is not JSON"_s, detail);
    }
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray parameter = parts.at(i).trimmed();
        const qsizetype equals = parameter.indexOf('=');
        if (equals < 0 || parameter.left(equals).trimmed().toLower() != "charset")
            continue;
        QByteArray charset = parameter.mid(equals + 1).trimmed().toLower();
        if (charset.startsWith('"') && charset.endsWith('"') && charset.size() >= 2)
            charset = charset.mid(1, charset.size() - 2);
        if (charset != "utf-8" && charset != "utf8") {
            return failure(415, u"unsupported-charset"_s, u"Unsupported character set"_s,
                           u"The request declares charset="_s + QString::fromLatin1(charset) +
                               u"; hopstep reads JSON only as UTF-8. Encode the body as "_s
                               u"UTF-8 and send charset=utf-8 or no charset."_s);
        }
    }

    if (body.size() > maxJsonBodyBytes) {
        return failure(413, u"body-too-large"_s, u"Body too large"_s,
                       u"The body has %1 bytes; the maximum is %2 bytes. Shorten the "_s
                       u"description; hopstep does not truncate."_s.arg(body.size())
                           .arg(maxJsonBodyBytes));
    }

    if (body.startsWith(QByteArray("\xFF\xFE\0\0", 4)) ||
        body.startsWith(QByteArray("\0\0\xFE\xFF", 4))) {
        return failure(415, u"unsupported-charset"_s, u"Unsupported character set"_s,
                       u"The body starts with a UTF-32 byte order mark, so it is UTF-32; "
                       u"hopstep reads JSON only as UTF-8. Encode the body as UTF-8."_s);
    }
    if (body.startsWith("\xFF\xFE") || body.startsWith("\xFE\xFF")) {
        return failure(415, u"unsupported-charset"_s, u"Unsupported character set"_s,
                       u"The body starts with a UTF-16 byte order mark, so it is UTF-16; "
                       u"hopstep reads JSON only as UTF-8. Encode the body as UTF-8."_s);
    }
    // JSON text starts with an ASCII character, so a zero byte among the first two means
    // UTF-16 or UTF-32 without a byte order mark (RFC 8259 section 8.1 forbids both).
    if (body.size() >= 2 && (body.at(0) == '\0' || body.at(1) == '\0')) {
        return failure(415, u"unsupported-charset"_s, u"Unsupported character set"_s,
                       u"The body has zero bytes between its first characters, so it is UTF-16 "
                       u"or UTF-32; hopstep reads JSON only as UTF-8. Encode the body as "
                       u"UTF-8."_s);
    }
    if (body.startsWith("\x1F\x8B")) {
        return failure(415, u"unsupported-media-type"_s, u"Compressed body"_s,
                       u"The body is gzip-compressed; hopstep takes no Content-Encoding. Send "
                       u"the JSON uncompressed."_s);
    }

    QByteArray data = body;
    qsizetype skipped = 0;
    if (data.startsWith("\xEF\xBB\xBF")) {
        data.remove(0, 3);
        skipped = 3;
    }
    if (data.startsWith("\xEF\xBB\xBF")) {
        JsonBody result = failure(400, u"malformed-json"_s, u"Malformed JSON"_s,
                                  u"The body starts with two UTF-8 byte order marks; send at "
                                  u"most one, or none."_s);
        // The second mark, after the first one's 3 bytes.
        result.offset = skipped;
        result.line = 1;
        result.column = 1;
        return result;
    }
    if (data.trimmed().isEmpty()) {
        return failure(400, u"empty-body"_s, u"Empty body"_s,
                       u"The request body is empty; send the job as a JSON object."_s);
    }

    if (const qsizetype bad = firstInvalidUtf8Offset(data); bad >= 0) {
        const auto byte = static_cast<unsigned char>(data.at(bad));
        const TextPosition position = positionOf(data, bad);
        QString detail = u"Byte "_s + hexByte(byte) + u" at byte offset "_s +
                         QString::number(bad + skipped) +
                         u" (line %1, column %2)"_s.arg(position.line).arg(position.column) +
                         u" is not valid UTF-8."_s;
        if (const char32_t c = windows1252Character(byte); c >= 0x80) {
            detail += u" In Windows-1252 it would be "_s + QString::fromUcs4(&c, 1) + u" ("_s +
                      codePointName(c) +
                      u"), so the text was probably encoded as "_s
                      u"Windows-1252 or Latin-1."_s;
        }
        detail += u" Encode the body as UTF-8."_s;
        JsonBody result = failure(400, u"invalid-utf8"_s, u"Body is not valid UTF-8"_s, detail);
        result.offset = bad + skipped;
        result.line = position.line;
        result.column = position.column;
        return result;
    }

    const GrammarFault grammar = StrictJsonScanner(data).scan();
    if (grammar.code == u"not-an-object"_s) {
        const char first = data.trimmed().at(0);
        const QString kind = first == '['   ? u"an array"_s
                             : first == '"' ? u"a string"_s
                                            : u"a single value"_s;
        return failure(400, u"not-an-object"_s, u"Body is not a JSON object"_s,
                       u"The body is "_s + kind +
                           u"; send one job as a JSON object such as {\"title\": …}."_s);
    }
    if (grammar.offset >= 0) {
        JsonBody result;
        const QuoteFault quote = findQuoteOutsideString(data);
        if (quote.offset >= 0 && quote.offset <= grammar.offset) {
            const TextPosition position = positionOf(data, quote.offset);
            const char32_t c = quote.character;
            const QString shown = QString::fromUcs4(&c, 1);
            result = failure(
                400, u"malformed-json"_s, u"Malformed JSON"_s,
                u"Line %1, column %2: found the quote "_s.arg(position.line).arg(position.column) +
                    shown + u" ("_s + codePointName(c) +
                    u") where JSON needs straight double quotes (\"). Replace every "_s
                    u"typographic or single quote around names and string values with \"; "_s
                    u"text copied from a word processor or web page often has them."_s);
            result.offset = quote.offset + skipped;
            result.line = position.line;
            result.column = position.column;
            return result;
        }
        const TextPosition position = positionOf(data, grammar.offset);
        result = failure(400, u"malformed-json"_s, u"Malformed JSON"_s,
                         u"Line %1, column %2: "_s.arg(position.line).arg(position.column) +
                             grammar.message +
                             u". Fix the JSON syntax there and send the request again."_s);
        result.offset = grammar.offset + skipped;
        result.line = position.line;
        result.column = position.column;
        return result;
    }

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        // The grammar scan accepted it, so this is a limit of Qt's parser.
        const TextPosition position = positionOf(data, error.offset);
        JsonBody result =
            failure(400, u"malformed-json"_s, u"Malformed JSON"_s,
                    u"Line %1, column %2: "_s.arg(position.line).arg(position.column) +
                        describeParseError(error.error) +
                        u". Fix the JSON syntax there and send the request again."_s);
        result.offset = error.offset + skipped;
        result.line = position.line;
        result.column = position.column;
        return result;
    }
    JsonBody result;
    result.object = document.object();
    return result;
}

} // namespace hopstep
