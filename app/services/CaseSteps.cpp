#include "CaseSteps.h"

#include "core/Applicant.h"
#include "db/IntakeRepository.h"
#include "db/UserDirectory.h"

namespace oneseal::services {

CaseSteps::CaseSteps(Session& session, const core::WorkCalendar& calendar)
    : m_session(session)
    , m_calendar(calendar)
{
}

QDate CaseSteps::today() const
{
    return m_session.clock().now().toLocalTime().date();
}

std::optional<core::CaseState> CaseSteps::load(const QString& caseId, QString* error) const
{
    const QList<core::Event> events = caseId.trimmed().isEmpty() ? QList<core::Event>()
                                                                  : m_session.events().caseEvents(caseId);
    if (events.isEmpty()) {
        if (error)
            *error = tr("There is no case with the id \"%1\".").arg(caseId.left(64));
        return std::nullopt;
    }
    return core::CaseState::fold(events);
}

std::optional<core::CaseState> CaseSteps::prepare(const QString& caseId, core::WorkStep step, QString* error,
                                                  const QString& matterCode) const
{
    // The role comes first: someone without it learns nothing about the case.
    if (!m_session.can(core::Workflow::actionFor(step))) {
        if (error)
            *error = Session::refusal(core::Workflow::actionFor(step));
        return std::nullopt;
    }
    auto state = load(caseId, error);
    if (!state)
        return std::nullopt;
    const QString refusal = core::Workflow::check(step, *state, m_session.user().id, m_session.user().roles,
                                                  separationPolicy(), state->decidedPerMatter() ? matterCode : QString());
    if (!refusal.isEmpty()) {
        if (error)
            *error = refusal;
        return std::nullopt;
    }
    return state;
}

core::SeparationPolicy CaseSteps::separationPolicy() const
{
    return db::UserDirectory::currentSeparationPolicy(m_session.database().sql());
}

bool CaseSteps::inTransaction(const std::function<bool(QString*)>& writes, QString* error) const
{
    db::Transaction tx(m_session.database().sql());
    if (!tx.isActive()) {
        if (error)
            *error = tx.errorText();
        return false;
    }
    return writes(error) && tx.commit(error);
}

bool CaseSteps::append(const QString& caseId, const QString& kind, QCborMap payload, QString* error) const
{
    if (!payload.contains(core::payload::date))
        payload.insert(core::payload::date, today().toString(Qt::ISODate));
    if (!payload.contains(core::payload::userName))
        payload.insert(core::payload::userName, m_session.user().displayName);
    return m_session.events().append(caseId, kind, payload, m_session.user().id, error).has_value();
}

QString CaseSteps::checkEvidence(const QList<EvidenceFile>& files, bool allowPdf)
{
    for (const EvidenceFile& f : files) {
        if (QString v = core::ApplicantRules::checkText(f.fileName, tr("file name"), 200, true); !v.isEmpty())
            return v;
        if (f.data.isEmpty())
            return tr("The file %1 is empty.").arg(f.fileName);
        if (f.data.size() > kMaxEvidenceBytes)
            return tr("The file %1 is larger than 50 MB; shorten the video or lower the resolution.").arg(f.fileName);
        const bool media = f.mimeType.startsWith(QLatin1String("image/")) || f.mimeType.startsWith(QLatin1String("video/"));
        if (!media && !(allowPdf && f.mimeType == QLatin1String("application/pdf")))
            return allowPdf ? tr("The file %1 is neither a photo, a video nor a PDF.").arg(f.fileName)
                            : tr("The file %1 is neither a photo nor a video.").arg(f.fileName);
    }
    return QString();
}

std::optional<QStringList> CaseSteps::storeEvidence(const QString& caseId, const QList<EvidenceFile>& files,
                                                    bool allowPdf, QString* error) const
{
    if (QString v = checkEvidence(files, allowPdf); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
    db::AttachmentStore store(m_session.database().sql());
    QStringList hashes;
    for (const EvidenceFile& f : files) {
        const QString sha = store.put(f.data, f.mimeType, error);
        if (sha.isEmpty())
            return std::nullopt;
        const QCborMap ap{{QStringLiteral("sha256"), sha},
                          {QStringLiteral("material_code"), QStringLiteral("evidence")},
                          {QStringLiteral("file_name"), f.fileName},
                          {QStringLiteral("mime"), f.mimeType},
                          {QStringLiteral("size"), qint64(f.data.size())}};
        if (!append(caseId, core::eventkind::attachmentAdded, ap, error))
            return std::nullopt;
        hashes << sha;
    }
    return hashes;
}

} // namespace oneseal::services
