#pragma once

#include "PrintPreviewOutput.h"
#include "services/CaseReader.h"

#include <QWidget>

#include <memory>

namespace Ui {
class CaseLookupWidget;
}

namespace oneseal::ui {

class CaseListModel;

/** "My cases today" and the lookup of any case by number, applicant ID or name, with its details. */
class CaseLookupWidget : public QWidget
{
    Q_OBJECT

public:
    explicit CaseLookupWidget(services::Session& session, QWidget* parent = nullptr);
    ~CaseLookupWidget() override;

    CaseListModel* model() const { return m_model; }
    /** Where reprinted notices go: the print preview by default (nullptr), or \a output (not owned). */
    void setDocumentOutput(print::DocumentOutput* output) { m_output = output ? output : &m_preview; }

public slots:
    void showToday();
    void search(const QString& text);

private:
    void showDetails();
    void reprint();

    std::unique_ptr<Ui::CaseLookupWidget> m_ui;
    services::Session& m_session;
    services::CaseReader m_reader;
    CaseListModel* m_model;
    PrintPreviewOutput m_preview;
    print::DocumentOutput* m_output;
};

} // namespace oneseal::ui
