#pragma once

#include "credentialstore.h"
#include "httpresponse.h"

#include <QDateTime>
#include <QHash>

#include <optional>

class QHttpServerRequest;

namespace hopstep {

// Checks Bearer credentials: ATS API keys on the Open API, staff tokens on the admin API.
// Secrets are looked up by their SHA-256 hash and never logged; logs carry the public prefix.
class Authenticator
{
public:
    explicit Authenticator(Database &database);

    struct AtsResult
    {
        std::optional<ApiKeyRecord> key;
        HttpResponse failure; // the 401 to send when key is empty
        QString prefix;       // public prefix of what was sent, when it had the right shape
    };
    struct StaffResult
    {
        std::optional<StaffTokenRecord> token;
        HttpResponse failure;
        QString prefix;
    };

    AtsResult authenticateAts(const QHttpServerRequest &request);
    StaffResult authenticateStaff(const QHttpServerRequest &request);

private:
    struct Credential
    {
        QString secret;
        std::optional<HttpResponse> failure;
    };
    Credential bearerCredential(const QHttpServerRequest &request, const QString &expected);
    void recordUse(QHash<QString, QDateTime> &lastRecorded, const QString &id, bool apiKey);

    CredentialStore m_credentials;
    QHash<QString, QDateTime> m_keyUseRecorded;
    QHash<QString, QDateTime> m_tokenUseRecorded;
};

// A 401 with WWW-Authenticate: Bearer (RFC 6750), and the error code when one applies.
HttpResponse unauthorized(const QString &code, const QString &detail,
                          const QByteArray &bearerError = QByteArray());

} // namespace hopstep
