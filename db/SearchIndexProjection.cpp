#include "SearchIndexProjection.h"

#include "core/Applicant.h"
#include "core/CaseState.h"

#include <QSet>
#include <QSqlError>

#include <optional>

namespace oneseal::db {

namespace {
/** LIKE folds the case of ASCII letters only; so does the index. */
char32_t fold(char32_t c)
{
    return (c >= U'A' && c <= U'Z') ? c + (U'a' - U'A') : c;
}

QString gramOf(const QList<uint>& codePoints, qsizetype at, qsizetype length)
{
    QString gram;
    for (qsizetype i = at; i < at + length; ++i) {
        const char32_t c = fold(char32_t(codePoints.at(i)));
        if (QChar::requiresSurrogates(c)) {
            gram += QChar(QChar::highSurrogate(c));
            gram += QChar(QChar::lowSurrogate(c));
        } else {
            gram += QChar(char16_t(c));
        }
    }
    return gram;
}
} // namespace

/** Prepared once per connection: applying is on the path of every intake and of bulk loads. */
struct SearchIndexProjection::Statements
{
    QString connection;
    std::optional<QSqlQuery> known;
    std::optional<QSqlQuery> insert;
};

SearchIndexProjection::SearchIndexProjection()
    : m_statements(std::make_unique<Statements>())
{
}

SearchIndexProjection::~SearchIndexProjection() = default;

QStringList SearchIndexProjection::grams(const QString& name)
{
    const QList<uint> cps = name.toUcs4();
    QStringList result;
    QSet<QString> seen;
    for (qsizetype length = 1; length <= 2; ++length)
        for (qsizetype i = 0; i + length <= cps.size(); ++i) {
            const QString g = gramOf(cps, i, length);
            if (!seen.contains(g)) {
                seen.insert(g);
                result << g;
            }
        }
    return result;
}

QStringList SearchIndexProjection::lookupGrams(const QString& fragment)
{
    const QList<uint> cps = fragment.toUcs4();
    if (cps.size() == 1)
        return {gramOf(cps, 0, 1)};
    QStringList result;
    for (qsizetype i = 0; i + 2 <= cps.size(); ++i)
        if (const QString g = gramOf(cps, i, 2); !result.contains(g))
            result << g;
    return result;
}

bool SearchIndexProjection::apply(const QSqlDatabase& db, const core::Event& event, QString* error)
{
    // The same events the applicants and cases projections take names from.
    core::Applicant a;
    if (event.kind == QLatin1String("applicant.registered") || event.kind == QLatin1String("applicant.updated"))
        a = core::Applicant::fromCbor(event.payload());
    else if (event.kind.startsWith(QLatin1String("intake.")))
        a = core::Applicant::fromCbor(event.payload().value(core::payload::applicant).toMap());
    else
        return true;
    if (a.id.isEmpty() || a.name.isEmpty())
        return true;

    Statements& s = *m_statements;
    if (s.connection != db.connectionName() || !s.known || !s.insert) {
        s.known.emplace(db);
        s.insert.emplace(db);
        if (!s.known->prepare(QStringLiteral(
                "SELECT 1 FROM search_grams WHERE gram = ? AND name = ? AND applicant_id = ?"))
            || !s.insert->prepare(QStringLiteral(
                "INSERT OR IGNORE INTO search_grams(gram, name, applicant_id) VALUES(?, ?, ?)"))) {
            if (error)
                *error = (s.known->lastError().isValid() ? s.known->lastError() : s.insert->lastError()).text();
            s.known.reset();
            s.insert.reset();
            return false;
        }
        s.connection = db.connectionName();
    }

    const QStringList grams = SearchIndexProjection::grams(a.name);
    // The grams of one name are always added together, so the first one tells whether the name is
    // indexed already (a returning applicant: the usual case).
    s.known->bindValue(0, grams.first());
    s.known->bindValue(1, a.name);
    s.known->bindValue(2, a.id);
    if (!s.known->exec()) {
        if (error)
            *error = s.known->lastError().text();
        return false;
    }
    const bool indexed = s.known->next();
    s.known->finish();
    if (indexed)
        return true;
    for (const QString& g : grams) {
        s.insert->bindValue(0, g);
        s.insert->bindValue(1, a.name);
        s.insert->bindValue(2, a.id);
        if (!s.insert->exec()) {
            if (error)
                *error = s.insert->lastError().text();
            return false;
        }
    }
    return true;
}

} // namespace oneseal::db
