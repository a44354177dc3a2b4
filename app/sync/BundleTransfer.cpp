#include "BundleTransfer.h"

#include "HubFollowUp.h"
#include "services/Session.h"

namespace oneseal::sync {

bool BundleTransfer::allowed(QString* error) const
{
    if (m_session.can(core::Action::MoveBundles))
        return true;
    if (error)
        *error = services::Session::refusal(core::Action::MoveBundles);
    return false;
}

std::optional<int> BundleTransfer::exportForHub(const QString& path, QString* error)
{
    if (!allowed(error))
        return std::nullopt;
    if (path.trimmed().isEmpty()) {
        if (error)
            *error = tr("Choose where to write the bundle.");
        return std::nullopt;
    }
    return Bundle::exportAtWorkstation(m_session.database(), path, error);
}

std::optional<BundleImport> BundleTransfer::importFromHub(const QString& path, QString* error)
{
    if (!allowed(error))
        return std::nullopt;
    auto result = Bundle::importAtWorkstation(m_session.database(), path, error);
    if (!result)
        return std::nullopt;
    // The bundle may bring users and password changes: their key slots follow at once.
    QString why;
    if (!HubFollowUp::apply(m_session, &why))
        qWarning("%s", qPrintable(why));
    return result;
}

} // namespace oneseal::sync
