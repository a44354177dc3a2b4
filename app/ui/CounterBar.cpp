#include "CounterBar.h"

#include "DocumentCameraDialog.h"
#include "IntakeWorkbench.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeDatabase>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QSpinBox>
#include <QCheckBox>

namespace oneseal::ui {

CounterBar::CounterBar(services::Session& session, IntakeWorkbench& workbench)
    : QWidget(&workbench)
    , m_session(session)
    , m_workbench(workbench)
    , m_counter(session)
    , m_ticketEdit(new QLineEdit(this))
    , m_statusLabel(new QLabel(this))
    , m_readButton(new QPushButton(tr("Read ID card (F7)"), this))
    , m_cameraButton(new QPushButton(tr("Camera (F8)"), this))
    , m_screenButton(new QPushButton(tr("Applicant screen (F9)"), this))
    , m_nextButton(new QPushButton(tr("Next applicant (F12)"), this))
    , m_screen(new ApplicantScreen(this))
{
    setObjectName(QStringLiteral("counterBar"));
    m_ticketEdit->setObjectName(QStringLiteral("ticketEdit"));
    m_ticketEdit->setMaxLength(80);
    m_ticketEdit->setPlaceholderText(tr("type or scan"));
    m_ticketEdit->setMaximumWidth(160);
    m_statusLabel->setObjectName(QStringLiteral("deviceStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_readButton->setObjectName(QStringLiteral("readCardButton"));
    m_cameraButton->setObjectName(QStringLiteral("cameraButton"));
    m_screenButton->setObjectName(QStringLiteral("applicantScreenButton"));
    m_screenButton->setCheckable(true);
    m_nextButton->setObjectName(QStringLiteral("nextApplicantButton"));
    auto* settingsButton = new QPushButton(tr("Devices…"), this);
    settingsButton->setObjectName(QStringLiteral("deviceSettingsButton"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* ticketLabel = new QLabel(tr("Ticket (F6):"), this);
    ticketLabel->setBuddy(m_ticketEdit);
    layout->addWidget(ticketLabel);
    layout->addWidget(m_ticketEdit);
    for (QPushButton* b : {m_readButton, m_cameraButton, m_screenButton, settingsButton, m_nextButton}) {
        b->setFocusPolicy(Qt::NoFocus); // function keys reach them; Tab stays in the form
        layout->addWidget(b);
    }
    layout->addWidget(m_statusLabel, 1);

    auto key = [this](Qt::Key k, auto slot) {
        auto* s = new QShortcut(QKeySequence(k), &m_workbench, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    key(Qt::Key_F6, [this] {
        m_ticketEdit->setFocus(Qt::ShortcutFocusReason);
        m_ticketEdit->selectAll();
    });
    key(Qt::Key_F7, [this] { m_reader.readOnce(); });
    key(Qt::Key_F8, &CounterBar::openCamera);
    key(Qt::Key_F9, &CounterBar::toggleApplicantScreen);
    key(Qt::Key_F12, &CounterBar::nextApplicant);
    connect(m_readButton, &QPushButton::clicked, &m_reader, &devices::IdCardReader::readOnce);
    connect(m_cameraButton, &QPushButton::clicked, this, &CounterBar::openCamera);
    connect(m_screenButton, &QPushButton::clicked, this, &CounterBar::toggleApplicantScreen);
    connect(m_nextButton, &QPushButton::clicked, this, &CounterBar::nextApplicant);
    connect(settingsButton, &QPushButton::clicked, this, &CounterBar::openSettings);
    connect(m_ticketEdit, &QLineEdit::returnPressed, this, [this] {
        QString error;
        if (const auto t = ticket(&error); !t)
            setStatus(error, true);
        else {
            m_ticketEdit->setText(t->number + (t->issuedAt.isValid() ? QStringLiteral("|") + t->issuedAt.toString(Qt::ISODate) : QString()));
            setStatus(QString(), false);
            m_ticketEdit->nextInFocusChain()->setFocus(Qt::TabFocusReason);
        }
        updateScreen();
    });

    connect(&m_reader, &devices::IdCardReader::cardRead, this, &CounterBar::takeCard);
    connect(&m_reader, &devices::IdCardReader::failed, this, [this](const QString& m) { setStatus(m, true); });
    connect(&m_drop, &devices::DropFolderWatcher::fileReady, this, &CounterBar::takeDroppedFile);
    connect(&m_drop, &devices::DropFolderWatcher::rejected, this, [this](const QString& path, const QString& why) {
        setStatus(tr("The camera's file %1 was not taken: %2.").arg(QFileInfo(path).fileName(), why), true);
    });
    connect(&m_caller, &devices::HallCaller::done, this, [this](bool ok, const QString& message) {
        if (!ok)
            setStatus(tr("The next ticket was not called: %1").arg(message), true);
        else
            setStatus(tr("The next ticket was called."), false);
    });
    connect(&m_workbench, &IntakeWorkbench::applicantViewChanged, this, &CounterBar::updateScreen);
    connect(&m_workbench, &IntakeWorkbench::caseRecorded, this, &CounterBar::caseRecorded);
    connect(m_screen, &ApplicantScreen::rated, this, [this](const QString& caseId, core::counter::Rating rating) {
        QString error;
        const bool ok = m_counter.rate(caseId, rating, &error);
        m_screen->ratingDone(ok, error);
        setStatus(ok ? tr("The applicant rated the service: %1.").arg(core::counter::ratingText(rating)) : error, !ok);
    });
    if (auto* view = m_workbench.findChild<QAbstractItemView*>(QStringLiteral("checklistView")))
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
            const QStringList waiting = std::exchange(m_waitingDrops, {});
            for (const QString& path : waiting)
                if (QFile::exists(path) && !m_workbench.currentMaterialName().isEmpty())
                    takeDroppedFile(path);
        });
    qApp->installEventFilter(this);
    applySettings(services::DeviceSettings::load());
}

CounterBar::~CounterBar()
{
    qApp->removeEventFilter(this);
}

void CounterBar::applySettings(const services::DeviceSettings& settings)
{
    m_settings = settings;
    QStringList problems;
    m_reader.close();
    if (!settings.idCardPort.isEmpty()) {
        QString error;
        if (m_reader.open(settings.idCardPort, settings.idCardBaud, &error))
            m_reader.setPolling(true);
        else
            problems << error;
    }
    m_drop.stop();
    if (!settings.dropFolder.isEmpty()) {
        QString error;
        if (!m_drop.watch(settings.dropFolder, &error))
            problems << error;
    }
    m_caller.setTarget(settings.callerTarget);
    m_caller.setTimeoutMs(settings.callerTimeoutMs);
    if (settings.applicantScreen && !m_screen->isVisible())
        toggleApplicantScreen();
    setStatus(problems.join(QLatin1Char(' ')), !problems.isEmpty());
}

std::optional<core::counter::Ticket> CounterBar::ticket(QString* error) const
{
    return core::counter::TicketRules::parse(m_ticketEdit->text(), error);
}

QString CounterBar::statusText() const
{
    return m_statusLabel->text();
}

void CounterBar::setStatus(const QString& text, bool error)
{
    m_statusLabel->setText(text);
    m_statusLabel->setStyleSheet(error ? QStringLiteral("color: #a4262c;") : QString());
}

void CounterBar::nextApplicant()
{
    m_workbench.startNewIntake();
    m_ticketEdit->clear();
    m_screen->blank();
    m_calledAt = m_session.clock().now();
    if (!m_caller.isConfigured()) {
        setStatus(QString(), false);
        return;
    }
    QString error;
    if (m_caller.callNext(m_settings.windowName.isEmpty() ? m_session.workstation() : m_settings.windowName, m_lastTicket, &error))
        setStatus(tr("Calling the next ticket…"), false);
    else
        setStatus(error, true);
}

void CounterBar::workstationLocked()
{
    m_screen->blank();
}

void CounterBar::takeCard(const devices::IdCardData& card)
{
    const QString problem = card.problem(m_session.clock().today());
    if (!problem.isEmpty()) {
        setStatus(problem, true);
        return; // nothing filled
    }
    core::Applicant read;
    read.idNumber = card.idNumber;
    read.name = card.name;
    read.address = card.address;
    read.sex = core::ApplicantRules::normalizeSex(card.sexCode);
    read.ethnicity = card.ethnicity();
    read.birthDate = card.birthDate;
    read.idAuthority = card.authority;
    read.idValidFrom = card.validFrom;
    read.idValidTo = card.validTo;
    read.idLongTerm = card.longTerm;
    read.fromCard = true;
    QString error;
    if (!m_workbench.fillFromIdCard(read, &error)) {
        setStatus(error, true);
        return;
    }
    if (const QString expired = core::ApplicantRules::expiryWarning(read, m_session.clock().today()); !expired.isEmpty()) {
        setStatus(expired, true);
        return;
    }
    setStatus(tr("ID card of %1 read: the details are in the form.").arg(card.name), false);
}

void CounterBar::openCamera()
{
    const QString material = m_workbench.currentMaterialName();
    if (material.isEmpty()) {
        setStatus(tr("Select the material the pages belong to first (F4)."), true);
        return;
    }
    DocumentCameraDialog dialog(material, m_settings.dropFolder, this);
    connect(&dialog, &DocumentCameraDialog::pageCaptured, this, [this](const QByteArray& jpeg, int page) {
        const QString name = QStringLiteral("camera-%1-%2.jpg")
                                 .arg(m_session.clock().now().toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss")))
                                 .arg(page);
        m_workbench.addScan(name, QStringLiteral("image/jpeg"), jpeg);
    });
    if (!dialog.hasCamera())
        setStatus(dialog.statusText(), true);
    dialog.exec();
}

void CounterBar::toggleApplicantScreen()
{
    if (m_screen->isVisible()) {
        m_screen->hide();
        m_screenButton->setChecked(false);
        return;
    }
    // On the second monitor when there is one, full screen there; otherwise a window.
    const QList<QScreen*> screens = QGuiApplication::screens();
    QScreen* mine = window()->screen();
    QScreen* other = nullptr;
    for (QScreen* s : screens)
        if (s != mine)
            other = s;
    if (other) {
        m_screen->setGeometry(other->geometry());
        m_screen->showFullScreen();
    } else {
        m_screen->show();
    }
    m_screenButton->setChecked(true);
    updateScreen();
}

void CounterBar::takeDroppedFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        setStatus(tr("Unable to read the camera's file %1: %2").arg(QFileInfo(path).fileName(), f.errorString()), true);
        return;
    }
    const QByteArray data = f.readAll();
    f.close();
    const QString mime = QMimeDatabase().mimeTypeForFileNameAndData(path, data).name();
    if (!m_workbench.addScan(QFileInfo(path).fileName(), mime, data)) {
        // The workbench said why; the file stays and is taken when a material is selected.
        if (!m_waitingDrops.contains(path) && m_waitingDrops.size() < devices::DropFolderWatcher::kMaxTracked)
            m_waitingDrops << path;
        return;
    }
    m_waitingDrops.removeAll(path);
    // Taken into the encrypted database: no copy of the applicant's papers stays in the clear.
    if (!QFile::remove(path))
        setStatus(tr("The camera's file %1 was attached but could not be removed from %2.")
                      .arg(QFileInfo(path).fileName(), m_drop.folder()),
                  true);
}

void CounterBar::updateScreen()
{
    ApplicantView v = m_workbench.applicantView();
    QString ignored;
    if (const auto t = ticket(&ignored); t && !t->isEmpty())
        v.ticket = t->number;
    if (!v.subjectName.isEmpty())
        m_lastSubjectName = v.subjectName;
    m_screen->showView(v);
}

void CounterBar::caseRecorded(const QString& caseId, const QString& caseNo)
{
    QString ignored;
    if (const auto t = ticket(&ignored); t && !t->isEmpty())
        m_lastTicket = t->number;
    m_ticketEdit->clear();
    m_calledAt = QDateTime();
    m_screen->askRating(caseId, caseNo, m_lastSubjectName);
}

bool CounterBar::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress || !m_workbench.isVisible())
        return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    // The applicant's keypad: 1–5 on the number block rate the service while the rating is asked.
    if (m_screen->mode() == ApplicantScreen::Mode::Rating && (key->modifiers() & Qt::KeypadModifier)
        && key->key() >= Qt::Key_1 && key->key() <= Qt::Key_5) {
        m_screen->chooseKey(key->key() - Qt::Key_0);
        return true;
    }
    // A reader in keyboard-emulation mode: a burst of 0-9/X ending in Enter, into whichever field.
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
        const QString id = m_burst.enter(qint64(key->timestamp()));
        // Into a field that takes an ID number (the applicant's or the agent's) it is typed input.
        const QString target = m_burstTarget ? m_burstTarget->objectName() : QString();
        if (id.size() == 18 && target != QLatin1String("idNumberEdit") && target != QLatin1String("agentIdEdit")) {
            if (m_burstTarget)
                m_burstTarget->setText(m_burstTargetText); // what the burst typed elsewhere is undone
            m_burstTarget = nullptr;
            QString error;
            if (m_workbench.fillFromIdCard(id, QString(), QString(), &error))
                setStatus(tr("ID number read by the card reader (keyboard mode)."), false);
            else
                setStatus(error, true);
            return true;
        }
        return QWidget::eventFilter(watched, event);
    }
    const QString text = key->text();
    if (text.size() == 1 && watched == QApplication::focusWidget()) {
        const bool was = m_burst.inBurst();
        const bool continues = m_burst.key(qint64(key->timestamp()), text.at(0));
        if (continues && !was && !m_burst.inBurst()) {
            // Possibly the first key of a burst: remember the field as it was before it.
            m_burstTarget = qobject_cast<QLineEdit*>(QApplication::focusWidget());
            m_burstTargetText = m_burstTarget ? m_burstTarget->text() : QString();
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CounterBar::openSettings()
{
    if (const auto saved = editDeviceSettings(m_session, m_settings, this))
        applySettings(*saved);
}

std::optional<services::DeviceSettings> CounterBar::editDeviceSettings(services::Session& session,
                                                                       const services::DeviceSettings& current,
                                                                       QWidget* parent)
{
    services::DeviceSettingsService service(session);
    const bool editable = service.mayChange();
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("deviceSettingsDialog"));
    dialog.setWindowTitle(tr("Counter devices"));
    auto* form = new QFormLayout(&dialog);
    auto* port = new QLineEdit(current.idCardPort, &dialog);
    port->setObjectName(QStringLiteral("readerPortEdit"));
    port->setMaxLength(services::DeviceSettings::kMaxPortLength);
    port->setPlaceholderText(QStringLiteral("/dev/ttyUSB0"));
    auto* baud = new QSpinBox(&dialog);
    baud->setObjectName(QStringLiteral("readerBaudSpin"));
    baud->setRange(1200, 921600);
    baud->setValue(current.idCardBaud);
    auto* folder = new QLineEdit(current.dropFolder, &dialog);
    folder->setObjectName(QStringLiteral("dropFolderEdit"));
    folder->setMaxLength(services::DeviceSettings::kMaxFolderLength);
    auto* caller = new QLineEdit(current.callerTarget, &dialog);
    caller->setObjectName(QStringLiteral("callerEdit"));
    caller->setMaxLength(services::DeviceSettings::kMaxCallerLength);
    caller->setPlaceholderText(QStringLiteral("http://caller/next?window={window}&last={ticket}"));
    auto* timeout = new QSpinBox(&dialog);
    timeout->setObjectName(QStringLiteral("callerTimeoutSpin"));
    timeout->setRange(200, 30000);
    timeout->setSuffix(QStringLiteral(" ms"));
    timeout->setValue(current.callerTimeoutMs);
    auto* windowName = new QLineEdit(current.windowName, &dialog);
    windowName->setObjectName(QStringLiteral("windowNameEdit"));
    windowName->setMaxLength(services::DeviceSettings::kMaxWindowNameLength);
    auto* screen = new QCheckBox(tr("Open at start"), &dialog);
    screen->setObjectName(QStringLiteral("screenAtStartCheck"));
    screen->setChecked(current.applicantScreen);
    if (!editable) {
        auto* why = new QLabel(services::DeviceSettingsService::refusalText(), &dialog);
        why->setObjectName(QStringLiteral("deviceSettingsRefusal"));
        why->setWordWrap(true);
        form->addRow(why);
        for (QLineEdit* e : {port, folder, caller, windowName})
            e->setReadOnly(true);
        for (QSpinBox* b : {baud, timeout})
            b->setReadOnly(true);
        screen->setEnabled(false);
    }
    form->addRow(tr("ID card reader port:"), port);
    form->addRow(tr("Reader speed (baud):"), baud);
    form->addRow(tr("Camera program's folder:"), folder);
    form->addRow(tr("Calling system (URL or command):"), caller);
    form->addRow(tr("Calling time limit:"), timeout);
    form->addRow(tr("This window's name:"), windowName);
    form->addRow(tr("Applicant's screen:"), screen);
    auto* error = new QLabel(&dialog);
    error->setObjectName(QStringLiteral("deviceSettingsError"));
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #a4262c;"));
    form->addRow(error);
    auto* buttons = new QDialogButtonBox(editable ? QDialogButtonBox::Save | QDialogButtonBox::Cancel
                                                  : QDialogButtonBox::Close,
                                         &dialog);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    services::DeviceSettings s;
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        s.idCardPort = port->text().trimmed();
        s.idCardBaud = baud->value();
        s.dropFolder = folder->text().trimmed();
        s.callerTarget = caller->text().trimmed();
        s.callerTimeoutMs = timeout->value();
        s.windowName = windowName->text().trimmed();
        s.applicantScreen = screen->isChecked();
        QString why;
        if (!service.save(s, &why)) {
            error->setText(why);
            return; // the dialog stays open, nothing stored
        }
        dialog.accept();
    });
    if (editable)
        port->setFocus(Qt::OtherFocusReason);
    else
        buttons->button(QDialogButtonBox::Close)->setFocus(Qt::OtherFocusReason);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return s;
}

} // namespace oneseal::ui
