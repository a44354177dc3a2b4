#include "CatalogService.h"

#include "db/CatalogRepository.h"

#include <QCborMap>

namespace oneseal::services {

std::optional<core::Catalog> CatalogService::importJson(const QByteArray& json, QString* error)
{
    if (!m_session.can(core::Action::ManageCatalog)) {
        if (error)
            *error = Session::refusal(core::Action::ManageCatalog);
        return std::nullopt;
    }
    auto catalog = core::Catalog::fromJson(json, error);
    if (!catalog)
        return std::nullopt;
    if (!db::CatalogRepository(m_session.database().sql(), m_session.clock()).import(*catalog, error))
        return std::nullopt;
    m_session.reloadCatalogIfChanged();
    return catalog;
}

std::optional<QByteArray> CatalogService::exportJson(int version, QString* error) const
{
    db::CatalogRepository repo(m_session.database().sql());
    const auto catalog = version > 0 ? repo.version(version) : repo.current();
    if (!catalog) {
        if (error)
            *error = version > 0 ? tr("There is no catalog version %1.").arg(version)
                                 : tr("No catalog is loaded at this hall.");
        return std::nullopt;
    }
    return catalog->toJson();
}

} // namespace oneseal::services
