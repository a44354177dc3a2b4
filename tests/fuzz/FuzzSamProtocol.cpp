// libFuzzer: the ID card reader's answers (SamProtocol::take) fed in pieces as a serial line delivers
// them, and every read answer's card text through IdCardData::fromText and problem().
#include "FuzzSupport.h"
#include "devices/IdCardData.h"
#include "devices/SamProtocol.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace oneseal::devices;
    const QByteArray bytes = oneseal::fuzz::bytesOf(data, size);
    // The first byte chooses the piece size: answers arrive cut anywhere.
    const qsizetype step = size > 0 ? 1 + data[0] % 97 : 1;
    QByteArray buffer;
    for (qsizetype at = 0; at < bytes.size(); at += step) {
        buffer.append(bytes.mid(at, step));
        for (int guard = 0; guard < 10000; ++guard) {
            SamResponse r;
            QString error;
            const auto t = SamProtocol::take(buffer, &r, &error);
            if (t == SamProtocol::Take::NeedMore)
                break;
            if (t == SamProtocol::Take::Bad && error.isEmpty())
                __builtin_trap(); // a refusal always says why
            if (t == SamProtocol::Take::Frame && r.data.size() > SamProtocol::kMaxBody)
                __builtin_trap(); // never more than the limit
            if (t == SamProtocol::Take::Frame && r.data.size() >= 4 + SamProtocol::kTextSize) {
                if (const auto card = IdCardData::fromText(r.data.mid(4, SamProtocol::kTextSize), &error)) {
                    (void)card->problem(QDate(2026, 12, 5));
                    (void)card->sex();
                    (void)card->ethnicity();
                    (void)card->validityText();
                }
            }
        }
        if (buffer.size() > 2 * SamProtocol::kMaxBody + 16)
            __builtin_trap(); // take() keeps at most one frame in waiting
    }
    return 0;
}
