#include "servercommands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(
            QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{category} %{type}: %{message}"));
    QCoreApplication application(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("hopstep"));
    QCoreApplication::setApplicationName(QStringLiteral("hopstep-api"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOPSTEP_VERSION));
    return hopstep::runApiCommandLine(QCoreApplication::arguments());
}
