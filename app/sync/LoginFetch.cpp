#include "LoginFetch.h"

#include "SyncClient.h"

#include <QDebug>
#include <QElapsedTimer>

#include <algorithm>

namespace oneseal::sync {

services::AuthService::HubFetcher LoginFetch::fetcher(const core::Clock& clock, int timeoutMs)
{
    using Fetch = services::AuthService::HubFetch;
    return [&clock, timeoutMs](db::Database& database, bool firstKey, QString* error) {
        SyncClient client(database, clock);
        if (!client.isEnrolled())
            return Fetch::NoHub;
        // A login that would make a first key waits longer than one that only looks for news.
        client.setTimeoutMs(firstKey ? timeoutMs : std::min(timeoutMs, kRefreshTimeoutMs));
        QElapsedTimer timer;
        timer.start();
        const auto report = client.syncOnce(error);
        qInfo().noquote() << (firstKey ? "login: a round with the hub before a first signing key," : "login: a round with the hub,") << timer.elapsed() << "ms,"
                          << (report ? QStringLiteral("pulled %1").arg(report->pulled) : QStringLiteral("failed"));
        return report ? Fetch::Fetched : Fetch::Unreachable;
    };
}

} // namespace oneseal::sync
