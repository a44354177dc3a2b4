#include "TestSupport.h"

#include "db/CalibrationRepository.h"
#include "print/AlignmentPage.h"
#include "print/CertificateTemplate.h"
#include "services/CalibrationService.h"
#include "ui/CalibrationDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;

namespace {

QWidget* focused()
{
    return QApplication::focusWidget();
}

void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(focused(), key, modifiers);
}

void type(const QString& text)
{
    QTest::keyClicks(focused(), text);
}

const QString kTemplate = QStringLiteral("administrative-licence");

} // namespace

/** The printer calibration dialog driven by the keyboard, with the results read back from the database. */
class TestCalibrationDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void measurementsTypedInAreSaved();
    void badInputIsRefusedAndNothingIsSaved();
    void onlyCertificateOperatorsAndAdministratorsCalibrate();
    void alignmentPageAsPdf();
    void resetToZero();

private:
    /** A shown dialog for the PDF entry and kTemplate, with the focus on cross A's first figure. */
    std::unique_ptr<ui::CalibrationDialog> openDialog();
    std::optional<db::PrinterCalibration> stored() const;

    std::unique_ptr<test::TempHall> m_hall;
    std::unique_ptr<services::Session> m_certifier;
    QSizeF m_sheet;
};

void TestCalibrationDialog::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>();
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    m_certifier = m_hall->login(QStringLiteral("certifier"));
    QVERIFY(m_certifier);
    const auto tpl = print::CertificateTemplate::builtIn(kTemplate);
    QVERIFY(tpl);
    m_sheet = tpl->sheetMm();
    QVERIFY(m_sheet.width() > 200);
}

std::optional<db::PrinterCalibration> TestCalibrationDialog::stored() const
{
    return db::CalibrationRepository(m_certifier->database().sql())
        .find(services::CalibrationService::pdfPrinterName(), kTemplate);
}

std::unique_ptr<ui::CalibrationDialog> TestCalibrationDialog::openDialog()
{
    auto dialog = std::make_unique<ui::CalibrationDialog>(*m_certifier);
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        return nullptr;
    dialog->activateWindow();
    if (!QTest::qWaitFor([] { return focused() && focused()->objectName() == QLatin1String("printerCombo"); }, 5000))
        return nullptr;
    // The PDF entry is the last printer; the template is chosen by typing the start of its name.
    press(Qt::Key_End);
    press(Qt::Key_Tab);
    if (focused()->objectName() != QLatin1String("templateCombo"))
        return nullptr;
    press(Qt::Key_Home);
    press(Qt::Key_Tab);
    press(Qt::Key_Tab); // past "Print the alignment page"
    if (focused()->objectName() != QLatin1String("aXEdit"))
        return nullptr;
    return dialog;
}

void TestCalibrationDialog::measurementsTypedInAreSaved()
{
    auto dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->printerName(), services::CalibrationService::pdfPrinterName());
    QCOMPARE(dialog->templateId(), kTemplate);
    QVERIFY(!stored());

    // The printer shrank the page to 99 % and moved it 1.5 mm right and 0.8 mm up: cross A (20, 20)
    // landed at (21.3, 19.0), cross D (w - 20, h - 20) at 0.99 * (w - 20) + 1.5, 0.99 * (h - 20) - 0.8.
    const double dX = 0.99 * (m_sheet.width() - 20) + 1.5;
    const double dY = 0.99 * (m_sheet.height() - 20) - 0.8;
    type(QStringLiteral("21.3"));
    press(Qt::Key_Tab);
    type(QStringLiteral("19.0"));
    for (int i = 0; i < 5; ++i) // B and C stay empty
        press(Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("dXEdit"));
    type(QString::number(dX, 'f', 3));
    press(Qt::Key_Tab);
    type(QString::number(dY, 'f', 3));
    press(Qt::Key_Return); // "Calculate" is the default button
    QVERIFY2(dialog->pendingCalibration(), qPrintable(dialog->messageText()));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("resultLabel"))->text().contains(QLatin1String("scale 1.0101")));
    QVERIFY(!stored()); // calculated, not saved yet

    for (int i = 0; i < 4; ++i) // E's two figures, "Calculate", then "Save"
        press(Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("saveButton"));
    press(Qt::Key_Space);
    const auto saved = stored();
    QVERIFY2(saved, qPrintable(dialog->messageText()));
    // The correction undoes the printer: scale 1 / 0.99, offset -(1.5, -0.8) / 0.99.
    QCOMPARE(saved->scale, 1.0101);
    QVERIFY2(qAbs(saved->dxMm - (-1.5 / 0.99)) < 0.002, qPrintable(QString::number(saved->dxMm)));
    QVERIFY2(qAbs(saved->dyMm - (0.8 / 0.99)) < 0.002, qPrintable(QString::number(saved->dyMm)));
    QCOMPARE(saved->updatedBy, QStringLiteral("certifier"));
    QVERIFY(saved->updatedAt.isValid());
    QVERIFY(dialog->messageText().startsWith(QLatin1String("Saved")));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("savedLabel"))->text().contains(QLatin1String("x offset -1.5")));
}

