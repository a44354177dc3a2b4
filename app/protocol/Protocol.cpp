#include "Protocol.h"
#include "core/CborInteger.h"

#include "Pki.h"
#include "core/Crypto.h"

#include <algorithm>

namespace oneseal::sync {

namespace {
constexpr int kEventFields = 13;
constexpr int kLegacyEventFields = 11;
const char kBase32[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no I, O, 0, 1: easy to read aloud
} // namespace

void SeqRanges::add(qint64 seq)
{
    // The first run that ends at or after seq - 1 (could take seq at its end or hold it already).
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), seq - 1,
                               [](const Range& r, qint64 value) { return r.second < value; });
    if (it != m_ranges.end() && it->first <= seq + 1) {
        it->first = std::min(it->first, seq);
        it->second = std::max(it->second, seq);
        const auto next = it + 1;
        if (next != m_ranges.end() && next->first <= it->second + 1) { // seq closed a gap of one
            it->second = std::max(it->second, next->second);
            m_ranges.erase(next);
        }
        return;
    }
    m_ranges.insert(it, Range{seq, seq});
}

void SeqRanges::dropThrough(qint64 seq)
{
    while (!m_ranges.isEmpty() && m_ranges.constFirst().second <= seq)
        m_ranges.removeFirst();
    if (!m_ranges.isEmpty() && m_ranges.constFirst().first <= seq)
        m_ranges.first().first = seq + 1;
}

QCborArray SeqRanges::toCbor() const
{
    QCborArray list;
    for (qsizetype i = 0; i < m_ranges.size() && i < kMaxRanges; ++i)
        list.append(QCborArray{m_ranges.at(i).first, m_ranges.at(i).second});
    return list;
}

SeqRanges SeqRanges::fromCbor(const QCborValue& value)
{
    QList<Range> read;
    const QCborArray list = value.toArray();
    for (qsizetype i = 0; i < list.size() && read.size() < kMaxRanges; ++i) {
        const QCborArray pair = list.at(i).toArray();
        if (pair.size() != 2 || !pair.at(0).isInteger() || !pair.at(1).isInteger())
            continue;
        const qint64 first = core::cborInteger(pair.at(0)), last = core::cborInteger(pair.at(1));
        if (first > 0 && first <= last)
            read.append({first, last});
    }
    std::sort(read.begin(), read.end());
    SeqRanges ranges;
    for (const Range& r : std::as_const(read)) {
        if (!ranges.m_ranges.isEmpty() && r.first <= ranges.m_ranges.constLast().second + 1)
            ranges.m_ranges.last().second = std::max(ranges.m_ranges.constLast().second, r.second);
        else
            ranges.m_ranges.append(r);
    }
    return ranges;
}

QCborArray Protocol::encodeEvent(const core::Event& e)
{
    return QCborArray{e.id.toString(QUuid::WithoutBraces),
                      e.caseId,
                      e.kind,
                      e.payloadCbor,
                      e.userId,
                      e.workstation,
                      qint64(e.hlc),
                      e.prevHash,
                      e.hash,
                      core::Event::timeText(e.recordedAt),
                      e.serverSeq,
                      e.signature,
                      e.keyId};
}

