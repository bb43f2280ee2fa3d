#include "commandline.h"
#include "connectiondialog.h"
#include "consolesession.h"
#include "consolesettings.h"
#include "jobpreview.h"
#include "jobtablemodel.h"
#include "localserver.h"
#include "mainwindow.h"
#include "testservice.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

constexpr int serviceTimeout = 20'000;

// The example job of hopstep's integration guide.
QJsonObject exampleJob(const QString &title)
{
    return QJsonObject{
        {u"title"_s, title},
        {u"description"_s, u"<p>Support residents with daily living in our Richmond home.</p>"
                           u"<ul><li>Certificate III in Individual Support</li>"
                           u"<li>Current NDIS worker screening check</li></ul>"_s},
        {u"providerId"_s, u"f9dda16b-4d42-4b63-9455-3ffd49ac8738"_s},
        {u"facilityId"_s, u"cbb456a2-787c-4f54-a8d6-96361736ce74"_s},
        {u"category"_s, u"Aged Care Assistant"_s},
        {u"workTypes"_s, QJsonArray{u"FULL_TIME"_s}},
        {u"salaryMin"_s, 30},
        {u"salaryMax"_s, 35},
        {u"salaryType"_s, u"HOURLY"_s},
        {u"location"_s, QJsonObject{{u"suburb"_s, u"Richmond"_s},
                                    {u"state"_s, u"VIC"_s},
                                    {u"postcode"_s, u"3121"_s}}},
        {u"applyUrl"_s, u"https://clientats.com/jobs/123/apply"_s},
    };
}

// Clicks the button with the given role on the next modal QMessageBox with the given icon, as a
// user would, once the box appears.
class MessageBoxAnswer : public QObject
{
public:
    MessageBoxAnswer(QMessageBox::Icon icon, QMessageBox::ButtonRole role)
        : m_icon(icon)
        , m_role(role)
    {
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, &MessageBoxAnswer::answer);
        m_timer.start();
    }

    bool answered() const { return m_answered; }
    QString text() const { return m_text; }
    QString informativeText() const { return m_informativeText; }

private:
    void answer()
    {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || !box->isVisible() || box->icon() != m_icon)
            return;
        const QList<QAbstractButton *> buttons = box->buttons();
        for (QAbstractButton *button : buttons) {
            if (box->buttonRole(button) != m_role)
                continue;
            m_text = box->text();
            m_informativeText = box->informativeText();
            m_answered = true;
            m_timer.stop();
            button->click();
            return;
        }
    }

    QMessageBox::Icon m_icon;
    QMessageBox::ButtonRole m_role;
    QTimer m_timer;
    bool m_answered = false;
    QString m_text;
    QString m_informativeText;
};

// Collects every message logged while it exists, and passes each on to the previous handler.
class LogCapture
{
public:
    LogCapture()
    {
        s_messages.clear();
        s_previous = qInstallMessageHandler(&LogCapture::handle);
    }
    ~LogCapture() { qInstallMessageHandler(s_previous); }

    bool contains(const QString &text) const
    {
        return std::any_of(s_messages.cbegin(), s_messages.cend(),
                           [&](const QString &message) { return message.contains(text); });
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        s_messages.append(message);
        if (s_previous)
            s_previous(type, context, message);
    }

    static inline QtMessageHandler s_previous = nullptr;
    static inline QStringList s_messages;
};

// The console as hopstep-console builds it, with model testers on both models of the table.
struct Console
{
    Console()
        : session(&settings)
        , window(&session, &settings)
        , sourceTester(session.jobs(), QAbstractItemModelTester::FailureReportingMode::QtTest)
        , proxyTester(table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest)
    {}

    QTableView *table() const { return window.findChild<QTableView *>(u"jobsTable"_s); }
    QSortFilterProxyModel *proxy() const
    {
        return qobject_cast<QSortFilterProxyModel *>(table()->model());
    }
    JobPreview *preview() const { return window.findChild<JobPreview *>(u"jobPreview"_s); }
    QAction *action(const QString &name) const { return window.findChild<QAction *>(name); }
    QString label(const QString &name) const
    {
        const auto *found = window.findChild<QLabel *>(name);
        return found ? found->text() : u"(no label %1)"_s.arg(name);
    }
    QModelIndex proxyIndex(const QString &jobId, int column) const
    {
        const int row = session.jobs()->rowOfJob(jobId);
        if (row < 0)
            return {};
        return proxy()->mapFromSource(session.jobs()->index(row, column));
    }
    QString cell(const QString &jobId, int column) const
    {
        return proxyIndex(jobId, column).data().toString();
    }
    // Clicks the job's row in the table, as staff select a job.
    bool clickJob(const QString &jobId)
    {
        const QModelIndex index = proxyIndex(jobId, JobTableModel::TitleColumn);
        if (!index.isValid())
            return false;
        table()->scrollTo(index);
        QTest::mouseClick(table()->viewport(), Qt::LeftButton, {},
                          table()->visualRect(index).center());
        return window.selectedJobId() == jobId;
    }

    ConsoleSettings settings;
    ConsoleSession session;
    MainWindow window;
    QAbstractItemModelTester sourceTester;
    QAbstractItemModelTester proxyTester;
};

// Stands in for the desktop's browser: QDesktopServices hands it the URLs it would open.
class UrlRecorder : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public slots:
    void openUrl(const QUrl &url) { urls.append(url); }
};

} // namespace

class TestConsole : public QObject
{
    Q_OBJECT

public:
    explicit TestConsole(const QString &home)
        : m_home(home)
    {}

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void commandLine_data();
    void commandLine();
    void settingsFileIsPrivate();

    void connectShowsServiceAndStaff();
    void postedJobAppearsAfterRefresh();
    void timerRefreshShowsNewJob();
    void selectingJobShowsPreview();
    void selectionSurvivesRefresh();
    void defaultSortIsNewestFirst();
    void headerClickSortsByColumn();
    void filters_data();
    void filters();

