#include "applyurl.h"

#include <QByteArray>
#include <QChar>
#include <QHostAddress>
#include <QLatin1StringView>
#include <QUrl>

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

constexpr auto exampleUrl = "https://careers.example.org/apply/123"_L1;

// Longer values are shortened in messages so that a long URL does not fill the response.
constexpr qsizetype maxQuotedLength = 100;

struct UrlError
{
    QString code;
    QString message;
};

using MaybeError = std::optional<UrlError>;

QString quoted(const QString &value)
{
    if (value.size() <= maxQuotedLength) {
        return u'"' + value + u'"';
    }
    return u'"' + value.left(maxQuotedLength) + u"\u2026\" ("_s + QString::number(value.size()) +
           u" characters)"_s;
}

QString codePointName(char32_t c)
{
    return u"U+"_s + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0');
}

QString percentEncoded(const QString &character)
{
    return QString::fromLatin1(character.toUtf8().toPercentEncoding());
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiHexDigit(QChar c)
{
    return isAsciiDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isAuthorityEnd(QChar c)
{
    return c == u'/' || c == u'?' || c == u'#';
}

UrlError formatError(const QString &message)
{
    return {u"format"_s, message};
}

// Characters

// ASCII characters that a URL may contain only percent-encoded. QUrl in StrictMode rejects most of
// them but not all, so they are checked here.
constexpr auto disallowedAscii = "\"<>^`{|}"_L1;

MaybeError checkCodePoint(char32_t c, const QString &text, qsizetype index)
{
    QString kind;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
        kind = u"control character"_s;
        break;
    case QChar::Other_Format:
        kind = u"invisible character"_s;
        break;
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        kind = u"whitespace character"_s;
        break;
    default:
        return std::nullopt;
    }
    return formatError(u"applyUrl contains the "_s + kind + u' ' + codePointName(c) +
                       u" at index "_s + QString::number(index) +
                       u"; remove it, or percent-encode it as "_s + percentEncoded(text) +
                       u" if it belongs in the URL."_s);
}

// Rejects what QUrl or browsers would change. Plain spaces pass, because they are encoded later,
// and square brackets are checked once the host is known.
MaybeError checkCharacters(const QString &url, qsizetype indexOffset)
{
    bool seenHash = false;
    for (qsizetype i = 0; i < url.size(); ++i) {
        const QChar c = url.at(i);
        const qsizetype index = i + indexOffset;
        const auto at = [index]() -> QString {
            return u" at index "_s + QString::number(index);
        };

        if (c.isHighSurrogate() && i + 1 < url.size() && url.at(i + 1).isLowSurrogate()) {
            const char32_t codePoint = QChar::surrogateToUcs4(c, url.at(i + 1));
            if (MaybeError error = checkCodePoint(codePoint, url.mid(i, 2), index)) {
                return error;
            }
            ++i;
            continue;
        }
        if (c.isSurrogate()) {
            return formatError(u"applyUrl contains an unpaired UTF-16 surrogate"_s + at() +
                               u"; send the URL as valid Unicode text."_s);
        }
        if (c == u' ') {
            continue;
        }
        if (MaybeError error = checkCodePoint(c.unicode(), QString(c), index)) {
            return error;
        }
        if (c == u'\\') {
            return formatError(u"applyUrl contains a backslash"_s + at() +
                               u"; use forward slashes (/) in URLs, or percent-encode a literal "
                               "backslash as %5C."_s);
        }
        if (disallowedAscii.contains(c)) {
            return formatError(u"applyUrl contains \""_s + c + u'"' + at() +
                               u", which is not allowed in a URL; percent-encode it as "_s +
                               percentEncoded(QString(c)) + u'.');
        }
        if (c == u'%' && (i + 2 >= url.size() || !isAsciiHexDigit(url.at(i + 1)) ||
                          !isAsciiHexDigit(url.at(i + 2)))) {
            return formatError(u"applyUrl contains a \"%\""_s + at() +
                               u" that is not followed by two hexadecimal digits; percent-encode "
                               "a literal percent sign as %25."_s);
        }
        if (c == u'#') {
            if (seenHash) {
                return formatError(u"applyUrl contains a second \"#\""_s + at() +
                                   u"; percent-encode it as %23, because a URL has only one "
                                   "fragment."_s);
            }
            seenHash = true;
        }
    }
    return std::nullopt;
}

// Scheme

struct SchemeSplit
{
    QString scheme; // as sent, empty when the URL has none
    qsizetype colon = -1;
};

// Finds the scheme: a letter, then letters, digits, '+', '-' or '.', then ':'.
// "careers.example.org:8443/apply" has a port, not a scheme.
SchemeSplit splitScheme(const QString &url)
{
    qsizetype colon = -1;
    for (qsizetype i = 0; i < url.size(); ++i) {
        const QChar c = url.at(i);
        if (c == u':') {
            colon = i;
            break;
        }
        const bool allowed =
            i == 0 ? isAsciiLetter(c)
                   : isAsciiLetter(c) || isAsciiDigit(c) || c == u'+' || c == u'-' || c == u'.';
        if (!allowed) {
            return {};
        }
    }
    if (colon <= 0) {
        return {};
    }

    qsizetype digitsEnd = colon + 1;
    while (digitsEnd < url.size() && isAsciiDigit(url.at(digitsEnd))) {
        ++digitsEnd;
    }
    const bool looksLikePort =
        digitsEnd > colon + 1 && (digitsEnd == url.size() || isAuthorityEnd(url.at(digitsEnd)));
    if (looksLikePort) {
        return {};
    }
    return {url.left(colon), colon};
}

// Hosts

// Returns why label is not a valid DNS label, or an empty string.
QString labelProblem(const QString &label, bool isTopLevel)
{
    if (label.isEmpty()) {
        return u"it contains an empty label (two dots in a row, or a dot at the start)"_s;
    }
    if (label.size() > 63) {
        return u"the label \""_s + label.left(20) + u"\u2026\" is longer than 63 characters"_s;
    }
    if (label.startsWith(u'-') || label.endsWith(u'-')) {
        return u"the label \""_s + label + u"\" starts or ends with a hyphen"_s;
    }
    for (const QChar c : label) {
        // Underscores are not valid in host names but occur in real subdomains, and browsers
        // accept them.
        const bool allowed =
            isAsciiLetter(c) || isAsciiDigit(c) || c == u'-' || (c == u'_' && !isTopLevel);
        if (!allowed) {
            return u"the label \""_s + label + u"\" contains \""_s + c +
                   u"\", but only letters, digits and hyphens are allowed"_s;
        }
    }
    return QString();
}

// Returns why name (ASCII, lower case, without a trailing dot) is not a valid DNS name, or an
// empty string.
QString dnsNameProblem(const QString &name)
{
    if (name.size() > 253) {
        return u"it is longer than 253 characters"_s;
    }
    const QStringList labels = name.split(u'.');
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const QString problem = labelProblem(labels.at(i), i == labels.size() - 1);
        if (!problem.isEmpty()) {
            return problem;
        }
    }
    return QString();
}

