// The console's Requests page: the request journal of a real hopstep-api after a batch of good
// and bad ATS requests, under the offscreen platform.

#include "consolesession.h"
#include "consolesettings.h"
#include "mainwindow.h"
#include "requestjournalmodel.h"
#include "requestjournalpage.h"
#include "secrets.h"
#include "testservice.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

constexpr int serviceTimeout = 20'000;

template<typename T>
T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("No %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The table row whose cell in column has text, or -1.
int rowWith(QTableView *table, int column, const QString &text)
{
    const QAbstractItemModel *model = table->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, column).data().toString() == text)
            return row;
    }
    return -1;
}

} // namespace

class TestRequestJournalPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void showsEveryRequest();
    void errorsShownNextToBody();
    void filtersQueryTheService_data();
    void filtersQueryTheService();

private:
    void refreshAndWait();

    test::TestService m_service;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    RequestJournalPage *m_page = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QString m_jobId;
};

void TestRequestJournalPage::initTestCase()
{
    QString error;
    QVERIFY2(m_service.start(&error), qPrintable(error));

    QJsonObject seed = QJsonDocument::fromJson(test::readTestData(u"seed-create.json"_s)).object();
    const test::HttpReply created = m_service.ats("POST", u"/api/jobs"_s, toJson(seed));
    QCOMPARE(created.status, 201);
    m_jobId = created.json().value(u"id"_s).toString();
    QJsonObject invalid = seed;
    invalid.insert(u"salaryMin"_s, 40);
    invalid.insert(u"title"_s, u"Journal page check"_s);
    QCOMPARE(m_service.ats("POST", u"/api/jobs"_s, toJson(invalid)).status, 422);
    QCOMPARE(m_service.ats("POST", u"/api/jobs"_s, "{“title”: 1}").status, 400);
    QCOMPARE(m_service.ats("GET", u"/api/jobs"_s, {}, m_service.otherApiKey()).status, 200);

    {
        ConsoleSettings settings;
        settings.setApiUrl(m_service.url({}));
        settings.setToken(m_service.staffToken());
        settings.setRefreshIntervalSeconds(600);
        settings.sync();
    }
    m_settings = std::make_unique<ConsoleSettings>();
    m_session = std::make_unique<ConsoleSession>(m_settings.get());
    m_window = std::make_unique<MainWindow>(m_session.get(), m_settings.get());
    m_window->resize(1500, 900);
    m_window->show();
    m_session->connectToService();
    QVERIFY(QTest::qWaitFor([&] { return m_session->lastRefresh().isValid(); }, serviceTimeout));
    m_page = m_window->requestJournalPage();
    QVERIFY(m_page);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_page->requests(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *pages = child<QTabWidget>(m_window.get(), u"pages"_s);
    pages->setCurrentWidget(m_page);
}

void TestRequestJournalPage::cleanupTestCase()
{
    m_tester.reset();
    m_window.reset();
    m_session.reset();
    m_service.stop();
}

void TestRequestJournalPage::refreshAndWait()
{
    QSignalSpy refreshed(m_page, &RequestJournalPage::refreshed);
    m_page->refresh();
    QVERIFY(refreshed.wait(serviceTimeout));
}

void TestRequestJournalPage::showsEveryRequest()
{
    refreshAndWait();
    RequestJournalModel *model = m_page->requests();
    QCOMPARE(model->rowCount(), 4);
    auto *table = child<QTableView>(m_page, u"requestsTable"_s);
    // Newest first: the other provider's GET, then the 400, the 422 and the 201.
    const QList<int> statuses = {200, 400, 422, 201};
    for (int row = 0; row < statuses.size(); ++row) {
        QCOMPARE(table->model()->index(row, RequestJournalModel::StatusColumn).data().toInt(),
                 statuses.at(row));
    }
    const int created = rowWith(table, RequestJournalModel::StatusColumn, u"201"_s);
    QCOMPARE(table->model()->index(created, RequestJournalModel::JobColumn).data().toString(),
             m_jobId);
    QCOMPARE(table->model()->index(created, RequestJournalModel::KeyColumn).data().toString(),
             secretPrefix(m_service.apiKey()));
    const int rejected = rowWith(table, RequestJournalModel::StatusColumn, u"422"_s);
    QCOMPARE(table->model()->index(rejected, RequestJournalModel::CodesColumn).data().toString(),
             u"validation-failed: range"_s);
    const int malformed = rowWith(table, RequestJournalModel::StatusColumn, u"400"_s);
    QCOMPARE(table->model()->index(malformed, RequestJournalModel::CodesColumn).data().toString(),
             u"malformed-json"_s);
    auto *count = child<QLabel>(m_page, u"countLabel"_s);
    QCOMPARE(count->text(), u"4 of 4 requests"_s);
}

void TestRequestJournalPage::errorsShownNextToBody()
{
    refreshAndWait();
    auto *table = child<QTableView>(m_page, u"requestsTable"_s);
    const int rejected = rowWith(table, RequestJournalModel::StatusColumn, u"422"_s);
    QVERIFY(rejected >= 0);
    QSignalSpy shown(m_page, &RequestJournalPage::requestShown);
    table->selectRow(rejected);
    QVERIFY(shown.wait(serviceTimeout));

    auto *issues = child<QPlainTextEdit>(m_page, u"issuesEdit"_s);
    auto *body = child<QPlainTextEdit>(m_page, u"bodyEdit"_s);
    QVERIFY2(issues->toPlainText().contains(u"Error /salaryMax (range): salaryMax 35 is less than "
                                            u"salaryMin 40"_s),
             qPrintable(issues->toPlainText()));
    // The body is shown pretty-printed, so the field the error names is easy to find.
    QVERIFY2(body->toPlainText().contains(u"    \"salaryMin\": 40,"_s),
             qPrintable(body->toPlainText()));
    QVERIFY(body->toPlainText().contains(u"Journal page check"_s));
    auto *summary = child<QLabel>(m_page, u"requestLabel"_s);
    QVERIFY(summary->text().startsWith(u"POST /api/jobs answered 422"_s));
    QVERIFY(!body->toPlainText().contains(m_service.apiKey()));
}

void TestRequestJournalPage::filtersQueryTheService_data()
{
    QTest::addColumn<QString>("widget");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("rows");

    QTest::newRow("rejected requests") << u"statusCombo"_s << u"4xx"_s << 2;
    QTest::newRow("field error code") << u"codeCombo"_s << u"range"_s << 1;
    QTest::newRow("text in body") << u"searchEdit"_s << u"Journal page check"_s << 1;
    QTest::newRow("other provider's key")
        << u"keyEdit"_s << secretPrefix(m_service.otherApiKey()) << 1;
}

void TestRequestJournalPage::filtersQueryTheService()
{
    QFETCH(QString, widget);
    QFETCH(QString, value);
    QFETCH(int, rows);

    QSignalSpy refreshed(m_page, &RequestJournalPage::refreshed);
    if (widget == u"statusCombo"_s) {
        auto *combo = child<QComboBox>(m_page, widget);
        combo->setCurrentIndex(combo->findData(value));
    } else if (widget == u"codeCombo"_s) {
        child<QComboBox>(m_page, widget)->setCurrentText(value);
    } else {
        child<QLineEdit>(m_page, widget)->setText(value);
    }
    // The filters wait a moment for typing to stop, then ask the service.
    QVERIFY(refreshed.wait(serviceTimeout));
    QCOMPARE(m_page->requests()->rowCount(), rows);

    QSignalSpy cleared(m_page, &RequestJournalPage::refreshed);
    child<QPushButton>(m_page, u"clearButton"_s)->click();
    QVERIFY(cleared.wait(serviceTimeout));
    QCOMPARE(m_page->requests()->rowCount(), 4);
}

int main(int argc, char *argv[])
{
    // The console's settings go to a fresh folder, so the suite neither reads nor changes the
    // settings of the person running it.
    QTemporaryDir home;
    if (!home.isValid())
        qFatal("Cannot create a temporary folder");
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(u"config"_s)));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(u"data"_s)));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(u"cache"_s)));
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication application(argc, argv);
    QApplication::setOrganizationName(u"hopstep"_s);
    QApplication::setApplicationName(u"hopstep-console"_s);
    TestRequestJournalPage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_requestjournalpage.moc"