    void jobAction_data();
    void jobAction();
    void cancelledConfirmationChangesNothing();
    void rejectedActionShowsProblemDetail();
    void unreachableServiceShowsSentence();

    void previewLoadsNoResources_data();
    void previewLoadsNoResources();
    void previewApplyLinkOpensAfterConfirmation();
    void previewLinks_data();
    void previewLinks();

    void layoutIsRemembered();
    void connectionDialog_data();
    void connectionDialog();
    void connectMenuSwitchesService();

    void localServerStartsWhenNothingConfigured();
    void localServerRenewsRejectedToken();
    void localServerMissingProgramShowsSentence();

private:
    std::unique_ptr<Console> connectedConsole(int refreshSeconds = 600);
    QString postJob(const QString &title);
    QJsonObject adminJob(const QString &jobId);
    QString writeFile(const QString &name, const QByteArray &contents);

    QString m_home;
    test::TestService m_service;
    QString m_keyFile;
    UrlRecorder m_browser;
    int m_postedJobs = 0;
};

void TestConsole::initTestCase()
{
    QString error;
    QVERIFY2(m_service.start(&error), qPrintable(error));
    m_keyFile = writeFile(u"ats.key"_s, m_service.apiKey().toUtf8());
    for (const QString &scheme : {u"http"_s, u"https"_s, u"file"_s, u"mailto"_s, u"javascript"_s})
        QDesktopServices::setUrlHandler(scheme, &m_browser, "openUrl");
}

void TestConsole::cleanupTestCase()
{
    for (const QString &scheme : {u"http"_s, u"https"_s, u"file"_s, u"mailto"_s, u"javascript"_s})
        QDesktopServices::unsetUrlHandler(scheme);
    m_service.stop();
}

void TestConsole::init()
{
    ConsoleSettings().clear();
    m_browser.urls.clear();
}

QString TestConsole::writeFile(const QString &name, const QByteArray &contents)
{
    const QString path = QDir(m_home).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        qFatal("Cannot write %s", qPrintable(path));
    return path;
}

// Posts the guide's example job with hopstep-ats, as an ATS would, and returns its id.
QString TestConsole::postJob(const QString &title)
{
    const QString jobFile =
        writeFile(u"job-%1.json"_s.arg(++m_postedJobs), QJsonDocument(exampleJob(title)).toJson());
    QProcess ats;
    ats.start(test::atsBinary(), {u"--url"_s, m_service.url({}).toString(), u"--key-file"_s,
                                  m_keyFile, u"create"_s, jobFile, u"--print-id"_s});
    if (!ats.waitForFinished(serviceTimeout) || ats.exitCode() != 0) {
        qWarning("hopstep-ats create failed: %s", ats.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(ats.readAllStandardOutput()).trimmed();
}

QJsonObject TestConsole::adminJob(const QString &jobId)
{
    return m_service.admin("GET", u"/admin/jobs/"_s + jobId).json();
}

// A console whose settings name the test service, connected and with its first refresh done.
std::unique_ptr<Console> TestConsole::connectedConsole(int refreshSeconds)
{
    {
        ConsoleSettings settings;
        settings.setApiUrl(m_service.url({}));
        settings.setToken(m_service.staffToken());
        settings.setRefreshIntervalSeconds(refreshSeconds);
        settings.sync();
    }
    auto console = std::make_unique<Console>();
    console->window.show();
    console->session.connectToService();
    const bool refreshed =
        QTest::qWaitFor([&] { return console->session.lastRefresh().isValid(); }, serviceTimeout);
    if (!refreshed)
        qWarning("The console did not connect: %s", qPrintable(console->session.lastError()));
    return console;
}

void TestConsole::commandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("errorStart");
    QTest::addColumn<QString>("savedUrl");
    QTest::addColumn<QString>("savedToken");

    const QString tokenFile = writeFile(u"staff.token"_s, "hst_fromfile\n");
    const QString emptyFile = writeFile(u"empty.token"_s, "  \n");
    const QString missingFile = QDir(m_home).filePath(u"missing.token"_s);

    QTest::newRow("url and token file are saved")
        << QStringList{u"--api-url"_s, u"http://127.0.0.1:8080"_s, u"--token-file"_s, tokenFile}
        << true << QString() << u"http://127.0.0.1:8080"_s << u"hst_fromfile"_s;
    QTest::newRow("path prefix is kept")
        << QStringList{u"--api-url"_s, u"https://[::1]:8443/hopstep/"_s} << true << QString()
        << u"https://[::1]:8443/hopstep/"_s << u"hst_saved"_s;
    QTest::newRow("url without scheme is rejected")
        << QStringList{u"--api-url"_s, u"127.0.0.1:8080"_s} << false << u"--api-url: "_s
        << u"http://127.0.0.1:9/"_s << u"hst_saved"_s;
    QTest::newRow("ftp url is rejected")
        << QStringList{u"--api-url"_s, u"ftp://127.0.0.1/"_s} << false << u"--api-url: "_s
        << u"http://127.0.0.1:9/"_s << u"hst_saved"_s;
    QTest::newRow("missing token file is rejected")
        << QStringList{u"--token-file"_s, missingFile} << false << u"--token-file: cannot read"_s
        << u"http://127.0.0.1:9/"_s << u"hst_saved"_s;
    QTest::newRow("empty token file is rejected")
        << QStringList{u"--token-file"_s, emptyFile} << false << u"--token-file: "_s
        << u"http://127.0.0.1:9/"_s << u"hst_saved"_s;
    QTest::newRow("local forgets the saved connection")
        << QStringList{u"--local"_s} << true << QString() << QString() << QString();
    QTest::newRow("local with a url is rejected")
        << QStringList{u"--local"_s, u"--api-url"_s, u"http://127.0.0.1:8080"_s} << false
        << u"--local cannot"_s << u"http://127.0.0.1:9/"_s << u"hst_saved"_s;
}

void TestConsole::commandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, ok);
    QFETCH(QString, errorStart);
    QFETCH(QString, savedUrl);
    QFETCH(QString, savedToken);

    ConsoleSettings settings;
    settings.setApiUrl(QUrl(u"http://127.0.0.1:9/"_s));
    settings.setToken(u"hst_saved"_s);

    const CommandLineResult result =
        applyCommandLine(QStringList{u"hopstep-console"_s} + arguments, settings);

    QCOMPARE(result.ok, ok);
    QVERIFY2(result.error.startsWith(errorStart), qPrintable(result.error));
    QCOMPARE(ConsoleSettings().apiUrl().toString(), savedUrl);
    QCOMPARE(ConsoleSettings().token(), savedToken);
}

