#pragma once

#include "core/SealedDocument.h"
#include "services/AuditService.h"

#include <QWidget>

#include <memory>

class QStandardItemModel;

namespace Ui {
class SealRegisterWidget;
}

namespace oneseal::ui {

/**
 * The seal register (用印登记台账): every document that carried the seal between two days (decisions,
 * sealed notices, certificate prints and reprints, revocations), filtered by kind, exportable as CSV.
 */
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
    /** Writes the shown range and kind as CSV to \a path; false with a message on failure. */
    bool exportTo(const QString& path);

public:
    /** The kind of document shown; None for all. */
    core::SealedDocument kind() const;

private:
    void chooseExportFile();
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::SealRegisterWidget> m_ui;
    services::AuditService m_service;
    QStandardItemModel* m_model;
};

} // namespace oneseal::ui
