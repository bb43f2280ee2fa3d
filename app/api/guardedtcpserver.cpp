#include "guardedtcpserver.h"

#include "logcategories.h"
#include "requestjournal.h"
#include "secrets.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cctype>
#include <cstring>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

// Longer request lines get 414, as nginx's default large_client_header_buffers (8k) does.
constexpr qsizetype maxRequestLineBytes = 8192;

// A connection that keeps sending after its last request is aborted past this many bytes.
constexpr qint64 maxDiscardedBytes = 4 * 1024 * 1024;

struct HeadFields
{
    QList<QByteArray> contentLengths;
    QByteArray transferEncoding;
    bool expectContinue = false;
    bool connectionClose = false;     // Connection has the close option
    bool connectionKeepAlive = false; // Connection has the keep-alive option
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
        else if (name == "connection") {
            for (const QByteArray &option : value.toLower().split(',')) {
                fields.connectionClose = fields.connectionClose || option.trimmed() == "close";
                fields.connectionKeepAlive =
                    fields.connectionKeepAlive || option.trimmed() == "keep-alive";
            }
        }
    }
    return fields;
}

// Returns a sentence naming the first header line that RFC 9112 (section 5) does not allow, or
// an empty string. Such a line has no colon, white space before the colon, a name that is not
// a token, or a control character other than a tab in its value.
QString headerFault(const QByteArray &head)
{
    static const QByteArray tokenCharacters = "!#$%&'*+-.^_`|~";
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = colon < 0 ? line : line.left(colon);
        const QString shown = QString::fromLatin1(name.left(40));
        if (colon <= 0)
            return u"Header line %1 has no name and colon; send Name: value."_s.arg(i + 1);
        for (const char c : name) {
            const bool token =
                std::isalnum(static_cast<unsigned char>(c)) || tokenCharacters.contains(c);
            if (!token) {
                return u"Header name \"%1\" contains a space or another character that header "
                       u"names do not allow; send the name and a colon without spaces."_s.arg(
                           shown.simplified());
            }
        }
        for (const char c : line.mid(colon + 1)) {
            const auto byte = static_cast<unsigned char>(c);
            if ((byte < 0x20 && c != '\t') || byte == 0x7F) {
                return u"Header %1 contains control character 0x%2; send the value without it."_s
                    .arg(shown)
                    .arg(byte, 2, 16, QLatin1Char('0'));
            }
        }
    }
    return {};
}

// The public prefix of a hopstep key or staff token in the head's Authorization: Bearer header,
// or an empty string. A cut-off or mistyped token fails the checksum and gives no prefix.
QString bearerPrefix(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.left(colon).trimmed().toLower() != "authorization")
            continue;
        const QByteArray value = line.mid(colon + 1).trimmed();
        const qsizetype space = value.indexOf(' ');
        if (space < 0 || value.left(space).toLower() != "bearer")
            continue;
        const QString token = QString::fromLatin1(value.mid(space + 1).trimmed());
        if (isWellFormedSecret(token, SecretKind::ApiKey) ||
            isWellFormedSecret(token, SecretKind::StaffToken)) {
            return secretPrefix(token);
        }
    }
    return QString();
}

// A tchar of RFC 9110, 5.6.2, the characters a method name is made of.
bool isTokenCharacter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

bool isDigits(const QByteArray &text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A request line split as RFC 9112, 3 defines it: method SP request-target SP HTTP-version.
struct RequestLine
{
    enum class Shape { Valid, Malformed, UnsupportedVersion };
    Shape shape = Shape::Malformed;
    QByteArray method;
    QByteArray target;
    QByteArray version;
    int minorVersion = 1; // of HTTP/1.x
};

RequestLine parseRequestLine(QByteArray line)
{
    RequestLine parsed;
    if (line.endsWith('\r'))
        line.chop(1);
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3)
        return parsed;
    const QByteArray &method = parts.at(0);
    const QByteArray &target = parts.at(1);
    const QByteArray &version = parts.at(2);
    if (method.isEmpty() || !std::all_of(method.begin(), method.end(), isTokenCharacter))
        return parsed;
    const auto isControl = [](char c) {
        return uchar(c) < 0x20 || c == 0x7f;
    };
    if (target.isEmpty() || std::any_of(target.begin(), target.end(), isControl))
        return parsed;
    if (!version.startsWith("HTTP/"))
        return parsed;
    const QByteArray number = version.mid(5);
    const qsizetype dot = number.indexOf('.');
    const QByteArray major = dot < 0 ? number : number.left(dot);
    const QByteArray minor = dot < 0 ? QByteArray() : number.mid(dot + 1);
    if (!isDigits(major) || (dot >= 0 && !isDigits(minor)))
        return parsed;
    parsed.method = method;
    parsed.target = target;
    parsed.version = version;
    // RFC 9112, 2.3: a higher minor version of HTTP/1 is handled as HTTP/1.1.
    if (major == "1" && minor.size() == 1) {
        parsed.shape = RequestLine::Shape::Valid;
        parsed.minorVersion = minor.at(0) - '0';
    } else {
        parsed.shape = RequestLine::Shape::UnsupportedVersion;
    }
    return parsed;
}