std::optional<core::Event> Protocol::decodeEvent(const QCborValue& value, QString* error)
{
    const QCborArray a = value.toArray();
    auto bad = [error](const QString& why) {
        if (error)
            *error = tr("A received event is malformed: %1").arg(why);
        return std::nullopt;
    };
    // 11 fields: an unsigned legacy event of an older client; 13: with signature and key id.
    if (!value.isArray() || (a.size() != kEventFields && a.size() != kLegacyEventFields))
        return bad(tr("it does not have %1 fields").arg(kEventFields));
    for (int i : {0, 1, 2, 4, 5, 9})
        if (!a.at(i).isString())
            return bad(tr("field %1 is not text").arg(i));
    for (int i : {3, 7, 8})
        if (!a.at(i).isByteArray())
            return bad(tr("field %1 is not bytes").arg(i));
    if (!a.at(6).isInteger() || !a.at(10).isInteger() || core::cborInteger(a.at(6)) < 0 || core::cborInteger(a.at(10)) < 0)
        return bad(tr("its clock or sequence is not a positive integer"));
    core::Event e;
    e.id = QUuid::fromString(a.at(0).toString());
    e.caseId = a.at(1).toString();
    e.kind = a.at(2).toString();
    e.payloadCbor = a.at(3).toByteArray();
    e.userId = a.at(4).toString();
    e.workstation = a.at(5).toString();
    e.hlc = quint64(core::cborInteger(a.at(6)));
    e.prevHash = a.at(7).toByteArray();
    e.hash = a.at(8).toByteArray();
    e.recordedAt = core::Event::timeFromText(a.at(9).toString());
    e.serverSeq = core::cborInteger(a.at(10));
    if (a.size() == kEventFields) {
        if (!a.at(11).isByteArray() || !a.at(12).isString())
            return bad(tr("its signature is malformed"));
        e.signature = a.at(11).toByteArray();
        e.keyId = a.at(12).toString();
        if ((e.signature.isEmpty() != e.keyId.isEmpty()) || (!e.signature.isEmpty() && e.signature.size() != 64)
            || e.keyId.size() > 64)
            return bad(tr("its signature is malformed"));
    }
    if (e.id.isNull())
        return bad(tr("its id is not a UUID"));
    if (e.kind.isEmpty() || e.kind.size() > 100 || e.workstation.isEmpty() || e.workstation.size() > 100
        || e.userId.isEmpty())
        return bad(tr("its kind, workstation or user is missing"));
    if (e.hash.size() != 32 || (!e.prevHash.isEmpty() && e.prevHash.size() != 32))
        return bad(tr("its hashes have the wrong length"));
    if (!e.recordedAt.isValid())
        return bad(tr("its time is not a valid date"));
    return e;
}

QCborArray Protocol::encodeEvents(const QList<core::Event>& events)
{
    QCborArray a;
    for (const core::Event& e : events)
        a.append(encodeEvent(e));
    return a;
}

std::optional<QList<core::Event>> Protocol::decodeEvents(const QCborValue& value, QString* error)
{
    if (!value.isArray()) {
        if (error)
            *error = tr("The list of events is missing.");
        return std::nullopt;
    }
    QList<core::Event> events;
    for (const QCborValue& v : value.toArray()) {
        auto e = decodeEvent(v, error);
        if (!e)
            return std::nullopt;
        events << *e;
    }
    return events;
}

QByteArray Protocol::enrollProof(const QString& code, const QString& workstation, const QByteArray& publicKey,
                                 const QByteArray& hubCertificateDer)
{
    QCborArray a{QStringLiteral("oneseal-enroll-v1"), workstation, publicKey, core::crypto::sha256(hubCertificateDer)};
    return Pki::hmacSha256(normalizeCode(code).toUtf8(), a.toCborValue().toCbor());
}

QByteArray Protocol::hubProof(const QString& code, const QByteArray& clientCertificateDer,
                              const QByteArray& caCertificateDer)
{
    QCborArray a{QStringLiteral("oneseal-hub-v1"), clientCertificateDer, caCertificateDer};
    return Pki::hmacSha256(normalizeCode(code).toUtf8(), a.toCborValue().toCbor());
}

QString Protocol::normalizeCode(const QString& code)
{
    QString out;
    for (QChar c : code)
        if (c.isLetterOrNumber())
            out.append(c.toUpper());
    return out;
}

QString Protocol::newCode()
{
    const QByteArray random = core::crypto::randomBytes(20);
    QString code;
    for (int i = 0; i < 20; ++i) {
        if (i > 0 && i % 4 == 0)
            code.append(QLatin1Char('-'));
        code.append(QLatin1Char(kBase32[quint8(random.at(i)) % 32]));
    }
    return code;
}

QCborMap Protocol::errorFrame(const QString& reason, const QString& message)
{
    return QCborMap{{msg::type, msg::error}, {msg::reason, reason}, {msg::message, message}};
}

} // namespace oneseal::sync
