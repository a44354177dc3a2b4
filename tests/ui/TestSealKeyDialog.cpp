// The seal key dialog (issue 12, items 3 and 4 at the administrator's workstation): grant and revoke
// by keyboard, the grantee then signs a certificate and is refused after the revocation, the
// directory read-only, the public keys and the signed list of voided certificates written to files
// that verify, and a clerk neither sees the dialog nor gets past the service.
#include "TestSupport.h"

#include "core/Identifiers.h"
#include "core/SealGrant.h"
#include "documents/DocumentIssuer.h"
#include "print/CertificateTemplate.h"
#include "print/MemoryOutput.h"
#include "services/AuthService.h"
#include "services/CertificateService.h"
#include "services/DecisionService.h"
#include "services/HallService.h"
#include "services/IntakeService.h"
#include "services/ReviewService.h"
#include "services/SealKeyService.h"
#include "ui/MainWindow.h"
#include "ui/SealKeyDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QListWidget>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <map>

using namespace oneseal;

namespace {

QWidget* focused()
{
    return QApplication::focusWidget();
}

QString focusedName()
{
    return focused() ? focused()->objectName() : QString();
}

void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(focused(), key, modifiers);
}

/** The letter after a lone '&' in a text, upper case; null when there is none. */
QChar mnemonic(const QString& text)
{
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toUpper();
    }
    return QChar();
}

/** Chooses @p username in a combo box by keyboard (Home, then Down), as a user would. */
bool chooseByKeyboard(QComboBox* combo, const QString& username)
{
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i <= combo->count(); ++i) {
        if (combo->currentData().toString() == username)
            return true;
        QTest::keyClick(combo, Qt::Key_Down);
    }
    return false;
}

/** Shows @p dialog active, opens its Directory page (Alt+D) and chooses @p username in "Roles of" (Alt+O), by keyboard. */
bool chooseOnDirectoryPage(QDialog& dialog, const QString& username)
{
    dialog.show();
    if (!QTest::qWaitForWindowExposed(&dialog))
        return false;
    dialog.activateWindow();
    if (!QTest::qWaitForWindowActive(&dialog))
        return false;
    QTest::keyClick(&dialog, Qt::Key_D, Qt::AltModifier);
    QTest::keyClick(&dialog, Qt::Key_O, Qt::AltModifier);
    return QTest::qWaitFor([] { return focusedName() == QLatin1String("rolesUserCombo"); })
        && chooseByKeyboard(dialog.findChild<QComboBox*>(QStringLiteral("rolesUserCombo")), username);
}

int countOf(services::Session& session, const QString& kind, const QString& userId)
{
    int n = 0;
    for (const core::Event& e : session.events().allEvents())
        if (e.kind == kind && e.userId == userId)
            ++n;
    return n;
}

/** A button's mnemonic: Alt+key "clicks" it after a short animation (QAbstractButton::animateClick). */
void altButton(QWidget& window, Qt::Key key)
{
    QTest::keyClick(&window, key, Qt::AltModifier);
    QTest::qWait(250);
}

const QString kOperatorPassword = QStringLiteral("Operator-2026");

} // namespace

class TestSealKeyDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dialogKeysDoNotClash();
    void grantSignRevokeByKeyboard();
    void clerkHasNoDialogAndIsRefused();
    void supervisorSeesTheDirectoryOnly();
    void exportsKeysAndASignedListThatVerifies();
    void changesRolesByKeyboard();
    void resetsAForgottenPasswordByKeyboard();

private:
    services::Session& as(const QString& username, const QString& password = services::HallService::demoPassword());
    QString approvedAndSealed(const QString& applicant, const QString& idFirst17);

    std::unique_ptr<test::TempHall> m_hall;
    std::map<QString, std::unique_ptr<services::Session>> m_sessions;
    QString m_matter;
    QStringList m_cases;
    QString m_voidedNumber;
    QTemporaryDir m_files;
};

