#pragma once

#include "ApplicantScreen.h"
#include "devices/DropFolderWatcher.h"
#include "devices/HallCaller.h"
#include "devices/IdCardReader.h"
#include "devices/KeystrokeBurst.h"
#include "services/CounterService.h"
#include "services/DeviceSettings.h"

#include <QDateTime>
#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace oneseal::ui {

class IntakeWorkbench;

/**
 * The counter's devices above the intake form: the queue ticket (F6, typed or scanned), the ID card
 * reader (F7; a serial reader, or one in keyboard-emulation mode typing into any field), the document
 * camera (F8) and its program's drop folder, the applicant's screen (F9) with the rating after each
 * outcome, and "next applicant" (F12) which clears the form, blanks the applicant's screen and calls
 * the hall's calling system in the background.
 */
class CounterBar : public QWidget
{
    Q_OBJECT

public:
    CounterBar(services::Session& session, IntakeWorkbench& workbench);
    ~CounterBar() override;

    /** Applies device settings (reader port, drop folder, calling system, applicant's screen). */
    void applySettings(const services::DeviceSettings& settings);
    /** The ticket typed or scanned for the current applicant (nullopt with *error when malformed). */
    std::optional<core::counter::Ticket> ticket(QString* error) const;
    /** When "next applicant" called the current one (invalid: not called). */
    QDateTime calledAt() const { return m_calledAt; }
    /** The text of the device status line. */
    QString statusText() const;
    ApplicantScreen* applicantScreen() const { return m_screen; }
    devices::IdCardReader& reader() { return m_reader; }
    devices::DropFolderWatcher& dropFolder() { return m_drop; }
    devices::HallCaller& caller() { return m_caller; }

public slots:
    /** F12: the next applicant. */
    void nextApplicant();
    /** The workstation locked: the applicant's screen shows nothing of anyone. */
    void workstationLocked();
    /** A card the reader read (also from a keyboard-emulation reader: only its number). */
    void takeCard(const oneseal::devices::IdCardData& card);
    void openCamera();
    void toggleApplicantScreen();
    /** A file the camera program dropped: attached to the selected material, then removed. */
    void takeDroppedFile(const QString& path);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void setStatus(const QString& text, bool error);
    void updateScreen();
    void caseRecorded(const QString& caseId, const QString& caseNo);

public:
    /**
     * "Devices…": the device settings, editable by administrators; for anyone else read-only with
     * the reason (services::DeviceSettingsService decides, and refuses a save).
     */
    void openSettings();
    /**
     * The device settings dialog on its own (File → Counter devices… opens it too): the settings
     * saved, or nothing when cancelled or only shown.
     */
    static std::optional<services::DeviceSettings> editDeviceSettings(services::Session& session,
                                                                      const services::DeviceSettings& current,
                                                                      QWidget* parent);

private:

    services::Session& m_session;
    IntakeWorkbench& m_workbench;
    services::CounterService m_counter;
    services::DeviceSettings m_settings;
    devices::IdCardReader m_reader;
    devices::DropFolderWatcher m_drop;
    devices::HallCaller m_caller;
    devices::KeystrokeBurst m_burst;
    QPointer<QLineEdit> m_burstTarget; ///< the field a burst began in, and its text before it
    QString m_burstTargetText;
    QLineEdit* m_ticketEdit;
    QLabel* m_statusLabel;
    QPushButton* m_readButton;
    QPushButton* m_cameraButton;
    QPushButton* m_screenButton;
    QPushButton* m_nextButton;
    ApplicantScreen* m_screen;
    QDateTime m_calledAt;
    QString m_lastTicket;
    QString m_lastSubjectName;
    QStringList m_waitingDrops; ///< dropped files that came while no material was selected
};

} // namespace oneseal::ui
