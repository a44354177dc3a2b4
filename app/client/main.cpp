// The OneSeal desktop client: wires the libraries together; no logic of its own.
#include "services/AuthService.h"
#include "sync/LoginFetch.h"
#include "services/HallService.h"
#include "ui/AppSettings.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QScreen>
#include <QWindow>
#include <QFile>
#include <QMessageBox>

using namespace oneseal;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("OneSeal"));
    QApplication::setApplicationName(QStringLiteral("OneSeal"));
    QApplication::setApplicationVersion(QStringLiteral(ONESEAL_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/oneseal/icons/oneseal.svg")));
    ui::AppSettings::installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "OneSeal window-staff client"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QApplication::translate("main", "The hall database file."),
                                      QApplication::translate("main", "path"),
                                      services::HallService::defaultDatabasePath());
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QApplication::translate("main", "Create the demo hall if there is none."));
    const QCommandLineOption startOption(
        QStringLiteral("check-start"),
        QApplication::translate("main", "Show the login window and quit as soon as it is on the screen (start-up time)."));
    parser.addOption(dbOption);
    parser.addOption(demoOption);
    parser.addOption(startOption);
    parser.process(app);

    const QString path = parser.value(dbOption);
    if (!QFile::exists(path)) {
        QString error;
        if (!parser.isSet(demoOption)) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "OneSeal"),
                                  QApplication::translate("main", "There is no hall database at %1.\nCreate one with "
                                                                  "'oneseal-admin init', or start with --demo.")
                                      .arg(path));
            return 1;
        }
        if (!services::HallService::createDemoHall(path, &error)) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "OneSeal"), error);
            return 1;
        }
    }

    services::AuthService auth(path);
    // Before a user's first signing key is made here, the hub is asked for hers (docs/SECURITY.md).
    auth.setHubFetcher(sync::LoginFetch::fetcher(), services::AuthService::LoginRound::EveryLogin);
    for (;;) {
        ui::LoginDialog login(auth, services::AuthService::hallNameOf(path));
        if (parser.isSet(startOption)) {
            login.show();
            QElapsedTimer waited;
            waited.start();
            while (!(login.windowHandle() && login.windowHandle()->isExposed()) && waited.elapsed() < 10000)
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
            QCoreApplication::processEvents();
            return login.windowHandle() && login.windowHandle()->isExposed() ? 0 : 1;
        }
        if (login.exec() != QDialog::Accepted)
            return 0;
        auto* window = new ui::MainWindow(login.takeSession());
        window->setAttribute(Qt::WA_DeleteOnClose);
        bool loggedOut = false;
        QObject::connect(window, &ui::MainWindow::loggedOut, [&loggedOut] { loggedOut = true; });
        // Large enough for its forms where the screen allows (an X server without a window manager,
        // as under Xvfb, keeps the size it is given: the intake form was squeezed at 1200×800).
        if (const QScreen* screen = window->screen())
            window->resize(window->sizeHint().expandedTo(window->size()).boundedTo(screen->availableGeometry().size()));
        window->show();
        window->raise();
        window->activateWindow(); // the keyboard goes on at the counter without a click
        const int rc = app.exec();
        if (!loggedOut)
            return rc;
    }
}
