#include "applyurl.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QTest>

using namespace Qt::StringLiterals;
using hopstep::maxApplyUrlLength;

namespace {

QString urlOfLength(qsizetype length)
{
    const QString start = u"https://careers.example.org/apply?ref="_s;
    return start + QString(length - start.size(), u'a');
}

} // namespace

class TestApplyUrl : public QObject
{
    Q_OBJECT

private slots:
    void acceptedUrl_data();
    void acceptedUrl();
    void rejectedUrl_data();
    void rejectedUrl();
    void rejectedUrlMessageEndsWithPeriod_data();
    void rejectedUrlMessageEndsWithPeriod();
    void userInfoNotEchoed_data();
    void userInfoNotEchoed();
    void longUrlNotTruncated();
    void jsonValue_data();
    void jsonValue();
};

void TestApplyUrl::acceptedUrl_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expectedUrl");
    QTest::addColumn<QStringList>("expectedWarningParts"); // one entry per expected warning

    const QStringList noWarnings;

    QTest::newRow("https apply url") << u"https://clientats.com/jobs/123/apply"_s
                                     << u"https://clientats.com/jobs/123/apply"_s << noWarnings;
    QTest::newRow("query and fragment")
        << u"https://careers.example.org/apply?job=123&src=hopstep#form"_s
        << u"https://careers.example.org/apply?job=123&src=hopstep#form"_s << noWarnings;
    QTest::newRow("port in url") << u"https://careers.example.org:8443/apply/123"_s
                                 << u"https://careers.example.org:8443/apply/123"_s << noWarnings;
    QTest::newRow("upper-case scheme and host")
        << u"HTTPS://Careers.Example.org/Apply"_s << u"HTTPS://Careers.Example.org/Apply"_s
        << noWarnings;
    QTest::newRow("percent-encoded path")
        << u"https://careers.example.org/aged%20care"_s
        << u"https://careers.example.org/aged%20care"_s << noWarnings;
    QTest::newRow("email address in query")
        << u"https://careers.example.org/apply?contact=jobs@example.org"_s
        << u"https://careers.example.org/apply?contact=jobs@example.org"_s << noWarnings;
    QTest::newRow("international domain name")
        << u"https://b\u00FCcher.de/jobs"_s << u"https://b\u00FCcher.de/jobs"_s << noWarnings;
    QTest::newRow("punycode domain name")
        << u"https://xn--bcher-kva.de/jobs"_s << u"https://xn--bcher-kva.de/jobs"_s << noWarnings;
    QTest::newRow("unicode path") << u"https://careers.example.org/caf\u00E9"_s
                                  << u"https://careers.example.org/caf\u00E9"_s << noWarnings;
    QTest::newRow("trailing dot in host") << u"https://careers.example.org./apply"_s
                                          << u"https://careers.example.org./apply"_s << noWarnings;
    QTest::newRow("underscore in subdomain")
        << u"https://apply_now.example.org/"_s << u"https://apply_now.example.org/"_s << noWarnings;
    QTest::newRow("host without path")
        << u"https://careers.example.org"_s << u"https://careers.example.org"_s << noWarnings;
    QTest::newRow("url at the length limit")
        << urlOfLength(maxApplyUrlLength) << urlOfLength(maxApplyUrlLength) << noWarnings;
    QTest::newRow("http apply url")
        << u"http://careers.example.org/apply/123"_s << u"http://careers.example.org/apply/123"_s
        << QStringList{u"not secure"_s};
    QTest::newRow("space in path")
        << u"https://careers.example.org/apply/aged care"_s
        << u"https://careers.example.org/apply/aged%20care"_s << QStringList{u"%20"_s};
    QTest::newRow("several spaces in query")
        << u"https://careers.example.org/apply?q=aged care nurse"_s
        << u"https://careers.example.org/apply?q=aged%20care%20nurse"_s
        << QStringList{u"2 spaces"_s};
    QTest::newRow("surrounding whitespace")
        << u" \t https://careers.example.org/apply/123\n"_s
        << u"https://careers.example.org/apply/123"_s << QStringList{u"whitespace"_s};
    QTest::newRow("public ipv4 literal")
        << u"https://203.0.114.5/apply"_s << u"https://203.0.114.5/apply"_s
        << QStringList{u"IP address 203.0.114.5"_s};
    QTest::newRow("public ipv6 literal")
        << u"https://[2606:4700::1111]/apply"_s << u"https://[2606:4700::1111]/apply"_s
        << QStringList{u"IP address [2606:4700::1111]"_s};
    QTest::newRow("public address next to private block")
        << u"https://172.32.0.1/"_s << u"https://172.32.0.1/"_s
        << QStringList{u"IP address 172.32.0.1"_s};
    QTest::newRow("ipv4-mapped public address")
        << u"https://[::ffff:203.0.114.5]/"_s << u"https://[::ffff:203.0.114.5]/"_s
        << QStringList{u"IP address"_s};
    QTest::newRow("http with spaces and whitespace")
        << u" http://careers.example.org/a b "_s << u"http://careers.example.org/a%20b"_s
        << QStringList{u"not secure"_s, u"whitespace"_s, u"%20"_s};
}

