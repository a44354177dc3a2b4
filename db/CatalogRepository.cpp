#include "CatalogRepository.h"

#include "Database.h"
#include "core/Crypto.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

namespace {

bool exec(QSqlQuery& q, const QVariantList& values, QString* error)
{
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

} // namespace

CatalogRepository::CatalogRepository(QSqlDatabase db, const core::Clock& clock)
    : m_db(std::move(db))
    , m_clock(&clock)
{
}

bool CatalogRepository::import(const core::Catalog& catalog, QString* error)
{
    const QString problems = catalog.validate();
    if (!problems.isEmpty()) {
        if (error)
            *error = tr("The catalog was not imported because it is inconsistent:\n%1").arg(problems);
        return false;
    }
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        if (error)
            *error = tr("Unable to start the catalog import: %1").arg(transaction.errorText());
        return false;
    }
    // Read the current version inside the transaction so that two imports cannot both pass the check.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT version, effective_from FROM catalog_versions ORDER BY version DESC LIMIT 1"))) {
        if (error)
            *error = tr("Unable to read the catalog versions: %1").arg(q.lastError().text());
        return false;
    }
    if (q.next()) {
        const int currentVersion = q.value(0).toInt();
        const QDate currentFrom = QDate::fromString(q.value(1).toString(), Qt::ISODate);
        if (catalog.version <= currentVersion) {
            if (error)
                *error = tr("Catalog version %1 was not imported: version %2 is already stored, and a new catalog "
                            "must carry a higher version number.")
                             .arg(catalog.version)
                             .arg(currentVersion);
            return false;
        }
        if (catalog.effectiveFrom < currentFrom) {
            if (error)
                *error = tr("Catalog version %1 was not imported: it would apply from %2, before version %3 "
                            "(from %4).")
                             .arg(catalog.version)
                             .arg(catalog.effectiveFrom.toString(Qt::ISODate))
                             .arg(currentVersion)
                             .arg(currentFrom.toString(Qt::ISODate));
            return false;
        }
    }
    q.finish();

    const QByteArray json = catalog.toJson();
    QString sqlError;
    auto fail = [&](const QString& what) {
        if (error)
            *error = tr("Catalog version %1 was not imported (%2): %3").arg(catalog.version).arg(what, sqlError);
        return false;
    };

    q.prepare(QStringLiteral("INSERT INTO catalog_versions(version, effective_from, imported_at, hall, document, sha256) "
                             "VALUES(?, ?, ?, ?, ?, ?)"));
    if (!exec(q,
              {catalog.version, catalog.effectiveFrom.toString(Qt::ISODate),
               m_clock->now().toUTC().toString(Qt::ISODateWithMs), catalog.hall, qCompress(json, 9),
               QString::fromLatin1(core::crypto::sha256(json).toHex())},
              &sqlError))
        return fail(tr("version"));

    QSqlQuery matterInsert(m_db);
    matterInsert.prepare(QStringLiteral(
        "INSERT INTO catalog_matters(version, code, implementation_code, name, type, zone, risk, department, "
        "legal_limit_days, promised_limit_days, instant, site_inspection, commitment_allowed, deferral_allowed, "
        "material_count) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery materialInsert(m_db);
    materialInsert.prepare(
        QStringLiteral("INSERT INTO catalog_materials(version, matter_code, material_code, name, form, copies, "
                       "requirement, source, core, position) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const core::Matter& m : catalog.matters) {
        if (!exec(matterInsert,
                  {catalog.version, m.code, m.implementationCode, m.name, int(m.type), int(m.zone), int(m.risk),
                   m.department, m.legalLimitDays, m.promisedLimitDays, m.instant, m.siteInspection,
                   m.commitmentAllowed, m.deferralAllowed, int(m.materials.size())},
                  &sqlError))
            return fail(tr("matter %1").arg(m.code));
        for (const core::Material& x : m.materials)
            if (!exec(materialInsert,
                      {catalog.version, m.code, x.code, x.name, int(x.form), x.copies, int(x.requirement),
                       int(x.source), x.core, x.order},
                      &sqlError))
                return fail(tr("material %1 of matter %2").arg(x.code, m.code));
    }

    QSqlQuery bundleInsert(m_db);
    bundleInsert.prepare(QStringLiteral("INSERT INTO catalog_bundles(version, code, name) VALUES(?, ?, ?)"));
    QSqlQuery memberInsert(m_db);
    memberInsert.prepare(QStringLiteral(
        "INSERT INTO catalog_bundle_matters(version, bundle_code, matter_code, position) VALUES(?, ?, ?, ?)"));
    for (const core::Bundle& b : catalog.bundles) {
        if (!exec(bundleInsert, {catalog.version, b.code, b.name}, &sqlError))
            return fail(tr("bundle %1").arg(b.code));
        const QStringList members = catalog.bundleMatterCodes(b.code);
        for (qsizetype i = 0; i < members.size(); ++i)
            if (!exec(memberInsert, {catalog.version, b.code, members.at(i), int(i) + 1}, &sqlError))
                return fail(tr("bundle %1").arg(b.code));
    }
    if (!transaction.commit(&sqlError))
        return fail(tr("commit"));
    return true;
}

std::optional<core::Catalog> CatalogRepository::load(const QString& where, const QVariant& value,
                                                     QString* error) const
{
    if (error)
        error->clear();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT version, document, sha256 FROM catalog_versions ") + where);
    if (!value.isNull())
        q.addBindValue(value);
    if (!q.exec()) {
        if (error)
            *error = tr("Unable to read the catalog: %1").arg(q.lastError().text());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    const int v = q.value(0).toInt();
    const QByteArray json = qUncompress(q.value(1).toByteArray());
    if (json.isEmpty() || QString::fromLatin1(core::crypto::sha256(json).toHex()) != q.value(2).toString()) {
        if (error)
            *error = tr("The stored catalog version %1 is damaged.").arg(v);
        return std::nullopt;
    }
    QString parseError;
    auto catalog = core::Catalog::fromJson(json, &parseError);
    if (!catalog && error)
        *error = tr("The stored catalog version %1 cannot be read: %2").arg(v).arg(parseError);
    return catalog;
}

std::optional<core::Catalog> CatalogRepository::current(QString* error) const
{
    return load(QStringLiteral("ORDER BY version DESC LIMIT 1"), QVariant(), error);
}

std::optional<core::Catalog> CatalogRepository::version(int v, QString* error) const
{
    return load(QStringLiteral("WHERE version = ?"), v, error);
}

std::optional<core::Catalog> CatalogRepository::effectiveOn(const QDate& date, QString* error) const
{
    return load(QStringLiteral("WHERE effective_from <= ? ORDER BY version DESC LIMIT 1"),
                date.toString(Qt::ISODate), error);
}

int CatalogRepository::currentVersion() const
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT max(version) FROM catalog_versions")) && q.next())
        return q.value(0).toInt();
    return 0;
}

QList<int> CatalogRepository::versions() const
{
    QList<int> list;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT version FROM catalog_versions ORDER BY version")))
        while (q.next())
            list.append(q.value(0).toInt());
    return list;
}

QString CatalogRepository::documentHash(int v) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT sha256 FROM catalog_versions WHERE version = ?"));
    q.addBindValue(v);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return QString();
}

} // namespace oneseal::db
