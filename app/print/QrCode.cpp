#include "print/QrCode.h"

#include <QPainter>
#include <QPainterPath>

#include <qrencode.h>
#include <zbar.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace oneseal::print {

QrCode::QrCode(int size, QVector<bool> modules)
    : m_size(size)
    , m_modules(std::move(modules))
{ }

std::optional<QrCode> QrCode::encode(const QByteArray& data, QString* error)
{
    if (data.isEmpty()) {
        if (error)
            *error = tr("There is nothing to put in the QR code.");
        return std::nullopt;
    }
    errno = 0;
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(int(data.size()), reinterpret_cast<const unsigned char*>(data.constData()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code) {
        if (error) {
            if (errno == ERANGE)
                *error = tr("The QR code content is too long (%1 bytes); a QR code at error correction level M "
                            "holds at most 2331 bytes.")
                             .arg(data.size());
            else
                *error = tr("The QR code could not be made: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        }
        return std::nullopt;
    }
    const int width = code->width;
    QVector<bool> modules(width * width);
    for (int i = 0; i < width * width; ++i)
        modules[i] = (code->data[i] & 0x01) != 0;
    return QrCode(width, std::move(modules));
}

std::optional<QrCode> QrCode::encodeText(const QByteArray& text, QString* error)
{
    if (text.isEmpty() || text.contains('\0')) {
        if (error)
            *error = text.isEmpty() ? tr("There is nothing to put in the QR code.")
                                    : tr("The QR code text contains a NUL character.");
        return std::nullopt;
    }
    errno = 0;
    const QByteArray terminated = text; // QByteArray data is NUL-terminated
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(terminated.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code) {
        if (error) {
            if (errno == ERANGE)
                *error = tr("The QR code content is too long (%1 characters).").arg(text.size());
            else
                *error = tr("The QR code could not be made: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        }
        return std::nullopt;
    }
    const int width = code->width;
    QVector<bool> modules(width * width);
    for (int i = 0; i < width * width; ++i)
        modules[i] = (code->data[i] & 0x01) != 0;
    return QrCode(width, std::move(modules));
}

bool QrCode::module(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_size || y >= m_size)
        return false;
    return m_modules[y * m_size + x];
}

void QrCode::paint(QPainter& p, const QRectF& target) const
{
    if (m_size <= 0 || target.isEmpty())
        return;
    const int total = m_size + 2 * kQuietZone;
    const double side = qMin(target.width(), target.height());
    const double unit = side / total;
    const QPointF origin(target.center().x() - side / 2, target.center().y() - side / 2);

    // Each horizontal run of dark modules is one rectangle; the winding rule fills their union.
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    for (int y = 0; y < m_size; ++y) {
        int x = 0;
        while (x < m_size) {
            if (!module(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < m_size && module(x, y))
                ++x;
            path.addRect(QRectF(origin.x() + (start + kQuietZone) * unit, origin.y() + (y + kQuietZone) * unit,
                                (x - start) * unit, unit));
        }
    }

    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(QRectF(origin, QSizeF(side, side)), Qt::white);
    p.fillPath(path, Qt::black);
    p.restore();
}

QImage QrCode::toImage(int moduleSizePx) const
{
    if (m_size <= 0)
        return {};
    const int unit = qMax(1, moduleSizePx);
    const int total = (m_size + 2 * kQuietZone) * unit;
    QImage image(total, total, QImage::Format_Grayscale8);
    image.fill(255);
    for (int y = 0; y < m_size; ++y) {
        for (int x = 0; x < m_size; ++x) {
            if (!module(x, y))
                continue;
            for (int dy = 0; dy < unit; ++dy) {
                uchar* line = image.scanLine((y + kQuietZone) * unit + dy);
                std::memset(line + (x + kQuietZone) * unit, 0, size_t(unit));
            }
        }
    }
    return image;
}

QList<QByteArray> QrCode::decode(const QImage& image)
{
    QList<QByteArray> found;
    if (image.isNull())
        return found;

    // zbar wants tightly packed 8-bit grey; QImage rows may be padded, so copy row by row.
    QImage grey = image;
    if (grey.hasAlphaChannel()) {
        // Transparent areas are paper: flatten onto white before dropping the alpha channel.
        QImage flat(grey.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter painter(&flat);
        painter.drawImage(0, 0, grey);
        painter.end();
        grey = flat;
    }
    grey = grey.convertToFormat(QImage::Format_Grayscale8);
    const int w = grey.width();
    const int h = grey.height();
    QByteArray buffer(qsizetype(w) * h, Qt::Uninitialized);
    for (int y = 0; y < h; ++y)
        std::memcpy(buffer.data() + qsizetype(y) * w, grey.constScanLine(y), size_t(w));

    std::unique_ptr<zbar::zbar_image_scanner_t, decltype(&zbar::zbar_image_scanner_destroy)> scanner(
        zbar::zbar_image_scanner_create(), &zbar::zbar_image_scanner_destroy);
    zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
    zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
    zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_BINARY, 1);

    std::unique_ptr<zbar::zbar_image_t, decltype(&zbar::zbar_image_destroy)> zimage(zbar::zbar_image_create(),
                                                                                    &zbar::zbar_image_destroy);
    zbar::zbar_image_set_format(zimage.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar::zbar_image_set_size(zimage.get(), unsigned(w), unsigned(h));
    zbar::zbar_image_set_data(zimage.get(), buffer.constData(), (unsigned long)buffer.size(), nullptr);

    if (zbar::zbar_scan_image(scanner.get(), zimage.get()) <= 0)
        return found;
    for (const zbar::zbar_symbol_t* symbol = zbar::zbar_image_first_symbol(zimage.get()); symbol;
         symbol = zbar::zbar_symbol_next(symbol)) {
        if (zbar::zbar_symbol_get_type(symbol) != zbar::ZBAR_QRCODE)
            continue;
        found.append(QByteArray(zbar::zbar_symbol_get_data(symbol), int(zbar::zbar_symbol_get_data_length(symbol))));
    }
    return found;
}

} // namespace oneseal::print
