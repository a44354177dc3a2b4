#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace oneseal::devices {

/** One answer of the SAM module: the three status bytes and the data that follow. */
struct SamResponse
{
    quint8 sw1 = 0;
    quint8 sw2 = 0;
    quint8 sw3 = 0;
    QByteArray data;
    /** SW1 SW2 are 00 00 and SW3 is the expected status. */
    bool is(quint8 status) const { return sw1 == 0 && sw2 == 0 && sw3 == status; }
};

/**
 * The serial protocol of the security module (SAM) inside a resident ID card reader (GA 467):
 *
 *     AA AA AA 96 69 | LEN1 LEN2 | body ... | CHK
 *
 * a fixed preamble, the length (big-endian) of what follows it (body and checksum), and the XOR of
 * every byte from LEN1 to the last byte of the body. A command's body is CMD PARA [data]; an
 * answer's body is SW1 SW2 SW3 [data]. The three commands a reading needs: find card (20 01,
 * answered 9F when a card lies on the reader, 80 when none), select card (20 02, 90 or 81) and read
 * text and photo (30 01, 90 followed by the text length, the photo length, 256 bytes of text and
 * 1024 bytes of compressed photo).
 *
 * take() cuts answers out of a byte stream as they arrive: it skips noise before a preamble, waits
 * for the rest of a frame, refuses a frame longer than kMaxBody or with a wrong checksum (and
 * resynchronises after it). Pure functions: no port, no clock.
 */
class SamProtocol
{
    Q_DECLARE_TR_FUNCTIONS(SamProtocol)

public:
    static constexpr quint8 kFindCard[2] = {0x20, 0x01};
    static constexpr quint8 kSelectCard[2] = {0x20, 0x02};
    static constexpr quint8 kReadText[2] = {0x30, 0x01};
    static constexpr quint8 kOk = 0x90;
    static constexpr quint8 kCardFound = 0x9F;
    static constexpr quint8 kNoCard = 0x80;
    static constexpr quint8 kSelectFailed = 0x81;
    /** The longest body accepted (a read answer is 3 + 4 + 256 + 1024 = 1287 bytes; some readers add fingerprints). */
    static constexpr int kMaxBody = 4096;
    static constexpr int kTextSize = 256;
    static constexpr int kPhotoSize = 1024;

    static QByteArray preamble() { return QByteArrayLiteral("\xAA\xAA\xAA\x96\x69"); }
    /** A command frame: preamble, length, CMD PARA data, checksum. */
    static QByteArray command(quint8 cmd, quint8 para, const QByteArray& data = QByteArray());
    /** An answer frame, as a reader sends it (for simulators and tests). */
    static QByteArray answer(quint8 sw1, quint8 sw2, quint8 sw3, const QByteArray& data = QByteArray());
    /** XOR of the bytes. */
    static quint8 checksum(const QByteArray& bytes);

    enum class Take { NeedMore, Frame, Bad };
    /**
     * Takes the first answer out of @p buffer (consumed bytes are removed). Frame: *response filled.
     * Bad: a frame was malformed (*error says how) and dropped; call again for what follows.
     * NeedMore: nothing complete yet (noise before a preamble is dropped).
     */
    static Take take(QByteArray& buffer, SamResponse* response, QString* error);

    /** What an SW3 status means, for a message to the clerk. */
    static QString statusText(quint8 sw3);
};

} // namespace oneseal::devices
