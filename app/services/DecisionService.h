#pragma once

#include "CaseSteps.h"

#include <QCoreApplication>

namespace oneseal::services {

/**
 * The decision (审批) and the seal (用印): approve or refuse with reasons, by an approver only and
 * never by the clerk who accepted the case; the approver re-enters the password to apply the seal,
 * and every use is a seal.applied event with the document's hash, the user, the time and the
 * workstation (the seal register, 用印登记).
 */
class DecisionService
{
    Q_DECLARE_TR_FUNCTIONS(DecisionService)

public:
    /** With the session's calendar (Session::calendar()). */
    explicit DecisionService(Session& session);
    DecisionService(Session& session, const core::WorkCalendar& calendar);

    /**
     * Approves the case (准予许可); \a notes are optional. In a bundle case \a matterCode names the
     * matter decided (each matter has its own decision; the case is decided once every matter is);
     * empty decides every matter at once.
     */
    std::optional<core::CaseState> approve(const QString& caseId, const QString& notes, QString* error,
                                           const QString& matterCode = QString());
    /**
     * Refuses the case (不予许可) with \a reasons (required, art. 38). The case is completed (办结) and
     * its on-time status fixed: decided on or before the promised date shifted by every pause.
     */
    std::optional<core::CaseState> refuse(const QString& caseId, const QString& reasons, QString* error,
                                          const QString& matterCode = QString());

    /**
     * Applies the seal to a decided case's document: re-checks \a password, then records
     * seal.applied with \a documentHash (the SHA-256 of the document, 32 bytes) and \a documentTitle.
     */
    std::optional<core::CaseState> applySeal(const QString& caseId, const QString& password,
                                             const QByteArray& documentHash, const QString& documentTitle,
                                             QString* error, const QString& matterCode = QString());

private:
    /** Records one matter's decision, and the case's once it completes the set. */
    std::optional<core::CaseState> decideMatter(const core::CaseState& state, const QString& matterCode, bool approved,
                                                const QString& reasons, QString* error);
    CaseSteps m_steps;
};

} // namespace oneseal::services
