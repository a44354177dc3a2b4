// oneseal-admin: hall set-up and disaster recovery from the command line.
#include "AdminCommands.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OneSeal"));
    QCoreApplication::setApplicationName(QStringLiteral("OneSeal"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ONESEAL_VERSION));
    return oneseal::cli::run(QCoreApplication::arguments());
}
