#include "Session.h"

#include "core/Crypto.h"
#include "db/KeyRing.h"
#include "db/WorkstationProjections.h"

#include <QCoreApplication>

namespace oneseal::services {

Session::Session(std::unique_ptr<db::Database> database, QByteArray key, core::User user, const core::Clock& clock)
    : m_database(std::move(database))
    , m_key(std::move(key))
    , m_user(std::move(user))
    , m_clock(&clock)
{
    m_events = std::make_unique<db::EventStore>(*m_database, m_database->meta(QStringLiteral("workstation_id")), clock);
    db::registerWorkstationProjections(*m_events);
}

Session::~Session()
{
    m_events.reset();
    core::crypto::wipe(m_key);
}

QString Session::hallName() const
{
    return m_database->meta(QStringLiteral("hall_name"));
}

std::optional<core::SealKey> Session::sealKey(QString* error) const
{
    const QString pem = m_database->meta(QStringLiteral("seal_private_key"));
    if (pem.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("Session", "This workstation holds no seal-signing key, so it cannot "
                                                            "print signed certificates. Ask the hall administrator.");
        return std::nullopt;
    }
    return core::SealKey::fromPrivatePem(pem.toLatin1(), error);
}

QList<core::SealKey> Session::trustedSealKeys() const
{
    QList<core::SealKey> keys;
    const QString pem = m_database->meta(QStringLiteral("seal_public_key"));
    if (auto key = core::SealKey::fromPublicPem(pem.toLatin1(), nullptr))
        keys << *key;
    return keys;
}

QString Session::keyRingPath() const
{
    return db::KeyRing::pathFor(m_database->path());
}

QString Session::refusal(core::Action action)
{
    Q_UNUSED(action);
    return QCoreApplication::translate("Session", "Your role does not allow this. Ask a colleague who holds the "
                                                  "right role, or the hall administrator.");
}

} // namespace oneseal::services
