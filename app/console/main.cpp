#include "commandline.h"
#include "consolesession.h"
#include "consolesettings.h"
#include "mainwindow.h"

#include <QApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(
            QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{category} %{type}: %{message}"));
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("hopstep"));
    QApplication::setApplicationName(QStringLiteral("hopstep-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("hopstep console"));
    QApplication::setApplicationVersion(QStringLiteral(HOPSTEP_VERSION));

    hopstep::ConsoleSettings settings;
    const hopstep::CommandLineResult options =
        hopstep::applyCommandLine(QApplication::arguments(), settings);
    if (!options.ok) {
        QTextStream(stderr) << "hopstep-console: " << options.error << Qt::endl;
        return 2;
    }

    hopstep::ConsoleSession session(&settings);
    hopstep::MainWindow window(&session, &settings);
    window.show();
    session.connectToService();
    return application.exec();
}