// Converts an international host name to its ASCII (punycode) form in lower case, or returns
// an empty string when that fails.
QString asciiHostName(const QString &host)
{
    bool isAscii = true;
    for (const QChar c : host) {
        if (c.unicode() > 0x7F) {
            isAscii = false;
            break;
        }
    }
    if (isAscii) {
        return host.toLower();
    }
    return QString::fromLatin1(QUrl::toAce(host)).toLower();
}

bool looksLikePublicHostName(const QString &host)
{
    const QString name = asciiHostName(host);
    if (name.isEmpty() || !name.contains(u'.') || !dnsNameProblem(name).isEmpty()) {
        return false;
    }
    const QString topLevel = name.section(u'.', -1);
    if (topLevel.startsWith("xn--"_L1)) {
        return true;
    }
    for (const QChar c : topLevel) {
        if (!isAsciiLetter(c)) {
            return false;
        }
    }
    return topLevel.size() >= 2;
}

// Suffixes reserved for loopback, multicast DNS, home networks and testing, and suffixes that
// routers and companies commonly use on private networks.
constexpr QLatin1StringView localSuffixes[] = {
    "localhost"_L1, "local"_L1, "internal"_L1, "lan"_L1,  "home.arpa"_L1, "localdomain"_L1,
    "intranet"_L1,  "corp"_L1,  "home"_L1,     "test"_L1, "invalid"_L1,   "example"_L1,
};

