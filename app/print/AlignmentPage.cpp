#include "print/AlignmentPage.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <QPrinter>
#include <QSaveFile>

namespace oneseal::print {

namespace {

    constexpr double kTextUnitsPerMm = 100.0;
    const QColor kGuide(160, 160, 160);

    QFont pageFont(double pt, bool bold = false)
    {
        QFont font;
        font.setFamilies({ QStringLiteral("Noto Sans CJK SC"), QStringLiteral("WenQuanYi Micro Hei"),
            QStringLiteral("sans-serif") });
        font.setPixelSize(qRound(pt * 25.4 / 72.0 * kTextUnitsPerMm));
        font.setBold(bold);
        font.setHintingPreference(QFont::PreferNoHinting);
        return font;
    }

    double widthOf(const QFont& font, const QString& text)
    {
        return QFontMetricsF(font).horizontalAdvance(text) / kTextUnitsPerMm;
    }

    /** Draws @p text with its baseline starting at @p origin (millimetres). */
    void drawText(
        QPainter& p, const QFont& font, const QPointF& origin, const QString& text, const QColor& color = Qt::black)
    {
        p.save();
        p.scale(1 / kTextUnitsPerMm, 1 / kTextUnitsPerMm);
        p.setFont(font);
        p.setPen(color);
        p.drawText(origin * kTextUnitsPerMm, text);
        p.restore();
    }

    QString mm(double value)
    {
        return QString::number(value, 'f', 1);
    }

} // namespace

AlignmentPage::AlignmentPage(CertificateTemplate certificateTemplate)
    : m_template(std::move(certificateTemplate))
{ }

QList<AlignmentPage::Cross> AlignmentPage::crosses() const
{
    const QSizeF sheet = m_template.sheetMm();
    return {
        { QStringLiteral("A"), QPointF(kInsetMm, kInsetMm) },
        { QStringLiteral("B"), QPointF(sheet.width() - kInsetMm, kInsetMm) },
        { QStringLiteral("C"), QPointF(kInsetMm, sheet.height() - kInsetMm) },
        { QStringLiteral("D"), QPointF(sheet.width() - kInsetMm, sheet.height() - kInsetMm) },
        { QStringLiteral("E"), QPointF(sheet.width() / 2, sheet.height() / 2) },
    };
}

void AlignmentPage::render(QPainter& p, const Calibration& calibration) const
{
    const QSizeF sheet = m_template.sheetMm();
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.setTransform(calibration.transform(), true);

    // Where the template's fields, seal and QR code go, faint and dashed.
    const QFont small = pageFont(6.5);
    QPen guide(kGuide, 0.2, Qt::DashLine);
    p.setBrush(Qt::NoBrush);
    for (const CertificateTemplate::Field& field : m_template.fields()) {
        p.setPen(guide);
        p.drawRect(field.boxMm);
        drawText(p, small, field.boxMm.topLeft() + QPointF(0.6, 2.6), field.key, kGuide);
    }
    p.setPen(guide);
    if (m_template.hasSeal()) {
        const double r = m_template.sealDiameterMm() / 2;
        p.drawEllipse(m_template.sealCentreMm(), r, r);
    }
    if (m_template.hasQr())
        p.drawRect(m_template.qrRectMm());

    // Rulers along the top and left edges, numbered in millimetres from the sheet's corner.
    const QFont rulerFont = pageFont(6);
    p.setPen(QPen(Qt::black, 0.15, Qt::SolidLine, Qt::FlatCap));
    const double rulerStart = 30;
    for (int x = int(rulerStart); x <= int(sheet.width() - rulerStart); ++x) {
        const double length = x % 10 == 0 ? 4.0 : x % 5 == 0 ? 2.5 : 1.5;
        p.drawLine(QPointF(x, 4), QPointF(x, 4 + length));
        if (x % 10 == 0) {
            const QString label = QString::number(x);
            drawText(p, rulerFont, QPointF(x - widthOf(rulerFont, label) / 2, 11), label);
        }
    }
    p.drawLine(QPointF(rulerStart, 4), QPointF(int(sheet.width() - rulerStart), 4));
    for (int y = int(rulerStart); y <= int(sheet.height() - rulerStart); ++y) {
        const double length = y % 10 == 0 ? 4.0 : y % 5 == 0 ? 2.5 : 1.5;
        p.drawLine(QPointF(4, y), QPointF(4 + length, y));
        if (y % 10 == 0)
            drawText(p, rulerFont, QPointF(9, y + 0.8), QString::number(y));
    }
    p.drawLine(QPointF(4, rulerStart), QPointF(4, int(sheet.height() - rulerStart)));

    // The crosses, each labelled with its name and place, the label towards the middle of the sheet.
    const QFont label = pageFont(8, true);
    for (const Cross& cross : crosses()) {
        const QPointF c = cross.mm;
        p.setPen(QPen(Qt::black, 0.25, Qt::SolidLine, Qt::FlatCap));
        p.drawLine(c - QPointF(kArmMm, 0), c + QPointF(kArmMm, 0));
        p.drawLine(c - QPointF(0, kArmMm), c + QPointF(0, kArmMm));
        p.setPen(QPen(Qt::black, 0.15));
        p.drawEllipse(c, 2.5, 2.5);
        const QString text = tr("%1: %2, %3 mm").arg(cross.name, mm(c.x()), mm(c.y()));
        const double w = widthOf(label, text);
        const bool right = c.x() < sheet.width() / 2 || cross.name == QLatin1String("E");
        const bool below = c.y() < sheet.height() / 2 || cross.name == QLatin1String("E");
        const QPointF origin(
            right ? c.x() + kArmMm + 2 : c.x() - kArmMm - 2 - w, below ? c.y() + kArmMm + 4 : c.y() - kArmMm - 2);
        drawText(p, label, origin, text);
    }

    // What to do with it.
    const QFont title = pageFont(12, true);
    const QFont body = pageFont(9);
    QStringList lines = {
        tr("Print at actual size (no \"fit to page\") on the paper used for this certificate."),
        tr("Measure the centre of each cross from the paper's left and top edges and enter the figures:"),
        tr("the program works out the correction. The rulers count millimetres from the sheet's edges."),
    };
    if (!calibration.isIdentity())
        lines.append(tr("Printed with the correction: %1 mm right, %2 mm down, scale %3.")
                         .arg(mm(calibration.dxMm), mm(calibration.dyMm))
                         .arg(calibration.scale, 0, 'f', 4));
    const QString heading = tr("Alignment page: %1 (%2, %3 × %4 mm)")
                                .arg(m_template.name(), m_template.id(), mm(sheet.width()), mm(sheet.height()));
    double y = sheet.height() / 2 + kArmMm + 16;
    drawText(p, title, QPointF((sheet.width() - widthOf(title, heading)) / 2, y), heading);
    y += 7;
    for (const QString& line : lines) {
        drawText(p, body, QPointF((sheet.width() - widthOf(body, line)) / 2, y), line);
        y += 5;
    }
    p.restore();
}

QImage AlignmentPage::toImage(int dpi, const Calibration& calibration) const
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
    render(painter, calibration);
    painter.end();
    return image;
}

