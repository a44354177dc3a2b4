#pragma once

#include "services/CounterService.h"

#include <QDialog>

#include <memory>
#include <optional>

class QStandardItemModel;

namespace Ui {
class QueueReportDialog;
}

namespace oneseal::ui {

/**
 * The supervisor's queue report (Supervision → Queue report…: Alt+U, Q or Ctrl+Shift+Q): waiting time (ticket drawn
 * to called), service time (called to recorded) and the ratings over a period, for the whole hall
 * and per day, per window and per clerk — what `oneseal-admin queue-report` prints — with CSV
 * export. services::CounterService::report decides who may read it (supervisors, administrators).
 */
class QueueReportDialog : public QDialog
{
    Q_OBJECT

public:
    QueueReportDialog(services::Session& session, QWidget* parent = nullptr);
    ~QueueReportDialog() override;

    QStandardItemModel* model() const { return m_model; }
    QString messageText() const;
    QString summaryText() const;

public slots:
    /** Reads the report of the chosen days; false (the refusal or problem shown) when none. */
    bool refresh();
    /** Writes the shown report as CSV to a new file \a path; false with a message on failure. */
    bool exportTo(const QString& path);

private:
    void exportAsked();
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::QueueReportDialog> m_ui;
    services::Session& m_session;
    QStandardItemModel* m_model;
    std::optional<services::QueueReport> m_report;
};

} // namespace oneseal::ui