std::optional<QLatin1StringView> localSuffix(const QString &name)
{
    for (const QLatin1StringView suffix : localSuffixes) {
        if (name == suffix || name.endsWith(u'.' + suffix)) {
            return suffix;
        }
    }
    return std::nullopt;
}

struct Ipv4Block
{
    quint32 network;
    int prefixLength;
    QLatin1StringView description;
};

constexpr Ipv4Block nonPublicIpv4Blocks[] = {
    {0x00000000, 8, "an unspecified or this-network address (0.0.0.0/8)"_L1},
    {0x0A000000, 8, "a private address (10.0.0.0/8)"_L1},
    {0x64400000, 10, "a carrier-grade NAT address (100.64.0.0/10)"_L1},
    {0x7F000000, 8, "a loopback address (127.0.0.0/8)"_L1},
    {0xA9FE0000, 16, "a link-local address (169.254.0.0/16)"_L1},
    {0xAC100000, 12, "a private address (172.16.0.0/12)"_L1},
    {0xC0000000, 24, "an IETF protocol address (192.0.0.0/24)"_L1},
    {0xC0000200, 24, "a documentation address (192.0.2.0/24)"_L1},
    {0xC0A80000, 16, "a private address (192.168.0.0/16)"_L1},
    {0xC6120000, 15, "a benchmarking address (198.18.0.0/15)"_L1},
    {0xC6336400, 24, "a documentation address (198.51.100.0/24)"_L1},
    {0xCB007100, 24, "a documentation address (203.0.113.0/24)"_L1},
    {0xE0000000, 4, "a multicast address (224.0.0.0/4)"_L1},
    {0xF0000000, 4, "a reserved or broadcast address (240.0.0.0/4)"_L1},
};

// Returns what kind of non-public address this is, or an empty string for a public address.
QString ipv4Problem(quint32 address)
{
    for (const Ipv4Block &block : nonPublicIpv4Blocks) {
        const quint32 mask = ~quint32(0) << (32 - block.prefixLength);
        if ((address & mask) == block.network) {
            return QString(block.description);
        }
    }
    return QString();
}

QString formatIpv4(quint32 address)
{
    return QString::number(address >> 24) + u'.' + QString::number((address >> 16) & 0xFF) + u'.' +
           QString::number((address >> 8) & 0xFF) + u'.' + QString::number(address & 0xFF);
}

quint32 ipv4FromBytes(const Q_IPV6ADDR &bytes, int first)
{
    return (quint32(bytes[first]) << 24) | (quint32(bytes[first + 1]) << 16) |
           (quint32(bytes[first + 2]) << 8) | quint32(bytes[first + 3]);
}

bool hasPrefix(const Q_IPV6ADDR &bytes, std::initializer_list<quint8> prefix)
{
    int i = 0;
    for (const quint8 byte : prefix) {
        if (bytes[i++] != byte) {
            return false;
        }
    }
    return true;
}

QString embeddedIpv4Problem(const Q_IPV6ADDR &bytes, int first, const QString &form)
{
    const quint32 address = ipv4FromBytes(bytes, first);
    const QString problem = ipv4Problem(address);
    if (problem.isEmpty()) {
        return QString();
    }
    return form + u" of "_s + formatIpv4(address) + u", "_s + problem;
}

