// What hopstep-api does with a connection before Qt's HTTP parser sees it: size limits on the
// head and the body, request framing, the request line, 100 Continue, Connection: close and
// timeouts, tested with raw bytes on a real loopback socket.

#include "secrets.h"
#include "testservice.h"

#include <QElapsedTimer>
#include <QJsonArray>
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
    void rejectionJournaled_data();
    void rejectionJournaled();
    void requestLineRejected_data();
    void requestLineRejected();
    void connectionCloseHonoured_data();
    void connectionCloseHonoured();
    void pipelinedAfterCloseIgnored();
    void pipelinedBadRequestAnsweredLast();
    void http10KeepAliveStaysOpen();
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
    // Reads from socket until the server closes it or waitMs pass, and returns what arrived.
    static QByteArray readUntilClosed(QTcpSocket *socket, int waitMs, bool *closed);

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

QByteArray TestConnectionGuard::readUntilClosed(QTcpSocket *socket, int waitMs, bool *closed)
{
    QByteArray bytes;
    QElapsedTimer timer;
    timer.start();
    *closed = false;
    while (timer.elapsed() < waitMs) {
        socket->waitForReadyRead(50);
        bytes += socket->readAll();
        if (socket->state() != QAbstractSocket::ConnectedState) {
            *closed = true;
            break;
        }
    }
    bytes += socket->readAll();
    return bytes;
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
    QTest::newRow("space before a header's colon")
        << QByteArray("X-Trace : 1\r\n") << qint64(2) << 400 << u"bad-header"_s;
    QTest::newRow("zero byte in a header value")
        << QByteArray("X-Trace: a\0b\r\n", 15) << qint64(2) << 400 << u"bad-header"_s;
    QTest::newRow("header line without a colon")
        << QByteArray("X-Trace\r\n") << qint64(2) << 400 << u"bad-header"_s;
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

void TestConnectionGuard::rejectionJournaled_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    // False where the guard may reject before the Authorization header has arrived.
    QTest::addColumn<bool>("headComplete");

    QTest::newRow("body too large")
        << postHead(10'000'000'000) << 413 << u"body-too-large"_s << true;
    QTest::newRow("two different lengths")
        << postHead(20, "Content-Length: 10\r\n") + "{}" << 400 << u"bad-framing"_s << true;
    QByteArray http2 = postHead(2) + "{}";
    http2.replace("HTTP/1.1", "HTTP/2.0");
    QTest::newRow("HTTP/2.0") << http2 << 505 << u"http-version-not-supported"_s << true;
    QByteArray longUrl = postHead(2) + "{}";
    longUrl.replace("/api/jobs", QByteArray("/api/jobs?q=" + QByteArray(9000, 'v')));
    QTest::newRow("URL too long") << longUrl << 414 << u"uri-too-long"_s << false;
    // The service runs with --request-timeout 2.
    QTest::newRow("request timeout")
        << postHead(1000) + "{\"title\": " << 408 << u"request-timeout"_s << true;
}

void TestConnectionGuard::rejectionJournaled()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(bool, headComplete);

    const RawReply reply = exchange(request, 6000);
    QCOMPARE(reply.status(), status);
    const QString requestId = reply.problem().value(u"requestId"_s).toString();
    QVERIFY(!requestId.isEmpty());

    // The journal writes in batches. The admin route flushes it first, and QTRY_ allows for a
    // delay all the same.
    hopstep::test::HttpReply page;
    const auto journaled = [&] {
        page = m_service.admin("GET", u"/admin/requests?q="_s + requestId);
        return page.json().value(u"total"_s).toInt() == 1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(journaled(), 3000);
    QCOMPARE(page.status, 200);
    const QJsonObject entry = page.json().value(u"items"_s).toArray().at(0).toObject();
    QCOMPARE(entry.value(u"requestId"_s).toString(), requestId);
    QCOMPARE(entry.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(entry.value(u"path"_s).toString(), u"/api/jobs"_s);
    QCOMPARE(entry.value(u"status"_s).toInt(), status);
    QCOMPARE(entry.value(u"problemCode"_s).toString(), code);
    if (headComplete) {
        QCOMPARE(entry.value(u"keyPrefix"_s).toString(), hopstep::secretPrefix(m_service.apiKey()));
    }
    QVERIFY(entry.value(u"durationMs"_s).toDouble() >= 0);
    if (status == 408)
        QVERIFY(entry.value(u"durationMs"_s).toDouble() >= 1500);
    QVERIFY(!page.body.contains(m_service.apiKey().toLatin1()));

    const hopstep::test::HttpReply byStatus =
        m_service.admin("GET", u"/admin/requests?status=%1&limit=1000"_s.arg(status));
    QCOMPARE(byStatus.status, 200);
    QVERIFY(byStatus.body.contains(requestId.toLatin1()));
    QVERIFY(!byStatus.body.contains(m_service.apiKey().toLatin1()));

    const hopstep::test::HttpReply one = m_service.admin(
        "GET", u"/admin/requests/"_s + QString::number(entry.value(u"id"_s).toInteger()));
    QCOMPARE(one.status, 200);
    QVERIFY(one.json().value(u"body"_s).toString().isEmpty());
    QVERIFY(!one.body.contains(m_service.apiKey().toLatin1()));
}

void TestConnectionGuard::requestLineRejected_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const QByteArray headers = "Host: 127.0.0.1\r\n\r\n";
    QTest::newRow("single word") << "GARBAGE\r\n" + headers << 400 << u"bad-request-line"_s;
    QTest::newRow("single word, no headers yet")
        << QByteArray("GARBAGE\r\n") << 400 << u"bad-request-line"_s;
    QTest::newRow("missing version") << "GET /health\r\n" + headers << 400 << u"bad-request-line"_s;
    QTest::newRow("two spaces") << "GET  /health HTTP/1.1\r\n" + headers << 400
                                << u"bad-request-line"_s;
    QTest::newRow("not HTTP") << "GET /health FTP/1.1\r\n" + headers << 400
                              << u"bad-request-line"_s;
    QTest::newRow("control character in target")
        << "GET /he\x01lth HTTP/1.1\r\n" + headers << 400 << u"bad-request-line"_s;
    QTest::newRow("HTTP/2.0") << "GET /health HTTP/2.0\r\n" + headers << 505
                              << u"http-version-not-supported"_s;
    QTest::newRow("HTTP/9.9") << "GET /health HTTP/9.9\r\n" + headers << 505
                              << u"http-version-not-supported"_s;
    QTest::newRow("HTTP/0.9") << "GET /health HTTP/0.9\r\n" + headers << 505
                              << u"http-version-not-supported"_s;
    QTest::newRow("path starting with //")
        << "GET //jobs/x HTTP/1.1\r\n" + headers << 400 << u"bad-request-line"_s;
}

void TestConnectionGuard::requestLineRejected()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, code);

    const RawReply reply = exchange(request);
    QCOMPARE(reply.status(), status);
    QCOMPARE(reply.problem().value(u"code"_s).toString(), code);
    QCOMPARE(reply.problem().value(u"status"_s).toInt(), status);
    const QString detail = reply.problem().value(u"detail"_s).toString();
    QVERIFY2(detail.contains(u"HTTP/1.1"_s), qPrintable(detail));
    QVERIFY(reply.bytes.contains("Connection: close"));

    // The problem type page explains the code.
    const hopstep::test::HttpReply page =
        hopstep::test::sendRequest("GET", m_service.url(u"/problems/"_s + code));
    QCOMPARE(page.status, 200);
}

