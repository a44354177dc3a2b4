#include "print/CertificateRenderer.h"

#include "core/Identifiers.h"
#include "print/QrCode.h"
#include "print/SealPainter.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QPrinter>
#include <QSaveFile>
#include <QTextLayout>
#include <QtMath>

#include <optional>

namespace oneseal::print {

namespace {

    // Text is drawn in hundredths of a millimetre so that font sizes are exact integers of pixels and
    // carry no hinting error (as DocumentRenderer does); everything else is in millimetres.
    constexpr double kTextUnitsPerMm = 100.0;
    constexpr double kLineSpacing = 1.45;
    constexpr double kShrinkStepPt = 0.25;

    QStringList familiesFor(const QString& family)
    {
        const QStringList fallback = { QStringLiteral("Noto Serif CJK SC"), QStringLiteral("Noto Sans CJK SC"),
            QStringLiteral("WenQuanYi Micro Hei"), QStringLiteral("sans-serif") };
        if (family == QLatin1String("serif"))
            return QStringList { QStringLiteral("Noto Serif CJK SC"), QStringLiteral("Source Han Serif SC"),
                QStringLiteral("SimSun"), QStringLiteral("AR PL UMing CN") }
            + fallback;
        if (family == QLatin1String("sans"))
            return QStringList { QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Source Han Sans SC"),
                QStringLiteral("SimHei") }
            + fallback;
        if (family == QLatin1String("kai"))
            return QStringList { QStringLiteral("AR PL UKai CN"), QStringLiteral("KaiTi"), QStringLiteral("STKaiti") }
            + fallback;
        return QStringList { family } + fallback;
    }

    QFont makeFont(const CertificateTemplate::Font& spec, double sizePt)
    {
        QFont font;
        font.setFamilies(familiesFor(spec.family));
        font.setPixelSize(qMax(1, qRound(sizePt * 25.4 / 72.0 * kTextUnitsPerMm)));
        font.setBold(spec.bold);
        font.setHintingPreference(QFont::PreferNoHinting);
        return font;
    }

    /** One line of text placed in a box: where its baseline starts, in millimetres. */
    struct PlacedLine
    {
        QString text;
        QPointF origin;
    };

    /** Text placed in a box: the font it got, its lines, the letter spacing, and whether it fits. */
    struct FittedText
    {
        QFont font;
        double spacingMm = 0; ///< extra space after each character but the last (drawn one by one)
        QList<PlacedLine> lines;
        bool fits = true;
    };

    QStringList characters(const QString& text)
    {
        QStringList result;
        const QList<uint> points = text.toUcs4();
        for (const uint point : points)
            result.append(QString::fromUcs4(reinterpret_cast<const char32_t*>(&point), 1));
        return result;
    }

    /** The width of @p text in millimetres with @p spacingMm between its characters. */
    double textWidth(const QFontMetricsF& metrics, const QString& text, double spacingMm)
    {
        const double width = metrics.horizontalAdvance(text) / kTextUnitsPerMm;
        if (spacingMm <= 0 || text.isEmpty())
            return width;
        return width + spacingMm * (text.toUcs4().size() - 1);
    }

    /** A wrapped line and whether it starts a paragraph (a hard line break or the text's start). */
    struct WrappedLine
    {
        QString text;
        bool paragraphStart = false;
    };

    /** Breaks @p text into lines, each paragraph's first line @p indentMm narrower. */
    QList<WrappedLine> wrap(const QString& text, const QFont& font, double widthMm, double indentMm)
    {
        QList<WrappedLine> lines;
        const QStringList pieces = text.split(QLatin1Char('\n'));
        for (const QString& piece : pieces) {
            QTextLayout layout(piece.trimmed(), font);
            QTextOption option;
            option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
            layout.setTextOption(option);
            layout.beginLayout();
            bool first = true;
            for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
                line.setLineWidth(qMax(1.0, first ? widthMm - indentMm : widthMm) * kTextUnitsPerMm);
                lines.append({ layout.text().mid(line.textStart(), line.textLength()).trimmed(), first });
                first = false;
            }
            layout.endLayout();
            if (first)
                lines.append({ QString(), true });
        }
        return lines;
    }

