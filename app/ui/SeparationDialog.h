#pragma once

#include "services/SeparationService.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SeparationDialog;
}

namespace oneseal::ui {

/**
 * The administrator's page of the separations (core::Separation): every pair of steps of a case
 * (accept/review, review/decide, ...) with its state in this hall; a pair is relaxed or restored
 * with reasons and the administrator's password, recorded as the hall.separation_relaxed event by
 * services::SeparationService (which checks the role). Keyboard: arrows choose the pair, Tab to the
 * reasons and the password, Alt+L relaxes, Alt+T restores, Esc closes.
 */
class SeparationDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SeparationDialog(services::Session& session, QWidget* parent = nullptr);
    ~SeparationDialog() override;

    /** The message shown under the buttons (empty when none). */
    QString messageText() const;

private:
    void reload();
    void change(bool relax);
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::SeparationDialog> m_ui;
    services::SeparationService m_service;
};

} // namespace oneseal::ui
