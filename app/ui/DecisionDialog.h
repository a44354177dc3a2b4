#pragma once

#include "print/NoticeDocument.h"
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
 */
class DecisionDialog : public QDialog
{
    Q_OBJECT

public:
    DecisionDialog(services::Session& session, const QString& caseId, QWidget* parent = nullptr);
    ~DecisionDialog() override;

    QString messageText() const;
    /** The decision document (准予/不予行政许可决定书) the seal goes on; its content hash is registered. */
    static print::NoticeDocument decisionDocument(const core::CaseState& state, const QString& bureau);

private:
    void reload();
    void decide(bool approve);
    void applySeal();
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::DecisionDialog> m_ui;
    services::Session& m_session;
    services::DecisionService m_service;
    QString m_caseId;
};

} // namespace oneseal::ui
