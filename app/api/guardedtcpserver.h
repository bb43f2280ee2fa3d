#pragma once

#include <QHash>
#include <QTcpServer>

class QTcpSocket;
class QTimer;

namespace hopstep {

// A QTcpServer for QAbstractHttpServer that watches each connection's bytes before Qt's HTTP
// parser reads them. Qt HttpServer 6.4 buffers a whole request before any handler runs, sets no
// size limit and no timeout, and never answers Expect: 100-continue. This server:
// - answers 431 to a request head over maxHeaderBytes and 413 to a declared or received body
//   over maxBodyBytes, and closes the connection, so a huge upload never fills memory;
// - answers 400 to framing that request smuggling relies on (two Content-Length headers, or
//   Content-Length with Transfer-Encoding);
// - sends 100 Continue when a client waits for it;
// - closes a connection whose request stalls for requestTimeoutMs, and an idle keep-alive
//   connection after idleTimeoutMs.
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

protected:
    void incomingConnection(qintptr descriptor) override;

private:
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
    };

    void inspect(QTcpSocket *socket);
    // Returns false when the connection was rejected.
    bool readHead(QTcpSocket *socket, Framing &framing);
    // Returns false when the connection was rejected.
    bool readChunked(QTcpSocket *socket, Framing &framing, const QByteArray &data,
                     qsizetype *position);
    void reject(QTcpSocket *socket, int status, const QByteArray &reason, const QString &code,
                const QString &detail);
    void startTimer(Framing &framing, bool inRequest);

    Limits m_limits;
    QHash<QTcpSocket *, Framing> m_framing;
};

} // namespace hopstep
