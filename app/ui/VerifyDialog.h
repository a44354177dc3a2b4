#pragma once

#include "core/CertificatePayload.h"
#include "core/SealKey.h"

#include <functional>

#include <QDate>
#include <QDialog>

#include <functional>
#include <memory>

namespace Ui {
class VerifyDialog;
}

namespace oneseal::ui {

/**
 * Checks a certificate's signed QR code at the window: the operator pastes the code's text (a scanner
 * gun types it) or opens a picture or PDF of the certificate; the dialog says at once whether it is
 * valid, or exactly why not, and shows what the code says. Works offline with the hall's public
 * key(s), and reports a certificate the hall voided (setVoidedCheck()). Keyboard: Alt+P the text, Ctrl+O open a file, Alt+K load a key, Esc close.
 */
class VerifyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit VerifyDialog(QList<core::SealKey> trustedKeys, QWidget* parent = nullptr);
    ~VerifyDialog() override;

    /** The keys a certificate must be signed with (public halves are enough). */
    void setTrustedKeys(const QList<core::SealKey>& keys);
    /**
     * How to learn whether a serial was voided (the case history on this workstation and the hall's
     * newest signed list of voided certificates): returns why, or empty when it is not voided.
     */
    using VoidedCheck = std::function<QString(const QString& serial)>;
    void setVoidedCheck(VoidedCheck check);
    /** Whether the certificate shown is correctly signed but voided. */
    bool isVoided() const { return m_voided; }
    /** The day validity is checked on (today unless set; for tests and for checking a past date). */
    void setCheckingDate(const QDate& date);

    /** Verifies @p text as if it had been pasted. */
    void verifyText(const QString& text);
    /** Reads the QR code from an image or PDF file and verifies it; what the Open button does. */
    void verifyFile(const QString& path);
    /** Adds the public key in a PEM file to the trusted keys; false with a message shown when it cannot. */
    bool loadPublicKey(const QString& path);

    /** The sentence shown above the fields (empty before anything was checked). */
    QString headline() const;

    /** The outcome shown now (Malformed with an empty reason before anything was checked). */
    const core::CertificateVerification& result() const { return m_result; }

private:
    void verifyNow();
    void showResult(const core::CertificateVerification& result, const QString& source);
    void showError(const QString& message);
    void updateKeys();
    void openFile();
    void chooseKey();

    std::unique_ptr<Ui::VerifyDialog> m_ui;
    QList<core::SealKey> m_keys;
    QDate m_date;
    core::CertificateVerification m_result;
    bool m_settingText = false;
    VoidedCheck m_voidedCheck;
    bool m_voided = false;
};

} // namespace oneseal::ui
