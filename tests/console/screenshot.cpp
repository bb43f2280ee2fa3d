// hopstep-console-screenshot: starts a demo hopstep-api, posts the integration guide's example
// job with hopstep-ats, opens the console on it with that job selected, and saves the window as
// a PNG. Settings go to a temporary folder, so the output depends only on the demo data, the
// window size and the fonts installed.

#include "consolesession.h"
#include "consolesettings.h"
#include "mainwindow.h"
#include "testservice.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPixmap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "hopstep-console-screenshot: " << message << Qt::endl;
    return 1;
}

// Runs the event loop until ready returns true or the timeout passes.
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

QByteArray exampleJob()
{
    const QJsonObject job{
        {u"title"_s, u"Aged Care Assistant"_s},
        {u"description"_s,
         u"<p>Join the care team at Evergreen Richmond, a 60-bed home close to the Yarra. You "
         u"support residents with personal care, meals and activities, and you work with our "
         u"nurses on each resident's care plan.</p>"
         u"<ul><li>Certificate III in Individual Support (Ageing) or working towards it</li>"
         u"<li>Current NDIS worker screening check and police check</li>"
         u"<li>Rotating morning and afternoon shifts, no nights</li></ul>"
         u"<p>We pay above the award, and train you in dementia care.</p>"_s},
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
    return QJsonDocument(job).toJson();
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
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
        u"Saves a screenshot of hopstep-console against a demo hopstep-api."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"output"_s, u"PNG file to write."_s);
    parser.addOption(
        {u"size"_s, u"Window size in pixels. Default: 1600x960."_s, u"WxH"_s, u"1600x960"_s});
    parser.process(application);
    if (parser.positionalArguments().size() != 1)
        return fail(u"Give one output file, such as docs/console-jobs.png."_s);
    const QStringList size = parser.value(u"size"_s).split(u'x');
    const int width = size.value(0).toInt();
    const int height = size.value(1).toInt();
    if (size.size() != 2 || width < 400 || height < 300)
        return fail(u"--size must be WIDTHxHEIGHT of at least 400x300, such as 1600x960."_s);

    test::TestService service;
    QString error;
    if (!service.start(&error))
        return fail(error);

    // A job in each state, so the status column shows them all.
    const QString keyFile = home.filePath(u"ats.key"_s);
    const QString jobFile = home.filePath(u"job.json"_s);
    if (!writeFile(keyFile, service.apiKey().toUtf8()) || !writeFile(jobFile, exampleJob()))
        return fail(u"Cannot write into %1."_s.arg(home.path()));
    QProcess ats;
    ats.start(test::atsBinary(), {u"--url"_s, service.url({}).toString(), u"--key-file"_s, keyFile,
                                  u"create"_s, jobFile, u"--print-id"_s});
    if (!ats.waitForFinished(30'000) || ats.exitCode() != 0)
        return fail(u"hopstep-ats create failed: "_s +
                    QString::fromUtf8(ats.readAllStandardError()));
    const QString jobId = QString::fromUtf8(ats.readAllStandardOutput()).trimmed();
    const QJsonArray demoJobs =
        service.admin("GET", u"/admin/jobs?limit=100"_s).json().value(u"items"_s).toArray();
    for (const QJsonValue &value : demoJobs) {
        const QJsonObject job = value.toObject();
        const QString id = job.value(u"id"_s).toString();
        const QString title = job.value(u"title"_s).toString();
        const QString statusPath = u"/admin/jobs/"_s + id + u"/status"_s;
        if (title.startsWith(u"Disability Support Worker"_s))
            service.admin("POST", statusPath, R"({"status":"EXPIRED"})");
        else if (title == u"Personal Care Worker"_s)
            service.admin("POST", statusPath, R"({"status":"CLOSED"})");
        else if (title == u"Office Administrator"_s)
            service.admin("DELETE", u"/admin/jobs/"_s + id);
    }

    ConsoleSettings settings;
    settings.setApiUrl(service.url({}));
    settings.setToken(service.staffToken());
    settings.setRefreshIntervalSeconds(3600);
    ConsoleSession session(&settings);
    MainWindow window(&session, &settings);
    window.resize(width, height);
    window.show();
    session.connectToService();
    if (!waitFor([&] { return session.lastRefresh().isValid(); }, 30'000))
        return fail(u"The console did not load the jobs: "_s + session.lastError());
    if (!window.selectJob(jobId))
        return fail(u"The posted job %1 is not in the table."_s.arg(jobId));
    waitFor([] { return false; }, 300);

    const QString output = parser.positionalArguments().constFirst();
    QDir().mkpath(QFileInfo(output).absolutePath());
    if (!window.grab().save(output, "PNG"))
        return fail(u"Cannot write %1."_s.arg(output));
    QTextStream(stdout) << "Wrote " << QDir::toNativeSeparators(output) << Qt::endl;
    return 0;
}
