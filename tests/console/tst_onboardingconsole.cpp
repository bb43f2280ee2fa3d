// Onboarding in the console: its real widgets under the offscreen platform against a real
// hopstep-api, with the test job posted by the real hopstep-ats. Staff create a provider and a
// facility, issue a key that is shown once, export the onboarding pack, validate the test job's
// display and take the provider live. Other roles see what they may not do disabled.

#include "auditlogmodel.h"
#include "auditlogpage.h"
#include "categoriespage.h"
#include "categorytablemodel.h"
#include "consolesession.h"
#include "consolesettings.h"
#include "displaycheckspanel.h"
#include "displayvalidationbar.h"
#include "exportpackdialog.h"
#include "idfield.h"
#include "jobtablemodel.h"
#include "jobvalidator.h"
#include "mainwindow.h"
#include "onboardingdialogs.h"
#include "providermodels.h"
#include "providerspage.h"
#include "secretdialog.h"
#include "secrets.h"
#include "staffpage.h"
#include "stafftablemodel.h"
#include "testservice.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

constexpr int serviceTimeout = 20'000;

// Acts once on the first visible modal widget of type T, from the event loop, as staff would
// act on a dialog that a click opened.
template<typename T>
class WhenModal : public QObject
{
public:
    explicit WhenModal(std::function<void(T *)> act)
        : m_act(std::move(act))
    {
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            auto *widget = qobject_cast<T *>(QApplication::activeModalWidget());
            if (!widget || !widget->isVisible())
                return;
            m_timer.stop();
            m_done = true;
            m_act(widget);
        });
        m_timer.start();
    }

    bool done() const { return m_done; }

private:
    std::function<void(T *)> m_act;
    QTimer m_timer;
    bool m_done = false;
};

// Presses the button with role on the next message box and keeps its text.
class BoxAnswer : public WhenModal<QMessageBox>
{
public:
    explicit BoxAnswer(QMessageBox::ButtonRole role)
        : WhenModal<QMessageBox>([this, role](QMessageBox *box) {
            text = box->text();
            const QList<QAbstractButton *> buttons = box->buttons();
            for (QAbstractButton *button : buttons) {
                if (box->buttonRole(button) == role) {
                    button->click();
                    return;
                }
            }
        })
    {}

    QString text;
};

// Receives the URLs that QDesktopServices::openUrl() would hand to a browser.
class BrowserStandIn : public QObject
{
    Q_OBJECT

public:
    BrowserStandIn()
    {
        QDesktopServices::setUrlHandler(u"http"_s, this, "open");
        QDesktopServices::setUrlHandler(u"https"_s, this, "open");
    }
    ~BrowserStandIn() override
    {
        QDesktopServices::unsetUrlHandler(u"http"_s);
        QDesktopServices::unsetUrlHandler(u"https"_s);
    }

    QList<QUrl> opened;

public slots:
    void open(const QUrl &url) { opened.append(url); }
};

template<typename T>
T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("No %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

QPushButton *saveButton(QDialog *dialog)
{
    auto *buttons = child<QDialogButtonBox>(dialog, u"buttonBox"_s);
    return buttons->button(QDialogButtonBox::Save) ? buttons->button(QDialogButtonBox::Save)
                                                   : buttons->button(QDialogButtonBox::Ok);
}

void type(QWidget *dialog, const QString &field, const QString &text)
{
    auto *edit = child<QLineEdit>(dialog, field);
    edit->clear();
    QTest::keyClicks(edit, text);
}

// Every text the user can see in the application's widgets and item views.
QStringList visibleTexts()
{
    QStringList texts;
    const QList<QWidget *> widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        if (auto *edit = qobject_cast<QLineEdit *>(widget))
            texts.append(edit->text());
        else if (auto *label = qobject_cast<QLabel *>(widget))
            texts.append(label->text());
        else if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
            texts.append(plain->toPlainText());
        else if (auto *view = qobject_cast<QAbstractItemView *>(widget)) {
            const QAbstractItemModel *model = view->model();
            for (int row = 0; model && row < model->rowCount(); ++row) {
                for (int column = 0; column < model->columnCount(); ++column) {
                    texts.append(model->index(row, column).data().toString());
                    texts.append(model->index(row, column).data(Qt::ToolTipRole).toString());
                }
            }
        }
        texts.append(widget->toolTip());
    }
    return texts;
}

struct Console
{
    Console()
        : session(&settings)
        , window(&session, &settings)
        , providersTester(session.providers(),
                          QAbstractItemModelTester::FailureReportingMode::QtTest)
    {}

    ProvidersPage *providers() const { return window.providersPage(); }
    QPushButton *button(QWidget *page, const QString &name) const
    {
        return child<QPushButton>(page, name);
    }

    ConsoleSettings settings;
    ConsoleSession session;
    MainWindow window;
    QAbstractItemModelTester providersTester;
};

} // namespace

