#pragma once

#include "Session.h"
#include "core/Applicant.h"
#include "core/CaseState.h"
#include "core/Catalog.h"
#include "core/Counter.h"
#include "core/Deadline.h"
#include "core/Intake.h"
#include "core/WorkCalendar.h"
#include "db/IntakeRepository.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::services {

/** A matter or a "one thing" bundle chosen at the window, with what it needs. */
struct IntakeSubject
{
    QString code;
    QString name;
    bool bundle = false;
    QList<const core::Matter*> matters;
    QList<core::ChecklistItem> checklist;
    double promisedDays = 0; ///< the longest promised limit of its matters
    double legalDays = 0;
    bool instant = false;     ///< every matter is an instant matter (即办件)
    core::RiskLevel risk = core::RiskLevel::Low;
    bool commitmentAllowed = false;
    bool deferralAllowed = false;
    QStringList preconditions; ///< matters whose refusal blocks the others (Bundle::preconditions)
};

/** A scan to attach to one material of the case. */
struct PendingAttachment
{
    QString materialCode;
    QString fileName;
    QString mimeType;
    QByteArray data;
};

/** Everything the clerk entered for one application. */
struct IntakeRequest
{
    QString subjectCode;
    core::Applicant applicant; ///< id empty: a new applicant, registered with the case
    core::Agent agent;         ///< empty: the applicant came in person
    QList<core::MaterialEntry> materials;
    QList<PendingAttachment> attachments;
    core::IntakeOutcome outcome = core::IntakeOutcome::Accept;
    QList<core::DeclaredValue> declared; ///< per matter, from its catalog's declaredFields (empty: none given)
    QString reasons; ///< refusal reasons, or remarks
    core::counter::Ticket ticket; ///< the hall's queue ticket (empty: none), kept on the case
    QDateTime calledAt;           ///< when the clerk called this applicant ("next applicant"); invalid: not known
    /** The clerk confirmed accepting again what this applicant had accepted today (sameDayCase()). */
    bool repeatConfirmed = false;
};

/** What a refused IntakeRequest is wrong about, so the window can put the cursor there. */
enum class IntakeField {
    None, Subject, Name, IdNumber, Phone, Address, LegalRepresentative, AgentName, AgentIdNumber, Checklist,
    Reasons, Attachments, Repeat, Sex, Ethnicity, BirthDate, IdAuthority, IdValidity
};

/**
 * The intake window's use cases (一窗受理, 要件审查): find the matter, find or enter the applicant
 * once, check the checklist, and record the outcome as events in one transaction.
 */
class IntakeService
{
    Q_DECLARE_TR_FUNCTIONS(IntakeService)

public:
    /** With the session's calendar (Session::calendar()). */
    explicit IntakeService(Session& session);
    IntakeService(Session& session, const core::WorkCalendar& calendar);

    /** Whether a catalog is loaded; otherwise *error says what to do. */
    bool isReady(QString* error = nullptr) const;
    /** The session's catalog as it was when this service was made (an empty one when none is loaded). */
    const core::Catalog& catalog() const;

    QList<core::SearchHit> findSubjects(const QString& text, int limit = 20) const;
    std::optional<IntakeSubject> subject(const QString& code) const;
    /** The checklist to fill for a subject, shared materials merged, in catalog order. */
    QList<core::MaterialEntry> checklistFor(const IntakeSubject& subject) const;
    /** Promised and legal deadlines if the subject were accepted on the given day. */
    core::DeadlineResult promisedDeadline(const IntakeSubject& subject, const QDate& accepted) const;
    core::DeadlineResult legalDeadline(const IntakeSubject& subject, const QDate& accepted) const;
    /**
     * The subject's checklist with the states the clerk gave (line for line, in catalog order):
     * counts only for received materials, due dates only for deferred ones, the default reason for
     * a missing one without a note. Nothing when the lines are not the subject's (*error says so).
     */
    std::optional<QList<core::MaterialEntry>> checkedMaterials(const IntakeSubject& subject,
                                                                const QList<core::MaterialEntry>& given,
                                                                QString* error) const;

    std::optional<core::Applicant> applicantByIdNumber(const QString& idNumber) const;
    QList<core::Applicant> searchApplicants(const QString& text) const;

    /**
     * Validates and records the outcome: applicant registration (if new or changed), the intake event
     * with the case number, deadlines and checklist, and the attachments — all or nothing.
     */
    std::optional<core::CaseState> record(const IntakeRequest& request, QString* error, IntakeField* field = nullptr);
    /**
     * A case this applicant (resident ID or credit code) already has today for the same matter or
     * bundle with an accepting outcome: recording another acceptance needs repeatConfirmed.
     */
    std::optional<db::CaseSummary> sameDayCase(const QString& idNumber, const QString& subjectCode) const;
    /** Whether an outcome takes the application in (accept, deferred, commitment, instant). */
    static bool isAcceptance(core::IntakeOutcome outcome);

    /** Whether the user may record intake notices as printed (before printing one); *error says why not. */
    bool canRecordNotice(QString* error) const;
    /**
     * Records that a notice was printed or exported (its hash goes on the record). With \a sealed the
     * notice carried the seal and gets its own row in the seal register.
     */
    bool recordNoticePrinted(const QString& caseId, const QString& title, const QByteArray& documentHash,
                             QString* error, bool sealed = false);

    /**
     * Records that an owed material (容缺, deferred or missing) was handed in at the window
     * (material.supplied, with the scan as attachment.added when given, in one transaction): the
     * checklist shows it received and, once no core material is owed, the certificate may be issued.
     */
    std::optional<core::CaseState> supplyMaterial(const QString& caseId, const QString& materialCode, int count,
                                                  QString* error,
                                                  const std::optional<PendingAttachment>& scan = std::nullopt);
    /** Empty when \a a may be attached (a named image or PDF of at most kMaxAttachmentBytes); otherwise why not. */
    static QString checkAttachment(const PendingAttachment& a);
    /**
     * Why the declared values do not fit the subject's matters (empty when they do): each must name
     * one of its matters and a declared field of that matter, once, with one of its allowed values.
     */
    static QString checkDeclared(const IntakeSubject& subject, const QList<core::DeclaredValue>& declared);

    std::optional<core::CaseState> caseState(const QString& caseId) const;
    std::optional<core::CaseState> caseByNumber(const QString& caseNo) const;
    QList<db::CaseSummary> myCasesToday() const;
    QList<db::CaseSummary> searchCases(const QString& text) const;
    std::optional<QByteArray> attachmentData(const QString& sha256) const;

    QDate today() const;
    static constexpr qint64 kMaxAttachmentBytes = 20 * 1024 * 1024;

private:
    Session& m_session;
    const core::WorkCalendar& m_calendar;
    std::shared_ptr<const core::Catalog> m_catalog;
};

} // namespace oneseal::services
