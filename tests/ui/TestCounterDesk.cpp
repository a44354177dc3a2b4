// The counter's devices at the intake window, driven as a clerk would: an ID card on a serial
// reader (a pseudo-terminal playing recorded reader answers), a reader in keyboard-emulation mode,
// the camera program's drop folder, the document camera when there is none, the applicant's screen
// with its rating, the queue ticket and "next applicant" (F12) calling the hall's calling system.
#include "RecordedReader.h"
#include "TestSupport.h"

#include "core/Counter.h"
#include "core/Identifiers.h"
#include "print/MemoryOutput.h"
#include "services/CaseReader.h"
#include "services/CounterService.h"
#include "services/IntakeService.h"
#include "ui/ApplicantScreen.h"
#include "ui/ChecklistModel.h"
#include "ui/CounterBar.h"
#include "ui/DocumentCameraDialog.h"
#include "ui/IntakeWorkbench.h"

#include <QApplication>
#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QTimer>
#include "services/DeviceSettings.h"
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal;

namespace {
QWidget* focused()
{
    return QApplication::focusWidget();
}

QString residentId(const QString& first17)
{
    return first17 + core::residentIdCheckChar(first17);
}

struct Desk
{
    test::TempHall hall;
    std::unique_ptr<services::Session> session;
    std::unique_ptr<ui::IntakeWorkbench> workbench;
    print::MemoryOutput output;
    QString matterCode;

    bool open()
    {
        if (!hall.isValid())
            return false;
        session = hall.login(QStringLiteral("clerk"));
        workbench = std::make_unique<ui::IntakeWorkbench>(*session);
        workbench->setDocumentOutput(&output);
        for (const core::Matter& m : workbench->service().catalog().matters)
            if (!m.instant) {
                matterCode = m.code;
                break;
            }
        workbench->resize(1300, 850);
        workbench->show();
        workbench->activateWindow();
        return QTest::qWaitForWindowExposed(workbench.get());
    }
    QString field(const char* name) const { return workbench->findChild<QLineEdit*>(QLatin1String(name))->text(); }
    QLineEdit* edit(const char* name) const { return workbench->findChild<QLineEdit*>(QLatin1String(name)); }
    ui::CounterBar* counter() const { return workbench->counterBar(); }
    QString status() const { return counter()->statusText(); }
    void selectMaterial(int row) const
    {
        auto* view = workbench->findChild<QTableView*>(QStringLiteral("checklistView"));
        view->setFocus();
        view->setCurrentIndex(workbench->checklist()->index(row, ui::ChecklistModel::StateColumn));
    }
    void receiveAll() const
    {
        for (int row = 0; row < workbench->checklist()->rowCount(); ++row)
            workbench->checklist()->setState(row, core::MaterialState::Received);
    }
};

QByteArray pngPage(const QString& marker)
{
    QImage image(400, 300, QImage::Format_RGB32);
    image.fill(Qt::white);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    // A text chunk that would show in the database file if the scan were stored in the clear.
    image.setText(QStringLiteral("Comment"), marker);
    bytes.clear();
    buffer.seek(0);
    image.save(&buffer, "PNG");
    return bytes;
}

void keyBurst(const QString& text, ulong start, ulong gap)
{
    ulong t = start;
    for (const QChar c : text) {
        QKeyEvent press(QEvent::KeyPress, c.isDigit() ? Qt::Key_0 + c.digitValue() : Qt::Key_X, Qt::NoModifier, QString(c));
        press.setTimestamp(t);
        QApplication::sendEvent(focused(), &press);
        QKeyEvent release(QEvent::KeyRelease, press.key(), Qt::NoModifier, QString(c));
        release.setTimestamp(t + 1);
        QApplication::sendEvent(focused(), &release);
        t += gap;
    }
    QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier, QStringLiteral("\r"));
    enter.setTimestamp(t);
    QApplication::sendEvent(focused(), &enter);
}
} // namespace

