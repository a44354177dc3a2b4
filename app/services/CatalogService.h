#pragma once

#include "Session.h"
#include "core/Catalog.h"

#include <QCoreApplication>

#include <optional>

namespace oneseal::services {

/** The hall administrator's catalog work: import a new version, export one. */
class CatalogService
{
    Q_DECLARE_TR_FUNCTIONS(CatalogService)

public:
    explicit CatalogService(Session& session) : m_session(session) {}

    /**
     * Validates the JSON document and stores it as a new catalog version (administrators only).
     * A refused file changes nothing; *error names the line and the reason.
     */
    std::optional<core::Catalog> importJson(const QByteArray& json, QString* error);
    /** The JSON of a version (0: the current one). */
    std::optional<QByteArray> exportJson(int version, QString* error) const;

private:
    Session& m_session;
};

} // namespace oneseal::services
