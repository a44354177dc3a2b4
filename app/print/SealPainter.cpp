#include "print/SealPainter.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

namespace oneseal::print {

namespace {

/** The seal's glyphs come from a CJK font at a large pixel size and are scaled as outlines. */
QFont sealFont()
{
    QFont font;
    font.setFamilies({ QStringLiteral("Noto Serif CJK SC"), QStringLiteral("Noto Sans CJK SC"),
                       QStringLiteral("WenQuanYi Micro Hei"), QStringLiteral("sans-serif") });
    font.setPixelSize(200);
    font.setBold(true);
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

/**
 * The outline of @p ch with its em box centred on the origin (horizontally by its advance,
 * vertically by the ink of a reference ideograph so every character shares one baseline), scaled to
 * @p width x @p height.
 */
QPainterPath glyphPath(const QFont& font, const QString& ch, double width, double height)
{
    const QFontMetricsF metrics(font);
    static const QString reference = QStringLiteral("国");
    const QRectF refInk = metrics.tightBoundingRect(reference);
    const double advance = qMax(1.0, metrics.horizontalAdvance(ch));
    const double refWidth = qMax(1.0, metrics.horizontalAdvance(reference));

    QPainterPath path;
    path.addText(QPointF(-advance / 2, -refInk.center().y()), font, ch);
    // Scaled as an ideograph is, so narrow characters (digits, brackets) stay narrow.
    QTransform scale;
    scale.scale(width / refWidth, height / qMax(1.0, refInk.height()));
    return scale.map(path);
}

QPainterPath starPath(double outerRadius)
{
    const double innerRadius = outerRadius * qSin(qDegreesToRadians(18.0)) / qSin(qDegreesToRadians(126.0));
    QPainterPath path;
    for (int i = 0; i < 10; ++i) {
        const double r = (i % 2 == 0) ? outerRadius : innerRadius;
        const double angle = qDegreesToRadians(-90.0 + i * 36.0);
        const QPointF point(r * qCos(angle), r * qSin(angle));
        if (i == 0)
            path.moveTo(point);
        else
            path.lineTo(point);
    }
    path.closeSubpath();
    return path;
}

} // namespace

QColor SealPainter::colour()
{
    return QColor(0xd4, 0x00, 0x00);
}

void SealPainter::paint(QPainter& p, const QPointF& centreMm, const QString& bureauName, const QString& purpose,
                        double diameterMm)
{
    if (!(diameterMm > 0))
        return;
    const double k = diameterMm / kDiameterMm; // every measure below is for a 42 mm seal
    const double radius = diameterMm / 2;
    const double ringWidth = 1.2 * k;
    const QColor red = colour();
    const QFont font = sealFont();

    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.translate(centreMm);

    // The ring: its outer edge is the seal's diameter.
    p.setPen(QPen(red, ringWidth));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(QPointF(0, 0), radius - ringWidth / 2, radius - ringWidth / 2);
    p.setPen(Qt::NoPen);
    p.setBrush(red);

    // The star, 14 mm from point to opposite side.
    p.drawPath(starPath(7.0 * k));

    // The bureau's name on the upper arc, first character at 210°, last at -30°.
    const QString name = bureauName.simplified().remove(QLatin1Char(' '));
    const QList<uint> codePoints = name.toUcs4();
    const int n = int(codePoints.size());
    if (n > 0) {
        const double gap = 0.9 * k;
        const double maxPitch = 36.0; // short names are not stretched around the whole arc
        const double pitch = n > 1 ? qMin(240.0 / (n - 1), maxPitch) : 0.0;
        const double first = 90.0 + pitch * (n - 1) / 2;
        double height = 6.6 * k;
        double width = height * 0.85;
        for (int attempt = 0; attempt < 20; ++attempt) {
            const double centreRadius = radius - ringWidth - gap - height / 2;
            const double spacing = n > 1 ? centreRadius * qDegreesToRadians(pitch) : height;
            width = qMin(height * 0.85, spacing * 0.9);
            if (width >= height * 0.6)
                break;
            height = width / 0.6; // narrow characters cannot get any narrower: make them smaller
        }
        const double centreRadius = radius - ringWidth - gap - height / 2;
        for (int i = 0; i < n; ++i) {
            const double theta = first - i * pitch;
            const double rad = qDegreesToRadians(theta);
            p.save();
            p.translate(centreRadius * qCos(rad), -centreRadius * qSin(rad));
            p.rotate(90.0 - theta);
            p.drawPath(glyphPath(font, QString::fromUcs4(reinterpret_cast<const char32_t*>(&codePoints[i]), 1), width,
                                 height));
            p.restore();
        }
    }

    // The purpose, horizontally under the star, as wide as the chord at its bottom allows.
    const QString text = purpose.simplified().remove(QLatin1Char(' '));
    const QList<uint> purposePoints = text.toUcs4();
    const int m = int(purposePoints.size());
    if (m > 0) {
        double height = 4.6 * k;
        const double top = 7.0 * k + 2.2 * k;
        const double innerRadius = radius - ringWidth - 1.6 * k;
        double charWidth = height * 0.85;
        const double bottom = top + height;
        const double chord = 2 * qSqrt(qMax(0.0, innerRadius * innerRadius - bottom * bottom));
        if (charWidth * m > chord) {
            charWidth = chord / m;
            if (charWidth < height * 0.6)
                height = charWidth / 0.6;
        }
        const double y = top + height / 2;
        for (int i = 0; i < m; ++i) {
            const double x = (i - (m - 1) / 2.0) * charWidth;
            p.save();
            p.translate(x, y);
            p.drawPath(glyphPath(font, QString::fromUcs4(reinterpret_cast<const char32_t*>(&purposePoints[i]), 1),
                                 charWidth * 0.92, height));
            p.restore();
        }
    }
    p.restore();
}

QImage SealPainter::toImage(const QString& bureauName, int dpi)
{
    const int usedDpi = qBound(30, dpi, 2400);
    const double pxPerMm = usedDpi / 25.4;
    const double sideMm = kDiameterMm + 2.0;
    const int side = qCeil(sideMm * pxPerMm);
    QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
    image.setDotsPerMeterX(qRound(usedDpi / 0.0254));
    image.setDotsPerMeterY(qRound(usedDpi / 0.0254));
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.scale(pxPerMm, pxPerMm);
    paint(p, QPointF(side / pxPerMm / 2, side / pxPerMm / 2), bureauName);
    p.end();
    return image;
}

} // namespace oneseal::print
