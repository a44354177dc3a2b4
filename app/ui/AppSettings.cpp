#include "AppSettings.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace oneseal::ui {

QString AppSettings::language()
{
    return QSettings().value(QStringLiteral("ui/language"), QStringLiteral("system")).toString();
}

void AppSettings::setLanguage(const QString& language)
{
    QSettings().setValue(QStringLiteral("ui/language"), language);
}

int AppSettings::idleLockMinutes()
{
    return qBound(1, QSettings().value(QStringLiteral("security/idleLockMinutes"), 10).toInt(), 120);
}

void AppSettings::setIdleLockMinutes(int minutes)
{
    QSettings().setValue(QStringLiteral("security/idleLockMinutes"), qBound(1, minutes, 120));
}

int AppSettings::unsentWarningMinutes()
{
    return qBound(kUnsentWarningMinMinutes,
                  QSettings().value(QStringLiteral("sync/unsentWarningMinutes"), 60).toInt(), kUnsentWarningMaxMinutes);
}

void AppSettings::setUnsentWarningMinutes(int minutes)
{
    QSettings().setValue(QStringLiteral("sync/unsentWarningMinutes"),
                         qBound(kUnsentWarningMinMinutes, minutes, kUnsentWarningMaxMinutes));
}

namespace {
QString printerKey(AppSettings::PrintWindow window)
{
    return window == AppSettings::PrintWindow::Intake ? QStringLiteral("print/intakePrinter")
                                                      : QStringLiteral("print/certificatePrinter");
}
} // namespace

QString AppSettings::windowPrinter(PrintWindow window)
{
    return QSettings().value(printerKey(window)).toString().left(200);
}

void AppSettings::setWindowPrinter(PrintWindow window, const QString& printerName)
{
    QSettings().setValue(printerKey(window), printerName.left(200));
}

QString AppSettings::installTranslators(QCoreApplication& app)
{
    const QString chosen = language();
    const QLocale locale = chosen == QLatin1String("system") ? QLocale::system() : QLocale(chosen);
    QLocale::setDefault(locale);
    auto* own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("oneseal"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(own);
    else
        delete own;
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return locale.name();
}

} // namespace oneseal::ui
