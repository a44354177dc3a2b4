#pragma once

#include "core/LoginThrottle.h"

#include <QString>

namespace oneseal::db {

/**
 * The password throttle of one database, kept beside it as "<db>.throttle" so that wrong passwords
 * still count after the program is restarted (core::LoginThrottle). Shared by the login, the screen
 * unlock and the seal's password prompt: guessing at any of them slows all of them down. Holds no
 * secret (a count and a time); saved atomically, owner-only. A missing file is "no failures"; a
 * damaged one counts as five failures now (deleting or spoiling it is not a way to guess faster
 * than a restart would allow).
 */
class ThrottleFile
{
public:
    static QString pathFor(const QString& databasePath);

    explicit ThrottleFile(const QString& databasePath) : m_path(pathFor(databasePath)) {}

    core::LoginThrottle load(const QDateTime& now) const;
    bool save(const core::LoginThrottle& throttle) const;

private:
    QString m_path;
};

} // namespace oneseal::db
