#include "secrets.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

constexpr qsizetype randomLength = 40;
constexpr qsizetype checksumLength = 6;
constexpr qsizetype shownLength = 8;
constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

quint32 crc32(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> entries{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 value = i;
            for (int bit = 0; bit < 8; ++bit)
                value = (value & 1) ? (value >> 1) ^ 0xEDB88320u : value >> 1;
            entries[i] = value;
        }
        return entries;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (char byte : data)
        crc = table[(crc ^ static_cast<unsigned char>(byte)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

QString checksumOf(const QString &body)
{
    quint32 value = crc32(body.toLatin1());
    QString text(checksumLength, u'0');
    for (qsizetype i = checksumLength - 1; i >= 0; --i) {
        text[i] = QLatin1Char(alphabet[value % 62]);
        value /= 62;
    }
    return text;
}

} // namespace

QString secretTypePrefix(SecretKind kind)
{
    return kind == SecretKind::ApiKey ? u"hsk_"_s : u"hst_"_s;
}

IssuedSecret issueSecret(SecretKind kind)
{
    QString random;
    random.reserve(randomLength);
    QRandomGenerator *generator = QRandomGenerator::system();
    while (random.size() < randomLength) {
        // 248 is the largest multiple of 62 below 256, so rejection keeps characters uniform.
        const quint32 byte = generator->generate() & 0xFF;
        if (byte < 248)
            random.append(QLatin1Char(alphabet[byte % 62]));
    }
    const QString body = secretTypePrefix(kind) + random;
    IssuedSecret issued;
    issued.secret = body + checksumOf(body);
    issued.prefix = secretPrefix(issued.secret);
    issued.hash = secretHash(issued.secret);
    return issued;
}

QString secretHash(const QString &secret)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex());
}

bool isWellFormedSecret(const QString &secret, SecretKind kind)
{
    const QString type = secretTypePrefix(kind);
    if (secret.size() != type.size() + randomLength + checksumLength || !secret.startsWith(type))
        return false;
    for (QChar c : secret.mid(type.size())) {
        const char16_t u = c.unicode();
        const bool isBase62 =
            (u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z');
        if (!isBase62)
            return false;
    }
    const QString body = secret.left(secret.size() - checksumLength);
    return secret.right(checksumLength) == checksumOf(body);
}

QString secretPrefix(const QString &secret)
{
    return secret.left(4 + shownLength);
}

} // namespace hopstep
