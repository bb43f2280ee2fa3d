// What hopstep-api does with a connection before Qt's HTTP parser sees it: size limits on the
// head and the body, request framing, 100 Continue and timeouts, tested with raw bytes on a real
// loopback socket.

#include "testservice.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using hopstep::test::readTestData;
using hopstep::test::TestService;

namespace {

struct RawReply
{
    QByteArray bytes;
    bool closed = false;

    int status() const { return bytes.mid(9, 3).toInt(); }
    QJsonObject problem() const
    {
        return QJsonDocument::fromJson(bytes.mid(bytes.indexOf("\r\n\r\n") + 4)).object();
    }
};

} // namespace

class TestConnectionGuard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void framingRejected_data();
    void framingRejected();
    void declaredBodyOverLimitAnsweredAtOnce();
    void longUrlRejected();
    void expectContinueAnswered();
    void chunkedBodyAccepted();
    void chunkedBodyOverLimit();
    void pipelinedRequestsBothAnswered();
    void stalledRequestTimesOut();
    void tricklingRequestTimesOut();
    void serviceKeepsAnswering();

private:
    QTcpSocket *connectRaw();
    RawReply exchange(const QByteArray &bytes, int waitMs = 5000, int minimumReplies = 1);
    QByteArray postHead(qint64 length, const QByteArray &extra = QByteArray()) const;

    TestService m_service;
};

void TestConnectionGuard::initTestCase()
{
    m_service.setServeArguments({u"--rate-limit"_s, u"0"_s, u"--request-timeout"_s, u"2"_s});
    QString error;
    QVERIFY2(m_service.start(&error), qPrintable(error));
}

void TestConnectionGuard::cleanupTestCase()
{
    m_service.stop();
}

QTcpSocket *TestConnectionGuard::connectRaw()
{
    auto *socket = new QTcpSocket(this);
    socket->connectToHost(m_service.url(u"/"_s).host(), quint16(m_service.url(u"/"_s).port()));
    if (!socket->waitForConnected(5000))
        qWarning("connect failed: %s", qPrintable(socket->errorString()));
    return socket;
}

QByteArray TestConnectionGuard::postHead(qint64 length, const QByteArray &extra) const
{
    return "POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
           m_service.apiKey().toLatin1() + "\r\nContent-Type: application/json\r\n" + extra +
           (length >= 0 ? "Content-Length: " + QByteArray::number(length) + "\r\n" : QByteArray()) +
           "\r\n";
}

RawReply TestConnectionGuard::exchange(const QByteArray &bytes, int waitMs, int minimumReplies)
{
    QTcpSocket *socket = connectRaw();
    socket->write(bytes);
    RawReply reply;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < waitMs) {
        if (socket->state() != QAbstractSocket::ConnectedState) {
            reply.closed = true;
            break;
        }
        socket->waitForReadyRead(100);
        reply.bytes += socket->readAll();
        if (reply.bytes.count("HTTP/1.1 ") >= minimumReplies && reply.bytes.contains("\r\n\r\n")) {
            const qsizetype end = reply.bytes.lastIndexOf("\r\n\r\n");
            const qsizetype length =
                reply.bytes.mid(reply.bytes.lastIndexOf("Content-Length: ") + 16)
                    .split('\r')
                    .value(0)
                    .toLongLong();
            if (reply.bytes.size() >= end + 4 + length)
                break;
        }
    }
    reply.bytes += socket->readAll();
    socket->deleteLater();
    return reply;
}

void TestConnectionGuard::framingRejected_data()
{
    QTest::addColumn<QByteArray>("extraHeaders");
    QTest::addColumn<qint64>("length");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    QTest::newRow("two different lengths")
        << QByteArray("Content-Length: 10\r\n") << qint64(20) << 400 << u"bad-framing"_s;
    QTest::newRow("length and chunked")
        << QByteArray("Transfer-Encoding: chunked\r\n") << qint64(20) << 400 << u"bad-framing"_s;
    QTest::newRow("unknown transfer coding")
        << QByteArray("Transfer-Encoding: gzip\r\n") << qint64(-1) << 400 << u"bad-framing"_s;
    QTest::newRow("negative length")
        << QByteArray("Content-Length: -5\r\n") << qint64(-1) << 400 << u"bad-framing"_s;
    QTest::newRow("headers over 16 KiB")
        << QByteArray("X-Padding: " + QByteArray(17 * 1024, 'p') + "\r\n") << qint64(2) << 431
        << u"headers-too-large"_s;
}

void TestConnectionGuard::framingRejected()
{
    QFETCH(QByteArray, extraHeaders);
    QFETCH(qint64, length);
    QFETCH(int, status);
    QFETCH(QString, code);

    const int before = m_service.storedJobCount();
    const RawReply reply = exchange(postHead(length, extraHeaders) + "{}");
    QCOMPARE(reply.status(), status);
    QCOMPARE(reply.problem().value(u"code"_s).toString(), code);
    QVERIFY(!reply.problem().value(u"detail"_s).toString().isEmpty());
    QVERIFY(reply.bytes.contains("Connection: close"));
    QCOMPARE(m_service.storedJobCount(), before);
}

