#include "Separation.h"

#include <QCborArray>

#include <algorithm>

namespace oneseal::core {

namespace {
const QList<Hand>& allHands()
{
    static const QList<Hand> hands{Hand::Accept, Hand::Review, Hand::Inspect, Hand::Decide, Hand::Issue};
    return hands;
}
const QString kPairs = QStringLiteral("pairs");
const QString kReasons = QStringLiteral("reasons");
const QString kInspectors = QStringLiteral("inspectors");
} // namespace

QString handKey(Hand hand)
{
    switch (hand) {
    case Hand::Accept: return QStringLiteral("accept");
    case Hand::Review: return QStringLiteral("review");
    case Hand::Inspect: return QStringLiteral("inspect");
    case Hand::Decide: return QStringLiteral("decide");
    case Hand::Issue: return QStringLiteral("issue");
    }
    return QString();
}

std::optional<Hand> handFromKey(const QString& key)
{
    for (Hand h : allHands())
        if (handKey(h) == key)
            return h;
    return std::nullopt;
}

QString handDisplayName(Hand hand)
{
    switch (hand) {
    case Hand::Accept: return Separation::tr("acceptance");
    case Hand::Review: return Separation::tr("review");
    case Hand::Inspect: return Separation::tr("site inspection");
    case Hand::Decide: return Separation::tr("decision and seal");
    case Hand::Issue: return Separation::tr("certificate issue");
    }
    return QString();
}

std::optional<Hand> handOfKind(const QString& kind)
{
    if (kind.startsWith(QLatin1String("intake.")))
        return Hand::Accept;
    if (kind.startsWith(QLatin1String("review.")))
        return Hand::Review;
    if (kind.startsWith(QLatin1String("inspection.")))
        return Hand::Inspect;
    if (kind.startsWith(QLatin1String("decision.")) || kind == QLatin1String("seal.applied"))
        return Hand::Decide;
    if (kind.startsWith(QLatin1String("certificate.")))
        return Hand::Issue;
    return std::nullopt;
}

void CaseHands::add(Hand hand, const QString& userId)
{
    if (!userId.isEmpty())
        m_users[int(hand)].insert(userId);
}

void CaseHands::note(const Event& event)
{
    const auto hand = handOfKind(event.kind);
    if (!hand)
        return;
    add(*hand, event.userId);
    if (event.kind == QLatin1String("inspection.scheduled"))
        for (const QCborValue& v : event.payload().value(kInspectors).toArray())
            add(Hand::Inspect, v.toString());
}

QSet<Hand> CaseHands::handsOf(const QString& userId) const
{
    QSet<Hand> hands;
    for (auto it = m_users.constBegin(); it != m_users.constEnd(); ++it)
        if (it.value().contains(userId))
            hands.insert(Hand(it.key()));
    return hands;
}

bool SeparationPolicy::allows(Hand a, Hand b) const
{
    if (a == b)
        return true;
    const QPair<Hand, Hand> p = int(a) < int(b) ? qMakePair(a, b) : qMakePair(b, a);
    return relaxed.contains(p);
}

QStringList SeparationPolicy::pairKeys() const
{
    QStringList keys;
    for (const auto& p : relaxed)
        keys << handKey(p.first) + QLatin1Char('+') + handKey(p.second);
    return keys;
}

std::optional<SeparationPolicy> SeparationPolicy::fromPairKeys(const QStringList& keys, QString* error)
{
    auto fail = [error](const QString& text) -> std::optional<SeparationPolicy> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (keys.size() > kMaxPairs)
        return fail(Separation::tr("At most %1 pairs of steps can be relaxed.").arg(kMaxPairs));
    SeparationPolicy policy;
    for (const QString& key : keys) {
        const QStringList parts = key.trimmed().split(QLatin1Char('+'));
        const auto a = parts.size() == 2 ? handFromKey(parts.at(0).trimmed()) : std::nullopt;
        const auto b = parts.size() == 2 ? handFromKey(parts.at(1).trimmed()) : std::nullopt;
        if (!a || !b)
            return fail(Separation::tr("\"%1\" is not a pair of steps; write two of accept, review, inspect, decide, "
                                       "issue joined by +, e.g. review+inspect.")
                            .arg(key.left(40)));
        if (*a == *b)
            return fail(Separation::tr("\"%1\" names the same step twice.").arg(key.left(40)));
        const QPair<Hand, Hand> p = int(*a) < int(*b) ? qMakePair(*a, *b) : qMakePair(*b, *a);
        if (policy.relaxed.contains(p))
            return fail(Separation::tr("The pair \"%1\" is named twice.").arg(key.left(40)));
        policy.relaxed << p;
    }
    std::sort(policy.relaxed.begin(), policy.relaxed.end());
    return policy;
}

std::optional<SeparationPolicy> SeparationPolicy::fromPayload(const QCborMap& payload, QString* error)
{
    const QCborValue pairs = payload.value(kPairs);
    if (!pairs.isArray() || pairs.toArray().size() > kMaxPairs) {
        if (error)
            *error = Separation::tr("the relaxed pairs are missing or too many");
        return std::nullopt;
    }
    if (payload.value(kReasons).toString().trimmed().isEmpty() || payload.value(kReasons).toString().size() > 2000) {
        if (error)
            *error = Separation::tr("a relaxation of the separations without reasons");
        return std::nullopt;
    }
    QStringList keys;
    for (const QCborValue& v : pairs.toArray()) {
        if (!v.isString()) {
            if (error)
                *error = Separation::tr("a relaxed pair that is not text");
            return std::nullopt;
        }
        keys << v.toString();
    }
    return fromPairKeys(keys, error);
}

QCborMap SeparationPolicy::toPayload(const QString& reasons) const
{
    QCborArray pairs;
    for (const QString& k : pairKeys())
        pairs << k;
    return QCborMap{{kPairs, pairs}, {kReasons, reasons.trimmed()}};
}

QString Separation::check(Hand hand, const QString& userId, const CaseHands& hands, const SeparationPolicy& policy,
                          const QString& caseNo)
{
    if (userId.isEmpty())
        return QString();
    for (Hand other : allHands()) {
        if (other == hand || policy.allows(hand, other) || !hands.usersOf(other).contains(userId))
            continue;
        const QString which = caseNo.isEmpty() ? tr("this case") : tr("case %1").arg(caseNo);
        return tr("You took the %1 of %2. Acceptance, review, inspection, decision and issue are done by different "
                  "people: a colleague must do the %3.")
            .arg(handDisplayName(other), which, handDisplayName(hand));
    }
    return QString();
}

QString Separation::checkInspectors(const QStringList& inspectorIds, const CaseHands& hands,
                                    const SeparationPolicy& policy, const QString& caseNo)
{
    for (const QString& id : inspectorIds)
        for (Hand other : allHands()) {
            if (other == Hand::Inspect || policy.allows(Hand::Inspect, other) || !hands.usersOf(other).contains(id))
                continue;
            const QString which = caseNo.isEmpty() ? tr("this case") : tr("case %1").arg(caseNo);
            return tr("The inspector %1 took the %2 of %3 and may not inspect it.")
                .arg(id.left(64), handDisplayName(other), which);
        }
    return QString();
}

} // namespace oneseal::core
