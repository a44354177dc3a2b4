#pragma once

#include "PrintPreviewOutput.h"
#include "services/DecisionService.h"

#include <QDialog>

#include <memory>

namespace Ui {
class DecisionDialog;
}

namespace oneseal::ui {

/**
 * The approver's decision on one case (审批): approve, or refuse with reasons; then apply the seal to
 * the decision document after typing the password again (Enter in the password field applies it).
 * The document and the seal register entry are documents::DocumentIssuer's.
 */
class DecisionDialog : public QDialog
{
    Q_OBJECT

public:
    DecisionDialog(services::Session& session, const QString& caseId, QWidget* parent = nullptr);
    ~DecisionDialog() override;

    QString messageText() const;

private:
    void reload();
    void decide(bool approve);
    void applySeal();
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::DecisionDialog> m_ui;
    services::Session& m_session;
    services::DecisionService m_service;
    QString m_caseId;
    PrintPreviewOutput m_output;
    bool m_reloading = false;
};

} // namespace oneseal::ui
