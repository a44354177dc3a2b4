#pragma once

#include "core/Crypto.h"
#include "services/Session.h"

#include <QTemporaryDir>

#include <memory>

namespace oneseal::test {

/** A cheap KDF cost so that tests stay fast (real halls use the default cost). */
core::crypto::ScryptParams fastKdf();

/** A demo hall in a temporary folder, with every demo user (password services::HallService::demoPassword()). */
class TempHall
{
public:
    TempHall();
    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }
    QString path() const { return m_path; }
    QString dir() const { return m_dir.path(); }
    /** Logs a demo user in; fails the calling test when it cannot. */
    std::unique_ptr<services::Session> login(const QString& username) const;

private:
    QTemporaryDir m_dir;
    QString m_path;
    QString m_error;
    bool m_valid = false;
};

/** SHA-256 of a file's bytes (empty when it does not exist). */
QByteArray fileHash(const QString& path);

} // namespace oneseal::test