// Reads and drops what the client still sends, so closing does not reset the connection before
// the client has read the response (as nginx's lingering close does).
void discardInput(QTcpSocket *socket)
{
    auto *discarded = new qint64(0);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, discarded] {
        *discarded += socket->readAll().size();
        if (*discarded > maxDiscardedBytes)
            socket->abort();
    });
    QObject::connect(socket, &QObject::destroyed, socket, [discarded] { delete discarded; });
}

} // namespace

GuardedTcpServer::GuardedTcpServer(const Limits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{}

void GuardedTcpServer::setRequestJournal(RequestJournal *journal)
{
    m_journal = journal;
}

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
    // QAbstractHttpServer connects its readyRead handler within addPendingConnection, through
    // pendingConnectionAvailable, so the handler connected next runs after Qt's parser.
    addPendingConnection(socket);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { afterParser(socket); });
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
    // Qt's handler reads after this slot returns, but only up to the end of one request, so
    // the bytes of a pipelined request may still be in the socket from the last call.
    const qint64 seen = framing.inspectedBytes - framing.parsedBytes;
    const QByteArray data = socket->peek(socket->bytesAvailable()).mid(seen);
    const qint64 start = framing.inspectedBytes;
    framing.inspectedBytes += data.size();
    if (framing.closeAt >= 0)
        return;
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
                framing.started.start();
                framing.headParsed = false;
                framing.method.clear();
                framing.target.clear();
                framing.keyPrefix.clear();
            }
            const qsizetype before = framing.head.size();
            framing.head.append(data.mid(position));
            const qsizetype end = framing.head.indexOf("\r\n\r\n");
            const qsizetype lineEnd = framing.head.indexOf('\n');
            // The limit counts the request line without its CR LF.
            const qsizetype lineLength =
                lineEnd > 0 && framing.head.at(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            if (lineLength > maxRequestLineBytes ||
                (lineEnd < 0 && framing.head.size() > maxRequestLineBytes + 1)) {
                reject(socket, 414, "URI Too Long", u"uri-too-long"_s,
                       u"The request line is over %1 bytes, so its URL is too long. Send the "
                       u"path and query in at most %1 bytes."_s.arg(maxRequestLineBytes));
                return;
            }
            if (lineEnd >= 0 && framing.method.isEmpty() &&
                !checkRequestLine(socket, framing, framing.head.left(lineEnd))) {
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
        if (framing.headParsed && framing.stage == Framing::Stage::Head) {
            framing.headParsed = false;
            framing.previousEnd = start + position;
            if (framing.closeRequested) {
                // The last request is complete, so the bytes after it are dropped.
                framing.closeAt = framing.previousEnd;
                break;
            }
        }
    }
    const bool inRequest = framing.stage != Framing::Stage::Head || !framing.head.isEmpty();
    // The deadline of a request runs from its first byte; idle time restarts with every read.
    if (!inRequest || !framing.timingRequest)
        startTimer(framing, inRequest);
}

void GuardedTcpServer::afterParser(QTcpSocket *socket)
{
    const auto it = m_framing.find(socket);
    if (it == m_framing.end())
        return;
    it->parsedBytes = it->inspectedBytes - socket->bytesAvailable();
    if (it->closeAt < 0 || it->parsedBytes < it->closeAt)
        return;
    if (it->deferredRejection) {
        const Rejection rejection = *it->deferredRejection;
        sendRejection(socket, rejection);
        return;
    }
    // Qt's parser has read the last request, so it must not see a pipelined one after it. The
    // response is in the write buffer or, from a handler that responds later, still to come.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    discardInput(socket);
    connect(socket, &QTcpSocket::bytesWritten, socket, [socket] {
        if (socket->bytesToWrite() == 0)
            socket->disconnectFromHost();
    });
}

