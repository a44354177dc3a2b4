#pragma once

#include "services/InspectionService.h"

#include <QDialog>

#include <memory>

namespace Ui {
class InspectionDialog;
}

namespace oneseal::ui {

/**
 * Site inspection of one case (勘验): schedule the visit with two or more inspectors, optionally
 * combined with other waiting cases (合并勘验); record the result with notes and evidence; require
 * rectification by a day; close it from photo or video evidence.
 */
class InspectionDialog : public QDialog
{
    Q_OBJECT

public:
    InspectionDialog(services::Session& session, const QString& caseId, QWidget* parent = nullptr);
    ~InspectionDialog() override;

    QString messageText() const;
    /** Adds a file to the evidence of the next result; false with a message when it cannot be read. */
    bool addEvidenceFile(const QString& path);

private:
    void reload();
    void schedule();
    void record(bool passed);
    void rectify();
    void closeRectification();
    void chooseEvidence();
    void finish(const std::optional<core::CaseState>& state, const QString& error, const QString& success);
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::InspectionDialog> m_ui;
    services::Session& m_session;
    services::InspectionService m_service;
    QString m_caseId;
    QList<services::EvidenceFile> m_evidence;
};

} // namespace oneseal::ui
