#pragma once

#include "Session.h"
#include "core/AuditChain.h"
#include "db/BackOfficeRepository.h"
#include "db/EventLogRepository.h"

#include <QCoreApplication>

namespace oneseal::services {

/**
 * Audit: the hash chains of every workstation (verify-audit) and the seal register (用印登记),
 * viewable and exportable as CSV. Supervisors and administrators; the register also for approvers,
 * who hold the seal.
 */
class AuditService
{
    Q_DECLARE_TR_FUNCTIONS(AuditService)

public:
    explicit AuditService(Session& session);

    /** Walks every workstation's chain in this database and names the first bad event of each. */
    std::optional<core::AuditReport> verifyChains(QString* error) const;
    /**
     * The events this replica refused by the hall's rules (core::EventAdmission): kept, never folded,
     * each with its reason (Event::quarantine) and the workstation it came from. Supervisors and
     * administrators only.
     */
    std::optional<QList<core::Event>> quarantinedEvents(QString* error) const;

    /**
     * The seal register between two days (UTC; an invalid day leaves that end open), oldest first: one
     * row per sealed document. \a kind None lists every kind, another kind only its rows.
     */
    std::optional<QList<db::SealRegisterRow>> sealRegister(const QDate& from, const QDate& to, QString* error,
                                                           core::SealedDocument kind = core::SealedDocument::None) const;
    /**
     * The register as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read the
     * Chinese text), headers in the user's language: time (local), case number, document kind, document,
     * document SHA-256, user, user id, workstation, event id.
     */
    static QByteArray toCsv(const QList<db::SealRegisterRow>& rows);
    /** Writes the register as CSV to \a path (atomically); returns the number of rows written. */
    std::optional<int> exportSealRegister(const QString& path, const QDate& from, const QDate& to, QString* error,
                                          core::SealedDocument kind = core::SealedDocument::None) const;

    /**
     * The newest events of this database, newest first (kind, case number, user, workstation; never
     * their payloads), at most \a limit (1 to 1000). Supervisors and administrators.
     */
    std::optional<QList<db::RecentEvent>> recentEvents(int limit, QString* error) const;

private:
    Session& m_session;
};

} // namespace oneseal::services
