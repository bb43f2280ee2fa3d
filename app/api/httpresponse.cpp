#include "httpresponse.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hopstep {

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "application/json";
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::html(int status, const QString &page)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "text/html; charset=utf-8";
    response.body = page.toUtf8();
    return response;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    return response;
}

HttpResponse HttpResponse::problem(int status, const QString &type, const QString &title,
                                   const QString &detail, const QList<FieldIssue> &errors,
                                   const QList<FieldIssue> &warnings)
{
    QJsonObject object{{u"type"_s, QString(u"/problems/"_s + type)},
                       {u"title"_s, title},
                       {u"status"_s, status},
                       {u"detail"_s, detail},
                       {u"code"_s, type}};
    if (!errors.isEmpty())
        object.insert(u"errors"_s, fieldIssuesToJson(errors));
    if (!warnings.isEmpty())
        object.insert(u"warnings"_s, fieldIssuesToJson(warnings));
    HttpResponse response = json(status, object);
    response.contentType = "application/problem+json";
    response.problemCode = type;
    return response;
}

} // namespace hopstep