services::Session& TestSealKeyDialog::as(const QString& username, const QString& password)
{
    auto& slot = m_sessions[username];
    if (!slot) {
        QString error;
        slot = services::AuthService(m_hall->path()).login(username, password, &error);
        if (!slot)
            qFatal("login of %s failed: %s", qPrintable(username), qPrintable(error));
    }
    return *slot;
}

QString TestSealKeyDialog::approvedAndSealed(const QString& applicant, const QString& idFirst17)
{
    QString error;
    const auto accepted = test::acceptCase(
        as(QStringLiteral("clerk")), [this](const core::Matter& m) { return m.code == m_matter; }, idFirst17, applicant,
        QStringLiteral("13903591234"), &error);
    if (!accepted) {
        qWarning("intake: %s", qPrintable(error));
        return QString();
    }
    const QString id = accepted->caseId;
    services::DecisionService decision(as(QStringLiteral("approver")));
    const QByteArray doc = QCryptographicHash::hash("decision " + id.toUtf8(), QCryptographicHash::Sha256);
    if (!services::ReviewService(as(QStringLiteral("reviewer"))).pass(id, QString(), &error)
        || !decision.approve(id, QString(), &error)
        || !decision.applySeal(id, services::HallService::demoPassword(), doc, QStringLiteral("准予行政许可决定书"),
                               &error)) {
        qWarning("back office: %s", qPrintable(error));
        return QString();
    }
    return id;
}

void TestSealKeyDialog::initTestCase()
{
    m_hall = std::make_unique<test::TempHall>();
    QVERIFY2(m_hall->isValid(), qPrintable(m_hall->error()));
    QVERIFY(m_files.isValid());
    services::IntakeService intake(as(QStringLiteral("clerk")));
    for (const core::Matter& m : intake.catalog().matters)
        if (!m.siteInspection && !m.instant
            && print::CertificateTemplate::forResult(print::CertificateTemplate::builtIn(), m.resultType, m.resultName)) {
            m_matter = m.code;
            break;
        }
    QVERIFY(!m_matter.isEmpty());
    for (const auto& [name, id] : QList<QPair<QString, QString>>{{QStringLiteral("李明远"), QStringLiteral("14080219800101001")},
                                                                 {QStringLiteral("赵文静"), QStringLiteral("14080219851212002")},
                                                                 {QStringLiteral("孙海涛"), QStringLiteral("14080219900606003")}}) {
        const QString caseId = approvedAndSealed(name, id);
        QVERIFY(!caseId.isEmpty());
        m_cases << caseId;
    }
    // Two more certificate operators: one who has logged in (so has a signing key), one who has not.
    QString error;
    for (const QString& name : {QStringLiteral("certifier2"), QStringLiteral("certifier3")})
        QVERIFY2(services::AuthService::addUser(as(QStringLiteral("admin")), name, name,
                                                core::Roles(core::Role::CertificateOperator), kOperatorPassword, &error,
                                                test::fastKdf(), false),
                 qPrintable(error));
    as(QStringLiteral("certifier2"), kOperatorPassword);
}

