#pragma once

#include "Session.h"
#include "core/CaseState.h"
#include "core/Catalog.h"
#include "core/Workflow.h"
#include "db/BackOfficeRepository.h"
#include "db/EventLogRepository.h"
#include "db/IntakeRepository.h"

#include <QDate>

#include <memory>
#include <optional>

namespace oneseal::services {

/** The rows the read side hands to windows (stored by db/, named here so that widgets need no db/ header). */
using CaseSummary = db::CaseSummary;
using RecentEvent = db::RecentEvent;

/**
 * The read side of cases, shared by every window and model that shows one: a case's state (the
 * fold of its events), its summary line, its documents (certificates, attached scans) and the
 * catalog version it was accepted under, from the session's catalog cache. It checks no role and
 * writes nothing; constructing one costs nothing (no catalog is parsed), so a widget may make one
 * per call. Use cases that change a case stay in their services.
 */
class CaseReader
{
public:
    explicit CaseReader(Session& session) : m_session(session) {}

    /** The fold of the case's events; nothing when the case has none here. */
    std::optional<core::CaseState> state(const QString& caseId) const;
    /** The same, found by its case number. */
    std::optional<core::CaseState> stateByNumber(const QString& caseNo) const;
    /** The case's line in the cases projection (status, deadline, applicant), without folding. */
    std::optional<db::CaseSummary> summaryByNumber(const QString& caseNo) const;
    /**
     * By case number (prefix), applicant ID number, or applicant name fragment; newest first. Here and
     * in takenToday() the promised date is as shown now: certain unless it needs a missing calendar year.
     */
    QList<db::CaseSummary> search(const QString& text) const;
    /** The cases the session's user took in today (core::Clock, local day), newest first. */
    QList<db::CaseSummary> takenToday() const;

    /** The certificates taken for the case, as the projection lists them. */
    QList<db::CertificateRow> certificates(const QString& caseId) const;
    /** The bytes of an attached file, by its SHA-256 (hex). */
    std::optional<QByteArray> attachmentData(const QString& sha256) const;

    /** The catalog version the case was accepted under (shared; parsed once per session). */
    std::shared_ptr<const core::Catalog> catalogOf(const core::CaseState& state) const;

    /** The last \a limit events of this workstation's database (its own and pulled ones), newest first. */
    QList<RecentEvent> recentEvents(int limit) const;

    /**
     * Why the session's user may not take \a step on a case in \a state now (role, status, and the
     * separations under the hall's policy in force, core::Workflow::check); empty when they may. The
     * dialogs grey their buttons by it, as the services refuse by it.
     */
    QString refusal(core::WorkStep step, const core::CaseState& state, const QString& matterCode = QString()) const;

    /** Today at this workstation: the session clock's local date. */
    QDate today() const;

private:
    /** The promised dates as shown under the session's calendar (core::Workflow::shownDeadlines()). */
    QList<db::CaseSummary> withShownDeadlines(QList<db::CaseSummary> cases) const;

    Session& m_session;
};

} // namespace oneseal::services
