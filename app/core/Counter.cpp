#include "Counter.h"

#include <QCborValue>

namespace oneseal::core {

namespace counter {

QString ratingText(Rating rating)
{
    switch (rating) {
    case Rating::VerySatisfied: return QStringLiteral("非常满意");
    case Rating::Satisfied: return QStringLiteral("满意");
    case Rating::Fair: return QStringLiteral("基本满意");
    case Rating::Dissatisfied: return QStringLiteral("不满意");
    case Rating::VeryDissatisfied: return QStringLiteral("非常不满意");
    }
    return QString();
}

std::optional<Rating> ratingFromLevel(qint64 level)
{
    if (level < 1 || level > 5)
        return std::nullopt;
    return Rating(int(level));
}

namespace {
bool numberShape(const QString& n)
{
    if (n.isEmpty() || n.size() > TicketRules::kMaxNumber)
        return false;
    for (const QChar c : n)
        if (!(c.isDigit() || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))) || c.unicode() > 127)
            return false;
    return true;
}

bool timeShape(const QCborValue& v)
{
    return v.isUndefined() || (v.isString() && QDateTime::fromString(v.toString(), Qt::ISODateWithMs).isValid());
}
} // namespace

std::optional<Ticket> TicketRules::parse(const QString& text, QString* error)
{
    auto fail = [error](const QString& why) -> std::optional<Ticket> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString t = text.trimmed();
    if (t.isEmpty())
        return Ticket{};
    if (t.size() > 80)
        return fail(tr("The queue ticket is too long."));
    const qsizetype cut = std::max(t.indexOf(QLatin1Char('|')), t.indexOf(QLatin1Char(';')));
    Ticket ticket;
    ticket.number = (cut < 0 ? t : t.left(cut)).trimmed().toUpper();
    if (!numberShape(ticket.number))
        return fail(tr("A queue ticket number is 1 to 16 letters and digits, like A012."));
    if (cut >= 0) {
        ticket.issuedAt = QDateTime::fromString(t.mid(cut + 1).trimmed(), Qt::ISODate);
        if (!ticket.issuedAt.isValid())
            return fail(tr("The scanned ticket's time is not a time."));
        ticket.issuedAt = ticket.issuedAt.toUTC();
    }
    return ticket;
}

QString payloadProblem(const QString& kind, const QCborMap& payload)
{
    if (kind == ticketKind) {
        if (!numberShape(payload.value(ticketKey).toString()))
            return TicketRules::tr("a queue ticket event without a valid ticket number");
        if (!timeShape(payload.value(issuedAtKey)) || !timeShape(payload.value(calledAtKey)))
            return TicketRules::tr("a queue ticket event with a malformed time");
        return QString();
    }
    if (kind == ratedKind) {
        const QCborValue level = payload.value(levelKey);
        if (!level.isInteger() || !ratingFromLevel(level.toInteger()))
            return TicketRules::tr("a rating that is not one of the five levels");
        return QString();
    }
    return QString();
}

} // namespace counter

QString maskedName(const QString& name)
{
    const QString n = name.trimmed();
    if (n.isEmpty())
        return QString();
    // Compound surnames keep two characters when the name is long enough to still hide the given name.
    static const QStringList compound{QStringLiteral("欧阳"), QStringLiteral("司马"), QStringLiteral("上官"),
                                      QStringLiteral("诸葛"), QStringLiteral("东方"), QStringLiteral("皇甫"),
                                      QStringLiteral("令狐"), QStringLiteral("慕容"), QStringLiteral("夏侯")};
    int keep = 1;
    for (const QString& c : compound)
        if (n.startsWith(c) && n.size() > 2)
            keep = 2;
    if (n.size() == 1)
        return QStringLiteral("*");
    return n.left(keep) + QString(n.size() - keep, QLatin1Char('*'));
}

QString maskedIdNumber(const QString& idNumber)
{
    const QString n = idNumber.trimmed();
    if (n.size() <= 7)
        return QString(n.size(), QLatin1Char('*'));
    return n.left(3) + QString(n.size() - 7, QLatin1Char('*')) + n.right(4);
}

} // namespace oneseal::core
