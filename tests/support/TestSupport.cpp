#include "TestSupport.h"

#include "services/AuthService.h"
#include "services/HallService.h"

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

} // namespace oneseal::test
