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

QTEST_APPLESS_MAIN(TestJsonBody)
#include "tst_jsonbody.moc"