void TestApplyUrl::acceptedUrl()
{
    QFETCH(QString, input);
    QFETCH(QString, expectedUrl);
    QFETCH(QStringList, expectedWarningParts);

    const hopstep::ApplyUrlResult result = hopstep::checkApplyUrl(input);
    QCOMPARE(result.errorCode, QString());
    QCOMPARE(result.error, QString());
    QCOMPARE(result.url, expectedUrl);
    QCOMPARE(result.warnings.size(), expectedWarningParts.size());
    for (const QString &part : std::as_const(expectedWarningParts)) {
        const QString joined = result.warnings.join(u'\n');
        QVERIFY2(joined.contains(part), qPrintable(joined));
    }
}

void TestApplyUrl::rejectedUrl_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expectedErrorCode");
    QTest::addColumn<QStringList>("expectedErrorParts");

    const QString mustStart = u"must start with https://"_s;

    QTest::newRow("javascript apply url")
        << u"javascript:alert(1)"_s << u"scheme"_s << QStringList{mustStart, u"javascript:"_s};
    QTest::newRow("javascript in mixed case")
        << u"JavaScript:alert(1)"_s << u"scheme"_s << QStringList{mustStart};
    QTest::newRow("data url") << u"data:text/html,<script>alert(1)</script>"_s << u"scheme"_s
                              << QStringList{mustStart, u"data:"_s};
    QTest::newRow("javascript with control character")
        << u"javascript:alert(1)\n"_s.append(u"x"_s) << u"scheme"_s << QStringList{mustStart};
    QTest::newRow("file url") << u"file:///etc/passwd"_s << u"scheme"_s << QStringList{mustStart};
    QTest::newRow("ftp url") << u"ftp://files.example.org/job.pdf"_s << u"scheme"_s
                             << QStringList{mustStart};
    QTest::newRow("mailto url") << u"mailto:jobs@example.org"_s << u"scheme"_s
                                << QStringList{mustStart};
    QTest::newRow("vbscript url") << u"vbscript:msgbox(1)"_s << u"scheme"_s
                                  << QStringList{mustStart};
    QTest::newRow("apply url without scheme")
        << u"careers.example.org/apply/123"_s << u"not-absolute"_s
        << QStringList{mustStart, u"\"https://careers.example.org/apply/123\""_s};
    QTest::newRow("host and port without scheme")
        << u"careers.example.org:8443/apply"_s << u"not-absolute"_s
        << QStringList{mustStart, u"\"https://careers.example.org:8443/apply\""_s};
    QTest::newRow("scheme-relative url")
        << u"//careers.example.org/x"_s << u"not-absolute"_s
        << QStringList{mustStart, u"\"https://careers.example.org/x\""_s};
    QTest::newRow("relative path")
        << u"/apply/123"_s << u"not-absolute"_s << QStringList{mustStart, u"host name"_s};
    QTest::newRow("single word") << u"apply"_s << u"not-absolute"_s << QStringList{mustStart};
    QTest::newRow("localhost without scheme")
        << u"localhost:8080/apply"_s << u"not-absolute"_s << QStringList{mustStart};
    QTest::newRow("no slashes after scheme")
        << u"https:careers.example.org/apply"_s << u"format"_s << QStringList{mustStart, u"//"_s};
    QTest::newRow("one slash after scheme")
        << u"https:/careers.example.org/apply"_s << u"format"_s << QStringList{mustStart};
    QTest::newRow("empty apply url") << QString() << u"required"_s << QStringList{u"empty"_s};
    QTest::newRow("only whitespace") << u" \t\n "_s << u"required"_s << QStringList{u"empty"_s};
    QTest::newRow("url over the length limit")
        << urlOfLength(maxApplyUrlLength + 1) << u"too-long"_s
        << QStringList{u"2049 characters"_s, u"maximum is 2048"_s};
    QTest::newRow("url over the limit after encoding")
        << urlOfLength(maxApplyUrlLength - 1).replace(40, 1, u" "_s) << u"too-long"_s
        << QStringList{u"2049 characters after encoding"_s, u"2048"_s};
    QTest::newRow("user and password") << u"https://user:secret@careers.example.org/"_s
                                       << u"userinfo"_s << QStringList{u"user name or password"_s};
    QTest::newRow("user name only")
        << u"https://recruiter@careers.example.org/"_s << u"userinfo"_s << QStringList();
    QTest::newRow("missing host") << u"https:///apply"_s << u"host"_s
                                  << QStringList{u"no host name"_s};
    QTest::newRow("port without host") << u"https://:443/apply"_s << u"host"_s << QStringList();
    QTest::newRow("localhost") << u"http://localhost/apply"_s << u"private-host"_s
                               << QStringList{u"\"localhost\""_s, u"local name"_s};
    QTest::newRow("localhost subdomain")
        << u"https://ats.localhost/apply"_s << u"private-host"_s << QStringList{u".localhost"_s};
    QTest::newRow("localhost with trailing dot")
        << u"https://localhost./apply"_s << u"private-host"_s << QStringList();
    QTest::newRow("mdns local name")
        << u"https://ats.local/apply"_s << u"private-host"_s << QStringList{u".local"_s};
    QTest::newRow("internal name")
        << u"https://jobs.corp.internal/"_s << u"private-host"_s << QStringList{u".internal"_s};
    QTest::newRow("lan name") << u"https://ats.lan/"_s << u"private-host"_s << QStringList();
    QTest::newRow("home.arpa name")
        << u"https://ats.home.arpa/"_s << u"private-host"_s << QStringList{u".home.arpa"_s};
    QTest::newRow("single-label host")
        << u"https://jobsite/apply"_s << u"private-host"_s << QStringList{u"no dot"_s};
    QTest::newRow("full-width localhost")
        << u"https://\uFF4C\uFF4F\uFF43\uFF41\uFF4C\uFF48\uFF4F\uFF53\uFF54/"_s << u"private-host"_s
        << QStringList();
    QTest::newRow("ideographic full stops in ipv4")
        << u"https://127\u30020\u30020\u30021/"_s << u"private-host"_s << QStringList();
    QTest::newRow("upper-case local name")
        << u"https://ATS.LOCAL/apply"_s << u"private-host"_s << QStringList();
    QTest::newRow("loopback ipv4")
        << u"http://127.0.0.1/"_s << u"private-host"_s << QStringList{u"loopback"_s};
    QTest::newRow("private 10 network")
        << u"https://10.1.2.3/"_s << u"private-host"_s << QStringList{u"10.0.0.0/8"_s};
    QTest::newRow("private 172.16 network")
        << u"https://172.31.255.1/"_s << u"private-host"_s << QStringList{u"172.16.0.0/12"_s};
    QTest::newRow("private 192.168 network")
        << u"https://192.168.1.10:8080/"_s << u"private-host"_s << QStringList{u"private"_s};
    QTest::newRow("link-local ipv4")
        << u"https://169.254.169.254/"_s << u"private-host"_s << QStringList{u"link-local"_s};
    QTest::newRow("carrier-grade nat")
        << u"https://100.64.0.1/"_s << u"private-host"_s << QStringList{u"100.64.0.0/10"_s};
    QTest::newRow("unspecified ipv4")
        << u"https://0.0.0.0/"_s << u"private-host"_s << QStringList();
    QTest::newRow("multicast ipv4")
        << u"https://224.0.0.1/"_s << u"private-host"_s << QStringList{u"multicast"_s};
    QTest::newRow("broadcast ipv4")
        << u"https://255.255.255.255/"_s << u"private-host"_s << QStringList();
    QTest::newRow("decimal ipv4 loopback")
        << u"http://2130706433/"_s << u"private-host"_s
        << QStringList{u"read by browsers as 127.0.0.1"_s, u"loopback"_s};
    QTest::newRow("hex ipv4 loopback")
        << u"http://0x7f.1/"_s << u"private-host"_s << QStringList{u"127.0.0.1"_s};
    QTest::newRow("short ipv4 loopback")
        << u"http://127.1/"_s << u"private-host"_s << QStringList{u"127.0.0.1"_s};
    QTest::newRow("octal ipv4 private")
        << u"http://012.0.0.1/"_s << u"private-host"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("ipv4 with trailing dot")
        << u"http://127.0.0.1./"_s << u"private-host"_s << QStringList();
    QTest::newRow("hex public ipv4")
        << u"https://0xCB007205/"_s << u"host"_s << QStringList{u"203.0.114.5"_s};
    QTest::newRow("too many ipv4 parts")
        << u"https://1.2.3.4.5/"_s << u"host"_s << QStringList{u"not a valid IPv4 address"_s};
    QTest::newRow("ipv4 part over 255") << u"https://256.1.1.1/"_s << u"host"_s << QStringList();
    QTest::newRow("name ending in number")
        << u"https://careers.example.123/"_s << u"host"_s << QStringList();
    QTest::newRow("invalid octal digit") << u"https://09.1.1.1/"_s << u"host"_s << QStringList();
    QTest::newRow("ipv6 loopback")
        << u"https://[::1]/"_s << u"private-host"_s << QStringList{u"loopback"_s};
    QTest::newRow("ipv6 unspecified")
        << u"https://[::]/"_s << u"private-host"_s << QStringList{u"unspecified"_s};
    QTest::newRow("ipv6 link-local")
        << u"https://[fe80::1]/"_s << u"private-host"_s << QStringList{u"link-local"_s};
    QTest::newRow("ipv6 link-local with zone")
        << u"https://[fe80::1%25eth0]/"_s << u"private-host"_s << QStringList{u"zone"_s};
    QTest::newRow("ipv6 unique-local")
        << u"https://[fd12:3456::1]/"_s << u"private-host"_s << QStringList{u"fc00::/7"_s};
    QTest::newRow("ipv6 multicast")
        << u"https://[ff02::1]/"_s << u"private-host"_s << QStringList{u"multicast"_s};
    QTest::newRow("ipv6 documentation")
        << u"https://[2001:db8::1]/"_s << u"private-host"_s << QStringList{u"documentation"_s};
    QTest::newRow("ipv4-mapped loopback") << u"https://[::ffff:127.0.0.1]/"_s << u"private-host"_s
                                          << QStringList{u"IPv4-mapped"_s, u"127.0.0.1"_s};
    QTest::newRow("ipv4-mapped private in hex")
        << u"https://[::ffff:a00:1]/"_s << u"private-host"_s << QStringList{u"10.0.0.1"_s};
    QTest::newRow("nat64 private") << u"https://[64:ff9b::192.168.0.1]/"_s << u"private-host"_s
                                   << QStringList{u"192.168.0.1"_s};
    QTest::newRow("6to4 loopback")
        << u"https://[2002:7f00:1::]/"_s << u"private-host"_s << QStringList{u"127.0.0.1"_s};
    QTest::newRow("invalid ipv6") << u"https://[1:2:3:4:5:6:7:8:9]/"_s << u"host"_s
                                  << QStringList{u"IPv6"_s};
    QTest::newRow("ipv4 in brackets") << u"https://[127.0.0.1]/"_s << u"host"_s << QStringList();
    QTest::newRow("unclosed ipv6 bracket") << u"https://[::1/"_s << u"format"_s << QStringList();
    QTest::newRow("text after ipv6 bracket")
        << u"https://[2606:4700::1111]x/"_s << u"format"_s << QStringList();
    QTest::newRow("bracket in host name")
        << u"https://careers[1].example.org/"_s << u"host"_s << QStringList();
    QTest::newRow("host starting with hyphen")
        << u"https://-careers.example.org/"_s << u"host"_s << QStringList{u"hyphen"_s};
    QTest::newRow("empty label in host")
        << u"https://careers..example.org/"_s << u"host"_s << QStringList{u"empty label"_s};
    QTest::newRow("label over 63 characters")
        << u"https://"_s + QString(64, u'a') + u".example.org/"_s << u"host"_s
        << QStringList{u"63"_s};
    QTest::newRow("host over 253 characters")
        << u"https://"_s + QString(QString(60, u'a') + u'.').repeated(4) + u"example.org/"_s
        << u"host"_s << QStringList{u"253"_s};
    QTest::newRow("percent-encoded host")
        << u"https://exa%6Dple.org/"_s << u"host"_s << QStringList{u"percent-encoded"_s};
    QTest::newRow("space in host")
        << u"https://careers example.org/"_s << u"host"_s << QStringList{u"space"_s};
    QTest::newRow("symbol in host")
        << u"https://careers!.example.org/"_s << u"host"_s << QStringList();
    QTest::newRow("invalid port") << u"https://careers.example.org:99999/"_s << u"format"_s
                                  << QStringList{u"1 to 65535"_s};
    QTest::newRow("port zero") << u"https://careers.example.org:0/"_s << u"format"_s
                               << QStringList{u"1 to 65535"_s};
    QTest::newRow("empty port") << u"https://careers.example.org:/"_s << u"format"_s
                                << QStringList{u"no port number"_s};
    QTest::newRow("letters in port")
        << u"https://careers.example.org:https/"_s << u"format"_s << QStringList();
    QTest::newRow("backslash after host")
        << u"https://careers.example.org\\@evil.example.com/"_s << u"format"_s
        << QStringList{u"backslash"_s, u"index 27"_s};
    QTest::newRow("backslashes instead of slashes")
        << u"https:\\\\careers.example.org\\apply"_s << u"format"_s << QStringList{u"backslash"_s};
    QTest::newRow("newline inside") << u"https://careers.example.org/a\nb"_s << u"format"_s
                                    << QStringList{u"U+000A"_s, u"%0A"_s};
    QTest::newRow("tab inside") << u"https://careers.example.org/a\tb"_s << u"format"_s
                                << QStringList{u"U+0009"_s};
    QTest::newRow("null character")
        << u"https://careers.example.org/a\u0000b"_s << u"format"_s << QStringList{u"U+0000"_s};
    QTest::newRow("C1 control character")
        << u"https://careers.example.org/a\u0085b"_s << u"format"_s << QStringList{u"%C2%85"_s};
    QTest::newRow("zero-width space inside")
        << u"https://careers.example.org/a\u200Bb"_s << u"format"_s
        << QStringList{u"U+200B"_s, u"%E2%80%8B"_s};
    QTest::newRow("zero-width space in host")
        << u"https://careers\u200B.example.org/"_s << u"format"_s << QStringList{u"U+200B"_s};
    QTest::newRow("right-to-left override") << u"https://careers.example.org/\u202Egpj.exe"_s
                                            << u"format"_s << QStringList{u"U+202E"_s};
    QTest::newRow("tag character")
        << u"https://careers.example.org/\U000E0067"_s << u"format"_s << QStringList{u"U+E0067"_s};
    QTest::newRow("non-breaking space inside")
        << u"https://careers.example.org/aged\u00A0care"_s << u"format"_s
        << QStringList{u"U+00A0"_s, u"index 32"_s};
    QTest::newRow("line separator inside")
        << u"https://careers.example.org/a\u2028b"_s << u"format"_s << QStringList{u"U+2028"_s};
    QTest::newRow("unpaired surrogate")
        << u"https://careers.example.org/a"_s + QChar(char16_t(0xD800)) << u"format"_s
        << QStringList{u"surrogate"_s};
    QTest::newRow("angle bracket") << u"https://careers.example.org/<script>"_s << u"format"_s
                                   << QStringList{u"\"<\""_s, u"%3C"_s};
    QTest::newRow("double quote") << u"https://careers.example.org/a\"b"_s << u"format"_s
                                  << QStringList{u"%22"_s};
    QTest::newRow("curly brace") << u"https://careers.example.org/{id}"_s << u"format"_s
                                 << QStringList{u"%7B"_s};
    QTest::newRow("pipe") << u"https://careers.example.org/a|b"_s << u"format"_s
                          << QStringList{u"%7C"_s};
    QTest::newRow("caret and backtick")
        << u"https://careers.example.org/a^b`"_s << u"format"_s << QStringList{u"%5E"_s};
    QTest::newRow("bad percent escape")
        << u"https://careers.example.org/100%"_s << u"format"_s << QStringList{u"%25"_s};
    QTest::newRow("percent with one hex digit")
        << u"https://careers.example.org/a%2"_s << u"format"_s << QStringList{u"%25"_s};
    QTest::newRow("percent with non-hex digits")
        << u"https://careers.example.org/a%zz"_s << u"format"_s << QStringList{u"%25"_s};
    QTest::newRow("second hash") << u"https://careers.example.org/a#b#c"_s << u"format"_s
                                 << QStringList{u"%23"_s};
    QTest::newRow("square bracket in path")
        << u"https://careers.example.org/jobs[1]"_s << u"format"_s << QStringList{u"%5B"_s};
    QTest::newRow("square bracket in query")
        << u"https://careers.example.org/jobs?id[]=1"_s << u"format"_s << QStringList{u"%5B"_s};
    QTest::newRow("index counts trimmed whitespace")
        << u"  https://careers.example.org/a|b"_s << u"format"_s << QStringList{u"index 31"_s};
}

