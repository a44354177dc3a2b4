#pragma once

#include <QString>

class QCoreApplication;

namespace oneseal::ui {

/** The client's per-user settings (QSettings) and the language they select. */
class AppSettings
{
public:
    /** "system", "en" or "zh_CN". */
    static QString language();
    static void setLanguage(const QString& language);
    static int idleLockMinutes();
    static void setIdleLockMinutes(int minutes);
    /**
     * The status bar warns (and offers a bundle export) when this workstation's unsent events are
     * older than this while the hub cannot be reached: 5 minutes to 7 days, default 60.
     */
    static int unsentWarningMinutes();
    static void setUnsentWarningMinutes(int minutes);
    static constexpr int kUnsentWarningMinMinutes = 5;
    static constexpr int kUnsentWarningMaxMinutes = 7 * 24 * 60;
    /** The windows that print (each has its own default printer). */
    enum class PrintWindow { Intake, Certificates };
    /**
     * The printer a window prints to with one key (its notices or certificates go there without a
     * preview); empty: the print preview opens, and prints from there.
     */
    static QString windowPrinter(PrintWindow window);
    static void setWindowPrinter(PrintWindow window, const QString& printerName);

    /**
     * Installs the translators for the chosen language (the system locale when "system"): OneSeal's
     * own and Qt's. Returns the locale name used.
     */
    static QString installTranslators(QCoreApplication& app);
};

} // namespace oneseal::ui
