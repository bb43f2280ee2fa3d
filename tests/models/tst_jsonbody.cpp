#include "jsonbody.h"

#include <QTest>

using namespace Qt::StringLiterals;
using hopstep::firstInvalidUtf8Offset;
using hopstep::JsonBody;
using hopstep::parseJsonBody;

class TestJsonBody : public QObject
{
    Q_OBJECT

private slots:
    void utf8Offsets_data();
    void utf8Offsets();
    void windows1252ByteNamed();
    void positionsCountCharacters();
    void typographicQuotesFound_data();
    void typographicQuotesFound();
    void quotesInsideStringsAllowed();
    void contentTypes_data();
    void contentTypes();
    void strictGrammar_data();
    void strictGrammar();
    void otherEncodingsNamed_data();
    void otherEncodingsNamed();
};

void TestJsonBody::utf8Offsets_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<qsizetype>("offset");

    QTest::newRow("ascii") << QByteArray("{\"a\": 1}") << qsizetype(-1);
    QTest::newRow("two-byte character") << QByteArray("caf\xC3\xA9") << qsizetype(-1);
    QTest::newRow("emoji") << QByteArray("\xF0\x9F\x91\xA9") << qsizetype(-1);
    QTest::newRow("lone continuation byte") << QByteArray("ab\x80") << qsizetype(2);
    QTest::newRow("windows-1252 quote") << QByteArray("Carer\x92s") << qsizetype(5);
    QTest::newRow("overlong slash") << QByteArray("x\xC0\xAF") << qsizetype(1);
    QTest::newRow("overlong three bytes") << QByteArray("\xE0\x80\xAF") << qsizetype(0);
    QTest::newRow("encoded surrogate") << QByteArray("ok\xED\xA0\x80") << qsizetype(2);
    QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << qsizetype(0);
    QTest::newRow("truncated sequence") << QByteArray("abc\xE2\x82") << qsizetype(3);
    QTest::newRow("latin-1 e acute") << QByteArray("caf\xE9 ok") << qsizetype(3);
}

void TestJsonBody::utf8Offsets()
{
    QFETCH(QByteArray, data);
    QFETCH(qsizetype, offset);

    QCOMPARE(firstInvalidUtf8Offset(data), offset);
}

void TestJsonBody::windows1252ByteNamed()
{
    const JsonBody body = parseJsonBody("application/json", "{\"title\": \"Carer\x92s\"}");
    QCOMPARE(body.status, 400);
    QCOMPARE(body.code, u"invalid-utf8"_s);
    QCOMPARE(body.offset, 16);
    QVERIFY2(body.detail.contains(u"0x92"_s), qPrintable(body.detail));
    QVERIFY2(body.detail.contains(u"byte offset 16"_s), qPrintable(body.detail));
    QVERIFY2(body.detail.contains(u"’"_s), qPrintable(body.detail));
    QVERIFY2(body.detail.contains(u"UTF-8"_s), qPrintable(body.detail));
}

void TestJsonBody::positionsCountCharacters()
{
    // "é" is two bytes but one column.
    const JsonBody body = parseJsonBody("application/json", "{\n  \"t\": \"é\" x}");
    QCOMPARE(body.status, 400);
    QCOMPARE(body.line, 2);
    QCOMPARE(body.column, 12);
    QVERIFY2(body.detail.startsWith(u"Line 2, column 12"_s), qPrintable(body.detail));
}

void TestJsonBody::typographicQuotesFound_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("curly double quotes") << QByteArray("{“title”: “Cook”}") << 1 << 2;
    QTest::newRow("curly value only") << QByteArray("{\"title\": ”Cook”}") << 1 << 11;
    QTest::newRow("german low quote") << QByteArray("{\n\"a\": „b“}") << 2 << 6;
    QTest::newRow("single quotes") << QByteArray("{'title': 'Cook'}") << 1 << 2;
}

