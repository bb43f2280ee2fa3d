// hopstep-ats, the command-line stand-in for an ATS, against a real service.

#include "testservice.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using hopstep::test::atsBinary;
using hopstep::test::testDataPath;
using hopstep::test::TestService;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray output;
    QByteArray errors;
};

} // namespace

class TestAtsClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void createUpdateDelete();
    void rejectionIsExplained();
    void keyComesFromEnvironment();
    void missingKeyIsUsageError();

private:
    Run run(const QStringList &arguments,
            const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    TestService m_service;
    QTemporaryDir m_directory;
    QString m_keyFile;
};

void TestAtsClient::initTestCase()
{
    QString error;
    QVERIFY2(m_service.start(&error), qPrintable(error));
    m_keyFile = m_directory.filePath(u"key"_s);
    QFile file(m_keyFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_service.apiKey().toLatin1() + '\n');
}

void TestAtsClient::cleanupTestCase()
{
    m_service.stop();
}

Run TestAtsClient::run(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(atsBinary(),
                  QStringList{u"--url"_s, m_service.url(u"/"_s).toString()} + arguments);
    process.waitForFinished(30'000);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

void TestAtsClient::createUpdateDelete()
{
    Run created = run({u"--key-file"_s, m_keyFile, u"create"_s, testDataPath(u"seed-create.json"_s),
                       u"--print-id"_s});
    QCOMPARE(created.exitCode, 0);
    const QString id = QString::fromLatin1(created.output.trimmed());
    QCOMPARE(id.size(), 36);

    const Run updated =
        run({u"--key-file"_s, m_keyFile, u"update"_s, id, testDataPath(u"seed-update.json"_s)});
    QCOMPARE(updated.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(updated.output).object().value(u"salaryMax"_s).toDouble(),
             37.0);

    const Run fetched = run({u"--key-file"_s, m_keyFile, u"get"_s, id});
    QCOMPARE(fetched.exitCode, 0);
    QVERIFY(fetched.output.contains("\"salaryMax\": 37"));

    const Run deleted = run({u"--key-file"_s, m_keyFile, u"delete"_s, id});
    QCOMPARE(deleted.exitCode, 0);
    const Run gone = run({u"--key-file"_s, m_keyFile, u"get"_s, id});
    QCOMPARE(gone.exitCode, 1);
    QVERIFY(gone.errors.contains("HTTP 404"));
}

void TestAtsClient::rejectionIsExplained()
{
    const Run rejected = run({u"--key-file"_s, m_keyFile, u"create"_s,
                              testDataPath(u"seed-create-typographic-quotes.json"_s)});
    QCOMPARE(rejected.exitCode, 1);
    QVERIFY(rejected.errors.contains("HTTP 400 Malformed JSON"));
    QVERIFY(rejected.errors.contains("straight double quotes"));
}

void TestAtsClient::keyComesFromEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOPSTEP_API_KEY"_s, m_service.otherApiKey());
    const Run listed = run({u"list"_s, u"--limit"_s, u"5"_s}, environment);
    QCOMPARE(listed.exitCode, 0);
    QVERIFY(listed.output.contains("Banksia") ||
            listed.output.contains(m_service.otherProviderId().toLatin1()));
    QVERIFY(!listed.output.contains(m_service.providerId().toLatin1()));
}

void TestAtsClient::missingKeyIsUsageError()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"HOPSTEP_API_KEY"_s);
    const Run failed = run({u"list"_s}, environment);
    QCOMPARE(failed.exitCode, 2);
    QVERIFY(failed.errors.contains("HOPSTEP_API_KEY"));
}

QTEST_GUILESS_MAIN(TestAtsClient)
#include "tst_atsclient.moc"
