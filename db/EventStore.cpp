#include "EventStore.h"

#include "BackOfficeProjection.h"
#include "IntakeProjections.h"
#include "SearchIndexProjection.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace oneseal::db {

namespace {
const QString kColumns = QStringLiteral(
    "seq, uuid, case_id, kind, payload, user_id, workstation, hlc, prev_hash, hash, recorded_at, server_seq");
const QString kFoldOrder = QStringLiteral(" ORDER BY (server_seq IS NULL), server_seq, hlc, workstation, seq");

} // namespace

EventStore::EventStore(Database& database, QString workstation, const core::Clock& clock)
    : m_database(&database)
    , m_workstation(std::move(workstation))
    , m_clock(&clock)
    , m_hlc(clock)
{
    // Every projection of the schema, so that no writer can forget one.
    m_projections.push_back(std::make_shared<CaseSummaryProjection>());
    m_projections.push_back(std::make_shared<ApplicantProjection>());
    m_projections.push_back(std::make_shared<CaseProjection>());
    m_projections.push_back(std::make_shared<BackOfficeProjection>());
    m_projections.push_back(std::make_shared<SearchIndexProjection>());
    QSqlQuery q(database.sql());
    if (q.exec(QStringLiteral("SELECT max(hlc) FROM events")) && q.next())
        m_hlc.restore(quint64(q.value(0).toLongLong()));
}

void EventStore::addProjection(std::shared_ptr<Projection> projection)
{
    m_projections.push_back(std::move(projection));
}

std::optional<core::Event> EventStore::append(const QString& caseId, const QString& kind, const QCborMap& payload,
                                              const QString& userId, QString* error)
{
    if (kind.trimmed().isEmpty() || userId.trimmed().isEmpty() || m_workstation.isEmpty()) {
        if (error)
            *error = tr("An event needs a kind, a user and a workstation.");
        return std::nullopt;
    }
    if (!m_database->inTransaction()) {
        // Outside a transaction the event and its projections would be committed separately.
        if (error)
            *error = tr("An event can only be appended inside a transaction.");
        return std::nullopt;
    }
    const QSqlDatabase db = m_database->sql();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT hash, hlc FROM events WHERE workstation = ? ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(m_workstation);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    }
    core::Event e;
    if (q.next()) {
        e.prevHash = q.value(0).toByteArray();
        // Another session of this workstation (a second window) may have written since we started.
        const quint64 latest = quint64(q.value(1).toLongLong());
        if (latest > m_hlc.last())
            m_hlc.restore(latest);
    }
    q.finish();
    e.id = QUuid::createUuid();
    e.caseId = caseId;
    e.kind = kind;
    e.setPayload(payload);
    e.userId = userId;
    e.workstation = m_workstation;
    e.hlc = m_hlc.now();
    e.recordedAt = m_clock->now();
    e.hash = e.computeHash();

    q.prepare(QStringLiteral("INSERT INTO events(uuid, case_id, kind, payload, user_id, workstation, hlc, "
                             "prev_hash, hash, recorded_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(e.id.toString(QUuid::WithoutBraces));
    q.addBindValue(caseId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(caseId));
    q.addBindValue(kind);
    q.addBindValue(e.payloadCbor);
    q.addBindValue(userId);
    q.addBindValue(m_workstation);
    q.addBindValue(qint64(e.hlc));
    q.addBindValue(e.prevHash.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(e.prevHash));
    q.addBindValue(e.hash);
    q.addBindValue(e.recordedAt.toString(Qt::ISODateWithMs));
    if (!q.exec()) {
        if (error)
            *error = tr("The event could not be stored: %1").arg(q.lastError().text());
        return std::nullopt;
    }
    e.seq = q.lastInsertId().toLongLong();
    for (const auto& projection : m_projections)
        if (!projection->apply(db, e, error))
            return std::nullopt;
    return e;
}

core::Event EventStore::eventFromQuery(const QSqlQuery& q)
{
    core::Event e;
    e.seq = q.value(0).toLongLong();
    e.id = QUuid::fromString(q.value(1).toString());
    e.caseId = q.value(2).toString();
    e.kind = q.value(3).toString();
    e.payloadCbor = q.value(4).toByteArray();
    e.userId = q.value(5).toString();
    e.workstation = q.value(6).toString();
    e.hlc = quint64(q.value(7).toLongLong());
    e.prevHash = q.value(8).toByteArray();
    e.hash = q.value(9).toByteArray();
    e.recordedAt = QDateTime::fromString(q.value(10).toString(), Qt::ISODateWithMs);
    e.serverSeq = q.value(11).toLongLong();
    return e;
}

QList<core::Event> EventStore::select(const QString& where, const QVariantList& values) const
{
    QList<core::Event> events;
    QSqlQuery q(m_database->sql());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM events ") + where + kFoldOrder);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return events;
    while (q.next())
        events.append(eventFromQuery(q));
    return events;
}

QList<core::Event> EventStore::caseEvents(const QString& caseId) const
{
    return select(QStringLiteral("WHERE case_id = ?"), {caseId});
}

QList<core::Event> EventStore::allEvents() const
{
    return select(QString(), {});
}

qint64 EventStore::count() const
{
    QSqlQuery q(m_database->sql());
    if (q.exec(QStringLiteral("SELECT count(*) FROM events")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

bool EventStore::rebuildProjections(QString* error)
{
    const QSqlDatabase db = m_database->sql();
    Transaction tx(db);
    if (!tx.isActive()) {
        if (error)
            *error = tx.errorText();
        return false;
    }
    QSqlQuery q(db);
    for (const auto& projection : m_projections)
        for (const QString& table : projection->tables())
            if (!q.exec(QStringLiteral("DELETE FROM ") + db.driver()->escapeIdentifier(table, QSqlDriver::TableName))) {
                if (error)
                    *error = q.lastError().text();
                return false;
            }
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM events") + kFoldOrder)) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    while (q.next()) {
        const core::Event e = eventFromQuery(q);
        for (const auto& projection : m_projections)
            if (!projection->apply(db, e, error))
                return false;
    }
    q.finish();
    return tx.commit(error);
}

} // namespace oneseal::db
