#pragma once

#include "Event.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace oneseal::core {

/**
 * The separate hands of one case (行政许可 "四分离" and more): whoever accepted, reviewed, inspected,
 * decided (and sealed) or issued (numbered, printed, handed over) a case does no other of these
 * steps on it. Inspection takes two people, each of them neither the acceptor nor the decider.
 */
enum class Hand {
    Accept,  ///< 受理: intake.*
    Review,  ///< 审查: review.*
    Inspect, ///< 勘验: inspection.* and every inspector a visit names
    Decide,  ///< 审批/用印: decision.*, seal.applied
    Issue,   ///< 制证/出证: certificate.*
};

/** Stable key of a hand ("accept", "review", "inspect", "decide", "issue"). */
QString handKey(Hand hand);
std::optional<Hand> handFromKey(const QString& key);
/** The hand's name in the user's language. */
QString handDisplayName(Hand hand);
/** The hand an event kind is a step of; nullopt for kinds outside the separations. */
std::optional<Hand> handOfKind(const QString& kind);

/** Who did which step of one case, gathered from its admitted events in order. */
class CaseHands
{
public:
    /** Takes the event's author (and, for a scheduled visit, every inspector it names) into its hand. */
    void note(const Event& event);
    void add(Hand hand, const QString& userId);
    /** The hands \a userId took on this case. */
    QSet<Hand> handsOf(const QString& userId) const;
    QSet<QString> usersOf(Hand hand) const { return m_users.value(int(hand)); }
    bool isEmpty() const { return m_users.isEmpty(); }

private:
    QHash<int, QSet<QString>> m_users;
};

/**
 * The hall's relaxation of the separations: named pairs of hands one person may both take on a case
 * (a small county hall with too few staff). Set by an administrator with reasons as one
 * hall.separation_relaxed event (the whole set; an empty set restores the strict rule); the latest
 * by hybrid logical clock holds.
 */
struct SeparationPolicy
{
    QList<QPair<Hand, Hand>> relaxed; ///< each pair once, the smaller hand first

    bool allows(Hand a, Hand b) const;
    /** "accept+review" style keys of the relaxed pairs, in order. */
    QStringList pairKeys() const;

    /**
     * Parses pair keys ("review+inspect"): each two different known hands, each pair once, at most
     * kMaxPairs. nullopt with *error (a tr() sentence) otherwise.
     */
    static std::optional<SeparationPolicy> fromPairKeys(const QStringList& keys, QString* error);
    /** The policy a hall.separation_relaxed payload sets; nullopt with *error when malformed. */
    static std::optional<SeparationPolicy> fromPayload(const QCborMap& payload, QString* error);
    QCborMap toPayload(const QString& reasons) const;

    static QString eventKind() { return QStringLiteral("hall.separation_relaxed"); }
    static constexpr int kMaxPairs = 10; ///< every pair of the five hands
};

/** The rule itself, used by core::Workflow (services) and core::EventAdmission (every replica). */
class Separation
{
    Q_DECLARE_TR_FUNCTIONS(Separation)

public:
    /**
     * Empty when \a userId may take a step of \a hand on a case whose hands so far are \a hands;
     * otherwise a sentence naming the step the user already took on case \a caseNo.
     */
    static QString check(Hand hand, const QString& userId, const CaseHands& hands, const SeparationPolicy& policy,
                         const QString& caseNo = QString());
    /** check() for every inspector a visit names (each must be free of every other hand). */
    static QString checkInspectors(const QStringList& inspectorIds, const CaseHands& hands,
                                   const SeparationPolicy& policy, const QString& caseNo = QString());
};

} // namespace oneseal::core
