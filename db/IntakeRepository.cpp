#include "IntakeRepository.h"

#include "SearchIndexProjection.h"
#include "core/Crypto.h"

#include <QSqlError>
#include <QSqlQuery>

#include <QDateTime>
#include <QHash>

#include <algorithm>
#include <mutex>
#include <limits>
#include <tuple>

namespace oneseal::db {

namespace {
const QString kApplicantColumns =
    QStringLiteral("SELECT id, kind, name, id_number, phone, address, legal_representative, sex, ethnicity, birth_date, "
                   "id_authority, id_valid_from, id_valid_to, id_from_card FROM applicants ");
const QString kCaseColumns = QStringLiteral(
    "SELECT case_id, case_no, status, outcome, subject_name, applicant_name, applicant_id_number, clerk_name, "
    "accepted_at, promised_due, deadline_certain, risk FROM cases ");

core::Applicant applicantFrom(const QSqlQuery& q)
{
    core::Applicant a;
    a.id = q.value(0).toString();
    a.kind = q.value(1).toString() == QLatin1String("organisation") ? core::ApplicantKind::Organisation
                                                                     : core::ApplicantKind::Person;
    a.name = q.value(2).toString();
    a.idNumber = q.value(3).toString();
    a.phone = q.value(4).toString();
    a.address = q.value(5).toString();
    a.legalRepresentative = q.value(6).toString();
    a.sex = q.value(7).toString();
    a.ethnicity = q.value(8).toString();
    a.birthDate = QDate::fromString(q.value(9).toString(), Qt::ISODate);
    a.idAuthority = q.value(10).toString();
    a.idValidFrom = QDate::fromString(q.value(11).toString(), Qt::ISODate);
    a.idLongTerm = q.value(12).toString() == QLatin1String("long_term");
    a.idValidTo = a.idLongTerm ? QDate() : QDate::fromString(q.value(12).toString(), Qt::ISODate);
    a.fromCard = q.value(13).toBool();
    return a;
}

CaseSummary caseFrom(const QSqlQuery& q)
{
    CaseSummary c;
    c.caseId = q.value(0).toString();
    c.caseNo = q.value(1).toString();
    c.status = core::caseStatusFromStored(q.value(2).toString());
    c.outcome = q.value(3).toString();
    c.subjectName = q.value(4).toString();
    c.applicantName = q.value(5).toString();
    c.applicantIdNumber = q.value(6).toString();
    c.clerkName = q.value(7).toString();
    c.acceptedAt = QDateTime::fromString(q.value(8).toString(), Qt::ISODate);
    c.promisedDue = QDate::fromString(q.value(9).toString(), Qt::ISODate);
    c.deadlineCertain = q.value(10).toBool();
    c.risk = core::riskLevelFromStored(q.value(11).toString());
    return c;
}

/** A gram of search_grams and how many rows carry it (counted up to a limit). */
struct GramChoice
{
    QString gram;
    qint64 rows = 0;
};
constexpr int kGramCountLimit = 20000;

/**
 * The gram of search_grams to find a name fragment by: of the fragment's grams, the one carried by
 * the fewest names, so that LIKE filters as few rows as possible. No gram for empty text. Rows are
 * counted up to countLimit (a caller that only asks "more than n?" passes n + 1): first every gram
 * up to a small limit, then, when every gram is that common, up to countLimit; and never beyond the
 * rarest so far. A fragment that spans a common gram (城市 of 运城市) and a rare one (市黄) so costs
 * the rare one's count, not 20,000 rows of the common one.
 */
GramChoice rarestGram(const QSqlDatabase& db, const QString& fragment, int countLimit = kGramCountLimit)
{
    constexpr int kFirstLimit = 1000;
    const QStringList grams = SearchIndexProjection::lookupGrams(fragment);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM search_grams WHERE gram = ? LIMIT ?)"));
    GramChoice best;
    for (const int limit : {std::min(kFirstLimit, countLimit), countLimit}) {
        best = {};
        for (const QString& g : grams) {
            const qint64 cap = best.gram.isEmpty() ? limit : std::min<qint64>(limit, best.rows);
            q.bindValue(0, g);
            q.bindValue(1, cap);
            const qint64 n = q.exec() && q.next() ? q.value(0).toLongLong() : cap;
            q.finish();
            if (best.gram.isEmpty() || n < best.rows)
                best = {g, n};
            if (n == 0)
                return best;
        }
        // Exact below the limit; with a single gram there is nothing to compare.
        if (best.rows < limit || limit == countLimit || grams.size() < 2)
            return best;
    }
    return best;
}

/**
 * The acceptance time of about the rows-th newest case (empty in a smaller hall): reading the cases
 * accepted from then on reads about that many. Any value is correct, only the amount read depends
 * on it, so it is kept for a minute per database file rather than read again for every search.
 */
QString scanBoundary(const QSqlDatabase& db, int rows)
{
    struct Known
    {
        qint64 at;
        QString boundary;
    };
    static std::mutex mutex;
    static QHash<QString, Known> known;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString key = db.databaseName() + QLatin1Char('\n') + QString::number(rows);
    {
        std::lock_guard lock(mutex);
        const auto it = known.constFind(key);
        if (it != known.cend() && now - it->at < 60000)
            return it->boundary;
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT accepted_at FROM cases INDEXED BY cases_accepted_at ORDER BY accepted_at DESC "
                             "LIMIT 1 OFFSET ?"));
    q.addBindValue(rows);
    const QString boundary = q.exec() && q.next() ? q.value(0).toString() : QString();
    std::lock_guard lock(mutex);
    known.insert(key, {now, boundary});
    return boundary;
}