void TestConsole::settingsFileIsPrivate()
{
    ConsoleSettings settings;
    settings.setToken(u"hst_secret"_s);

    const QFileDevice::Permissions permissions = QFileInfo(settings.fileName()).permissions();
    QVERIFY(permissions.testFlag(QFileDevice::ReadOwner));
    QVERIFY(!permissions.testFlag(QFileDevice::ReadGroup));
    QVERIFY(!permissions.testFlag(QFileDevice::ReadOther));
}

void TestConsole::connectShowsServiceAndStaff()
{
    const LogCapture log;
    const auto console = connectedConsole();

    QCOMPARE(console->session.state(), ConsoleSession::State::Connected);
    QCOMPARE(console->label(u"connectionStatusLabel"_s),
             u"Connected to http://127.0.0.1:%1 as Test Reviewer"_s.arg(m_service.url({}).port()));
    const QRegularExpression updated(u"^Updated \\d\\d:\\d\\d:\\d\\d · \\d+ jobs?$"_s);
    QVERIFY2(updated.match(console->label(u"syncStatusLabel"_s)).hasMatch(),
             qPrintable(console->label(u"syncStatusLabel"_s)));
    QCOMPARE(console->session.jobs()->rowCount(), m_service.storedJobCount());
    QCOMPARE(console->table()->model()->rowCount(), console->session.jobs()->rowCount());
    // The log names the token by its public prefix and never contains the token itself.
    QVERIFY(log.contains(u"with token "_s + m_service.staffToken().left(12)));
    QVERIFY(!log.contains(m_service.staffToken()));
}

void TestConsole::postedJobAppearsAfterRefresh()
{
    const auto console = connectedConsole();
    const int rowsBefore = console->table()->model()->rowCount();

    const QString jobId = postJob(u"Aged Care Assistant"_s);
    QVERIFY(!jobId.isEmpty());
    QCOMPARE(console->session.jobs()->rowOfJob(jobId), -1);
    console->action(u"refreshAction"_s)->trigger();

    QTRY_VERIFY_WITH_TIMEOUT(console->session.jobs()->rowOfJob(jobId) >= 0, serviceTimeout);
    QCOMPARE(console->table()->model()->rowCount(), rowsBefore + 1);
    QCOMPARE(console->cell(jobId, JobTableModel::TitleColumn), u"Aged Care Assistant"_s);
    QCOMPARE(console->cell(jobId, JobTableModel::StatusColumn), u"Active"_s);
    QCOMPARE(console->cell(jobId, JobTableModel::PayColumn), u"$30 – $35 per hour"_s);
    QCOMPARE(console->cell(jobId, JobTableModel::ProviderColumn), u"Evergreen Residential Care"_s);
    QVERIFY(console->label(u"syncStatusLabel"_s).endsWith(u"· %1 jobs"_s.arg(rowsBefore + 1)));
}

