#pragma once

#include "services/ConflictService.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ConflictDialog;
}

namespace oneseal::ui {

/**
 * A supervisor resolves a conflict between workstations (two contradictory intake outcomes or
 * decisions recorded while apart): picks the step that holds and gives reasons. The service
 * records a conflict.resolved event; the other steps stay in the record but no longer count.
 */
class ConflictDialog : public QDialog
{
    Q_OBJECT

public:
    ConflictDialog(services::Session& session, const QString& caseId, QWidget* parent = nullptr);
    ~ConflictDialog() override;

    QString messageText() const;
    /** How many open conflicts the case still has. */
    int openConflictCount() const { return int(m_conflicts.size()); }

private:
    void reload();
    void showConflict(int index);
    void resolve();
    void showMessage(const QString& text, bool error);
    /** One line about an event: what, where, who, when. */
    QString describe(const core::Event& event) const;

    std::unique_ptr<Ui::ConflictDialog> m_ui;
    services::Session& m_session;
    services::ConflictService m_service;
    QString m_caseId;
    QList<services::ConflictDetail> m_conflicts;
};

} // namespace oneseal::ui
