#include "guardedtcpserver.h"

#include "logcategories.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

// Longer request lines get 414, as nginx's default large_client_header_buffers (8k) does.
constexpr qsizetype maxRequestLineBytes = 8192;

struct HeadFields
{
    QList<QByteArray> contentLengths;
    QByteArray transferEncoding;
    bool expectContinue = false;
};

HeadFields readHeadFields(const QByteArray &head)
{
    HeadFields fields;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length")
            fields.contentLengths.append(value);
        else if (name == "transfer-encoding")
            fields.transferEncoding = value.toLower();
        else if (name == "expect" && value.toLower() == "100-continue")
            fields.expectContinue = true;
    }
    return fields;
}

} // namespace

GuardedTcpServer::GuardedTcpServer(const Limits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcApi).noquote() << "Accepting a connection failed:" << socket->errorString();
        delete socket;
        return;
    }
    Framing &framing = m_framing[socket];
    framing.timer = new QTimer(socket);
    framing.timer->setSingleShot(true);
    connect(framing.timer, &QTimer::timeout, this, [this, socket] {
        const auto it = m_framing.constFind(socket);
        if (it == m_framing.constEnd())
            return;
        const bool inRequest = it->stage != Framing::Stage::Head || !it->head.isEmpty();
        if (inRequest) {
            reject(socket, 408, "Request Timeout", u"request-timeout"_s,
                   u"The request did not arrive in full within %1 seconds; send it again."_s.arg(
                       m_limits.requestTimeoutMs / 1000));
            return;
        }
        m_framing.remove(socket);
        socket->disconnectFromHost();
    });
    // Connected before QAbstractHttpServer connects its own handler, so this one reads each
    // chunk of bytes first.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { m_framing.remove(socket); });
    startTimer(framing, false);
    addPendingConnection(socket);
}

void GuardedTcpServer::startTimer(Framing &framing, bool inRequest)
{
    framing.timingRequest = inRequest;
    framing.timer->start(inRequest ? m_limits.requestTimeoutMs : m_limits.idleTimeoutMs);
}

void GuardedTcpServer::inspect(QTcpSocket *socket)
{
    auto it = m_framing.find(socket);
    if (it == m_framing.end())
        return;
    Framing &framing = it.value();
    // Qt's handler reads every byte after this slot returns, so peek returns each byte once.
    const QByteArray data = socket->peek(socket->bytesAvailable());
    qsizetype position = 0;
    while (position < data.size()) {
        switch (framing.stage) {
        case Framing::Stage::Head: {
            if (framing.head.isEmpty()) {
                // Empty lines before a request line are allowed (RFC 9112, 2.2).
                while (position < data.size() &&
                       (data.at(position) == '\r' || data.at(position) == '\n')) {
                    ++position;
                }
                if (position == data.size())
                    break;
            }
            const qsizetype before = framing.head.size();
            framing.head.append(data.mid(position));
            const qsizetype end = framing.head.indexOf("\r\n\r\n");
            const qsizetype lineEnd = framing.head.indexOf('\n');
            if (lineEnd > maxRequestLineBytes ||
                (lineEnd < 0 && framing.head.size() > maxRequestLineBytes)) {
                reject(socket, 414, "URI Too Long", u"uri-too-long"_s,
                       u"The request line is over %1 bytes, so its URL is too long. Send the "
                       u"path and query in at most %1 bytes."_s.arg(maxRequestLineBytes));
                return;
            }
            if (end < 0 || end + 4 > m_limits.maxHeaderBytes) {
                if (framing.head.size() > m_limits.maxHeaderBytes ||
                    end + 4 > m_limits.maxHeaderBytes) {
                    reject(socket, 431, "Request Header Fields Too Large", u"headers-too-large"_s,
                           u"The request line and headers are over %1 bytes; send fewer or "
                           u"shorter headers."_s.arg(m_limits.maxHeaderBytes));
                    return;
                }
                position = data.size();
                break;
            }
            position += end + 4 - before;
            framing.head.truncate(end + 4);
            if (!readHead(socket, framing))
                return;
            framing.head.clear();
            break;
        }
        case Framing::Stage::Body: {
            const qint64 taken = std::min<qint64>(framing.bodyLeft, data.size() - position);
            position += taken;
            framing.bodyLeft -= taken;
            if (framing.bodyLeft == 0)
                framing.stage = Framing::Stage::Head;
            break;
        }
        default:
            if (!readChunked(socket, framing, data, &position))
                return;
            break;
        }
    }
    const bool inRequest = framing.stage != Framing::Stage::Head || !framing.head.isEmpty();
    // The deadline of a request runs from its first byte; idle time restarts with every read.
    if (!inRequest || !framing.timingRequest)
        startTimer(framing, inRequest);
}

