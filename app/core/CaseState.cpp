#include "CaseState.h"
#include "CborInteger.h"

#include "CaseStatus.h"

#include <QRegularExpression>
#include <QCborArray>
#include <QSet>
#include <QUuid>

#include <algorithm>

namespace oneseal::core {

namespace {
    QDate dateOf(const QCborMap& p, const QString& key)
    {
        return QDate::fromString(p.value(key).toString(), Qt::ISODate);
    }

    QStringList stringsOf(const QCborMap& p, const QString& key)
    {
        QStringList list;
        for (const QCborValue& v : p.value(key).toArray())
            list << v.toString();
        return list;
    }

    /** The visit \a visitId names; the last one for events that name none (never happens) or an unknown one. */
    InspectionVisit* visitNamed(QList<InspectionVisit>& visits, const QString& visitId)
    {
        for (auto it = visits.rbegin(); it != visits.rend(); ++it)
            if (it->visitId == visitId)
                return &*it;
        return visits.isEmpty() ? nullptr : &visits.last();
    }

    CertificateRecord* certificateNamed(QList<CertificateRecord>& list, const QString& number)
    {
        for (CertificateRecord& c : list)
            if (c.number == number)
                return &c;
        return nullptr;
    }
} // namespace

void CaseState::apply(const Event& event)
{
    const QCborMap p = event.payload();
    // The matters a back-office event is about: the one it names, else every matter (old events).
    const QString matterCode = p.value(payload::matter).toString();
    QList<MatterResult*> targets;
    for (MatterResult& r : matterResults)
        if (matterCode.isEmpty() || r.code == matterCode)
            targets << &r;
    const bool aggregateDecision = p.value(payload::aggregate).toBool();
    // Review and inspection events of a bundle may name their matters (one, or a combined visit's).
    const bool reviewOrInspection = event.kind.startsWith(QLatin1String("review."))
        || event.kind.startsWith(QLatin1String("inspection."));
    QStringList stepMatters = stringsOf(p, payload::inspectedMatters);
    if (!matterCode.isEmpty())
        stepMatters << matterCode;
    QList<MatterResult*> stepTargets;
    if (reviewOrInspection)
        for (MatterResult& r : matterResults)
            if (stepMatters.isEmpty() || stepMatters.contains(r.code))
                stepTargets << &r;
    if (caseId.isEmpty())
        caseId = event.caseId;
    ++eventCount;
    lastHlc = std::max(lastHlc, event.hlc);
    status = caseStatusAfter(status, event.kind);
    hands.note(event);

    if (event.kind.startsWith(QLatin1String("intake."))) {
        caseNo = p.value(payload::caseNo).toString();
        outcome = p.value(payload::outcome).toString();
        subjectCode = p.value(payload::subjectCode).toString();
        subjectName = p.value(payload::subjectName).toString();
        bundle = p.value(payload::bundle).toBool();
        matterCodes.clear();
        for (const QCborValue& v : p.value(payload::matters).toArray())
            matterCodes << v.toString();
        catalogVersion = int(cborInteger(p.value(payload::catalogVersion)));
        applicant = Applicant::fromCbor(p.value(payload::applicant).toMap());
        agent = Agent::fromCbor(p.value(payload::agent).toMap());
        materials.clear();
        for (const QCborValue& v : p.value(payload::materials).toArray())
            materials << MaterialEntry::fromCbor(v.toMap());
        acceptedBy = event.userId;
        workstation = event.workstation;
        clerkName = p.value(payload::clerkName).toString();
        acceptedAt = QDateTime::fromString(p.value(payload::acceptedAt).toString(), Qt::ISODate);
        acceptedDate = acceptedAt.date();
        promisedDue = QDate::fromString(p.value(payload::promisedDue).toString(), Qt::ISODate);
        legalDue = QDate::fromString(p.value(payload::legalDue).toString(), Qt::ISODate);
        deadlineCertain = p.value(payload::deadlineCertain).toBool(true);
        deadlineNote = p.value(payload::deadlineNote).toString();
        reasons = p.value(payload::reasons).toString();
        risk = riskLevelFromStored(p.value(payload::risk).toString());
        promisedDays = p.value(payload::promisedDays).toDouble(-1);
        legalDays = p.value(payload::legalDays).toDouble(-1);
        intakePromisedDue = promisedDue;
        intakeLegalDue = legalDue;
        matterResults.clear();
        const QCborArray limits = p.value(payload::matterLimits).toArray();
        for (const QString& code : std::as_const(matterCodes)) {
            MatterResult r;
            r.code = code;
            r.promisedDays = promisedDays;
            r.legalDays = legalDays;
            r.promisedDue = promisedDue;
            r.legalDue = legalDue;
            for (const QCborValue& v : limits) {
                const QCborMap l = v.toMap();
                if (l.value(payload::matter).toString() != code)
                    continue;
                r.name = l.value(payload::matterName).toString();
                r.promisedDays = l.value(payload::promisedDays).toDouble(promisedDays);
                r.legalDays = l.value(payload::legalDays).toDouble(legalDays);
                r.promisedDue = dateOf(l, payload::promisedDue);
                r.legalDue = dateOf(l, payload::legalDue);
                r.precondition = l.value(payload::precondition).toBool();
            }
            for (const QCborValue& v : p.value(payload::declared).toArray()) {
                const QCborMap d = v.toMap();
                if (d.value(payload::matter).toString() == code)
                    r.declared.insert(d.value(payload::declaredKey).toString(), d.value(payload::declaredValue).toString());
            }
            matterResults << r;
        }
    } else if (event.kind == QLatin1String("notice.printed")) {
        ++noticesPrinted;
    } else if (event.kind == QLatin1String("attachment.added")) {
        // An attachment counts only when its event names the file whole (every client writes these
        // fields): a malformed one from elsewhere is kept as an event but attaches nothing.
        AttachmentRef a;
        a.sha256 = p.value(QStringLiteral("sha256")).toString();
        a.materialCode = p.value(QStringLiteral("material_code")).toString();
        a.fileName = p.value(QStringLiteral("file_name")).toString();
        a.mimeType = p.value(QStringLiteral("mime")).toString();
        a.size = cborInteger(p.value(QStringLiteral("size")));
        static const QRegularExpression sha256Hex(QStringLiteral("^[0-9a-f]{64}$"));
        if (sha256Hex.match(a.sha256).hasMatch() && !a.fileName.isNull() && !a.mimeType.isNull() && a.size >= 0)
            attachments << a;
    } else if (event.kind == QLatin1String("material.supplied")) {
        const QString code = p.value(QStringLiteral("material_code")).toString();
        for (MaterialEntry& m : materials)
            if (m.code == code) {
                m.state = MaterialState::Received;
                m.count = std::max(1, int(cborInteger(p.value(QStringLiteral("count")))));
                m.dueDate = QDate();
            }
    } else if (event.kind == eventkind::reviewPassed) {
        reviewedBy = event.userId;
        inspectionRequired = p.value(payload::inspectionRequired).toBool();
        for (MatterResult* r : stepTargets) {
            r->review = MatterResult::Review::Passed;
            r->reviewedBy = event.userId;
            r->reviewNotes = p.value(payload::notes).toString();
            r->inspectionRequired = inspectionRequired;
        }
    } else if (event.kind == eventkind::correctionRequested
               || event.kind == eventkind::rectificationRequired) {
        pauses.append({dateOf(p, payload::clockStops), QDate(), p.value(payload::notes).toString()});
        if (event.kind == eventkind::correctionRequested) {
            ++corrections;
            correctionNotes = p.value(payload::notes).toString();
        } else if (InspectionVisit* v = visitNamed(inspections, p.value(payload::visitId).toString())) {
            v->result = QStringLiteral("rectification");
            v->rectificationDue = dateOf(p, payload::deadline);
            v->rectificationNotes = p.value(payload::notes).toString();
            for (MatterResult* r : stepTargets)
                r->inspection = v->result;
        }
    } else if (event.kind == eventkind::correctionReceived || event.kind == eventkind::rectificationClosed) {
        const QDate resumed = dateOf(p, payload::date);
        if (!pauses.isEmpty() && !pauses.last().until.isValid())
            pauses.last().until = resumed;
        if (const QDate d = dateOf(p, payload::promisedDue); d.isValid())
            promisedDue = d;
        if (const QDate d = dateOf(p, payload::legalDue); d.isValid())
            legalDue = d;
        if (event.kind == eventkind::rectificationClosed)
            if (InspectionVisit* v = visitNamed(inspections, p.value(payload::visitId).toString())) {
                v->result = QStringLiteral("passed");
                v->rectificationClosed = resumed;
                v->evidence << stringsOf(p, payload::evidence);
                for (MatterResult* r : stepTargets)
                    r->inspection = v->result;
            }
    } else if (event.kind == eventkind::clockStopped) {
        clockStop = clockStopFromStored(p.value(payload::clockStop).toString());
        pauses.append({dateOf(p, payload::clockStops), QDate(), p.value(payload::notes).toString()});
    } else if (event.kind == eventkind::clockResumed) {
        if (!pauses.isEmpty() && !pauses.last().until.isValid())
            pauses.last().until = dateOf(p, payload::date);
        clockStop.reset();
        if (const QDate d = dateOf(p, payload::promisedDue); d.isValid())
            promisedDue = d;
        if (const QDate d = dateOf(p, payload::legalDue); d.isValid())
            legalDue = d;
    } else if (event.kind == eventkind::decisionExtended) {
        extensionDays += int(std::clamp<qint64>(cborInteger(p.value(payload::days)), 0, 10));
        extensionReasons = p.value(payload::reasons).toString();
        if (const QDate d = dateOf(p, payload::promisedDue); d.isValid())
            promisedDue = d;
        if (const QDate d = dateOf(p, payload::legalDue); d.isValid())
            legalDue = d;
    } else if (event.kind == eventkind::decisionTerminated || event.kind == eventkind::decisionRevoked) {
        const bool revoked = event.kind == eventkind::decisionRevoked;
        decision = revoked ? Decision::Revoked : Decision::Terminated;
        decidedBy = event.userId;
        decisionReasons = p.value(payload::reasons).toString();
        sealsSinceDecision = 0;
        if (revoked)
            for (CertificateRecord& c : certificates)
                if (!c.voided) {
                    c.voided = true;
                    c.voidReason = decisionReasons;
                }
        if (!completed) {
            completed = true;
            completedDate = dateOf(p, payload::date);
        }
    } else if (event.kind == eventkind::verificationConfirmed) {
        verification = PledgeCheck::Confirmed;
        verificationNotes = p.value(payload::notes).toString();
    } else if (event.kind == eventkind::verificationRectification) {
        verification = PledgeCheck::Rectification;
        verificationDue = dateOf(p, payload::deadline);
        verificationNotes = p.value(payload::notes).toString();
    } else if (event.kind == eventkind::verificationFailed) {
        verification = PledgeCheck::Failed;
        verificationNotes = p.value(payload::reasons).toString();
    } else if (event.kind == eventkind::refusalProposed) {
        refusalProposal = p.value(payload::reasons).toString();
        refusalProposedBy = event.userId;
        for (MatterResult* r : stepTargets) {
            r->review = MatterResult::Review::RefusalProposed;
            r->reviewedBy = event.userId;
            r->reviewNotes = refusalProposal;
            r->inspectionRequired = false;
        }
    } else if (event.kind == eventkind::inspectionScheduled) {
        InspectionVisit v;
        v.visitId = p.value(payload::visitId).toString();
        v.date = dateOf(p, payload::visitDate);
        v.inspectorIds = stringsOf(p, payload::inspectors);
        v.inspectorNames = stringsOf(p, payload::inspectorNames);
        v.combinedCaseIds = stringsOf(p, payload::combinedCases);
        v.matterCodes = stringsOf(p, payload::inspectedMatters);
        inspections << v;
        for (MatterResult* r : stepTargets) {
            r->inspection = QStringLiteral("scheduled");
            r->visitId = v.visitId;
        }
    } else if (event.kind == eventkind::inspectionPassed || event.kind == eventkind::inspectionFailed) {
        if (InspectionVisit* v = visitNamed(inspections, p.value(payload::visitId).toString())) {
            v->result = event.kind == eventkind::inspectionPassed ? QStringLiteral("passed") : QStringLiteral("failed");
            v->notes = p.value(payload::notes).toString();
            v->evidence << stringsOf(p, payload::evidence);
            for (MatterResult* r : stepTargets)
                r->inspection = v->result;
        }
    } else if (event.kind == eventkind::matterApproved || event.kind == eventkind::matterRefused) {
        for (MatterResult* r : targets) {
            r->decision = event.kind == eventkind::matterApproved ? Decision::Approved : Decision::Refused;
            r->decidedBy = event.userId;
            r->decisionReasons = p.value(payload::reasons).toString();
            r->sealsSinceDecision = 0;
        }
    } else if (event.kind == eventkind::decisionApproved || event.kind == eventkind::decisionRefused) {
        if (!aggregateDecision)
            for (MatterResult* r : targets) {
                r->decision = event.kind == eventkind::decisionApproved ? Decision::Approved : Decision::Refused;
                r->decidedBy = event.userId;
                r->decisionReasons = p.value(payload::reasons).toString();
                r->sealsSinceDecision = 0;
            }
        decision = event.kind == eventkind::decisionApproved ? Decision::Approved : Decision::Refused;
        decidedBy = event.userId;
        decisionReasons = p.value(payload::reasons).toString();
        sealsSinceDecision = 0;
        if (event.kind == eventkind::decisionApproved) {
            verificationDue = dateOf(p, payload::verificationDue);
            if (verificationDue.isValid())
                verification = PledgeCheck::Pending;
        }
        if (event.kind == eventkind::decisionRefused) {
            completed = true;
            completedDate = dateOf(p, payload::date);
            onTime = p.value(payload::onTime).toBool();
            withinLegalLimit = p.value(payload::withinLegal).toBool();
        }
    } else if (event.kind == eventkind::sealApplied) {
        ++sealCount;
        ++sealsSinceDecision;
        for (MatterResult* r : targets) {
            ++r->sealCount;
            ++r->sealsSinceDecision;
        }
    } else if (event.kind == eventkind::certificateNumbered) {
        CertificateRecord c;
        c.number = p.value(payload::certificateNo).toString();
        c.serial = cborInteger(p.value(payload::serial));
        certificates << c;
        for (MatterResult* r : targets)
            r->certificates << c;
    } else if (event.kind == eventkind::certificatePrinted || event.kind == eventkind::certificateReprinted) {
        for (MatterResult* r : targets)
            if (CertificateRecord* c = certificateNamed(r->certificates, p.value(payload::certificateNo).toString())) {
                c->printed = true;
                c->documentHash = p.value(payload::documentHash).toString();
                if (event.kind == eventkind::certificateReprinted) {
                    ++c->reprints;
                    c->reprintReasons << p.value(payload::reasons).toString();
                }
            }
        if (CertificateRecord* c = certificateNamed(certificates, p.value(payload::certificateNo).toString())) {
            c->printed = true;
            c->documentHash = p.value(payload::documentHash).toString();
            if (event.kind == eventkind::certificateReprinted) {
                ++c->reprints;
                c->reprintReasons << p.value(payload::reasons).toString();
            }
        }
    } else if (event.kind == eventkind::certificateVoided) {
        for (MatterResult* r : targets)
            if (CertificateRecord* c = certificateNamed(r->certificates, p.value(payload::certificateNo).toString())) {
                c->voided = true;
                c->voidReason = p.value(payload::reasons).toString();
            }
        if (CertificateRecord* c = certificateNamed(certificates, p.value(payload::certificateNo).toString())) {
            c->voided = true;
            c->voidReason = p.value(payload::reasons).toString();
        }
    } else if (event.kind == eventkind::certificateIssued) {
        if (CertificateRecord* c = certificateNamed(certificates, p.value(payload::certificateNo).toString()))
            c->issued = true;
        // The handover gives the holder every printed certificate in force of the case.
        for (MatterResult& r : matterResults)
            for (CertificateRecord& c : r.certificates)
                if (c.printed && !c.voided)
                    c.issued = true;
        completed = true;
        completedDate = dateOf(p, payload::date);
        onTime = p.value(payload::onTime).toBool();
        withinLegalLimit = p.value(payload::withinLegal).toBool();
        collectorKind = collectorKindFromStored(p.value(payload::collectorKind).toString());
        collectorName = p.value(payload::collectorName).toString();
        collectorIdNumber = p.value(payload::collectorIdNumber).toString();
    }
    // A bundle reviewed or inspected matter by matter: the case's status follows its matters' steps.
    if (reviewOrInspection && !stepMatters.isEmpty() && matterResults.size() > 1)
        stepsPerMatter = true;
    if (reviewOrInspection && stepsPerMatter) {
        status = perMatterStatus();
        inspectionRequired = std::any_of(matterResults.cbegin(), matterResults.cend(),
                                         [](const MatterResult& r) { return r.inspectionRequired; });
    }
}

CaseStatus CaseState::perMatterStatus() const
{
    auto any = [this](auto pred) { return std::any_of(matterResults.cbegin(), matterResults.cend(), pred); };
    if (any([](const MatterResult& r) { return r.review == MatterResult::Review::None; }))
        return CaseStatus::Accepted; // still under review
    if (any([](const MatterResult& r) { return r.inspection == QLatin1String("rectification"); }))
        return CaseStatus::Rectification;
    if (any([](const MatterResult& r) {
            return r.decision == Decision::None && r.review == MatterResult::Review::Passed && r.inspectionRequired
                && r.inspection.isEmpty();
        }))
        return CaseStatus::Reviewed; // (inspectionRequired) a matter waits for its visit
    if (any([](const MatterResult& r) { return r.inspection == QLatin1String("scheduled"); }))
        return CaseStatus::InspectionScheduled;
    if (any([](const MatterResult& r) { return r.inspection == QLatin1String("failed"); }))
        return CaseStatus::InspectionFailed;
    if (!any([](const MatterResult& r) { return r.review == MatterResult::Review::Passed; }))
        return CaseStatus::RefusalProposed;
    if (any([](const MatterResult& r) { return r.inspection == QLatin1String("passed"); }))
        return CaseStatus::Inspected;
    return CaseStatus::Reviewed;
}

CaseState CaseState::fold(const QList<Event>& events)
{
    // Resolutions first: the supervisor's choice holds whatever order the events arrived in.
    QSet<QString> overruled;
    for (const Event& e : events) {
        if (e.kind != conflict::resolvedKind)
            continue;
        const QCborMap pl = e.payload();
        const QString kept = pl.value(conflict::payloadKept).toString();
        for (const QCborValue& v : pl.value(conflict::payloadResolves).toArray())
            if (v.toString() != kept)
                overruled.insert(v.toString());
    }
    CaseState state;
    for (const Event& e : events)
        if (overruled.isEmpty() || !overruled.contains(e.id.toString(QUuid::WithoutBraces)))
            state.apply(e);
    for (const CaseConflict& c : findConflicts(events))
        if (!c.resolved)
            state.openConflicts << c;
    if (state.inConflict())
        state.status = kConflictStatus;
    return state;
}

bool CaseState::pledgeBased() const
{
    return outcome == outcomeKey(IntakeOutcome::AcceptCommitment);
}

QList<MaterialEntry> CaseState::overdueMaterials(const QDate& today) const
{
    QList<MaterialEntry> overdue;
    for (const MaterialEntry& m : materials)
        if (m.state == MaterialState::Deferred && m.dueDate.isValid() && today.isValid() && m.dueDate < today)
            overdue << m;
    return overdue;
}

bool CaseState::owesCoreMaterial() const
{
    if (pledgeBased())
        return false;
    return std::any_of(materials.begin(), materials.end(), [](const MaterialEntry& m) {
        return m.core && (m.state == MaterialState::Deferred || m.state == MaterialState::Missing);
    });
}

bool CaseState::clockStopped() const
{
    return !pauses.isEmpty() && pauses.last().from.isValid() && !pauses.last().until.isValid();
}

const CertificateRecord* CaseState::activeCertificate() const
{
    for (auto it = certificates.crbegin(); it != certificates.crend(); ++it)
        if (!it->voided)
            return &*it;
    return nullptr;
}

const CertificateRecord* MatterResult::activeCertificate() const
{
    for (auto it = certificates.crbegin(); it != certificates.crend(); ++it)
        if (!it->voided)
            return &*it;
    return nullptr;
}

bool MatterResult::awaitsInspection() const
{
    return review == Review::Passed && inspectionRequired
        && (inspection.isEmpty() || inspection == QLatin1String("failed"));
}

bool MatterResult::readyToApprove() const
{
    return review == Review::Passed && (!inspectionRequired || inspection == QLatin1String("passed"));
}

const InspectionVisit* CaseState::inspectionOf(const QString& matterCode) const
{
    for (auto it = inspections.crbegin(); it != inspections.crend(); ++it)
        if (it->matterCodes.isEmpty() || it->matterCodes.contains(matterCode))
            return &*it;
    return nullptr;
}

const MatterResult* CaseState::matterResult(const QString& code) const
{
    for (const MatterResult& r : matterResults)
        if (r.code == code)
            return &r;
    return nullptr;
}

const MatterResult* CaseState::refusedPrecondition() const
{
    for (const MatterResult& r : matterResults)
        if (r.precondition && r.decision == Decision::Refused)
            return &r;
    return nullptr;
}

const InspectionVisit* CaseState::currentInspection() const
{
    return inspections.isEmpty() ? nullptr : &inspections.last();
}

} // namespace oneseal::core