// Returns what kind of non-public address this is, or an empty string for a public address.
QString ipv6Problem(const Q_IPV6ADDR &bytes)
{
    bool allZeroBeforeLast = true;
    for (int i = 0; i < 15; ++i) {
        allZeroBeforeLast = allZeroBeforeLast && bytes[i] == 0;
    }
    if (allZeroBeforeLast && bytes[15] == 0) {
        return u"the unspecified address (::)"_s;
    }
    if (allZeroBeforeLast && bytes[15] == 1) {
        return u"the loopback address (::1)"_s;
    }
    if (hasPrefix(bytes, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF})) {
        return embeddedIpv4Problem(bytes, 12, u"an IPv4-mapped form"_s);
    }
    if (hasPrefix(bytes, {0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0})) {
        return embeddedIpv4Problem(bytes, 12, u"a NAT64 form"_s);
    }
    if (hasPrefix(bytes, {0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01})) {
        return u"a local-use NAT64 address (64:ff9b:1::/48)"_s;
    }
    if (hasPrefix(bytes, {0x20, 0x02})) {
        return embeddedIpv4Problem(bytes, 2, u"a 6to4 form"_s);
    }
    if (bytes[0] == 0) {
        return u"a reserved address (::/8)"_s;
    }
    if (hasPrefix(bytes, {0x01, 0x00, 0, 0, 0, 0, 0, 0})) {
        return u"a discard address (100::/64)"_s;
    }
    if (hasPrefix(bytes, {0x20, 0x01, 0x0D, 0xB8})) {
        return u"a documentation address (2001:db8::/32)"_s;
    }
    if ((bytes[0] & 0xFE) == 0xFC) {
        return u"a unique local address (fc00::/7)"_s;
    }
    if (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80) {
        return u"a link-local address (fe80::/10)"_s;
    }
    if (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0xC0) {
        return u"a site-local address (fec0::/10)"_s;
    }
    if (bytes[0] == 0xFF) {
        return u"a multicast address (ff00::/8)"_s;
    }
    return QString();
}

// Parses one part of an IPv4 host the way browsers do: "0x" starts a hex number and a leading "0"
// an octal number. Returns nothing when the part is not a number.
std::optional<quint64> parseIpv4Part(const QString &part, bool *isPlainDecimal)
{
    QStringView digits = part;
    int base = 10;
    if (digits.size() >= 2 && digits.at(0) == u'0' &&
        (digits.at(1) == u'x' || digits.at(1) == u'X')) {
        digits = digits.mid(2);
        base = 16;
    } else if (digits.size() >= 2 && digits.at(0) == u'0') {
        digits = digits.mid(1);
        base = 8;
    }
    *isPlainDecimal = base == 10;
    if (digits.isEmpty()) {
        return base == 16 ? std::optional<quint64>(0) : std::nullopt;
    }
    // More digits than this cannot fit an IPv4 address in any base, and would overflow quint64.
    if (digits.size() > 16) {
        return std::nullopt;
    }

    quint64 value = 0;
    for (const QChar c : digits) {
        int digit = -1;
        if (isAsciiDigit(c)) {
            digit = c.unicode() - u'0';
        } else if (c >= u'a' && c <= u'f') {
            digit = c.unicode() - u'a' + 10;
        } else if (c >= u'A' && c <= u'F') {
            digit = c.unicode() - u'A' + 10;
        }
        if (digit < 0 || digit >= base) {
            return std::nullopt;
        }
        value = value * quint64(base) + quint64(digit);
    }
    return value;
}

// Returns true when the last label is a decimal or hex number, which makes browsers parse the
// whole host as IPv4.
bool endsInNumber(const QString &name)
{
    const QString last = name.section(u'.', -1);
    if (last.isEmpty()) {
        return false;
    }
    QStringView digits = last;
    bool hex = false;
    if (digits.size() >= 2 && digits.at(0) == u'0' &&
        (digits.at(1) == u'x' || digits.at(1) == u'X')) {
        digits = digits.mid(2);
        hex = true;
    }
    for (const QChar c : digits) {
        if (hex ? !isAsciiHexDigit(c) : !isAsciiDigit(c)) {
            return false;
        }
    }
    return true;
}

struct Ipv4Literal
{
    quint32 address = 0;
    bool canonical = false; // four decimal parts without leading zeros
};

std::optional<Ipv4Literal> parseIpv4(const QString &name)
{
    const QStringList parts = name.split(u'.');
    if (parts.size() > 4) {
        return std::nullopt;
    }

    Ipv4Literal literal;
    literal.canonical = parts.size() == 4;
    quint64 address = 0;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        bool isPlainDecimal = false;
        const std::optional<quint64> value = parseIpv4Part(parts.at(i), &isPlainDecimal);
        if (!value) {
            return std::nullopt;
        }
        literal.canonical = literal.canonical && isPlainDecimal;

        const bool isLast = i == parts.size() - 1;
        if (!isLast) {
            if (*value > 255) {
                return std::nullopt;
            }
            address |= *value << (8 * (3 - i));
            continue;
        }
        // The last part fills all remaining bytes, so "127.1" is 127.0.0.1.
        const int remainingBytes = int(4 - i);
        if (*value >= (quint64(1) << (8 * remainingBytes))) {
            return std::nullopt;
        }
        address |= *value;
    }
    literal.address = quint32(address);
    return literal;
}

