#include "PaperStock.h"

#include "CaseState.h"
#include "CborInteger.h"

#include <algorithm>

namespace oneseal::core {

PaperAccount PaperStock::account(const QList<PaperRange>& ranges, qint64 printed, const QList<qint64>& spoiled,
    qint64 voided, std::optional<qint64> countedNextSheet)
{
    PaperAccount a;
    QList<PaperRange> sorted = ranges;
    std::sort(sorted.begin(), sorted.end(), [](const PaperRange& x, const PaperRange& y) { return x.first < y.first; });
    for (const PaperRange& r : sorted)
        a.received += r.size();
    a.printed = printed;
    a.spoiled = spoiled.size();
    a.voided = voided;
    // Sheets are used in number order: the next one is the (used + 1)-th of the sorted ranges.
    qint64 used = a.printed + a.spoiled;
    for (const PaperRange& r : sorted) {
        if (used < r.size()) {
            a.nextSheet = r.first + used;
            break;
        }
        used -= r.size();
    }
    if (a.remaining() < 0)
        a.mismatches << tr("%n sheet(s) more were used than received: record the stock that was used.", nullptr,
            int(std::min<qint64>(-a.remaining(), 1000000)));
    for (qint64 sheet : spoiled)
        if (std::none_of(
                sorted.begin(), sorted.end(), [&](const PaperRange& r) { return sheet >= r.first && sheet <= r.last; }))
            a.mismatches << tr("Spoiled sheet %1 is in no range received.").arg(sheet);
    if (a.voided > a.printed)
        a.mismatches << tr("More certificates were voided (%1) than sheets printed (%2).").arg(a.voided).arg(a.printed);
    if (countedNextSheet) {
        if (!a.nextSheet)
            a.mismatches
                << tr("The pile was counted at sheet %1, but the stock received is used up.").arg(*countedNextSheet);
        else if (*countedNextSheet != *a.nextSheet)
            a.mismatches << tr("The pile was counted at sheet %1, but the records say sheet %2 is next: %3 sheet(s) "
                               "unaccounted for.")
                                .arg(*countedNextSheet)
                                .arg(*a.nextSheet)
                                .arg(*countedNextSheet - *a.nextSheet);
    }
    return a;
}

QString PaperStock::checkNewRange(const PaperRange& range, const QList<PaperRange>& received)
{
    if (range.first < 1 || range.last > kMaxSheetNumber || range.last < range.first)
        return tr("A range runs from a first to a last sheet number, both between 1 and %1.").arg(kMaxSheetNumber);
    if (range.size() > kMaxRangeSheets)
        return tr("A range holds at most %1 sheets.").arg(kMaxRangeSheets);
    for (const PaperRange& r : received)
        if (range.first <= r.last && r.first <= range.last)
            return tr("Sheets %1–%2 overlap the range %3–%4 received before.")
                .arg(range.first)
                .arg(range.last)
                .arg(r.first)
                .arg(r.last);
    return QString();
}

QString PaperStock::checkSpoiled(qint64 sheet, const QList<PaperRange>& received, const QList<qint64>& spoiled)
{
    if (std::none_of(
            received.begin(), received.end(), [&](const PaperRange& r) { return sheet >= r.first && sheet <= r.last; }))
        return tr("Sheet %1 is in no range received at this workstation.").arg(sheet);
    if (spoiled.contains(sheet))
        return tr("Sheet %1 is already recorded as spoiled.").arg(sheet);
    return QString();
}

QString PaperStock::shapeProblem(const QString& kind, const QCborMap& p, const QString& author)
{
    if (kind == eventkind::paperReceived) {
        const PaperRange r { cborInteger(p.value(payload::firstSheet)), cborInteger(p.value(payload::lastSheet)) };
        return checkNewRange(r, {});
    }
    if (kind == eventkind::paperSpoiled) {
        const qint64 sheet = cborInteger(p.value(payload::sheet));
        if (sheet < 1 || sheet > kMaxSheetNumber)
            return tr("a spoiled sheet without a valid number");
        if (p.value(payload::reasons).toString().trimmed().isEmpty())
            return tr("a spoiled sheet without a reason");
        return QString();
    }
    if (kind == eventkind::shiftHandover) {
        const QString incoming = p.value(payload::incomingUser).toString();
        if (incoming.isEmpty() || incoming == author)
            return tr("a shift handover not confirmed by another user");
        if (!p.value(payload::report).isMap() || p.value(payload::documentHash).toString().size() != 64)
            return tr("a shift handover without its report and hash");
    }
    return QString();
}

} // namespace oneseal::core
