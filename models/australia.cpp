#include "australia.h"

#include <QLatin1StringView>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

using namespace Qt::StringLiterals;

namespace hopstep::australia {

namespace {

struct PostcodeRange
{
    int first;
    int last;
    QLatin1StringView state;
};

// Postcode ranges by state. 0900-0999, 1000-1999, 5800-5999, 6800-6999, 7800-7999, 8000-8999 and
// 9000-9999 are PO box and large-volume-receiver ranges.
// NOTE: This table and sharedPostcodes are the commonly published Australia Post allocation and
// border cases, not checked against an Australia Post document. The shared list is incomplete.
constexpr PostcodeRange stateRanges[] = {
    {200, 299, "ACT"_L1},   {800, 899, "NT"_L1},    {900, 999, "NT"_L1},    {1000, 1999, "NSW"_L1},
    {2000, 2599, "NSW"_L1}, {2600, 2618, "ACT"_L1}, {2619, 2899, "NSW"_L1}, {2900, 2920, "ACT"_L1},
    {2921, 2999, "NSW"_L1}, {3000, 3999, "VIC"_L1}, {4000, 4999, "QLD"_L1}, {5000, 5799, "SA"_L1},
    {5800, 5999, "SA"_L1},  {6000, 6797, "WA"_L1},  {6800, 6999, "WA"_L1},  {7000, 7799, "TAS"_L1},
    {7800, 7999, "TAS"_L1}, {8000, 8999, "VIC"_L1}, {9000, 9999, "QLD"_L1},
};

// Postcodes whose delivery areas cross a border, each with the extra state it covers.
constexpr PostcodeRange sharedPostcodes[] = {
    // A remote NT postcode that also covers communities in northern SA and eastern WA.
    {872, 872, "SA"_L1},
    {872, 872, "WA"_L1},
    // Mungindi straddles the NSW-QLD border.
    {2406, 2406, "QLD"_L1},
    // Jervis Bay Territory has no state code of its own, so its addresses may carry ACT.
    {2540, 2540, "ACT"_L1},
    // Postcodes on the ACT-NSW border around Canberra and Queanbeyan.
    {2611, 2611, "NSW"_L1},
    {2618, 2618, "NSW"_L1},
    {2620, 2620, "ACT"_L1},
    // VIC postcodes that also cover NSW towns across the Murray River.
    {3585, 3586, "NSW"_L1},
    {3644, 3644, "NSW"_L1},
    {3691, 3691, "NSW"_L1},
    {3707, 3707, "NSW"_L1},
    // QLD postcodes on the NSW-QLD border.
    {4380, 4385, "NSW"_L1},
    // Mount Isa's postcode, which also covers NT communities near the QLD border.
    {4825, 4825, "NT"_L1},
    // Christmas Island and the Cocos (Keeling) Islands have no state code of their own, so their
    // addresses may carry WA.
    {6798, 6799, "WA"_L1},
};

struct StateName
{
    QLatin1StringView
        lettersOnly; // the name in capitals without spaces, as normalizeState compares
    QLatin1StringView code;
};

constexpr StateName stateNames[] = {
    {"AUSTRALIANCAPITALTERRITORY"_L1, "ACT"_L1},
    {"NEWSOUTHWALES"_L1, "NSW"_L1},
    {"NORTHERNTERRITORY"_L1, "NT"_L1},
    {"QUEENSLAND"_L1, "QLD"_L1},
    {"SOUTHAUSTRALIA"_L1, "SA"_L1},
    {"TASMANIA"_L1, "TAS"_L1},
    {"VICTORIA"_L1, "VIC"_L1},
    {"WESTERNAUSTRALIA"_L1, "WA"_L1},
};

constexpr auto isoPrefix = "AU-"_L1;

// Longer values are shortened in messages so that a huge field does not fill the response.
constexpr qsizetype maxQuotedLength = 100;

QString quoted(const QString &value)
{
    if (value.size() <= maxQuotedLength) {
        return u'"' + value + u'"';
    }
    return u'"' + value.left(maxQuotedLength) + u"\u2026\" ("_s + QString::number(value.size()) +
           u" characters)"_s;
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiDigits(const QString &text)
{
    for (const QChar c : text) {
        if (!isAsciiDigit(c)) {
            return false;
        }
    }
    return !text.isEmpty();
}

// Returns the postcode as a number, or -1 unless it is exactly 4 ASCII digits.
int postcodeNumber(const QString &postcode)
{
    if (postcode.size() != 4 || !isAsciiDigits(postcode)) {
        return -1;
    }
    return postcode.toInt();
}

bool isValidStateCode(const QString &code)
{
    return stateCodes().contains(code);
}

// Removes spaces and dots and converts to capitals, so "N.S.W." and "new south  wales" compare
// equal to "NSW" and "NEWSOUTHWALES".
QString comparisonKey(const QString &value)
{
    QString key;
    key.reserve(value.size());
    for (const QChar c : value) {
        if (c.isSpace() || c == u'.') {
            continue;
        }
        key.append(c.toUpper());
    }
    return key;
}

// Joins state codes for a message: "VIC", "NT or WA", "NT, SA or WA".
QString joinStates(const QStringList &states)
{
    if (states.size() <= 1) {
        return states.join(QString());
    }
    return states.first(states.size() - 1).join(u", "_s) + u" or "_s + states.last();
}

QString formatNumber(double number)
{
    if (std::isfinite(number) && number == std::floor(number) && std::fabs(number) < 1e15) {
        return QString::number(qint64(number));
    }
    return QString::number(number, 'g', 15);
}

PostcodeResult postcodeError(QString errorCode, QString error, bool fromNumber)
{
    PostcodeResult result;
    result.fromNumber = fromNumber;
    result.errorCode = std::move(errorCode);
    result.error = std::move(error);
    return result;
}

PostcodeResult invalidPostcode(const QString &shownValue, bool fromNumber)
{
    return postcodeError(u"format"_s,
                         u"location.postcode "_s + shownValue +
                             u" is not a valid postcode; send the 4-digit postcode as a string, "
                             "for example \"3121\"."_s,
                         fromNumber);
}

// Handles a 3-digit value, which has usually lost its leading zero. Only the ACT, NT and a few
// shared postcodes start with 0, so the zero is restored only when the padded postcode belongs to
// the given state.
PostcodeResult checkThreeDigitPostcode(const QString &digits, const QString &shownValue,
                                       bool fromNumber, const QString &stateCode)
{
    const QString padded = u'0' + digits;
    const QStringList paddedStates = statesForPostcode(padded);
    if (paddedStates.isEmpty()) {
        return invalidPostcode(shownValue, fromNumber);
    }
    if (paddedStates.contains(stateCode)) {
        PostcodeResult result;
        result.postcode = padded;
        result.padded = true;
        result.fromNumber = fromNumber;
        return result;
    }

    const QString problem =
        u"location.postcode "_s + shownValue + u" has 3 digits, but Australian postcodes have 4."_s;
    if (!stateCode.isEmpty()) {
        return postcodeError(u"format"_s,
                             problem + u" With a leading zero it would be \""_s + padded +
                                 u"\", which is a postcode in "_s + joinStates(paddedStates) +
                                 u", not in "_s + stateCode +
                                 u". Send the 4-digit postcode as a string, and check "
                                 "location.state."_s,
                             fromNumber);
    }
    const QString fix = fromNumber ? u" Send it as a string with its leading zero, such as "
                                     "\"%1\", because a JSON number drops leading zeros."_s
                                   : u" Send it with its leading zero, such as \"%1\"."_s;
    return postcodeError(u"format"_s,
                         problem + fix.arg(padded) +
                             u" The zero is restored only when location.state is valid and "
                             "the padded postcode is in that state."_s,
                         fromNumber);
}

PostcodeResult checkPostcodeDigits(const QString &digits, const QString &shownValue,
                                   bool fromNumber, const QString &stateCode)
{
    if (!isAsciiDigits(digits) || (digits.size() != 3 && digits.size() != 4)) {
        return invalidPostcode(shownValue, fromNumber);
    }
    if (digits.size() == 3) {
        return checkThreeDigitPostcode(digits, shownValue, fromNumber, stateCode);
    }

    const QStringList states = statesForPostcode(digits);
    if (states.isEmpty()) {
        return postcodeError(u"format"_s,
                             u"location.postcode "_s + shownValue +
                                 u" is not an Australian postcode, because no state or territory "
                                 "uses it; send the 4-digit postcode of the job's location."_s,
                             fromNumber);
    }
    if (!stateCode.isEmpty() && !states.contains(stateCode)) {
        return postcodeError(u"state-mismatch"_s,
                             u"location.postcode "_s + shownValue + u" is not a postcode in "_s +
                                 stateCode + u" but in "_s + joinStates(states) +
                                 u"; send the postcode and location.state of the same address."_s,
                             fromNumber);
    }

    PostcodeResult result;
    result.postcode = digits;
    result.fromNumber = fromNumber;
    return result;
}

PostcodeResult checkPostcodeNumber(double number, const QString &stateCode)
{
    const QString shownValue = formatNumber(number);
    const bool isInteger = std::isfinite(number) && number == std::floor(number);
    if (!isInteger || number < 0 || number > 9999) {
        return invalidPostcode(shownValue, true);
    }
    return checkPostcodeDigits(QString::number(int(number)), shownValue, true, stateCode);
}

PostcodeResult postcodeTypeError(const QString &problem)
{
    return postcodeError(u"type"_s,
                         u"location.postcode "_s + problem +
                             u"; send the 4-digit postcode as a string, for example \"3121\"."_s,
                         false);
}

// State forms that may end a suburb after a plain space. After a comma every form counts.
bool acceptsStateAfterSpace(const QString &candidate, const QString &code, const QString &postcode)
{
    const QString key = comparisonKey(candidate);
    if (key.startsWith(isoPrefix)) {
        return true;
    }
    if (key != code) {
        // A full name: "Mount Victoria" is a suburb, "Richmond Victoria 3121" is not.
        return !postcode.isEmpty() && postcodeInState(postcode, code);
    }
    if (candidate.contains(u'.') || code.size() == 3) {
        return true;
    }
    return candidate == code;
}

bool isSuburbSeparator(QChar c)
{
    return c.isSpace() || c == u',';
}

// Moves back from end over spaces and commas. Sets *sawComma, when given, to whether a comma was
// passed.
qsizetype skipSeparatorsBackward(const QString &text, qsizetype end, bool *sawComma = nullptr)
{
    bool comma = false;
    while (end > 0 && isSuburbSeparator(text.at(end - 1))) {
        if (text.at(end - 1) == u',') {
            comma = true;
        }
        --end;
    }
    if (sawComma) {
        *sawComma = comma;
    }
    return end;
}

// Returns the index where the last wordCount space-separated words before end start, or -1 when
// there are fewer words or a comma lies between them.
qsizetype startOfLastWords(const QString &text, qsizetype end, int wordCount)
{
    qsizetype start = end;
    for (int word = 0; word < wordCount; ++word) {
        if (word > 0) {
            const qsizetype wordEnd = start;
            while (start > 0 && text.at(start - 1).isSpace()) {
                --start;
            }
            if (start == wordEnd || start == 0 || text.at(start - 1) == u',') {
                return -1;
            }
        }
        const qsizetype wordEnd = start;
        while (start > 0 && !isSuburbSeparator(text.at(start - 1))) {
            --start;
        }
        if (start == wordEnd) {
            return -1;
        }
    }
    return start;
}

} // namespace

const QStringList &stateCodes()
{
    static const QStringList codes = {u"ACT"_s, u"NSW"_s, u"NT"_s,  u"QLD"_s,
                                      u"SA"_s,  u"TAS"_s, u"VIC"_s, u"WA"_s};
    return codes;
}

QString stateCodeList()
{
    return stateCodes().join(u", "_s);
}

std::optional<QString> normalizeState(const QString &value)
{
    QString key = comparisonKey(value);
    if (key.startsWith(isoPrefix)) {
        key.remove(0, isoPrefix.size());
        if (isValidStateCode(key)) {
            return key;
        }
        return std::nullopt;
    }
    if (isValidStateCode(key)) {
        return key;
    }
    for (const StateName &name : stateNames) {
        if (key == name.lettersOnly) {
            return QString(name.code);
        }
    }
    return std::nullopt;
}

QString invalidStateMessage(const QString &value)
{
    if (value.trimmed().isEmpty()) {
        return u"location.state is empty; send one of "_s + stateCodeList() + u'.';
    }
    return u"location.state "_s + quoted(value) +
           u" is not an Australian state or territory; send one of "_s + stateCodeList() + u'.';
}

PostcodeResult normalizePostcode(const QJsonValue &value, const QString &stateCode)
{
    // An unknown code is treated like a missing state, so only the format is checked.
    const QString state = isValidStateCode(stateCode) ? stateCode : QString();

    switch (value.type()) {
    case QJsonValue::String:
        return checkPostcodeDigits(value.toString().trimmed(), quoted(value.toString()), false,
                                   state);
    case QJsonValue::Double:
        return checkPostcodeNumber(value.toDouble(), state);
    case QJsonValue::Bool:
        return postcodeTypeError(u"is a boolean ("_s + (value.toBool() ? u"true"_s : u"false"_s) +
                                 u')');
    case QJsonValue::Array:
        return postcodeTypeError(u"is an array"_s);
    case QJsonValue::Object:
        return postcodeTypeError(u"is an object"_s);
    case QJsonValue::Null:
        return postcodeTypeError(u"is null"_s);
    case QJsonValue::Undefined:
        break;
    }
    return postcodeTypeError(u"is missing"_s);
}

bool postcodeInState(const QString &postcode, const QString &stateCode)
{
    const int number = postcodeNumber(postcode);
    if (number < 0) {
        return false;
    }
    const auto contains = [&](const PostcodeRange &range) {
        return range.state == stateCode && number >= range.first && number <= range.last;
    };
    return std::any_of(std::begin(stateRanges), std::end(stateRanges), contains) ||
           std::any_of(std::begin(sharedPostcodes), std::end(sharedPostcodes), contains);
}

QStringList statesForPostcode(const QString &postcode)
{
    QStringList states;
    for (const QString &code : stateCodes()) {
        if (postcodeInState(postcode, code)) {
            states.append(code);
        }
    }
    return states;
}

SuburbResult stripStateFromSuburb(const QString &suburb)
{
    qsizetype stateEnd = suburb.size();
    while (stateEnd > 0 && suburb.at(stateEnd - 1).isSpace()) {
        --stateEnd;
    }

    // An optional postcode after the state, as in "Richmond VIC 3121".
    QString postcode;
    qsizetype digitsStart = stateEnd;
    while (digitsStart > 0 && isAsciiDigit(suburb.at(digitsStart - 1))) {
        --digitsStart;
    }
    if (stateEnd - digitsStart == 4 && digitsStart > 0 &&
        isSuburbSeparator(suburb.at(digitsStart - 1))) {
        postcode = suburb.mid(digitsStart, 4);
        stateEnd = skipSeparatorsBackward(suburb, digitsStart);
    }

    // The longest state names have 3 words ("New South Wales", "Australian Capital Territory").
    for (int wordCount = 3; wordCount >= 1; --wordCount) {
        const qsizetype stateStart = startOfLastWords(suburb, stateEnd, wordCount);
        if (stateStart <= 0) {
            continue;
        }
        bool afterComma = false;
        const qsizetype prefixEnd = skipSeparatorsBackward(suburb, stateStart, &afterComma);
        if (prefixEnd == stateStart || prefixEnd == 0) {
            continue; // No separator before the state, or nothing would remain of the suburb.
        }

        const QString candidate = suburb.mid(stateStart, stateEnd - stateStart);
        const std::optional<QString> code = normalizeState(candidate);
        if (!code) {
            continue;
        }
        if (!afterComma && !acceptsStateAfterSpace(candidate, *code, postcode)) {
            continue;
        }
        return {suburb.left(prefixEnd), true, *code, postcode};
    }
    return {suburb, false, {}, {}};
}

} // namespace hopstep::australia
