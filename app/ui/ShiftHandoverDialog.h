#pragma once

#include "documents/IssuedDocument.h"
#include "print/DocumentOutput.h"
#include "services/Session.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ShiftHandoverDialog;
}

namespace oneseal::ui {

/**
 * End of shift (issue 14 item 8): the outgoing user (the session's) and the incoming user each give
 * their password, the outgoing user may enter the number on top of the certificate stock pile, and
 * "Print and confirm" (Enter) prints the handover report through \a output and records it
 * (documents::DocumentIssuer::printHandover). A refusal keeps the dialog open with its reason.
 */
class ShiftHandoverDialog : public QDialog
{
    Q_OBJECT

public:
    ShiftHandoverDialog(services::Session& session, print::DocumentOutput& output, QWidget* parent = nullptr);
    ~ShiftHandoverDialog() override;

    QString messageText() const;
    /** The last handover tried; recorded when output is true and error is empty. */
    const documents::IssuedDocument& issued() const { return m_result; }

private:
    void confirm();

    std::unique_ptr<Ui::ShiftHandoverDialog> m_ui;
    services::Session& m_session;
    print::DocumentOutput& m_output;
    documents::IssuedDocument m_result;
};

} // namespace oneseal::ui
