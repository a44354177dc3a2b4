#pragma once

#include "services/AuditService.h"

#include <QWidget>

#include <memory>

class QStandardItemModel;

namespace Ui {
class SealRegisterWidget;
}

namespace oneseal::ui {

/** The seal register (用印登记台账): every use of the approval seal between two days, exportable as CSV. */
class SealRegisterWidget : public QWidget
{
    Q_OBJECT

public:
    explicit SealRegisterWidget(services::Session& session, QWidget* parent = nullptr);
    ~SealRegisterWidget() override;

    QStandardItemModel* model() const { return m_model; }
    QString messageText() const;

public slots:
    void refresh();
    /** Writes the shown range as CSV to \a path; false with a message on failure. */
    bool exportTo(const QString& path);

private:
    void chooseExportFile();
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::SealRegisterWidget> m_ui;
    services::AuditService m_service;
    QStandardItemModel* m_model;
};

} // namespace oneseal::ui
