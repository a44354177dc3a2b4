#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QRectF>
#include <QVector>

#include <optional>

class QPainter;

namespace oneseal::print {

/**
 * A QR code symbol as a grid of modules. libqrencode makes it (byte mode, error correction M) and
 * zbar reads it back, so a printed notice or certificate can be checked by the same program.
 */
class QrCode
{
    Q_DECLARE_TR_FUNCTIONS(QrCode)

public:
    /**
     * Encodes @p data as-is (8-bit byte mode, error correction level M, the smallest version that
     * holds it). Returns nothing and sets @p error when the data is empty or too long for a QR code.
     */
    static std::optional<QrCode> encode(const QByteArray& data, QString* error);

    /**
     * Encodes the ASCII text @p text (no NUL) letting libqrencode pick the mode of each segment, so
     * runs of digits, capitals and " $%*+-./:" take numeric or alphanumeric mode (5.5 bits a
     * character instead of 8). Certificate payloads are base45 for this reason: the symbol is a few
     * versions smaller than encode() would make it. Error correction level M.
     */
    static std::optional<QrCode> encodeText(const QByteArray& text, QString* error);

    /** The number of modules along one side, without the quiet zone. */
    int size() const { return m_size; }

    /** Whether the module at column @p x, row @p y is dark; false outside the symbol. */
    bool module(int x, int y) const;

    /**
     * Paints the symbol with a 4-module white quiet zone, as large as fits centred in @p target, in
     * whatever units the painter uses (millimetres on documents, pixels on screen). The modules are
     * filled as one path without antialiasing so that scanners see crisp edges.
     */
    void paint(QPainter& p, const QRectF& target) const;

    /** An image of the symbol and its quiet zone, @p moduleSizePx pixels per module (at least 1). */
    QImage toImage(int moduleSizePx) const;

    /**
     * Every QR code zbar finds in @p image, as raw bytes (no text conversion), in the order zbar
     * reports them. Empty when there is none or the image is null. Meant for verification and tests.
     */
    static QList<QByteArray> decode(const QImage& image);

    /** The number of modules of the quiet zone on each side, as the QR standard asks. */
    static constexpr int kQuietZone = 4;

private:
    QrCode(int size, QVector<bool> modules);

    int m_size = 0;
    QVector<bool> m_modules;
};

} // namespace oneseal::print
