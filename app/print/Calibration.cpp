#include "print/Calibration.h"

#include <QLineF>

#include <cmath>

namespace oneseal::print {

QTransform Calibration::transform() const
{
    return QTransform(scale, 0, 0, scale, dxMm, dyMm);
}

bool Calibration::isPlausible(QString* error) const
{
    if (!std::isfinite(dxMm) || !std::isfinite(dyMm) || !std::isfinite(scale)) {
        if (error)
            *error = tr("The calibration holds a value that is not a number.");
        return false;
    }
    if (std::abs(dxMm) > kMaxOffsetMm || std::abs(dyMm) > kMaxOffsetMm) {
        if (error)
            *error = tr("An offset of %1 mm, %2 mm is more than %3 mm: check the measurements and the paper.")
                         .arg(dxMm, 0, 'f', 1)
                         .arg(dyMm, 0, 'f', 1)
                         .arg(kMaxOffsetMm);
        return false;
    }
    if (scale < kMinScale || scale > kMaxScale) {
        if (error)
            *error = tr("A scale of %1 is outside %2 to %3: check the measurements and the printer's "
                        "\"fit to page\" setting.")
                         .arg(scale, 0, 'f', 4)
                         .arg(kMinScale)
                         .arg(kMaxScale);
        return false;
    }
    return true;
}

std::optional<Calibration> Calibration::fromMeasurements(
    const QList<QPair<QPointF, QPointF>>& pairs, const Calibration& current, QString* error)
{
    if (pairs.isEmpty()) {
        if (error)
            *error = tr("Measure at least one cross of the alignment page.");
        return std::nullopt;
    }
    // The whole chain (current correction, then the printer) maps p to S * p + T; fit S and T.
    const double n = double(pairs.size());
    QPointF meanExpected;
    QPointF meanMeasured;
    for (const auto& [expected, measured] : pairs) {
        meanExpected += expected / n;
        meanMeasured += measured / n;
    }
    double chainScale = current.scale;
    double spread = 0;
    double covariance = 0;
    for (const auto& [expected, measured] : pairs) {
        const QPointF e = expected - meanExpected;
        const QPointF m = measured - meanMeasured;
        spread += QPointF::dotProduct(e, e);
        covariance += QPointF::dotProduct(e, m);
    }
    if (pairs.size() >= 2) {
        if (spread < 50.0 * 50.0) {
            if (error)
                *error = tr("The measured crosses are too close together to find the scale; use crosses at least "
                            "10 cm apart.");
            return std::nullopt;
        }
        chainScale = covariance / spread;
    }
    if (!(chainScale > 0)) {
        if (error)
            *error = tr("The measurements contradict each other; measure again.");
        return std::nullopt;
    }
    const QPointF chainOffset = meanMeasured - chainScale * meanExpected;

    // The printer alone: s = S / c0, t = T - s * d0. The new correction undoes it: c1 = 1 / s, d1 = -t / s.
    const double printerScale = chainScale / current.scale;
    const QPointF printerOffset = chainOffset - printerScale * QPointF(current.dxMm, current.dyMm);
    Calibration result;
    result.scale = 1.0 / printerScale;
    result.dxMm = -printerOffset.x() / printerScale;
    result.dyMm = -printerOffset.y() / printerScale;
    // Tenths of a micrometre are noise; rounding keeps stored values readable.
    result.dxMm = std::round(result.dxMm * 1000) / 1000;
    result.dyMm = std::round(result.dyMm * 1000) / 1000;
    result.scale = std::round(result.scale * 100000) / 100000;
    if (!result.isPlausible(error))
        return std::nullopt;
    return result;
}

} // namespace oneseal::print
