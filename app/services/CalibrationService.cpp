#include "CalibrationService.h"

namespace oneseal::services {

CalibrationService::CalibrationService(Session& session)
    : m_session(session)
{ }

bool CalibrationService::mayCalibrate() const
{
    return m_session.can(core::Action::CalibratePrinter);
}

bool CalibrationService::checkAllowed(QString* error) const
{
    if (mayCalibrate())
        return true;
    if (error)
        *error = tr("Only a certificate operator or an administrator may calibrate printers.");
    return false;
}

std::optional<db::PrinterCalibration> CalibrationService::find(
    const QString& printerName, const QString& templateId, QString* error) const
{
    return db::CalibrationRepository(m_session.database().sql()).find(printerName, templateId, error);
}

std::optional<db::PrinterCalibration> CalibrationService::save(
    const QString& printerName, const QString& templateId, double dxMm, double dyMm, double scale, QString* error)
{
    if (!checkAllowed(error))
        return std::nullopt;
    db::PrinterCalibration c;
    c.printerName = printerName;
    c.templateId = templateId;
    c.dxMm = dxMm;
    c.dyMm = dyMm;
    c.scale = scale;
    c.updatedAt = m_session.clock().now().toUTC();
    c.updatedBy = m_session.user().username;
    if (!db::CalibrationRepository(m_session.database().sql()).save(c, error))
        return std::nullopt;
    return c;
}

bool CalibrationService::reset(const QString& printerName, const QString& templateId, QString* error)
{
    if (!checkAllowed(error))
        return false;
    return db::CalibrationRepository(m_session.database().sql()).remove(printerName, templateId, error);
}

} // namespace oneseal::services