class TestCounterDesk : public QObject
{
    Q_OBJECT

private slots:
    void idCardFillsTheApplicant();
    void typedCardDetailsAreCheckedLikeTheCard();
    void expiredCardIsWarnedAbout();
    void readerFailuresFillNothing_data();
    void readerFailuresFillNothing();
    void keyboardReaderTypesIntoAnyField();
    void droppedPagesAreStoredEncryptedWithTheirHash();
    void noCameraIsSaidClearly();
    void applicantScreenShowsOnlyTheCurrentApplicantAndTakesTheRating();
    void ticketIsKeptAndNextApplicantCallsTheHall();
    void clerkSeesTheDevicesReadOnly();
};

void TestCounterDesk::idCardFillsTheApplicant()
{
    Desk desk;
    QVERIFY(desk.open());
    QVERIFY(desk.workbench->chooseSubject(desk.matterCode));
    test::RecordedReader device(QStringLiteral("valid_card.hex"));
    QString error;
    QVERIFY2(desk.counter()->reader().open(device.portName(), 115200, &error), qPrintable(error));
    QTest::keyClick(focused(), Qt::Key_F7);
    QTRY_COMPARE_WITH_TIMEOUT(desk.field("idNumberEdit"), QStringLiteral("110101199003071233"), 5000);
    QCOMPARE(desk.field("nameEdit"), QStringLiteral("王小明"));
    QCOMPARE(desk.field("addressEdit"), QStringLiteral("北京市东城区景山前街4号"));
    // Sex, ethnicity, birth, authority and validity are fields of their own, read-only: the card's.
    const QList<std::pair<const char*, QString>> card{{"sexEdit", QStringLiteral("男")},
                                                      {"ethnicityEdit", QStringLiteral("汉")},
                                                      {"birthDateEdit", QStringLiteral("1990-03-07")},
                                                      {"idAuthorityEdit", QStringLiteral("北京市公安局东城分局")},
                                                      {"idValidFromEdit", QStringLiteral("2015-06-01")},
                                                      {"idValidToEdit", QStringLiteral("2035-06-01")}};
    for (const auto& [name, value] : card) {
        QCOMPARE(desk.field(name), value);
        QVERIFY2(desk.edit(name)->isReadOnly(), name);
    }
    // The card gave all but the phone: the cursor waits there.
    QCOMPARE(focused()->objectName(), QStringLiteral("phoneEdit"));

    // Accepted: the card's details are stored with the applicant and in the intake event.
    QTest::keyClicks(focused(), QStringLiteral("13800138000"));
    desk.receiveAll();
    desk.selectMaterial(0);
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY(desk.workbench->messageText().contains(QStringLiteral("recorded")));
    const auto stored = desk.workbench->service().applicantByIdNumber(QStringLiteral("110101199003071233"));
    QVERIFY(stored);
    QCOMPARE(stored->sex, QStringLiteral("男"));
    QCOMPARE(stored->ethnicity, QStringLiteral("汉"));
    QCOMPARE(stored->birthDate, QDate(1990, 3, 7));
    QCOMPARE(stored->idAuthority, QStringLiteral("北京市公安局东城分局"));
    QCOMPARE(stored->idValidFrom, QDate(2015, 6, 1));
    QCOMPARE(stored->idValidTo, QDate(2035, 6, 1));
    QVERIFY(stored->fromCard);
    core::Event intake;
    for (const core::Event& e : desk.session->events().allEvents())
        if (e.kind.startsWith(QLatin1String("intake.")))
            intake = e;
    const QCborMap applicant = intake.payload().value(QStringLiteral("applicant")).toMap();
    QCOMPARE(applicant.value(QStringLiteral("birth_date")).toString(), QStringLiteral("1990-03-07"));
    QCOMPARE(applicant.value(QStringLiteral("id_authority")).toString(), QStringLiteral("北京市公安局东城分局"));

    // F12, the next applicant: nothing of the card stays, and the fields take typing again.
    QTest::keyClick(focused(), Qt::Key_F12);
    for (const auto& [name, value] : card) {
        QCOMPARE(desk.field(name), QString());
        QVERIFY(!desk.edit(name)->isReadOnly());
    }
}

