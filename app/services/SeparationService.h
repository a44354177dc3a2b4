#pragma once

#include "Session.h"
#include "core/Separation.h"
#include "db/SeparationProjection.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::services {

/**
 * The hall's relaxation of the separations (core::Separation): a small county hall with too few
 * staff names the pairs of steps one person may both take on a case. Administrators only; every
 * change is a hall.separation_relaxed event with reasons, checked by every replica.
 */
class SeparationService
{
    Q_DECLARE_TR_FUNCTIONS(SeparationService)

public:
    explicit SeparationService(Session& session) : m_session(session) {}

    /** The relaxation in force, who set it and why; nullopt while the strict rule holds. */
    std::optional<db::SeparationPolicyRow> current() const;
    /**
     * Sets the relaxed pairs ("review+inspect", ...; an empty list restores the strict rule) with
     * \a reasons (required). Nothing is written on any problem.
     */
    bool relax(const QStringList& pairKeys, const QString& reasons, QString* error);
    /**
     * Relaxes (\a relaxed) or restores one pair ("review+decide") of the relaxation in force, after
     * the administrator's \a password; the other pairs stay as they are. Refused, with nothing written,
     * when the password is wrong, the pair is unknown or already in that state.
     */
    bool setPair(const QString& pairKey, bool relaxed, const QString& reasons, const QString& password,
                 QString* error);

    /** The policy every step and every dialog checks now (the strict rule when none is in force). */
    core::SeparationPolicy policy() const;
    /** Every pair of steps ("accept+review", ... "decide+issue"), in order. */
    static QStringList allPairKeys();

private:
    Session& m_session;
};

} // namespace oneseal::services