void TestConsole::timerRefreshShowsNewJob()
{
    const auto console = connectedConsole(1);

    const QString jobId = postJob(u"Aged Care Assistant (timer)"_s);
    QVERIFY(!jobId.isEmpty());

    QTRY_VERIFY_WITH_TIMEOUT(console->session.jobs()->rowOfJob(jobId) >= 0, 10'000);
}

void TestConsole::selectingJobShowsPreview()
{
    const QString jobId = postJob(u"Aged Care Assistant"_s);
    QVERIFY(!jobId.isEmpty());
    const auto console = connectedConsole();
    QVERIFY(console->session.jobs()->rowOfJob(jobId) >= 0);
    QVERIFY(console->preview()->toPlainText().contains(u"Select a job"_s));
    QVERIFY(!console->action(u"expireAction"_s)->isEnabled());

    QVERIFY(console->clickJob(jobId));

    const QString preview = console->preview()->toPlainText();
    QVERIFY2(preview.contains(u"Aged Care Assistant"_s), qPrintable(preview));
    QVERIFY2(preview.contains(u"$30 – $35 per hour"_s), qPrintable(preview));
    QVERIFY2(preview.contains(u"Richmond VIC 3121"_s), qPrintable(preview));
    QVERIFY2(preview.contains(u"Apply on clientats.com"_s), qPrintable(preview));
    const QList<QLabel *> details =
        console->window.findChild<QWidget *>(u"jobDetails"_s)->findChildren<QLabel *>();
    const bool showsId = std::any_of(details.cbegin(), details.cend(),
                                     [&](const QLabel *label) { return label->text() == jobId; });
    QVERIFY(showsId);
    QVERIFY(console->action(u"expireAction"_s)->isEnabled());
    QVERIFY(console->action(u"closeAction"_s)->isEnabled());
    QVERIFY(!console->action(u"reactivateAction"_s)->isEnabled());
    QVERIFY(console->action(u"deleteAction"_s)->isEnabled());
}

void TestConsole::selectionSurvivesRefresh()
{
    const QString selectedId = postJob(u"Aged Care Assistant (selected)"_s);
    const auto console = connectedConsole();
    QVERIFY(console->clickJob(selectedId));

    const QString newId = postJob(u"Aged Care Assistant (newer)"_s);
    console->action(u"refreshAction"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(console->session.jobs()->rowOfJob(newId) >= 0, serviceTimeout);

    QCOMPARE(console->window.selectedJobId(), selectedId);
    QVERIFY(console->preview()->toPlainText().contains(u"Aged Care Assistant (selected)"_s));
}

void TestConsole::defaultSortIsNewestFirst()
{
    postJob(u"Aged Care Assistant (sorting)"_s);
    const auto console = connectedConsole();
    const QHeaderView *header = console->table()->horizontalHeader();
    const QAbstractItemModel *model = console->table()->model();

    QCOMPARE(header->sortIndicatorSection(), int(JobTableModel::ReceivedColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QVERIFY(model->rowCount() > 2);
    for (int row = 1; row < model->rowCount(); ++row) {
        const QDateTime newer = model->index(row - 1, JobTableModel::ReceivedColumn)
                                    .data(JobTableModel::SortRole)
                                    .toDateTime();
        const QDateTime older = model->index(row, JobTableModel::ReceivedColumn)
                                    .data(JobTableModel::SortRole)
                                    .toDateTime();
        QVERIFY2(newer >= older, qPrintable(u"row %1"_s.arg(row)));
    }
}

void TestConsole::headerClickSortsByColumn()
{
    const auto console = connectedConsole();
    QHeaderView *header = console->table()->horizontalHeader();
    const QAbstractItemModel *model = console->table()->model();
    const int column = JobTableModel::TitleColumn;
    const QPoint titleHeader(header->sectionViewportPosition(column) +
                                 header->sectionSize(column) / 2,
                             header->height() / 2);

    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, titleHeader);

    QCOMPARE(header->sortIndicatorSection(), column);
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    QVERIFY(model->rowCount() > 2);
    for (int row = 1; row < model->rowCount(); ++row) {
        const QString previous = model->index(row - 1, column).data().toString();
        const QString current = model->index(row, column).data().toString();
        QVERIFY2(previous.localeAwareCompare(current) <= 0,
                 qPrintable(previous + u" > "_s + current));
    }
}

void TestConsole::filters_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("text");
    // Query of GET /admin/jobs that selects the same jobs, or empty to check by the words.
    QTest::addColumn<QString>("apiQuery");

    QTest::newRow("all statuses") << u"All"_s << QString() << u"deleted=include"_s;
    QTest::newRow("active only") << u"Active"_s << QString() << u"status=ACTIVE&deleted=exclude"_s;
    QTest::newRow("pending only") << u"Pending"_s << QString()
                                  << u"status=PENDING&deleted=exclude"_s;
    QTest::newRow("expired only") << u"Expired"_s << QString()
                                  << u"status=EXPIRED&deleted=exclude"_s;
    QTest::newRow("deleted only") << u"Deleted"_s << QString() << u"deleted=only"_s;
    QTest::newRow("word in the title") << u"All"_s << u"nurse"_s << QString();
    QTest::newRow("suburb in capitals") << u"All"_s << u"PARRAMATTA"_s << QString();
    QTest::newRow("two words must both match") << u"All"_s << u"evergreen richmond"_s << QString();
    QTest::newRow("status and text together") << u"Active"_s << u"evergreen"_s << QString();
    QTest::newRow("no match") << u"All"_s << u"zzzz-no-such-job"_s << QString();
}

void TestConsole::filters()
{
    QFETCH(QString, status);
    QFETCH(QString, text);
    QFETCH(QString, apiQuery);

    // One tombstone and one expired job, so every filter has rows to find.
    const QString deletedId = postJob(u"Aged Care Assistant (deleted)"_s);
    QCOMPARE(m_service.admin("DELETE", u"/admin/jobs/"_s + deletedId).status, 200);
    const QString expiredId = postJob(u"Aged Care Assistant (expired)"_s);
    QCOMPARE(
        m_service
            .admin("POST", u"/admin/jobs/%1/status"_s.arg(expiredId), R"({"status":"EXPIRED"})")
            .status,
        200);
    const auto console = connectedConsole();
    auto *statusFilter = console->window.findChild<QComboBox *>(u"statusFilter"_s);
    auto *textFilter = console->window.findChild<QLineEdit *>(u"textFilter"_s);
    const QAbstractItemModel *model = console->table()->model();
    QVERIFY(textFilter->isClearButtonEnabled());

    statusFilter->setCurrentIndex(statusFilter->findText(status));
    QTest::keyClicks(textFilter, text);

    if (!apiQuery.isEmpty()) {
        const int expected = m_service.admin("GET", u"/admin/jobs?limit=1&"_s + apiQuery)
                                 .json()
                                 .value(u"total"_s)
                                 .toInt();
        QVERIFY(expected > 0);
        QCOMPARE(model->rowCount(), expected);
    }
    const QStringList words = text.toCaseFolded().split(u' ', Qt::SkipEmptyParts);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        const QString searchable = index.data(JobTableModel::SearchTextRole).toString();
        for (const QString &word : words)
            QVERIFY2(searchable.contains(word), qPrintable(searchable));
        if (status != u"All"_s)
            QCOMPARE(index.data().toString(), status);
    }
    if (text == u"zzzz-no-such-job"_s)
        QCOMPARE(model->rowCount(), 0);
    else
        QVERIFY(model->rowCount() > 0);
    QVERIFY(console->label(u"jobCountLabel"_s).startsWith(QString::number(model->rowCount())));

    textFilter->clear();
    statusFilter->setCurrentIndex(0);
    QCOMPARE(model->rowCount(), console->session.jobs()->rowCount());
}

void TestConsole::jobAction_data()
{
    QTest::addColumn<QString>("startStatus");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("question");
    QTest::addColumn<QString>("storedStatus");
    QTest::addColumn<QString>("shownStatus");

    QTest::newRow("expire an active job")
        << u"ACTIVE"_s << u"expireAction"_s << u"Expire “%1”?"_s << u"EXPIRED"_s << u"Expired"_s;
    QTest::newRow("close an active job")
        << u"ACTIVE"_s << u"closeAction"_s << u"Close “%1”?"_s << u"CLOSED"_s << u"Closed"_s;
    QTest::newRow("reactivate a closed job") << u"CLOSED"_s << u"reactivateAction"_s
                                             << u"Reactivate “%1”?"_s << u"ACTIVE"_s << u"Active"_s;
    QTest::newRow("reactivate a pending job")
        << u"PENDING"_s << u"reactivateAction"_s << u"Reactivate “%1”?"_s << u"ACTIVE"_s
        << u"Active"_s;
    QTest::newRow("delete keeps a tombstone")
        << u"EXPIRED"_s << u"deleteAction"_s << u"Delete “%1”?"_s << u"EXPIRED"_s << u"Deleted"_s;
}

void TestConsole::jobAction()
{
    QFETCH(QString, startStatus);
    QFETCH(QString, action);
    QFETCH(QString, question);
    QFETCH(QString, storedStatus);
    QFETCH(QString, shownStatus);

    const QString title =
        u"Aged Care Assistant (%1)"_s.arg(QString::fromUtf8(QTest::currentDataTag()));
    const QString jobId = postJob(title);
    QVERIFY(!jobId.isEmpty());
    if (startStatus != u"ACTIVE"_s) {
        const QByteArray body = R"({"status":")" + startStatus.toLatin1() + R"("})";
        QCOMPARE(m_service.admin("POST", u"/admin/jobs/%1/status"_s.arg(jobId), body).status, 200);
    }
    const auto console = connectedConsole();
    QVERIFY(console->clickJob(jobId));
    QVERIFY(console->action(action)->isEnabled());
    const bool deleting = action == u"deleteAction"_s;

    MessageBoxAnswer confirm(deleting ? QMessageBox::Warning : QMessageBox::Question,
                             QMessageBox::AcceptRole);
    console->action(action)->trigger();

    QVERIFY(confirm.answered());
    QCOMPARE(confirm.text(), question.arg(title));
    QTRY_COMPARE_WITH_TIMEOUT(console->cell(jobId, JobTableModel::StatusColumn), shownStatus,
                              serviceTimeout);
    const QJsonObject stored = adminJob(jobId);
    QCOMPARE(stored.value(u"status"_s).toString(), storedStatus);
    QCOMPARE(stored.value(u"deletedAt"_s).isString(), deleting);
    QCOMPARE(console->window.selectedJobId(), jobId);
    const bool open = !deleting && storedStatus == u"ACTIVE"_s;
    QCOMPARE(console->preview()->toPlainText().contains(u"This job is no longer open."_s), !open);
    QCOMPARE(console->action(u"expireAction"_s)->isEnabled(),
             !deleting && storedStatus != u"EXPIRED"_s);
    QCOMPARE(console->action(u"closeAction"_s)->isEnabled(),
             !deleting && storedStatus != u"CLOSED"_s);
    QCOMPARE(console->action(u"reactivateAction"_s)->isEnabled(),
             !deleting && storedStatus != u"ACTIVE"_s);
    QCOMPARE(console->action(u"deleteAction"_s)->isEnabled(), !deleting);
}

void TestConsole::cancelledConfirmationChangesNothing()
{
    const QString jobId = postJob(u"Aged Care Assistant (kept)"_s);
    const auto console = connectedConsole();
    QVERIFY(console->clickJob(jobId));

    MessageBoxAnswer cancel(QMessageBox::Warning, QMessageBox::RejectRole);
    console->action(u"deleteAction"_s)->trigger();
    QVERIFY(cancel.answered());
    QTest::qWait(200);

    QVERIFY(adminJob(jobId).value(u"deletedAt"_s).isNull());
    QCOMPARE(console->cell(jobId, JobTableModel::StatusColumn), u"Active"_s);
    QVERIFY(!console->session.isActionPending(jobId));
    QVERIFY(console->action(u"deleteAction"_s)->isEnabled());
}

void TestConsole::rejectedActionShowsProblemDetail()
{
    const QString jobId = postJob(u"Aged Care Assistant (removed by the ATS)"_s);
    const auto console = connectedConsole();
    QVERIFY(console->clickJob(jobId));
    // The ATS deletes the job after the console's last refresh, so the console still offers
    // Expire and the service rejects it.
    QCOMPARE(m_service.ats("DELETE", u"/api/jobs/"_s + jobId).status, 204);

    MessageBoxAnswer confirm(QMessageBox::Question, QMessageBox::AcceptRole);
    MessageBoxAnswer warning(QMessageBox::Warning, QMessageBox::AcceptRole);
    console->action(u"expireAction"_s)->trigger();
    QVERIFY(confirm.answered());
    QTRY_VERIFY_WITH_TIMEOUT(warning.answered(), serviceTimeout);

    QVERIFY2(warning.text().startsWith(u"Job %1 was deleted on "_s.arg(jobId)),
             qPrintable(warning.text()));
    QVERIFY2(warning.text().endsWith(u"a deleted job's status cannot change."_s),
             qPrintable(warning.text()));
    QCOMPARE(console->cell(jobId, JobTableModel::StatusColumn), u"Active"_s);
    QVERIFY(!console->session.isActionPending(jobId));
}

void TestConsole::unreachableServiceShowsSentence()
{
    test::TestService stopping;
    QString error;
    QVERIFY2(stopping.start(&error), qPrintable(error));
    {
        ConsoleSettings settings;
        settings.setApiUrl(stopping.url({}));
        settings.setToken(stopping.staffToken());
        settings.setRefreshIntervalSeconds(600);
    }
    Console console;
    console.session.connectToService();
    QTRY_VERIFY_WITH_TIMEOUT(console.session.lastRefresh().isValid(), serviceTimeout);
    const int rows = console.session.jobs()->rowCount();
    QVERIFY(rows > 0);
    const QString jobId = console.session.jobs()->jobAt(0)->id;
    QVERIFY(console.window.selectJob(jobId));
    const QString address = u"http://127.0.0.1:%1"_s.arg(stopping.url({}).port());

    stopping.stop();
    MessageBoxAnswer confirm(QMessageBox::Question, QMessageBox::AcceptRole);
    MessageBoxAnswer warning(QMessageBox::Warning, QMessageBox::AcceptRole);
    console.action(u"expireAction"_s)->trigger();
    QVERIFY(confirm.answered());
    QTRY_VERIFY_WITH_TIMEOUT(warning.answered(), serviceTimeout);

    QCOMPARE(warning.text(), u"Cannot reach hopstep-api at %1: Connection refused. Check that "
                             u"the service is running."_s.arg(address));
    QCOMPARE(console.session.jobs()->rowCount(), rows);
    QCOMPARE(console.window.selectedJobId(), jobId);
    QVERIFY(console.action(u"expireAction"_s)->isEnabled());

    console.action(u"refreshAction"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(console.label(u"syncStatusLabel"_s).startsWith(u"Cannot reach"_s),
                             serviceTimeout);
    const QString status = console.label(u"syncStatusLabel"_s);
    QVERIFY2(status.startsWith(u"Cannot reach hopstep-api at %1: "_s.arg(address)),
             qPrintable(status));
    QVERIFY2(status.contains(u". Showing jobs as of "_s), qPrintable(status));
    QCOMPARE(console.session.jobs()->rowCount(), rows);
    QCOMPARE(console.window.selectedJobId(), jobId);
    QCOMPARE(console.session.state(), ConsoleSession::State::Offline);
    QCOMPARE(console.label(u"connectionStatusLabel"_s), u"Not connected to %1"_s.arg(address));
}

void TestConsole::previewLoadsNoResources_data()
{
    QTest::addColumn<QUrl>("url");

    const QString secret = writeFile(u"secret.txt"_s, "secret");
    QTest::newRow("local file") << QUrl::fromLocalFile(secret);
    QTest::newRow("relative path") << QUrl(QDir::current().relativeFilePath(secret));
    QTest::newRow("remote image") << QUrl(u"https://127.0.0.1:9/tracker.png"_s);
    QTest::newRow("compiled-in resource") << QUrl(u"qrc:/templates/preview.css"_s);
    QTest::newRow("data url") << QUrl(u"data:text/plain;base64,c2VjcmV0"_s);
}

void TestConsole::previewLoadsNoResources()
{
    QFETCH(QUrl, url);
    JobPreview preview;

    for (int type : {QTextDocument::ImageResource, QTextDocument::StyleSheetResource,
                     QTextDocument::HtmlResource, QTextDocument::MarkdownResource}) {
        QVERIFY2(preview.loadResource(type, url).toByteArray().isEmpty(),
                 qPrintable(u"type %1"_s.arg(type)));
    }
    preview.setHtml(
        u"<html><head><link rel=\"stylesheet\" type=\"text/css\" href=\"%1\"></head>"
        u"<body><p>before</p><img src=\"%1\"><p>after</p></body></html>"_s.arg(url.toString()));
    // QTextDocument calls the browser's loadResource first and reads files and data: URLs itself
    // when that returns nothing, so this checks what the document really contains.
    const QTextDocument *document = preview.document();
    QVERIFY(document->resource(QTextDocument::StyleSheetResource, url).toByteArray().isEmpty());
    QVERIFY(document->resource(QTextDocument::ImageResource, url).toByteArray().isEmpty());
    QVERIFY(preview.toPlainText().contains(u"after"_s));
    QVERIFY(!preview.openLinks());
    QVERIFY(!preview.openExternalLinks());
}

void TestConsole::previewApplyLinkOpensAfterConfirmation()
{
    const QString jobId = postJob(u"Aged Care Assistant (apply link)"_s);
    const auto console = connectedConsole();
    QVERIFY(console->clickJob(jobId));
    JobPreview *preview = console->preview();
    const QTextCursor apply = preview->document()->find(u"Apply on clientats.com"_s);
    QVERIFY(!apply.isNull());
    QTextCursor inside = apply;
    inside.setPosition(apply.selectionStart() + 2);
    preview->setTextCursor(inside);
    preview->ensureCursorVisible();
    const QPoint link = preview->cursorRect().center();

    MessageBoxAnswer confirm(QMessageBox::Question, QMessageBox::AcceptRole);
    QTest::mouseClick(preview->viewport(), Qt::LeftButton, {}, link);
    QTRY_VERIFY(confirm.answered());

    QCOMPARE(confirm.text(), u"Open https://clientats.com/jobs/123/apply in your browser?"_s);
    QCOMPARE(m_browser.urls, QList<QUrl>{QUrl(u"https://clientats.com/jobs/123/apply"_s)});
}

void TestConsole::previewLinks_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("confirmed");
    QTest::addColumn<bool>("opened");
    QTest::addColumn<QString>("message");

    QTest::newRow("https link after confirmation")
        << QUrl(u"https://clientats.com/jobs/123/apply"_s) << true << true
        << u"Open https://clientats.com/jobs/123/apply in your browser?"_s;
    QTest::newRow("http link after confirmation")
        << QUrl(u"http://clientats.com/jobs/123"_s) << true << true
        << u"Open http://clientats.com/jobs/123 in your browser?"_s;
    QTest::newRow("link with a unicode host shows punycode")
        << QUrl(u"https://аpple.com/"_s) << false << false
        << u"Open https://xn--pple-43d.com/ in your browser?"_s;
    QTest::newRow("cancelled link stays closed")
        << QUrl(u"https://clientats.com/"_s) << false << false
        << u"Open https://clientats.com/ in your browser?"_s;
    QTest::newRow("file link is refused")
        << QUrl(u"file:///etc/passwd"_s) << false << false
        << u"The console opens only http and https links, so it did not open file:///etc/passwd."_s;
    QTest::newRow("javascript link is refused")
        << QUrl(u"javascript:alert(1)"_s) << false << false
        << u"The console opens only http and https links, so it did not open javascript:alert(1)."_s;
    QTest::newRow("mailto link is refused")
        << QUrl(u"mailto:jobs@clientats.com"_s) << false << false
        << u"The console opens only http and https links, so it did not open "
           u"mailto:jobs@clientats.com."_s;
}

void TestConsole::previewLinks()
{
    QFETCH(QUrl, url);
    QFETCH(bool, confirmed);
    QFETCH(bool, opened);
    QFETCH(QString, message);
    JobPreview preview;
    preview.show();
    const bool web = url.scheme().startsWith(u"http"_s);

    MessageBoxAnswer answer(web ? QMessageBox::Question : QMessageBox::Warning,
                            confirmed || !web ? QMessageBox::AcceptRole : QMessageBox::RejectRole);
    emit preview.anchorClicked(url);

    QVERIFY(answer.answered());
    QCOMPARE(answer.text(), message);
    QCOMPARE(m_browser.urls.size(), opened ? 1 : 0);
    if (opened)
        QCOMPARE(m_browser.urls.constFirst(), url);
}

void TestConsole::layoutIsRemembered()
{
    const int titleWidth = 333;
    QList<int> splitterSizes;
    {
        const auto console = connectedConsole();
        console->window.resize(1200, 800);
        console->table()->setColumnWidth(JobTableModel::TitleColumn, titleWidth);
        console->table()->sortByColumn(JobTableModel::PayColumn, Qt::AscendingOrder);
        auto *splitter = console->window.findChild<QSplitter *>(u"mainSplitter"_s);
        splitter->setSizes({250, 450});
        splitterSizes = splitter->sizes();
        console->window.close();
    }

    Console console;
    console.window.show();

    QCOMPARE(console.window.size(), QSize(1200, 800));
    QCOMPARE(console.table()->columnWidth(JobTableModel::TitleColumn), titleWidth);
    QCOMPARE(console.table()->horizontalHeader()->sortIndicatorSection(),
             int(JobTableModel::PayColumn));
    QCOMPARE(console.table()->horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
    QCOMPARE(console.window.findChild<QSplitter *>(u"mainSplitter"_s)->sizes(), splitterSizes);
}

void TestConsole::connectionDialog_data()
{
    QTest::addColumn<bool>("local");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("message");

    QTest::newRow("valid token is saved")
        << false << u"service"_s << u"staff"_s << true << QString();
    QTest::newRow("wrong token keeps the dialog open")
        << false << u"service"_s << u"hst_not-a-real-token"_s << false
        << u"The bearer token is not a hopstep staff token"_s;
    QTest::newRow("invalid url is rejected before a request")
        << false << u"not a url"_s << u"staff"_s << false
        << u"“not a url” is not an http or https URL"_s;
    QTest::newRow("missing token is rejected")
        << false << u"service"_s << QString() << false << u"The staff token is missing."_s;
    QTest::newRow("local choice forgets the connection")
        << true << QString() << QString() << true << QString();
}

void TestConsole::connectionDialog()
{
    QFETCH(bool, local);
    QFETCH(QString, url);
    QFETCH(QString, token);
    QFETCH(bool, accepted);
    QFETCH(QString, message);
    const QString serviceUrl = m_service.url({}).toString();
    if (url == u"service"_s)
        url = serviceUrl;
    if (token == u"staff"_s)
        token = m_service.staffToken();
    ConsoleSettings settings;
    settings.setApiUrl(QUrl(u"http://127.0.0.1:9"_s));
    settings.setToken(u"hst_before"_s);

    ConnectionDialog dialog(&settings);
    dialog.show();
    QVERIFY(dialog.findChild<QRadioButton *>(u"remoteRadio"_s)->isChecked());
    QCOMPARE(dialog.findChild<QLineEdit *>(u"urlEdit"_s)->text(), u"http://127.0.0.1:9"_s);
    QCOMPARE(dialog.findChild<QLineEdit *>(u"tokenEdit"_s)->echoMode(), QLineEdit::Password);
    if (local) {
        dialog.findChild<QRadioButton *>(u"localRadio"_s)->click();
    } else {
        dialog.findChild<QLineEdit *>(u"urlEdit"_s)->setText(url);
        dialog.findChild<QLineEdit *>(u"tokenEdit"_s)->setText(token);
    }
    auto *buttons = dialog.findChild<QDialogButtonBox *>(u"buttonBox"_s);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);

    if (accepted) {
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), serviceTimeout);
        QCOMPARE(ConsoleSettings().hasConnection(), !local);
        QCOMPARE(ConsoleSettings().apiUrl().toString(), local ? QString() : url);
        QCOMPARE(ConsoleSettings().token(), local ? QString() : token);
        return;
    }
    auto *status = dialog.findChild<QLabel *>(u"statusLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(message), serviceTimeout);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(buttons->button(QDialogButtonBox::Save)->isEnabled());
    QCOMPARE(ConsoleSettings().token(), u"hst_before"_s);
    QCOMPARE(ConsoleSettings().apiUrl().toString(), u"http://127.0.0.1:9"_s);
}

