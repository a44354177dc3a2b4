#pragma once

#include "core/Catalog.h"
#include "core/Clock.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <optional>

namespace oneseal::db {

/**
 * The catalog versions of a hall database (tables of migration 0002). Each version is kept whole as
 * its JSON document and never changes; flattened tables serve search and reports.
 */
class CatalogRepository
{
    Q_DECLARE_TR_FUNCTIONS(CatalogRepository)

public:
    /** \a clock dates the imports (imported_at). */
    explicit CatalogRepository(QSqlDatabase db, const core::Clock& clock = core::Clock::system());

    /**
     * Stores a new catalog version with its flattened rows, all in one transaction. Refuses an
     * inconsistent catalog, a version not above the current one, and a version that would apply
     * before the current one; on any failure nothing is stored and *error says why.
     */
    bool import(const core::Catalog& catalog, QString* error);

    /** The highest version, or nothing when no catalog was imported (or it cannot be read: see *error). */
    std::optional<core::Catalog> current(QString* error = nullptr) const;
    /** One stored version exactly as imported. */
    std::optional<core::Catalog> version(int v, QString* error = nullptr) const;
    /** The version in force on a date: the highest whose effective date is not after it. */
    std::optional<core::Catalog> effectiveOn(const QDate& date, QString* error = nullptr) const;
    /** The highest stored version without reading its document; 0 when none is stored. */
    int currentVersion() const;
    /** All stored versions, ascending. */
    QList<int> versions() const;
    /** Hex SHA-256 of a stored version's document (empty when unknown); cases may record it. */
    QString documentHash(int v) const;

private:
    std::optional<core::Catalog> load(const QString& where, const QVariant& value, QString* error) const;

    QSqlDatabase m_db;
    const core::Clock* m_clock;
};

} // namespace oneseal::db