void TestSealKeyDialog::dialogKeysDoNotClash()
{
    ui::SealKeyDialog dialog(as(QStringLiteral("admin")));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* tabs = dialog.findChild<QTabWidget*>(QStringLiteral("tabs"));
    QStringList clashes;
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QMultiMap<QChar, QString> keys;
        auto add = [&keys](const QString& text) {
            if (const QChar c = mnemonic(text); !c.isNull())
                keys.insert(c, text);
        };
        for (int t = 0; t < tabs->count(); ++t)
            add(tabs->tabText(t));
        for (QWidget* w : dialog.findChildren<QWidget*>()) {
            if (!w->isVisibleTo(&dialog))
                continue;
            if (auto* b = qobject_cast<QAbstractButton*>(w))
                add(b->text());
            else if (auto* l = qobject_cast<QLabel*>(w); l && l->buddy())
                add(l->text());
        }
        for (const QChar c : keys.uniqueKeys())
            if (keys.count(c) > 1)
                clashes << QStringLiteral("%1 on %2: %3").arg(c, tabs->tabText(i), QStringList(keys.values(c)).join(QStringLiteral(" / ")));
    }
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));

    // The administrator starts at "Grant to"; Tab walks the grant, then the revocation, then the files.
    tabs->setCurrentIndex(0);
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTRY_COMPARE(focusedName(), QStringLiteral("grantUserCombo"));
    const QStringList order{QStringLiteral("passwordEdit"), QStringLiteral("grantButton"), QStringLiteral("revokeUserCombo"),
                            QStringLiteral("reasonEdit"), QStringLiteral("revokeButton"), QStringLiteral("exportButton"),
                            QStringLiteral("revokedListButton"), QStringLiteral("closeButton")};
    QStringList walked;
    for (int i = 0; i < order.size(); ++i) {
        press(Qt::Key_Tab);
        walked << focusedName();
    }
    QCOMPARE(walked, order);
    // Escape closes it.
    press(Qt::Key_Escape);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestSealKeyDialog::grantSignRevokeByKeyboard()
{
    services::Session& admin = as(QStringLiteral("admin"));
    services::Session& certifier2 = as(QStringLiteral("certifier2"), kOperatorPassword);
    QString error;
    // Before any grant the operator cannot sign.
    QVERIFY(!certifier2.sealKey(&error));
    QVERIFY2(error.contains(QLatin1String("not been granted")), qPrintable(error));

    ui::SealKeyDialog dialog(admin);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto* grantTo = dialog.findChild<QComboBox*>(QStringLiteral("grantUserCombo"));
    auto* grants = dialog.findChild<QTableWidget*>(QStringLiteral("grantsView"));
    const int grantRows = grants->rowCount();
    QCOMPARE(grantRows, 2); // the demo hall's administrator and certificate operator
    QCOMPARE(dialog.findChild<QTableWidget*>(QStringLiteral("keysView"))->rowCount(), 1);
    QCOMPARE(dialog.findChild<QTableWidget*>(QStringLiteral("keysView"))->item(0, 0)->text(),
             admin.trustedSealKeys().first().keyId());
    // The one who holds it already is not offered; the one who never logged in says so.
    QVERIFY(grantTo->findData(QStringLiteral("certifier")) < 0);
    QVERIFY(grantTo->itemText(grantTo->findData(QStringLiteral("certifier3"))).contains(QLatin1String("not logged in")));
    const qint64 before = admin.events().count();

    // To the operator who has never logged in: refused, with why, nothing recorded.
    QTest::keyClick(&dialog, Qt::Key_T, Qt::AltModifier);
    QCOMPARE(focusedName(), QStringLiteral("grantUserCombo"));
    QVERIFY(chooseByKeyboard(grantTo, QStringLiteral("certifier3")));
    QTest::keyClick(&dialog, Qt::Key_W, Qt::AltModifier);
    QCOMPARE(focusedName(), QStringLiteral("passwordEdit"));
    QTest::keyClicks(focused(), services::HallService::demoPassword());
    press(Qt::Key_Return);
    QVERIFY(dialog.isVisible()); // Enter grants, it does not close the dialog
    QVERIFY(dialog.messageIsError());
    QVERIFY2(dialog.messageText().contains(QLatin1String("has not logged in yet")), qPrintable(dialog.messageText()));
    QCOMPARE(admin.events().count(), before);

    // A wrong password: refused, nothing recorded.
    QVERIFY(chooseByKeyboard(grantTo, QStringLiteral("certifier2")));
    QTest::keyClick(&dialog, Qt::Key_W, Qt::AltModifier);
    QTest::keyClicks(focused(), QStringLiteral("not-my-password"));
    press(Qt::Key_Return);
    QVERIFY2(dialog.messageText().contains(QLatin1String("password is wrong")), qPrintable(dialog.messageText()));
    QCOMPARE(admin.events().count(), before);
    QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->text().isEmpty());

    // The right one: granted, one signed event, shown in the grants.
    QCOMPARE(grantTo->currentData().toString(), QStringLiteral("certifier2"));
    QTest::keyClick(&dialog, Qt::Key_W, Qt::AltModifier);
    QTest::keyClicks(focused(), services::HallService::demoPassword());
    press(Qt::Key_Return);
    QVERIFY2(!dialog.messageIsError(), qPrintable(dialog.messageText()));
    QVERIFY2(dialog.messageText().contains(QLatin1String("granted to certifier2")), qPrintable(dialog.messageText()));
    QCOMPARE(admin.events().count(), before + 1);
    QCOMPARE(admin.events().allEvents().last().kind, core::SealGrant::grantedKind());
    QCOMPARE(grants->rowCount(), grantRows + 1);
    QCOMPARE(grants->item(0, 0)->text(), QStringLiteral("certifier2"));
    QCOMPARE(grants->item(0, 4)->text(), QStringLiteral("admin"));
    QCOMPARE(grants->item(0, 5)->text(), QStringLiteral("in force"));
    QVERIFY(grantTo->findData(QStringLiteral("certifier2")) < 0);

    // The operator signs a certificate through the certificate path.
    print::MemoryOutput output;
    const auto printed = documents::DocumentIssuer(certifier2, output).printCertificate(m_cases.at(0));
    QVERIFY2(printed.error.isEmpty(), qPrintable(printed.error));
    QCOMPARE(countOf(certifier2, core::SealGrant::signedKind(), certifier2.user().id), 1);
    const qint64 afterPrint = admin.events().count();

    // Revoke: Alt+F chooses whom, Alt+R the reason; no reason is refused, then Enter revokes.
    auto* revokeFrom = dialog.findChild<QComboBox*>(QStringLiteral("revokeUserCombo"));
    QTest::keyClick(&dialog, Qt::Key_F, Qt::AltModifier);
    QCOMPARE(focusedName(), QStringLiteral("revokeUserCombo"));
    QVERIFY(chooseByKeyboard(revokeFrom, QStringLiteral("certifier2")));
    QTest::keyClick(&dialog, Qt::Key_R, Qt::AltModifier);
    QCOMPARE(focusedName(), QStringLiteral("reasonEdit"));
    press(Qt::Key_Return);
    QVERIFY2(dialog.messageText().contains(QLatin1String("Give the reason")), qPrintable(dialog.messageText()));
    QCOMPARE(admin.events().count(), afterPrint);
    QTest::keyClicks(focused(), QStringLiteral("moved to the archive office"));
    press(Qt::Key_Return);
    QVERIFY2(!dialog.messageIsError(), qPrintable(dialog.messageText()));
    QVERIFY2(dialog.messageText().contains(QLatin1String("has ended")), qPrintable(dialog.messageText()));
    const core::Event revoked = admin.events().allEvents().last();
    QCOMPARE(revoked.kind, core::SealGrant::revokedKind());
    QCOMPARE(revoked.payload().value(QStringLiteral("reasons")).toString(), QStringLiteral("moved to the archive office"));
    QVERIFY(grants->item(0, 5)->text().startsWith(QLatin1String("revoked")));
    QCOMPARE(grants->item(0, 6)->text(), QStringLiteral("moved to the archive office"));
    QVERIFY(revokeFrom->findData(QStringLiteral("certifier2")) < 0);

    // The operator is refused now, with why; nothing is signed.
    QTest::qWait(2);
    const auto refused = documents::DocumentIssuer(certifier2, output).printCertificate(m_cases.at(1));
    QVERIFY(!refused.output);
    QVERIFY2(refused.error.contains(QLatin1String("not been granted")), qPrintable(refused.error));
    QCOMPARE(countOf(certifier2, core::SealGrant::signedKind(), certifier2.user().id), 1);

    // The directory shows who may sign what.
    dialog.findChild<QTabWidget*>(QStringLiteral("tabs"))->setCurrentIndex(1);
    auto* directory = dialog.findChild<QTreeWidget*>(QStringLiteral("directoryView"));
    const auto three = directory->findItems(QStringLiteral("certifier3"), Qt::MatchExactly);
    QCOMPARE(three.size(), 1);
    QVERIFY2(three.first()->text(3).contains(QLatin1String("no signing key yet")), qPrintable(three.first()->text(3)));
    const auto holder = directory->findItems(QStringLiteral("certifier"), Qt::MatchExactly);
    QCOMPARE(holder.size(), 1);
    QVERIFY(holder.first()->text(3).contains(QLatin1String("holds the seal key")));
    QCOMPARE(holder.first()->childCount(), 1);
    QCOMPARE(holder.first()->child(0)->text(3), QStringLiteral("current"));
    QVERIFY(!holder.first()->child(0)->text(4).isEmpty());
    const auto two = directory->findItems(QStringLiteral("certifier2"), Qt::MatchExactly);
    QCOMPARE(two.size(), 1);
    QVERIFY(!two.first()->text(3).contains(QLatin1String("holds the seal key")));
}

