// Durability: every job acknowledged with 201 survives SIGKILL of the service.

#include "testservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using hopstep::test::readTestData;
using hopstep::test::TestService;

class TestDurability : public QObject
{
    Q_OBJECT

private slots:
    void acknowledgedJobsSurviveKill();
};

void TestDurability::acknowledgedJobsSurviveKill()
{
    TestService service;
    QString error;
    QVERIFY2(service.start(&error), qPrintable(error));

    constexpr int connections = 16;
    constexpr int killAfter = 150; // acknowledged jobs before the kill
    const QByteArray body = readTestData(u"seed-create.json"_s);

    QSet<QString> acknowledged;
    int failedAfterKill = 0;
    bool killed = false;
    // One manager per connection, so sixteen requests are really in flight at once.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    std::function<void(QNetworkAccessManager *)> post;
    post = [&](QNetworkAccessManager *manager) {
        if (killed)
            return;
        QNetworkRequest request(service.url(u"/api/jobs"_s));
        request.setRawHeader("Authorization", "Bearer " + service.apiKey().toLatin1());
        request.setRawHeader("Content-Type", "application/json");
        QNetworkReply *reply = manager->post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, manager, [&, reply, manager] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 201) {
                acknowledged.insert(
                    QJsonDocument::fromJson(reply->readAll()).object().value(u"id"_s).toString());
            } else if (killed) {
                ++failedAfterKill;
            }
            if (!killed && acknowledged.size() >= killAfter) {
                killed = true;
                service.kill();
                return;
            }
            post(manager);
        });
    };
    for (int i = 0; i < connections; ++i) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        post(managers.back().get());
    }
    QTRY_VERIFY_WITH_TIMEOUT(killed, 120'000);
    // Let replies cut off by the kill finish with errors.
    QTest::qWait(500);
    managers.clear();
    QVERIFY(acknowledged.size() >= killAfter);
    qInfo("acknowledged %lld jobs before SIGKILL", qlonglong(acknowledged.size()));

    QVERIFY2(service.restart(&error), qPrintable(error));
    for (const QString &id : std::as_const(acknowledged)) {
        const hopstep::test::HttpReply reply = service.ats("GET", u"/api/jobs/"_s + id);
        QVERIFY2(reply.status == 200, qPrintable(id));
    }
    service.stop();

    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"integrity"_s);
        db.setDatabaseName(service.databasePath());
        QVERIFY(db.open());
        QSqlQuery check(db);
        QVERIFY(check.exec(u"PRAGMA integrity_check"_s));
        QVERIFY(check.next());
        QCOMPARE(check.value(0).toString(), u"ok"_s);
        QSqlQuery count(db);
        QVERIFY(count.exec(u"SELECT COUNT(*) FROM jobs WHERE title = 'Aged Care Assistant'"_s));
        QVERIFY(count.next());
        QVERIFY(count.value(0).toInt() >= acknowledged.size());
    }
    QSqlDatabase::removeDatabase(u"integrity"_s);
}

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
