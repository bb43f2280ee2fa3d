#include "commandline.h"

#include "consolesettings.h"

#include <QCommandLineParser>
#include <QFile>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

CommandLineResult failure(const QString &error)
{
    return {false, error};
}

} // namespace

CommandLineResult applyCommandLine(const QStringList &arguments, ConsoleSettings &settings)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"hopstep-console: the desktop console of hopstep's integrations team, for reviewing "
        u"the jobs that ATSes post and for expiring, closing, reactivating and deleting them.\n\n"
        u"The service URL and staff token are saved for later launches. With none saved, the "
        u"console starts its own hopstep-api on 127.0.0.1 with a database in its data folder."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"api-url"_s, u"Base URL of hopstep-api, such as http://127.0.0.1:8080. Saved."_s,
         u"url"_s},
        {u"token-file"_s,
         u"File containing the staff token (hst_…) for the admin API. The token is saved, "
         u"and it never appears on the command line or in process lists."_s,
         u"file"_s},
        {u"local"_s, u"Forget the saved URL and token and use a local hopstep-api."_s},
    });
    parser.process(arguments);

    if (parser.isSet(u"local"_s) && (parser.isSet(u"api-url"_s) || parser.isSet(u"token-file"_s)))
        return failure(u"--local cannot be combined with --api-url or --token-file."_s);

    QUrl url;
    if (parser.isSet(u"api-url"_s)) {
        QString error;
        url = parseApiUrl(parser.value(u"api-url"_s), &error);
        if (!url.isValid())
            return failure(u"--api-url: "_s + error);
    }

    QString token;
    if (parser.isSet(u"token-file"_s)) {
        QFile file(parser.value(u"token-file"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            return failure(
                u"--token-file: cannot read %1: %2."_s.arg(file.fileName(), file.errorString()));
        }
        token = QString::fromUtf8(file.readAll()).trimmed();
        if (token.isEmpty())
            return failure(
                u"--token-file: %1 is empty. Write the staff token (hst_…) into it."_s.arg(
                    file.fileName()));
    }

    if (parser.isSet(u"local"_s))
        settings.clearConnection();
    if (url.isValid())
        settings.setApiUrl(url);
    if (!token.isEmpty())
        settings.setToken(token);
    settings.sync();
    return {};
}

} // namespace hopstep