void TestSealKeyDialog::clerkHasNoDialogAndIsRefused()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    {
        ui::MainWindow window(hall.login(QStringLiteral("clerk")));
        auto* action = window.findChild<QAction*>(QStringLiteral("sealKeyAction"));
        QVERIFY(action);
        QVERIFY(!action->isVisible());
    }
    auto clerk = hall.login(QStringLiteral("clerk"));
    hall.login(QStringLiteral("approver")); // has a signing key now
    services::SealKeyService service(*clerk);
    QString error;
    QVERIFY(!service.overview(&error));
    QCOMPARE(error, services::Session::refusal(core::Action::ManageUsers));
    const qint64 before = clerk->events().count();
    QVERIFY(!service.grant(QStringLiteral("approver"), services::HallService::demoPassword(), &error));
    QCOMPARE(error, services::Session::refusal(core::Action::ManageUsers));
    QVERIFY(!service.revoke(QStringLiteral("certifier"), QStringLiteral("no reason"), &error));
    QCOMPARE(error, services::Session::refusal(core::Action::ManageUsers));
    QCOMPARE(clerk->events().count(), before);
    // Opened anyway (a modified menu): the service's refusal, and nothing to act on.
    ui::SealKeyDialog dialog(*clerk);
    QCOMPARE(dialog.messageText(), services::Session::refusal(core::Action::ManageUsers));
    QVERIFY(!dialog.findChild<QTabWidget*>(QStringLiteral("tabs"))->isEnabled());
    QVERIFY(dialog.findChild<QGroupBox*>(QStringLiteral("grantGroup"))->isHidden());
}

