#pragma once

#include "services/CaseLifeService.h"

#include <QWidget>

#include <memory>

namespace Ui {
class OwedLedgerWidget;
}

namespace oneseal::print {
class DocumentOutput;
}

namespace oneseal::ui {

class OwedMaterialsModel;

/**
 * The ledger of owed materials (容缺台账) for intake clerks, approvers and supervisors: every
 * material still owed with its due date, red when overdue and yellow when close. An approver ends a
 * case whose material is overdue by an explicit step: reasons, the password to seal, Ctrl+T —
 * terminated (终止办理) before an approval, revoked (撤销) after one; the sealed document goes to the
 * print output.
 */
class OwedLedgerWidget : public QWidget
{
    Q_OBJECT

public:
    explicit OwedLedgerWidget(services::Session& session, QWidget* parent = nullptr);
    ~OwedLedgerWidget() override;

    OwedMaterialsModel* model() const { return m_model; }
    QString messageText() const;
    /** Where the sealed document goes: the print preview by default (nullptr), or \a output (not owned). */
    void setDocumentOutput(print::DocumentOutput* output);

public slots:
    void refresh();
    /** Terminates or revokes the selected case for its overdue material and seals the document. */
    bool endSelectedCase();

private:
    void showMessage(const QString& text, bool error);
    /** Names on the button the step the catalog calls for on the selected case (terminate or revoke). */
    void offerLapseStep();

    std::unique_ptr<Ui::OwedLedgerWidget> m_ui;
    services::Session& m_session;
    services::CaseLifeService m_service;
    OwedMaterialsModel* m_model;
    print::DocumentOutput* m_output = nullptr;
};

} // namespace oneseal::ui
