#include "TestSupport.h"

#include "services/AuthService.h"
#include "core/Identifiers.h"
#include "services/HallService.h"
#include "services/IntakeService.h"

#include <QCryptographicHash>
#include <QFile>

namespace oneseal::test {

core::crypto::ScryptParams fastKdf()
{
    core::crypto::ScryptParams p;
    p.n = 1u << 10;
    p.r = 8;
    p.p = 1;
    return p;
}

TempHall::TempHall()
{
    m_path = m_dir.filePath(QStringLiteral("hall.db"));
    m_valid = services::HallService::createDemoHall(m_path, &m_error, fastKdf());
}

TempHall::TempHall(const core::Clock& clock)
{
    m_path = m_dir.filePath(QStringLiteral("hall.db"));
    m_valid = services::HallService::createDemoHall(m_path, &m_error, fastKdf(), clock);
}

std::unique_ptr<services::Session> TempHall::login(const QString& username) const
{
    services::AuthService auth(m_path);
    QString error;
    auto session = auth.login(username, services::HallService::demoPassword(), &error);
    if (!session)
        qWarning("login of %s failed: %s", qPrintable(username), qPrintable(error));
    return session;
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}

std::optional<core::CaseState> acceptCase(services::Session& clerk, const std::function<bool(const core::Matter&)>& pick,
                                          const QString& idFirst17, const QString& name, const QString& phone,
                                          QString* error, bool deferCoreMaterial)
{
    services::IntakeService intake(clerk);
    const auto& matters = intake.catalog().matters;
    const auto matter = std::find_if(matters.cbegin(), matters.cend(), pick);
    if (matter == matters.cend()) {
        *error = QStringLiteral("no matter of the demo catalog fits");
        return std::nullopt;
    }
    const auto subject = intake.subject(matter->code);
    services::IntakeRequest r;
    r.subjectCode = matter->code;
    r.applicant.idNumber = idFirst17 + core::residentIdCheckChar(idFirst17);
    r.applicant.name = name;
    r.applicant.phone = phone;
    r.materials = intake.checklistFor(*subject);
    const QDate promised = intake.promisedDeadline(*subject, intake.today()).due;
    bool deferred = false;
    for (auto& m : r.materials) {
        if (deferCoreMaterial && !deferred && m.core && m.requirement == core::MaterialRequirement::Deferrable) {
            m.state = core::MaterialState::Deferred;
            m.dueDate = promised;
            deferred = true;
        } else {
            m.state = core::MaterialState::Received;
            m.count = 1;
        }
    }
    if (deferCoreMaterial && !deferred) {
        *error = QStringLiteral("matter %1 has no deferrable core material").arg(matter->code);
        return std::nullopt;
    }
    r.outcome = deferCoreMaterial ? core::IntakeOutcome::AcceptDeferred : core::IntakeOutcome::Accept;
    r.repeatConfirmed = true; // a helper for other tests: the repeat check has its own (test_counter_keys)
    return intake.record(r, error);
}

} // namespace oneseal::test
