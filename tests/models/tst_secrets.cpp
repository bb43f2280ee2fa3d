#include "secrets.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hopstep;

class TestSecrets : public QObject
{
    Q_OBJECT

private slots:
    void shape_data();
    void shape();
    void checksumCatchesTypos();
    void kindsAreDistinct();
    void hashIsSha256OfSecret();
    void secretsDoNotRepeat();
};

void TestSecrets::shape_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("prefix");

    QTest::newRow("api key") << int(SecretKind::ApiKey) << u"hsk_"_s;
    QTest::newRow("staff token") << int(SecretKind::StaffToken) << u"hst_"_s;
}

void TestSecrets::shape()
{
    QFETCH(int, kind);
    QFETCH(QString, prefix);

    const IssuedSecret issued = issueSecret(SecretKind(kind));
    QCOMPARE(issued.secret.size(), 50);
    QVERIFY(issued.secret.startsWith(prefix));
    QCOMPARE(issued.prefix, issued.secret.left(12));
    QVERIFY(isWellFormedSecret(issued.secret, SecretKind(kind)));
    QCOMPARE(issued.hash.size(), 64);
    QVERIFY(!issued.hash.contains(issued.secret.mid(4, 8)));
}

void TestSecrets::checksumCatchesTypos()
{
    const QString secret = issueSecret(SecretKind::ApiKey).secret;
    for (qsizetype i = 4; i < secret.size(); ++i) {
        QString typo = secret;
        typo[i] = typo[i] == u'a' ? u'b' : u'a';
        QVERIFY2(!isWellFormedSecret(typo, SecretKind::ApiKey), qPrintable(QString::number(i)));
    }
    QVERIFY(!isWellFormedSecret(secret.left(49), SecretKind::ApiKey));
    QVERIFY(!isWellFormedSecret(secret + u'x', SecretKind::ApiKey));
    QVERIFY(!isWellFormedSecret(QString(), SecretKind::ApiKey));
}

void TestSecrets::kindsAreDistinct()
{
    const QString key = issueSecret(SecretKind::ApiKey).secret;
    const QString token = issueSecret(SecretKind::StaffToken).secret;
    QVERIFY(!isWellFormedSecret(key, SecretKind::StaffToken));
    QVERIFY(!isWellFormedSecret(token, SecretKind::ApiKey));
}

void TestSecrets::hashIsSha256OfSecret()
{
    // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
    QCOMPARE(secretHash(u"abc"_s),
             u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s);
}

void TestSecrets::secretsDoNotRepeat()
{
    QSet<QString> seen;
    QSet<QString> prefixes;
    for (int i = 0; i < 2000; ++i) {
        const IssuedSecret issued = issueSecret(SecretKind::ApiKey);
        QVERIFY(!seen.contains(issued.secret));
        seen.insert(issued.secret);
        prefixes.insert(issued.prefix);
    }
    // 8 base62 characters leave about 2^47 prefixes; 2000 draws almost never collide.
    QVERIFY(prefixes.size() >= 1999);
}

QTEST_APPLESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
