#pragma once

#include "core/CaseState.h"
#include "core/Catalog.h"
#include "core/Crypto.h"
#include "services/Session.h"

#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>

namespace oneseal::test {

/** A cheap KDF cost so that tests stay fast (real halls use the default cost). */
core::crypto::ScryptParams fastKdf();

/** A demo hall in a temporary folder, with every demo user (password services::HallService::demoPassword()). */
class TempHall
{
public:
    TempHall();
    /** A hall made at the time of a test's own clock (its users' keys are valid from then). */
    explicit TempHall(const core::Clock& clock);
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

/**
 * Accepts a case at the window as clerk: the first matter of the catalog that pick() accepts,
 * every material received, the applicant new (ID from its first 17 characters) — the start of
 * every back-office test. With \a deferCoreMaterial the first deferrable core material is deferred
 * (容缺) to the promised date instead and the case is accepted with deferred materials.
 * nullopt with *error when no matter fits (or none has a deferrable core material) or the intake is refused.
 */
std::optional<core::CaseState> acceptCase(services::Session& clerk, const std::function<bool(const core::Matter&)>& pick,
                                          const QString& idFirst17, const QString& name, const QString& phone,
                                          QString* error, bool deferCoreMaterial = false);

/** SHA-256 of a file's bytes (empty when it does not exist). */
QByteArray fileHash(const QString& path);

} // namespace oneseal::test
