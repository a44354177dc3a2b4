#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace oneseal::db {

/** One stored printer calibration (the numbers of print::Calibration and who set them when). */
struct PrinterCalibration
{
    QString printerName;
    QString templateId;
    double dxMm = 0;
    double dyMm = 0;
    double scale = 1.0;
    QDateTime updatedAt; ///< UTC
    QString updatedBy; ///< user name

    bool operator==(const PrinterCalibration& other) const = default;
};

/**
 * The workstation's printer calibrations, one per (printer, template), in table printer_calibrations
 * (migration 0007). They are settings of this workstation, not case facts, so saving again replaces
 * the row instead of adding an event.
 */
class CalibrationRepository
{
    Q_DECLARE_TR_FUNCTIONS(CalibrationRepository)

public:
    explicit CalibrationRepository(QSqlDatabase db);

    /**
     * Stores @p calibration for its printer and template, replacing any earlier one; updatedAt is set
     * to now when it is not valid. Refuses an empty printer or template, an offset beyond ±20 mm and a
     * scale outside 0.9 to 1.1, with @p error saying which, and then stores nothing.
     */
    bool save(const PrinterCalibration& calibration, QString* error);

    /** The calibration for @p printerName and @p templateId; nothing when none was saved (or on error). */
    std::optional<PrinterCalibration> find(
        const QString& printerName, const QString& templateId, QString* error = nullptr) const;

    /** Every stored calibration, by printer and template. */
    QList<PrinterCalibration> all(QString* error = nullptr) const;

    /** Forgets the calibration of @p printerName and @p templateId; true also when there was none. */
    bool remove(const QString& printerName, const QString& templateId, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
