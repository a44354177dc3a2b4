#include "IntakeWorkbench.h"
#include "CaseSummary.h"

#include "ui_IntakeWorkbench.h"

#include "AppSettings.h"
#include "ChecklistModel.h"
#include "CounterBar.h"
#include "core/Counter.h"
#include "OwedMaterialsModel.h"
#include "core/Identifiers.h"
#include "documents/DocumentIssuer.h"
#include "print/PrinterOutput.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHash>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QScrollArea>
#include <QShortcut>
#include <QVBoxLayout>

namespace oneseal::ui {

namespace {
constexpr int kCodeRole = Qt::UserRole + 1;
}

IntakeWorkbench::IntakeWorkbench(services::Session& session, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::IntakeWorkbench)
    , m_session(session)
    , m_service(session)
    , m_checklist(new ChecklistModel(this))
    , m_owed(new OwedMaterialsModel(this))
    , m_preview(this)
    , m_output(nullptr)
{
    m_ui->setupUi(this);
    if (const QString printer = AppSettings::windowPrinter(AppSettings::PrintWindow::Intake); !printer.isEmpty()) {
        m_printer = print::outputForPrinter(printer);
        if (!printer.startsWith(QLatin1String("pdf:")))
            m_preview.setPrinterName(printer);
    }
    // The message line keeps its place (two lines) so that a message never moves the fields.
    m_ui->messageLabel->setVisible(true);
    m_ui->messageLabel->setFixedHeight(2 * m_ui->messageLabel->fontMetrics().lineSpacing() + 12);
    m_ui->messageLabel->setFocusPolicy(Qt::NoFocus);
    // The message under the ID number has room for two lines, never clipped.
    m_ui->applicantStatusLabel->setMinimumHeight(2 * m_ui->applicantStatusLabel->fontMetrics().lineSpacing() + 4);
    m_ui->applicantStatusLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_ui->applicantStatusLabel->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_ui->checklistView->setModel(m_checklist);
    m_ui->checklistView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->checklistView->horizontalHeader()->setSectionResizeMode(ChecklistModel::NoteColumn, QHeaderView::Stretch);
    m_ui->checklistView->verticalHeader()->hide();
    m_ui->checklistView->installEventFilter(this);
    m_ui->subjectEdit->installEventFilter(this);
    m_ui->subjectList->installEventFilter(this);
    m_ui->idNumberEdit->installEventFilter(this);
    m_ui->owedView->setModel(m_owed);
    m_ui->owedView->verticalHeader()->hide();
    m_ui->owedView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->owedView->horizontalHeader()->setStretchLastSection(true);
    m_ui->owedView->installEventFilter(this);
    connect(m_ui->recordArrivalButton, &QPushButton::clicked, this, &IntakeWorkbench::recordArrival);

    connect(m_ui->subjectEdit, &QLineEdit::textEdited, this, &IntakeWorkbench::searchSubjects);
    connect(m_ui->subjectList, &QListWidget::itemActivated, this, [this] { chooseCurrentHit(); });
    connect(m_ui->agentCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_ui->agentNameEdit->setEnabled(on);
        m_ui->agentIdEdit->setEnabled(on);
        m_checklist->applyAgentDefault(on);
    });
    connect(m_ui->idNumberEdit, &QLineEdit::textEdited, this, [this] { clearReturningApplicant(); });
    for (QLineEdit* e : {m_ui->idNumberEdit, m_ui->nameEdit, m_ui->phoneEdit, m_ui->addressEdit, m_ui->legalRepEdit,
                         m_ui->agentNameEdit, m_ui->agentIdEdit})
        connect(e, &QLineEdit::textChanged, e, [e] { e->setPalette(QPalette()); });
    for (QLineEdit* e : cardEdits())
        connect(e, &QLineEdit::textChanged, e, [e] { e->setPalette(QPalette()); });
    // A typed validity that has ended is warned about, as a read card's is; the clerk decides.
    connect(m_ui->idValidToEdit, &QLineEdit::editingFinished, this, [this] {
        core::Applicant a;
        a.idValidTo = core::ApplicantRules::parseDay(m_ui->idValidToEdit->text());
        if (const QString w = core::ApplicantRules::expiryWarning(a, m_session.clock().today()); !w.isEmpty())
            showMessage(w, MessageKind::Warning);
    });
    m_ui->agentNameEdit->setEnabled(false);
    m_ui->agentIdEdit->setEnabled(false);
    connect(m_ui->attachButton, &QPushButton::clicked, this, &IntakeWorkbench::attachScan);
    connect(m_ui->viewScansButton, &QPushButton::clicked, this, &IntakeWorkbench::viewScans);
    connect(m_ui->clearButton, &QPushButton::clicked, this, &IntakeWorkbench::startNewIntake);