class TestOnboardingConsole : public QObject
{
    Q_OBJECT

public:
    explicit TestOnboardingConsole(const QString &home)
        : m_home(home)
    {}

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void onboardProviderThroughAllSteps();
    void failedDisplayCheckBlocksValidation();
    void formsCheckAsYouType_data();
    void formsCheckAsYouType();
    void cancelledRevokeKeepsKey();
    void reviewerSeesWhatTheyMayNotDo();
    void categoriesPageRenamesAndExports();
    void auditLogPageFilters();
    void staffPageIssuesTokenOnce();
    void pageLayoutIsRemembered();

private:
    std::unique_ptr<Console> connectedConsole(const QString &token = QString());
    QString createProvider(Console &console, const QString &name);
    QString createFacility(Console &console);
    QString issueKey(Console &console);
    // Posts the test job with hopstep-ats; location replaces the job's location when given.
    QString postJob(const QString &key, const QString &providerId, const QString &facilityId,
                    const QJsonObject &location = {});
    QJsonObject providerDetail(const QString &providerId);
    QString tokenWithRoles(const QString &name, const QStringList &roles);

    QString m_home;
    test::TestService m_service;
    int m_posted = 0;
};

void TestOnboardingConsole::initTestCase()
{
    QString error;
    QVERIFY2(m_service.start(&error), qPrintable(error));
}

void TestOnboardingConsole::cleanupTestCase()
{
    m_service.stop();
}

void TestOnboardingConsole::init()
{
    ConsoleSettings().clear();
}

std::unique_ptr<Console> TestOnboardingConsole::connectedConsole(const QString &token)
{
    {
        ConsoleSettings settings;
        settings.setApiUrl(m_service.url({}));
        settings.setToken(token.isEmpty() ? m_service.staffToken() : token);
        settings.setRefreshIntervalSeconds(600);
        settings.sync();
    }
    auto console = std::make_unique<Console>();
    console->window.resize(1500, 900);
    console->window.show();
    console->session.connectToService();
    if (!QTest::qWaitFor([&] { return console->session.lastRefresh().isValid(); }, serviceTimeout))
        qWarning("The console did not connect: %s", qPrintable(console->session.lastError()));
    if (!QTest::qWaitFor([&] { return console->session.providers()->rowCount() > 0; },
                         serviceTimeout)) {
        qWarning("The console did not list the providers.");
    }
    return console;
}

QString TestOnboardingConsole::tokenWithRoles(const QString &name, const QStringList &roles)
{
    const QJsonObject body{{u"name"_s, name}, {u"roles"_s, QJsonArray::fromStringList(roles)}};
    const QString id = m_service.admin("POST", u"/admin/staff"_s, QJsonDocument(body).toJson())
                           .json()
                           .value(u"id"_s)
                           .toString();
    return m_service.admin("POST", u"/admin/staff/"_s + id + u"/tokens"_s, "{}")
        .json()
        .value(u"secret"_s)
        .toString();
}

QJsonObject TestOnboardingConsole::providerDetail(const QString &providerId)
{
    return m_service.admin("GET", u"/admin/providers/"_s + providerId).json();
}

QString TestOnboardingConsole::createProvider(Console &console, const QString &name)
{
    ProvidersPage *page = console.providers();
    console.window.pages()->setCurrentWidget(page);
    WhenModal<ProviderDialog> fill([&](ProviderDialog *dialog) {
        QVERIFY(!saveButton(dialog)->isEnabled());
        type(dialog, u"nameEdit"_s, name);
        type(dialog, u"atsEdit"_s, u"JobAdder"_s);
        type(dialog, u"contactNameEdit"_s, u"Sam Lee"_s);
        type(dialog, u"contactEmailEdit"_s, u"sam@wattle.example.org"_s);
        QVERIFY(saveButton(dialog)->isEnabled());
        saveButton(dialog)->click();
    });
    console.button(page, u"newProviderButton"_s)->click();
    if (!fill.done())
        return {};
    const auto newProviderSelected = [&] {
        const ProviderSummary *selected =
            console.session.providers()->recordByKey(page->selectedProviderId());
        return selected && selected->provider.name == name;
    };
    if (!QTest::qWaitFor(newProviderSelected, serviceTimeout)) {
        qWarning("The new provider was not selected.");
        return {};
    }
    return page->selectedProviderId();
}

QString TestOnboardingConsole::createFacility(Console &console)
{
    ProvidersPage *page = console.providers();
    WhenModal<FacilityDialog> fill([&](FacilityDialog *dialog) {
        type(dialog, u"nameEdit"_s, u"Wattle Ballarat"_s);
        type(dialog, u"streetEdit"_s, u"12 Sturt Street"_s);
        type(dialog, u"suburbEdit"_s, u"Ballarat"_s);
        auto *state = child<QComboBox>(dialog, u"stateCombo"_s);
        state->setCurrentIndex(state->findData(u"VIC"_s));
        type(dialog, u"postcodeEdit"_s, u"3350"_s);
        saveButton(dialog)->click();
    });
    console.button(page, u"newFacilityButton"_s)->click();
    if (!fill.done()) {
        qWarning("The facility dialog did not open.");
        return {};
    }
    auto *table = child<QTableView>(page, u"facilitiesTable"_s);
    if (!QTest::qWaitFor([&] { return table->model()->rowCount() == 1; }, serviceTimeout)) {
        qWarning("The provider has %d facilities, not 1.", table->model()->rowCount());
        return {};
    }
    return table->model()->index(0, 0).data(RecordIdRole).toString();
}

