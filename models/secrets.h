#pragma once

#include <QString>

namespace hopstep {

// API keys and staff tokens: a type prefix ("hsk_" for ATS keys, "hst_" for staff tokens), 40
// random base62 characters (about 238 bits) and a 6-character base62 CRC-32 checksum, so
// secret scanners can recognise leaked ones and typos are caught without a database lookup.
enum class SecretKind { ApiKey, StaffToken };

struct IssuedSecret
{
    QString secret; // shown once to the person it is issued to, never stored
    QString prefix; // public part, safe to log and show: type prefix and first 8 characters
    QString hash;   // what the database stores
};

IssuedSecret issueSecret(SecretKind kind);
// Hex SHA-256 of the whole secret.
QString secretHash(const QString &secret);
// True when secret has the shape and checksum of the given kind.
bool isWellFormedSecret(const QString &secret, SecretKind kind);
QString secretPrefix(const QString &secret);
QString secretTypePrefix(SecretKind kind);

} // namespace hopstep