    struct OutcomeKey
    {
        QPushButton* button;
        core::IntakeOutcome outcome;
        QKeySequence key;
    };
    const OutcomeKey outcomes[] = {
        {m_ui->acceptButton, core::IntakeOutcome::Accept, QKeySequence(Qt::CTRL | Qt::Key_Return)},
        {m_ui->deferButton, core::IntakeOutcome::AcceptDeferred, QKeySequence(Qt::CTRL | Qt::Key_D)},
        {m_ui->commitmentButton, core::IntakeOutcome::AcceptCommitment, QKeySequence(Qt::CTRL | Qt::Key_G)},
        {m_ui->notifyButton, core::IntakeOutcome::NotifyMissing, QKeySequence(Qt::CTRL | Qt::Key_N)},
        {m_ui->refuseButton, core::IntakeOutcome::Refuse, QKeySequence(Qt::CTRL | Qt::Key_R)},
        {m_ui->instantButton, core::IntakeOutcome::CompleteInstantly, QKeySequence(Qt::CTRL | Qt::Key_I)},
    };
    for (const OutcomeKey& o : outcomes) {
        const core::IntakeOutcome outcome = o.outcome;
        connect(o.button, &QPushButton::clicked, this, [this, outcome] { record(outcome, false); });
        auto* shortcut = new QShortcut(o.key, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, o.button, &QPushButton::click);
        // The same key with Shift: the notice opens in the print preview instead.
        auto* preview = new QShortcut(QKeySequence(o.key[0].toCombined() | Qt::SHIFT), this, nullptr, nullptr,
                                      Qt::WidgetWithChildrenShortcut);
        connect(preview, &QShortcut::activated, this, [this, outcome, button = o.button] {
            if (button->isEnabled())
                record(outcome, true);
        });
        o.button->setToolTip(o.key.toString(QKeySequence::NativeText));
        o.button->setText(o.button->text() + QStringLiteral(" (") + o.key.toString(QKeySequence::NativeText)
                          + QLatin1Char(')'));
    }
    auto focusKey = [this](Qt::Key key, QWidget* target) {
        auto* s = new QShortcut(QKeySequence(key), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, target, [target] {
            target->setFocus(Qt::ShortcutFocusReason);
            if (auto* edit = qobject_cast<QLineEdit*>(target))
                edit->selectAll();
        });
    };
    focusKey(Qt::Key_F2, m_ui->subjectEdit);
    focusKey(Qt::Key_F3, m_ui->idNumberEdit);
    focusKey(Qt::Key_F4, m_ui->checklistView);
    auto* attach = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_O), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(attach, &QShortcut::activated, this, &IntakeWorkbench::attachScan);

    // The page that opens has the keyboard in the matter search (MainWindow focuses a page's proxy):
    // without it, under a real X server the form had no focus and F2/F3/F4 did nothing until a click.
    setFocusProxy(m_ui->subjectEdit);
    m_counter = new CounterBar(session, *this);
    m_ui->mainLayout->insertWidget(1, m_counter);
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &IntakeWorkbench::applicantViewChanged);
    connect(m_ui->idNumberEdit, &QLineEdit::textChanged, this, &IntakeWorkbench::applicantViewChanged);
    connect(m_checklist, &QAbstractItemModel::dataChanged, this, &IntakeWorkbench::applicantViewChanged);
    connect(m_checklist, &QAbstractItemModel::modelReset, this, &IntakeWorkbench::applicantViewChanged);

    startNewIntake();
    showMessage(QString(), MessageKind::Success);
    QString error;
    if (!m_service.isReady(&error))
        showMessage(error, MessageKind::Error);
}

IntakeWorkbench::~IntakeWorkbench() = default;

void IntakeWorkbench::setDocumentOutput(print::DocumentOutput* output)
{
    m_output = output;
}

QString IntakeWorkbench::messageText() const
{
    return m_ui->messageLabel->text();
}

