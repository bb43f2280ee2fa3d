#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace hopstep {

// One finding about a request field: an error that rejects the request, or a warning sent back
// with an accepted job.
struct FieldIssue
{
    QString pointer; // JSON pointer into the request body (RFC 6901), e.g. "/location/postcode"
    QString code;    // stable machine code, e.g. "required", "not-allowed"
    QString message; // a sentence an ATS developer can act on

    bool operator==(const FieldIssue &) const = default;
};

QJsonObject fieldIssueToJson(const FieldIssue &issue);
QJsonArray fieldIssuesToJson(const QList<FieldIssue> &issues);
// Escapes a member name for use as a JSON pointer token ("~" -> "~0", "/" -> "~1").
QString jsonPointerToken(const QString &name);

} // namespace hopstep
