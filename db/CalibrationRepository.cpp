#include "CalibrationRepository.h"

#include "core/Clock.h"

#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

namespace oneseal::db {

namespace {

    constexpr double kMaxOffsetMm = 20.0; // as print::Calibration and the table's CHECK constraints
    constexpr double kMinScale = 0.9;
    constexpr double kMaxScale = 1.1;
    constexpr int kMaxNameLength = 200;

    PrinterCalibration fromRow(const QSqlQuery& q)
    {
        PrinterCalibration c;
        c.printerName = q.value(0).toString();
        c.templateId = q.value(1).toString();
        c.dxMm = q.value(2).toDouble();
        c.dyMm = q.value(3).toDouble();
        c.scale = q.value(4).toDouble();
        c.updatedAt = QDateTime::fromString(q.value(5).toString(), Qt::ISODateWithMs);
        c.updatedAt.setTimeSpec(Qt::UTC);
        c.updatedBy = q.value(6).toString();
        return c;
    }

} // namespace

CalibrationRepository::CalibrationRepository(QSqlDatabase db)
    : m_db(std::move(db))
{ }

bool CalibrationRepository::save(const PrinterCalibration& c, QString* error)
{
    auto refuse = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (c.printerName.trimmed().isEmpty())
        return refuse(tr("Choose the printer the calibration is for."));
    if (c.templateId.trimmed().isEmpty())
        return refuse(tr("Choose the certificate template the calibration is for."));
    if (c.printerName.size() > kMaxNameLength || c.templateId.size() > kMaxNameLength)
        return refuse(tr("The printer or template name is longer than %1 characters.").arg(kMaxNameLength));
    if (!std::isfinite(c.dxMm) || !std::isfinite(c.dyMm) || std::abs(c.dxMm) > kMaxOffsetMm
        || std::abs(c.dyMm) > kMaxOffsetMm)
        return refuse(tr("An offset of %1 mm, %2 mm is more than %3 mm; the calibration was not saved.")
                          .arg(c.dxMm)
                          .arg(c.dyMm)
                          .arg(kMaxOffsetMm));
    if (!std::isfinite(c.scale) || c.scale < kMinScale || c.scale > kMaxScale)
        return refuse(tr("A scale of %1 is outside %2 to %3; the calibration was not saved.")
                          .arg(c.scale)
                          .arg(kMinScale)
                          .arg(kMaxScale));

    const QDateTime at = c.updatedAt.isValid() ? c.updatedAt.toUTC() : core::Clock::system().now().toUTC();
    QSqlQuery q(m_db);
    // SQLite 3.15 has no UPSERT; the primary key makes OR REPLACE swap the old row for the new one.
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO printer_calibrations "
                             "(printer_name, template_id, dx_mm, dy_mm, scale, updated_at, updated_by) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(c.printerName);
    q.addBindValue(c.templateId);
    q.addBindValue(c.dxMm);
    q.addBindValue(c.dyMm);
    q.addBindValue(c.scale);
    q.addBindValue(at.toString(Qt::ISODateWithMs));
    q.addBindValue(c.updatedBy);
    if (!q.exec())
        return refuse(tr("Unable to save the calibration: %1").arg(q.lastError().text()));
    return true;
}

std::optional<PrinterCalibration> CalibrationRepository::find(
    const QString& printerName, const QString& templateId, QString* error) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT printer_name, template_id, dx_mm, dy_mm, scale, updated_at, updated_by "
                             "FROM printer_calibrations WHERE printer_name = ? AND template_id = ?"));
    q.addBindValue(printerName);
    q.addBindValue(templateId);
    if (!q.exec()) {
        if (error)
            *error = tr("Unable to read the calibrations: %1").arg(q.lastError().text());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return fromRow(q);
}

QList<PrinterCalibration> CalibrationRepository::all(QString* error) const
{
    QList<PrinterCalibration> result;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT printer_name, template_id, dx_mm, dy_mm, scale, updated_at, updated_by "
                               "FROM printer_calibrations ORDER BY printer_name, template_id"))) {
        if (error)
            *error = tr("Unable to read the calibrations: %1").arg(q.lastError().text());
        return result;
    }
    while (q.next())
        result.append(fromRow(q));
    return result;
}

bool CalibrationRepository::remove(const QString& printerName, const QString& templateId, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM printer_calibrations WHERE printer_name = ? AND template_id = ?"));
    q.addBindValue(printerName);
    q.addBindValue(templateId);
    if (!q.exec()) {
        if (error)
            *error = tr("Unable to remove the calibration: %1").arg(q.lastError().text());
        return false;
    }
    return true;
}

} // namespace oneseal::db
