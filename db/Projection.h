#pragma once

#include "core/Event.h"

#include <QHash>
#include <QSqlDatabase>
#include <QStringList>

namespace oneseal::db {

/**
 * A current-state table kept as a deterministic fold of events. apply() runs inside the
 * transaction that appends the event; rebuilding clears tables() and applies every event again.
 */
class Projection
{
public:
    virtual ~Projection() = default;
    virtual QStringList tables() const = 0;
    virtual bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) = 0;

    /**
     * Replaces what this projection holds for one case by the fold of events (all of the case's
     * events, in fold order). Used when events arrive from other workstations and the order of a
     * case's events changes. The default clears the case's rows in every table of tables() that
     * has a case_id column and applies the events again; rows of other tables must not depend on
     * the order or the number of times an event is applied.
     */
    virtual bool refoldCase(const QSqlDatabase& db, const QString& caseId, const QList<core::Event>& events,
                            QString* error);

    /**
     * Applies several events of one case, in fold order, on top of what the projection holds: the
     * same result as apply() on each in turn. The default does just that; a projection may fold
     * the batch in memory and write once (sync brings hundreds of events of a case at a time).
     */
    virtual bool applyCaseEvents(const QSqlDatabase& db, const QList<core::Event>& events, QString* error);

    /**
     * applyCaseEvents() for several cases (each list the new events of one case, in fold order).
     * The default takes them one by one; a projection may read what it needs for all at once.
     */
    virtual bool applyCasesEvents(const QSqlDatabase& db, const QList<const QList<core::Event>*>& cases,
                                  QString* error);

    /**
     * Whether apply() folds every stored event of the event's case again (rather than adding one
     * event); then applying the last of several new events of a case is enough.
     */
    virtual bool foldsWholeCase() const { return false; }

    /**
     * For a projection that foldsWholeCase(): folds each of these cases again from all its stored
     * events, as apply() does for one. The default calls apply() per case; a projection may read
     * what it needs for all of them at once (a pull brings events of hundreds of cases).
     */
    virtual bool foldCases(const QSqlDatabase& db, const QList<core::Event>& lastOfEachCase, QString* error);

private:
    mutable QHash<QString, bool> m_hasCaseId; ///< table -> has a case_id column (schema is fixed at run time)
};

/** case_summary: status, event count and last activity of each case. */
class CaseSummaryProjection final : public Projection
{
public:
    QStringList tables() const override { return {QStringLiteral("case_summary")}; }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;
    /** One read and one write per case instead of per event. */
    bool applyCaseEvents(const QSqlDatabase& db, const QList<core::Event>& events, QString* error) override;
    /** The summaries of all the cases read at once, then one write per case. */
    bool applyCasesEvents(const QSqlDatabase& db, const QList<const QList<core::Event>*>& cases,
                          QString* error) override;

private:
    /** Folds one case's events into its summary, which holds `status` when it `exists`. */
    bool foldSummary(const QSqlDatabase& db, const QList<core::Event>& events, bool exists, QString status,
                     QString* error);
};

} // namespace oneseal::db