bool GuardedTcpServer::checkRequestLine(QTcpSocket *socket, Framing &framing,
                                        const QByteArray &line)
{
    const RequestLine parsed = parseRequestLine(line);
    if (parsed.shape == RequestLine::Shape::Malformed) {
        reject(socket, 400, "Bad Request", u"bad-request-line"_s,
               u"The request line is malformed. It must be a method, a space, the path with "
               u"any query, a space and the HTTP version, such as GET /api/jobs HTTP/1.1."_s);
        return false;
    }
    // Qt reads a path that starts with // as a host name ("//jobs/x" as host "jobs"), so such
    // a request would reach another page than the one it names.
    if (parsed.target.startsWith("//")) {
        reject(socket, 400, "Bad Request", u"bad-request-line"_s,
               u"The path starts with //, which HTTP/1.1 servers may read as a host name; send "
               u"it with a single slash, such as /api/jobs."_s);
        return false;
    }
    framing.method = parsed.method;
    framing.target = parsed.target;
    if (parsed.shape == RequestLine::Shape::UnsupportedVersion) {
        reject(socket, 505, "HTTP Version Not Supported", u"http-version-not-supported"_s,
               u"The request uses "_s + QString::fromLatin1(parsed.version.left(20)) +
                   u", but hopstep speaks only HTTP/1.1 and HTTP/1.0. Send the request as "
                   u"HTTP/1.1."_s);
        return false;
    }
    framing.minorVersion = parsed.minorVersion;
    return true;
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
    if (const QString fault = headerFault(framing.head); !fault.isEmpty()) {
        reject(socket, 400, "Bad Request", u"bad-header"_s, fault);
        return false;
    }
    const HeadFields fields = readHeadFields(framing.head);
    framing.keyPrefix = bearerPrefix(framing.head);
    framing.headParsed = true;
    // RFC 9112, 9.3: HTTP/1.1 keeps the connection open unless asked to close, and HTTP/1.0
    // closes it unless asked to keep it.
    framing.closeRequested =
        framing.minorVersion == 0 ? !fields.connectionKeepAlive : fields.connectionClose;
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
    const auto it = m_framing.find(socket);
    if (it != m_framing.end() && it->deferredRejection) {
        // The request timed out while its rejection waited for Qt's parser.
        const Rejection rejection = *it->deferredRejection;
        sendRejection(socket, rejection);
        return;
    }
    const Rejection rejection{status, reason, code, detail};
    if (it != m_framing.end() && it->parsedBytes < it->previousEnd) {
        // Qt's parser has not yet read the pipelined requests before this one. Their responses
        // come first, and afterParser() sends this one after them.
        it->deferredRejection = rejection;
        it->closeAt = it->previousEnd;
        return;
    }
    sendRejection(socket, rejection);
}

void GuardedTcpServer::sendRejection(QTcpSocket *socket, const Rejection &rejection)
{
    const int status = rejection.status;
    const QByteArray &reason = rejection.reason;
    const QString &code = rejection.code;
    const QString &detail = rejection.detail;
    // Qt's parser must not see the rest of this connection's bytes.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    Framing framing = m_framing.take(socket);
    if (framing.method.isEmpty() && framing.stage == Framing::Stage::Head) {
        // The request line is incomplete or malformed, so its first two words are used.
        const qsizetype lineEnd = framing.head.indexOf('\n');
        const QByteArray line = lineEnd < 0 ? framing.head : framing.head.left(lineEnd);
        const QList<QByteArray> words = line.trimmed().split(' ');
        framing.method = words.value(0).left(20);
        framing.target = words.value(1);
    }
    if (framing.keyPrefix.isEmpty() && framing.stage == Framing::Stage::Head)
        framing.keyPrefix = bearerPrefix(framing.head);
    const QString path = QString::fromLatin1(framing.target.left(200));
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
    if (m_journal)
        journalRejection(framing, socket, status, code, requestId);

    // Closing at once while the client still sends would reset the connection, and the client
    // would lose the response. So the rest of the upload is read and dropped for a while first.
    constexpr int drainMs = 2000;
    discardInput(socket);
    QTimer::singleShot(drainMs, socket, [socket] { socket->disconnectFromHost(); });
}

void GuardedTcpServer::journalRejection(const Framing &framing, QTcpSocket *socket, int status,
                                        const QString &code, const QString &requestId)
{
    // The path as ApiServer journals it: without the query and percent-decoded as QUrl shows it.
    const QString path = QUrl::fromEncoded(framing.target.left(2000)).path();
    if (path != u"/api"_s && !path.startsWith(u"/api/"_s))
        return;
    const qint64 elapsedMicroseconds =
        framing.started.isValid() ? framing.started.nsecsElapsed() / 1000 : 0;
    JournalEntry entry;
    entry.receivedAt = QDateTime::currentDateTimeUtc().addMSecs(-elapsedMicroseconds / 1000);
    entry.requestId = requestId;
    // NOTE: providerId stays empty because the guard does not look keys up in the database.
    // keyPrefix identifies the key.
    entry.keyPrefix = framing.keyPrefix;
    entry.method = QString::fromLatin1(framing.method);
    entry.path = path.left(500);
    entry.status = status;
    entry.durationMicroseconds = elapsedMicroseconds;
    entry.problemCode = code;
    entry.remoteAddress = socket->peerAddress().toString();
    m_journal->record(std::move(entry));
}

} // namespace hopstep
