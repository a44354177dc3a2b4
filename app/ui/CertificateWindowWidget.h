#pragma once

#include "services/CertificateService.h"

#include <QWidget>

#include <functional>
#include <memory>

namespace Ui {
class CertificateWindowWidget;
}

namespace oneseal::ui {

/**
 * The certificate window (制证, 出证): find an approved case by number, take a certificate number and
 * print, reprint or void (with a reason), and hand it over to the holder or an agent identified by
 * ID number, which completes the case.
 */
class CertificateWindowWidget : public QWidget
{
    Q_OBJECT

public:
    /**
     * Renders and prints the certificate of \a state with \a number; returns the printed document's
     * SHA-256, or nullopt when nothing was printed. The default prints a plain certificate page.
     */
    using CertificatePrinter = std::function<std::optional<QByteArray>(const core::CaseState& state, const QString& number)>;

    explicit CertificateWindowWidget(services::Session& session, QWidget* parent = nullptr);
    ~CertificateWindowWidget() override;

    void setCertificatePrinter(CertificatePrinter printer) { m_printer = std::move(printer); }
    QString messageText() const;

public slots:
    void showCase(const QString& caseId);

private:
    void find();
    void reload();
    void print();
    void reprint();
    void voidCertificate();
    void issue();
    void finish(const std::optional<core::CaseState>& state, const QString& error, const QString& success);
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::CertificateWindowWidget> m_ui;
    services::Session& m_session;
    services::CertificateService m_service;
    QString m_caseId;
    CertificatePrinter m_printer;
};

} // namespace oneseal::ui
