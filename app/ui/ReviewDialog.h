#pragma once

#include "print/NoticeDocument.h"
#include "services/ReviewService.h"

#include <QDialog>

#include <functional>
#include <memory>

namespace Ui {
class ReviewDialog;
}

namespace oneseal::ui {

/**
 * Review of one case (审查): pass, return for correction (补正, prints the notice to the applicant),
 * record that the corrected materials arrived, or propose refusal with reasons. The buttons that
 * the workflow would refuse are disabled; the service decides.
 */
class ReviewDialog : public QDialog
{
    Q_OBJECT

public:
    /** Shows a notice (print preview by default); returns whether it was printed or saved. */
    using NoticeHandler = std::function<bool(const print::NoticeDocument&)>;

    ReviewDialog(services::Session& session, const QString& caseId, QWidget* parent = nullptr);
    ~ReviewDialog() override;

    void setNoticeHandler(NoticeHandler handler) { m_noticeHandler = std::move(handler); }
    QString messageText() const;

    /** The correction notice (补正材料通知书) for a case. */
    static print::NoticeDocument correctionNotice(const core::CaseState& state, const QString& bureau);

private:
    void reload();
    void pass();
    void requestCorrection();
    void receiveCorrection();
    void proposeRefusal();
    void done(const std::optional<core::CaseState>& state, const QString& error, const QString& success);
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::ReviewDialog> m_ui;
    services::Session& m_session;
    services::ReviewService m_service;
    QString m_caseId;
    NoticeHandler m_noticeHandler;
};

} // namespace oneseal::ui