void TestSealKeyDialog::supervisorSeesTheDirectoryOnly()
{
    services::Session& supervisor = as(QStringLiteral("supervisor"));
    ui::MainWindow window(services::AuthService(m_hall->path())
                              .login(QStringLiteral("supervisor"), services::HallService::demoPassword(), nullptr));
    auto* action = window.findChild<QAction*>(QStringLiteral("sealKeyAction"));
    QVERIFY(action && action->isVisible());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // The menu item opens the dialog; Escape closes it.
    bool opened = false;
    QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<ui::SealKeyDialog*>(QApplication::activeModalWidget());
        opened = dialog != nullptr;
        if (dialog)
            QTest::keyClick(dialog, Qt::Key_Escape);
    });
    action->trigger();
    QVERIFY(opened);

    ui::SealKeyDialog dialog(supervisor);
    QVERIFY(dialog.messageText().isEmpty());
    QVERIFY(dialog.findChild<QGroupBox*>(QStringLiteral("grantGroup"))->isHidden());
    QVERIFY(dialog.findChild<QGroupBox*>(QStringLiteral("revokeGroup"))->isHidden());
    QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("revokedListButton"))->isHidden());
    auto* directory = dialog.findChild<QTreeWidget*>(QStringLiteral("directoryView"));
    QCOMPARE(directory->findItems(QStringLiteral("certifier2"), Qt::MatchExactly).size(), 1);
    QString error;
    QVERIFY(!services::SealKeyService(supervisor).grant(QStringLiteral("certifier2"),
                                                        services::HallService::demoPassword(), &error));
    QCOMPARE(error, services::Session::refusal(core::Action::ManageUsers));
}

