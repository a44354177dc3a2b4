// The rules every replica applies to an incoming event (core::EventAdmission), against a directory
// held in memory: each refusal names its reason, and honest events pass.
#include "core/EventAdmission.h"
#include "core/CaseState.h"
#include "core/PaperStock.h"

#include <QCborMap>
#include <QTest>

using namespace oneseal::core;

namespace {
class MemoryDirectory : public EventDirectory
{
public:
    QList<DirectoryKey> keys;
    QHash<QString, DirectoryUser> users;
    QHash<QString, QString> acceptors;

    std::optional<DirectoryKey> key(const QString& keyId) const override
    {
        for (const DirectoryKey& k : keys)
            if (k.keyId == keyId)
                return k;
        return std::nullopt;
    }
    std::optional<DirectoryKey> keyOfUserAt(const QString& userId, const QDateTime& at) const override
    {
        for (const DirectoryKey& k : keys)
            if (k.userId == userId && k.validAt(at))
                return k;
        return std::nullopt;
    }
    std::optional<DirectoryUser> user(const QString& userId) const override
    {
        if (!users.contains(userId))
            return std::nullopt;
        return users.value(userId);
    }
    QString acceptorOf(const QString& caseId) const override { return acceptors.value(caseId); }
};

const QDateTime kT0 = QDateTime(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC);

Event makeEvent(const QString& kind, const QString& userId, const QString& caseId = QStringLiteral("C1"))
{
    Event e;
    e.id = QUuid::createUuid();
    e.caseId = caseId;
    e.kind = kind;
    e.setPayload(QCborMap{{QStringLiteral("x"), 1}});
    e.userId = userId;
    e.workstation = QStringLiteral("WS-1");
    e.hlc = 100;
    e.recordedAt = kT0.addDays(1);
    e.hash = e.computeHash();
    return e;
}
} // namespace

