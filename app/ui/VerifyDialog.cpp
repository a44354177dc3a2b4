#include "VerifyDialog.h"

#include "ui_VerifyDialog.h"

#include "core/Clock.h"
#include "print/CertificateScanner.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>
#include <QShortcut>

namespace oneseal::ui {

namespace {

const char kValidStyle[] = "QLabel { background: #e3f4e1; color: #1b5e20; border: 1px solid #81c784; padding: 6px; "
                           "font-weight: bold; }";
const char kInvalidStyle[] = "QLabel { background: #fdecea; color: #b00020; border: 1px solid #e57373; padding: 6px; "
                             "font-weight: bold; }";

} // namespace

VerifyDialog::VerifyDialog(QList<core::SealKey> trustedKeys, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::VerifyDialog)
    , m_keys(std::move(trustedKeys))
{
    m_ui->setupUi(this);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &VerifyDialog::reject);
    connect(m_ui->payloadEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_settingText)
            verifyNow();
    });
    connect(m_ui->openButton, &QPushButton::clicked, this, &VerifyDialog::openFile);
    connect(m_ui->loadKeyButton, &QPushButton::clicked, this, &VerifyDialog::chooseKey);
    auto* open = new QShortcut(QKeySequence::Open, this);
    connect(open, &QShortcut::activated, m_ui->openButton, &QPushButton::animateClick);
    m_ui->fieldsGroup->setVisible(false);
    m_ui->resultLabel->setVisible(false);
    updateKeys();
    m_ui->payloadEdit->setFocus();
}

VerifyDialog::~VerifyDialog() = default;

QString VerifyDialog::headline() const
{
    return m_ui->resultLabel->isHidden() ? QString() : m_ui->resultLabel->text();
}

void VerifyDialog::setTrustedKeys(const QList<core::SealKey>& keys)
{
    m_keys = keys;
    updateKeys();
    verifyNow();
}

void VerifyDialog::setVoidedCheck(VoidedCheck check)
{
    m_voidedCheck = std::move(check);
    verifyNow();
}

void VerifyDialog::setCheckingDate(const QDate& date)
{
    m_date = date;
    verifyNow();
}

void VerifyDialog::updateKeys()
{
    QStringList ids;
    for (const core::SealKey& key : m_keys)
        ids.append(key.keyId());
    m_ui->keysLabel->setText(ids.isEmpty() ? tr("No trusted key is loaded: every certificate will show as untrusted.")
                                           : tr("Trusted keys: %1").arg(ids.join(QStringLiteral(", "))));
}

void VerifyDialog::verifyText(const QString& text)
{
    m_settingText = true;
    m_ui->payloadEdit->setPlainText(text);
    m_settingText = false;
    verifyNow();
}

void VerifyDialog::verifyNow()
{
    const QString text = m_ui->payloadEdit->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_result = {};
        m_voided = false;
        m_ui->resultLabel->setVisible(false);
        m_ui->fieldsGroup->setVisible(false);
        return;
    }
    showResult(core::CertificatePayload::verify(text, m_keys, m_date.isValid() ? m_date : core::Clock::system().today()), QString());
}

void VerifyDialog::verifyFile(const QString& path)
{
    QString error;
    const QStringList found = print::CertificateScanner::scanFile(path, &error);
    if (found.isEmpty()) {
        showError(error);
        return;
    }
    m_settingText = true;
    m_ui->payloadEdit->setPlainText(found.first());
    m_settingText = false;
    showResult(core::CertificatePayload::verify(found.first(), m_keys, m_date.isValid() ? m_date : core::Clock::system().today()),
         QFileInfo(path).fileName());
}

void VerifyDialog::showResult(const core::CertificateVerification& result, const QString& source)
{
    m_result = result;
    const QString voidedReason
        = result.isValid() && m_voidedCheck ? m_voidedCheck(result.decoded->payload.serial) : QString();
    m_voided = !voidedReason.isEmpty();
    QString headline;
    if (m_voided)
        headline = tr("VOIDED: signed by this hall, but no longer valid. %1").arg(voidedReason);
    else if (result.isValid())
        headline = tr("VALID: signed by this hall and in force.");
    else if (result.status == core::CertificateVerification::UnknownKey)
        headline = tr("NOT TRUSTED: %1").arg(result.reason);
    else
        headline = tr("INVALID: %1").arg(result.reason);
    if (!source.isEmpty())
        headline = tr("%1 — %2").arg(source, headline);
    m_ui->resultLabel->setText(headline);
    m_ui->resultLabel->setStyleSheet(QLatin1String(result.isValid() && !m_voided ? kValidStyle : kInvalidStyle));
    m_ui->resultLabel->setVisible(true);

    m_ui->fieldsGroup->setVisible(result.decoded.has_value());
    if (!result.decoded)
        return;
    const core::CertificatePayload& p = result.decoded->payload;
    m_ui->fieldsGroup->setTitle(result.isValid() ? tr("What the QR code says")
                                                 : tr("What the QR code claims (not confirmed)"));
    m_ui->serialValue->setText(p.serial);
    m_ui->matterValue->setText(p.matterCode);
    m_ui->holderValue->setText(p.holderName);
    m_ui->holderIdValue->setText(p.holderId);
    m_ui->issuedValue->setText(p.issued.toString(Qt::ISODate));
    m_ui->validUntilValue->setText(p.validUntil.isValid() ? p.validUntil.toString(Qt::ISODate) : tr("no end date"));
    m_ui->hashValue->setText(QString::fromLatin1(p.documentHash.toHex()));
    m_ui->keyIdValue->setText(QString::fromLatin1(p.keyId.toHex()));
}

void VerifyDialog::showError(const QString& message)
{
    m_result = {};
    m_voided = false;
    m_result.reason = message;
    m_ui->resultLabel->setText(tr("INVALID: %1").arg(message));
    m_ui->resultLabel->setStyleSheet(QLatin1String(kInvalidStyle));
    m_ui->resultLabel->setVisible(true);
    m_ui->fieldsGroup->setVisible(false);
}

bool VerifyDialog::loadPublicKey(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        showError(tr("Unable to read %1: %2").arg(path, f.errorString()));
        return false;
    }
    QString error;
    const auto key = core::SealKey::fromPublicPem(f.readAll(), &error);
    if (!key) {
        showError(tr("%1: %2").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    for (const core::SealKey& known : m_keys)
        if (known.keyId() == key->keyId())
            return true;
    m_keys.append(*key);
    updateKeys();
    verifyNow();
    return true;
}

void VerifyDialog::openFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a certificate"), QString(),
                                                      tr("Certificates (*.png *.jpg *.jpeg *.bmp *.pdf);;All files (*)"));
    if (!path.isEmpty())
        verifyFile(path);
}

void VerifyDialog::chooseKey()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load the hall's public key"), QString(),
                                                      tr("Public keys (*.pem);;All files (*)"));
    if (!path.isEmpty())
        loadPublicKey(path);
}

} // namespace oneseal::ui