void TestSealKeyDialog::exportsKeysAndASignedListThatVerifies()
{
    // One certificate voided (by the operator who holds the seal): the list must name it.
    services::Session& certifier = as(QStringLiteral("certifier"));
    print::MemoryOutput output;
    const auto printed = documents::DocumentIssuer(certifier, output).printCertificate(m_cases.at(2));
    QVERIFY2(printed.error.isEmpty(), qPrintable(printed.error));
    QString error;
    QVERIFY2(services::CertificateService(certifier).voidCertificate(m_cases.at(2), QStringLiteral("印错"), &error),
             qPrintable(error));
    m_voidedNumber = printed.title;
    QVERIFY(!m_voidedNumber.isEmpty());

    services::Session& admin = as(QStringLiteral("admin"));
    ui::SealKeyDialog dialog(admin);
    QString next;
    QString asked;
    dialog.setFileChooser([&](const QString& title, const QString&) {
        asked = title;
        return next;
    });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));

    // A folder that does not exist: a clear refusal, no file.
    next = m_files.filePath(QStringLiteral("missing/hall.pub.pem"));
    altButton(dialog, Qt::Key_E);
    QVERIFY2(dialog.messageIsError(), qPrintable(dialog.messageText()));
    QVERIFY2(dialog.messageText().contains(QLatin1String("could not be written")), qPrintable(dialog.messageText()));
    QVERIFY(!QFile::exists(next));
    // Cancelled: nothing written, nothing said.
    next.clear();
    altButton(dialog, Qt::Key_E);
    QVERIFY(QDir(m_files.path()).entryList(QDir::Files).isEmpty());

    const QString pemPath = m_files.filePath(QStringLiteral("hall.pub.pem"));
    next = pemPath;
    altButton(dialog, Qt::Key_E);
    QVERIFY2(!dialog.messageIsError(), qPrintable(dialog.messageText()));
    QCOMPARE(asked, QStringLiteral("Export the hall's public seal keys"));
    QFile pemFile(pemPath);
    QVERIFY(pemFile.open(QIODevice::ReadOnly));
    const auto exported = core::SealKey::fromPublicPem(pemFile.readAll(), &error);
    QVERIFY2(exported, qPrintable(error));
    QVERIFY(!exported->hasPrivateKey());
    QCOMPARE(exported->keyId(), admin.trustedSealKeys().first().keyId());
    // The fingerprint shown is SHA-256 of the exported raw key, what `openssl pkey -outform DER | tail -c 32` hashes.
    const QString shown = dialog.findChild<QTableWidget*>(QStringLiteral("keysView"))->item(0, 1)->text();
    QCOMPARE(QString(shown).remove(QLatin1Char(' ')).toLower(),
             QString::fromLatin1(QCryptographicHash::hash(exported->rawPublicKey(), QCryptographicHash::Sha256).toHex()));

    const QString listPath = m_files.filePath(QStringLiteral("revoked.txt"));
    next = listPath;
    altButton(dialog, Qt::Key_L);
    QVERIFY2(!dialog.messageIsError(), qPrintable(dialog.messageText()));
    QVERIFY2(dialog.messageText().contains(QLatin1String("1 voided certificate")), qPrintable(dialog.messageText()));
    QFile listFile(listPath);
    QVERIFY(listFile.open(QIODevice::ReadOnly));
    const QByteArray listText = listFile.readAll();
    const auto list = core::RevokedList::parse(listText, {*exported}, &error);
    QVERIFY2(list, qPrintable(error));
    QVERIFY(list->contains(m_voidedNumber));
    QCOMPARE(list->hall, admin.hallName());
    // Checked against another key it does not verify.
    QVERIFY(!core::RevokedList::parse(listText, {core::SealKey::generate()}, &error));

    // Only a holder of the seal key signs the list: the administrator without a grant is told so.
    QVERIFY2(services::SealKeyService(admin).revoke(QStringLiteral("admin"), QStringLiteral("handed over"), &error),
             qPrintable(error));
    next = m_files.filePath(QStringLiteral("revoked-2.txt"));
    asked.clear();
    altButton(dialog, Qt::Key_L);
    QVERIFY(dialog.messageIsError());
    QVERIFY2(dialog.messageText().contains(QLatin1String("Only a holder of the hall's seal key")),
             qPrintable(dialog.messageText()));
    QVERIFY(asked.isEmpty()); // no file was asked for
    QVERIFY(!QFile::exists(next));
    // Nor can they grant it on any more.
    QVERIFY(!services::SealKeyService(admin).grant(QStringLiteral("certifier2"), services::HallService::demoPassword(),
                                                   &error));
    QVERIFY2(error.contains(QLatin1String("You hold no grant")), qPrintable(error));
}

