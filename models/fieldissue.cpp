#include "fieldissue.h"

using namespace Qt::StringLiterals;

namespace hopstep {

QJsonObject fieldIssueToJson(const FieldIssue &issue)
{
    return QJsonObject{
        {u"pointer"_s, issue.pointer}, {u"code"_s, issue.code}, {u"message"_s, issue.message}};
}

QJsonArray fieldIssuesToJson(const QList<FieldIssue> &issues)
{
    QJsonArray array;
    for (const FieldIssue &issue : issues)
        array.append(fieldIssueToJson(issue));
    return array;
}

QString jsonPointerToken(const QString &name)
{
    QString token = name;
    token.replace(u'~', u"~0"_s);
    token.replace(u'/', u"~1"_s);
    return token;
}

} // namespace hopstep
