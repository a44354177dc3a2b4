#include "IntakePayload.h"

#include <QCborArray>

namespace oneseal::services {

QCborMap IntakePayload::toCbor() const
{
    QCborArray matterCodes;
    if (subject)
        for (const core::Matter* m : subject->matters)
            matterCodes << m->code;
    QCborArray materialArray;
    for (const core::MaterialEntry& m : materials)
        materialArray << m.toCbor();
    QCborMap p;
    p.insert(core::payload::caseNo, caseNo);
    p.insert(core::payload::outcome, core::outcomeKey(outcome));
    p.insert(core::payload::subjectCode, subject ? subject->code : QString());
    p.insert(core::payload::subjectName, subject ? subject->name : QString());
    p.insert(core::payload::bundle, subject && subject->bundle);
    p.insert(core::payload::matters, matterCodes);
    p.insert(core::payload::catalogVersion, catalogVersion);
    p.insert(core::payload::applicant, applicant.toCbor());
    if (!agent.isEmpty())
        p.insert(core::payload::agent, agent.toCbor());
    p.insert(core::payload::materials, materialArray);
    p.insert(core::payload::acceptedAt, acceptedAt.toString(Qt::ISODate));
    const bool accepted = outcome != core::IntakeOutcome::NotifyMissing && outcome != core::IntakeOutcome::Refuse;
    if (accepted) {
        p.insert(core::payload::promisedDue, promised.due.toString(Qt::ISODate));
        p.insert(core::payload::legalDue, legal.due.toString(Qt::ISODate));
        p.insert(core::payload::deadlineCertain, promised.certain && legal.certain);
        p.insert(core::payload::promisedDays, (subject && !subject->instant) ? subject->promisedDays : 0.0);
        p.insert(core::payload::legalDays, (subject && !subject->instant) ? subject->legalDays : 0.0);
        if (!matterLimits.isEmpty()) {
            QCborArray limits;
            for (const MatterLimit& m : matterLimits)
                limits << QCborMap{{core::payload::matter, m.code},
                                   {core::payload::matterName, m.name},
                                   {core::payload::promisedDays, m.promisedDays},
                                   {core::payload::legalDays, m.legalDays},
                                   {core::payload::promisedDue, m.promised.due.toString(Qt::ISODate)},
                                   {core::payload::legalDue, m.legal.due.toString(Qt::ISODate)},
                                   {core::payload::precondition, m.precondition}};
            p.insert(core::payload::matterLimits, limits);
        }
        const QString note = !promised.note.isEmpty() ? promised.note : legal.note;
        if (!note.isEmpty())
            p.insert(core::payload::deadlineNote, note);
    }
    if (!declared.isEmpty()) {
        QCborArray values;
        for (const core::DeclaredValue& d : declared)
            values << QCborMap{{core::payload::matter, d.matter},
                               {core::payload::declaredKey, d.key},
                               {core::payload::declaredValue, d.value}};
        p.insert(core::payload::declared, values);
    }
    if (!reasons.trimmed().isEmpty())
        p.insert(core::payload::reasons, reasons.trimmed());
    p.insert(core::payload::clerkName, clerkName);
    p.insert(core::payload::risk, core::toStored(subject ? subject->risk : core::RiskLevel::Low));
    return p;
}

} // namespace oneseal::services