void TestApplyUrl::rejectedUrl()
{
    QFETCH(QString, input);
    QFETCH(QString, expectedErrorCode);
    QFETCH(QStringList, expectedErrorParts);

    const hopstep::ApplyUrlResult result = hopstep::checkApplyUrl(input);
    QCOMPARE(result.errorCode, expectedErrorCode);
    QCOMPARE(result.error.isEmpty(), expectedErrorCode.isEmpty());
    QCOMPARE(result.url.isEmpty(), !expectedErrorCode.isEmpty());
    for (const QString &part : std::as_const(expectedErrorParts)) {
        QVERIFY2(result.error.contains(part), qPrintable(result.error));
    }
}

void TestApplyUrl::rejectedUrlMessageEndsWithPeriod_data()
{
    rejectedUrl_data();
}

void TestApplyUrl::rejectedUrlMessageEndsWithPeriod()
{
    QFETCH(QString, input);

    const hopstep::ApplyUrlResult result = hopstep::checkApplyUrl(input);
    QVERIFY2(result.error.startsWith(u"applyUrl "_s), qPrintable(result.error));
    QVERIFY2(result.error.endsWith(u'.'), qPrintable(result.error));
}

void TestApplyUrl::userInfoNotEchoed_data()
{
    QTest::addColumn<QString>("input");

    QTest::newRow("password in authority") << u"https://user:s3cr3t@careers.example.org/"_s;
    QTest::newRow("password with port") << u"https://user:s3cr3t@careers.example.org:8443/"_s;
    QTest::newRow("password without user") << u"https://:s3cr3t@careers.example.org/"_s;
}