void TestConnectionGuard::connectionCloseHonoured_data()
{
    QTest::addColumn<QByteArray>("request");

    QTest::newRow("HTTP/1.1 with Connection: close")
        << QByteArray("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QTest::newRow("HTTP/1.1 with close among options")
        << QByteArray("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: TE, Close\r\n\r\n");
    QTest::newRow("HTTP/1.0") << QByteArray("GET /health HTTP/1.0\r\n\r\n");
    QTest::newRow("HTTP/1.0 POST with a body") << [this] {
        QByteArray request = postHead(2) + "{}";
        request.replace("HTTP/1.1", "HTTP/1.0");
        return request;
    }();
}

void TestConnectionGuard::connectionCloseHonoured()
{
    QFETCH(QByteArray, request);

    // The service runs with an idle timeout of 120 s, so a close within 2 s is the guard's.
    QTcpSocket *socket = connectRaw();
    socket->write(request);
    bool closed = false;
    QElapsedTimer timer;
    timer.start();
    const QByteArray answer = readUntilClosed(socket, 4000, &closed);
    QVERIFY2(answer.startsWith("HTTP/1.1 200") || answer.startsWith("HTTP/1.1 4"),
             answer.left(200).constData());
    QVERIFY2(closed, answer.left(200).constData());
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(answer.count("HTTP/1.1 "), 1);
    socket->deleteLater();
}

void TestConnectionGuard::pipelinedAfterCloseIgnored()
{
    // A request after the one that requested the close gets no response and is not parsed.
    const QByteArray request =
        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        "GET /api/categories HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        "GARBAGE\r\n\r\n";
    QTcpSocket *socket = connectRaw();
    socket->write(request);
    bool closed = false;
    const QByteArray answer = readUntilClosed(socket, 4000, &closed);
    QVERIFY(closed);
    QCOMPARE(answer.count("HTTP/1.1 "), 1);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.left(200).constData());
    QVERIFY(answer.contains("{\"status\":\"ok\"}"));
    socket->deleteLater();
}

