#pragma once

#include <QCborMap>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

/**
 * Pre-printed certificate stock and the shift handover (issue 14 item 8): the rules, pure functions
 * of their inputs. A certificate operator receives numbered sheets in ranges (paper.received); every
 * certificate print and reprint uses the next sheet in number order; a sheet ruined in the printer
 * is recorded as spoiled with its number (paper.spoiled); a printed certificate voided later keeps
 * its sheet as voided. At the end of a shift the outgoing and the incoming user confirm a handover
 * report with their passwords (shift.handover).
 */
namespace oneseal::core {

namespace eventkind {
    inline const QString paperReceived = QStringLiteral("paper.received");
    inline const QString paperSpoiled = QStringLiteral("paper.spoiled");
    inline const QString shiftHandover = QStringLiteral("shift.handover");
} // namespace eventkind

namespace payload {
    inline const QString firstSheet = QStringLiteral("first_sheet");
    inline const QString lastSheet = QStringLiteral("last_sheet");
    inline const QString sheet = QStringLiteral("sheet");
    inline const QString incomingUser = QStringLiteral("incoming_user");
    inline const QString report = QStringLiteral("report"); ///< shift.handover: the figures of the report (CBOR map)
} // namespace payload

/** A range of numbered sheets received, both ends included. */
struct PaperRange
{
    qint64 first = 0;
    qint64 last = 0;
    qint64 size() const { return last - first + 1; }
};

/** The sheets of one workstation's stock and what became of them. */
struct PaperAccount
{
    qint64 received = 0; ///< sheets in every range received
    qint64 printed = 0; ///< certificate prints and reprints (one sheet each), voided ones included
    qint64 spoiled = 0;
    qint64 voided = 0; ///< of the printed sheets, those whose certificate was voided
    /** received - printed - spoiled; negative when more was used than received. */
    qint64 remaining() const { return received - printed - spoiled; }
    /** The number of the next sheet to be used; nullopt when the stock is used up or none was received. */
    std::optional<qint64> nextSheet;
    /** Each mismatch, a sentence for the user; empty when every sheet is accounted for. */
    QStringList mismatches;
};

class PaperStock
{
    Q_DECLARE_TR_FUNCTIONS(PaperStock)

public:
    /** The most sheets one range may hold (a box of stock is a few hundred). */
    static constexpr qint64 kMaxRangeSheets = 100000;
    /** The highest sheet number accepted. */
    static constexpr qint64 kMaxSheetNumber = 999999999;

    /**
     * The account of the stock: \a ranges received, \a printed prints and reprints, the numbers of
     * the \a spoiled sheets, \a voided certificates. With \a countedNextSheet (the number on top of the
     * pile, counted by the operator) a different next sheet is a mismatch too.
     */
    static PaperAccount account(const QList<PaperRange>& ranges, qint64 printed, const QList<qint64>& spoiled,
        qint64 voided, std::optional<qint64> countedNextSheet = std::nullopt);

    /** Why a new range cannot be received (bad numbers, overlapping one received); empty when it can. */
    static QString checkNewRange(const PaperRange& range, const QList<PaperRange>& received);
    /** Why \a sheet cannot be recorded as spoiled; empty when it can. */
    static QString checkSpoiled(qint64 sheet, const QList<PaperRange>& received, const QList<qint64>& spoiled);

    /**
     * The shape an event of these kinds must have on every replica (core::EventAdmission): ranges
     * and sheets in bounds, a reason for a spoiled sheet, a handover confirmed by another user who
     * is named. Empty when fine or when the kind is not one of them.
     */
    static QString shapeProblem(const QString& kind, const QCborMap& payload, const QString& author);
};

} // namespace oneseal::core
