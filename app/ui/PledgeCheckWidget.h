#pragma once

#include "services/CaseLifeService.h"

#include <QWidget>

#include <memory>

namespace Ui {
class PledgeCheckWidget;
}

namespace oneseal::print {
class DocumentOutput;
}

namespace oneseal::ui {

/**
 * The later checks of pledge-based approvals (事后核查). Inspectors and regulators see the open
 * checks, soonest due first (red when overdue): Ctrl+1 the pledge is confirmed, Ctrl+2 the holder must
 * rectify by the date given, Ctrl+3 the pledge is false (findings required). Approvers see the
 * pledges found false and revoke the approval with reasons and the password (Ctrl+4): the
 * revocation is sealed and the certificate void. Supervisors see both.
 */
class PledgeCheckWidget : public QWidget
{
    Q_OBJECT

public:
    explicit PledgeCheckWidget(services::Session& session, QWidget* parent = nullptr);
    ~PledgeCheckWidget() override;

    QString messageText() const;
    /** The case ids listed, in order. */
    QStringList caseIds() const;
    /** Where the sealed revocation goes: the print preview by default (nullptr), or \a output (not owned). */
    void setDocumentOutput(print::DocumentOutput* output);

public slots:
    void refresh();
    bool confirm();
    bool orderRectification();
    bool markFalse();
    bool revoke();

private:
    QString selectedCase() const;
    void showMessage(const QString& text, bool error);
    bool done(const std::optional<core::CaseState>& state, const QString& error, const QString& what);

    std::unique_ptr<Ui::PledgeCheckWidget> m_ui;
    services::Session& m_session;
    services::CaseLifeService m_service;
    QList<services::VerificationItem> m_items;
    print::DocumentOutput* m_output = nullptr;
};

} // namespace oneseal::ui
