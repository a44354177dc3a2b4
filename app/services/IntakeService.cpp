#include "IntakeService.h"
#include "core/SealedDocument.h"

#include "CaseReader.h"
#include "IntakePayload.h"
#include "core/CaseNumber.h"
#include "core/Identifiers.h"

#include <QCborArray>
#include <QUuid>
#include <QSet>

namespace oneseal::services {

IntakeService::IntakeService(Session& session)
    : IntakeService(session, session.calendar())
{
}

IntakeService::IntakeService(Session& session, const core::WorkCalendar& calendar)
    : m_session(session)
    , m_calendar(calendar)
{
    session.reloadCatalogIfChanged();
    m_catalog = session.catalog();
}

const core::Catalog& IntakeService::catalog() const
{
    static const core::Catalog empty;
    return m_catalog ? *m_catalog : empty;
}

bool IntakeService::isReady(QString* error) const
{
    if (!m_catalog && error)
        *error = tr("No catalog of matters is loaded at this hall. Ask the administrator to import one "
                    "(oneseal-admin catalog-import).");
    return m_catalog != nullptr;
}

QDate IntakeService::today() const
{
    return m_session.clock().now().toLocalTime().date();
}

QList<core::SearchHit> IntakeService::findSubjects(const QString& text, int limit) const
{
    return catalog().search(text, limit);
}

std::optional<IntakeSubject> IntakeService::subject(const QString& code) const
{
    IntakeSubject s;
    s.code = code;
    if (const core::Bundle* b = catalog().bundle(code)) {
        s.name = b->name;
        s.bundle = true;
        s.preconditions = b->preconditions;
        s.checklist = catalog().checklistForBundle(code);
        QStringList codes;
        for (const core::ChecklistItem& item : s.checklist)
            for (const QString& m : item.matterCodes)
                if (!codes.contains(m))
                    codes << m;
        for (const QString& m : b->matterCodes)
            if (!codes.contains(m))
                codes << m;
        for (const QString& m : codes)
            if (const core::Matter* matter = catalog().matter(m))
                s.matters << matter;
    } else if (const core::Matter* m = catalog().matter(code)) {
        s.name = m->name;
        s.checklist = catalog().checklistForMatter(code);
        s.matters << m;
    } else {
        return std::nullopt;
    }
    s.instant = true;
    s.commitmentAllowed = true;
    s.deferralAllowed = false;
    s.risk = core::RiskLevel::Low;
    for (const core::Matter* m : s.matters) {
        s.promisedDays = std::max(s.promisedDays, m->promisedLimitDays);
        s.legalDays = std::max(s.legalDays, m->legalLimitDays);
        s.instant = s.instant && m->instant;
        s.commitmentAllowed = s.commitmentAllowed && m->commitmentAllowed;
        s.deferralAllowed = s.deferralAllowed || m->deferralAllowed;
        if (int(m->risk) < int(s.risk)) // High < Medium < Low
            s.risk = m->risk;
    }
    return s;
}

QList<core::MaterialEntry> IntakeService::checklistFor(const IntakeSubject& subject) const
{
    QList<core::MaterialEntry> entries;
    for (const core::ChecklistItem& item : subject.checklist)
        entries << core::MaterialEntry::fromChecklist(item);
    return entries;
}

core::DeadlineResult IntakeService::promisedDeadline(const IntakeSubject& subject, const QDate& accepted) const
{
    return core::computeDeadline(m_calendar, accepted, subject.instant ? 0 : subject.promisedDays);
}

core::DeadlineResult IntakeService::legalDeadline(const IntakeSubject& subject, const QDate& accepted) const
{
    return core::computeDeadline(m_calendar, accepted, subject.instant ? 0 : subject.legalDays);
}

std::optional<QList<core::MaterialEntry>> IntakeService::checkedMaterials(const IntakeSubject& subject,
                                                                         const QList<core::MaterialEntry>& given,
                                                                         QString* error) const
{
    // The checklist must be the subject's, line for line.
    const QList<core::MaterialEntry> expected = checklistFor(subject);
    if (given.size() != expected.size()) {
        if (error)
            *error = tr("The checklist does not match the matter; choose the matter again.");
        return std::nullopt;
    }
    QList<core::MaterialEntry> materials;
    materials.reserve(expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        core::MaterialEntry m = expected.at(i);
        const core::MaterialEntry& g = given.at(i);
        if (g.code != m.code) {
            if (error)
                *error = tr("The checklist does not match the matter; choose the matter again.");
            return std::nullopt;
        }
        m.state = g.state;
        m.original = g.original;
        m.count = g.state == core::MaterialState::Received ? g.count : 0;
        m.note = g.note.trimmed();
        m.dueDate = g.state == core::MaterialState::Deferred ? g.dueDate : QDate();
        if (m.state == core::MaterialState::Missing && m.note.isEmpty())
            m.note = core::IntakeRules::defaultMissingReason();
        materials << m;
    }
    return materials;
}

std::optional<core::Applicant> IntakeService::applicantByIdNumber(const QString& idNumber) const
{
    return db::IntakeRepository(m_session.database().sql()).applicantByIdNumber(core::normalizeIdentifier(idNumber));
}

QList<core::Applicant> IntakeService::searchApplicants(const QString& text) const
{
    return db::IntakeRepository(m_session.database().sql()).searchApplicants(text);
}

bool IntakeService::isAcceptance(core::IntakeOutcome outcome)
{
    return outcome != core::IntakeOutcome::NotifyMissing && outcome != core::IntakeOutcome::Refuse;
}

std::optional<db::CaseSummary> IntakeService::sameDayCase(const QString& idNumber, const QString& subjectCode) const
{
    const QString id = core::normalizeIdentifier(idNumber);
    if (id.isEmpty() || subjectCode.isEmpty())
        return std::nullopt;
    for (const db::CaseSummary& c : db::IntakeRepository(m_session.database().sql()).casesOfApplicantOn(id, subjectCode, today())) {
        const auto outcome = core::outcomeFromKey(c.outcome);
        if (outcome && isAcceptance(*outcome))
            return c;
    }
    return std::nullopt;
}

std::optional<core::CaseState> IntakeService::record(const IntakeRequest& request, QString* error, IntakeField* field)
{
    if (field)
        *field = IntakeField::None;
    auto failAt = [error, field](IntakeField at, const QString& text) -> std::optional<core::CaseState> {
        if (error)
            *error = text;
        if (field)
            *field = at;
        return std::nullopt;
    };
    auto fail = [&failAt](const QString& text) { return failAt(IntakeField::None, text); };
    auto applicantField = [](core::ApplicantField f) {
        switch (f) {
        case core::ApplicantField::Name: return IntakeField::Name;
        case core::ApplicantField::IdNumber: return IntakeField::IdNumber;
        case core::ApplicantField::Phone: return IntakeField::Phone;
        case core::ApplicantField::Address: return IntakeField::Address;
        case core::ApplicantField::LegalRepresentative: return IntakeField::LegalRepresentative;
        case core::ApplicantField::AgentName: return IntakeField::AgentName;
        case core::ApplicantField::AgentIdNumber:
        case core::ApplicantField::AgentPhone: return IntakeField::AgentIdNumber;
        case core::ApplicantField::Sex: return IntakeField::Sex;
        case core::ApplicantField::Ethnicity: return IntakeField::Ethnicity;
        case core::ApplicantField::BirthDate: return IntakeField::BirthDate;
        case core::ApplicantField::IdAuthority: return IntakeField::IdAuthority;
        case core::ApplicantField::IdValidity: return IntakeField::IdValidity;
        case core::ApplicantField::None: break;
        }
        return IntakeField::None;
    };
    if (!m_session.can(core::Action::AcceptCase))
        return fail(Session::refusal(core::Action::AcceptCase));
    QString e;
    if (!isReady(&e))
        return fail(e);
    const auto subj = subject(request.subjectCode);
    if (!subj)
        return failAt(IntakeField::Subject, tr("Choose a matter or bundle from the catalog."));

    core::Applicant applicant = request.applicant;
    applicant.idNumber = core::normalizeIdentifier(applicant.idNumber);
    applicant.name = applicant.name.trimmed();
    applicant.phone = applicant.phone.trimmed();
    applicant.address = applicant.address.trimmed();
    applicant.ethnicity = applicant.ethnicity.trimmed();
    applicant.idAuthority = applicant.idAuthority.trimmed();
    core::ApplicantField wrong = core::ApplicantField::None;
    if (QString v = core::ApplicantRules::validate(applicant, &wrong); !v.isEmpty())
        return failAt(applicantField(wrong), v);
    core::Agent agent = request.agent;
    agent.idNumber = core::normalizeIdentifier(agent.idNumber);
    agent.name = agent.name.trimmed();
    if (!agent.isEmpty())
        if (QString v = core::ApplicantRules::validate(agent, &wrong); !v.isEmpty())
            return failAt(applicantField(wrong), v);

    const auto materials = checkedMaterials(*subj, request.materials, &e);
    if (!materials)
        return failAt(IntakeField::Checklist, e);
    const QDate day = today();
    const core::DeadlineResult promised = promisedDeadline(*subj, day);
    const core::DeadlineResult legal = legalDeadline(*subj, day);
    if (QString v = core::IntakeRules::check(request.outcome, *materials, subj->matters, day, promised.due,
                                             request.reasons);
        !v.isEmpty())
        return failAt(request.outcome == core::IntakeOutcome::Refuse && request.reasons.trimmed().isEmpty()
                          ? IntakeField::Reasons
                          : IntakeField::Checklist,
                      v);
    if (isAcceptance(request.outcome) && !request.repeatConfirmed)
        if (const auto earlier = sameDayCase(applicant.idNumber, subj->code))
            return failAt(IntakeField::Repeat,
                          tr("%1 was already accepted today for this applicant as case %2. Confirm to accept it again.")
                              .arg(subj->name, earlier->caseNo));
    if (QString v = checkDeclared(*subj, request.declared); !v.isEmpty())
        return failAt(IntakeField::Subject, v);
    for (const PendingAttachment& a : request.attachments)
        if (QString v = checkAttachment(a); !v.isEmpty())
            return failAt(IntakeField::Attachments, v);

    db::IntakeRepository repo(m_session.database().sql());
    db::EventStore& events = m_session.events();
    const QString userId = m_session.user().id;
    db::Transaction tx(m_session.database().sql());
    if (!tx.isActive())
        return fail(tx.errorText());

    // The applicant is entered once: a returning applicant is found by ID number and reused.
    if (const auto known = repo.applicantByIdNumber(applicant.idNumber)) {
        applicant.id = known->id;
        const bool changed = known->name != applicant.name || known->phone != applicant.phone
            || known->address != applicant.address || known->legalRepresentative != applicant.legalRepresentative
            || known->sex != applicant.sex || known->ethnicity != applicant.ethnicity
            || known->birthDate != applicant.birthDate || known->idAuthority != applicant.idAuthority
            || known->idValidFrom != applicant.idValidFrom || known->idValidTo != applicant.idValidTo
            || known->idLongTerm != applicant.idLongTerm || known->fromCard != applicant.fromCard;
        if (changed && !events.append(QString(), QStringLiteral("applicant.updated"), applicant.toCbor(), userId, &e))
            return fail(e);
    } else {
        applicant.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        applicant.kind = core::ApplicantRules::kindForIdentifier(applicant.idNumber);
        if (!events.append(QString(), QStringLiteral("applicant.registered"), applicant.toCbor(), userId, &e))
            return fail(e);
    }

    const auto serial = db::NumberBlocks(m_session.database().sql(), m_session.clock()).take(core::numbering::caseKind, &e);
    if (!serial)
        return fail(e);
    const QString caseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString caseNo = core::numbering::caseNumber(day.year(), *serial);

    IntakePayload payload;
    payload.caseNo = caseNo;
    payload.subject = &*subj;
    payload.catalogVersion = catalog().version;
    payload.applicant = applicant;
    payload.agent = agent;
    payload.materials = *materials;
    payload.outcome = request.outcome;
    payload.reasons = request.reasons;
    payload.declared = request.declared;
    payload.acceptedAt = m_session.clock().now().toLocalTime();
    payload.promised = promised;
    payload.legal = legal;
    payload.clerkName = m_session.user().displayName;
    for (const core::Matter* m : subj->matters) {
        // Each matter keeps its own limits (a bundle's fire-safety check has 10 legal days, not the bundle's 20).
        const double promisedDays = subj->instant || m->instant ? 0 : m->promisedLimitDays;
        const double legalDays = subj->instant || m->instant ? 0 : m->legalLimitDays;
        payload.matterLimits.append({m->code, m->name, promisedDays, legalDays,
                                     core::computeDeadline(m_calendar, day, promisedDays),
                                     core::computeDeadline(m_calendar, day, legalDays),
                                     subj->preconditions.contains(m->code)});
    }
    const QCborMap p = payload.toCbor();
    if (!events.append(caseId, core::outcomeEventKind(request.outcome), p, userId, &e))
        return fail(e);

    if (!request.ticket.isEmpty()) {
        QCborMap t{{core::counter::ticketKey, request.ticket.number}};
        if (request.ticket.issuedAt.isValid())
            t.insert(core::counter::issuedAtKey, core::Event::timeText(request.ticket.issuedAt.toUTC()));
        if (request.calledAt.isValid())
            t.insert(core::counter::calledAtKey, core::Event::timeText(request.calledAt.toUTC()));
        if (QString v = core::counter::payloadProblem(core::counter::ticketKind, t); !v.isEmpty())
            return fail(tr("The queue ticket is not valid: %1").arg(v));
        if (!events.append(caseId, core::counter::ticketKind, t, userId, &e))
            return fail(e);
    }

    db::AttachmentStore store(m_session.database().sql());
    for (const PendingAttachment& a : request.attachments) {
        const QString sha = store.put(a.data, a.mimeType, &e);
        if (sha.isEmpty())
            return fail(e);
        const QCborMap ap{{QStringLiteral("sha256"), sha},
                          {QStringLiteral("material_code"), a.materialCode},
                          {QStringLiteral("file_name"), a.fileName},
                          {QStringLiteral("mime"), a.mimeType},
                          {QStringLiteral("size"), qint64(a.data.size())}};
        if (!events.append(caseId, QStringLiteral("attachment.added"), ap, userId, &e))
            return fail(e);
    }
    if (!tx.commit(&e))
        return fail(e);
    return caseState(caseId);
}

QString IntakeService::checkDeclared(const IntakeSubject& subject, const QList<core::DeclaredValue>& declared)
{
    if (declared.size() > core::DeclaredField::kMaxPerCase)
        return tr("Too many declared values (at most %1).").arg(core::DeclaredField::kMaxPerCase);
    QSet<QString> seen;
    for (const core::DeclaredValue& d : declared) {
        const core::Matter* matter = nullptr;
        for (const core::Matter* m : subject.matters)
            if (m->code == d.matter)
                matter = m;
        const core::DeclaredField* field = matter ? matter->declaredField(d.key) : nullptr;
        if (!field)
            return tr("%1 is not a declared field of a matter of %2.").arg(d.key.left(64), subject.name);
        if (!field->values.contains(d.value))
            return tr("%1 of %2 must be one of: %3.")
                .arg(field->label, matter->name, field->values.join(QStringLiteral("、")));
        if (seen.contains(d.matter + QLatin1Char('\n') + d.key))
            return tr("%1 of %2 is declared twice.").arg(field->label, matter->name);
        seen.insert(d.matter + QLatin1Char('\n') + d.key);
    }
    return QString();
}

QString IntakeService::checkAttachment(const PendingAttachment& a)
{
    if (a.data.isEmpty())
        return tr("The file %1 is empty.").arg(a.fileName);
    if (a.data.size() > kMaxAttachmentBytes)
        return tr("The file %1 is larger than 20 MB; scan it at a lower resolution.").arg(a.fileName);
    if (a.mimeType != QLatin1String("application/pdf") && !a.mimeType.startsWith(QLatin1String("image/")))
        return tr("The file %1 is neither an image nor a PDF.").arg(a.fileName);
    return core::ApplicantRules::checkText(a.fileName, tr("file name"), 200, true);
}

bool IntakeService::canRecordNotice(QString* error) const
{
    if (m_session.can(core::Action::AcceptCase) || m_session.can(core::Action::ReadAllCases))
        return true;
    if (error)
        *error = Session::refusal(core::Action::AcceptCase);
    return false;
}

bool IntakeService::recordNoticePrinted(const QString& caseId, const QString& title, const QByteArray& documentHash,
                                        QString* error, bool sealed)
{
    if (!canRecordNotice(error))
        return false;
    db::Transaction tx(m_session.database().sql());
    QCborMap p{{QStringLiteral("notice"), title}, {QStringLiteral("sha256"), QString::fromLatin1(documentHash.toHex())}};
    if (sealed)
        p.insert(core::payload::sealedDocument, core::toStored(core::SealedDocument::Notice));
    return tx.isActive()
        && m_session.events().append(caseId, QStringLiteral("notice.printed"), p, m_session.user().id, error)
        && tx.commit(error);
}

std::optional<core::CaseState> IntakeService::supplyMaterial(const QString& caseId, const QString& materialCode,
                                                             int count, QString* error,
                                                             const std::optional<PendingAttachment>& scan)
{
    auto fail = [error](const QString& text) -> std::optional<core::CaseState> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (!m_session.can(core::Action::AcceptCase))
        return fail(Session::refusal(core::Action::AcceptCase));
    const auto state = caseState(caseId);
    if (!state)
        return fail(tr("There is no such case."));
    if ((state->completed && state->decision != core::Decision::Approved) || state->status == core::CaseStatus::Refused
        || state->decision == core::Decision::Revoked || state->decision == core::Decision::Terminated)
        return fail(tr("Case %1 is closed; materials can no longer be added to it.").arg(state->caseNo));
    const auto it = std::find_if(state->materials.begin(), state->materials.end(),
                                 [&](const core::MaterialEntry& m) { return m.code == materialCode; });
    if (it == state->materials.end())
        return fail(tr("Case %1 has no material with the code %2.").arg(state->caseNo, materialCode.left(40)));
    if (it->state != core::MaterialState::Deferred && it->state != core::MaterialState::Missing)
        return fail(tr("\"%1\" is not owed.").arg(it->name));
    if (count < 1 || count > 100)
        return fail(tr("Give the number of copies handed in (1 to 100)."));
    if (scan)
        if (QString v = checkAttachment(*scan); !v.isEmpty())
            return fail(v);
    db::Transaction tx(m_session.database().sql());
    QCborMap p{{core::payload::materialCode, materialCode}, {QStringLiteral("count"), count},
               {QStringLiteral("date"), today().toString(Qt::ISODate)},
               {core::payload::userName, m_session.user().displayName}};
    QString e;
    if (!tx.isActive())
        return fail(tx.errorText());
    if (scan) {
        const QString sha = db::AttachmentStore(m_session.database().sql()).put(scan->data, scan->mimeType, &e);
        if (sha.isEmpty())
            return fail(e);
        const QCborMap ap{{QStringLiteral("sha256"), sha},
                          {QStringLiteral("material_code"), materialCode},
                          {QStringLiteral("file_name"), scan->fileName},
                          {QStringLiteral("mime"), scan->mimeType},
                          {QStringLiteral("size"), qint64(scan->data.size())}};
        if (!m_session.events().append(caseId, core::eventkind::attachmentAdded, ap, m_session.user().id, &e))
            return fail(e);
        p.insert(core::payload::documentHash, sha);
    }
    if (!m_session.events().append(caseId, core::eventkind::materialSupplied, p, m_session.user().id, &e) || !tx.commit(&e))
        return fail(e);
    return caseState(caseId);
}

std::optional<core::CaseState> IntakeService::caseState(const QString& caseId) const
{
    return CaseReader(m_session).state(caseId);
}

std::optional<core::CaseState> IntakeService::caseByNumber(const QString& caseNo) const
{
    return CaseReader(m_session).stateByNumber(caseNo);
}

QList<db::CaseSummary> IntakeService::myCasesToday() const
{
    return CaseReader(m_session).takenToday();
}

QList<db::CaseSummary> IntakeService::searchCases(const QString& text) const
{
    return CaseReader(m_session).search(text);
}

std::optional<QByteArray> IntakeService::attachmentData(const QString& sha256) const
{
    return CaseReader(m_session).attachmentData(sha256);
}

} // namespace oneseal::services
