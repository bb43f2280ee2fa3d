// hopstep-onboarding-screenshots: starts a demo hopstep-api and onboards a new provider half way
// (facilities, a key, the pack sent, a test job held). It renames a category so that a job
// arrives with its former name, then opens the console and saves each onboarding page as a PNG
// in the output folder. Settings go to a temporary folder, so the output depends only on the demo
// data, the window size and the fonts installed.

#include "auditlogmodel.h"
#include "auditlogpage.h"
#include "categoriespage.h"
#include "categorytablemodel.h"
#include "consolesession.h"
#include "consolesettings.h"
#include "exportpackdialog.h"
#include "mainwindow.h"
#include "onboardingpack.h"
#include "providermodels.h"
#include "providerspage.h"
#include "requestjournalmodel.h"
#include "requestjournalpage.h"
#include "secretdialog.h"
#include "secrets.h"
#include "staffpage.h"
#include "stafftablemodel.h"
#include "testservice.h"

#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPixmap>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTextStream>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "hopstep-onboarding-screenshots: " << message << Qt::endl;
    return 1;
}

template<typename Predicate>
bool waitFor(Predicate ready, int milliseconds)
{
    const QDeadlineTimer deadline(milliseconds);
    while (!ready()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    return true;
}

void settle()
{
    waitFor([] { return false; }, 400);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject job(const QString &providerId, const QString &facilityId, const QString &title,
                const QString &category)
{
    return QJsonObject{
        {u"title"_s, title},
        {u"description"_s,
         u"<p>Join our home care team in Ballarat. You support older clients to live well at "
         u"home: personal care, shopping, meals and company.</p><ul><li>Certificate III in "
         u"Individual Support</li><li>Driver's licence and a reliable car</li></ul>"_s},
        {u"providerId"_s, providerId},
        {u"facilityId"_s, facilityId},
        {u"category"_s, category},
        {u"workTypes"_s, QJsonArray{u"PART_TIME"_s, u"CASUAL"_s}},
        {u"salaryMin"_s, 33},
        {u"salaryMax"_s, 36.5},
        {u"salaryType"_s, u"HOURLY"_s},
        {u"location"_s, QJsonObject{{u"suburb"_s, u"Ballarat"_s},
                                    {u"state"_s, u"VIC"_s},
                                    {u"postcode"_s, u"3350"_s}}},
        {u"applyUrl"_s, u"https://careers.wattle.example.org/jobs/2231/apply"_s},
    };
}

// Sets up the data the screenshots show. Returns the new provider's id and its test job's id.
bool prepare(test::TestService &service, QString *providerId, QString *jobId, QString *error)
{
    const auto post = [&](const QString &path, const QJsonObject &body) {
        return service.admin("POST", path, json(body));
    };
    const test::HttpReply provider =
        post(u"/admin/providers"_s, {{u"name"_s, u"Wattle Home Care"_s},
                                     {u"atsName"_s, u"JobAdder"_s},
                                     {u"contactName"_s, u"Sam Lee"_s},
                                     {u"contactEmail"_s, u"sam.lee@wattle.example.org"_s},
                                     {u"contactPhone"_s, u"(03) 5331 2040"_s},
                                     {u"notes"_s, u"JobAdder sends jobs every 15 minutes."_s}});
    *providerId = provider.json().value(u"id"_s).toString();
    if (provider.status != 201) {
        *error = QString::fromUtf8(provider.body);
        return false;
    }
    const QString base = u"/admin/providers/"_s + *providerId;
    QString facilityId;
    for (const auto &[name, street, suburb, postcode] :
         {std::tuple{u"Wattle Ballarat"_s, u"12 Sturt Street"_s, u"Ballarat"_s, u"3350"_s},
          std::tuple{u"Wattle Bendigo"_s, u"140 Hargreaves Street"_s, u"Bendigo"_s, u"3550"_s}}) {
        const test::HttpReply facility =
            post(base + u"/facilities"_s, {{u"name"_s, name},
                                           {u"streetAddress"_s, street},
                                           {u"suburb"_s, suburb},
                                           {u"state"_s, u"VIC"_s},
                                           {u"postcode"_s, postcode}});
        if (facilityId.isEmpty())
            facilityId = facility.json().value(u"id"_s).toString();
    }
    const test::HttpReply first = post(base + u"/keys"_s, {{u"label"_s, u"JobAdder staging"_s}});
    const QString firstKeyId = first.json().value(u"key"_s).toObject().value(u"id"_s).toString();
    const test::HttpReply rotated = post(
        u"/admin/keys/"_s + firstKeyId + u"/rotate"_s,
        {{u"oldKeyExpiresAt"_s, QDateTime::currentDateTimeUtc().addDays(7).toString(Qt::ISODate)},
         {u"label"_s, u"JobAdder production"_s}});
    const QString key = rotated.json().value(u"secret"_s).toString();
    post(base + u"/onboarding/ids-issued"_s,
         {{u"detail"_s, u"Onboarding pack emailed to Sam Lee"_s}});
    post(base + u"/onboarding/category-list-sent"_s,
         {{u"detail"_s, u"Onboarding pack emailed to Sam Lee"_s}});

    // A category renamed after an ATS mapped it, so a job arrives with the former name.
    service.admin("PATCH", u"/admin/categories/5"_s, R"({"name":"Community Support Worker"})");
    const test::HttpReply test = service.ats(
        "POST", u"/api/jobs"_s,
        json(job(*providerId, facilityId, u"Home Care Support Worker"_s, u"Support Worker"_s)),
        key);
    *jobId = test.json().value(u"id"_s).toString();
    if (test.status != 201) {
        *error = QString::fromUtf8(test.body);
        return false;
    }

    // A request with faults that ATSes make, so the request journal shows a rejection.
    QJsonObject faulty = job(*providerId, facilityId, u"Home Care Support Worker"_s, u"Carer"_s);
    faulty.insert(u"salaryMin"_s, u"$33 an hour"_s);
    faulty.insert(u"applyUrl"_s, u"careers.wattle.example.org/jobs/2231"_s);
    const test::HttpReply rejected =
        service.ats("POST", u"/api/jobs"_s, json(faulty), key, {{"Idempotency-Key", "2231-a"}});
    if (rejected.status != 422) {
        *error = u"The faulty job got %1, not 422: %2"_s.arg(rejected.status)
                     .arg(QString::fromUtf8(rejected.body));
        return false;
    }

    for (const auto &[name, email, roles] :
         {std::tuple{u"Alex Chen"_s, u"alex.chen@hopstep.example.org"_s,
                     QStringList{u"integrations"_s}},
          std::tuple{u"Riley Morgan"_s, u"riley.morgan@hopstep.example.org"_s,
                     QStringList{u"reviewer"_s, u"support"_s}},
          std::tuple{u"Jo Tran"_s, u"jo.tran@hopstep.example.org"_s, QStringList{u"support"_s}}}) {
        const test::HttpReply member =
            post(u"/admin/staff"_s, {{u"name"_s, name},
                                     {u"email"_s, email},
                                     {u"roles"_s, QJsonArray::fromStringList(roles)}});
        post(u"/admin/staff/"_s + member.json().value(u"id"_s).toString() + u"/tokens"_s, {});
    }
    return true;
}

bool save(QWidget *widget, const QString &folder, const QString &name)
{
    const QString path = QDir(folder).filePath(name);
    if (!widget->grab().save(path, "PNG"))
        return false;
    QTextStream(stdout) << "Wrote " << QDir::toNativeSeparators(path) << Qt::endl;
    return true;
}

// Renders the first page of the printable pack, as the PDF shows it, for the docs.
bool savePackPreview(const OnboardingPack &pack, const QString &folder)
{
    QTextDocument document;
    document.setHtml(onboardingPackHtml(pack));
    document.setTextWidth(820);
    QImage image(QSize(900, 1180), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.translate(40, 40);
    document.drawContents(&painter, QRectF(0, 0, 820, 1100));
    painter.end();
    const QString path = QDir(folder).filePath(u"onboarding-pack.png"_s);
    if (!image.save(path, "PNG"))
        return false;
    QTextStream(stdout) << "Wrote " << QDir::toNativeSeparators(path) << Qt::endl;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QTemporaryDir home;
    if (!home.isValid())
        return fail(u"Cannot create a temporary folder."_s);
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(u"config"_s)));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(u"data"_s)));
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication application(argc, argv);
    QApplication::setOrganizationName(u"hopstep"_s);
    QApplication::setApplicationName(u"hopstep-console"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Saves screenshots of hopstep-console's onboarding pages against a demo hopstep-api."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"folder"_s, u"Folder to write the PNG files to, such as docs."_s);
    parser.process(application);
    if (parser.positionalArguments().size() != 1)
        return fail(u"Give one output folder, such as docs."_s);
    const QString folder = parser.positionalArguments().constFirst();
    if (!QDir().mkpath(folder))
        return fail(u"Cannot create %1."_s.arg(folder));

    test::TestService service;
    QString error;
    if (!service.start(&error))
        return fail(error);
    QString providerId;
    QString jobId;
    if (!prepare(service, &providerId, &jobId, &error))
        return fail(u"Setting up the screenshot data failed: "_s + error);

    ConsoleSettings settings;
    settings.setApiUrl(service.url({}));
    settings.setToken(service.staffToken());
    settings.setRefreshIntervalSeconds(3600);
    ConsoleSession session(&settings);
    MainWindow window(&session, &settings);
    window.resize(1600, 960);
    window.show();
    session.connectToService();
    if (!waitFor(
            [&] { return session.lastRefresh().isValid() && session.providers()->rowCount() >= 3; },
            30'000)) {
        return fail(u"The console did not load: "_s + session.lastError());
    }

    // The providers page with the new provider selected, on its onboarding and key tabs.
    ProvidersPage *providers = window.providersPage();
    window.pages()->setCurrentWidget(providers);
    providers->selectProvider(providerId);
    if (!waitFor(
            [&] {
                return providers->findChild<QTableView *>(u"keysTable"_s)->model()->rowCount() == 2;
            },
            20'000)) {
        return fail(u"The provider's details did not load."_s);
    }
    settle();
    auto *tabs = providers->findChild<QTabWidget *>(u"detailTabs"_s);
    tabs->setCurrentIndex(0);
    settle();
    if (!save(&window, folder, u"console-providers.png"_s))
        return fail(u"Cannot write into %1."_s.arg(folder));
    tabs->setCurrentIndex(1);
    settle();
    save(&window, folder, u"console-provider-facilities.png"_s);
    tabs->setCurrentIndex(2);
    providers->findChild<QTableView *>(u"keysTable"_s)->selectRow(0);
    settle();
    save(&window, folder, u"console-provider-keys.png"_s);

    // The dialogs of issuing a key and exporting the pack, shown on their own.
    // A freshly generated key that no database has, so the picture shows a real key's shape.
    const IssuedSecret example = issueSecret(SecretKind::ApiKey);
    SecretDialog secret(QObject::tr("New API key"),
                        QObject::tr("The new API key of “Wattle Home Care”, labelled “JobAdder "
                                    "production”. The ATS sends it as Authorization: Bearer with "
                                    "every request."),
                        example.secret, SecretDialog::Recipient::Ats);
    secret.show();
    settle();
    save(&secret, folder, u"console-key-issued.png"_s);
    secret.findChild<QCheckBox *>(u"storedCheck"_s)->setChecked(true);
    secret.close();
    ExportPackDialog pack(u"Wattle Home Care"_s, home.path(), u"https://api.hopstep.com.au"_s,
                          example.prefix);
    pack.show();
    settle();
    save(&pack, folder, u"console-export-pack.png"_s);
    pack.close();

    // The jobs page with the held test job and the onboarding review under the preview.
    window.showJob(jobId);
    settle();
    save(&window, folder, u"console-onboarding-review.png"_s);

    // The category list with the job that arrived with a former name.
    CategoriesPage *categories = window.categoriesPage();
    window.pages()->setCurrentWidget(categories);
    waitFor([&] { return categories->categories()->rowCount() >= 10; }, 20'000);
    categories->selectCategory(5);
    settle();
    save(&window, folder, u"console-categories.png"_s);

    AuditLogPage *audit = window.auditLogPage();
    window.pages()->setCurrentWidget(audit);
    waitFor([&] { return audit->entries()->rowCount() > 5; }, 20'000);
    settle();
    audit->findChild<QTableView *>(u"entriesTable"_s)->selectRow(1);
    settle();
    save(&window, folder, u"console-audit-log.png"_s);

    // The request journal with the rejected request selected: its errors next to its body.
    RequestJournalPage *journal = window.requestJournalPage();
    window.pages()->setCurrentWidget(journal);
    journal->refresh();
    waitFor([&] { return journal->requests()->rowCount() >= 2; }, 20'000);
    auto *requests = journal->findChild<QTableView *>(u"requestsTable"_s);
    for (int row = 0; row < requests->model()->rowCount(); ++row) {
        const QModelIndex status = requests->model()->index(row, RequestJournalModel::StatusColumn);
        if (status.data().toInt() == 422) {
            requests->selectRow(row);
            break;
        }
    }
    settle();
    save(&window, folder, u"console-requests.png"_s);

    StaffPage *staff = window.staffPage();
    window.pages()->setCurrentWidget(staff);
    waitFor([&] { return staff->members()->rowCount() >= 4; }, 20'000);
    staff->selectMember(staff->members()->records().constFirst().id);
    settle();
    save(&window, folder, u"console-staff.png"_s);

    const test::HttpReply data =
        service.admin("GET", u"/admin/providers/"_s + providerId + u"/onboarding-pack"_s);
    OnboardingPack preview = onboardingPackFromJson(data.json());
    preview.apiBaseUrl = u"https://api.hopstep.com.au"_s;
    preview.generatedBy = u"Test Reviewer"_s;
    if (!savePackPreview(preview, folder))
        return fail(u"Cannot write the pack preview into %1."_s.arg(folder));
    return 0;
}