void TestConnectionGuard::declaredBodyOverLimitAnsweredAtOnce()
{
    // The head alone announces 10 GB; the response comes before any body byte is sent.
    QElapsedTimer timer;
    timer.start();
    const RawReply reply = exchange(postHead(10'000'000'000));
    QCOMPARE(reply.status(), 413);
    QCOMPARE(reply.problem().value(u"code"_s).toString(), u"body-too-large"_s);
    QVERIFY(reply.problem().value(u"detail"_s).toString().contains(u"262144"_s));
    QVERIFY(timer.elapsed() < 2000);
}

void TestConnectionGuard::longUrlRejected()
{
    // A URL of 9,000 bytes is within the 16 KiB of headers but over the request line's limit.
    const QByteArray path = "/jobs?state=" + QByteArray(9000, 'v');
    const RawReply reply = exchange("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QCOMPARE(reply.status(), 414);
    QCOMPARE(reply.problem().value(u"code"_s).toString(), u"uri-too-long"_s);
    QVERIFY(reply.problem().value(u"detail"_s).toString().contains(u"8192 bytes"_s));

    // A request line just under the limit is handled as usual.
    const QByteArray shorter = "/jobs?utm_source=" + QByteArray(8000, 'v');
    const RawReply accepted = exchange("GET " + shorter + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QCOMPARE(accepted.status(), 200);
}

void TestConnectionGuard::expectContinueAnswered()
{
    const QByteArray body = readTestData(u"seed-create.json"_s);
    QTcpSocket *socket = connectRaw();
    socket->write(postHead(body.size(), "Expect: 100-continue\r\n"));
    QByteArray interim;
    QElapsedTimer timer;
    timer.start();
    while (!interim.contains("\r\n\r\n") && timer.elapsed() < 3000) {
        socket->waitForReadyRead(100);
        interim += socket->readAll();
    }
    QVERIFY2(interim.startsWith("HTTP/1.1 100 Continue\r\n\r\n"), interim.constData());
    socket->write(body);
    QByteArray final;
    while (!final.contains("\"id\"") && timer.elapsed() < 5000) {
        socket->waitForReadyRead(100);
        final += socket->readAll();
    }
    QVERIFY2(final.startsWith("HTTP/1.1 201"), final.left(200).constData());
    socket->deleteLater();
}

void TestConnectionGuard::chunkedBodyAccepted()
{
    const QByteArray body = readTestData(u"seed-create.json"_s);
    QByteArray chunked;
    for (qsizetype i = 0; i < body.size(); i += 100) {
        const QByteArray piece = body.mid(i, 100);
        chunked += QByteArray::number(piece.size(), 16) + ";note=x\r\n" + piece + "\r\n";
    }
    chunked += "0\r\n\r\n";
    const RawReply reply = exchange(postHead(-1, "Transfer-Encoding: chunked\r\n") + chunked);
    QCOMPARE(reply.status(), 201);
}

void TestConnectionGuard::chunkedBodyOverLimit()
{
    const QByteArray piece(64 * 1024, 'a');
    QByteArray chunked;
    for (int i = 0; i < 5; ++i)
        chunked += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
    const RawReply reply = exchange(postHead(-1, "Transfer-Encoding: chunked\r\n") + chunked);
    QCOMPARE(reply.status(), 413);
    QCOMPARE(reply.problem().value(u"code"_s).toString(), u"body-too-large"_s);
}

void TestConnectionGuard::pipelinedRequestsBothAnswered()
{
    const QByteArray get = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    const QByteArray body = readTestData(u"seed-create.json"_s);
    const RawReply reply = exchange(postHead(body.size()) + body + get, 5000, 2);
    QCOMPARE(reply.bytes.count("HTTP/1.1 "), 2);
    QVERIFY(reply.bytes.startsWith("HTTP/1.1 201"));
    QVERIFY(reply.bytes.contains("{\"status\":\"ok\"}"));
}

void TestConnectionGuard::stalledRequestTimesOut()
{
    // The service runs with --request-timeout 2: half a body, then silence.
    QElapsedTimer timer;
    timer.start();
    const RawReply reply = exchange(postHead(1000) + "{\"title\": ", 6000);
    QCOMPARE(reply.status(), 408);
    QCOMPARE(reply.problem().value(u"code"_s).toString(), u"request-timeout"_s);
    QVERIFY(timer.elapsed() >= 1500);
}

void TestConnectionGuard::tricklingRequestTimesOut()
{
    // One byte every 250 ms never leaves the connection silent, but the request is not in
    // full within the 2 seconds of --request-timeout 2.
    const QByteArray request = postHead(2) + "{}";
    QTcpSocket *socket = connectRaw();
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    for (qsizetype sent = 0; sent < request.size() && timer.elapsed() < 8000; ++sent) {
        socket->write(request.mid(sent, 1));
        socket->waitForBytesWritten(100);
        socket->waitForReadyRead(250);
        answer += socket->readAll();
        if (!answer.isEmpty() || socket->state() != QAbstractSocket::ConnectedState)
            break;
    }
    socket->waitForReadyRead(500);
    answer += socket->readAll();
    QCOMPARE(answer.mid(9, 3).toInt(), 408);
    QVERIFY2(timer.elapsed() < 4000, qPrintable(QString::number(timer.elapsed())));
}

void TestConnectionGuard::serviceKeepsAnswering()
{
    const hopstep::test::HttpReply health =
        hopstep::test::sendRequest("GET", m_service.url(u"/health"_s));
    QCOMPARE(health.status, 200);
    const QByteArray log = m_service.log();
    QVERIFY(log.contains("with 413 body-too-large"));
    QVERIFY(!log.contains(m_service.apiKey().toLatin1()));
}

QTEST_GUILESS_MAIN(TestConnectionGuard)
#include "tst_connectionguard.moc"
