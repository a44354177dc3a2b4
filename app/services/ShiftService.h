#pragma once

#include "Session.h"
#include "core/PaperStock.h"
#include "db/ShiftRepository.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::services {

/** The figures of an end-of-shift handover report, checked and ready to print. */
struct HandoverReport
{
    QString workstation;
    QString outgoingId;
    QString outgoingName;
    QString incomingId;
    QString incomingName;
    QDateTime at; ///< when it was prepared (the session clock)
    db::ShiftFigures figures; ///< since the last handover at this workstation
    core::PaperAccount paper; ///< the stock, with the pile counted by the outgoing user
    std::optional<qint64> countedNextSheet;
};

/** One certificate operator's stock (ShiftService::paperAccounts()). */
struct OperatorPaper
{
    QString operatorId;
    QString operatorName;
    core::PaperAccount account;
};

/**
 * Pre-printed certificate stock and the end-of-shift handover at this workstation (core/PaperStock):
 * a certificate operator records the numbered ranges received and every spoiled sheet; prints,
 * reprints and voids come from the certificate events. A handover is confirmed by the outgoing user
 * (the session's) and the incoming user, both by password, and recorded as shift.handover with the
 * hash of the printed report (documents::DocumentIssuer::printHandover).
 */
class ShiftService
{
    Q_DECLARE_TR_FUNCTIONS(ShiftService)

public:
    explicit ShiftService(Session& session)
        : m_session(session)
    { }

    /** Records a range of numbered sheets received (certificate operators); refused when it overlaps. */
    bool receiveStock(qint64 firstSheet, qint64 lastSheet, QString* error);
    /** Records a sheet ruined in the printer, with the reason (certificate operators). */
    bool spoilSheet(qint64 sheet, const QString& reason, QString* error);
    /**
     * The session's operator's stock now (hers wherever she works); with \a countedNextSheet,
     * checked against the pile.
     */
    core::PaperAccount paperAccount(std::optional<qint64> countedNextSheet = std::nullopt) const;
    /**
     * Every operator's stock with its mismatches, for certificate operators and whoever reads all
     * cases (supervisors); refused otherwise.
     */
    std::optional<QList<OperatorPaper>> paperAccounts(QString* error) const;

    /**
     * The handover report to print, after checking both passwords: the session user's (outgoing) and
     * that of \a incomingUsername, who must be another active user of the hall. Nothing with \a error
     * when a check fails. Records nothing.
     */
    std::optional<HandoverReport> prepareHandover(const QString& incomingUsername, const QString& outgoingPassword,
        const QString& incomingPassword, std::optional<qint64> countedNextSheet, QString* error) const;
    /** Records the handover whose report was printed with \a documentHash (SHA-256). */
    bool recordHandover(const HandoverReport& report, const QByteArray& documentHash, QString* error);

private:
    core::PaperAccount paperAccountOf(const QString& operatorId,
        std::optional<qint64> countedNextSheet = std::nullopt) const;
    bool append(const QString& kind, const QCborMap& payload, QString* error);

    Session& m_session;
};

} // namespace oneseal::services