    double alignedX(const QRectF& box, Qt::Alignment alignment, double width, double indent = 0)
    {
        if (alignment & Qt::AlignRight)
            return box.right() - width;
        if (alignment & Qt::AlignHCenter)
            return box.left() + (box.width() - width) / 2;
        return box.left() + indent;
    }

    /**
     * Lays @p rawText out in @p box: shrinks it down to @p minPt, wraps it when @p multiline (every
     * paragraph's first line indented by two characters when @p indentFirstLine); fits is false when it
     * cannot fit even so.
     */
    FittedText fitText(const QString& rawText, const QRectF& box, const CertificateTemplate::Font& spec, double minPt,
        Qt::Alignment alignment, bool multiline, bool indentFirstLine)
    {
        FittedText fitted;
        const double smallest = minPt > 0 ? minPt : spec.sizePt * 0.7;
        const auto spacingAt = [&](double size) { return spec.letterSpacingMm * size / spec.sizePt; };
        if (!multiline) {
            const QString text = QString(rawText).replace(QLatin1Char('\n'), QLatin1Char(' ')).trimmed();
            double size = spec.sizePt;
            QFont font = makeFont(spec, size);
            double width = textWidth(QFontMetricsF(font), text, spacingAt(size));
            if (width > box.width()) {
                // Widths grow with the size: one step to the size that fits, then check it.
                size = qMax(smallest, std::floor(spec.sizePt * box.width() / width / kShrinkStepPt) * kShrinkStepPt);
                font = makeFont(spec, size);
                width = textWidth(QFontMetricsF(font), text, spacingAt(size));
                while (width > box.width() && size - kShrinkStepPt >= smallest - 1e-9) {
                    size -= kShrinkStepPt;
                    font = makeFont(spec, size);
                    width = textWidth(QFontMetricsF(font), text, spacingAt(size));
                }
            }
            const QFontMetricsF metrics(font);
            const double ascent = metrics.ascent() / kTextUnitsPerMm;
            const double descent = metrics.descent() / kTextUnitsPerMm;
            fitted.font = font;
            fitted.spacingMm = spacingAt(size);
            fitted.lines
                = { { text, QPointF(alignedX(box, alignment, width), box.center().y() + (ascent - descent) / 2) } };
            fitted.fits = width <= box.width() + 1e-6 && font.pixelSize() / kTextUnitsPerMm <= box.height() * 1.05;
            return fitted;
        }

        for (double size = spec.sizePt;; size -= kShrinkStepPt) {
            const bool last = size - kShrinkStepPt < smallest - 1e-9;
            const QFont font = makeFont(spec, size);
            const QFontMetricsF metrics(font);
            const double em = font.pixelSize() / kTextUnitsPerMm;
            const double lineHeight = em * kLineSpacing;
            const double indent = indentFirstLine ? 2 * em : 0;
            const QList<WrappedLine> lines = wrap(rawText.trimmed(), font, box.width(), indent);
            const bool fits = lines.size() * lineHeight <= box.height() + 1e-6;
            if (!fits && !last)
                continue;
            const double ascent = metrics.ascent() / kTextUnitsPerMm;
            const double descent = metrics.descent() / kTextUnitsPerMm;
            fitted.font = font;
            fitted.fits = fits;
            for (int i = 0; i < lines.size(); ++i) {
                const double top = box.top() + i * lineHeight;
                const double baseline = top + (lineHeight - ascent - descent) / 2 + ascent;
                const double x = alignedX(
                    box, alignment, textWidth(metrics, lines[i].text, 0), lines[i].paragraphStart ? indent : 0);
                fitted.lines.append({ lines[i].text, QPointF(x, baseline) });
            }
            return fitted;
        }
    }

    void drawFitted(QPainter& p, const FittedText& text, const QColor& color, const QRectF& clip)
    {
        p.save();
        if (!text.fits)
            p.setClipRect(clip, Qt::IntersectClip);
        p.scale(1 / kTextUnitsPerMm, 1 / kTextUnitsPerMm);
        p.setFont(text.font);
        p.setPen(color);
        const QFontMetricsF metrics(text.font);
        for (const PlacedLine& line : text.lines) {
            if (text.spacingMm <= 0) {
                p.drawText(line.origin * kTextUnitsPerMm, line.text);
                continue;
            }
            // Spaced titles are set character by character, so the spacing is exact on every device.
            double x = line.origin.x() * kTextUnitsPerMm;
            for (const QString& ch : characters(line.text)) {
                p.drawText(QPointF(x, line.origin.y() * kTextUnitsPerMm), ch);
                x += metrics.horizontalAdvance(ch) + text.spacingMm * kTextUnitsPerMm;
            }
        }
        p.restore();
    }

