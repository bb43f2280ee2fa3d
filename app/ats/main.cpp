#include "atsclient.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("hopstep"));
    QCoreApplication::setApplicationName(QStringLiteral("hopstep-ats"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOPSTEP_VERSION));
    return hopstep::runAtsCommandLine(QCoreApplication::arguments());
}
