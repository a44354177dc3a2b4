#pragma once

#include "services/QueueService.h"

#include <QWidget>

#include <functional>
#include <memory>

namespace Ui {
class WorkQueueWidget;
}

namespace oneseal::ui {

class ClockDialog;
class QueueModel;

/**
 * The work queue of a role (审查, 勘验, 审批, 制证): the cases waiting for it, soonest due first, with
 * their promised dates and a red (overdue) or yellow (due soon) warning. Enter or the Open button
 * opens the selected case for the queue's role.
 */
class WorkQueueWidget : public QWidget
{
    Q_OBJECT

public:
    explicit WorkQueueWidget(services::Session& session, QWidget* parent = nullptr);
    ~WorkQueueWidget() override;

    QueueModel* model() const { return m_model; }
    core::Role currentRole() const;
    void setRole(core::Role role);

    /** Tests: runs \a hook on the clock dialog instead of exec() (the modal dialog's seam). */
    void setClockDialogHook(std::function<void(ClockDialog&)> hook) { m_clockDialogHook = std::move(hook); }

public slots:
    void refresh();
    /** Opens the clock and extension dialog of the selected case (Ctrl+K). */
    void openClock();

signals:
    /** The user asked to work on a case from the queue of \a role. */
    void openRequested(const QString& caseId, core::Role role);

private:
    void openCurrent();

    /** For supervisors: the events this replica refused by the hall's rules (forged or not allowed). */
    void showRefusedEvents();

    std::unique_ptr<Ui::WorkQueueWidget> m_ui;
    services::Session& m_session;
    services::QueueService m_service;
    QueueModel* m_model;
    std::function<void(ClockDialog&)> m_clockDialogHook;
};

} // namespace oneseal::ui
