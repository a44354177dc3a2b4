#include "ReviewDialog.h"

#include "ui_ReviewDialog.h"

#include "CaseSummary.h"
#include "print/DocumentRenderer.h"
#include "print/IntakeNotices.h"
#include "services/CaseReader.h"

#include <QPrintPreviewDialog>
#include <QPrinter>

namespace oneseal::ui {

ReviewDialog::ReviewDialog(services::Session& session, const QString& caseId, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::ReviewDialog)
    , m_session(session)
    , m_service(session)
    , m_caseId(caseId)
{
    m_ui->setupUi(this);
    connect(m_ui->passButton, &QPushButton::clicked, this, &ReviewDialog::pass);
    connect(m_ui->correctionButton, &QPushButton::clicked, this, &ReviewDialog::requestCorrection);
    connect(m_ui->receivedButton, &QPushButton::clicked, this, &ReviewDialog::receiveCorrection);
    connect(m_ui->refuseButton, &QPushButton::clicked, this, &ReviewDialog::proposeRefusal);
    m_noticeHandler = [this](const print::NoticeDocument& doc) {
        QPrinter printer(QPrinter::HighResolution);
        printer.setDocName(doc.title);
        QPrintPreviewDialog preview(&printer, this);
        print::DocumentRenderer renderer;
        connect(&preview, &QPrintPreviewDialog::paintRequested, this, [&](QPrinter* p) { renderer.print(*p, doc, nullptr); });
        return preview.exec() == QDialog::Accepted;
    };
    reload();
    m_ui->notesEdit->setFocus();
}

ReviewDialog::~ReviewDialog() = default;

QString ReviewDialog::messageText() const
{
    return m_ui->messageLabel->isVisible() ? m_ui->messageLabel->text() : QString();
}

void ReviewDialog::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void ReviewDialog::reload()
{
    const auto state = services::CaseReader(m_session).state(m_caseId);
    if (!state) {
        m_ui->caseView->setPlainText(tr("There is no such case."));
        return;
    }
    setWindowTitle(tr("Review — %1").arg(state->caseNo));
    m_ui->caseView->setHtml(CaseSummary::html(*state));
    const QString& user = m_session.user().id;
    const core::Roles roles = m_session.user().roles;
    auto allowed = [&](core::WorkStep step) { return core::Workflow::check(step, *state, user, roles).isEmpty(); };
    m_ui->passButton->setEnabled(allowed(core::WorkStep::ReviewPass));
    m_ui->correctionButton->setEnabled(allowed(core::WorkStep::RequestCorrection));
    m_ui->receivedButton->setEnabled(allowed(core::WorkStep::ReceiveCorrection));
    m_ui->refuseButton->setEnabled(allowed(core::WorkStep::ProposeRefusal));
}

void ReviewDialog::done(const std::optional<core::CaseState>& state, const QString& error, const QString& success)
{
    if (!state) {
        showMessage(error, true);
        return;
    }
    m_ui->notesEdit->clear();
    showMessage(success, false);
    reload();
}

void ReviewDialog::pass()
{
    QString error;
    const auto state = m_service.pass(m_caseId, m_ui->notesEdit->toPlainText(), &error);
    done(state, error,
         state && state->inspectionRequired ? tr("Review passed; the case goes to site inspection.")
                                            : tr("Review passed; the case goes to the approver."));
}

print::NoticeDocument ReviewDialog::correctionNotice(const core::CaseState& state, const QString& bureau)
{
    print::NoticeDocument doc;
    doc.title = QStringLiteral("补正材料通知书");
    doc.documentNumber = state.caseNo;
    doc.addressee = state.applicant.name;
    doc.paragraphs << QStringLiteral("你（单位）申请的“%1”事项，经审查，申请材料需要补正。请按下列要求补正后提交，"
                                     "补正期间不计入办理时限，收到补正材料之日起继续计算。")
                          .arg(state.subjectName);
    for (const QString& line : state.correctionNotes.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        doc.numberedItems << qMakePair(line.trimmed(), QString());
    doc.listTitle = QStringLiteral("需补正的材料");
    doc.fields << qMakePair(QStringLiteral("受理编号"), state.caseNo);
    doc.issuer = bureau;
    doc.date = core::Clock::system().today();
    doc.signatureLines << QStringLiteral("申请人（签字）：");
    return doc;
}

void ReviewDialog::requestCorrection()
{
    QString error;
    const auto state = m_service.requestCorrection(m_caseId, m_ui->notesEdit->toPlainText(), &error);
    if (!state) {
        showMessage(error, true);
        return;
    }
    const print::NoticeDocument doc = correctionNotice(*state, m_session.hallName());
    bool printed = m_noticeHandler && m_noticeHandler(doc);
    if (printed)
        printed = m_service.recordNoticePrinted(m_caseId, doc.title, print::IntakeNotices::contentHash(doc), &error);
    done(state, error,
         printed ? tr("Returned for correction; the clock stands still. The notice was printed.")
                 : tr("Returned for correction; the clock stands still. Print the notice from the case later."));
}

void ReviewDialog::receiveCorrection()
{
    QString error;
    const auto state = m_service.receiveCorrection(m_caseId, m_ui->notesEdit->toPlainText(), &error);
    done(state, error,
         state ? tr("The clock runs again; the case is now due on %1.").arg(state->promisedDue.toString(Qt::ISODate))
               : QString());
}

void ReviewDialog::proposeRefusal()
{
    QString error;
    const auto state = m_service.proposeRefusal(m_caseId, m_ui->notesEdit->toPlainText(), &error);
    done(state, error, tr("Refusal proposed; the approver decides."));
}

} // namespace oneseal::ui
