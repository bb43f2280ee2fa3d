#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QTcpServer>

#include <optional>

class QTcpSocket;
class QTimer;

namespace hopstep {

class RequestJournal;

// A QTcpServer for QAbstractHttpServer that watches each connection's bytes before Qt's HTTP
// parser reads them. Qt HttpServer 6.4 buffers a whole request before any handler runs, sets no
// size limit and no timeout, and never answers Expect: 100-continue. This server:
// - answers 431 to a request head over maxHeaderBytes and 413 to a declared or received body
//   over maxBodyBytes, and closes the connection, so a huge upload never fills memory;
// - answers 400 to framing that request smuggling relies on (two Content-Length headers, or
//   Content-Length with Transfer-Encoding) and to a malformed request line, and 505 to an HTTP
//   version other than 1.x;
// - sends 100 Continue when a client waits for it;
// - closes a connection whose request stalls for requestTimeoutMs, and an idle keep-alive
//   connection after idleTimeoutMs;
// - closes the connection once the response is sent when the request asks for that
//   (Connection: close, or HTTP/1.0 without Connection: keep-alive), which Qt 6.4 ignores;
// - records each rejected /api request in the request journal, as ApiServer does for the rest.
// nginx in front does the same in production; this covers the service on its own, as the
// console and the demo run it.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    struct Limits
    {
        qint64 maxHeaderBytes = 16 * 1024;
        qint64 maxBodyBytes = 256 * 1024;
        int requestTimeoutMs = 30'000;
        int idleTimeoutMs = 120'000;
    };

    explicit GuardedTcpServer(const Limits &limits, QObject *parent = nullptr);

    // Records every Open API request this server rejects in journal, which must outlive the
    // server. Null stops the recording.
    void setRequestJournal(RequestJournal *journal);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Rejection
    {
        int status = 0;
        QByteArray reason;
        QString code;
        QString detail;
    };

    // Where a connection is in its current request.
    struct Framing
    {
        enum class Stage { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer };
        Stage stage = Stage::Head;
        QByteArray head;      // bytes of the request head, or of a chunk-size or trailer line
        qint64 bodyLeft = 0;  // bytes of a Content-Length body or of a chunk still to come
        qint64 bodyBytes = 0; // payload bytes of a chunked body so far
        QTimer *timer = nullptr;
        // True while the timer counts the request's deadline rather than idle time, so that
        // a request sent a byte at a time still ends when its deadline passes.
        bool timingRequest = false;

        // The current request, for the journal. method stays empty until the request line is
        // complete and well-formed.
        QByteArray method;
        QByteArray target;
        int minorVersion = 1;  // of HTTP/1.x
        QString keyPrefix;     // public prefix of the bearer credential, never the credential
        QElapsedTimer started; // since the request's first byte

        // Offsets in the connection's byte stream. Qt's parser reads at most one request per
        // readyRead and leaves a pipelined request's bytes in the socket, so inspect() skips
        // the bytes it has seen.
        qint64 inspectedBytes = 0; // bytes inspect() has seen
        qint64 parsedBytes = 0;    // bytes Qt's parser has read
        qint64 previousEnd = 0;    // where the last complete request ends
        bool headParsed = false;   // true from the end of the head until the request is complete
        // True once the head requests that the connection close after this request.
        bool closeRequested = false;
        // Offset where the last request that Qt's parser may read ends, or -1. inspect() drops
        // the bytes after it unparsed.
        qint64 closeAt = -1;
        // A rejection of a pipelined request, sent once the requests before it have their
        // responses.
        std::optional<Rejection> deferredRejection;
    };

    void inspect(QTcpSocket *socket);
    // Runs after Qt's parser on each readyRead, to see how far it read.
    void afterParser(QTcpSocket *socket);
    // Stores the method and target of a valid request line. Returns false when the connection
    // was rejected.
    bool checkRequestLine(QTcpSocket *socket, Framing &framing, const QByteArray &line);
    // Returns false when the connection was rejected.
    bool readHead(QTcpSocket *socket, Framing &framing);
    // Returns false when the connection was rejected.
    bool readChunked(QTcpSocket *socket, Framing &framing, const QByteArray &data,
                     qsizetype *position);
    void reject(QTcpSocket *socket, int status, const QByteArray &reason, const QString &code,
                const QString &detail);
    void sendRejection(QTcpSocket *socket, const Rejection &rejection);
    void journalRejection(const Framing &framing, QTcpSocket *socket, int status,
                          const QString &code, const QString &requestId);
    void startTimer(Framing &framing, bool inRequest);

    Limits m_limits;
    RequestJournal *m_journal = nullptr;
    QHash<QTcpSocket *, Framing> m_framing;
};

} // namespace hopstep
