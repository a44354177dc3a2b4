// Issue 14 item 8: certificate stock and the shift handover, by keyboard in the certificate window.
// A range of numbered sheets is received, certificates are printed and reprinted (a sheet each), a
// ruined sheet is recorded; the stock line shows what is left and the next sheet; an overlapping
// range is refused. The handover is refused on a wrong password (nothing printed or recorded), then
// printed and confirmed by both users with a counted pile that does not match (the mismatch is on
// the report) and recorded as shift.handover with the report's hash.
#include "PdfText.h"
#include "TestSupport.h"

#include "core/PaperStock.h"
#include "db/UserRepository.h"
#include "documents/DocumentIssuer.h"
#include "print/CertificateTemplate.h"
#include "print/MemoryOutput.h"
#include "services/AuthService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/SealKeyService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"
#include "services/ShiftService.h"
#include "ui/CertificateWindowWidget.h"
#include "ui/ShiftHandoverDialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTest>

#include <map>

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

/** Types \a text into the focused spin box, replacing what it holds. */
void typeNumber(qint64 n)
{
    QTest::keyClick(focused(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(focused(), QString::number(n));
}

} // namespace

class TestShiftHandover : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void stockIsAccountedForByKeyboard();
    void handoverWithASpoiledSheet();
    void handoverShapeIsCheckedOnEveryReplica();
    void stockIsEachOperatorsOwn();

private:
    services::Session& as(const QString& username);
    QString sealedCase(const QString& name, const QString& idFirst17);
    QString paperText(ui::CertificateWindowWidget& window) const
    {
        return window.findChild<QLabel*>(QStringLiteral("paperLabel"))->text();
    }

    std::unique_ptr<test::TempHall> m_hall;
    core::FixedClock m_clock { QDateTime(QDate(2025, 6, 3), QTime(9, 0)) };
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
    QString m_matter;
};

services::Session& TestShiftHandover::as(const QString& username)
{
    auto& slot = m_sessions[username];
    if (!slot) {
        QString error;
        slot = services::AuthService(m_hall->path(), m_clock)
                   .login(username, services::HallService::demoPassword(), &error);
        if (!slot)
            qFatal("login of %s failed: %s", qPrintable(username), qPrintable(error));
    }
    return *slot;
}

QString TestShiftHandover::sealedCase(const QString& name, const QString& idFirst17)
{
    QString error;
    const QString matter = m_matter;
    const auto state = test::acceptCase(
        as(QStringLiteral("clerk")), [&](const core::Matter& m) { return m.code == matter; }, idFirst17, name,
        QStringLiteral("13903591234"), &error);
    if (!state)
        qFatal("intake: %s", qPrintable(error));
    print::MemoryOutput output;
    if (!services::ReviewService(as(QStringLiteral("reviewer"))).pass(state->caseId, QString(), &error)
        || !services::DecisionService(as(QStringLiteral("approver"))).approve(state->caseId, QString(), &error)
        || !documents::DocumentIssuer(as(QStringLiteral("approver")), output)
                .sealDecision(state->caseId, services::HallService::demoPassword())
                .recorded())
        qFatal("back office: %s", qPrintable(error));
    return state->caseId;
}

void TestShiftHandover::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>(m_clock);
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    const services::IntakeService intake(as(QStringLiteral("clerk")));
    for (const core::Matter& m : intake.catalog().matters) {
        if (!m.siteInspection && !m.instant
            && print::CertificateTemplate::forResult(
                print::CertificateTemplate::builtIn(), m.resultType, m.resultName)) {
            m_matter = m.code;
            break;
        }
    }
    QVERIFY(!m_matter.isEmpty());
}

