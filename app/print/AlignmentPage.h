#pragma once

#include "print/Calibration.h"
#include "print/CertificateTemplate.h"

#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QPointF>

class QPainter;
class QPrinter;

namespace oneseal::print {

/**
 * The page a printer is calibrated with, for one template: five labelled crosses at known places
 * (A top left, B top right, C bottom left, D bottom right, 20 mm in from the edges, and E in the
 * centre), millimetre rulers along the top and left edges to check the scale, and the template's
 * field boxes dashed, so that printed on pre-printed stock it shows where the text will land. The
 * operator prints it, measures each cross from the paper's top and left edges, and
 * Calibration::fromMeasurements() turns the figures into the correction.
 */
class AlignmentPage
{
    Q_DECLARE_TR_FUNCTIONS(AlignmentPage)

public:
    struct Cross
    {
        QString name; ///< "A" ... "E"
        QPointF mm; ///< its centre from the sheet's top-left corner, before any calibration
    };

    explicit AlignmentPage(CertificateTemplate certificateTemplate);

    /** The crosses, in the order A to E. */
    QList<Cross> crosses() const;

    /** Draws the page in a painter whose units are millimetres, moved and scaled by @p calibration. */
    void render(QPainter& painter, const Calibration& calibration = {}) const;
    /** The page as an image of the whole sheet at @p dpi. */
    QImage toImage(int dpi = 300, const Calibration& calibration = {}) const;
    /** Writes the page as a one-page PDF; false with @p error set when it cannot. */
    bool toPdf(const QString& path, const Calibration& calibration, QString* error) const;
    /** Prints the page on @p printer with the paper's corner as origin. */
    bool print(QPrinter& printer, const Calibration& calibration, QString* error) const;

    /** How far the crosses are from the edges of the sheet. */
    static constexpr double kInsetMm = 20.0;
    /** Half the length of a cross's arms. */
    static constexpr double kArmMm = 6.0;

private:
    CertificateTemplate m_template;
};

} // namespace oneseal::print
