// libFuzzer: every message decoder behind a frame: events (push, pull replies, bundles), one event,
// skip runs of a pull, and the fields the hub reads from hello, lease, reference and blob frames.
#include "FuzzSupport.h"
#include "core/CborInteger.h"
#include "protocol/Frame.h"
#include "protocol/Protocol.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamReader>
#include <QCborValue>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace oneseal::sync;
    QCborStreamReader reader(oneseal::fuzz::bytesOf(data, size));
    const QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return 0; // Qt 6.4 may leave a failed value's containers broken: never touched (as the readers do)
    QString error;
    const QCborMap frame = value.toMap();
    // As the frame's fields, and as a bare value.
    for (const QCborValue& v : {frame.value(msg::list), value}) {
        if (const auto events = Protocol::decodeEvents(v, &error))
            for (const auto& e : *events)
                (void)e.hashIsValid();
        if (const auto e = Protocol::decodeEvent(v, &error))
            (void)Protocol::encodeEvent(*e);
        const SeqRanges skip = SeqRanges::fromCbor(v);
        (void)skip.toCbor();
    }
    (void)SeqRanges::fromCbor(frame.value(msg::skip));
    (void)oneseal::core::cborInteger(frame.value(msg::hlc));
    (void)oneseal::core::cborInteger(frame.value(msg::limit), 5000);
    (void)frame.value(msg::workstation).toString();
    const QCborMap have = frame.value(msg::have).toMap();
    for (auto it = have.constBegin(); it != have.constEnd(); ++it)
        (void)oneseal::core::cborInteger(it.value());
    for (const QCborValue& c : frame.value(msg::catalogs).toArray())
        (void)oneseal::core::cborInteger(c);
    (void)frame.value(msg::data).toByteArray();
    return 0;
}