class TestEventAdmission : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_clerk = SealKey::generate();
        m_approver = SealKey::generate();
        m_dir = MemoryDirectory();
        m_dir.keys = {{m_clerk.keyId(), QStringLiteral("clerk"), m_clerk.rawPublicKey(), kT0, {}},
                      {m_approver.keyId(), QStringLiteral("approver"), m_approver.rawPublicKey(), kT0, {}}};
        m_dir.users.insert(QStringLiteral("clerk"), {QStringLiteral("clerk"), Role::IntakeClerk, {}});
        m_dir.users.insert(QStringLiteral("approver"), {QStringLiteral("approver"), Role::Approver | Role::IntakeClerk, {}});
        m_dir.acceptors.insert(QStringLiteral("C1"), QStringLiteral("clerk"));
        m_dir.acceptors.insert(QStringLiteral("C2"), QStringLiteral("approver"));
    }

    void honestEventsPass()
    {
        Event e = makeEvent(QStringLiteral("intake.accepted"), QStringLiteral("clerk"));
        EventAdmission::sign(e, m_clerk);
        QCOMPARE(EventAdmission::check(e, m_dir, 0), QString());
        Event d = makeEvent(QStringLiteral("seal.applied"), QStringLiteral("approver"));
        EventAdmission::sign(d, m_approver);
        QCOMPARE(EventAdmission::check(d, m_dir, 0), QString());
    }

    void forgeriesAreRefused()
    {
        // In the approver's name with the clerk's key.
        Event e = makeEvent(QStringLiteral("seal.applied"), QStringLiteral("approver"));
        EventAdmission::sign(e, m_clerk);
        QVERIFY(EventAdmission::check(e, m_dir, 0).contains(QStringLiteral("another user")));
        // A changed event no longer matches its signature (the hash is recomputed by the forger).
        Event c = makeEvent(QStringLiteral("seal.applied"), QStringLiteral("approver"));
        EventAdmission::sign(c, m_approver);
        c.setPayload(QCborMap{{QStringLiteral("x"), 2}});
        c.hash = c.computeHash();
        QVERIFY(EventAdmission::check(c, m_dir, 0).contains(QStringLiteral("signature does not match")));
        // A role the author lacks.
        Event r = makeEvent(QStringLiteral("decision.approved"), QStringLiteral("clerk"));
        EventAdmission::sign(r, m_clerk);
        QVERIFY(EventAdmission::check(r, m_dir, 0).contains(QStringLiteral("no role")));
        // The acceptor deciding her own case.
        Event s = makeEvent(QStringLiteral("decision.approved"), QStringLiteral("approver"), QStringLiteral("C2"));
        EventAdmission::sign(s, m_approver);
        QVERIFY(EventAdmission::check(s, m_dir, 0).contains(QStringLiteral("four separations")));
        // Unsigned after the legacy point; admitted at or before it.
        Event u = makeEvent(QStringLiteral("intake.accepted"), QStringLiteral("clerk"));
        QVERIFY(EventAdmission::check(u, m_dir, 99).contains(QStringLiteral("unsigned")));
        QCOMPARE(EventAdmission::check(u, m_dir, 100), QString());
        // An unknown key.
        Event k = makeEvent(QStringLiteral("intake.accepted"), QStringLiteral("clerk"));
        EventAdmission::sign(k, SealKey::generate());
        QVERIFY(EventAdmission::check(k, m_dir, 0).contains(QStringLiteral("not in the hall's directory")));
    }

    void paperAndHandoverEvents()
    {
        // Certificate stock is the certificate operators' (the clerk holds no such role); a
        // handover needs another user of the hall and its report; each refusal names its reason.
        Event stock = makeEvent(eventkind::paperReceived, QStringLiteral("clerk"), QString());
        stock.setPayload(QCborMap{{payload::firstSheet, 1}, {payload::lastSheet, 10}});
        stock.hash = stock.computeHash();
        EventAdmission::sign(stock, m_clerk);
        QVERIFY(EventAdmission::check(stock, m_dir, 0).contains(QStringLiteral("no role")));
        auto handover = [&](const QString& incoming, bool withReport) {
            Event h = makeEvent(eventkind::shiftHandover, QStringLiteral("clerk"), QString());
            QCborMap p{{payload::incomingUser, incoming}};
            if (withReport) {
                p.insert(payload::report, QCborMap{{QStringLiteral("mismatches"), 0}});
                p.insert(payload::documentHash, QString(64, QLatin1Char('0')));
            }
            h.setPayload(p);
            h.hash = h.computeHash();
            EventAdmission::sign(h, m_clerk);
            return EventAdmission::check(h, m_dir, 0);
        };
        QCOMPARE(handover(QStringLiteral("approver"), true), QString());
        QVERIFY(handover(QStringLiteral("clerk"), true).contains(QStringLiteral("another user")));
        QVERIFY(handover(QStringLiteral("approver"), false).contains(QStringLiteral("report")));
        QVERIFY(handover(QStringLiteral("nobody"), true).contains(QStringLiteral("not a user")));
    }

    void validityAndDisabledUsers()
    {
        m_dir.keys[0].validUntil = kT0.addDays(1); // the clerk's key ended (password reset)
        Event e = makeEvent(QStringLiteral("intake.accepted"), QStringLiteral("clerk"));
        EventAdmission::sign(e, m_clerk);
        QVERIFY(EventAdmission::check(e, m_dir, 0).contains(QStringLiteral("outside its validity")));
        e.recordedAt = kT0.addSecs(3600); // an event of before stays valid
        e.hash = e.computeHash();
        EventAdmission::sign(e, m_clerk);
        QCOMPARE(EventAdmission::check(e, m_dir, 0), QString());
        m_dir.users[QStringLiteral("clerk")].disabledAt = kT0.addSecs(1800);
        QVERIFY(EventAdmission::check(e, m_dir, 0).contains(QStringLiteral("disabled")));
        m_dir.users.remove(QStringLiteral("clerk"));
        QVERIFY(EventAdmission::check(e, m_dir, 0).contains(QStringLiteral("not a user")));
    }

    void keyRegistrations()
    {
        const SealKey fresh = SealKey::generate();
        auto registration = [&](const QString& userId, const SealKey& signer) {
            Event e = makeEvent(EventAdmission::keyRegisteredKind(), userId, QString());
            e.setPayload(QCborMap{{QStringLiteral("user_id"), userId},
                                  {QStringLiteral("key_id"), fresh.keyId()},
                                  {QStringLiteral("public_key"), fresh.rawPublicKey()}});
            e.hash = e.computeHash();
            EventAdmission::sign(e, signer);
            return e;
        };
        // Another key for a user who has one, signed by the new key: refused; by her current key: admitted.
        QVERIFY(EventAdmission::check(registration(QStringLiteral("approver"), fresh), m_dir, 0)
                    .contains(QStringLiteral("current key")));
        QCOMPARE(EventAdmission::check(registration(QStringLiteral("approver"), m_approver), m_dir, 0), QString());
        // A first key signs its own registration.
        m_dir.users.insert(QStringLiteral("new"), {QStringLiteral("new"), Role::Reviewer, {}});
        QCOMPARE(EventAdmission::check(registration(QStringLiteral("new"), fresh), m_dir, 0), QString());
        // Hub events are the authority's.
        Event h = makeEvent(QStringLiteral("user.created"), QStringLiteral("x"), QString());
        h.workstation = EventAdmission::hubWorkstation();
        QCOMPARE(EventAdmission::check(h, m_dir, 0), QString());
    }

private:
    SealKey m_clerk;
    SealKey m_approver;
    MemoryDirectory m_dir;
};

QTEST_GUILESS_MAIN(TestEventAdmission)
#include "TestEventAdmission.moc"
