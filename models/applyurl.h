#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace hopstep {

struct ApplyUrlResult
{
    // The URL to store: as sent after trimming surrounding whitespace, with each space inside
    // percent-encoded as %20. Empty when invalid.
    QString url;
    // Empty when valid, else one of "required", "type", "too-long", "not-absolute", "scheme",
    // "userinfo", "host", "private-host" or "format".
    QString errorCode;
    QString error;        // sentence for the ATS developer when invalid
    QStringList warnings; // sentences about accepted values that the ATS should still fix
};

// Maximum length of the stored URL in UTF-16 code units, counted after encoding spaces.
constexpr qsizetype maxApplyUrlLength = 2048;

// Checks the applyUrl of a job, the page that candidates' browsers are sent to.
// The URL must be absolute with the https scheme, and http is accepted with a warning. User info
// ("user:pass@") is rejected, and the host must be a public DNS name. Local names such as
// localhost, *.local, *.internal, *.lan, *.home.arpa and names without a dot are rejected. So are
// IP literals outside public unicast space, in every form that browsers parse (dotted, decimal,
// hex, octal, IPv4-mapped IPv6). A public IP literal is accepted with a warning only when written
// as dotted decimal or as IPv6. Control and invisible characters, backslashes, characters that
// must be percent-encoded and stray '%' or '#' are rejected. The URL is never truncated, and the
// check is purely syntactic, with no DNS lookup.
ApplyUrlResult checkApplyUrl(const QString &value);

// Checks the JSON value sent for applyUrl: null or a missing value gives "required", and a value
// that is not a string gives "type". A string is checked as above.
ApplyUrlResult checkApplyUrl(const QJsonValue &value);

} // namespace hopstep