void TestApplyUrl::userInfoNotEchoed()
{
    QFETCH(QString, input);

    const hopstep::ApplyUrlResult result = hopstep::checkApplyUrl(input);
    QCOMPARE(result.errorCode, u"userinfo"_s);
    QVERIFY2(!result.error.contains(u"s3cr3t"_s), qPrintable(result.error));
}

void TestApplyUrl::longUrlNotTruncated()
{
    const QString url = urlOfLength(maxApplyUrlLength);

    const hopstep::ApplyUrlResult result = hopstep::checkApplyUrl(url);
    QCOMPARE(result.url.size(), maxApplyUrlLength);
    QCOMPARE(result.url, url);
}

void TestApplyUrl::jsonValue_data()
{
    QTest::addColumn<QJsonValue>("input");
    QTest::addColumn<QString>("expectedErrorCode");
    QTest::addColumn<QString>("expectedUrl");

    QTest::newRow("string url") << QJsonValue(u"https://clientats.com/jobs/123/apply"_s)
                                << QString() << u"https://clientats.com/jobs/123/apply"_s;
    QTest::newRow("invalid string url")
        << QJsonValue(u"javascript:alert(1)"_s) << u"scheme"_s << QString();
    QTest::newRow("null url") << QJsonValue(QJsonValue::Null) << u"required"_s << QString();
    QTest::newRow("missing url") << QJsonValue(QJsonValue::Undefined) << u"required"_s << QString();
    QTest::newRow("number url") << QJsonValue(123) << u"type"_s << QString();
    QTest::newRow("boolean url") << QJsonValue(true) << u"type"_s << QString();
    QTest::newRow("array url") << QJsonValue(QJsonArray{u"https://careers.example.org/"_s})
                               << u"type"_s << QString();
    QTest::newRow("object url") << QJsonValue(
                                       QJsonObject{{u"href"_s, u"https://careers.example.org/"_s}})
                                << u"type"_s << QString();
}

void TestApplyUrl::jsonValue()
{
    QFETCH(QJsonValue, input);
    QFETCH(QString, expectedErrorCode);
    QFETCH(QString, expectedUrl);

    const hopstep::ApplyUrlResult result = hopstep::checkApplyUrl(input);
    QCOMPARE(result.errorCode, expectedErrorCode);
    QCOMPARE(result.url, expectedUrl);
    QCOMPARE(result.error.isEmpty(), expectedErrorCode.isEmpty());
}

QTEST_APPLESS_MAIN(TestApplyUrl)

#include "tst_applyurl.moc"
