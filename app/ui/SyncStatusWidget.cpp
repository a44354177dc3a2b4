#include "SyncStatusWidget.h"

#include "AppSettings.h"

#include "services/Session.h"
#include "sync/BackgroundSync.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

namespace oneseal::ui {

namespace {
/** How long the status bar says that the hub was restored. */
constexpr qint64 kRestoreNoticeSecs = 24 * 3600;
} // namespace

SyncStatusWidget::SyncStatusWidget(services::Session& session, QWidget* parent, int intervalMs)
    : QWidget(parent)
    , m_session(session)
    , m_sync(new sync::BackgroundSync(session, intervalMs, this))
    , m_label(new QLabel(this))
    , m_button(new QToolButton(this))
    , m_exportButton(new QToolButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_button);
    layout->addWidget(m_exportButton);
    m_exportButton->setObjectName(QStringLiteral("exportBundleButton"));
    m_exportButton->setText(tr("Export bundle…"));
    m_exportButton->setAutoRaise(true);
    m_exportButton->setVisible(false);
    connect(m_exportButton, &QToolButton::clicked, this, &SyncStatusWidget::exportBundleRequested);
    m_label->setObjectName(QStringLiteral("syncStatusLabel"));
    m_button->setObjectName(QStringLiteral("syncNowButton"));
    m_button->setText(tr("Sync now"));
    m_button->setAutoRaise(true);
    connect(m_button, &QToolButton::clicked, this, &SyncStatusWidget::syncNow);
    connect(m_sync, &sync::BackgroundSync::statusChanged, this, &SyncStatusWidget::showStatus);
    showStatus(m_sync->status());
}

SyncStatusWidget::~SyncStatusWidget() = default;

QString SyncStatusWidget::text() const
{
    return m_label->text();
}

void SyncStatusWidget::syncNow()
{
    m_sync->syncNow();
}

void SyncStatusWidget::showStatus(const sync::SyncStatus& status)
{
    QString state;
    if (!status.enrolled)
        state = tr("Not connected to a hub");
    else if (status.syncing)
        state = tr("Syncing…");
    else if (status.online)
        state = tr("Online");
    else
        state = tr("Offline");
    QStringList parts{state, tr("%n unsent", nullptr, int(std::min<qint64>(status.unsent, INT_MAX)))};
    if (status.lastSuccess.isValid())
        parts << tr("last sync %1").arg(QLocale().toString(status.lastSuccess.toLocalTime(), QLocale::ShortFormat));
    if (status.clockAhead)
        parts << tr("this computer's clock is ahead of the hub's");
    const QDateTime now = m_session.clock().now().toUTC();
    const int warnMinutes = AppSettings::unsentWarningMinutes();
    const bool tooOld = status.unsentTooOld(now, qint64(warnMinutes) * 60);
    if (tooOld)
        parts << (warnMinutes % 60 == 0 ? tr("unsent for over %n hour(s): export a bundle", nullptr, warnMinutes / 60)
                                        : tr("unsent for over %n minute(s): export a bundle", nullptr, warnMinutes));
    if (status.hubRestoredAt.isValid() && status.hubRestoredAt.secsTo(now) < kRestoreNoticeSecs)
        parts << tr("the hub was restored from a backup (%1); %n event(s) sent again", nullptr,
                    int(std::min<qint64>(status.resentAfterRestore, INT_MAX)))
                     .arg(QLocale().toString(status.hubRestoredAt.toLocalTime(), QLocale::ShortFormat));
    // Rounds renew the certificate from 60 days before its end: still near it, renewal did not work.
    if (status.enrolled && status.certificateExpires.isValid()
        && m_session.clock().now().toUTC().addDays(kCertificateWarningDays) >= status.certificateExpires)
        parts << tr("this workstation's certificate ends on %1: sync with the hub to renew it, or enroll again")
                     .arg(QLocale().toString(status.certificateExpires.toLocalTime().date(), QLocale::ShortFormat));
    m_label->setText(parts.join(QStringLiteral(" · ")));
    m_label->setToolTip(status.lastError);
    m_button->setEnabled(status.enrolled && !status.syncing);
    // Supervisors and administrators move bundles; a clerk sees the warning and calls one of them.
    m_exportButton->setVisible(tooOld && m_session.can(core::Action::MoveBundles));
}

} // namespace oneseal::ui