void TestCounterDesk::typedCardDetailsAreCheckedLikeTheCard()
{
    Desk desk;
    QVERIFY(desk.open());
    QVERIFY(desk.workbench->chooseSubject(desk.matterCode));
    desk.edit("idNumberEdit")->setFocus();
    QTest::keyClicks(focused(), residentId(QStringLiteral("14080219850312123")));
    QTest::keyClick(focused(), Qt::Key_Return);
    desk.edit("nameEdit")->setText(QStringLiteral("赵六")); // (QTest types Latin-1 only)
    QTest::keyClicks(desk.edit("phoneEdit"), QStringLiteral("13800138000"));
    // Typed, not read: editable. A birth date other than the number's is refused at its field.
    QVERIFY(!desk.edit("birthDateEdit")->isReadOnly());
    QTest::keyClicks(desk.edit("sexEdit"), QStringLiteral("1"));
    QTest::keyClicks(desk.edit("birthDateEdit"), QStringLiteral("1985-03-13"));
    desk.receiveAll();
    desk.selectMaterial(0);
    const qint64 before = desk.session->events().count();
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY2(desk.workbench->messageText().contains(QStringLiteral("does not match")), qPrintable(desk.workbench->messageText()));
    QCOMPARE(focused()->objectName(), QStringLiteral("birthDateEdit"));
    QCOMPARE(desk.session->events().count(), before);
    // The right date, and a card that expired: a warning, and the clerk may still accept.
    desk.edit("birthDateEdit")->clear();
    QTest::keyClicks(desk.edit("birthDateEdit"), QStringLiteral("19850312"));
    desk.edit("idValidToEdit")->setFocus();
    QTest::keyClicks(focused(), QStringLiteral("2020-01-01"));
    QTest::keyClick(focused(), Qt::Key_Tab);
    QVERIFY2(desk.workbench->messageText().contains(QStringLiteral("expired on 2020-01-01")),
             qPrintable(desk.workbench->messageText()));
    QCOMPARE(desk.workbench->messageKind(), ui::IntakeWorkbench::MessageKind::Warning);
    desk.selectMaterial(0);
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY2(desk.workbench->messageText().contains(QStringLiteral("recorded")), qPrintable(desk.workbench->messageText()));
    const auto stored = desk.workbench->service().applicantByIdNumber(residentId(QStringLiteral("14080219850312123")));
    QVERIFY(stored);
    QCOMPARE(stored->sex, QStringLiteral("男"));
    QCOMPARE(stored->birthDate, QDate(1985, 3, 12));
    QCOMPARE(stored->idValidTo, QDate(2020, 1, 1));
    QVERIFY(!stored->fromCard);
}

void TestCounterDesk::expiredCardIsWarnedAbout()
{
    Desk desk;
    QVERIFY(desk.open());
    test::RecordedReader device(QStringLiteral("expired_card.hex"));
    QString error;
    QVERIFY(desk.counter()->reader().open(device.portName(), 115200, &error));
    desk.counter()->reader().readOnce();
    QTRY_VERIFY_WITH_TIMEOUT(desk.status().contains(QStringLiteral("expired")), 5000);
    QVERIFY(desk.status().contains(QStringLiteral("2020-12-01")));
    QCOMPARE(desk.field("nameEdit"), QStringLiteral("李秀英")); // filled, and the clerk decides
    QCOMPARE(desk.field("idValidToEdit"), QStringLiteral("2020-12-01"));
    QVERIFY(desk.edit("idValidToEdit")->isReadOnly());
}

void TestCounterDesk::readerFailuresFillNothing_data()
{
    QTest::addColumn<QString>("session");
    QTest::addColumn<QString>("message");
    QTest::newRow("checksum error") << "checksum_error.hex" << "checksum";
    QTest::newRow("no card") << "no_card.hex" << "No card";
    QTest::newRow("cable pulled") << "cable_pulled.hex" << "cable";
}