/** Escapes LIKE wildcards so that user text matches literally (ESCAPE '\'). */
QString likeLiteral(const QString& text)
{
    QString t = text;
    t.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    t.replace(QLatin1Char('%'), QLatin1String("\\%"));
    t.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return t;
}
} // namespace

std::optional<core::Applicant> IntakeRepository::applicantById(const QString& id) const
{
    QSqlQuery q(m_db);
    q.prepare(kApplicantColumns + QStringLiteral("WHERE id = ?"));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return applicantFrom(q);
    return std::nullopt;
}

std::optional<core::Applicant> IntakeRepository::applicantByIdNumber(const QString& idNumber) const
{
    QSqlQuery q(m_db);
    q.prepare(kApplicantColumns + QStringLiteral("WHERE id_number = ?"));
    q.addBindValue(idNumber.trimmed().toUpper());
    if (q.exec() && q.next())
        return applicantFrom(q);
    return std::nullopt;
}

QList<core::Applicant> IntakeRepository::searchApplicants(const QString& text, int limit) const
{
    QList<core::Applicant> found;
    const QString t = text.trimmed();
    if (t.isEmpty() || limit < 1)
        return found;
    // ID numbers and phones are matched by prefix (indexed ranges), names by fragment through the
    // gram index; each part reads only what can make the first `limit`, and the parts are merged in
    // the order of the list: the exact ID number first, then exact names, then by name.
    const QString upper = t.toUpper();
    QSet<QString> ids;
    auto collect = [&](const QString& sql, const QVariantList& values) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(sql);
        for (const QVariant& v : values)
            q.addBindValue(v);
        if (q.exec())
            while (q.next()) {
                core::Applicant a = applicantFrom(q);
                if (!ids.contains(a.id)) {
                    ids.insert(a.id);
                    found << a;
                }
            }
    };
    // A prefix shared by more than kPrefixRows applicants (a few digits) lists the first of them
    // by number; below that every match is read, so the order by name is exact.
    constexpr int kPrefixRows = 500;
    collect(kApplicantColumns + QStringLiteral("WHERE id_number >= ? AND id_number < ? ORDER BY id_number LIMIT ?"),
            {upper, upper + QChar(0xFFFF), std::max(limit, kPrefixRows)});
    collect(kApplicantColumns + QStringLiteral("WHERE phone >= ? AND phone < ? ORDER BY phone LIMIT ?"),
            {t, t + QChar(0xFFFF), std::max(limit, kPrefixRows)});
    collect(kApplicantColumns + QStringLiteral("WHERE name = ? LIMIT ?"), {t, limit});
    const QString gram = rarestGram(m_db, t).gram;
    if (!gram.isEmpty())
        collect(QStringLiteral("SELECT a.id, a.kind, a.name, a.id_number, a.phone, a.address, a.legal_representative, a.sex, "
                               "a.ethnicity, a.birth_date, a.id_authority, a.id_valid_from, a.id_valid_to, a.id_from_card "
                               "FROM search_grams g JOIN applicants a ON a.id = g.applicant_id AND a.name = g.name "
                               "WHERE g.gram = ? AND g.name LIKE ? ESCAPE '\\' ORDER BY g.name LIMIT ?"),
                {gram, QLatin1Char('%') + likeLiteral(t) + QLatin1Char('%'), limit});
    auto rank = [&](const core::Applicant& a) {
        return std::make_tuple(a.idNumber != upper, a.name != t, a.name.toUtf8());
    };
    std::stable_sort(found.begin(), found.end(),
                     [&](const core::Applicant& x, const core::Applicant& y) { return rank(x) < rank(y); });
    if (found.size() > limit)
        found.resize(limit);
    return found;
}