void TestShiftHandover::stockIsAccountedForByKeyboard()
{
    services::Session& certifier = as(QStringLiteral("certifier"));
    print::MemoryOutput output;
    ui::CertificateWindowWidget window(certifier);
    window.setDocumentOutput(&output);
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY2(paperText(window).startsWith(QLatin1String("Received 0 ")), qPrintable(paperText(window)));

    // Alt+B to "Sheet numbers from", 1001, Tab, 1010, Tab to "Log received stock", Space.
    QTest::keyClick(&window, Qt::Key_B, Qt::AltModifier);
    QTRY_COMPARE(focused()->objectName(), QStringLiteral("firstSheetSpin"));
    typeNumber(1001);
    press(Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("lastSheetSpin"));
    typeNumber(1010);
    press(Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("receiveStockButton"));
    press(Qt::Key_Space);
    QVERIFY2(
        window.messageText().contains(QStringLiteral("Received sheets 1001–1010")), qPrintable(window.messageText()));
    QVERIFY2(
        paperText(window).contains(QStringLiteral("Received 10 · printed 0 · spoiled 0 · voided 0 · remaining 10 · "
                                                  "next sheet 1001")),
        qPrintable(paperText(window)));

    // An overlapping range is refused and changes nothing.
    QTest::keyClick(&window, Qt::Key_B, Qt::AltModifier);
    typeNumber(1008);
    press(Qt::Key_Tab);
    typeNumber(1020);
    press(Qt::Key_Tab);
    press(Qt::Key_Space);
    QVERIFY2(window.messageText().contains(QLatin1String("overlap")), qPrintable(window.messageText()));
    QVERIFY(paperText(window).contains(QLatin1String("Received 10 ")));

    // Two certificates printed and one reprinted: three sheets, 1001–1003.
    documents::DocumentIssuer issuer(certifier, output);
    const QString first = sealedCase(QStringLiteral("周建华"), QStringLiteral("14080219750505004"));
    const QString second = sealedCase(QStringLiteral("李明远"), QStringLiteral("14080219800101001"));
    QVERIFY(issuer.printCertificate(first).recorded());
    QVERIFY(issuer.printCertificate(second).recorded());
    QVERIFY(issuer.reprintCertificate(first, QStringLiteral("客户要求")).recorded());

    // Sheet 1004 jammed: reason in the reason field, the sheet number, "Sheet ruined".
    QTest::keyClick(&window, Qt::Key_E, Qt::AltModifier);
    QTRY_COMPARE(focused()->objectName(), QStringLiteral("reasonEdit"));
    QTest::keyClicks(focused(), QStringLiteral("paper jam"));
    auto* sheet = window.findChild<QSpinBox*>(QStringLiteral("spoiledSheetSpin"));
    sheet->setFocus();
    QTRY_COMPARE(focused(), static_cast<QWidget*>(sheet));
    typeNumber(1004);
    press(Qt::Key_Tab);
    QCOMPARE(focused()->objectName(), QStringLiteral("spoilButton"));
    press(Qt::Key_Space);
    QVERIFY2(window.messageText().contains(QLatin1String("Sheet 1004 recorded as spoiled")),
        qPrintable(window.messageText()));
    QVERIFY2(paperText(window).contains(QStringLiteral("Received 10 · printed 3 · spoiled 1 · voided 0 · remaining 6 · "
                                                       "next sheet 1005")),
        qPrintable(paperText(window)));
    QVERIFY(!paperText(window).contains(QLatin1String("Mismatch")));

    // The same sheet twice, or one never received, is refused.
    QString error;
    QVERIFY(!services::ShiftService(certifier).spoilSheet(1004, QStringLiteral("again"), &error));
    QVERIFY2(error.contains(QLatin1String("already")), qPrintable(error));
    QVERIFY(!services::ShiftService(certifier).spoilSheet(5000, QStringLiteral("x"), &error));
    QVERIFY2(error.contains(QLatin1String("no range")), qPrintable(error));
    // A clerk holds no certificate role.
    QVERIFY(!services::ShiftService(as(QStringLiteral("clerk"))).receiveStock(1, 5, &error));
}