void TestCounterDesk::readerFailuresFillNothing()
{
    QFETCH(QString, session);
    QFETCH(QString, message);
    Desk desk;
    QVERIFY(desk.open());
    test::RecordedReader device(session);
    QString error;
    QVERIFY(desk.counter()->reader().open(device.portName(), 115200, &error));
    desk.counter()->reader().setStepTimeoutMs(800);
    desk.counter()->reader().readOnce();
    QTRY_VERIFY_WITH_TIMEOUT(desk.status().contains(message), 5000);
    for (const char* f : {"idNumberEdit", "nameEdit", "addressEdit", "sexEdit", "ethnicityEdit", "birthDateEdit",
                          "idAuthorityEdit", "idValidFromEdit", "idValidToEdit"}) {
        QCOMPARE(desk.field(f), QString());
        QVERIFY(!desk.edit(f)->isReadOnly());
    }
}

void TestCounterDesk::keyboardReaderTypesIntoAnyField()
{
    Desk desk;
    QVERIFY(desk.open());
    // The cursor is in the matter search; the reader "types" the number there, 6 ms a key.
    QTest::keyClick(focused(), Qt::Key_F2);
    QTest::keyClicks(focused(), QStringLiteral("ab"));
    const QString id = residentId(QStringLiteral("14080219850312123"));
    keyBurst(id, 100000, 6);
    QCOMPARE(desk.field("idNumberEdit"), id);
    QCOMPARE(desk.field("subjectEdit"), QStringLiteral("ab")); // what the burst typed there is undone
    QVERIFY(desk.status().contains(QStringLiteral("keyboard mode")));
    // A person typing the same digits into the search is not a reader.
    desk.edit("idNumberEdit")->clear();
    QTest::keyClick(focused(), Qt::Key_F2);
    keyBurst(QStringLiteral("140802"), 200000, 250);
    QCOMPARE(desk.field("idNumberEdit"), QString());
}

