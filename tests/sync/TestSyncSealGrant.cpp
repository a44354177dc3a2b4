// The seal key granted at a workstation of a hub hall (the seal key dialog's service): the grant is
// an event like the others, admitted at the hub and at a second workstation, where the grantee then
// opens the seal key; the revocation (with its reason) travels the same way and the grantee is
// refused there. Real hub process, workstations as ws_agent processes.
#include "SyncHarness.h"

#include <QTemporaryDir>
#include <QTest>

using namespace oneseal::test;

namespace {
const QString kUserPassword = QStringLiteral("Seal-grant-2026");
const QString kAdminPassword = QStringLiteral("demo1234"); // the harness's hub administrator

QStringList as(const QString& user, const QString& password)
{
    return {QStringLiteral("--user"), user, QStringLiteral("--password"), password};
}

/** The refused events of a quarantine summary, without the workstations' own set-up. */
QStringList refused(const QString& summary)
{
    QStringList lines = summary.split(QLatin1Char('\n')).mid(1);
    lines.removeIf([](const QString& line) { return line.startsWith(QStringLiteral("user.created/")) || line.isEmpty(); });
    return lines;
}
} // namespace

class TestSyncSealGrant : public QObject
{
    Q_OBJECT

private slots:
    void grantAtAWorkstationTravelsBySync();
};

void TestSyncSealGrant::grantAtAWorkstationTravelsBySync()
{
    QTemporaryDir dir;
    HubProcess hub(dir.filePath(QStringLiteral("hub")));
    QString error;
    QVERIFY2(hub.init(&error, true), qPrintable(error));
    RunResult r = hub.addUser(QStringLiteral("certop"), QStringLiteral("certop"), QStringLiteral("certificate"), kUserPassword);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY2(hub.start(&error), qPrintable(error));
    QList<std::shared_ptr<Agent>> agents;
    for (const QString& name : {QStringLiteral("WS-ADMIN"), QStringLiteral("WS-CERT")}) {
        auto agent = std::make_shared<Agent>(dir.filePath(name + QStringLiteral(".db")), name);
        QVERIFY2(agent->create(&error), qPrintable(error));
        const QString code = hub.enrollmentCode(&error);
        QVERIFY2(!code.isEmpty(), qPrintable(error));
        QVERIFY(agent->run(QStringLiteral("enroll"), {QStringLiteral("--hub"), hub.address(), QStringLiteral("--code"), code}).ok());
        QVERIFY(agent->run(QStringLiteral("sync")).ok());
        agents << agent;
    }
    const Agent& adminWs = *agents.at(0);
    const Agent& certWs = *agents.at(1);

    // Both log in once (their signing keys enter the directory); the hub grants the key to the administrator.
    r = adminWs.run(QStringLiteral("login-work"), as(QStringLiteral("admin"), kAdminPassword) << QStringLiteral("--cases")
                                                                                              << QStringLiteral("0"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    r = certWs.run(QStringLiteral("login-work"), as(QStringLiteral("certop"), kUserPassword) << QStringLiteral("--cases")
                                                                                             << QStringLiteral("0"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    for (const Agent* a : {&adminWs, &certWs, &adminWs})
        QVERIFY(a->run(QStringLiteral("sync")).ok());

    // Without a grant of her own, the administrator at the workstation cannot seal the key to anyone.
    const QStringList grant = as(QStringLiteral("admin"), kAdminPassword)
        << QStringLiteral("--kind") << QStringLiteral("grant") << QStringLiteral("--target-user") << QStringLiteral("certop");
    r = adminWs.run(QStringLiteral("seal"), grant);
    QVERIFY2(!r.ok() && r.out.contains(QStringLiteral("You hold no grant")), qPrintable(r.out + r.err));
    r = hub.admin({QStringLiteral("seal-grant"), QStringLiteral("--user"), QStringLiteral("admin")});
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(adminWs.run(QStringLiteral("sync")).ok());

    // Granted at the workstation; before the sync the operator's workstation knows nothing of it.
    r = adminWs.run(QStringLiteral("seal"), grant);
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    const QStringList open = as(QStringLiteral("certop"), kUserPassword) << QStringLiteral("--kind") << QStringLiteral("open");
    r = certWs.run(QStringLiteral("seal"), open);
    QVERIFY2(!r.ok() && r.out.contains(QStringLiteral("not been granted")), qPrintable(r.out + r.err));
    QVERIFY(adminWs.run(QStringLiteral("sync")).ok());
    QVERIFY(certWs.run(QStringLiteral("sync")).ok());
    r = certWs.run(QStringLiteral("seal"), open);
    QVERIFY2(r.ok() && r.out.startsWith(QStringLiteral("ok seal_key=")), qPrintable(r.out + r.err));
    // Admitted everywhere: nothing refused at the hub or at the operator's workstation.
    for (const QStringList& where : {QStringList{QStringLiteral("--hub-dir"), hub.directory()}, QStringList{}}) {
        r = certWs.run(QStringLiteral("quarantine"), where);
        QVERIFY2(r.ok() && refused(r.out).isEmpty(), qPrintable(r.out + r.err));
    }

    // Revoked at the workstation: after the sync the operator is refused there too.
    r = adminWs.run(QStringLiteral("seal"), as(QStringLiteral("admin"), kAdminPassword)
                                                << QStringLiteral("--kind") << QStringLiteral("revoke")
                                                << QStringLiteral("--target-user") << QStringLiteral("certop"));
    QVERIFY2(r.ok(), qPrintable(r.out + r.err));
    QVERIFY(adminWs.run(QStringLiteral("sync")).ok());
    QVERIFY(certWs.run(QStringLiteral("sync")).ok());
    r = certWs.run(QStringLiteral("seal"), open);
    QVERIFY2(!r.ok() && r.out.contains(QStringLiteral("not been granted")), qPrintable(r.out + r.err));
    for (const QStringList& where : {QStringList{QStringLiteral("--hub-dir"), hub.directory()}, QStringList{}}) {
        r = certWs.run(QStringLiteral("quarantine"), where);
        QVERIFY2(r.ok() && refused(r.out).isEmpty(), qPrintable(r.out + r.err));
    }
}

QTEST_GUILESS_MAIN(TestSyncSealGrant)
#include "TestSyncSealGrant.moc"