    QPainterPath starPath(const QPointF& centre, double outerRadius, double rotationDeg = 0)
    {
        const double innerRadius = outerRadius * qSin(qDegreesToRadians(18.0)) / qSin(qDegreesToRadians(126.0));
        QPainterPath path;
        for (int i = 0; i < 10; ++i) {
            const double r = (i % 2 == 0) ? outerRadius : innerRadius;
            const double angle = qDegreesToRadians(-90.0 + rotationDeg + i * 36.0);
            const QPointF point = centre + QPointF(r * qCos(angle), r * qSin(angle));
            if (i == 0)
                path.moveTo(point);
            else
                path.lineTo(point);
        }
        path.closeSubpath();
        return path;
    }

    /**
     * A placeholder where the national emblem goes on real stock: a ring, a disc, and one large and four
     * small five-pointed stars, the small ones each turned to point at the large one. It is not the
     * emblem and is not meant to look like a reproduction of it.
     */
    void drawEmblem(QPainter& p, const CertificateTemplate::Shape& s)
    {
        const QPointF c = s.rectMm.center();
        const double r = s.rectMm.width() / 2;
        const QColor gold = s.color;
        const QColor disc = s.fill.isValid() ? s.fill : QColor(0xc8, 0x16, 0x1d);
        p.setPen(QPen(gold, qMax(0.2, r * 0.06)));
        p.setBrush(disc);
        p.drawEllipse(c, r * 0.97, r * 0.97);
        p.setPen(QPen(gold, qMax(0.1, r * 0.02)));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, r * 0.84, r * 0.84);
        p.setPen(Qt::NoPen);
        p.setBrush(gold);
        const QPointF big = c + QPointF(0, -r * 0.18);
        p.drawPath(starPath(big, r * 0.3));
        for (int i = 0; i < 4; ++i) {
            const double angle = qDegreesToRadians(-150.0 + i * 40.0 + (i >= 2 ? 20.0 : 0.0));
            const QPointF small = big + QPointF(r * 0.5 * qCos(angle), r * 0.5 * qSin(angle));
            const QPointF towards = big - small;
            const double rotation = qRadiansToDegrees(qAtan2(towards.y(), towards.x())) + 90.0;
            p.drawPath(starPath(small, r * 0.1, rotation));
        }
        // Three bars for the base, as a plinth.
        for (int i = 0; i < 3; ++i) {
            const double w = r * (0.9 - i * 0.18);
            p.drawRect(QRectF(c.x() - w / 2, c.y() + r * (0.3 + i * 0.13), w, r * 0.06));
        }
    }

    void drawWaves(QPainter& p, const CertificateTemplate::Shape& s)
    {
        const QRectF box = s.rectMm;
        const bool horizontal = box.width() >= box.height();
        const double length = horizontal ? box.width() : box.height();
        const double across = horizontal ? box.height() : box.width();
        const double amplitude = across / (2.0 * s.count) * 0.9;
        const int steps = qMax(2, int(length / s.periodMm * 8)); // 8 chords a wave: smooth at 0.15 mm pens
        p.setPen(QPen(s.color, s.penMm));
        p.setBrush(Qt::NoBrush);
        for (int line = 0; line < s.count; ++line) {
            const double middle = (line + 0.5) * across / s.count;
            const double phase = line * M_PI / s.count;
            QPolygonF points;
            points.reserve(steps + 1);
            for (int i = 0; i <= steps; ++i) {
                const double along = length * i / steps;
                const double off = middle + amplitude * qSin(2 * M_PI * along / s.periodMm + phase);
                points.append(horizontal ? QPointF(box.left() + along, box.top() + off)
                                         : QPointF(box.left() + off, box.top() + along));
            }
            p.drawPolyline(points);
        }
    }

    void drawShape(QPainter& p, const CertificateTemplate::Shape& s)
    {
        using Shape = CertificateTemplate::Shape;
        p.save();
        switch (s.kind) {
        case Shape::Rect:
        case Shape::Circle:
            p.setPen(s.penMm > 0 ? QPen(s.color, s.penMm) : QPen(Qt::NoPen));
            p.setBrush(s.fill.isValid() ? QBrush(s.fill) : QBrush(Qt::NoBrush));
            if (s.kind == Shape::Rect)
                p.drawRect(s.rectMm);
            else
                p.drawEllipse(s.rectMm);
            break;
        case Shape::Line:
            p.setPen(QPen(s.color, s.penMm, Qt::SolidLine, Qt::FlatCap));
            p.drawLine(s.rectMm.topLeft(), s.rectMm.bottomRight());
            break;
        case Shape::Star:
            p.setPen(Qt::NoPen);
            p.setBrush(s.fill.isValid() ? s.fill : s.color);
            p.drawPath(starPath(s.rectMm.center(), s.rectMm.width() / 2));
            break;
        case Shape::Text: {
            const FittedText text = fitText(s.text, s.rectMm, s.font, 0, s.alignment, false, false);
            drawFitted(p, text, s.color, s.rectMm);
            break;
        }
        case Shape::Emblem: drawEmblem(p, s); break;
        case Shape::Waves: drawWaves(p, s); break;
        }
        p.restore();
    }

    QString checkFormat(const QString& format, const QString& value)
    {
        if (format.isEmpty() || value.isEmpty())
            return {};
        if (format == QLatin1String("licenceIdentifier")) {
            const core::IdCheck check = core::checkLicenceIdentifier(value);
            return check.valid ? QString() : check.error;
        }
        if (format == QLatin1String("creditCode")) {
            const core::IdCheck check = core::checkCreditCode(value);
            return check.valid ? QString() : check.error;
        }
        if (format == QLatin1String("residentId")) {
            const core::IdCheck check = core::checkResidentId(value);
            return check.valid ? QString() : check.error;
        }
        // holderId: a company's credit code or a person's resident ID.
        const core::IdCheck credit = core::checkCreditCode(value);
        if (credit.valid)
            return {};
        const core::IdCheck resident = core::checkResidentId(value);
        if (resident.valid)
            return {};
        return CertificateRenderer::tr("neither a unified social credit code (%1) nor a resident ID number (%2)")
            .arg(credit.error, resident.error);
    }

    /** A certificate laid out on its template: each field's text placed, the QR code made. */
    struct Layout
    {
        QList<FittedText> texts; ///< one per template field, in the template's order; no lines when empty
        std::optional<QrCode> qr;
        QString qrError;
    };

    Layout layOut(const CertificateTemplate& t, const CertificateDocument& doc)
    {
        Layout layout;
        layout.texts.reserve(t.fields().size());
        for (const CertificateTemplate::Field& field : t.fields()) {
            const QString value = doc.fields.value(field.key);
            if (value.trimmed().isEmpty()) {
                layout.texts.append(FittedText());
                continue;
            }
            layout.texts.append(fitText(value, field.boxMm, field.font, field.minSizePt, field.alignment,
                field.multiline, field.indentFirstLine));
        }
        if (t.hasQr() && !doc.qrText.isEmpty())
            layout.qr = QrCode::encodeText(doc.qrText.toUtf8(), &layout.qrError);
        return layout;
    }

    /** Everything that keeps @p doc from being printed on @p t, one sentence each. */
    QStringList problemsOf(const CertificateTemplate& t, const CertificateDocument& doc, const Layout& layout)
    {
        QStringList problems;
        for (int i = 0; i < t.fields().size(); ++i) {
            const CertificateTemplate::Field& field = t.fields()[i];
            const QString value = doc.fields.value(field.key).trimmed();
            const QString name
                = field.label.isEmpty() ? field.key : QStringLiteral("%1 (%2)").arg(field.label, field.key);
            if (value.isEmpty()) {
                if (field.required)
                    problems.append(CertificateRenderer::tr("%1 is empty.").arg(name));
                continue;
            }
            const QString formatError = checkFormat(field.format, core::normalizeIdentifier(value));
            if (!formatError.isEmpty())
                problems.append(CertificateRenderer::tr("%1 \"%2\": %3").arg(name, value, formatError));
            if (!layout.texts[i].fits)
                problems.append(CertificateRenderer::tr(
                    "%1 is too long for its box of %2 × %3 mm, even in the smallest font allowed.")
                                    .arg(name)
                                    .arg(field.boxMm.width())
                                    .arg(field.boxMm.height()));
        }
        if (!doc.qrText.isEmpty()) {
            if (!t.hasQr())
                problems.append(CertificateRenderer::tr("The template %1 has no place for a QR code.").arg(t.id()));
            else if (!layout.qr)
                problems.append(layout.qrError);
        }
        if (!doc.sealBureau.isEmpty() && !t.hasSeal())
            problems.append(CertificateRenderer::tr("The template %1 has no place for the seal.").arg(t.id()));
        return problems;
    }

    /**
     * The QR code as a 1-bit image, one pixel a module with its quiet zone, scaled without smoothing to
     * the largest square centred in @p target: on PDF a few hundred bytes instead of a path of every
     * module, and the same crisp modules on paper and screen.
     */
    void paintQr(QPainter& p, const QrCode& qr, const QRectF& target)
    {
        const double side = qMin(target.width(), target.height());
        const QRectF square(target.center().x() - side / 2, target.center().y() - side / 2, side, side);
        const QImage modules = qr.toImage(1).convertToFormat(QImage::Format_Mono, Qt::ThresholdDither);
        p.save();
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(square, modules);
        p.restore();
    }

    /**
     * Lays out every document of @p batch; false with @p error naming the first one that cannot be
     * printed (its position and serial when the batch has more than one).
     */
    bool layOutBatch(
        const CertificateTemplate& t, const QList<CertificateDocument>& batch, QList<Layout>* layouts, QString* error)
    {
        if (batch.isEmpty()) {
            if (error)
                *error = CertificateRenderer::tr("There is no certificate to print.");
            return false;
        }
        layouts->reserve(batch.size());
        for (int i = 0; i < batch.size(); ++i) {
            Layout layout = layOut(t, batch[i]);
            const QStringList problems = problemsOf(t, batch[i], layout);
            if (!problems.isEmpty()) {
                if (error)
                    *error = batch.size() == 1
                        ? problems.join(QLatin1Char('\n'))
                        : CertificateRenderer::tr("Certificate %1 of %2 (%3): %4")
                              .arg(i + 1)
                              .arg(batch.size())
                              .arg(batch[i].fields.value(QStringLiteral("serial")), problems.join(QLatin1Char('\n')));
                return false;
            }
            layouts->append(std::move(layout));
        }
        return true;
    }

    /** Draws a laid-out certificate (see CertificateRenderer::render). */
    void paintCertificate(QPainter& p, const CertificateTemplate& t, const CertificateDocument& doc,
        const Layout& layout, PrintMode mode, const Calibration& calibration)
    {
        p.save();
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setRenderHint(QPainter::TextAntialiasing, true);
        const QRectF sheet(QPointF(0, 0), t.sheetMm());
        if (mode == PrintMode::Preview)
            p.fillRect(sheet, t.paperColor()); // the sheet itself: not moved by the calibration
        p.setTransform(calibration.transform(), true);

        if (mode != PrintMode::PreprintedStock)
            for (const CertificateTemplate::Shape& shape : t.background())
                drawShape(p, shape);

        if (t.hasSeal() && !doc.sealBureau.isEmpty())
            SealPainter::paint(
                p, t.sealCentreMm(), doc.sealBureau, QStringLiteral("行政审批专用章"), t.sealDiameterMm());

        for (int i = 0; i < t.fields().size(); ++i)
            if (!layout.texts[i].lines.isEmpty())
                drawFitted(p, layout.texts[i], t.fields()[i].color, t.fields()[i].boxMm);

        if (layout.qr) {
            paintQr(p, *layout.qr, t.qrRectMm());
        } else if (t.hasQr() && !doc.qrText.isEmpty()) {
            p.setPen(QPen(Qt::black, 0.25, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            p.drawRect(t.qrRectMm());
        }
        p.restore();
    }

} // namespace

CertificateRenderer::CertificateRenderer(CertificateTemplate certificateTemplate)
    : m_template(std::move(certificateTemplate))
{ }

QString CertificateRenderer::documentDate(const QDate& date)
{
    if (!date.isValid())
        return {};
    return QStringLiteral("%1年%2月%3日").arg(date.year()).arg(date.month()).arg(date.day());
}

bool CertificateRenderer::validate(const CertificateDocument& doc, QString* error) const
{
    const QStringList problems = problemsOf(m_template, doc, layOut(m_template, doc));
    if (problems.isEmpty())
        return true;
    if (error)
        *error = problems.join(QLatin1Char('\n'));
    return false;
}

void CertificateRenderer::render(
    QPainter& painter, const CertificateDocument& doc, PrintMode mode, const Calibration& calibration) const
{
    paintCertificate(painter, m_template, doc, layOut(m_template, doc), mode, calibration);
}

QImage CertificateRenderer::toImage(
    const CertificateDocument& doc, PrintMode mode, int dpi, const Calibration& calibration) const
{
    const int usedDpi = qBound(30, dpi, 1200);
    const double pxPerMm = usedDpi / 25.4;
    const QSizeF sheet = m_template.sheetMm();
    QImage image(qRound(sheet.width() * pxPerMm), qRound(sheet.height() * pxPerMm), QImage::Format_RGB32);
    image.setDotsPerMeterX(qRound(usedDpi / 0.0254));
    image.setDotsPerMeterY(qRound(usedDpi / 0.0254));
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(pxPerMm, pxPerMm);
    render(painter, doc, mode, calibration);
    painter.end();
    return image;
}

QByteArray CertificateRenderer::toPdfBytes(
    const QList<CertificateDocument>& batch, PrintMode mode, const Calibration& calibration, QString* error) const
{
    QList<Layout> layouts;
    if (!layOutBatch(m_template, batch, &layouts, error))
        return {};
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(300);
        writer.setPageLayout(QPageLayout(m_template.pageSize(), m_template.orientation(), QMarginsF(0, 0, 0, 0)));
        writer.setTitle(m_template.name());
        writer.setCreator(QStringLiteral("OneSeal"));
        QPainter painter;
        if (!painter.begin(&writer)) {
            if (error)
                *error = tr("The PDF could not be made.");
            return {};
        }
        const double scaleX = writer.logicalDpiX() / 25.4;
        const double scaleY = writer.logicalDpiY() / 25.4;
        for (int i = 0; i < batch.size(); ++i) {
            if (i > 0)
                writer.newPage();
            painter.save();
            painter.scale(scaleX, scaleY);
            paintCertificate(painter, m_template, batch[i], layouts[i], mode, calibration);
            painter.restore();
        }
        painter.end();
    }
    if (buffer.data().isEmpty() && error)
        *error = tr("The PDF could not be made.");
    return buffer.data();
}