void TestConsole::connectMenuSwitchesService()
{
    {
        ConsoleSettings settings;
        settings.setApiUrl(m_service.url({}));
        settings.setToken(u"hst_revoked"_s);
    }
    Console console;
    console.window.show();
    console.session.connectToService();
    QTRY_COMPARE_WITH_TIMEOUT(console.session.state(), ConsoleSession::State::Offline,
                              serviceTimeout);
    QVERIFY(console.label(u"syncStatusLabel"_s).contains(u"Check the staff token"_s));
    QVERIFY(console.label(u"connectionStatusLabel"_s).startsWith(u"Not connected to"_s));

    // File → Connect… opens the dialog modally; the timer types the right token and saves.
    bool filledIn = false;
    QTimer::singleShot(0, &console.window, [&] {
        auto *dialog = qobject_cast<ConnectionDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->findChild<QLineEdit *>(u"tokenEdit"_s)->setText(m_service.staffToken());
        dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s)
            ->button(QDialogButtonBox::Save)
            ->click();
        filledIn = true;
    });
    console.action(u"connectAction"_s)->trigger();

    QVERIFY(filledIn);
    QCOMPARE(ConsoleSettings().token(), m_service.staffToken());
    QTRY_COMPARE_WITH_TIMEOUT(console.session.state(), ConsoleSession::State::Connected,
                              serviceTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(console.session.jobs()->rowCount() > 0, serviceTimeout);
    QVERIFY(console.label(u"connectionStatusLabel"_s).endsWith(u"as Test Reviewer"_s));
}

