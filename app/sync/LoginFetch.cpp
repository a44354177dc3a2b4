#include "LoginFetch.h"

#include "SyncClient.h"

#include <QDebug>
#include <QElapsedTimer>

namespace oneseal::sync {

services::AuthService::HubFetcher LoginFetch::fetcher(const core::Clock& clock, int timeoutMs)
{
    using Fetch = services::AuthService::HubFetch;
    return [&clock, timeoutMs](db::Database& database, QString* error) {
        SyncClient client(database, clock);
        if (!client.isEnrolled())
            return Fetch::NoHub;
        client.setTimeoutMs(timeoutMs);
        QElapsedTimer timer;
        timer.start();
        const auto report = client.syncOnce(error);
        qInfo().noquote() << "login: a round with the hub before a first signing key," << timer.elapsed() << "ms,"
                          << (report ? QStringLiteral("pulled %1").arg(report->pulled) : QStringLiteral("failed"));
        return report ? Fetch::Fetched : Fetch::Unreachable;
    };
}

} // namespace oneseal::sync
