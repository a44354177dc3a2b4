#include "CaseState.h"

#include "CaseStatus.h"

#include <QCborArray>

namespace oneseal::core {

void CaseState::apply(const Event& event)
{
    const QCborMap p = event.payload();
    if (caseId.isEmpty())
        caseId = event.caseId;
    ++eventCount;
    lastHlc = std::max(lastHlc, event.hlc);
    status = caseStatusAfter(status, event.kind);

    if (event.kind.startsWith(QLatin1String("intake."))) {
        caseNo = p.value(payload::caseNo).toString();
        outcome = p.value(payload::outcome).toString();
        subjectCode = p.value(payload::subjectCode).toString();
        subjectName = p.value(payload::subjectName).toString();
        bundle = p.value(payload::bundle).toBool();
        matterCodes.clear();
        for (const QCborValue& v : p.value(payload::matters).toArray())
            matterCodes << v.toString();
        catalogVersion = int(p.value(payload::catalogVersion).toInteger());
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
        risk = p.value(payload::risk).toString();
    } else if (event.kind == QLatin1String("notice.printed")) {
        ++noticesPrinted;
    } else if (event.kind == QLatin1String("attachment.added")) {
        AttachmentRef a;
        a.sha256 = p.value(QStringLiteral("sha256")).toString();
        a.materialCode = p.value(QStringLiteral("material_code")).toString();
        a.fileName = p.value(QStringLiteral("file_name")).toString();
        a.mimeType = p.value(QStringLiteral("mime")).toString();
        a.size = p.value(QStringLiteral("size")).toInteger();
        attachments << a;
    } else if (event.kind == QLatin1String("material.supplied")) {
        const QString code = p.value(QStringLiteral("material_code")).toString();
        for (MaterialEntry& m : materials)
            if (m.code == code) {
                m.state = MaterialState::Received;
                m.count = std::max(1, int(p.value(QStringLiteral("count")).toInteger()));
                m.dueDate = QDate();
            }
    }
}

CaseState CaseState::fold(const QList<Event>& events)
{
    CaseState state;
    for (const Event& e : events)
        state.apply(e);
    return state;
}

bool CaseState::owesCoreMaterial() const
{
    return std::any_of(materials.begin(), materials.end(), [](const MaterialEntry& m) {
        return m.core && (m.state == MaterialState::Deferred || m.state == MaterialState::Missing);
    });
}

} // namespace oneseal::core