bool GuardedTcpServer::readChunked(QTcpSocket *socket, Framing &framing, const QByteArray &data,
                                   qsizetype *position)
{
    using Stage = Framing::Stage;
    while (*position < data.size()) {
        const char c = data.at(*position);
        switch (framing.stage) {
        case Stage::ChunkSize:
        case Stage::Trailer: {
            ++*position;
            if (c != '\n') {
                framing.head.append(c);
                if (framing.head.size() > 1024) {
                    reject(socket, 400, "Bad Request", u"bad-framing"_s,
                           u"A chunk-size or trailer line of the chunked body is over 1024 "
                           u"bytes."_s);
                    return false;
                }
                continue;
            }
            const QByteArray line = framing.head.trimmed();
            framing.head.clear();
            if (framing.stage == Stage::Trailer) {
                if (line.isEmpty()) {
                    framing.stage = Stage::Head;
                    return true;
                }
                continue;
            }
            bool ok = false;
            const qint64 size = line.split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                reject(socket, 400, "Bad Request", u"bad-framing"_s,
                       u"The chunked body has an invalid chunk size; send a Content-Length "
                       u"body."_s);
                return false;
            }
            framing.bodyBytes += size;
            if (framing.bodyBytes > m_limits.maxBodyBytes) {
                reject(socket, 413, "Payload Too Large", u"body-too-large"_s,
                       u"The chunked body is over %1 bytes; hopstep does not truncate, so "
                       u"shorten it."_s.arg(m_limits.maxBodyBytes));
                return false;
            }
            framing.bodyLeft = size;
            framing.stage = size == 0 ? Stage::Trailer : Stage::ChunkData;
            continue;
        }
        case Stage::ChunkData: {
            const qint64 taken = std::min<qint64>(framing.bodyLeft, data.size() - *position);
            *position += taken;
            framing.bodyLeft -= taken;
            if (framing.bodyLeft == 0)
                framing.stage = Stage::ChunkDataEnd;
            continue;
        }
        case Stage::ChunkDataEnd:
            ++*position;
            if (c == '\n')
                framing.stage = Stage::ChunkSize;
            continue;
        default:
            return true;
        }
    }
    return true;
}

bool GuardedTcpServer::readHead(QTcpSocket *socket, Framing &framing)
{
    const HeadFields fields = readHeadFields(framing.head);
    const bool chunked = fields.transferEncoding.endsWith("chunked");
    if (!fields.transferEncoding.isEmpty() && !fields.contentLengths.isEmpty()) {
        reject(socket, 400, "Bad Request", u"bad-framing"_s,
               u"The request has both Content-Length and Transfer-Encoding; send one of them."_s);
        return false;
    }
    if (!fields.transferEncoding.isEmpty() && !chunked) {
        reject(socket, 400, "Bad Request", u"bad-framing"_s,
               u"Transfer-Encoding "_s + QString::fromLatin1(fields.transferEncoding.left(40)) +
                   u" is not supported; send a Content-Length body."_s);
        return false;
    }
    qint64 length = 0;
    if (!fields.contentLengths.isEmpty()) {
        bool ok = true;
        for (const QByteArray &value : fields.contentLengths) {
            bool valueOk = false;
            const qint64 parsed = value.toLongLong(&valueOk);
            ok = ok && valueOk && parsed >= 0 && (length == 0 || parsed == length) &&
                 !value.startsWith('+');
            length = parsed;
        }
        if (!ok) {
            reject(socket, 400, "Bad Request", u"bad-framing"_s,
                   u"The request has an invalid or repeated Content-Length header; send one "
                   u"Content-Length with the body's size in bytes."_s);
            return false;
        }
        if (length > m_limits.maxBodyBytes) {
            reject(socket, 413, "Payload Too Large", u"body-too-large"_s,
                   u"The body has %1 bytes; the maximum is %2 bytes. hopstep does not "
                   u"truncate, so shorten it."_s.arg(length)
                       .arg(m_limits.maxBodyBytes));
            return false;
        }
    }
    if (fields.expectContinue && (length > 0 || chunked))
        socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    if (chunked) {
        framing.stage = Framing::Stage::ChunkSize;
        framing.bodyBytes = 0;
    } else if (length > 0) {
        framing.stage = Framing::Stage::Body;
        framing.bodyLeft = length;
    } else {
        framing.stage = Framing::Stage::Head;
    }
    return true;
}

void GuardedTcpServer::reject(QTcpSocket *socket, int status, const QByteArray &reason,
                              const QString &code, const QString &detail)
{
    // Qt's parser must not see the rest of this connection's bytes.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    const auto it = m_framing.constFind(socket);
    const QByteArray requestLine =
        it == m_framing.constEnd() ? QByteArray() : it->head.left(it->head.indexOf('\r'));
    m_framing.remove(socket);
    const QString path = QString::fromLatin1(requestLine.split(' ').value(1).left(200));
    const QString requestId =
        QString::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, u'0');
    const QByteArray body = QJsonDocument(QJsonObject{{u"type"_s, QString(u"/problems/"_s + code)},
                                                      {u"code"_s, code},
                                                      {u"title"_s, QString::fromLatin1(reason)},
                                                      {u"status"_s, status},
                                                      {u"detail"_s, detail},
                                                      {u"instance"_s, path},
                                                      {u"requestId"_s, requestId}})
                                .toJson(QJsonDocument::Compact);
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                  "\r\nContent-Type: application/problem+json\r\nConnection: close\r\n"
                  "X-Request-Id: " +
                  requestId.toLatin1() + "\r\nContent-Length: " + QByteArray::number(body.size()) +
                  "\r\n\r\n" + body);
    qCInfo(lcApi).noquote() << "Closed a connection from" << socket->peerAddress().toString()
                            << "with" << status << code << QString(u"request="_s + requestId);

    // Closing at once while the client still sends would reset the connection, and the client
    // would lose the response. So the rest of the upload is read and dropped for a while first,
    // as nginx's lingering close does.
    constexpr qint64 maxDrainBytes = 4 * 1024 * 1024;
    constexpr int drainMs = 2000;
    auto *drained = new qint64(0);
    connect(socket, &QTcpSocket::readyRead, socket, [socket, drained] {
        *drained += socket->readAll().size();
        if (*drained > maxDrainBytes)
            socket->abort();
    });
    connect(socket, &QObject::destroyed, socket, [drained] { delete drained; });
    QTimer::singleShot(drainMs, socket, [socket] { socket->disconnectFromHost(); });
}

} // namespace hopstep
