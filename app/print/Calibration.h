#pragma once

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QPointF>
#include <QTransform>

#include <optional>

namespace oneseal::print {

/**
 * How one printer misplaces one template's output, corrected before printing: everything printed is
 * scaled by @c scale about the sheet's top-left corner and then moved by (dxMm, dyMm). Each
 * workstation keeps one per printer and template (db::CalibrationRepository), found with an
 * AlignmentPage: print it, measure where its crosses landed, and fromMeasurements() gives the
 * correction.
 */
struct Calibration
{
    Q_DECLARE_TR_FUNCTIONS(Calibration)

public:
    double dxMm = 0; ///< to the right
    double dyMm = 0; ///< downwards
    double scale = 1.0;

    /** The largest correction accepted: a bigger one means the measurements or the paper are wrong. */
    static constexpr double kMaxOffsetMm = 20.0;
    static constexpr double kMinScale = 0.9;
    static constexpr double kMaxScale = 1.1;

    bool isIdentity() const { return dxMm == 0 && dyMm == 0 && scale == 1.0; }
    bool operator==(const Calibration& other) const = default;

    /** The correction as a transform of millimetres: p -> scale * p + (dxMm, dyMm). */
    QTransform transform() const;

    /** Where a point of the template lands on the device before the printer's own error. */
    QPointF map(const QPointF& mm) const { return transform().map(mm); }

    /** Whether the values are within the limits above; false with @p error saying which is not. */
    bool isPlausible(QString* error) const;

    /**
     * The calibration that puts every point where the template wants it, from an alignment page that
     * was printed with @p current: each pair is (where a cross should be, where it was measured on
     * the paper), both in millimetres from the sheet's top-left corner. With one pair only the offset
     * is corrected; with two or more (far enough apart) the scale too, by least squares. Nothing, with
     * @p error saying why, when the pairs are too few, too close or give an implausible result.
     */
    static std::optional<Calibration> fromMeasurements(
        const QList<QPair<QPointF, QPointF>>& expectedAndMeasured, const Calibration& current, QString* error);
};

} // namespace oneseal::print
