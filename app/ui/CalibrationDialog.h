#pragma once

#include "print/Calibration.h"
#include "services/CalibrationService.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

class QLineEdit;

namespace Ui {
class CalibrationDialog;
}

namespace oneseal::ui {

/**
 * Printer calibration (打印校准) for one printer and certificate template: print the template's
 * alignment page on the printer (or into a PDF file), type where its crosses landed on the paper,
 * see the x/y offset and scale that correct it, and save them for this workstation or reset them to
 * zero. Saving and resetting go through services::CalibrationService, which lets only certificate
 * operators and administrators do it.
 */
class CalibrationDialog : public QDialog
{
    Q_OBJECT

public:
    /** Asks where to write a PDF (the suggested path is a proposal); empty when the user cancels. */
    using FileChooser = std::function<QString(const QString& suggestedPath)>;

    explicit CalibrationDialog(services::Session& session, QWidget* parent = nullptr);
    ~CalibrationDialog() override;

    /** Chooses the printer (an installed one or CalibrationService::pdfPrinterName()) and template, when listed. */
    void select(const QString& printerName, const QString& templateId);
    /** The printer the calibration is for: an installed printer's name or CalibrationService::pdfPrinterName(). */
    QString printerName() const;
    QString templateId() const;
    /** Replaces the file dialog that asks where to write the alignment page as PDF (tests). */
    void setPdfFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    QString messageText() const;
    /** The correction shown after "Calculate", not yet saved; nothing before or after a change. */
    std::optional<print::Calibration> pendingCalibration() const { return m_pending; }

private:
    struct Row
    {
        QString name;
        QLineEdit* x;
        QLineEdit* y;
    };

    void reloadSaved();
    void printAlignmentPage();
    bool calculate();
    void save();
    void reset();
    void measurementsChanged();
    print::Calibration savedCalibration() const;
    /** The (expected, measured) pairs typed in; nothing with @p error when a figure is wrong. */
    std::optional<QList<QPair<QPointF, QPointF>>> measurements(QString* error) const;
    void showMessage(const QString& text, bool error);

    std::unique_ptr<Ui::CalibrationDialog> m_ui;
    services::Session& m_session;
    services::CalibrationService m_service;
    QList<Row> m_rows;
    std::optional<print::Calibration> m_pending;
    FileChooser m_chooseFile;
};

} // namespace oneseal::ui
