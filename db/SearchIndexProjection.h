#pragma once

#include "Projection.h"

#include <QSqlQuery>

#include <memory>

namespace oneseal::db {

/**
 * search_grams: the name index of applicants (SQLite 3.15.2 has no full-text search). Every 1- and
 * 2-character substring of every name an applicant is registered or taken in under points to that
 * name and applicant, so that IntakeRepository finds a name fragment by one indexed gram and
 * filters the few rows carrying it with LIKE, instead of scanning every name. ASCII letters are
 * indexed in lower case, because LIKE ignores their case. Rows are only added, never removed: the
 * index is the set of (name, applicant) pairs found in the events, whatever order they come in.
 */
class SearchIndexProjection final : public Projection
{
public:
    SearchIndexProjection();
    ~SearchIndexProjection() override;

    QStringList tables() const override { return {QStringLiteral("search_grams")}; }
    bool apply(const QSqlDatabase& db, const core::Event& event, QString* error) override;

    /** The distinct grams of a name, in the form stored (ASCII letters lower-cased). */
    static QStringList grams(const QString& name);
    /**
     * The grams a fragment can be looked up by: its one character when it has one, otherwise its
     * distinct 2-character substrings; none for an empty fragment. Every name containing the
     * fragment carries each of them, so the rarest one gives the fewest rows to filter.
     */
    static QStringList lookupGrams(const QString& fragment);

private:
    struct Statements;
    std::unique_ptr<Statements> m_statements;
};

} // namespace oneseal::db