bool AlignmentPage::toPdf(const QString& path, const Calibration& calibration, QString* error) const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(300);
        writer.setPageLayout(QPageLayout(m_template.pageSize(), m_template.orientation(), QMarginsF(0, 0, 0, 0)));
        writer.setTitle(tr("Alignment page: %1").arg(m_template.name()));
        writer.setCreator(QStringLiteral("OneSeal"));
        QPainter painter;
        if (painter.begin(&writer)) {
            painter.scale(writer.logicalDpiX() / 25.4, writer.logicalDpiY() / 25.4);
            render(painter, calibration);
            painter.end();
        }
    }
    QSaveFile file(path);
    if (buffer.data().isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(buffer.data()) != buffer.size()
        || !file.commit()) {
        if (error)
            *error = tr("Cannot write the alignment page to %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool AlignmentPage::print(QPrinter& printer, const Calibration& calibration, QString* error) const
{
    printer.setFullPage(true);
    printer.setPageSize(m_template.pageSize());
    printer.setPageOrientation(m_template.orientation());
    printer.setDocName(tr("Alignment page: %1").arg(m_template.name()));
    QPainter painter;
    if (!painter.begin(&printer)) {
        if (error)
            *error = tr("The printer %1 is not ready.").arg(printer.printerName());
        return false;
    }
    painter.scale(printer.logicalDpiX() / 25.4, printer.logicalDpiY() / 25.4);
    render(painter, calibration);
    if (!painter.end()) {
        if (error)
            *error = tr("The printer did not accept the alignment page.");
        return false;
    }
    return true;
}

} // namespace oneseal::print