void IntakeWorkbench::showMessage(const QString& text, MessageKind kind)
{
    m_messageKind = kind;
    m_ui->messageLabel->setText(text);
    if (text.isEmpty())
        m_ui->messageLabel->setStyleSheet(QStringLiteral("padding: 6px;"));
    else if (kind == MessageKind::Error)
        m_ui->messageLabel->setStyleSheet(QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;"));
    else if (kind == MessageKind::Warning)
        m_ui->messageLabel->setStyleSheet(QStringLiteral("background: #fff4ce; color: #7a4d00; padding: 6px;"));
    else
        m_ui->messageLabel->setStyleSheet(QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
}

void IntakeWorkbench::showFieldError(services::IntakeField field, const QString& text)
{
    showMessage(text, MessageKind::Error);
    QWidget* at = nullptr;
    switch (field) {
    case services::IntakeField::Subject: at = m_ui->subjectEdit; break;
    case services::IntakeField::Name: at = m_ui->nameEdit; break;
    case services::IntakeField::IdNumber: at = m_ui->idNumberEdit; break;
    case services::IntakeField::Phone: at = m_ui->phoneEdit; break;
    case services::IntakeField::Address: at = m_ui->addressEdit; break;
    case services::IntakeField::LegalRepresentative: at = m_ui->legalRepEdit; break;
    case services::IntakeField::AgentName: at = m_ui->agentNameEdit; break;
    case services::IntakeField::AgentIdNumber: at = m_ui->agentIdEdit; break;
    case services::IntakeField::Sex: at = m_ui->sexEdit; break;
    case services::IntakeField::Ethnicity: at = m_ui->ethnicityEdit; break;
    case services::IntakeField::BirthDate: at = m_ui->birthDateEdit; break;
    case services::IntakeField::IdAuthority: at = m_ui->idAuthorityEdit; break;
    case services::IntakeField::IdValidity: at = m_ui->idValidFromEdit; break;
    case services::IntakeField::Checklist:
    case services::IntakeField::Attachments: at = m_ui->checklistView; break;
    case services::IntakeField::Reasons: at = m_ui->reasonsEdit; break;
    case services::IntakeField::None:
    case services::IntakeField::Repeat: break;
    }
    if (!at)
        return;
    if (auto* edit = qobject_cast<QLineEdit*>(at)) {
        QPalette marked = edit->palette(); // a colour, not a style sheet: the field keeps its size
        marked.setColor(QPalette::Base, QColor(0xfd, 0xe7, 0xe9));
        edit->setPalette(marked);
        edit->selectAll();
    }
    if (at == m_ui->idNumberEdit) {
        m_ui->applicantStatusLabel->setText(text);
        m_ui->applicantStatusLabel->setStyleSheet(QStringLiteral("color: #a4262c;"));
    }
    if (at == m_ui->checklistView && m_checklist->firstPendingRow() >= 0)
        m_ui->checklistView->setCurrentIndex(m_checklist->index(m_checklist->firstPendingRow(), ChecklistModel::StateColumn));
    at->setFocus(Qt::OtherFocusReason);
}

QList<QLineEdit*> IntakeWorkbench::cardEdits() const
{
    return {m_ui->sexEdit, m_ui->ethnicityEdit, m_ui->birthDateEdit, m_ui->idAuthorityEdit, m_ui->idValidFromEdit,
            m_ui->idValidToEdit};
}

void IntakeWorkbench::setCardDetails(const core::Applicant& a, bool fromCard)
{
    m_cardRead = fromCard;
    auto day = [](const QDate& d) { return d.isValid() ? d.toString(Qt::ISODate) : QString(); };
    m_ui->sexEdit->setText(a.sex);
    m_ui->ethnicityEdit->setText(a.ethnicity);
    m_ui->birthDateEdit->setText(day(a.birthDate));
    m_ui->idAuthorityEdit->setText(a.idAuthority);
    m_ui->idValidFromEdit->setText(day(a.idValidFrom));
    m_ui->idValidToEdit->setText(a.idLongTerm ? QStringLiteral("长期") : day(a.idValidTo));
    for (QLineEdit* e : cardEdits()) {
        e->setReadOnly(fromCard);
        e->setToolTip(fromCard ? tr("Read from the ID card") : QString());
    }
}

void IntakeWorkbench::clearCardDetails()
{
    setCardDetails(core::Applicant(), false);
}

bool IntakeWorkbench::takeCardDetails(core::Applicant& a)
{
    auto wrong = [this](services::IntakeField field, const QString& text) {
        showFieldError(field, text);
        return false;
    };
    const QString sex = m_ui->sexEdit->text().trimmed();
    a.sex = core::ApplicantRules::normalizeSex(sex);
    if (!sex.isEmpty() && a.sex.isEmpty())
        return wrong(services::IntakeField::Sex, tr("Give the sex as 男 or 女 (1 or 2)."));
    a.ethnicity = m_ui->ethnicityEdit->text().trimmed();
    a.idAuthority = m_ui->idAuthorityEdit->text().trimmed();
    const struct
    {
        QLineEdit* edit;
        QDate* day;
        services::IntakeField field;
    } days[] = {{m_ui->birthDateEdit, &a.birthDate, services::IntakeField::BirthDate},
                {m_ui->idValidFromEdit, &a.idValidFrom, services::IntakeField::IdValidity},
                {m_ui->idValidToEdit, &a.idValidTo, services::IntakeField::IdValidity}};
    a.idLongTerm = m_ui->idValidToEdit->text().trimmed() == QStringLiteral("长期");
    for (const auto& d : days) {
        const QString text = d.edit->text().trimmed();
        if (text.isEmpty() || (d.edit == m_ui->idValidToEdit && a.idLongTerm))
            continue;
        *d.day = core::ApplicantRules::parseDay(text);
        if (!d.day->isValid()) {
            showFieldError(d.field, tr("\"%1\" is not a date: write it as 1990-03-07.").arg(text));
            d.edit->setFocus(Qt::OtherFocusReason);
            return false;
        }
    }
    a.fromCard = m_cardRead;
    return true;
}

void IntakeWorkbench::clearReturningApplicant()
{
    if (m_cardRead)
        clearCardDetails(); // the card's details go with the number they came with
    if (m_knownApplicantId.isEmpty())
        return;
    // The details on screen belong to the applicant whose number was there: they go with it.
    m_knownApplicantId.clear();
    for (QLineEdit* e : {m_ui->nameEdit, m_ui->phoneEdit, m_ui->addressEdit, m_ui->legalRepEdit})
        e->clear();
    clearCardDetails();
    m_ui->applicantStatusLabel->clear();
}

void IntakeWorkbench::showDeclaredFields()
{
    for (const DeclaredRow& row : std::as_const(m_declaredRows))
        m_ui->subjectForm->removeRow(row.combo); // deletes the combo and its label
    m_declaredRows.clear();
    if (!m_subject)
        return;
    QWidget* previous = m_ui->subjectList;
    for (const core::Matter* matter : m_subject->matters)
        for (const core::DeclaredField& field : matter->declaredFields) {
            auto* combo = new QComboBox(this);
            combo->setObjectName(QStringLiteral("declared_") + field.key);
            combo->addItems(field.values);
            combo->setCurrentIndex(0); // a default, so a returning applicant needs no extra key
            combo->setToolTip(matter->name);
            // One mnemonic for the first field (Alt+K); the others are reached with Tab.
            auto* label = new QLabel(m_declaredRows.isEmpty() ? tr("%1 (&K):").arg(field.label)
                                                             : tr("%1:").arg(field.label),
                                     this);
            label->setBuddy(combo);
            m_ui->subjectForm->addRow(label, combo);
            setTabOrder(previous, combo);
            previous = combo;
            m_declaredRows.append({matter->code, field.key, combo});
        }
}

void IntakeWorkbench::startNewIntake()
{
    m_subject.reset();
    showDeclaredFields();
    m_knownApplicantId.clear();
    m_attachments.clear();
    showOwedMaterials(QString());
    m_checklist->setEntries({}, QDate());
    for (QLineEdit* e : {m_ui->subjectEdit, m_ui->idNumberEdit, m_ui->nameEdit, m_ui->phoneEdit, m_ui->addressEdit,
                         m_ui->legalRepEdit, m_ui->agentNameEdit, m_ui->agentIdEdit})
        e->clear();
    clearCardDetails();
    for (QLineEdit* e : cardEdits())
        e->setEnabled(true); // until a credit code says it is an organisation
    m_ui->agentCheck->setChecked(false);
    m_ui->reasonsEdit->clear();
    m_ui->subjectList->clear();
    m_ui->subjectInfoLabel->clear();
    m_ui->applicantStatusLabel->clear();
    m_ui->applicantStatusLabel->setStyleSheet(QString());
    updateOutcomeButtons();
    m_ui->subjectEdit->setFocus(Qt::OtherFocusReason);
}

void IntakeWorkbench::searchSubjects(const QString& text)
{
    m_ui->subjectList->clear();
    for (const core::SearchHit& hit : m_service.findSubjects(text, 15)) {
        const QString label = hit.kind == core::SearchHit::BundleHit
            ? tr("[bundle] %1 — %2").arg(hit.name, hit.code)
            : tr("%1 — %2").arg(hit.name, hit.code);
        auto* item = new QListWidgetItem(label, m_ui->subjectList);
        item->setData(kCodeRole, hit.code);
    }
    if (m_ui->subjectList->count() > 0)
        m_ui->subjectList->setCurrentRow(0);
}

void IntakeWorkbench::chooseCurrentHit()
{
    if (QListWidgetItem* item = m_ui->subjectList->currentItem())
        chooseSubject(item->data(kCodeRole).toString());
}

bool IntakeWorkbench::chooseSubject(const QString& code)
{
    const auto subject = m_service.subject(code);
    if (!subject) {
        showFieldError(services::IntakeField::Subject, tr("No matter or bundle has the code %1.").arg(code));
        return false;
    }
    m_subject = subject;
    m_attachments.clear();
    const QDate today = m_service.today();
    const core::DeadlineResult promised = m_service.promisedDeadline(*subject, today);
    const core::DeadlineResult legal = m_service.legalDeadline(*subject, today);
    m_checklist->setEntries(m_service.checklistFor(*subject), promised.due);
    m_checklist->applyAgentDefault(m_ui->agentCheck->isChecked());
    m_ui->subjectEdit->setText(subject->name);
    showDeclaredFields();

    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(subject->name.toHtmlEscaped());
    if (subject->bundle)
        lines << tr("Bundle of %n matter(s); shared materials are collected once.", nullptr, int(subject->matters.size()));
    lines << (subject->instant ? tr("Instant matter (即办件): completed at the window.")
                               : tr("Promised: %1 working days, by %2 · legal: %3 working days, by %4")
                                     .arg(subject->promisedDays)
                                     .arg(CaseSummary::dueText(promised).toHtmlEscaped())
                                     .arg(subject->legalDays)
                                     .arg(CaseSummary::dueText(legal).toHtmlEscaped()));
    lines << tr("Risk level: %1").arg(core::displayText(subject->risk));
    m_ui->subjectInfoLabel->setText(lines.join(QStringLiteral("<br>")));
    updateOutcomeButtons();
    showMessage(QString(), MessageKind::Success);
    m_ui->idNumberEdit->setFocus(Qt::OtherFocusReason);
    return true;
}

void IntakeWorkbench::updateOutcomeButtons()
{
    const bool chosen = m_subject.has_value() && m_service.isReady();
    for (QPushButton* b : {m_ui->acceptButton, m_ui->notifyButton, m_ui->refuseButton})
        b->setEnabled(chosen);
    m_ui->deferButton->setEnabled(chosen && m_subject->deferralAllowed);
    m_ui->commitmentButton->setEnabled(chosen && m_subject->commitmentAllowed);
    m_ui->instantButton->setEnabled(chosen && m_subject->instant);
    m_ui->attachButton->setEnabled(chosen);
    m_ui->viewScansButton->setEnabled(chosen);
}

void IntakeWorkbench::lookUpApplicant()
{
    const QString id = core::normalizeIdentifier(m_ui->idNumberEdit->text());
    if (id.isEmpty())
        return;
    m_ui->idNumberEdit->setText(id);
    const core::IdCheck person = core::checkResidentId(id, m_session.clock().today());
    const core::IdCheck organisation = core::checkCreditCode(id);
    if (!person.valid && !organisation.valid) {
        // Say what is wrong with the kind of number it most looks like.
        const bool looksLikeCode = id.size() == 18 && !id.left(17).contains(QRegularExpression(QStringLiteral("^\\d+$")));
        m_ui->applicantStatusLabel->setText(looksLikeCode ? organisation.error : person.error);
        m_ui->applicantStatusLabel->setStyleSheet(QStringLiteral("color: #a4262c;"));
        m_ui->idNumberEdit->selectAll();
        return;
    }
    m_ui->applicantStatusLabel->setStyleSheet(QString());
    const bool isOrganisation = organisation.valid;
    m_ui->legalRepEdit->setEnabled(isOrganisation);
    for (QLineEdit* e : cardEdits())
        e->setEnabled(!isOrganisation); // an organisation has no ID card
    if (const auto known = m_service.applicantByIdNumber(id)) {
        clearReturningApplicant();
        m_knownApplicantId = known->id;
        m_ui->nameEdit->setText(known->name);
        m_ui->phoneEdit->setText(known->phone);
        m_ui->addressEdit->setText(known->address);
        m_ui->legalRepEdit->setText(known->legalRepresentative);
        setCardDetails(*known, false);
        m_cardRead = known->fromCard; // kept as they were recorded, but the clerk may correct them
        m_ui->applicantStatusLabel->setText(tr("Returning applicant: details filled in from the record."));
        showOwedMaterials(id);
        if (m_owed->rowCount() > 0) {
            m_ui->applicantStatusLabel->setText(
                tr("Returning applicant: details filled in from the record. They owe %n material(s) (容缺).", nullptr,
                   m_owed->rowCount()));
            m_ui->owedView->setFocus(Qt::OtherFocusReason);
            m_ui->owedView->selectRow(0);
            return;
        }
        m_ui->checklistView->setFocus(Qt::OtherFocusReason);
        if (m_checklist->rowCount() > 0)
            m_ui->checklistView->setCurrentIndex(
                m_checklist->index(std::max(0, m_checklist->firstPendingRow()), ChecklistModel::StateColumn));
    } else {
        clearReturningApplicant();
        showOwedMaterials(QString());
        m_ui->applicantStatusLabel->setText(isOrganisation ? tr("New organisation: enter its name and phone.")
                                                           : tr("New applicant: enter the name and phone."));
        m_ui->nameEdit->setFocus(Qt::OtherFocusReason);
    }
}

bool IntakeWorkbench::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    const bool plain = key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier;
    if (watched == m_ui->subjectEdit) {
        if (key->key() == Qt::Key_Down && m_ui->subjectList->count() > 0) {
            m_ui->subjectList->setFocus(Qt::OtherFocusReason);
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && plain) {
            chooseCurrentHit();
            return true;
        }
    } else if (watched == m_ui->subjectList) {
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && plain) {
            chooseCurrentHit();
            return true;
        }
    } else if (watched == m_ui->idNumberEdit) {
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && plain) {
            lookUpApplicant();
            return true;
        }
    } else if (watched == m_ui->owedView) {
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && plain) {
            recordArrival();
            return true;
        }
    } else if (watched == m_ui->checklistView && plain) {
        const int row = m_ui->checklistView->currentIndex().row();
        std::optional<core::MaterialState> state;
        switch (key->key()) {
        case Qt::Key_R: state = core::MaterialState::Received; break;
        case Qt::Key_M: state = core::MaterialState::Missing; break;
        case Qt::Key_D: state = core::MaterialState::Deferred; break;
        case Qt::Key_N: state = core::MaterialState::NotApplicable; break;
        case Qt::Key_S: state = core::MaterialState::SharedData; break;
        case Qt::Key_A:
            m_checklist->markPendingReceived();
            m_ui->checklistView->setCurrentIndex(m_checklist->index(std::max(0, row), ChecklistModel::StateColumn));
            return true;
        case Qt::Key_O: m_checklist->toggleOriginal(row); return true;
        case Qt::Key_Return:
        case Qt::Key_Enter: {
            // Enter edits the cell under the cursor, or the note when that cell is not editable.
            QModelIndex index = m_ui->checklistView->currentIndex();
            if (!(m_checklist->flags(index) & Qt::ItemIsEditable))
                index = m_checklist->index(row, ChecklistModel::NoteColumn);
            m_ui->checklistView->setCurrentIndex(index);
            m_ui->checklistView->edit(index);
            return true;
        }
        case Qt::Key_Plus: m_checklist->adjustCopies(row, 1); return true;
        case Qt::Key_Minus: m_checklist->adjustCopies(row, -1); return true;
        default: break;
        }
        if (state && row >= 0) {
            m_checklist->setState(row, *state);
            if (row + 1 < m_checklist->rowCount())
                m_ui->checklistView->setCurrentIndex(m_checklist->index(row + 1, ChecklistModel::StateColumn));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void IntakeWorkbench::record(core::IntakeOutcome outcome, bool preview)
{
    if (!m_subject) {
        showFieldError(services::IntakeField::Subject, tr("Choose the matter or bundle first (F2)."));
        return;
    }
    services::IntakeRequest request;
    request.subjectCode = m_subject->code;
    request.applicant.id = m_knownApplicantId;
    request.applicant.idNumber = m_ui->idNumberEdit->text();
    request.applicant.kind = core::ApplicantRules::kindForIdentifier(core::normalizeIdentifier(request.applicant.idNumber));
    request.applicant.name = m_ui->nameEdit->text();
    request.applicant.phone = m_ui->phoneEdit->text();
    request.applicant.address = m_ui->addressEdit->text();
    request.applicant.legalRepresentative = m_ui->legalRepEdit->isEnabled() ? m_ui->legalRepEdit->text() : QString();
    if (m_ui->sexEdit->isEnabled() && !takeCardDetails(request.applicant))
        return;
    if (m_ui->agentCheck->isChecked()) {
        request.agent.name = m_ui->agentNameEdit->text();
        request.agent.idNumber = m_ui->agentIdEdit->text();
    }
    request.materials = m_checklist->entries();
    request.attachments = m_attachments;
    request.outcome = outcome;
    for (const DeclaredRow& row : std::as_const(m_declaredRows))
        request.declared.append({row.matter, row.key, row.combo->currentText()});
    request.reasons = m_ui->reasonsEdit->toPlainText();
    QString ticketError;
    const auto ticket = m_counter->ticket(&ticketError);
    if (!ticket) {
        showMessage(ticketError, true);
        return;
    }
    request.ticket = *ticket;
    request.calledAt = m_counter->calledAt();

    QString error;
    services::IntakeField field = services::IntakeField::None;
    auto state = m_service.record(request, &error, &field);
    if (!state && field == services::IntakeField::Repeat) {
        // The same applicant, matter and day again: only when the clerk says so (default: no).
        QMessageBox ask(QMessageBox::Warning, tr("Accept again?"), error, QMessageBox::Yes | QMessageBox::No, this);
        ask.setDefaultButton(QMessageBox::No);
        ask.button(QMessageBox::Yes)->setText(tr("&Accept again"));
        ask.button(QMessageBox::No)->setText(tr("&Do not accept"));
        if (ask.exec() != QMessageBox::Yes) {
            showMessage(tr("Not accepted again: %1").arg(error), MessageKind::Warning);
            m_ui->checklistView->setFocus(Qt::OtherFocusReason);
            return;
        }
        request.repeatConfirmed = true;
        state = m_service.record(request, &error, &field);
    }
    if (!state) {
        showFieldError(field, error);
        return;
    }
    print::DocumentOutput* output = m_output ? m_output : m_printer.get();
    if (preview || !output)
        output = &m_preview;
    const documents::IssuedDocument notice = documents::DocumentIssuer(m_session, *output).printIntakeNotice(state->caseId);
    const QString caseNo = state->caseNo;
    const QString caseId = state->caseId;
    startNewIntake();
    if (notice.recorded())
        showMessage(tr("Case %1 recorded: %2 printed.").arg(caseNo, notice.title), MessageKind::Success);
    else if (notice.output)
        showMessage(tr("Case %1 recorded and its %2 printed, but the print was not recorded: %3")
                        .arg(caseNo, notice.title, notice.error),
                    MessageKind::Error);
    else
        showMessage(tr("Case %1 recorded. The %2 was not printed: print it from the case lookup.").arg(caseNo, notice.title),
                    MessageKind::Warning);
    emit caseRecorded(caseId, caseNo);
}

std::optional<services::PendingAttachment> IntakeWorkbench::readScan(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        showMessage(tr("Unable to read %1: %2").arg(path, f.errorString()), true);
        return std::nullopt;
    }
    if (f.size() > services::IntakeService::kMaxAttachmentBytes) {
        showMessage(tr("The file %1 is larger than 20 MB; scan it at a lower resolution.").arg(QFileInfo(path).fileName()), true);
        return std::nullopt;
    }
    const QByteArray data = f.readAll();
    return checkedScan(QFileInfo(path).fileName(), QMimeDatabase().mimeTypeForFileNameAndData(path, data).name(), data);
}

std::optional<services::PendingAttachment> IntakeWorkbench::checkedScan(const QString& fileName, const QString& mimeType,
                                                                       const QByteArray& data)
{
    if (data.size() > services::IntakeService::kMaxAttachmentBytes) {
        showMessage(tr("The file %1 is larger than 20 MB; scan it at a lower resolution.").arg(fileName), true);
        return std::nullopt;
    }
    services::PendingAttachment a;
    a.data = data;
    a.fileName = fileName;
    a.mimeType = mimeType;
    if (a.mimeType != QLatin1String("application/pdf") && !a.mimeType.startsWith(QLatin1String("image/"))) {
        showMessage(tr("The file %1 is neither an image nor a PDF.").arg(a.fileName), true);
        return std::nullopt;
    }
    return a;
}

bool IntakeWorkbench::addScan(const QString& fileName, const QString& mimeType, const QByteArray& data)
{
    const int row = m_ui->checklistView->currentIndex().row();
    if (!m_subject || row < 0) {
        showMessage(tr("Select the material the scan belongs to first."), true);
        return false;
    }
    const auto scan = checkedScan(fileName, mimeType, data);
    return scan && addToChecklist(*scan, row);
}

bool IntakeWorkbench::attachFile(const QString& path)
{
    const int row = m_ui->checklistView->currentIndex().row();
    if (!m_subject || row < 0) {
        showMessage(tr("Select the material the scan belongs to first."), MessageKind::Error);
        return false;
    }
    const auto scan = readScan(path);
    return scan && addToChecklist(*scan, row);
}

bool IntakeWorkbench::addToChecklist(services::PendingAttachment a, int row)
{
    a.materialCode = m_checklist->entries().at(row).code;
    m_attachments << a;
    const auto count = std::count_if(m_attachments.begin(), m_attachments.end(),
                                     [&a](const services::PendingAttachment& p) { return p.materialCode == a.materialCode; });
    m_checklist->setScanCount(a.materialCode, int(count));
    showMessage(tr("Attached %1 to \"%2\".").arg(a.fileName, m_checklist->entries().at(row).name), MessageKind::Success);
    return true;
}

QString IntakeWorkbench::currentMaterialName() const
{
    const int row = m_ui->checklistView->currentIndex().row();
    return m_subject && row >= 0 && row < m_checklist->rowCount() ? m_checklist->entries().at(row).name : QString();
}

ApplicantView IntakeWorkbench::applicantView() const
{
    ApplicantView v;
    if (m_subject) {
        v.subjectName = m_subject->name;
        for (const core::Matter* m : m_subject->matters)
            v.matterNames << m->name;
        v.instant = m_subject->instant;
        const QDate today = m_service.today();
        v.promisedDue = m_service.promisedDeadline(*m_subject, today).due;
        v.legalDue = m_service.legalDeadline(*m_subject, today).due;
        for (const core::MaterialEntry& e : m_checklist->entries())
            v.materials.append({e.name, e.state});
    }
    v.maskedName = core::maskedName(m_ui->nameEdit->text());
    v.maskedIdNumber = core::maskedIdNumber(core::normalizeIdentifier(m_ui->idNumberEdit->text()));
    return v;
}

bool IntakeWorkbench::fillFromIdCard(const QString& idNumber, const QString& name, const QString& address, QString* error)
{
    core::Applicant card;
    card.idNumber = idNumber;
    card.name = name;
    card.address = address;
    return fillFromIdCard(card, error);
}

bool IntakeWorkbench::fillFromIdCard(const core::Applicant& card, QString* error)
{
    const QString id = core::normalizeIdentifier(card.idNumber);
    if (card.name.isEmpty()) { // a number only (a reader typing it): exactly as if typed into the field
        m_ui->idNumberEdit->setText(id);
        lookUpApplicant();
        return true;
    }
    // The whole card is checked before anything is filled: nothing half-filled.
    const core::IdCheck check = core::checkResidentId(id, m_session.clock().today());
    QString problem = check.valid ? QString() : check.error;
    core::Applicant checked = card;
    checked.idNumber = id;
    checked.kind = core::ApplicantKind::Person;
    if (problem.isEmpty())
        problem = core::ApplicantRules::checkCardDetails(checked);
    if (problem.isEmpty())
        problem = core::ApplicantRules::checkText(card.name, tr("name on the card"), m_ui->nameEdit->maxLength(), true);
    if (problem.isEmpty())
        problem = core::ApplicantRules::checkText(card.address, tr("address on the card"), m_ui->addressEdit->maxLength(), false);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    m_ui->idNumberEdit->setText(id);
    lookUpApplicant();
    m_ui->nameEdit->setText(card.name);
    if (!card.address.isEmpty())
        m_ui->addressEdit->setText(card.address);
    if (card.hasCardDetails())
        setCardDetails(checked, true);
    if (m_knownApplicantId.isEmpty())
        m_ui->phoneEdit->setFocus(Qt::OtherFocusReason); // the card gave all but the phone
    return true;
}

void IntakeWorkbench::showOwedMaterials(const QString& idNumber)
{
    m_owedApplicant = idNumber;
    m_owedScans.clear();
    QList<services::OwedItem> items;
    if (!idNumber.isEmpty()) {
        QString error;
        items = services::CaseLifeService(m_session).owedMaterials(idNumber, &error).value_or(QList<services::OwedItem>());
    }
    m_owed->setItems(items);
    const bool any = !items.isEmpty();
    m_ui->owedLabel->setVisible(any);
    m_ui->owedView->setVisible(any);
    m_ui->recordArrivalButton->setVisible(any);
}

bool IntakeWorkbench::attachOwedScan(const QString& path)
{
    const int row = m_ui->owedView->currentIndex().row();
    if (row < 0 || row >= m_owed->rowCount()) {
        showMessage(tr("Select the owed material the scan belongs to first."), true);
        return false;
    }
    auto scan = readScan(path);
    if (!scan)
        return false;
    const db::OwedMaterialRow& owed = m_owed->itemAt(row).row;
    scan->materialCode = owed.materialCode;
    m_owedScans.insert(owed.caseId + QLatin1Char('/') + owed.materialCode, *scan);
    showMessage(tr("Attached %1 to \"%2\" of case %3; Enter records its arrival.")
                    .arg(scan->fileName, owed.materialName, owed.caseNo),
                false);
    return true;
}

bool IntakeWorkbench::recordArrival()
{
    const int row = m_ui->owedView->currentIndex().row();
    if (row < 0 || row >= m_owed->rowCount()) {
        showMessage(tr("Select the owed material that was handed in first."), true);
        return false;
    }
    const db::OwedMaterialRow owed = m_owed->itemAt(row).row;
    const QString key = owed.caseId + QLatin1Char('/') + owed.materialCode;
    const auto scan = m_owedScans.contains(key) ? std::optional(m_owedScans.value(key)) : std::nullopt;
    QString error;
    if (!m_service.supplyMaterial(owed.caseId, owed.materialCode, 1, &error, scan)) {
        showMessage(error, true);
        return false;
    }
    m_owedScans.remove(key);
    const documents::IssuedDocument receipt
        = documents::DocumentIssuer(m_session, *m_output).printMaterialReceipt(owed.caseId, owed.materialCode);
    if (receipt.recorded())
        showMessage(tr("The arrival of \"%1\" for case %2 is recorded and its receipt printed.")
                        .arg(owed.materialName, owed.caseNo),
                    false);
    else
        showMessage(tr("The arrival of \"%1\" for case %2 is recorded; the receipt was not printed: %3")
                        .arg(owed.materialName, owed.caseNo, receipt.error),
                    true);
    const QHash<QString, services::PendingAttachment> scans = m_owedScans;
    showOwedMaterials(m_owedApplicant);
    m_owedScans = scans;
    if (m_owed->rowCount() > 0) {
        m_ui->owedView->selectRow(std::min(row, m_owed->rowCount() - 1));
        m_ui->owedView->setFocus(Qt::OtherFocusReason);
    } else {
        m_ui->checklistView->setFocus(Qt::OtherFocusReason);
    }
    return true;
}

void IntakeWorkbench::attachScan()
{
    if (m_ui->owedView->hasFocus()) {
        const QString path = QFileDialog::getOpenFileName(this, tr("Attach a scan of the owed material"), QString(),
                                                          tr("Scans (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf)"));
        if (!path.isEmpty())
            attachOwedScan(path);
        return;
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Attach a scan"), QString(),
                                                      tr("Scans (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf)"));
    if (!path.isEmpty())
        attachFile(path);
}

void IntakeWorkbench::viewScans()
{
    const int row = m_ui->checklistView->currentIndex().row();
    if (row < 0)
        return;
    const QString code = m_checklist->entries().at(row).code;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Scans of \"%1\"").arg(m_checklist->entries().at(row).name));
    auto* layout = new QVBoxLayout(&dialog);
    auto* area = new QScrollArea(&dialog);
    auto* content = new QWidget(area);
    auto* contentLayout = new QVBoxLayout(content);
    int shown = 0;
    for (const services::PendingAttachment& a : m_attachments) {
        if (a.materialCode != code)
            continue;
        ++shown;
        auto* label = new QLabel(content);
        QImage image;
        if (a.mimeType.startsWith(QLatin1String("image/")) && image.loadFromData(a.data))
            label->setPixmap(QPixmap::fromImage(image.scaledToWidth(std::min(image.width(), 800), Qt::SmoothTransformation)));
        else
            label->setText(tr("%1 (PDF, %2 KB)").arg(a.fileName).arg(a.data.size() / 1024));
        contentLayout->addWidget(new QLabel(a.fileName, content));
        contentLayout->addWidget(label);
    }
    if (shown == 0)
        contentLayout->addWidget(new QLabel(tr("No scans attached to this material yet (Ctrl+O attaches one)."), content));
    area->setWidget(content);
    layout->addWidget(area);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(850, 650);
    dialog.exec();
}

} // namespace oneseal::ui
