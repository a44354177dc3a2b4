#include "CaseLookupWidget.h"
#include "CaseSummary.h"

#include "services/CaseReader.h"

#include "ui_CaseLookupWidget.h"

#include "CaseListModel.h"
#include "ChecklistModel.h"
#include "documents/DocumentIssuer.h"

#include <QHeaderView>

namespace oneseal::ui {

CaseLookupWidget::CaseLookupWidget(services::Session& session, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::CaseLookupWidget)
    , m_session(session)
    , m_reader(session)
    , m_model(new CaseListModel(this))
    , m_preview(this)
    , m_output(&m_preview)
{
    m_ui->setupUi(this);
    m_ui->casesView->setModel(m_model);
    m_ui->casesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->casesView->horizontalHeader()->setStretchLastSection(true);
    m_ui->casesView->verticalHeader()->hide();
    setFocusProxy(m_ui->searchEdit);
    connect(m_ui->searchEdit, &QLineEdit::returnPressed, this, [this] { search(m_ui->searchEdit->text()); });
    connect(m_ui->todayButton, &QPushButton::clicked, this, &CaseLookupWidget::showToday);
    connect(m_ui->casesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CaseLookupWidget::showDetails);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CaseLookupWidget::showDetails);
    connect(m_ui->reprintButton, &QPushButton::clicked, this, &CaseLookupWidget::reprint);
    showToday();
}

CaseLookupWidget::~CaseLookupWidget() = default;

void CaseLookupWidget::showToday()
{
    m_model->setCases(m_reader.takenToday());
    m_ui->countLabel->setText(tr("%n case(s) taken in by you today.", nullptr, m_model->rowCount()));
    if (m_model->rowCount() > 0)
        m_ui->casesView->selectRow(0);
}

void CaseLookupWidget::search(const QString& text)
{
    m_model->setCases(m_reader.search(text));
    m_ui->countLabel->setText(m_model->rowCount() == 0 ? tr("No case matches \"%1\".").arg(text)
                                                       : tr("%n case(s) found.", nullptr, m_model->rowCount()));
    if (m_model->rowCount() > 0)
        m_ui->casesView->selectRow(0);
}

void CaseLookupWidget::showDetails()
{
    const int row = m_ui->casesView->currentIndex().row();
    m_ui->reprintButton->setEnabled(row >= 0);
    if (row < 0) {
        m_ui->detailsView->clear();
        return;
    }
    const auto state = m_reader.state(m_model->caseAt(row).caseId);
    if (!state) {
        m_ui->detailsView->clear();
        return;
    }
    QString html = QStringLiteral("<h3>%1 — %2</h3>").arg(state->caseNo.toHtmlEscaped(), state->subjectName.toHtmlEscaped());
    html += tr("<p>Applicant: %1 (%2) · phone %3</p>")
                .arg(state->applicant.name.toHtmlEscaped(), state->applicant.idNumber, state->applicant.phone.toHtmlEscaped());
    if (!state->agent.isEmpty())
        html += tr("<p>Agent: %1 (%2)</p>").arg(state->agent.name.toHtmlEscaped(), state->agent.idNumber);
    const core::CaseDeadlines due = core::Workflow::shownDeadlines(*state, m_session.calendar());
    html += tr("<p>Status: %1 · received %2 by %3 · promised by %4 · legal limit %5</p>")
                .arg(core::displayText(state->status), state->acceptedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                     state->clerkName.toHtmlEscaped(), CaseSummary::dueText(due.promised).toHtmlEscaped(),
                     CaseSummary::dueText(due.legal).toHtmlEscaped());
    html += QStringLiteral("<ol>");
    for (const core::MaterialEntry& m : state->materials)
        html += QStringLiteral("<li>%1 — %2%3</li>")
                    .arg(m.name.toHtmlEscaped(), ChecklistModel::stateName(m.state),
                         m.dueDate.isValid() ? tr(", due %1").arg(m.dueDate.toString(Qt::ISODate)) : QString());
    html += QStringLiteral("</ol>");
    html += tr("<p>Notices printed: %1 · scans: %2</p>").arg(state->noticesPrinted).arg(state->attachments.size());
    m_ui->detailsView->setHtml(html);
}

void CaseLookupWidget::reprint()
{
    const int row = m_ui->casesView->currentIndex().row();
    if (row < 0)
        return;
    if (documents::DocumentIssuer(m_session, *m_output).printIntakeNotice(m_model->caseAt(row).caseId).output)
        showDetails();
}

} // namespace oneseal::ui
