#include "jsonbody.h"

#include <QJsonDocument>
#include <QJsonParseError>

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

    QByteArray data = body;
    qsizetype skipped = 0;
    if (data.startsWith("\xEF\xBB\xBF")) {
        data.remove(0, 3);
        skipped = 3;
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

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError) {
        JsonBody result;
        const QuoteFault quote = findQuoteOutsideString(data);
        if (quote.offset >= 0 && quote.offset <= error.offset) {
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
        // Qt reports the offset just past the character it could not use; the sender needs the
        // character itself. Trailing text is reported where it starts.
        const qsizetype faultOffset = error.error == QJsonParseError::GarbageAtEnd
                                          ? error.offset
                                          : std::max(0, error.offset - 1);
        const TextPosition position = positionOf(data, faultOffset);
        result = failure(400, u"malformed-json"_s, u"Malformed JSON"_s,
                         u"Line %1, column %2: "_s.arg(position.line).arg(position.column) +
                             describeParseError(error.error) +
                             u". Fix the JSON syntax there and send the request again."_s);
        result.offset = faultOffset + skipped;
        result.line = position.line;
        result.column = position.column;
        return result;
    }
    if (!document.isObject()) {
        return failure(400, u"not-an-object"_s, u"Body is not a JSON object"_s,
                       u"The body is a JSON "_s + (document.isArray() ? u"array"_s : u"value"_s) +
                           u"; send one job as a JSON object such as {\"title\": …}."_s);
    }
    JsonBody result;
    result.object = document.object();
    return result;
}

} // namespace hopstep
