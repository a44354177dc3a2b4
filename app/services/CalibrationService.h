#pragma once

#include "Session.h"
#include "db/CalibrationRepository.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::services {

/**
 * This workstation's printer calibrations (one per printer and certificate template), read by
 * everyone who prints certificates and set or reset only by certificate operators and
 * administrators. The numbers come from a printed alignment page (print::Calibration); they are
 * settings of the workstation, so saving replaces the stored row instead of writing an event.
 */
class CalibrationService
{
    Q_DECLARE_TR_FUNCTIONS(CalibrationService)

public:
    explicit CalibrationService(Session& session);

    /**
     * The name calibrations of PDF output are stored under. It has a space, which CUPS does not allow
     * in a queue name, so it never stands for an installed printer (cups-pdf's queue is "PDF").
     */
    static QString pdfPrinterName() { return QStringLiteral("PDF file"); }

    /** Whether the user may save or reset calibrations; the UI only uses it to disable buttons. */
    bool mayCalibrate() const;

    /** The stored calibration of @p printerName and @p templateId; nothing when there is none. */
    std::optional<db::PrinterCalibration> find(
        const QString& printerName, const QString& templateId, QString* error = nullptr) const;

    /**
     * Stores (dx, dy, scale) for @p printerName and @p templateId as set by the current user now,
     * replacing the earlier one. Refused, with @p error saying why and nothing stored, when the user
     * is neither a certificate operator nor an administrator, or when the values are out of range.
     */
    std::optional<db::PrinterCalibration> save(
        const QString& printerName, const QString& templateId, double dxMm, double dyMm, double scale, QString* error);

    /** Forgets the calibration (back to no correction); refused like save() for other roles. */
    bool reset(const QString& printerName, const QString& templateId, QString* error);

private:
    bool checkAllowed(QString* error) const;

    Session& m_session;
};

} // namespace oneseal::services