bool CertificateRenderer::toPdf(const QList<CertificateDocument>& batch, const QString& path, PrintMode mode,
    const Calibration& calibration, QString* error) const
{
    const QByteArray pdf = toPdfBytes(batch, mode, calibration, error);
    if (pdf.isEmpty())
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot write the PDF to %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool CertificateRenderer::print(QPrinter& printer, const QList<CertificateDocument>& batch, PrintMode mode,
    const Calibration& calibration, QString* error) const
{
    QList<Layout> layouts;
    if (!layOutBatch(m_template, batch, &layouts, error))
        return false;
    printer.setFullPage(true);
    printer.setPageSize(m_template.pageSize());
    printer.setPageOrientation(m_template.orientation());
    printer.setDocName(m_template.name());

    QPainter painter;
    if (!painter.begin(&printer)) {
        if (error)
            *error = printer.outputFileName().isEmpty() ? tr("The printer %1 is not ready.").arg(printer.printerName())
                                                        : tr("Cannot write to %1.").arg(printer.outputFileName());
        return false;
    }
    for (int i = 0; i < batch.size(); ++i) {
        if (i > 0 && !printer.newPage()) {
            painter.end();
            if (error)
                *error = tr("The printer stopped after certificate %1 of %2.").arg(i).arg(batch.size());
            return false;
        }
        painter.save();
        painter.scale(printer.logicalDpiX() / 25.4, printer.logicalDpiY() / 25.4);
        paintCertificate(painter, m_template, batch[i], layouts[i], mode, calibration);
        painter.restore();
    }
    if (!painter.end()) {
        if (error)
            *error = tr("The printer did not accept the certificates.");
        return false;
    }
    return true;
}

} // namespace oneseal::print
