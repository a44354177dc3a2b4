#include "Event.h"

#include "Crypto.h"

#include <QCborArray>
#include <QCborStreamWriter>
#include <QCborValue>

namespace oneseal::core {

QString Event::timeText(const QDateTime& time)
{
    if (time.timeSpec() != Qt::UTC || !time.isValid())
        return time.toString(Qt::ISODateWithMs);
    const QDate d = time.date();
    const QTime t = time.time();
    if (d.year() < 1 || d.year() > 9999)
        return time.toString(Qt::ISODateWithMs);
    // "yyyy-MM-ddTHH:mm:ss.zzzZ"
    char16_t out[24];
    auto put = [&out](int at, int value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            out[at + i] = char16_t(u'0' + value % 10);
    };
    put(0, d.year(), 4);
    out[4] = u'-';
    put(5, d.month(), 2);
    out[7] = u'-';
    put(8, d.day(), 2);
    out[10] = u'T';
    put(11, t.hour(), 2);
    out[13] = u':';
    put(14, t.minute(), 2);
    out[16] = u':';
    put(17, t.second(), 2);
    out[19] = u'.';
    put(20, t.msec(), 3);
    out[23] = u'Z';
    return QString(reinterpret_cast<const QChar*>(out), 24);
}

QDateTime Event::timeFromText(QStringView text)
{
    // The form timeText() writes for UTC; anything else through Qt's parser.
    static constexpr char kShape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    bool shaped = text.size() == 24;
    for (qsizetype i = 0; shaped && i < 24; ++i) {
        const char16_t c = text.at(i).unicode();
        shaped = kShape[i] == 'd' ? (c >= u'0' && c <= u'9') : c == char16_t(kShape[i]);
    }
    if (!shaped)
        return QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    auto number = [&text](int at, int digits) {
        int value = 0;
        for (int i = 0; i < digits; ++i)
            value = value * 10 + (text.at(at + i).unicode() - u'0');
        return value;
    };
    const QDate date(number(0, 4), number(5, 2), number(8, 2));
    const QTime time(number(11, 2), number(14, 2), number(17, 2), number(20, 3));
    if (!date.isValid() || !time.isValid())
        return QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    return QDateTime(date, time, Qt::UTC);
}

QCborMap Event::payload() const
{
    return QCborValue::fromCbor(payloadCbor).toMap();
}

void Event::setPayload(const QCborMap& map)
{
    payloadCbor = map.toCborValue().toCbor();
}

QByteArray Event::canonicalBytes() const
{
    // The CBOR array [1 (format version of the hashed record), uuid, case_id, kind, payload, user_id,
    // workstation, hlc, prev_hash], written straight (the bytes QCborArray::toCbor() gives for it,
    // checked in test_audit_chain) without building the array first: every event is hashed on every
    // replica it reaches.
    QByteArray bytes;
    bytes.reserve(160 + payloadCbor.size() + caseId.size() * 3);
    QCborStreamWriter w(&bytes);
    w.startArray(9);
    w.append(1);
    w.append(QLatin1StringView(id.toByteArray(QUuid::WithoutBraces)));
    w.append(caseId);
    w.append(kind);
    w.append(payloadCbor);
    w.append(userId);
    w.append(workstation);
    w.append(qint64(hlc));
    w.append(prevHash);
    w.endArray();
    return bytes;
}

QByteArray Event::computeHash() const
{
    return crypto::sha256(canonicalBytes());
}

} // namespace oneseal::core