// Builds the error for a host that only a device or a private network can reach. reason is a
// clause such as "is a loopback address (127.0.0.0/8), not a public address".
UrlError privateHostError(const QString &host, const QString &reason)
{
    return {u"private-host"_s, u"applyUrl host "_s + quoted(host) + u' ' + reason +
                                   u"; send a URL on a public domain, for example \""_s +
                                   exampleUrl + u"\"."_s};
}

UrlError invalidHostError(const QString &host, const QString &reason)
{
    return {u"host"_s,
            u"applyUrl host "_s + quoted(host) + u" is not a valid host name, because "_s + reason +
                u"; send a public domain name, for example \""_s + exampleUrl + u"\"."_s};
}

MaybeError checkIpv6Host(const QString &host, QStringList &warnings)
{
    if (host.contains(u'%')) {
        return privateHostError(u'[' + host + u']',
                                u"is a link-local address with a zone index, not a public "
                                "address"_s);
    }
    QHostAddress address;
    if (!address.setAddress(host) || address.protocol() != QHostAddress::IPv6Protocol) {
        return UrlError{u"host"_s, u"applyUrl host "_s + quoted(u'[' + host + u']') +
                                       u" is not a valid IPv6 address; send a public domain "
                                       "name, for example \""_s +
                                       exampleUrl + u"\"."_s};
    }
    const QString problem = ipv6Problem(address.toIPv6Address());
    if (!problem.isEmpty()) {
        return privateHostError(u'[' + host + u']',
                                u"is "_s + problem + u", not a public address"_s);
    }
    warnings.append(u"applyUrl uses the IP address ["_s + host +
                    u"] instead of a host name; send the host name, because an IP address can "
                    "change and rarely has a TLS certificate that browsers accept."_s);
    return std::nullopt;
}

MaybeError checkIpv4Host(const QString &host, const QString &name, QStringList &warnings)
{
    const std::optional<Ipv4Literal> literal = parseIpv4(name);
    if (!literal) {
        return UrlError{u"host"_s, u"applyUrl host "_s + quoted(host) +
                                       u" ends in a number but is not a valid IPv4 address; "
                                       "send a public domain name, for example \""_s +
                                       exampleUrl + u"\"."_s};
    }

    const QString dotted = formatIpv4(literal->address);
    const QString problem = ipv4Problem(literal->address);
    if (!problem.isEmpty() && literal->canonical) {
        return privateHostError(host, u"is "_s + problem + u", not a public address"_s);
    }
    if (!problem.isEmpty()) {
        return privateHostError(host, u"is read by browsers as "_s + dotted + u", "_s + problem +
                                          u", not a public address"_s);
    }
    if (!literal->canonical) {
        return UrlError{
            u"host"_s, u"applyUrl host "_s + quoted(host) + u" is read by browsers as "_s + dotted +
                           u"; send the host name, or write the IP address as "_s + dotted + u'.'};
    }
    warnings.append(u"applyUrl uses the IP address "_s + dotted +
                    u" instead of a host name; send the host name, because an IP address can "
                    "change and rarely has a TLS certificate that browsers accept."_s);
    return std::nullopt;
}

struct NamedHost
{
    QString ascii; // lower case, in punycode for international names
    bool isIpLiteral = false;
};