// An administrator of a hall without a hub changes a user's roles on the Directory page, by keyboard:
// the next login has them; taking the administrator's role from oneself is refused, nothing changes.
void TestSealKeyDialog::changesRolesByKeyboard()
{
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto admin = hall.login(QStringLiteral("admin"));
    ui::SealKeyDialog dialog(*admin);
    QVERIFY(chooseOnDirectoryPage(dialog, QStringLiteral("clerk2")));
    auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("rolesUserCombo"));
    auto* list = dialog.findChild<QListWidget*>(QStringLiteral("rolesList"));
    const int reviewerRow = int(core::allRoles().indexOf(core::Role::Reviewer));
    const int intakeRow = int(core::allRoles().indexOf(core::Role::IntakeClerk));
    QCOMPARE(list->item(intakeRow)->checkState(), Qt::Checked);
    QCOMPARE(list->item(reviewerRow)->checkState(), Qt::Unchecked);
    // Ro&les, then down to "reviewer" and Space; Tab walks on to the button.
    QTest::keyClick(&dialog, Qt::Key_L, Qt::AltModifier);
    QTRY_COMPARE(focusedName(), QStringLiteral("rolesList"));
    press(Qt::Key_Home);
    for (int i = 0; i < reviewerRow; ++i)
        press(Qt::Key_Down);
    press(Qt::Key_Space);
    QCOMPARE(list->item(reviewerRow)->checkState(), Qt::Checked);
    press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("rolesButton"));
    altButton(dialog, Qt::Key_R);
    QTRY_VERIFY(!dialog.messageText().isEmpty());
    QVERIFY2(!dialog.messageIsError() && dialog.messageText().contains(QStringLiteral("The roles of clerk2 are now")),
             qPrintable(dialog.messageText()));
    auto* directory = dialog.findChild<QTreeWidget*>(QStringLiteral("directoryView"));
    const auto row = directory->findItems(QStringLiteral("clerk2"), Qt::MatchExactly);
    QCOMPARE(row.size(), 1);
    QVERIFY2(row.first()->text(2).contains(core::roleDisplayName(core::Role::Reviewer)), qPrintable(row.first()->text(2)));
    // The change is listed under the user, with the roles before it.
    QTreeWidgetItem* change = nullptr;
    for (int i = 0; i < row.first()->childCount(); ++i)
        if (row.first()->child(i)->text(0) == QLatin1String("roles changed"))
            change = row.first()->child(i);
    QVERIFY(change);
    QVERIFY(change->text(2).contains(core::roleDisplayName(core::Role::Reviewer)));
    QVERIFY(!change->text(3).contains(core::roleDisplayName(core::Role::Reviewer)));
    QVERIFY(!change->text(4).isEmpty());
    QVERIFY(hall.login(QStringLiteral("clerk2"))->can(core::Action::ReviewCase));

    // The administrator's own role: refused with why, nothing recorded.
    const qint64 events = admin->events().count();
    QVERIFY(chooseByKeyboard(combo, QStringLiteral("admin")));
    const int adminRow = int(core::allRoles().indexOf(core::Role::Administrator));
    QCOMPARE(list->item(adminRow)->checkState(), Qt::Checked);
    const int supervisorRow = int(core::allRoles().indexOf(core::Role::Supervisor));
    QTest::keyClick(&dialog, Qt::Key_L, Qt::AltModifier);
    for (const int target : {supervisorRow, adminRow}) { // a supervisor instead of an administrator
        press(Qt::Key_Home);
        for (int i = 0; i < target; ++i)
            press(Qt::Key_Down);
        press(Qt::Key_Space);
    }
    QCOMPARE(list->item(supervisorRow)->checkState(), Qt::Checked);
    QCOMPARE(list->item(adminRow)->checkState(), Qt::Unchecked);
    altButton(dialog, Qt::Key_R);
    QTRY_VERIFY(dialog.messageIsError());
    QVERIFY2(dialog.messageText().contains(QStringLiteral("from themselves")), qPrintable(dialog.messageText()));
    QCOMPARE(admin->events().count(), events);
    QVERIFY(hall.login(QStringLiteral("admin"))->can(core::Action::ManageUsers));
}