void TestCounterDesk::droppedPagesAreStoredEncryptedWithTheirHash()
{
    Desk desk;
    QVERIFY(desk.open());
    QTemporaryDir drop;
    desk.counter()->dropFolder().setSettleMs(150);
    QString error;
    QVERIFY(desk.counter()->dropFolder().watch(drop.path(), &error));
    QVERIFY(desk.workbench->chooseSubject(desk.matterCode));
    const QString marker = QStringLiteral("ONESEAL-PLAINTEXT-MARKER-7731");
    QHash<QString, QByteArray> pages;
    for (int i = 1; i <= 2; ++i) { // two pages of one material, as the camera program saves them
        const QString name = QStringLiteral("HPY_%1.png").arg(i);
        const QByteArray page = pngPage(marker + QString::number(i));
        QVERIFY(page.contains(marker.toLatin1()));
        pages.insert(name, page);
        QFile f(drop.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(page.left(page.size() / 2));
        f.flush();
        QTest::qWait(60);
        f.write(page.mid(page.size() / 2));
        f.close();
    }
    // No material selected yet: the pages wait in the folder, the window says why.
    QTRY_VERIFY_WITH_TIMEOUT(desk.workbench->messageText().contains(QStringLiteral("Select the material")), 5000);
    QTest::qWait(300);
    QCOMPARE(QDir(drop.path()).entryList(QDir::Files).size(), 2);
    desk.selectMaterial(0); // selecting the material takes them
    QTRY_COMPARE_WITH_TIMEOUT(QDir(drop.path()).entryList(QDir::Files).size(), 0, 5000); // taken and removed
    QTRY_VERIFY(desk.workbench->messageText().contains(QStringLiteral("HPY_2.png")));

    desk.edit("idNumberEdit")->setText(residentId(QStringLiteral("14080219850312124")));
    desk.edit("nameEdit")->setText(QStringLiteral("钱七"));
    desk.edit("phoneEdit")->setText(QStringLiteral("13900139000"));
    desk.receiveAll();
    QSignalSpy recorded(desk.workbench.get(), &ui::IntakeWorkbench::caseRecorded);
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(recorded.size(), 1);
    const QString caseId = recorded.at(0).at(0).toString();

    QSqlQuery q(desk.session->database().sql());
    q.prepare(QStringLiteral("SELECT sha256, file_name FROM case_attachments WHERE case_id = ? ORDER BY file_name"));
    q.addBindValue(caseId);
    QVERIFY(q.exec());
    QStringList names;
    while (q.next()) {
        const QString name = q.value(1).toString();
        names << name;
        const QByteArray page = pages.value(name);
        QCOMPARE(q.value(0).toString().toLatin1(), QCryptographicHash::hash(page, QCryptographicHash::Sha256).toHex());
        const auto stored = services::CaseReader(*desk.session).attachmentData(q.value(0).toString());
        QVERIFY(stored);
        QCOMPARE(*stored, page);
    }
    QCOMPARE(names, (QStringList{QStringLiteral("HPY_1.png"), QStringLiteral("HPY_2.png")}));
    // The database file holds the page only encrypted.
    q.finish();
    desk.workbench.reset();
    desk.session.reset();
    QFile db(desk.hall.path());
    QVERIFY(db.open(QIODevice::ReadOnly));
    QVERIFY(!db.readAll().contains(marker.toLatin1()));
    QFile wal(desk.hall.path() + QStringLiteral("-wal"));
    if (wal.open(QIODevice::ReadOnly))
        QVERIFY(!wal.readAll().contains(marker.toLatin1()));
}

void TestCounterDesk::noCameraIsSaidClearly()
{
    ui::DocumentCameraDialog dialog(QStringLiteral("营业执照"), QStringLiteral("/srv/camera"));
    QVERIFY(!dialog.hasCamera()); // this machine has none
    QVERIFY2(dialog.statusText().contains(QStringLiteral("No camera found")), qPrintable(dialog.statusText()));
    QVERIFY(dialog.statusText().contains(QStringLiteral("/srv/camera")));
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("captureButton"))->isEnabled());
    // A captured frame becomes a JPEG page, bounded in size.
    QImage frame(4000, 3000, QImage::Format_RGB32);
    frame.fill(Qt::gray);
    const QByteArray jpeg = ui::DocumentCameraDialog::encodePage(frame);
    QVERIFY(jpeg.startsWith("\xFF\xD8"));
    QImage back;
    QVERIFY(back.loadFromData(jpeg));
    QCOMPARE(back.width(), 3000);
}

