#pragma once

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QString>

class QPainter;

namespace oneseal::print {

/**
 * The hall's round seal (行政审批专用章), drawn from its text every time: a red ring, the bureau's
 * name along the upper arc, a five-pointed star in the centre and the purpose below it. There is
 * deliberately no way to draw it from an image file (docs/ARCHITECTURE.md, "Printing and the seal").
 */
class SealPainter
{
public:
    /** The seal's outer diameter, as the body's official seal (docs/DOMAIN.md, "The seal"). */
    static constexpr double kDiameterMm = 42.0;

    /**
     * Draws the seal centred at @p centreMm in a painter whose units are millimetres, with its outer
     * edge on a circle of @p diameterMm. The bureau's name runs from about 210° to -30° with its
     * characters upright to the arc, sized to fit; @p purpose is written horizontally under the star.
     */
    static void paint(QPainter& p, const QPointF& centreMm, const QString& bureauName,
                      const QString& purpose = QStringLiteral("行政审批专用章"), double diameterMm = kDiameterMm);

    /**
     * The seal alone on a transparent square image at @p dpi, its size exactly kDiameterMm plus one
     * millimetre of margin on each side; for previews and tests. The image's DPI is set, too.
     */
    static QImage toImage(const QString& bureauName, int dpi = 300);

    /** The seal's red. */
    static QColor colour();
};

} // namespace oneseal::print