void TestJsonBody::typographicQuotesFound()
{
    QFETCH(QByteArray, data);
    QFETCH(int, line);
    QFETCH(int, column);

    const JsonBody body = parseJsonBody("application/json", data);
    QCOMPARE(body.status, 400);
    QCOMPARE(body.line, line);
    QCOMPARE(body.column, column);
    QVERIFY2(body.detail.contains(u"straight double quotes"_s), qPrintable(body.detail));
}

void TestJsonBody::quotesInsideStringsAllowed()
{
    const JsonBody body =
        parseJsonBody("application/json", "{\"title\": \"We’re “hiring” \\\" now\"}");
    QVERIFY(body.isValid());
    QCOMPARE(body.object.value(u"title"_s).toString(), u"We’re “hiring” \" now"_s);
}

void TestJsonBody::contentTypes_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");

    QTest::newRow("json") << QByteArray("application/json") << 0;
    QTest::newRow("json upper case") << QByteArray("Application/JSON") << 0;
    QTest::newRow("utf-8 charset") << QByteArray("application/json; charset=utf-8") << 0;
    QTest::newRow("quoted charset") << QByteArray("application/json; charset=\"UTF-8\"") << 0;
    QTest::newRow("merge patch") << QByteArray("application/merge-patch+json") << 0;
    QTest::newRow("windows-1252 charset")
        << QByteArray("application/json; charset=windows-1252") << 415;
    QTest::newRow("missing") << QByteArray() << 415;
    QTest::newRow("xml") << QByteArray("application/xml") << 415;
}

void TestJsonBody::contentTypes()
{
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);

    const JsonBody body = parseJsonBody(contentType, "{\"title\": \"Cook\"}");
    QCOMPARE(body.status, status);
    if (status != 0)
        QVERIFY(body.detail.contains(u"Content-Type"_s) || body.detail.contains(u"charset"_s));
}

void TestJsonBody::strictGrammar_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("raw control character in string") << QByteArray("{\"title\": \"Aged\x07"
                                                                   "Care\"}")
                                                     << u"malformed-json"_s << 16 << u"U+0007"_s;
    QTest::newRow("raw NUL in string") << QByteArray("{\"title\": \"Aged\0Care\"}", 23)
                                       << u"malformed-json"_s << 16 << u"U+0000"_s;
    QTest::newRow("unknown escape") << QByteArray("{\"title\": \"Aged \\x41\"}")
                                    << u"malformed-json"_s << 17 << u"\\x is not a JSON escape"_s;
    QTest::newRow("short unicode escape")
        << QByteArray("{\"a\": \"\\u12\"}") << u"malformed-json"_s << 8 << u"four hexadecimal"_s;
    QTest::newRow("duplicate member") << QByteArray("{\"title\": \"A\", \"title\": \"B\"}")
                                      << u"malformed-json"_s << 16 << u"appears twice"_s;
    QTest::newRow("duplicate in nested object")
        << QByteArray("{\"location\": {\"state\": \"VIC\", \"state\": \"NSW\"}}")
        << u"malformed-json"_s << 31 << u"\"state\" appears twice"_s;
    QTest::newRow("same name in sibling objects")
        << QByteArray("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}}") << QString() << 0 << QString();
    QTest::newRow("trailing comma in object")
        << QByteArray("{\"title\": \"Cook\",}") << u"malformed-json"_s << 17 << u"trailing comma"_s;
    QTest::newRow("trailing comma in array") << QByteArray("{\"workTypes\": [\"CASUAL\",]}")
                                             << u"malformed-json"_s << 24 << u"trailing comma"_s;
    QTest::newRow("leading zero") << QByteArray("{\"postcode\": 0800}") << u"malformed-json"_s << 14
                                  << u"leading zero"_s;
    QTest::newRow("hexadecimal number")
        << QByteArray("{\"salaryMin\": 0x1E}") << u"malformed-json"_s << 15 << u"hexadecimal"_s;
    QTest::newRow("number too large") << QByteArray("{\"salaryMin\": 1e999}") << u"malformed-json"_s
                                      << 15 << u"out of the range"_s;
    QTest::newRow("number with unit")
        << QByteArray("{\"salaryMin\": 30h}") << u"malformed-json"_s << 17 << u"without units"_s;
    QTest::newRow("capitalised literal")
        << QByteArray("{\"a\": True}") << u"malformed-json"_s << 7 << u"lower case"_s;
    QTest::newRow("text after object")
        << QByteArray("{\"a\": 1} {\"b\": 2}") << u"malformed-json"_s << 10 << u"more text"_s;
    QTest::newRow("top-level null")
        << QByteArray("null") << u"not-an-object"_s << 0 << u"a single value"_s;
    QTest::newRow("top-level string")
        << QByteArray("\"hello\"") << u"not-an-object"_s << 0 << u"a string"_s;
    QTest::newRow("top-level array")
        << QByteArray("[{\"title\": \"Cook\"}]") << u"not-an-object"_s << 0 << u"an array"_s;
    QTest::newRow("nested too deep") << QByteArray("{\"a\": " + QByteArray(70, '[') + "]}")
                                     << u"malformed-json"_s << 70 << u"more than 64 deep"_s;
    QTest::newRow("unclosed object")
        << QByteArray("{\"title\": \"Cook\"") << u"malformed-json"_s << 17 << u"before every"_s;
    QTest::newRow("more digits than a double keeps")
        << QByteArray("{\"salaryMin\": 30.999999999999999999}") << u"malformed-json"_s << 15
        << u"more than 15 significant digits"_s;
    QTest::newRow("long integer") << QByteArray("{\"category\": 12345678901234567}")
                                  << u"malformed-json"_s << 14 << u"significant digits"_s;
    QTest::newRow("trailing zeros kept exactly")
        << QByteArray("{\"salaryMin\": 30.500000000000000000}") << QString() << 0 << QString();
    QTest::newRow("two byte order marks") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF{}")
                                          << u"malformed-json"_s << 1 << u"two UTF-8 byte"_s;
}