QString TestOnboardingConsole::issueKey(Console &console)
{
    ProvidersPage *page = console.providers();
    QString shown;
    WhenModal<KeyLabelDialog> label([](KeyLabelDialog *dialog) {
        type(dialog, u"labelEdit"_s, u"JobAdder production"_s);
        saveButton(dialog)->click();
    });
    WhenModal<SecretDialog> secret([&](SecretDialog *dialog) {
        shown = child<QLineEdit>(dialog, u"secretEdit"_s)->text();
        auto *close =
            child<QDialogButtonBox>(dialog, u"buttonBox"_s)->button(QDialogButtonBox::Close);
        // The key cannot be dismissed before it was copied or stored.
        QVERIFY(!close->isEnabled());
        QTest::keyClick(dialog, Qt::Key_Escape);
        QVERIFY(dialog->isVisible());
        child<QPushButton>(dialog, u"copyButton"_s)->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), shown);
        QVERIFY(close->isEnabled());
        close->click();
    });
    console.button(page, u"issueKeyButton"_s)->click();
    if (!QTest::qWaitFor([&] { return secret.done(); }, serviceTimeout))
        qWarning("The new key was not shown.");
    QGuiApplication::clipboard()->clear();
    return shown;
}

QString TestOnboardingConsole::postJob(const QString &key, const QString &providerId,
                                       const QString &facilityId, const QJsonObject &location)
{
    QJsonObject job{
        {u"title"_s, u"Aged Care Assistant (test job)"_s},
        {u"description"_s, u"<p>Support residents with daily living in Ballarat.</p>"_s},
        {u"providerId"_s, providerId},
        {u"facilityId"_s, facilityId},
        {u"category"_s, u"Aged Care Assistant"_s},
        {u"workTypes"_s, QJsonArray{u"FULL_TIME"_s}},
        {u"salaryMin"_s, 30},
        {u"salaryMax"_s, 35},
        {u"salaryType"_s, u"HOURLY"_s},
        {u"location"_s, QJsonObject{{u"suburb"_s, u"Ballarat"_s},
                                    {u"state"_s, u"VIC"_s},
                                    {u"postcode"_s, u"3350"_s}}},
        {u"applyUrl"_s, u"https://clientats.com/jobs/77/apply"_s},
    };
    if (!location.isEmpty())
        job.insert(u"location"_s, location);
    const QString jobFile = QDir(m_home).filePath(u"job-%1.json"_s.arg(++m_posted));
    const QString keyFile = QDir(m_home).filePath(u"key-%1"_s.arg(m_posted));
    for (const auto &[path, contents] :
         {std::pair{jobFile, QJsonDocument(job).toJson()}, std::pair{keyFile, key.toUtf8()}}) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
            return {};
    }
    QProcess ats;
    ats.start(test::atsBinary(), {u"--url"_s, m_service.url({}).toString(), u"--key-file"_s,
                                  keyFile, u"create"_s, jobFile, u"--print-id"_s});
    if (!ats.waitForFinished(serviceTimeout) || ats.exitCode() != 0) {
        qWarning("hopstep-ats create failed: %s", ats.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(ats.readAllStandardOutput()).trimmed();
}

void TestOnboardingConsole::onboardProviderThroughAllSteps()
{
    const auto console = connectedConsole();
    ProvidersPage *page = console->providers();

    // 1. A provider and a facility, with IDs hopstep issues.
    const QString providerId = createProvider(*console, u"Wattle Home Care"_s);
    QVERIFY(!canonicalUuid(providerId).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(child<IdField>(page, u"providerIdField"_s)->id(), providerId,
                              serviceTimeout);
    const QString facilityId = createFacility(*console);
    QVERIFY(!facilityId.isEmpty());

    // 2. An API key, shown exactly once.
    const QString key = issueKey(*console);
    QVERIFY(isWellFormedSecret(key, SecretKind::ApiKey));
    QTRY_COMPARE_WITH_TIMEOUT(child<QTableView>(page, u"keysTable"_s)->model()->rowCount(), 1,
                              serviceTimeout);
    QCOMPARE(child<QTableView>(page, u"keysTable"_s)->model()->index(0, 0).data().toString(),
             secretPrefix(key) + u"…"_s);
    for (const QString &text : visibleTexts())
        QVERIFY2(!text.contains(key), qPrintable(text));
    page->refresh();
    QTest::qWait(200);
    for (const QString &text : visibleTexts())
        QVERIFY2(!text.contains(key), qPrintable(text));
    QFile settingsFile(console->settings.fileName());
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    QVERIFY(!settingsFile.readAll().contains(key.toLatin1()));

    // 3. The onboarding pack, which records the IDs and the category list as sent.
    QTemporaryDir packFolder;
    WhenModal<ExportPackDialog> exportChoices([&](ExportPackDialog *dialog) {
        type(dialog, u"folderEdit"_s, packFolder.path());
        type(dialog, u"baseUrlEdit"_s, u"https://api.hopstep.example.org"_s);
        auto *keyCheck = child<QCheckBox>(dialog, u"keyCheck"_s);
        QVERIFY(keyCheck->isEnabled());
        QVERIFY(keyCheck->isChecked());
        saveButton(dialog)->click();
    });
    console->button(page, u"exportButton"_s)->click();
    QVERIFY(exportChoices.done());
    const QString base =
        QDir(packFolder.path()).filePath(ExportPackDialog::baseFileName(u"Wattle Home Care"_s));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(base + u".pdf"_s), serviceTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        providerDetail(providerId).value(u"onboardingStepsDone"_s).toInt() == 3, serviceTimeout);
    QFile json(base + u".json"_s);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject pack = QJsonDocument::fromJson(json.readAll()).object();
    QCOMPARE(pack.value(u"provider"_s).toObject().value(u"id"_s).toString(), providerId);
    QCOMPARE(pack.value(u"facilities"_s).toArray().at(0).toObject().value(u"id"_s).toString(),
             facilityId);
    QCOMPARE(
        pack.value(u"facilities"_s).toArray().at(0).toObject().value(u"streetAddress"_s).toString(),
        u"12 Sturt Street"_s);
    const QJsonArray categories = pack.value(u"categories"_s).toArray();
    QCOMPARE(categories.size(), 10);
    QCOMPARE(categories.at(0).toObject().value(u"id"_s).toInt(), 1);
    QCOMPARE(categories.at(0).toObject().value(u"name"_s).toString(), u"Registered Nurse"_s);
    QCOMPARE(pack.value(u"api"_s).toObject().value(u"baseUrl"_s).toString(),
             u"https://api.hopstep.example.org"_s);
    QCOMPARE(pack.value(u"exampleRequest"_s).toObject().value(u"url"_s).toString(),
             u"https://api.hopstep.example.org/api/jobs"_s);
    QCOMPARE(pack.value(u"apiKey"_s).toObject().value(u"secret"_s).toString(), key);
    QCOMPARE(pack.value(u"generatedBy"_s).toString(), u"Test Reviewer"_s);
    QVERIFY(!QFileInfo(json).permissions().testFlag(QFileDevice::ReadOther));
    QFile pdf(base + u".pdf"_s);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QCOMPARE(pdf.read(5), QByteArray("%PDF-"));

    // 4. The ATS's test job, held as Pending while the provider is not live.
    const QString jobId = postJob(key, providerId, facilityId);
    QVERIFY(!jobId.isEmpty());
    console->session.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(console->session.jobs()->rowOfJob(jobId) >= 0, serviceTimeout);
    const Job *held = console->session.jobs()->jobById(jobId);
    QCOMPARE(held->content.status, JobStatus::Pending);
    QVERIFY(held->content.heldUntilLive);
    QTRY_COMPARE_WITH_TIMEOUT(providerDetail(providerId).value(u"onboardingStepsDone"_s).toInt(), 4,
                              serviceTimeout);

    // 5. The reviewer validates the display from the job's preview, next to its checks. The
    // held job has no public page yet.
    QVERIFY(console->window.showJob(jobId));
    auto *checks = console->window.displayChecks();
    auto *checkList = checks->findChild<QTreeWidget *>();
    QTRY_COMPARE_WITH_TIMEOUT(checkList->topLevelItemCount(), 8, serviceTimeout);
    QCOMPARE(checks->failureCount(), 0);
    QStringList checkKeys;
    for (const DisplayCheck &check : checks->checks())
        checkKeys.append(check.key);
    QCOMPARE(checkKeys,
             (QStringList{u"category"_s, u"title"_s, u"pay"_s, u"work-types"_s, u"location"_s,
                          u"description"_s, u"apply-link"_s, u"visibility"_s}));
    QVERIFY(checks->checks().at(4).message.contains(u"Wattle Ballarat"_s));
    QVERIFY(checks->checks().at(7).message.contains(u"Held as PENDING"_s));
    // Reactivating a held job would change nothing, so the action is disabled with the reason.
    auto *reactivate = console->window.findChild<QAction *>(u"reactivateAction"_s);
    QVERIFY(!reactivate->isEnabled());
    QVERIFY2(reactivate->toolTip().contains(u"held as Pending"_s),
             qPrintable(reactivate->toolTip()));
    auto *expire = console->window.findChild<QAction *>(u"expireAction"_s);
    QVERIFY(expire->isEnabled());
    // On another page the job actions would act on a hidden selection.
    console->window.pages()->setCurrentWidget(page);
    QVERIFY(!expire->isEnabled());
    QVERIFY(console->window.showJob(jobId));
    QVERIFY(expire->isEnabled());
    auto *openPage = console->window.findChild<QAction *>(u"openPublicPageAction"_s);
    QVERIFY(!openPage->isEnabled());
    QVERIFY2(openPage->toolTip().contains(u"not live yet"_s), qPrintable(openPage->toolTip()));
    auto *validate =
        child<QPushButton>(console->window.validationBar(), u"markDisplayValidatedButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(validate->isEnabled(), serviceTimeout);
    QVERIFY(child<QLabel>(console->window.validationBar(), u"onboardingReviewText"_s)
                ->text()
                .contains(u"held as Pending"_s));
    BoxAnswer confirmValidation(QMessageBox::AcceptRole);
    validate->click();
    QVERIFY(confirmValidation.done());
    QCOMPARE(confirmValidation.text, u"Does “Aged Care Assistant (test job)” display correctly?"_s);
    QTRY_COMPARE_WITH_TIMEOUT(providerDetail(providerId).value(u"onboardingStepsDone"_s).toInt(), 5,
                              serviceTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!validate->isEnabled(), serviceTimeout);

    // 6. Live: the held job is published.
    console->window.pages()->setCurrentWidget(page);
    QVERIFY(page->selectProvider(providerId));
    page->refresh();
    auto *goLive = console->button(page, u"goLiveButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(goLive->isEnabled(), serviceTimeout);
    BoxAnswer confirmLive(QMessageBox::AcceptRole);
    goLive->click();
    QVERIFY(confirmLive.done());
    QCOMPARE(confirmLive.text, u"Take “Wattle Home Care” live?"_s);
    QTRY_VERIFY_WITH_TIMEOUT(providerDetail(providerId).value(u"live"_s).toBool(), serviceTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(console->session.jobs()->jobById(jobId)->content.status,
                              JobStatus::Active, serviceTimeout);
    QCOMPARE(providerDetail(providerId).value(u"onboardingStepsDone"_s).toInt(), 6);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(page, u"stateLabel"_s)->text(), u"Live"_s,
                              serviceTimeout);
    QVERIFY(!goLive->isEnabled());
    const QAbstractItemModel *steps = child<QTableView>(page, u"stepsTable"_s)->model();
    for (int row = 0; row < steps->rowCount(); ++row)
        QCOMPARE(steps->index(row, OnboardingStepModel::StateColumn).data().toString(), u"Done"_s);

    // The published job's page opens in the browser, and candidates get it from that address.
    QVERIFY(console->window.showJob(jobId));
    QTRY_VERIFY_WITH_TIMEOUT(openPage->isEnabled(), serviceTimeout);
    BrowserStandIn browser;
    openPage->trigger();
    QCOMPARE(browser.opened.size(), 1);
    const QUrl pageUrl = browser.opened.at(0);
    QCOMPARE(pageUrl, m_service.url(u"/jobs/"_s + jobId));
    const test::HttpReply candidatePage = test::sendRequest("GET", pageUrl);
    QCOMPARE(candidatePage.status, 200);
    QVERIFY(candidatePage.body.contains("Aged Care Assistant (test job)"));
}

void TestOnboardingConsole::failedDisplayCheckBlocksValidation()
{
    auto console = connectedConsole();
    const QString providerId = createProvider(*console, u"Acacia Community Care"_s);
    QVERIFY(!providerId.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(child<IdField>(console->providers(), u"providerIdField"_s)->id(),
                              providerId, serviceTimeout);
    const QString facilityId = createFacility(*console);
    QVERIFY(!facilityId.isEmpty());
    const QString key = issueKey(*console);
    QVERIFY(!key.isEmpty());

    // The facility is in Ballarat, VIC, and the job is in Albury, NSW. The API accepts it with a
    // warning, and the reviewer's check fails.
    const QString strayId = postJob(key, providerId, facilityId,
                                    QJsonObject{{u"suburb"_s, u"Albury"_s},
                                                {u"state"_s, u"NSW"_s},
                                                {u"postcode"_s, u"2640"_s}});
    QVERIFY(!strayId.isEmpty());
    const QString goodId = postJob(key, providerId, facilityId);
    QVERIFY(!goodId.isEmpty());
    console->session.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(console->session.jobs()->rowOfJob(goodId) >= 0, serviceTimeout);

    auto *checks = console->window.displayChecks();
    auto *validate =
        child<QPushButton>(console->window.validationBar(), u"markDisplayValidatedButton"_s);
    QVERIFY(console->window.showJob(strayId));
    QTRY_COMPARE_WITH_TIMEOUT(checks->failureCount(), 1, serviceTimeout);
    const DisplayCheck location = checks->checks().at(4);
    QCOMPARE(location.key, u"location"_s);
    QCOMPARE(location.result, DisplayCheck::Result::Failure);
    QVERIFY2(location.message.contains(u"in another state"_s), qPrintable(location.message));
    // The button stays disabled while the onboarding state loads and after it.
    QTest::qWait(300);
    QVERIFY(!validate->isEnabled());
    QVERIFY2(validate->toolTip().contains(u"1 display check fails."_s),
             qPrintable(validate->toolTip()));
    const int stepsDone = providerDetail(providerId).value(u"onboardingStepsDone"_s).toInt();
    console->window.validationBar()->markDisplayValidated();
    QTest::qWait(300);
    QCOMPARE(providerDetail(providerId).value(u"onboardingStepsDone"_s).toInt(), stepsDone);

    QVERIFY(console->window.showJob(goodId));
    QTRY_COMPARE_WITH_TIMEOUT(checks->failureCount(), 0, serviceTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(validate->isEnabled(), serviceTimeout);
}

void TestOnboardingConsole::formsCheckAsYouType_data()
{
    QTest::addColumn<QString>("postcode");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("problem");

    QTest::newRow("postcode of another state")
        << u"2000"_s << u"VIC"_s << u"Postcode 2000 is in NSW, not in VIC."_s;
    QTest::newRow("postcode too short")
        << u"335"_s << u"VIC"_s << u"Postcode 335 is not 4 digits."_s;
    QTest::newRow("no state chosen")
        << u"3350"_s << QString() << u"Choose the state or territory."_s;
    QTest::newRow("valid") << u"3350"_s << u"VIC"_s << QString();
}

void TestOnboardingConsole::formsCheckAsYouType()
{
    QFETCH(QString, postcode);
    QFETCH(QString, state);
    QFETCH(QString, problem);

    FacilityDialog dialog(u"Wattle"_s, std::nullopt);
    dialog.show();
    auto *problemLabel = child<QLabel>(&dialog, u"problemLabel"_s);
    QVERIFY(problemLabel->text().contains(u"Name is required."_s));
    QVERIFY(!saveButton(&dialog)->isEnabled());

    type(&dialog, u"nameEdit"_s, u"Wattle Ballarat"_s);
    type(&dialog, u"suburbEdit"_s, u"Ballarat"_s);
    auto *states = child<QComboBox>(&dialog, u"stateCombo"_s);
    states->setCurrentIndex(state.isEmpty() ? 0 : states->findData(state));
    type(&dialog, u"postcodeEdit"_s, postcode);

    QCOMPARE(dialog.problems().join(u'\n'), problem);
    QCOMPARE(problemLabel->text(), problem);
    QCOMPARE(saveButton(&dialog)->isEnabled(), problem.isEmpty());
    QCOMPARE(dialog.body().value(u"postcode"_s).toString(), postcode);

    ProviderDialog provider(std::nullopt);
    provider.show();
    type(&provider, u"nameEdit"_s, u"Wattle"_s);
    type(&provider, u"contactEmailEdit"_s, u"sam@"_s);
    QVERIFY(!saveButton(&provider)->isEnabled());
    QVERIFY(child<QLabel>(&provider, u"problemLabel"_s)->text().startsWith(u"Contact email"_s));
    type(&provider, u"contactEmailEdit"_s, u"sam@wattle.example.org"_s);
    QVERIFY(saveButton(&provider)->isEnabled());
}

void TestOnboardingConsole::cancelledRevokeKeepsKey()
{
    const auto console = connectedConsole();
    ProvidersPage *page = console->providers();
    console->window.pages()->setCurrentWidget(page);
    QVERIFY(page->selectProvider(m_service.providerId()));
    auto *keys = child<QTableView>(page, u"keysTable"_s);
    QTRY_VERIFY_WITH_TIMEOUT(keys->model()->rowCount() > 0, serviceTimeout);
    page->findChild<QTabWidget *>(u"detailTabs"_s)->setCurrentIndex(2);
    keys->selectRow(0);
    auto *revoke = console->button(page, u"revokeKeyButton"_s);
    QVERIFY(revoke->isEnabled());

    BoxAnswer cancel(QMessageBox::RejectRole);
    revoke->click();
    QVERIFY(cancel.done());
    QVERIFY(cancel.text.startsWith(u"Revoke key hsk_"_s));
    QTest::qWait(200);
    QCOMPARE(m_service.ats("GET", u"/api/jobs"_s).status, 200);
    QCOMPARE(keys->model()->index(0, ApiKeyTableModel::StateColumn).data().toString(), u"Active"_s);
}

void TestOnboardingConsole::reviewerSeesWhatTheyMayNotDo()
{
    const auto console = connectedConsole(tokenWithRoles(u"Riley Reviewer"_s, {u"reviewer"_s}));
    QVERIFY(console->session.may(StaffRole::Reviewer));
    QVERIFY(!console->session.may(StaffRole::Integrations));
    ProvidersPage *page = console->providers();
    console->window.pages()->setCurrentWidget(page);

    auto *create = console->button(page, u"newProviderButton"_s);
    QVERIFY(!create->isEnabled());
    QVERIFY2(create->toolTip().contains(u"Needs the integrations role"_s),
             qPrintable(create->toolTip()));
    QVERIFY(page->selectProvider(m_service.providerId()));
    QTRY_COMPARE_WITH_TIMEOUT(child<IdField>(page, u"providerIdField"_s)->id(),
                              m_service.providerId(), serviceTimeout);
    for (const QString &name : {u"editButton"_s, u"activeButton"_s, u"exportButton"_s,
                                u"issueKeyButton"_s, u"newFacilityButton"_s}) {
        QVERIFY2(!console->button(page, name)->isEnabled(), qPrintable(name));
    }
    // Reading stays open, and copying an ID needs no role.
    QVERIFY(child<IdField>(page, u"providerIdField"_s)->findChild<QToolButton *>()->isEnabled());

    const QTabWidget *pages = console->window.pages();
    QVERIFY(!pages->isTabVisible(pages->indexOf(console->window.staffPage())));
    auto *expire = console->window.findChild<QAction *>(u"expireAction"_s);
    QVERIFY(console->window.showJob(console->session.jobs()->jobAt(0)->id));
    QVERIFY(!expire->isEnabled());
    QVERIFY(expire->toolTip().contains(u"Needs the support role"_s));
}

void TestOnboardingConsole::categoriesPageRenamesAndExports()
{
    const auto console = connectedConsole();
    CategoriesPage *page = console->window.categoriesPage();
    console->window.pages()->setCurrentWidget(page);
    QAbstractItemModelTester tester(page->categories(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(page->categories()->rowCount(), 10, serviceTimeout);
    QVERIFY(page->selectCategory(10));

    WhenModal<CategoryDialog> rename([](CategoryDialog *dialog) {
        type(dialog, u"nameEdit"_s, u"registered nurse"_s);
        QVERIFY(!saveButton(dialog)->isEnabled());
        QVERIFY(child<QLabel>(dialog, u"problemLabel"_s)->text().contains(u"already named"_s));
        type(dialog, u"nameEdit"_s, u"Allied Health Professional"_s);
        saveButton(dialog)->click();
    });
    console->button(page, u"renameButton"_s)->click();
    QVERIFY(rename.done());
    QTRY_COMPARE_WITH_TIMEOUT(page->categories()->recordByKey(u"10"_s)->category.name,
                              u"Allied Health Professional"_s, serviceTimeout);
    QCOMPARE(page->categories()->recordByKey(u"10"_s)->category.aliases,
             QStringList{u"Allied Health"_s});

    QTemporaryDir folder;
    QString error;
    const QString csv = folder.filePath(u"categories.csv"_s);
    QVERIFY2(page->exportCategories(CategoriesPage::ExportFormat::Csv, csv, &error),
             qPrintable(error));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const test::HttpReply served =
        test::sendRequest("GET", m_service.url(u"/api/categories?format=csv"_s));
    QCOMPARE(file.readAll(), served.body);
    const QString json = folder.filePath(u"categories.json"_s);
    QVERIFY(page->exportCategories(CategoriesPage::ExportFormat::Json, json, &error));
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    QCOMPARE(
        QJsonDocument::fromJson(jsonFile.readAll()).object().value(u"items"_s),
        test::sendRequest("GET", m_service.url(u"/api/categories"_s)).json().value(u"items"_s));
    QVERIFY(!page->exportCategories(CategoriesPage::ExportFormat::Csv,
                                    folder.filePath(u"missing/categories.csv"_s), &error));
    QVERIFY(error.startsWith(u"Cannot write"_s));

    m_service.admin("PATCH", u"/admin/categories/10"_s, R"({"name":"Allied Health"})");
}

void TestOnboardingConsole::auditLogPageFilters()
{
    const auto console = connectedConsole();
    AuditLogPage *page = console->window.auditLogPage();
    QAbstractItemModelTester tester(page->entries(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    console->window.pages()->setCurrentWidget(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->entries()->rowCount() > 0, serviceTimeout);

    page->filterByEntity(u"provider"_s, m_service.providerId());
    QCOMPARE(page->filterQuery().queryItemValue(u"entityType"_s), u"provider"_s);
    QCOMPARE(page->filterQuery().queryItemValue(u"entityId"_s), m_service.providerId());
    QTRY_VERIFY_WITH_TIMEOUT(page->entries()->rowCount() == 0 ||
                                 page->entries()->records().constFirst().entityType ==
                                     u"provider"_s,
                             serviceTimeout);

    auto *actor = child<QLineEdit>(page, u"actorEdit"_s);
    page->filterByEntity(QString(), QString());
    QTest::keyClicks(actor, u"Test Rev"_s);
    QCOMPARE(page->filterQuery().queryItemValue(u"actor"_s), u"Test Rev"_s);
    // A new load abandons the one in flight, so only the filtered response lands.
    QSignalSpy refreshed(page, &AuditLogPage::refreshed);
    page->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, serviceTimeout);
    QVERIFY(page->entries()->rowCount() > 0);
    for (const AuditEntry &entry : page->entries()->records())
        QCOMPARE(entry.actor.label, u"Test Reviewer"_s);

    auto *table = child<QTableView>(page, u"entriesTable"_s);
    table->selectRow(0);
    QVERIFY(!child<QPlainTextEdit>(page, u"afterEdit"_s)->toPlainText().isEmpty());
}

void TestOnboardingConsole::staffPageIssuesTokenOnce()
{
    const auto console = connectedConsole();
    StaffPage *page = console->window.staffPage();
    const QTabWidget *pages = console->window.pages();
    QVERIFY(pages->isTabVisible(pages->indexOf(page)));
    console->window.pages()->setCurrentWidget(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->members()->rowCount() > 0, serviceTimeout);

    WhenModal<StaffDialog> create([](StaffDialog *dialog) {
        type(dialog, u"nameEdit"_s, u"Casey Support"_s);
        type(dialog, u"emailEdit"_s, u"casey@hopstep.example.org"_s);
        child<QCheckBox>(dialog, u"supportCheck"_s)->setChecked(true);
        saveButton(dialog)->click();
    });
    console->button(page, u"newButton"_s)->click();
    QVERIFY(create.done());
    QTRY_VERIFY_WITH_TIMEOUT(!page->selectedMemberId().isEmpty(), serviceTimeout);
    const StaffMember *member = page->members()->recordByKey(page->selectedMemberId());
    QCOMPARE(member->name, u"Casey Support"_s);
    QCOMPARE(member->roles, StaffRoles(StaffRole::Support));

    QString token;
    BoxAnswer confirm(QMessageBox::AcceptRole);
    QString warning;
    QString storedText;
    WhenModal<SecretDialog> shown([&](SecretDialog *dialog) {
        token = child<QLineEdit>(dialog, u"secretEdit"_s)->text();
        warning = child<QLabel>(dialog, u"warningLabel"_s)->text();
        storedText = child<QCheckBox>(dialog, u"storedCheck"_s)->text();
        child<QCheckBox>(dialog, u"storedCheck"_s)->setChecked(true);
        child<QDialogButtonBox>(dialog, u"buttonBox"_s)->button(QDialogButtonBox::Close)->click();
    });
    console->button(page, u"issueTokenButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(shown.done(), serviceTimeout);
    QVERIFY(isWellFormedSecret(token, SecretKind::StaffToken));
    // A staff token goes to its owner, never to an ATS.
    QVERIFY2(warning.contains(u"Never send it to an ATS"_s), qPrintable(warning));
    QVERIFY2(storedText.contains(u"its owner"_s), qPrintable(storedText));
    for (const QString &text : visibleTexts())
        QVERIFY2(!text.contains(token), qPrintable(text));
    const test::HttpReply me = test::sendRequest("GET", m_service.url(u"/admin/me"_s), {},
                                                 {{"Authorization", "Bearer " + token.toLatin1()}});
    QCOMPARE(me.json().value(u"name"_s).toString(), u"Casey Support"_s);
}

void TestOnboardingConsole::pageLayoutIsRemembered()
{
    QByteArray header;
    {
        const auto console = connectedConsole();
        console->window.pages()->setCurrentWidget(console->window.providersPage());
        auto *splitter = child<QSplitter>(console->window.providersPage(), u"providersSplitter"_s);
        QTRY_VERIFY(splitter->width() > 1000);
        splitter->setSizes({420, splitter->width() - 420});
        console->window.pages()->setCurrentWidget(console->window.categoriesPage());
        auto *table = child<QTableView>(console->window.categoriesPage(), u"categoriesTable"_s);
        table->setColumnWidth(CategoryTableModel::NameColumn, 311);
        console->window.close();
    }
    Console console;
    console.window.show();
    QCOMPARE(console.window.pages()->currentWidget(), console.window.categoriesPage());
    QCOMPARE(child<QTableView>(console.window.categoriesPage(), u"categoriesTable"_s)
                 ->columnWidth(CategoryTableModel::NameColumn),
             311);
    console.window.pages()->setCurrentWidget(console.window.providersPage());
    auto *splitter = child<QSplitter>(console.window.providersPage(), u"providersSplitter"_s);
    QTRY_VERIFY(splitter->width() > 1000);
    // The splitter rounds when the restored window lays itself out again.
    QVERIFY2(qAbs(splitter->sizes().constFirst() - 420) <= 2,
             qPrintable(QString::number(splitter->sizes().constFirst())));
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
    TestOnboardingConsole test(home.path());
    return QTest::qExec(&test, argc, argv);
}

#include "tst_onboardingconsole.moc"
