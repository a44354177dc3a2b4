// libFuzzer: the frame decoder (FrameReader) fed the input in pieces, at both size limits.
#include "FuzzSupport.h"
#include "protocol/Frame.h"

#include <QCborMap>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using oneseal::sync::FrameReader;
    const QByteArray bytes = oneseal::fuzz::bytesOf(data, size);
    for (const qint64 limit : {qint64(4096), oneseal::sync::Frame::kMaxBytes}) {
        FrameReader reader(limit);
        // The first byte chooses the piece size: frames arrive cut anywhere.
        const qsizetype step = size > 0 ? 1 + data[0] % 61 : 1;
        for (qsizetype at = 0; at < bytes.size(); at += step) {
            reader.append(bytes.mid(at, step));
            for (;;) {
                QCborMap frame;
                QString error;
                const auto status = reader.next(&frame, &error);
                if (status != FrameReader::Status::Ready)
                    break;
                if (!frame.value(QStringLiteral("t")).isString())
                    __builtin_trap(); // a Ready frame always has its type
            }
        }
    }
    return 0;
}