// Checks a host that is not in brackets and stores what it found in namedHost.
MaybeError checkNamedHost(const QString &host, NamedHost &namedHost, QStringList &warnings)
{
    if (host.contains(u'%')) {
        return invalidHostError(host, u"it is percent-encoded"_s);
    }
    if (host.contains(u' ')) {
        return invalidHostError(host, u"it contains a space"_s);
    }
    namedHost.ascii = asciiHostName(host);
    if (namedHost.ascii.isEmpty()) {
        return invalidHostError(host, u"it is not a valid international domain name"_s);
    }

    // A single trailing dot marks a fully qualified name and does not change the host.
    QString name = namedHost.ascii;
    if (name.endsWith(u'.')) {
        name.chop(1);
    }
    if (name.isEmpty()) {
        return invalidHostError(host, u"it contains no name"_s);
    }
    if (endsInNumber(name)) {
        namedHost.isIpLiteral = true;
        return checkIpv4Host(host, name, warnings);
    }

    const QString problem = dnsNameProblem(name);
    if (!problem.isEmpty()) {
        return invalidHostError(host, problem);
    }
    if (const std::optional<QLatin1StringView> suffix = localSuffix(name)) {
        if (name == *suffix) {
            return privateHostError(host, u"is a local name, not a public host name"_s);
        }
        return privateHostError(host,
                                u"ends in ."_s + *suffix +
                                    u", a suffix reserved for testing, documentation or private "
                                    u"networks, so candidates cannot reach it"_s);
    }
    if (!name.contains(u'.')) {
        return privateHostError(host,
                                u"has no dot, so it is a local name, not a public host name"_s);
    }
    return std::nullopt;
}

// Authority

struct Authority
{
    QString host; // without brackets
    bool isIpv6 = false;
    qsizetype end = 0; // index after the authority in the URL
};

MaybeError checkPort(const QString &port)
{
    if (port.isEmpty()) {
        return formatError(u"applyUrl has a \":\" after the host but no port number; remove the "
                           "\":\" or add the port."_s);
    }
    bool allDigits = port.size() <= 5;
    for (const QChar c : port) {
        allDigits = allDigits && isAsciiDigit(c);
    }
    const int number = allDigits ? port.toInt() : -1;
    if (number < 1 || number > 65535) {
        return formatError(u"applyUrl port "_s + quoted(port) +
                           u" is not valid; a port must be a number from 1 to 65535."_s);
    }
    return std::nullopt;
}

// Splits the authority that starts at index start into host and port, and checks the port.
MaybeError parseAuthority(const QString &url, qsizetype start, Authority &authority)
{
    qsizetype end = start;
    while (end < url.size() && !isAuthorityEnd(url.at(end))) {
        ++end;
    }
    authority.end = end;
    const QString text = url.mid(start, end - start);

    if (text.contains(u'@')) {
        // The value is not echoed, because it may contain a password.
        return UrlError{u"userinfo"_s,
                        u"applyUrl contains a user name or password before the host "
                        "(\"user:password@\"), which is not allowed; send the URL without it."_s};
    }

    QString port;
    bool hasPort = false;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0) {
            return formatError(u"applyUrl host "_s + quoted(text) +
                               u" opens \"[\" without a closing \"]\"; write an IPv6 address as "
                               "[2001:db8::1], or send the host name."_s);
        }
        authority.host = text.mid(1, close - 1);
        authority.isIpv6 = true;
        const QString rest = text.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':')) {
            return formatError(u"applyUrl has "_s + quoted(rest) +
                               u" after the IPv6 host; only \":\" and a port may follow it."_s);
        }
        hasPort = !rest.isEmpty();
        port = rest.mid(1);
    } else {
        const qsizetype colon = text.indexOf(u':');
        authority.host = colon < 0 ? text : text.left(colon);
        hasPort = colon >= 0;
        port = hasPort ? text.mid(colon + 1) : QString();
        if (authority.host.contains(u'[') || authority.host.contains(u']')) {
            return invalidHostError(authority.host, u"square brackets enclose only IPv6 "
                                                    "addresses"_s);
        }
    }

    if (hasPort) {
        return checkPort(port);
    }
    return std::nullopt;
}

// Errors for values that are not absolute URLs

UrlError notAbsoluteError(const QString &url)
{
    const QString start = u"applyUrl "_s + quoted(url);
    if (url.startsWith("//"_L1)) {
        const QString host = url.mid(2).section(u'/', 0, 0).section(u'?', 0, 0).section(u'#', 0, 0);
        if (looksLikePublicHostName(host.section(u':', 0, 0))) {
            return {u"not-absolute"_s,
                    start + u" has no scheme; it must start with https://. Send \""_s +
                        u"https:"_s + url + u"\" instead."_s};
        }
    } else if (url.startsWith(u'/')) {
        return {u"not-absolute"_s,
                start +
                    u" is a relative URL; it must start with https:// and the host name, for "
                    "example \"https://careers.example.org"_s +
                    url + u"\"."_s};
    } else {
        const QString host = url.section(u'/', 0, 0).section(u'?', 0, 0).section(u'#', 0, 0);
        if (looksLikePublicHostName(host.section(u':', 0, 0))) {
            return {u"not-absolute"_s,
                    start + u" has no scheme; it must start with https://. Send \""_s +
                        u"https://"_s + url + u"\" instead."_s};
        }
    }
    return {u"not-absolute"_s, start +
                                   u" is not an absolute URL; it must start with https://, "
                                   "for example \""_s +
                                   exampleUrl + u"\"."_s};
}