QList<CaseSummary> IntakeRepository::selectCases(const QString& where, const QVariantList& values, int limit) const
{
    QList<CaseSummary> result;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(kCaseColumns + where + QStringLiteral(" LIMIT ?"));
    for (const QVariant& v : values)
        q.addBindValue(v);
    q.addBindValue(limit);
    if (q.exec())
        while (q.next())
            result << caseFrom(q);
    return result;
}

std::optional<CaseSummary> IntakeRepository::caseByNumber(const QString& caseNo) const
{
    const auto rows = selectCases(QStringLiteral("WHERE case_no = ?"), {caseNo.trimmed().toUpper()}, 1);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first();
}

QList<CaseSummary> IntakeRepository::searchCases(const QString& text, int limit) const
{
    const QString t = text.trimmed();
    if (t.isEmpty() || limit < 1)
        return {};
    const QString upper = t.toUpper();
    const QString like = QLatin1Char('%') + likeLiteral(t) + QLatin1Char('%');
    // The cases newest first, read through cases_accepted_at, which carries every column the
    // condition needs: a table row is read only for a match.
    const QString scan = QStringLiteral("INDEXED BY cases_accepted_at WHERE %1((case_no >= ? AND case_no < ?) "
                                        "OR applicant_id_number = ? OR applicant_name LIKE ? ESCAPE '\\') "
                                        "ORDER BY accepted_at DESC");
    const QVariantList values{upper, upper + QChar(0xFFFF), upper, like};

    // Each condition can collect its matches (case id -> accepted at) through its own index and
    // the newest be read; that is quickest for rare text. Common text (a surname, a year's case
    // numbers) has a page of matches among the newest cases, found by reading them in order.
    constexpr int kCandidates = 5000;
    constexpr int kFewNames = 300;
    constexpr int kScanRows = 20000;
    constexpr int kOlderScanRows = 3 * kScanRows;
    GramChoice name = rarestGram(m_db, t, kFewNames + 1); // only "few or not" matters before collecting
    QHash<QString, QString> matches;
    bool overflow = false;
    auto collect = [&](const QString& sql, const QVariantList& binds) {
        if (overflow)
            return;
        QSqlQuery c(m_db);
        c.setForwardOnly(true);
        c.prepare(sql + QStringLiteral(" LIMIT ?"));
        for (const QVariant& v : binds)
            c.addBindValue(v);
        c.addBindValue(kCandidates + 1);
        int rows = 0;
        if (c.exec())
            while (c.next()) {
                matches.insert(c.value(0).toString(), c.value(1).toString());
                ++rows;
            }
        overflow = rows > kCandidates;
    };
    auto collectAll = [&] {
        collect(QStringLiteral("SELECT case_id, accepted_at FROM cases WHERE case_no >= ? AND case_no < ?"),
                {upper, upper + QChar(0xFFFF)});
        collect(QStringLiteral("SELECT case_id, accepted_at FROM cases WHERE applicant_id_number = ?"), {upper});
        // Every case's applicant name is in the gram index with its applicant, so joining on both
        // finds each matching case exactly once. The join goes through the applicant's cases: many
        // applicants share a common name (王伟, a chain's company name), so going through the
        // name would read every namesake's cases once per namesake. cases_applicant_name_at
        // carries the columns compared and returned: no table row is read for a candidate.
        if (name.rows > 0)
            collect(QStringLiteral("SELECT c.case_id, c.accepted_at FROM search_grams g JOIN cases c INDEXED BY "
                                   "cases_applicant_name_at ON c.applicant_id = g.applicant_id AND "
                                   "c.applicant_name = g.name WHERE g.gram = ? AND g.name LIKE ? ESCAPE '\\'"),
                    {name.gram, like});
    };

    bool collected = false;
    if (name.rows <= kFewNames) {
        collectAll();
        collected = !overflow;
    }
    if (!collected) {
        // The newest cases (from the boundary on) hold the newest matches when they hold a page of them.
        const QString boundary = scanBoundary(m_db, kScanRows);
        if (boundary.isEmpty())
            return selectCases(scan.arg(QString()), values, limit); // a small hall: the scan is the answer
        QList<CaseSummary> newest = selectCases(scan.arg(QStringLiteral("accepted_at >= ? AND ")),
                                                QVariantList{boundary} + values, limit);
        if (newest.size() >= limit)
            return newest;
        // At least half a page among the newest: the rest is most likely among the next older
        // cases, read in order until it is found (or that window ends). A few thousand rows of
        // index are cheaper than a join of the hundreds of names such common text matches.
        if (2 * newest.size() >= limit) {
            const QString older = scanBoundary(m_db, kOlderScanRows);
            const QList<CaseSummary> more =
                older.isEmpty()
                    ? selectCases(scan.arg(QStringLiteral("accepted_at < ? AND ")), QVariantList{boundary} + values,
                                  limit - int(newest.size()))
                    : selectCases(scan.arg(QStringLiteral("accepted_at >= ? AND accepted_at < ? AND ")),
                                  QVariantList{older, boundary} + values, limit - int(newest.size()));
            if (older.isEmpty() || newest.size() + more.size() >= limit)
                return newest + more; // every match from that window on, newest first
        }
        if (!overflow) {
            if (name.rows > kFewNames)
                name = rarestGram(m_db, t); // the rarest of the common grams, to filter the fewest rows
            collectAll(); // not done yet: the name looked common
        }
        if (overflow)
            return selectCases(scan.arg(QString()), values, limit); // old matches, and many
    }

    QList<std::pair<QString, QString>> order; // (accepted at, case id)
    order.reserve(matches.size());
    for (auto it = matches.cbegin(); it != matches.cend(); ++it)
        order.append({it.value(), it.key()});
    std::sort(order.begin(), order.end(), std::greater<>());
    QList<CaseSummary> result;
    QSqlQuery q(m_db);
    q.prepare(kCaseColumns + QStringLiteral("WHERE case_id = ?"));
    for (qsizetype i = 0; i < order.size() && result.size() < limit; ++i) {
        q.bindValue(0, order.at(i).second);
        if (q.exec() && q.next())
            result << caseFrom(q);
        q.finish();
    }
    return result;
}