void TestConnectionGuard::pipelinedBadRequestAnsweredLast()
{
    // The requests before a rejected one in the same packet still get their responses, in order.
    const QByteArray get = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    QTcpSocket *socket = connectRaw();
    socket->write(get + get + "GARBAGE\r\n\r\n");
    bool closed = false;
    const QByteArray answer = readUntilClosed(socket, 4000, &closed);
    QVERIFY(closed);
    QCOMPARE(answer.count("HTTP/1.1 "), 3);
    QCOMPARE(answer.count("{\"status\":\"ok\"}"), 2);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.left(200).constData());
    const QByteArray last = answer.mid(answer.lastIndexOf("HTTP/1.1 "));
    QVERIFY2(last.startsWith("HTTP/1.1 400"), last.constData());
    QVERIFY(last.contains("bad-request-line"));
    socket->deleteLater();
}

void TestConnectionGuard::http10KeepAliveStaysOpen()
{
    QTcpSocket *socket = connectRaw();
    for (int i = 0; i < 2; ++i) {
        socket->write("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        QByteArray answer;
        QElapsedTimer timer;
        timer.start();
        while (!answer.contains("{\"status\":\"ok\"}") && timer.elapsed() < 3000) {
            socket->waitForReadyRead(100);
            answer += socket->readAll();
        }
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.left(200).constData());
        QCOMPARE(socket->state(), QAbstractSocket::ConnectedState);
    }
    // Still open a moment after the second response.
    QVERIFY(!socket->waitForDisconnected(500));
    QCOMPARE(socket->state(), QAbstractSocket::ConnectedState);
    socket->deleteLater();
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

    // A request line of exactly 8,192 bytes, without its CR LF, is handled as usual, and one
    // byte more is too long.
    const QByteArray start = "GET /jobs?utm_source=";
    const QByteArray end = " HTTP/1.1";
    const QByteArray padding(8192 - start.size() - end.size(), 'v');
    const RawReply accepted = exchange(start + padding + end + "\r\nHost: 127.0.0.1\r\n\r\n");
    QCOMPARE(accepted.status(), 200);
    const RawReply over = exchange(start + padding + 'v' + end + "\r\nHost: 127.0.0.1\r\n\r\n");
    QCOMPARE(over.status(), 414);
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