bool isWebScheme(const QString &scheme)
{
    return scheme.compare("https"_L1, Qt::CaseInsensitive) == 0 ||
           scheme.compare("http"_L1, Qt::CaseInsensitive) == 0;
}

UrlError schemeError(const QString &url, const QString &scheme)
{
    return {u"scheme"_s, u"applyUrl "_s + quoted(url) + u" uses the "_s + scheme.toLower() +
                             u": scheme, which is not allowed; applyUrl must start with "
                             "https:// and lead to the page where candidates apply."_s};
}

// Checks a URL whose scheme is http, https or missing: the "//", the authority and the host,
// then the parse by QUrl. indexOffset is the number of whitespace characters trimmed from the
// start, so reported indexes match the value as sent.
MaybeError checkStructure(const QString &url, const SchemeSplit &split, const QString &encoded,
                          qsizetype indexOffset, QStringList &warnings)
{
    if (split.scheme.isEmpty()) {
        return notAbsoluteError(url);
    }

    const QString scheme = split.scheme.toLower();
    if (url.mid(split.colon + 1, 2) != "//"_L1) {
        return formatError(u"applyUrl "_s + quoted(url) + u" has no \"//\" after \""_s +
                           split.scheme +
                           u":\"; it must start with https:// followed by the "
                           "host name, for example \""_s +
                           exampleUrl + u"\"."_s);
    }

    Authority authority;
    if (MaybeError error = parseAuthority(url, split.colon + 3, authority)) {
        return error;
    }
    if (authority.host.isEmpty()) {
        return UrlError{u"host"_s, u"applyUrl "_s + quoted(url) + u" has no host name after \""_s +
                                       split.scheme +
                                       u"://\"; send the full URL, for example \""_s + exampleUrl +
                                       u"\"."_s};
    }
    for (qsizetype i = authority.end; i < url.size(); ++i) {
        const QChar c = url.at(i);
        if (c == u'[' || c == u']') {
            return formatError(u"applyUrl contains \""_s + c + u"\" at index "_s +
                               QString::number(i + indexOffset) +
                               u" outside an IPv6 host; percent-encode it as "_s +
                               percentEncoded(QString(c)) + u'.');
        }
    }

    NamedHost namedHost;
    MaybeError hostError = authority.isIpv6 ? checkIpv6Host(authority.host, warnings)
                                            : checkNamedHost(authority.host, namedHost, warnings);
    if (hostError) {
        return hostError;
    }

    // QUrl must see the same scheme, user info and host as the checks above, so that code that
    // parses the stored URL later cannot disagree with them.
    const QUrl parsed(encoded, QUrl::StrictMode);
    if (!parsed.isValid()) {
        const QString reason = parsed.errorString().section(u"; source was"_s, 0, 0);
        return formatError(u"applyUrl "_s + quoted(url) + u" is not a valid URL ("_s + reason +
                           u"); check it for characters that must be percent-encoded."_s);
    }
    if (!parsed.userInfo().isEmpty()) {
        return UrlError{u"userinfo"_s, u"applyUrl contains a user name or password before the "
                                       "host, which is not allowed; send the URL without it."_s};
    }
    // QUrl rewrites IP literals to a canonical form, so only names are compared.
    const bool hostsAgree = authority.isIpv6 || namedHost.isIpLiteral ||
                            parsed.host(QUrl::FullyEncoded).toLower() == namedHost.ascii;
    if (parsed.scheme().toLower() != scheme || !hostsAgree) {
        return formatError(u"applyUrl "_s + quoted(url) +
                           u" cannot be parsed unambiguously; send a plain https:// URL, for "
                           "example \""_s +
                           exampleUrl + u"\"."_s);
    }

    if (scheme == "http"_L1) {
        warnings.append(u"applyUrl uses http://, so browsers mark the application page as not "
                        "secure; switch to https://."_s);
    }
    return std::nullopt;
}