void TestCalibrationDialog::badInputIsRefusedAndNothingIsSaved()
{
    const auto before = stored();
    QVERIFY(before);
    auto dialog = openDialog();
    QVERIFY(dialog);
    auto* saveButton = dialog->findChild<QPushButton*>(QStringLiteral("saveButton"));

    // Not a number.
    type(QStringLiteral("21,3x"));
    press(Qt::Key_Tab);
    type(QStringLiteral("19"));
    press(Qt::Key_Return);
    QVERIFY2(dialog->messageText().contains(QLatin1String("is not a number")), qPrintable(dialog->messageText()));
    QCOMPARE(focused()->objectName(), QStringLiteral("aXEdit")); // back where the mistake is
    QVERIFY(!dialog->pendingCalibration());
    QVERIFY(!saveButton->isEnabled());
    QTest::mouseClick(saveButton, Qt::LeftButton);
    QCOMPARE(stored(), before);

    // A figure without its pair.
    press(Qt::Key_Backspace); // the text is selected: cleared
    press(Qt::Key_Return);
    QVERIFY2(dialog->messageText().contains(QLatin1String("both figures")), qPrintable(dialog->messageText()));

    // An absurd offset: cross A 45 mm off.
    type(QStringLiteral("65"));
    press(Qt::Key_Tab);
    press(Qt::Key_End);
    press(Qt::Key_Backspace);
    press(Qt::Key_Backspace);
    type(QStringLiteral("65"));
    press(Qt::Key_Return);
    QVERIFY2(dialog->messageText().contains(QLatin1String("more than 20 mm")), qPrintable(dialog->messageText()));
    QVERIFY(!dialog->pendingCalibration());
    QVERIFY(!saveButton->isEnabled());

    // Off the sheet.
    dialog->findChild<QLineEdit*>(QStringLiteral("aXEdit"))->setFocus();
    press(Qt::Key_A, Qt::ControlModifier);
    type(QStringLiteral("9999"));
    press(Qt::Key_Return);
    QVERIFY2(dialog->messageText().contains(QLatin1String("not on the")), qPrintable(dialog->messageText()));

    // Nothing typed at all.
    for (const char* name : { "aXEdit", "aYEdit" })
        dialog->findChild<QLineEdit*>(QLatin1String(name))->clear();
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("calculateButton")), Qt::LeftButton);
    QVERIFY2(dialog->messageText().contains(QLatin1String("at least one cross")), qPrintable(dialog->messageText()));
    QCOMPARE(stored(), before);

    // The repository (and its CHECK constraints) refuse out-of-range figures from any caller too.
    QString error;
    services::CalibrationService service(*m_certifier);
    QVERIFY(!service.save(services::CalibrationService::pdfPrinterName(), kTemplate, 35.0, 0, 1.0, &error));
    QVERIFY2(error.contains(QLatin1String("not saved")), qPrintable(error));
    QVERIFY(!service.save(services::CalibrationService::pdfPrinterName(), kTemplate, 0, 0, 1.5, &error));
    QCOMPARE(stored(), before);
}

