#pragma once

#include "sync/SyncStatus.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QToolButton;

namespace oneseal::services {
class Session;
}

namespace oneseal::sync {
class BackgroundSync;
}

namespace oneseal::ui {

/**
 * The status bar's sync corner: online or offline, how many events are not yet at the hub, and the
 * last successful sync, with a button to sync now. Sync itself runs in the background
 * (sync::BackgroundSync, which also has the session follow the hub's users), so the clerk never
 * waits on the network. It warns when this workstation's unsent events are older than the set age
 * (AppSettings::unsentWarningMinutes, default an hour) while the hub is away (they are lost with the disk unless exported: "Export bundle…"), and says when
 * the hub was restored from a backup and how many events were sent to it again.
 */
class SyncStatusWidget : public QWidget
{
    Q_OBJECT

public:
    /** Starts background sync of the session's database (with its key) every intervalMs. */
    explicit SyncStatusWidget(services::Session& session, QWidget* parent = nullptr, int intervalMs = 5000);
    ~SyncStatusWidget() override;

    /** The status bar warns this many days before the workstation's certificate ends. */
    static constexpr int kCertificateWarningDays = 30;

    /** The text shown, for tests. */
    QString text() const;

public slots:
    void syncNow();

signals:
    /** The clerk asked to export unsent events in a bundle (offered when they are too old). */
    void exportBundleRequested();

private:
    void showStatus(const sync::SyncStatus& status);

    services::Session& m_session;
    sync::BackgroundSync* m_sync;
    QLabel* m_label;
    QToolButton* m_button;
    QToolButton* m_exportButton;
};

} // namespace oneseal::ui