ApplyUrlResult failure(UrlError error)
{
    ApplyUrlResult result;
    result.errorCode = std::move(error.code);
    result.error = std::move(error.message);
    return result;
}

} // namespace

ApplyUrlResult checkApplyUrl(const QString &value)
{
    const QString url = value.trimmed();
    if (url.isEmpty()) {
        return failure({u"required"_s, u"applyUrl is empty; send the absolute https:// URL where "
                                       "candidates apply, for example \""_s +
                                           exampleUrl + u"\"."_s});
    }
    if (url.size() > maxApplyUrlLength) {
        return failure({u"too-long"_s, u"applyUrl has "_s + QString::number(url.size()) +
                                           u" characters, but the maximum is "_s +
                                           QString::number(maxApplyUrlLength) +
                                           u"; send a shorter URL, for example one without "
                                           "tracking parameters."_s});
    }

    qsizetype leading = 0;
    while (value.at(leading).isSpace()) {
        ++leading;
    }
    // A foreign scheme is the more useful error, even when the rest has invalid characters too.
    const SchemeSplit split = splitScheme(url);
    if (!split.scheme.isEmpty() && !isWebScheme(split.scheme)) {
        return failure(schemeError(url, split.scheme));
    }
    if (MaybeError error = checkCharacters(url, leading)) {
        return failure(*std::move(error));
    }

    const qsizetype spaceCount = url.count(u' ');
    QString encoded = url;
    encoded.replace(u' ', "%20"_L1);
    if (encoded.size() > maxApplyUrlLength) {
        return failure({u"too-long"_s, u"applyUrl has "_s + QString::number(encoded.size()) +
                                           u" characters after encoding its spaces as %20, but "
                                           "the maximum is "_s +
                                           QString::number(maxApplyUrlLength) +
                                           u"; send a shorter URL, for example one without "
                                           "tracking parameters."_s});
    }

    ApplyUrlResult result;
    if (MaybeError error = checkStructure(url, split, encoded, leading, result.warnings)) {
        return failure(*std::move(error));
    }

    if (url.size() != value.size()) {
        result.warnings.append(u"applyUrl had whitespace before or after the URL, which was "
                               "removed; send the URL without it."_s);
    }
    if (spaceCount == 1) {
        result.warnings.append(u"applyUrl contained a space, which was encoded as %20; "
                               "percent-encode spaces before sending."_s);
    } else if (spaceCount > 1) {
        result.warnings.append(u"applyUrl contained "_s + QString::number(spaceCount) +
                               u" spaces, which were encoded as %20; percent-encode spaces "
                               "before sending."_s);
    }
    result.url = encoded;
    return result;
}

ApplyUrlResult checkApplyUrl(const QJsonValue &value)
{
    const QString example = u", for example \""_s + exampleUrl + u"\"."_s;
    switch (value.type()) {
    case QJsonValue::String:
        return checkApplyUrl(value.toString());
    case QJsonValue::Null:
        return failure({u"required"_s, u"applyUrl is null; send the absolute https:// URL where "
                                       "candidates apply"_s +
                                           example});
    case QJsonValue::Undefined:
        return failure({u"required"_s, u"applyUrl is missing; send the absolute https:// URL "
                                       "where candidates apply"_s +
                                           example});
    case QJsonValue::Bool:
        return failure({u"type"_s, u"applyUrl is a boolean; send the URL as a string"_s + example});
    case QJsonValue::Double:
        return failure({u"type"_s, u"applyUrl is a number; send the URL as a string"_s + example});
    case QJsonValue::Array:
        return failure({u"type"_s, u"applyUrl is an array; send one URL as a string"_s + example});
    case QJsonValue::Object:
        return failure({u"type"_s, u"applyUrl is an object; send the URL as a string"_s + example});
    }
    return failure(
        {u"type"_s, u"applyUrl has an unknown JSON type; send the URL as a string"_s + example});
}

} // namespace hopstep