void TestConsole::localServerStartsWhenNothingConfigured()
{
    const QString databasePath =
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
            .filePath(u"hopstep.sqlite"_s);
    QVERIFY(databasePath.startsWith(m_home));
    QFile::remove(databasePath);
    quint16 port = 0;
    QString firstToken;
    {
        const LogCapture log;
        Console console;
        // The build puts every program in one folder, as an installation does.
        QCOMPARE(console.session.localServer()->program(),
                 QFileInfo(test::apiBinary()).absoluteFilePath());
        QCOMPARE(console.session.localServer()->databasePath(), databasePath);
        console.window.show();
        console.session.connectToService();

        QTRY_COMPARE_WITH_TIMEOUT(console.session.state(), ConsoleSession::State::Connected,
                                  serviceTimeout);
        QVERIFY(console.session.isLocal());
        const QUrl url = console.session.localServer()->url();
        QCOMPARE(url.host(), u"127.0.0.1"_s);
        port = quint16(url.port());
        QCOMPARE(
            console.label(u"connectionStatusLabel"_s),
            u"Connected to http://127.0.0.1:%1 (local) as hopstep-console (local)"_s.arg(port));
        QTRY_VERIFY_WITH_TIMEOUT(console.session.lastRefresh().isValid(), serviceTimeout);
        QCOMPARE(console.session.jobs()->rowCount(), 0);
        QVERIFY(QFileInfo::exists(databasePath));
        const ConsoleSettings::LocalCredentials stored = ConsoleSettings().localCredentials();
        QCOMPARE(stored.databasePath, databasePath);
        QVERIFY(stored.token.startsWith(u"hst_"_s));
        QVERIFY(!ConsoleSettings().hasConnection());
        firstToken = stored.token;
        QVERIFY(log.contains(u"Stored staff token "_s + firstToken.left(12)));
        QVERIFY(!log.contains(firstToken));
    }

    // The console stopped its service when it closed.
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    QVERIFY(!socket.waitForConnected(2000));
    QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);

    // A second launch reuses the stored token.
    Console again;
    again.session.connectToService();
    QTRY_COMPARE_WITH_TIMEOUT(again.session.state(), ConsoleSession::State::Connected,
                              serviceTimeout);
    QCOMPARE(ConsoleSettings().localCredentials().token, firstToken);
}