void TestShiftHandover::handoverWithASpoiledSheet()
{
    services::Session& certifier = as(QStringLiteral("certifier"));
    print::MemoryOutput output;
    const qint64 events = certifier.events().count();

    ui::ShiftHandoverDialog dialog(certifier, output);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    QTRY_COMPARE(focused()->objectName(), QStringLiteral("outgoingPasswordEdit"));
    auto fill = [&](const QString& incomingPassword) {
        auto* outgoing = dialog.findChild<QLineEdit*>(QStringLiteral("outgoingPasswordEdit"));
        outgoing->setFocus();
        QTRY_COMPARE(focused(), static_cast<QWidget*>(outgoing));
        QTest::keyClicks(focused(), services::HallService::demoPassword());
        press(Qt::Key_Tab);
        QTest::keyClick(focused(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(focused(), QStringLiteral("clerk"));
        press(Qt::Key_Tab);
        QTest::keyClicks(focused(), incomingPassword);
        press(Qt::Key_Tab);
        QCOMPARE(focused()->objectName(), QStringLiteral("countedEdit"));
        QTest::keyClick(focused(), Qt::Key_A, Qt::ControlModifier);
        // The pile shows 1006 on top, the records say 1005: one sheet unaccounted for.
        QTest::keyClicks(focused(), QStringLiteral("1006"));
        press(Qt::Key_Return);
    };

    fill(QStringLiteral("wrong-password"));
    QVERIFY2(dialog.messageText().contains(QLatin1String("incoming user's password is wrong")),
        qPrintable(dialog.messageText()));
    QVERIFY(dialog.isVisible());
    QVERIFY(output.jobs().isEmpty());
    QCOMPARE(certifier.events().count(), events);

    fill(services::HallService::demoPassword());
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY2(dialog.issued().error.isEmpty(), qPrintable(dialog.issued().error));
    QCOMPARE(output.jobs().size(), 1);
    // The PDF's text comes back without spaces.
    const QString text = test::pdfText(output.jobs().first().pdf).remove(QLatin1Char(' '));
    QVERIFY2(text.contains(QLatin1String("Shifthandoverreport")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("Sheetsspoiled1")));
    QVERIFY(text.contains(QLatin1String("Paperstockmismatches")));
    QVERIFY2(text.contains(QLatin1String("1005/1006")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("1sheet(s)unaccountedfor")), qPrintable(text));
    QVERIFY(text.contains(certifier.user().displayName));

    QCOMPARE(certifier.events().count(), events + 1);
    const auto clerk = db::UserRepository(certifier.database().sql()).byUsername(QStringLiteral("clerk"));
    QSqlQuery q(certifier.database().sql());
    QVERIFY(
        q.exec(QStringLiteral("SELECT outgoing_user, incoming_user, report_hash, mismatches FROM shift_handovers")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), certifier.user().id);
    QCOMPARE(q.value(1).toString(), clerk->id);
    QCOMPARE(q.value(2).toString(), QString::fromLatin1(dialog.issued().contentHash.toHex()));
    QCOMPARE(q.value(3).toInt(), 1);
    QVERIFY(!q.next());

    // The next shift starts from zero: nothing printed or spoiled since the handover.
    QString error;
    const auto next = services::ShiftService(certifier).prepareHandover(QStringLiteral("clerk"),
        services::HallService::demoPassword(), services::HallService::demoPassword(), std::nullopt, &error);
    QVERIFY2(next, qPrintable(error));
    QCOMPARE(next->figures.certificatesPrinted, 0);
    QCOMPARE(next->figures.sheetsSpoiled, 0);
    QCOMPARE(next->paper.spoiled, 1); // the stock itself carries on

    // The two tables are projections: rebuilt from the events, the same rows.
    auto snapshot = [&] {
        QStringList rows;
        QSqlQuery s(certifier.database().sql());
        for (const QString& sql : { QStringLiteral("SELECT * FROM paper_stock ORDER BY event_uuid"),
                 QStringLiteral("SELECT * FROM shift_handovers ORDER BY event_uuid") }) {
            s.exec(sql);
            while (s.next()) {
                QStringList values;
                for (int i = 0; i < 8; ++i)
                    values << s.value(i).toString();
                rows << values.join(QLatin1Char('|'));
            }
        }
        return rows;
    };
    const QStringList before = snapshot();
    QCOMPARE(before.size(), 3); // one range, one spoiled sheet, one handover
    QVERIFY2(certifier.events().rebuildProjections(&error), qPrintable(error));
    QCOMPARE(snapshot(), before);
}

void TestShiftHandover::handoverShapeIsCheckedOnEveryReplica()
{
    using core::PaperStock;
    const QString author = QStringLiteral("u1");
    const QCborMap report { { QStringLiteral("mismatches"), 0 } };
    const QString hash(64, QLatin1Char('a'));
    QVERIFY(PaperStock::shapeProblem(core::eventkind::shiftHandover,
        { { core::payload::incomingUser, QStringLiteral("u2") }, { core::payload::report, report },
            { core::payload::documentHash, hash } },
        author)
                .isEmpty());
    // Confirmed by oneself, or with no report: refused (quarantined on a replica).
    QVERIFY(!PaperStock::shapeProblem(core::eventkind::shiftHandover,
        { { core::payload::incomingUser, author }, { core::payload::report, report },
            { core::payload::documentHash, hash } },
        author)
                 .isEmpty());
    QVERIFY(!PaperStock::shapeProblem(
        core::eventkind::shiftHandover, { { core::payload::incomingUser, QStringLiteral("u2") } }, author)
                 .isEmpty());
    QVERIFY(!PaperStock::shapeProblem(
        core::eventkind::paperReceived, { { core::payload::firstSheet, 10 }, { core::payload::lastSheet, 5 } }, author)
                 .isEmpty());
    QVERIFY(
        !PaperStock::shapeProblem(core::eventkind::paperSpoiled, { { core::payload::sheet, 3 } }, author).isEmpty());
}

void TestShiftHandover::stockIsEachOperatorsOwn()
{
    // A second certificate operator at the same workstation, holding the seal too.
    QString error;
    services::Session& admin = as(QStringLiteral("admin"));
    QVERIFY2(services::AuthService::addUser(admin, QStringLiteral("certifier2"), QStringLiteral("吴制证"),
                                            core::Role::CertificateOperator, services::HallService::demoPassword(),
                                            &error, test::fastKdf(), false),
             qPrintable(error));
    services::Session& second = as(QStringLiteral("certifier2"));
    QVERIFY2(services::SealKeyService(admin).grant(QStringLiteral("certifier2"), &error), qPrintable(error));
    services::Session& first = as(QStringLiteral("certifier"));
    QCOMPARE(second.workstation(), first.workstation());
    const core::PaperAccount firstBefore = services::ShiftService(first).paperAccount();
    QVERIFY(firstBefore.received > 0);

    // Her stock starts empty although the workstation's operator has sheets.
    services::ShiftService shift(second);
    core::PaperAccount mine = shift.paperAccount();
    QCOMPARE(mine.received, 0);
    QCOMPARE(mine.printed, 0);
    // A numbered sheet exists once in the hall: no range overlapping a colleague's; no spoiling her sheets.
    QVERIFY(!shift.receiveStock(1005, 1020, &error));
    QVERIFY2(error.contains(QLatin1String("overlap")), qPrintable(error));
    QVERIFY(!shift.spoilSheet(1009, QStringLiteral("卡纸"), &error));
    QVERIFY(shift.receiveStock(2001, 2001, &error));

    // She prints two certificates on her one sheet: her stock is short by one, her colleague's untouched.
    print::MemoryOutput output;
    documents::DocumentIssuer issuer(second, output);
    QVERIFY(issuer.printCertificate(sealedCase(QStringLiteral("卫国强"), QStringLiteral("14080219750505014"))).recorded());
    QVERIFY(issuer.printCertificate(sealedCase(QStringLiteral("蒋文华"), QStringLiteral("14080219750505024"))).recorded());
    mine = shift.paperAccount();
    QCOMPARE(mine.received, 1);
    QCOMPARE(mine.printed, 2);
    QCOMPARE(mine.remaining(), -1);
    QCOMPARE(mine.mismatches.size(), 1);
    const core::PaperAccount firstAfter = services::ShiftService(first).paperAccount();
    QCOMPARE(firstAfter.printed, firstBefore.printed);
    QCOMPARE(firstAfter.received, firstBefore.received);
    QCOMPARE(firstAfter.mismatches, firstBefore.mismatches);

    // The supervisor sees each operator's stock with its own mismatches; the colleague's window names her.
    const auto all = services::ShiftService(as(QStringLiteral("supervisor"))).paperAccounts(&error);
    QVERIFY2(all, qPrintable(error));
    QCOMPARE(all->size(), 2);
    for (const services::OperatorPaper& p : *all)
        QCOMPARE(p.account.mismatches.size(), p.operatorId == second.user().id ? 1 : int(firstBefore.mismatches.size()));
    QVERIFY(!services::ShiftService(as(QStringLiteral("clerk"))).paperAccounts(&error));
    ui::CertificateWindowWidget window(first);
    QVERIFY2(paperText(window).contains(QStringLiteral("Mismatch in the stock of 吴制证:")), qPrintable(paperText(window)));

    // Her handover report shows her sheets, not the workstation's.
    const auto report = shift.prepareHandover(QStringLiteral("certifier"), services::HallService::demoPassword(),
                                              services::HallService::demoPassword(), std::nullopt, &error);
    QVERIFY2(report, qPrintable(error));
    QCOMPARE(report->paper.received, 1);
    QCOMPARE(report->paper.printed, 2);
    QCOMPARE(report->paper.mismatches.size(), 1);
}

QTEST_MAIN(TestShiftHandover)
#include "TestShiftHandover.moc"
