#pragma once

#include "fieldissue.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

namespace hopstep {

// A response under construction. Handlers return one; ApiServer adds the common headers,
// writes it and logs it.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QString problemCode; // machine code of a problem document, for the log line

    HttpResponse &withHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
        return *this;
    }

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse html(int status, const QString &page);
    static HttpResponse noContent();
    // An RFC 9457 problem document. type is a slug under /problems/; errors, when given, lists
    // every failing field.
    static HttpResponse problem(int status, const QString &type, const QString &title,
                                const QString &detail, const QList<FieldIssue> &errors = {},
                                const QList<FieldIssue> &warnings = {});
};

} // namespace hopstep
