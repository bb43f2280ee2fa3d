// The pages that the "type" URIs of problem documents point to: /problems/{code}. RFC 9457
// asks that a problem type, when dereferenced, explain itself to a person.

#include "apiserver.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

struct ProblemType
{
    int status;
    QString summary;
};

const QHash<QString, ProblemType> &problemTypes()
{
    static const QHash<QString, ProblemType> types = {
        {u"malformed-json"_s,
         {400, u"The body is not valid JSON. line, column and offset say where; typographic "
               u"quotes, trailing commas, raw control characters and repeated member names are "
               u"the usual causes."_s}},
        {u"invalid-utf8"_s,
         {400, u"The body has bytes that are not UTF-8. offset names the first one; encode the "
               u"body as UTF-8."_s}},
        {u"empty-body"_s, {400, u"The request has no body; send the job as a JSON object."_s}},
        {u"not-an-object"_s,
         {400, u"The body is JSON but not an object; send one job as a JSON object."_s}},
        {u"invalid-parameter"_s,
         {400, u"A query parameter is unknown, repeated or out of range; detail names it."_s}},
        {u"invalid-idempotency-key"_s,
         {400, u"The Idempotency-Key header must be 1 to 255 printable ASCII characters."_s}},
        {u"missing-credentials"_s,
         {401, u"The request has no Authorization header; send Authorization: Bearer and the "
               u"provider's API key."_s}},
        {u"malformed-credentials"_s,
         {401, u"The Authorization header is not Bearer and a hopstep key with a valid "
               u"checksum; copy the whole key."_s}},
        {u"unknown-credentials"_s, {401, u"hopstep never issued this key."_s}},
        {u"revoked-credentials"_s,
         {401,
          u"The key was revoked or expired; ask hopstep's integrations team for a new one."_s}},
        {u"wrong-credential-type"_s,
         {401, u"A staff token was sent to the Open API, or an API key to the admin API."_s}},
        {u"forbidden-provider"_s,
         {403, u"providerId names a provider other than the key's; a key acts for its own "
               u"provider only."_s}},
        {u"not-found"_s, {404, u"There is nothing at this path."_s}},
        {u"job-not-found"_s,
         {404, u"No job with this id exists for this key, or it was deleted."_s}},
        {u"method-not-allowed"_s,
         {405, u"The path does not take this method; the Allow header lists those it takes."_s}},
        {u"request-in-flight"_s,
         {409, u"A request with the same Idempotency-Key is still being processed; retry after "
               u"Retry-After seconds."_s}},
        {u"precondition-failed"_s,
         {412, u"If-Match does not match the job's current ETag; read the job again and retry "
               u"with its ETag."_s}},
        {u"body-too-large"_s, {413, u"The body is over 256 KiB."_s}},
        {u"bad-framing"_s,
         {400, u"The request's Content-Length or Transfer-Encoding is invalid, repeated or "
               u"both present; send one Content-Length."_s}},
        {u"request-timeout"_s, {408, u"The request did not arrive in full within 30 seconds."_s}},
        {u"headers-too-large"_s, {431, u"The request line and headers are over 16 KiB."_s}},
        {u"uri-too-long"_s,
         {414, u"The request line is over 8,192 bytes, so its URL is too long."_s}},
        {u"bad-request-line"_s,
         {400, u"The request line is not a method, a path and the HTTP version separated by "
               u"single spaces, such as GET /api/jobs HTTP/1.1."_s}},
        {u"bad-header"_s,
         {400, u"A header line is not Name: value with a token name and no control "
               u"characters."_s}},
        {u"http-version-not-supported"_s,
         {505, u"The request uses an HTTP version other than 1.x; hopstep speaks HTTP/1.1 and "
               u"HTTP/1.0."_s}},
        {u"unsupported-media-type"_s,
         {415, u"The body is not JSON: send Content-Type: application/json, uncompressed."_s}},
        {u"unsupported-charset"_s, {415, u"The body is not UTF-8; hopstep reads only UTF-8."_s}},
        {u"validation-failed"_s,
         {422, u"Fields of the job are invalid; errors lists each one with a JSON pointer, a "
               u"code and a sentence. Nothing was stored."_s}},
        {u"idempotency-key-reused"_s,
         {422, u"The Idempotency-Key was used before with another body; a new job needs a new "
               u"key."_s}},
        {u"rate-limited"_s, {429, u"The key sent too many requests; wait Retry-After seconds."_s}},
        {u"storage-unavailable"_s,
         {503, u"The database did not take the write, so nothing was stored; retry later."_s}},
    };
    return types;
}

} // namespace

HttpResponse problemTypePage(const QString &code)
{
    const auto found = problemTypes().constFind(code);
    if (found == problemTypes().constEnd()) {
        return HttpResponse::problem(404, u"not-found"_s, u"Not found"_s,
                                     u"There is no problem type "_s + code.left(60) +
                                         u"; docs/api.md lists them all."_s);
    }
    const QString title = code.toHtmlEscaped();
    HttpResponse response = HttpResponse::html(
        200, u"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"_s + title +
                 u" – hopstep API problem</title></head><body><main><h1>"_s + title +
                 u"</h1><p>HTTP status "_s + QString::number(found->status) + u"</p><p>"_s +
                 found->summary.toHtmlEscaped() +
                 u"</p><p>The hopstep API documentation lists every problem code with an "
                 u"example.</p></main></body></html>"_s);
    response.withHeader("Content-Security-Policy", "default-src 'none'");
    return response;
}

} // namespace hopstep
