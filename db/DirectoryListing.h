#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace oneseal::db {

/** One signing key of a user as the directory holds it (table user_keys). */
struct ListedKey
{
    QString keyId;
    QString userId;
    QDateTime validFrom;
    QDateTime validUntil; ///< invalid: the user's current key
};

/** An admitted seal_key.* event, as the seal key dialog lists the grants. */
struct ListedSealEvent
{
    QString kind;
    QString userId;    ///< the grantee (payload user_id)
    QString authorId;  ///< who granted or revoked it (the event's user)
    QString sealKeyId;
    QByteArray sealPublic; ///< raw public seal key (grants only)
    QString reasons;   ///< a revocation's reasons
    QDateTime at;
};

/**
 * Read-only lists for the administrator's view of the directory (docs/SECURITY.md, "The seal key"):
 * every user's signing keys with their validity, and the admitted seal key events in time order.
 * Bounded: a hall has tens of users, not thousands; at most kMaxRows rows of each are read.
 */
class DirectoryListing
{
public:
    explicit DirectoryListing(QSqlDatabase db) : m_db(std::move(db)) {}

    /** Every key of user_keys, by user and validity; nullopt-like empty list on a read error (*error set). */
    QList<ListedKey> keys(QString* error) const;
    /** The admitted (not quarantined) seal_key.granted / .rewrapped / .revoked events, oldest first. */
    QList<ListedSealEvent> sealEvents(QString* error) const;

    static constexpr int kMaxRows = 10000;

private:
    QSqlDatabase m_db;
};

} // namespace oneseal::db
