#include "authenticator.h"

#include "authorization.h"
#include "job.h"
#include "logcategories.h"
#include "secrets.h"

#include <QHttpServerRequest>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

// Writing last-used times costs a disk sync, so each credential's is refreshed at most this
// often.
constexpr qint64 useRecordIntervalSeconds = 60;

} // namespace

HttpResponse unauthorized(const QString &code, const QString &detail, const QByteArray &bearerError)
{
    HttpResponse response = HttpResponse::problem(401, code, u"Authentication required"_s, detail);
    QByteArray challenge = "Bearer realm=\"hopstep\"";
    if (!bearerError.isEmpty())
        challenge += ", error=\"" + bearerError + '"';
    response.withHeader("WWW-Authenticate", challenge);
    return response;
}

Authenticator::Authenticator(Database &database)
    : m_credentials(database)
{}

Authenticator::Credential Authenticator::bearerCredential(const QHttpServerRequest &request,
                                                          const QString &expected)
{
    const QByteArray header = request.value("Authorization").trimmed();
    if (header.isEmpty()) {
        return {
            {},
            unauthorized(u"missing-credentials"_s, u"The request has no Authorization header; send "
                                                   u"Authorization: Bearer followed by your "_s +
                                                       expected + u'.')};
    }
    const qsizetype space = header.indexOf(' ');
    const QByteArray scheme = space < 0 ? header : header.left(space);
    if (scheme.toLower() != "bearer") {
        // Only a short scheme word is echoed: a key sent without "Bearer" must not come back.
        static const QRegularExpression schemeWord(u"^[A-Za-z][A-Za-z0-9-]{0,19}$"_s);
        const QString sent = QString::fromLatin1(scheme);
        const bool credentialFirst = sent.startsWith(u"hsk_"_s) || sent.startsWith(u"hst_"_s);
        const QString received = credentialFirst ? u"has a token but no scheme"_s
                                 : schemeWord.match(sent).hasMatch()
                                     ? u"uses the scheme "_s + sent
                                     : u"has no recognised scheme"_s;
        return {{},
                unauthorized(u"malformed-credentials"_s,
                             u"The Authorization header "_s + received +
                                 u"; send Authorization: Bearer followed by your "_s + expected +
                                 u'.',
                             "invalid_request")};
    }
    const QString secret = QString::fromLatin1(header.mid(space + 1).trimmed());
    if (secret.isEmpty() || secret.contains(u' ')) {
        return {{},
                unauthorized(u"malformed-credentials"_s,
                             u"The Authorization header has no single token after Bearer; send "
                             u"Authorization: Bearer followed by your "_s +
                                 expected + u'.',
                             "invalid_request")};
    }
    return {secret, std::nullopt};
}

void Authenticator::recordUse(QHash<QString, QDateTime> &lastRecorded, const QString &id,
                              bool apiKey)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto last = lastRecorded.constFind(id);
    if (last != lastRecorded.constEnd() && last->secsTo(now) < useRecordIntervalSeconds)
        return;
    lastRecorded.insert(id, now);
    if (apiKey)
        m_credentials.recordApiKeyUse(id, now);
    else
        m_credentials.recordStaffTokenUse(id, now);
}

Authenticator::AtsResult Authenticator::authenticateAts(const QHttpServerRequest &request)
{
    AtsResult result;
    const Credential credential = bearerCredential(request, u"hopstep API key (hsk_…)"_s);
    if (credential.failure) {
        result.failure = *credential.failure;
        return result;
    }
    const QString &secret = credential.secret;
    if (isWellFormedSecret(secret, SecretKind::StaffToken)) {
        result.prefix = secretPrefix(secret);
        result.failure = unauthorized(u"wrong-credential-type"_s,
                                      u"This is a staff token (hst_…); the Open API takes the "
                                      u"provider's API key (hsk_…)."_s,
                                      "invalid_token");
        return result;
    }
    if (!isWellFormedSecret(secret, SecretKind::ApiKey)) {
        result.failure = unauthorized(u"malformed-credentials"_s,
                                      u"The bearer token is not a hopstep API key: keys start "
                                      u"with hsk_ and have 50 characters with a checksum. Copy "
                                      u"the whole key hopstep issued, with no quotes or spaces."_s,
                                      "invalid_token");
        return result;
    }
    result.prefix = secretPrefix(secret);
    const std::optional<ApiKeyRecord> key = m_credentials.apiKeyByHash(secretHash(secret));
    if (!key) {
        result.failure = unauthorized(u"unknown-credentials"_s,
                                      u"API key "_s + result.prefix +
                                          u"… is not known to hopstep; check that you use the "
                                          u"key issued for this environment."_s,
                                      "invalid_token");
        return result;
    }
    if (key->revokedAt.isValid()) {
        result.failure = unauthorized(u"revoked-credentials"_s,
                                      u"API key "_s + result.prefix + u"… was revoked on "_s +
                                          formatTimestamp(key->revokedAt) +
                                          u"; ask the hopstep integrations team for a new "
                                          u"key."_s,
                                      "invalid_token");
        return result;
    }
    if (std::optional<HttpResponse> refused =
            unusableKeyProblem(*key, QDateTime::currentDateTimeUtc(), m_credentials)) {
        result.failure = *refused;
        return result;
    }
    recordUse(m_keyUseRecorded, key->id, true);
    result.key = key;
    return result;
}

Authenticator::StaffResult Authenticator::authenticateStaff(const QHttpServerRequest &request)
{
    StaffResult result;
    const Credential credential = bearerCredential(request, u"staff token (hst_…)"_s);
    if (credential.failure) {
        result.failure = *credential.failure;
        return result;
    }
    const QString &secret = credential.secret;
    if (isWellFormedSecret(secret, SecretKind::ApiKey)) {
        result.prefix = secretPrefix(secret);
        result.failure = unauthorized(u"wrong-credential-type"_s,
                                      u"This is an ATS API key (hsk_…); the admin API takes a "
                                      u"staff token (hst_…)."_s,
                                      "invalid_token");
        return result;
    }
    if (!isWellFormedSecret(secret, SecretKind::StaffToken)) {
        result.failure = unauthorized(u"malformed-credentials"_s,
                                      u"The bearer token is not a hopstep staff token: tokens "
                                      u"start with hst_ and have 50 characters with a "
                                      u"checksum."_s,
                                      "invalid_token");
        return result;
    }
    result.prefix = secretPrefix(secret);
    const std::optional<StaffTokenRecord> token =
        m_credentials.staffTokenByHash(secretHash(secret));
    if (!token || token->revokedAt.isValid()) {
        result.failure = unauthorized(u"unknown-credentials"_s,
                                      u"Staff token "_s + result.prefix +
                                          u"… is not known or was revoked; create a new one "
                                          u"with hopstep-api create-staff-token."_s,
                                      "invalid_token");
        return result;
    }
    if (!token->staffActive) {
        result.failure =
            unauthorized(u"staff-deactivated"_s,
                         u"Staff token "_s + result.prefix + u"… belongs to "_s + token->staffName +
                             u", whose staff account is deactivated; ask a hopstep "
                             u"admin to reactivate it."_s,
                         "invalid_token");
        return result;
    }
    recordUse(m_tokenUseRecorded, token->id, false);
    result.token = token;
    return result;
}

} // namespace hopstep
