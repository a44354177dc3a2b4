#pragma once

#include "Applicant.h"
#include "Event.h"
#include "Intake.h"

#include <QDateTime>
#include <QList>

namespace oneseal::core {

/** One file attached to a case (a scan of a material), stored encrypted in the database. */
struct AttachmentRef
{
    QString sha256;
    QString materialCode;
    QString fileName;
    QString mimeType;
    qint64 size = 0;
};

/**
 * The current state of one case: a deterministic fold of its events in order. Same events, same
 * order, same state, on every replica. The projections store it; nothing else decides it.
 */
struct CaseState
{
    QString caseId;
    QString caseNo;
    QString status;
    QString outcome; ///< outcomeKey() of the intake decision
    QString subjectCode;
    QString subjectName;
    bool bundle = false;
    QStringList matterCodes;
    int catalogVersion = 0;
    Applicant applicant;
    Agent agent;
    QList<MaterialEntry> materials;
    QString acceptedBy; ///< user id of the intake clerk
    QString clerkName;
    QString workstation;
    QDateTime acceptedAt;
    QDate acceptedDate;
    QDate promisedDue;
    QDate legalDue;
    bool deadlineCertain = true;
    QString deadlineNote;
    QString reasons;
    QString risk;
    QList<AttachmentRef> attachments;
    int noticesPrinted = 0;
    int eventCount = 0;
    quint64 lastHlc = 0;

    void apply(const Event& event);
    static CaseState fold(const QList<Event>& events);

    /** Whether a core material is still owed (容缺): the certificate may not be issued. */
    bool owesCoreMaterial() const;
};

/** Payload keys of intake events, written by the intake service and read by the fold. */
namespace payload {
inline const QString caseNo = QStringLiteral("case_no");
inline const QString subjectCode = QStringLiteral("subject_code");
inline const QString subjectName = QStringLiteral("subject_name");
inline const QString bundle = QStringLiteral("bundle");
inline const QString matters = QStringLiteral("matters");
inline const QString catalogVersion = QStringLiteral("catalog_version");
inline const QString applicant = QStringLiteral("applicant");
inline const QString agent = QStringLiteral("agent");
inline const QString materials = QStringLiteral("materials");
inline const QString acceptedAt = QStringLiteral("accepted_at");
inline const QString promisedDue = QStringLiteral("promised_due");
inline const QString legalDue = QStringLiteral("legal_due");
inline const QString deadlineCertain = QStringLiteral("deadline_certain");
inline const QString deadlineNote = QStringLiteral("deadline_note");
inline const QString reasons = QStringLiteral("reasons");
inline const QString clerkName = QStringLiteral("clerk_name");
inline const QString risk = QStringLiteral("risk");
inline const QString outcome = QStringLiteral("outcome");
} // namespace payload

} // namespace oneseal::core