QList<CaseSummary> IntakeRepository::casesTakenBy(const QString& userId, const QDate& day) const
{
    return selectCases(QStringLiteral("WHERE accepted_by = ? AND accepted_date = ? ORDER BY accepted_at DESC"),
                       {userId, day.toString(Qt::ISODate)}, 1000);
}

QList<CaseSummary> IntakeRepository::casesOfApplicant(const QString& applicantId, int limit) const
{
    return selectCases(QStringLiteral("WHERE applicant_id = ? ORDER BY accepted_at DESC"), {applicantId}, limit);
}

QList<CaseSummary> IntakeRepository::casesOfApplicantOn(const QString& idNumber, const QString& subjectCode,
                                                      const QDate& day) const
{
    return selectCases(QStringLiteral("INDEXED BY cases_applicant_id_number WHERE applicant_id_number = ? "
                                      "AND subject_code = ? AND accepted_date = ? ORDER BY accepted_at DESC"),
                       {idNumber.trimmed().toUpper(), subjectCode, day.toString(Qt::ISODate)}, 20);
}

bool NumberBlocks::addBlock(const QString& kind, qint64 start, qint64 end, QString* error)
{
    if (start < 1 || end < start) {
        if (error)
            *error = tr("A number block must run from 1 upwards.");
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM number_blocks WHERE kind = ? AND block_start <= ? AND block_end >= ?"));
    q.addBindValue(kind);
    q.addBindValue(end);
    q.addBindValue(start);
    if (!q.exec() || !q.next() || q.value(0).toInt() > 0) {
        if (error)
            *error = tr("The number block %1–%2 overlaps one this workstation already holds.").arg(start).arg(end);
        return false;
    }
    q.prepare(QStringLiteral("INSERT INTO number_blocks(kind, block_start, block_end, next_value, leased_at) "
                             "VALUES(?, ?, ?, ?, ?)"));
    q.addBindValue(kind);
    q.addBindValue(start);
    q.addBindValue(end);
    q.addBindValue(start);
    q.addBindValue(m_clock->now().toUTC().toString(Qt::ISODate));
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

std::optional<qint64> NumberBlocks::take(const QString& kind, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT block_start, next_value FROM number_blocks WHERE kind = ? AND next_value <= "
                             "block_end ORDER BY block_start LIMIT 1"));
    q.addBindValue(kind);
    if (!q.exec() || !q.next()) {
        if (error)
            *error = tr("This workstation has no %1 numbers left. Connect to the hall's hub so that it can lease a "
                        "new block.")
                         .arg(kind);
        return std::nullopt;
    }
    const qint64 start = q.value(0).toLongLong();
    const qint64 value = q.value(1).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("UPDATE number_blocks SET next_value = next_value + 1 WHERE kind = ? AND block_start = ? "
                             "AND next_value = ?"));
    q.addBindValue(kind);
    q.addBindValue(start);
    q.addBindValue(value);
    if (!q.exec() || q.numRowsAffected() != 1) {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    }
    return value;
}

qint64 NumberBlocks::remaining(const QString& kind) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT coalesce(sum(block_end - next_value + 1), 0) FROM number_blocks WHERE kind = ?"));
    q.addBindValue(kind);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    return 0;
}

QString AttachmentStore::put(const QByteArray& data, const QString& mimeType, QString* error)
{
    const QString sha = QString::fromLatin1(core::crypto::sha256(data).toHex());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO attachment_blobs(sha256, mime, size, data) VALUES(?, ?, ?, ?)"));
    q.addBindValue(sha);
    q.addBindValue(mimeType);
    q.addBindValue(qint64(data.size()));
    q.addBindValue(data);
    if (q.exec())
        return sha;
    if (error)
        *error = q.lastError().text();
    return QString();
}

std::optional<QByteArray> AttachmentStore::get(const QString& sha256) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT data FROM attachment_blobs WHERE sha256 = ?"));
    q.addBindValue(sha256);
    if (q.exec() && q.next())
        return q.value(0).toByteArray();
    return std::nullopt;
}

} // namespace oneseal::db