void TestJsonBody::strictGrammar()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, code);
    QFETCH(int, column);
    QFETCH(QString, mentions);

    const JsonBody body = parseJsonBody("application/json", data);
    if (code.isEmpty()) {
        QVERIFY2(body.isValid(), qPrintable(body.detail));
        return;
    }
    QCOMPARE(body.status, 400);
    QCOMPARE(body.code, code);
    if (column > 0)
        QCOMPARE(body.column, column);
    QVERIFY2(body.detail.contains(mentions), qPrintable(body.detail));
}

void TestJsonBody::otherEncodingsNamed_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("utf-16 little endian") << QByteArray("\xFF\xFE{\0}\0", 6) << u"UTF-16"_s;
    QTest::newRow("utf-16 big endian") << QByteArray("\xFE\xFF\0{\0}", 6) << u"UTF-16"_s;
    QTest::newRow("gzip") << QByteArray("\x1F\x8B\x08\0\0\0", 6) << u"gzip"_s;
    QTest::newRow("utf-32 little endian")
        << QByteArray("\xFF\xFE\0\0{\0\0\0}\0\0\0", 12) << u"UTF-32"_s;
    QTest::newRow("utf-16 without a byte order mark")
        << QByteArray("{\0\"\0t\0\"\0:\0\"\0x\0\"\0}\0", 18) << u"UTF-16 or UTF-32"_s;
    QTest::newRow("utf-16 big endian without a byte order mark")
        << QByteArray("\0{\0}", 4) << u"UTF-16 or UTF-32"_s;
}

void TestJsonBody::otherEncodingsNamed()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, mentions);

    const JsonBody body = parseJsonBody("application/json", data);
    QCOMPARE(body.status, 415);
    QVERIFY2(body.detail.contains(mentions), qPrintable(body.detail));
}

QTEST_APPLESS_MAIN(TestJsonBody)
#include "tst_jsonbody.moc"