void TestCounterDesk::applicantScreenShowsOnlyTheCurrentApplicantAndTakesTheRating()
{
    Desk desk;
    QVERIFY(desk.open());
    ui::ApplicantScreen* screen = desk.counter()->applicantScreen();
    QTest::keyClick(focused(), Qt::Key_F9);
    QVERIFY(screen->isVisible());
    desk.workbench->activateWindow();
    QCOMPARE(screen->mode(), ui::ApplicantScreen::Mode::Blank);

    QVERIFY(desk.workbench->chooseSubject(desk.matterCode));
    const QString id = residentId(QStringLiteral("14080219850312125"));
    desk.edit("idNumberEdit")->setText(id);
    desk.edit("nameEdit")->setText(QStringLiteral("孙悟空"));
    desk.edit("phoneEdit")->setText(QStringLiteral("13700137000"));
    desk.edit("addressEdit")->setText(QStringLiteral("花果山水帘洞"));
    desk.workbench->checklist()->setState(0, core::MaterialState::Received);
    QCOMPARE(screen->mode(), ui::ApplicantScreen::Mode::Live);
    QString shown = screen->visibleText();
    QVERIFY2(shown.contains(QStringLiteral("孙**")), qPrintable(shown));
    QVERIFY(shown.contains(core::maskedIdNumber(id)));
    QVERIFY(shown.contains(desk.workbench->service().subject(desk.matterCode)->name));
    QVERIFY(shown.contains(QStringLiteral("1 of")));
    for (const QString& secret : {QStringLiteral("孙悟空"), id, QStringLiteral("13700137000"), QStringLiteral("花果山")})
        QVERIFY2(!shown.contains(secret), qPrintable(secret));

    // The outcome: the screen asks for a rating; the applicant presses 1 on the keypad (非常满意).
    desk.receiveAll();
    QSignalSpy recorded(desk.workbench.get(), &ui::IntakeWorkbench::caseRecorded);
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(recorded.size(), 1);
    const QString caseId = recorded.at(0).at(0).toString();
    QCOMPARE(screen->mode(), ui::ApplicantScreen::Mode::Rating);
    QVERIFY(screen->visibleText().contains(QStringLiteral("非常不满意")));
    QVERIFY(!screen->visibleText().contains(QStringLiteral("孙")));
    QTest::keyClick(focused(), Qt::Key_1, Qt::KeypadModifier);
    QCOMPARE(screen->mode(), ui::ApplicantScreen::Mode::Thanks);
    QCOMPARE(*services::CounterService(*desk.session).ratingOf(caseId), core::counter::Rating::VerySatisfied);
    const auto events = desk.session->events().caseEvents(caseId);
    QVERIFY(std::any_of(events.begin(), events.end(), [](const core::Event& e) { return e.kind == core::counter::ratedKind; }));
    // A second touch rates nothing more.
    QVERIFY(!screen->chooseKey(2));

    // The next applicant is being entered; locking the workstation blanks the screen.
    QVERIFY(desk.workbench->chooseSubject(desk.matterCode));
    desk.edit("nameEdit")->setText(QStringLiteral("猪八戒"));
    QCOMPARE(screen->mode(), ui::ApplicantScreen::Mode::Live);
    QVERIFY(!screen->visibleText().contains(QStringLiteral("孙")));
    desk.counter()->workstationLocked();
    QCOMPARE(screen->mode(), ui::ApplicantScreen::Mode::Blank);
    QVERIFY(!screen->visibleText().contains(QStringLiteral("猪")));
    // F12: the next applicant; nothing of the last one on either screen.
    desk.edit("nameEdit")->setText(QStringLiteral("猪八戒"));
    QTest::keyClick(focused(), Qt::Key_F12);
    QCOMPARE(screen->mode(), ui::ApplicantScreen::Mode::Blank);
    QCOMPARE(desk.field("nameEdit"), QString());
}

