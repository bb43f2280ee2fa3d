#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace hopstep {

// Outcome of reading a request body as a JSON object. On failure, status is the HTTP status to
// answer with and the other members describe the problem for the sender.
struct JsonBody
{
    QJsonObject object;
    int status = 0;     // 0 when the body is a JSON object; else 400, 413 or 415
    QString code;       // machine code, e.g. "malformed-json", "invalid-utf8"
    QString title;      // short summary
    QString detail;     // sentence saying where and what to do
    qint64 offset = -1; // byte offset of the fault in the body, when known
    int line = 0;       // 1-based line of the fault, when known
    int column = 0;     // 1-based column in characters, when known

    bool isValid() const { return status == 0; }
};

// The largest body the service reads; nginx in front should reject larger ones earlier.
constexpr qsizetype maxJsonBodyBytes = 256 * 1024;

// Checks Content-Type (application/json or a +json type, UTF-8 or no charset), the UTF-8
// encoding (a leading byte order mark is allowed) and the JSON syntax, and requires an object.
JsonBody parseJsonBody(const QByteArray &contentType, const QByteArray &body);

// Byte offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or -1 when all of data is well formed.
qsizetype firstInvalidUtf8Offset(const QByteArray &data);

} // namespace hopstep
