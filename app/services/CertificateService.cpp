#include "CertificateService.h"

#include "core/SealGrant.h"
#include "db/CaseLifeRepository.h"

#include "core/CaseNumber.h"
#include "core/Identifiers.h"
#include "db/IntakeRepository.h"

namespace oneseal::services {

CertificateService::CertificateService(Session& session)
    : CertificateService(session, session.calendar())
{
}

CertificateService::CertificateService(Session& session, const core::WorkCalendar& calendar)
    : m_steps(session, calendar)
{
}

namespace {
/** The matter a certificate event is about, when the case is decided per matter. */
QString matterOf(const core::CaseState& state, const QString& matterCode)
{
    return state.decidedPerMatter() ? matterCode : QString();
}
const core::CertificateRecord* activeOf(const core::CaseState& state, const QString& matterCode)
{
    if (const QString m = matterOf(state, matterCode); !m.isEmpty())
        if (const core::MatterResult* r = state.matterResult(m))
            return r->activeCertificate();
    return state.activeCertificate();
}
void addMatter(QCborMap& p, const core::CaseState& state, const QString& matterCode)
{
    if (const QString m = matterOf(state, matterCode); !m.isEmpty())
        p.insert(core::payload::matter, m);
}
} // namespace

QStringList CertificateService::certificateMatters(const core::CaseState& state)
{
    QStringList codes;
    if (state.decidedPerMatter())
        for (const core::MatterResult& m : state.matterResults)
            if (m.decision == core::Decision::Approved)
                codes << m.code;
    return codes;
}

std::optional<QString> CertificateService::takeNumber(const QString& caseId, QString* error, const QString& matterCode)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::NumberCertificate, error, matterCode);
    if (!state)
        return std::nullopt;
    QString number;
    if (!m_steps.inTransaction(
            [&](QString* e) {
                const auto serial = db::NumberBlocks(m_steps.session().database().sql(), m_steps.session().clock()).take(core::numbering::certificateKind, e);
                if (!serial)
                    return false;
                number = core::Workflow::certificateNumber(m_steps.today().year(), *serial);
                QCborMap p{{core::payload::certificateNo, number}, {core::payload::serial, *serial}};
                addMatter(p, *state, matterCode);
                return m_steps.append(caseId, core::eventkind::certificateNumbered, p, e);
            },
            error))
        return std::nullopt;
    return number;
}

QString CertificateService::checkBatchPrint(const QString& caseId, const QString& matterCode) const
{
    QString error;
    const auto state = m_steps.load(caseId, &error);
    if (!state)
        return error;
    const core::CertificateRecord* cert = activeOf(*state, matterCode);
    const core::WorkStep step = cert && !cert->printed ? core::WorkStep::PrintCertificate : core::WorkStep::NumberCertificate;
    if (!m_steps.prepare(caseId, step, &error, matterCode))
        return error;
    if (state->owesCoreMaterial())
        return tr("A core material of case %1 is still owed (容缺); its certificate is printed once the material "
                  "is supplied.")
            .arg(state->caseNo);
    return QString();
}

std::optional<QString> CertificateService::numberForPrinting(const QString& caseId, QString* error,
                                                             const QString& matterCode)
{
    const auto state = m_steps.load(caseId, error);
    if (!state)
        return std::nullopt;
    const core::CertificateRecord* cert = activeOf(*state, matterCode);
    if (cert && !cert->printed && m_steps.prepare(caseId, core::WorkStep::PrintCertificate, error, matterCode))
        return cert->number;
    return takeNumber(caseId, error, matterCode);
}

namespace {
QCborMap signedPayload(const QString& certificateNo, const QByteArray& documentHash, const QString& sealKeyId)
{
    return QCborMap{{core::payload::certificateNo, certificateNo},
                    {core::payload::documentHash, QString::fromLatin1(documentHash.toHex())},
                    {QStringLiteral("seal_key_id"), sealKeyId}};
}
} // namespace