void TestCounterDesk::ticketIsKeptAndNextApplicantCallsTheHall()
{
    Desk desk;
    QVERIFY(desk.open());
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("call.sh"));
    const QString out = dir.filePath(QStringLiteral("calls"));
    {
        QFile s(script);
        QVERIFY(s.open(QIODevice::WriteOnly));
        s.write("#!/bin/sh\necho \"$1 $2\" >> \"$3\"\n");
        s.close();
        s.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    desk.counter()->caller().setTarget(QStringLiteral("\"%1\" {window} {ticket} \"%2\"").arg(script, out));

    QTest::keyClick(focused(), Qt::Key_F12); // the first applicant is called
    QTRY_VERIFY_WITH_TIMEOUT(desk.status().contains(QStringLiteral("was called")), 5000);
    QTest::keyClick(focused(), Qt::Key_F6);
    QCOMPARE(focused()->objectName(), QStringLiteral("ticketEdit"));
    QTest::keyClicks(focused(), QStringLiteral("a012"));
    QTest::keyClick(focused(), Qt::Key_Return);
    QVERIFY(desk.workbench->chooseSubject(desk.matterCode));
    desk.edit("idNumberEdit")->setText(residentId(QStringLiteral("14080219850312126")));
    desk.edit("nameEdit")->setText(QStringLiteral("沙和尚"));
    desk.edit("phoneEdit")->setText(QStringLiteral("13600136000"));
    desk.receiveAll();
    QSignalSpy recorded(desk.workbench.get(), &ui::IntakeWorkbench::caseRecorded);
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(recorded.size(), 1);
    const auto events = desk.session->events().caseEvents(recorded.at(0).at(0).toString());
    const auto ticket = std::find_if(events.begin(), events.end(), [](const core::Event& e) { return e.kind == core::counter::ticketKind; });
    QVERIFY(ticket != events.end());
    QCOMPARE(ticket->payload().value(core::counter::ticketKey).toString(), QStringLiteral("A012"));
    QVERIFY(ticket->payload().value(core::counter::calledAtKey).isString());
    QCOMPARE(desk.field("ticketEdit"), QString()); // used

    // F12 again: the hall is told this window is free, with the ticket just served.
    QTest::keyClick(focused(), Qt::Key_F12);
    QTRY_VERIFY_WITH_TIMEOUT(QFile(out).size() > 0 && desk.status().contains(QStringLiteral("was called")), 5000);
    QFile calls(out);
    QVERIFY(calls.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = calls.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(1).endsWith(" A012"), lines.at(1).constData());

    // A calling system that fails says so; the window goes on.
    desk.counter()->caller().setTarget(QStringLiteral("/nonexistent/caller"));
    QTest::keyClick(focused(), Qt::Key_F12);
    QTRY_VERIFY_WITH_TIMEOUT(desk.status().contains(QStringLiteral("not called")), 5000);

    // A malformed ticket stops the intake with a message and records nothing.
    QTest::keyClick(focused(), Qt::Key_F6);
    QTest::keyClicks(focused(), QStringLiteral("A-1"));
    QVERIFY(desk.workbench->chooseSubject(desk.matterCode));
    desk.edit("idNumberEdit")->setText(residentId(QStringLiteral("14080219850312127")));
    desk.edit("nameEdit")->setText(QStringLiteral("唐三藏"));
    desk.edit("phoneEdit")->setText(QStringLiteral("13500135000"));
    desk.receiveAll();
    const qint64 before = desk.session->events().count();
    QTest::keyClick(focused(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY(desk.workbench->messageText().contains(QStringLiteral("queue ticket")));
    QCOMPARE(desk.session->events().count(), before);
}

QTEST_MAIN(TestCounterDesk)
#include "TestCounterDesk.moc"

void TestCounterDesk::clerkSeesTheDevicesReadOnly()
{
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    Desk desk;
    QVERIFY(desk.open());
    // The clerk opens Devices…: every field read-only, the reason shown, only Close.
    bool seen = false;
    QTimer::singleShot(100, [&] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        seen = true;
        for (const char* name : {"readerPortEdit", "dropFolderEdit", "callerEdit", "windowNameEdit"}) {
            auto* e = dialog->findChild<QLineEdit*>(QLatin1String(name));
            QVERIFY(e && e->isReadOnly());
        }
        for (const char* name : {"readerBaudSpin", "callerTimeoutSpin"})
            QVERIFY(dialog->findChild<QSpinBox*>(QLatin1String(name))->isReadOnly());
        QVERIFY(!dialog->findChild<QCheckBox*>(QStringLiteral("screenAtStartCheck"))->isEnabled());
        auto* why = dialog->findChild<QLabel*>(QStringLiteral("deviceSettingsRefusal"));
        QVERIFY(why && why->text().contains(QStringLiteral("administrator")));
        auto* buttons = dialog->findChild<QDialogButtonBox*>();
        QVERIFY(!buttons->button(QDialogButtonBox::Save));
        // Typing into the command changes nothing; Esc closes.
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("callerEdit")), QStringLiteral("/bin/evil"));
        QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("callerEdit"))->text(), QString());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    });
    desk.counter()->openSettings();
    QVERIFY(seen);
    QVERIFY(services::DeviceSettings::load().callerTarget.isEmpty());
    // And the service refuses the clerk whatever the window does.
    services::DeviceSettings wanted;
    wanted.callerTarget = QStringLiteral("/bin/evil");
    QString error;
    QVERIFY(!services::DeviceSettingsService(*desk.session).save(wanted, &error));
    QVERIFY(services::DeviceSettings::load().callerTarget.isEmpty());
}
