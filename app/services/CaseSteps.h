#pragma once

#include "Session.h"
#include "core/CaseState.h"
#include "core/WorkCalendar.h"
#include "core/Workflow.h"

#include <QCborMap>
#include <QCoreApplication>

#include <functional>
#include <optional>

namespace oneseal::services {

/** A file handed in as evidence (photo or video of a site or a rectification). */
struct EvidenceFile
{
    QString fileName;
    QString mimeType;
    QByteArray data;
};

/**
 * What every back-office service does around its own rule: load the case's fold, ask
 * core::Workflow whether the session's user may take the step, and write the step's events in one
 * transaction (all or nothing). Not a use case itself.
 */
class CaseSteps
{
    Q_DECLARE_TR_FUNCTIONS(CaseSteps)

public:
    CaseSteps(Session& session, const core::WorkCalendar& calendar);

    Session& session() const { return m_session; }
    const core::WorkCalendar& calendar() const { return m_calendar; }
    /** Today at this workstation (local date of the session's clock). */
    QDate today() const;

    /** The fold of a case's events; nullopt with *error when there is no such case. */
    std::optional<core::CaseState> load(const QString& caseId, QString* error) const;
    /** The case when the user may take \a step on it now; otherwise nullopt with the reason. */
    std::optional<core::CaseState> prepare(const QString& caseId, core::WorkStep step, QString* error,
                                           const QString& matterCode = QString()) const;

    /** The hall's relaxation of the separations in force now (none: the strict rule). */
    core::SeparationPolicy separationPolicy() const;

    /** Runs \a writes inside one write transaction and commits; rolls everything back on failure. */
    bool inTransaction(const std::function<bool(QString*)>& writes, QString* error) const;
    /**
     * Appends one event of the case (inside inTransaction()); the payload gets the day (payload::date)
     * and the user's name (payload::userName) unless it already has them.
     */
    bool append(const QString& caseId, const QString& kind, QCborMap payload, QString* error) const;

    /**
     * Checks evidence files (not empty, at most kMaxEvidenceBytes, a sane name, an image or video —
     * or a PDF when \a allowPdf) and stores them as attachments of the case with attachment.added
     * events (inside inTransaction()); returns their SHA-256 in hex, or nullopt with *error.
     */
    std::optional<QStringList> storeEvidence(const QString& caseId, const QList<EvidenceFile>& files, bool allowPdf,
                                             QString* error) const;
    /** The same checks as storeEvidence() without writing; empty when every file is acceptable. */
    static QString checkEvidence(const QList<EvidenceFile>& files, bool allowPdf);

    static constexpr qint64 kMaxEvidenceBytes = 50 * 1024 * 1024;

private:
    Session& m_session;
    const core::WorkCalendar& m_calendar;
};

} // namespace oneseal::services