std::optional<core::CaseState> CertificateService::recordPrinted(const QString& caseId, const QString& certificateNo,
                                                                 const QByteArray& documentHash, QString* error,
                                                                 const QString& sealKeyId, const QString& matterCode)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::PrintCertificate, error, matterCode);
    if (!state)
        return std::nullopt;
    auto fail = [error](const QString& text) -> std::optional<core::CaseState> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (activeOf(*state, matterCode)->number != certificateNo)
        return fail(tr("Certificate %1 is not the number taken for this case (%2).")
                        .arg(certificateNo.left(40), activeOf(*state, matterCode)->number));
    if (documentHash.size() != 32)
        return fail(tr("The printed document is missing (no SHA-256 of it was given)."));
    QCborMap p{{core::payload::certificateNo, certificateNo},
               {core::payload::documentHash, QString::fromLatin1(documentHash.toHex())}};
    addMatter(p, *state, matterCode);
    if (!m_steps.inTransaction(
            [&](QString* e) {
                // The seal's signature first: the print stays the case's last step.
                return (sealKeyId.isEmpty()
                        || m_steps.append(caseId, core::SealGrant::signedKind(),
                                          signedPayload(certificateNo, documentHash, sealKeyId), e))
                    && m_steps.append(caseId, core::eventkind::certificatePrinted, p, e);
            },
            error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> CertificateService::recordReprint(const QString& caseId, const QString& reason,
                                                                 const QByteArray& documentHash, QString* error,
                                                                 const QString& sealKeyId, const QString& matterCode)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::ReprintCertificate, error, matterCode);
    if (!state)
        return std::nullopt;
    auto fail = [error](const QString& text) -> std::optional<core::CaseState> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (QString v = core::Workflow::checkReasons(reason, true, tr("reason for the reprint")); !v.isEmpty())
        return fail(v);
    if (documentHash.size() != 32)
        return fail(tr("The printed document is missing (no SHA-256 of it was given)."));
    QCborMap p{{core::payload::certificateNo, activeOf(*state, matterCode)->number},
               {core::payload::reasons, reason.trimmed()},
               {core::payload::documentHash, QString::fromLatin1(documentHash.toHex())}};
    addMatter(p, *state, matterCode);
    if (!m_steps.inTransaction(
            [&](QString* e) {
                return (sealKeyId.isEmpty()
                        || m_steps.append(caseId, core::SealGrant::signedKind(),
                                          signedPayload(activeOf(*state, matterCode)->number, documentHash, sealKeyId),
                                          e))
                    && m_steps.append(caseId, core::eventkind::certificateReprinted, p, e);
            },
            error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

std::optional<core::CaseState> CertificateService::voidCertificate(const QString& caseId, const QString& reason,
                                                                   QString* error, const QString& matterCode)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::VoidCertificate, error, matterCode);
    if (!state)
        return std::nullopt;
    if (QString v = core::Workflow::checkReasons(reason, true, tr("reason for voiding")); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
    QCborMap p{{core::payload::certificateNo, activeOf(*state, matterCode)->number},
               {core::payload::reasons, reason.trimmed()}};
    addMatter(p, *state, matterCode);
    if (!m_steps.inTransaction(
            [&](QString* e) { return m_steps.append(caseId, core::eventkind::certificateVoided, p, e); }, error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

QString CertificateService::checkCollector(const core::CaseState& state, const Collector& collector, const QDate& today)
{
    if (collector.kind != Collector::Kind::Holder && collector.kind != Collector::Kind::Agent)
        return tr("Say whether the holder in person or an agent collects the certificate.");
    const QString name = collector.name.trimmed();
    if (QString v = core::ApplicantRules::checkText(name, tr("collector's name"), 64, true); !v.isEmpty())
        return v;
    const QString id = core::normalizeIdentifier(collector.idNumber);
    const core::IdCheck check = core::checkResidentId(id, today);
    if (!check.valid)
        return tr("The collector's resident ID number is not valid: %1").arg(check.error);
    if (collector.kind == Collector::Kind::Agent)
        return QString();
    if (state.applicant.kind == core::ApplicantKind::Person) {
        if (id != state.applicant.idNumber || name != state.applicant.name)
            return tr("The collector is not the holder %1: check the ID card, or record the collector as an agent.")
                .arg(state.applicant.name);
        return QString();
    }
    if (state.applicant.legalRepresentative.isEmpty() || name != state.applicant.legalRepresentative.trimmed())
        return tr("Only the legal representative of %1 collects as the holder; anyone else collects as an agent.")
            .arg(state.applicant.name);
    return QString();
}

std::optional<core::CaseState> CertificateService::issue(const QString& caseId, const Collector& collector,
                                                         QString* error)
{
    const auto state = m_steps.prepare(caseId, core::WorkStep::IssueCertificate, error);
    if (!state)
        return std::nullopt;
    const QDate day = m_steps.today();
    if (QString v = checkCollector(*state, collector, day); !v.isEmpty()) {
        if (error)
            *error = v;
        return std::nullopt;
    }
    const core::CaseDeadlines due = core::Workflow::deadlines(*state, m_steps.calendar());
    const QDate promised = due.promised.due.isValid() ? due.promised.due : state->promisedDue;
    const QDate legal = due.legal.due.isValid() ? due.legal.due : state->legalDue;
    const QCborMap p{
        {core::payload::certificateNo, state->activeCertificate()->number},
        {core::payload::collectorKind,
         core::toStored(collector.kind)},
        {core::payload::collectorName, collector.name.trimmed()},
        {core::payload::collectorIdNumber, core::normalizeIdentifier(collector.idNumber)},
        {core::payload::date, day.toString(Qt::ISODate)},
        {core::payload::promisedDue, promised.toString(Qt::ISODate)},
        {core::payload::legalDue, legal.toString(Qt::ISODate)},
        {core::payload::onTime, promised.isValid() && day <= promised},
        {core::payload::withinLegal, legal.isValid() && day <= legal}};
    if (!m_steps.inTransaction(
            [&](QString* e) { return m_steps.append(caseId, core::eventkind::certificateIssued, p, e); }, error))
        return std::nullopt;
    return m_steps.load(caseId, error);
}

QList<db::CertificateRow> CertificateService::certificates(const QString& caseId) const
{
    return db::BackOfficeRepository(m_steps.session().database().sql()).certificatesOfCase(caseId);
}

CertificateStanding CertificateService::standing(const QString& number) const
{
    const auto voided = db::CaseLifeRepository(m_steps.session().database().sql()).certificateVoided(number.trimmed());
    if (!voided)
        return CertificateStanding::Unknown;
    return *voided ? CertificateStanding::Voided : CertificateStanding::InForce;
}

} // namespace oneseal::services