void TestConsole::localServerRenewsRejectedToken()
{
    {
        Console first;
        first.session.connectToService();
        QTRY_COMPARE_WITH_TIMEOUT(first.session.state(), ConsoleSession::State::Connected,
                                  serviceTimeout);
    }
    ConsoleSettings::LocalCredentials stale = ConsoleSettings().localCredentials();
    QVERIFY(QFileInfo::exists(stale.databasePath));
    stale.token = u"hst_revoked"_s;
    ConsoleSettings().setLocalCredentials(stale);

    Console console;
    console.session.connectToService();

    QTRY_COMPARE_WITH_TIMEOUT(console.session.state(), ConsoleSession::State::Connected,
                              serviceTimeout);
    const QString renewed = ConsoleSettings().localCredentials().token;
    QVERIFY(renewed.startsWith(u"hst_"_s));
    QVERIFY(renewed != stale.token);
}

void TestConsole::localServerMissingProgramShowsSentence()
{
    const QString missing = QDir(m_home).filePath(u"no-such-folder/hopstep-api"_s);
    Console console;
    console.session.localServer()->setProgram(missing);

    console.session.connectToService();

    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Offline);
    const QString expected = u"hopstep-api was not found at %1, so the console cannot start a "
                             u"local service. Install hopstep-api next to hopstep-console, or "
                             u"choose a service under File → Connect…"_s.arg(missing);
    QCOMPARE(console.session.lastError(), expected);
    QCOMPARE(console.label(u"syncStatusLabel"_s), expected);
    QCOMPARE(console.label(u"connectionStatusLabel"_s), u"Local hopstep-api not running"_s);
}

int main(int argc, char *argv[])
{
    // The console's settings and local database go to a fresh folder, so the suite neither reads
    // nor changes the settings of the person running it.
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
    TestConsole test(home.path());
    return QTest::qExec(&test, argc, argv);
}

#include "tst_console.moc"