void TestCalibrationDialog::onlyCertificateOperatorsAndAdministratorsCalibrate()
{
    const auto before = stored();
    auto reviewer = m_hall->login(QStringLiteral("reviewer"));
    QVERIFY(reviewer);
    services::CalibrationService refused(*reviewer);
    QVERIFY(!refused.mayCalibrate());
    QString error;
    QVERIFY(!refused.save(services::CalibrationService::pdfPrinterName(), kTemplate, 1.0, 1.0, 1.0, &error));
    QVERIFY2(error.contains(QLatin1String("certificate operator or an administrator")), qPrintable(error));
    QVERIFY(!refused.reset(services::CalibrationService::pdfPrinterName(), kTemplate, &error));
    QCOMPARE(stored(), before);

    // In the dialog the reviewer can calculate but not save or reset.
    ui::CalibrationDialog dialog(*reviewer);
    dialog.select(services::CalibrationService::pdfPrinterName(), kTemplate);
    dialog.findChild<QLineEdit*>(QStringLiteral("aXEdit"))->setText(QStringLiteral("21"));
    dialog.findChild<QLineEdit*>(QStringLiteral("aYEdit"))->setText(QStringLiteral("20"));
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("calculateButton")), Qt::LeftButton);
    QVERIFY(dialog.pendingCalibration());
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("saveButton"))->isEnabled());
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("resetButton"))->isEnabled());
    QCOMPARE(stored(), before);

    auto admin = m_hall->login(QStringLiteral("admin"));
    QVERIFY(admin);
    QVERIFY(services::CalibrationService(*admin).mayCalibrate());
}

void TestCalibrationDialog::alignmentPageAsPdf()
{
    QVERIFY2(
        !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty(), "pdftotext (poppler-utils) is needed");
    auto dialog = openDialog();
    QVERIFY(dialog);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("alignment.pdf"));
    QString suggested;
    dialog->setPdfFileChooser([&](const QString& s) {
        suggested = s;
        return path;
    });
    // Shift+Tab back to the button, Space prints.
    press(Qt::Key_Backtab);
    QCOMPARE(focused()->objectName(), QStringLiteral("alignmentButton"));
    press(Qt::Key_Space);
    QVERIFY2(QFile::exists(path), qPrintable(dialog->messageText()));
    QVERIFY(suggested.endsWith(QLatin1String("alignment-administrative-licence.pdf")));
    QVERIFY(dialog->messageText().contains(QLatin1String("alignment.pdf")));

    QProcess text;
    text.start(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), path, QStringLiteral("-") });
    QVERIFY(text.waitForFinished(30000));
    const QString page = QString::fromUtf8(text.readAllStandardOutput());
    QVERIFY2(page.contains(QLatin1String("Alignment page")), qPrintable(page));
    QVERIFY2(page.contains(QLatin1String("A: 20.0, 20.0 mm")), qPrintable(page));
    QVERIFY(page.contains(
        QStringLiteral("D: %1, %2 mm").arg(m_sheet.width() - 20, 0, 'f', 1).arg(m_sheet.height() - 20, 0, 'f', 1)));
    // Printed with the saved correction, so that measuring it refines the correction.
    QVERIFY2(page.contains(QLatin1String("Printed with the correction: -1.5 mm right, 0.8 mm down, scale 1.0101")),
        qPrintable(page));
}

void TestCalibrationDialog::resetToZero()
{
    QVERIFY(stored());
    auto dialog = openDialog();
    QVERIFY(dialog);
    auto* reset = dialog->findChild<QPushButton*>(QStringLiteral("resetButton"));
    QVERIFY(reset->isEnabled());
    reset->setFocus();
    press(Qt::Key_Space);
    QVERIFY2(!stored(), qPrintable(dialog->messageText()));
    QVERIFY(dialog->messageText().startsWith(QLatin1String("Reset")));
    QVERIFY(!reset->isEnabled());
}

QTEST_MAIN(TestCalibrationDialog)
#include "TestCalibrationDialog.moc"