void TestSealKeyDialog::resetsAForgottenPasswordByKeyboard()
{
    // A hall without a hub: the administrator resets clerk2's forgotten password on the Directory page.
    test::TempHall hall;
    QVERIFY2(hall.isValid(), qPrintable(hall.error()));
    auto admin = hall.login(QStringLiteral("admin"));
    ui::SealKeyDialog dialog(*admin);
    QVERIFY(chooseOnDirectoryPage(dialog, QStringLiteral("clerk2")));
    const qint64 events = admin->events().count();
    // &Set a new password, &Your password again, Enter. First with a wrong password of hers: nothing.
    QTest::keyClick(&dialog, Qt::Key_S, Qt::AltModifier);
    QTRY_COMPARE(focusedName(), QStringLiteral("resetPasswordEdit"));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Forgotten-2026"));
    press(Qt::Key_Tab);
    QCOMPARE(focusedName(), QStringLiteral("resetAdminPasswordEdit"));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("not-hers"));
    press(Qt::Key_Return);
    QTRY_VERIFY(dialog.messageIsError());
    QVERIFY2(dialog.messageText().contains(QStringLiteral("no password was reset")), qPrintable(dialog.messageText()));
    QCOMPARE(admin->events().count(), events);
    QCOMPARE(focusedName(), QStringLiteral("resetPasswordEdit"));
    QTest::keyClick(&dialog, Qt::Key_Y, Qt::AltModifier);
    QTest::keyClicks(QApplication::focusWidget(), services::HallService::demoPassword());
    press(Qt::Key_Return);
    QTRY_VERIFY(!dialog.messageIsError());
    QVERIFY2(dialog.messageText().contains(QStringLiteral("The password of clerk2 is reset")),
             qPrintable(dialog.messageText()));
    QCOMPARE(admin->events().count(), events + 1);
    QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("resetPasswordEdit"))->text().isEmpty());
    // Her old password opens nothing; the new one lets her in, to change it.
    QString error;
    services::AuthService auth(hall.path());
    QVERIFY(!auth.login(QStringLiteral("clerk2"), services::HallService::demoPassword(), &error));
    auto clerk = auth.login(QStringLiteral("clerk2"), QStringLiteral("Forgotten-2026"), &error);
    QVERIFY2(clerk, qPrintable(error));
    QVERIFY(clerk->user().mustChange);
}

QTEST_MAIN(TestSealKeyDialog)
#include "TestSealKeyDialog.moc"
