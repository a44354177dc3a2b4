#pragma once

#include <QCborMap>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace oneseal::core {

/**
 * The counter's own facts about a case, beside the intake: the hall's queue ticket the applicant was
 * served on, and the applicant's rating of the service (好差评). Both are events on the case:
 *
 *   counter.ticket {ticket, issued_at?, called_at?}  with the intake, by the accepting clerk
 *   counter.rated  {level}                           after the outcome, at the applicant's screen
 *
 * The ticket's time of issue comes from a scanned ticket when it carries one; called_at is when the
 * clerk pressed "next applicant"; the event's own time is when the applicant was served. Waiting
 * time is issued_at → called_at, service time called_at → the intake.
 */
namespace counter {

inline const QString ticketKind = QStringLiteral("counter.ticket");
inline const QString ratedKind = QStringLiteral("counter.rated");
inline const QString ticketKey = QStringLiteral("ticket");
inline const QString issuedAtKey = QStringLiteral("issued_at");
inline const QString calledAtKey = QStringLiteral("called_at");
inline const QString levelKey = QStringLiteral("level");

/** The national five-level rating of a government service (政务服务“好差评”). */
enum class Rating { VerySatisfied = 5, Satisfied = 4, Fair = 3, Dissatisfied = 2, VeryDissatisfied = 1 };

/** 非常满意, 满意, 基本满意, 不满意, 非常不满意 (the national words, shown as they are). */
QString ratingText(Rating rating);
std::optional<Rating> ratingFromLevel(qint64 level);

/** A queue ticket as typed or scanned. */
struct Ticket
{
    QString number;     ///< "A012": letters and digits, at most 16
    QDateTime issuedAt; ///< when the ticket was drawn, if the scanned code said so (UTC)
    bool isEmpty() const { return number.isEmpty(); }
};

class TicketRules
{
    Q_DECLARE_TR_FUNCTIONS(TicketRules)

public:
    static constexpr int kMaxNumber = 16;
    /**
     * Reads what the clerk typed or a scanner typed: the number alone ("A012") or, from a scanned
     * ticket, the number and the time it was drawn separated by '|' or ';' ("A012|2026-12-05T09:12:00+08:00").
     * Empty text gives an empty ticket. Nothing (with *error) when the number is not 1–16 letters and
     * digits or the time is not a time.
     */
    static std::optional<Ticket> parse(const QString& text, QString* error);
};

/**
 * Whether the payload of a counter.* event has its shape (admitted on every replica only then):
 * a ticket of 1–16 letters and digits and valid times; a rating level of 1 to 5. Empty when it does.
 */
QString payloadProblem(const QString& kind, const QCborMap& payload);

} // namespace counter

/**
 * What the applicant's screen may show of a person: the name with all but the first character
 * masked (张** / 欧阳**), and an ID number with only its first 3 and last 4 characters
 * (110***********1233). Nothing else of an applicant ever reaches that screen.
 */
QString maskedName(const QString& name);
QString maskedIdNumber(const QString& idNumber);

} // namespace oneseal::core
