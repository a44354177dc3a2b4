// oneseal-admin: hall set-up, certificate verification and disaster recovery from the command line.
#include "AdminCommands.h"

#include <QGuiApplication>

int main(int argc, char* argv[])
{
    // Reading QR codes from images and PDFs needs QtGui, but never a display: a server or a terminal
    // over ssh has none. An explicit QT_QPA_PLATFORM still wins.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OneSeal"));
    QCoreApplication::setApplicationName(QStringLiteral("OneSeal"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ONESEAL_VERSION));
    return oneseal::cli::run(QCoreApplication::arguments());
}
