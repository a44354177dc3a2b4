// The rules every replica applies to an incoming event (core::EventAdmission), against a directory
// held in memory: each refusal names its reason, and honest events pass.
#include "core/EventAdmission.h"
#include "core/CaseState.h"
#include "core/HybridLogicalClock.h"
#include "core/PaperStock.h"
#include "core/PasswordAuth.h"
#include "core/RoleChanges.h"

#include <QCborArray>
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
    QList<ChainCheckpoint> checkpoints; ///< ascending server_seq
    std::optional<ChainCheckpoint> checkpointBefore(const QString& workstation, qint64 serverSeq) const override
    {
        std::optional<ChainCheckpoint> found;
        for (const ChainCheckpoint& c : checkpoints)
            if (c.workstation == workstation && c.serverSeq < serverSeq)
                found = c;
        return found;
    }
    QHash<QString, QString> authKeys;
    QString authKeyOf(const QString& userId) const override { return authKeys.value(userId); }
    RoleChanges roleChanges; ///< as db::UserDirectory keeps them: from the admitted user.roles_changed
    Roles rolesAt(const QString& userId, const QDateTime& at) const override
    {
        const auto u = user(userId);
        return roleChanges.rolesAt(userId, at, u ? u->roles : Roles());
    }
    bool proofRequired = false;
    bool firstKeyProofRequired() const override { return proofRequired; }
};

const QDateTime kT0 = QDateTime(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC);

Event makeEvent(const QString& kind, const QString& userId, const QString& caseId = QStringLiteral("C1"))
{
    Event e;
    e.id = QUuid::createUuid();
    e.caseId = caseId;
    e.kind = kind;
    // A payload of the shape the kind's projection reads (EventAdmission::checkShape).
    QCborMap p{{QStringLiteral("x"), 1}, {QStringLiteral("date"), QStringLiteral("2026-01-02")}};
    if (kind.startsWith(QLatin1String("intake."))) {
        p.insert(QStringLiteral("subject_code"), QStringLiteral("S1"));
        p.insert(QStringLiteral("applicant"), QCborMap{{QStringLiteral("name"), QStringLiteral("A")}});
    } else if (kind == QLatin1String("seal.applied")) {
        p.insert(QStringLiteral("sha256"), QString(64, QLatin1Char('a')));
        p.insert(QStringLiteral("document"), QStringLiteral("Licence"));
    }
    e.setPayload(p);
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

    // An event numbered after a hub-signed checkpoint of its chain may not claim to be older than the
    // checkpoint's hub time less the margin (docs/SECURITY.md, "Checkpoints"); the checkpoint's
    // signature covers every field.
    void backdatedEventsAfterACheckpointAreRefused()
    {
        const SealKey hubKey = SealKey::generate();
        ChainCheckpoint cp;
        cp.workstation = QStringLiteral("WS-1");
        cp.serverSeq = 10;
        cp.head = QByteArray(32, 'h');
        cp.hubTime = kT0.addDays(3);
        cp.marginMs = 24LL * 3600 * 1000;
        cp.sign(hubKey);
        QVERIFY(cp.verify(hubKey.rawPublicKey()));
        const auto back = ChainCheckpoint::fromCbor(cp.toCbor());
        QVERIFY(back && back->verify(hubKey.rawPublicKey()) && back->hubTime == cp.hubTime);
        ChainCheckpoint moved = cp;
        moved.head = QByteArray(32, 'i');
        QVERIFY(!moved.verify(hubKey.rawPublicKey()));
        QVERIFY(!cp.verify(SealKey::generate().rawPublicKey()));
        QCborMap shortHead = cp.toCbor();
        shortHead.insert(QStringLiteral("head"), QByteArray(31, 'h'));
        QVERIFY(!ChainCheckpoint::fromCbor(shortHead));
        m_dir.checkpoints = {cp};

        auto checked = [&](qint64 serverSeq, const QDateTime& recordedAt, const QString& workstation = QStringLiteral("WS-1")) {
            Event e = makeEvent(QStringLiteral("intake.accepted"), QStringLiteral("clerk"));
            e.workstation = workstation;
            e.recordedAt = recordedAt;
            e.serverSeq = serverSeq;
            e.hash = e.computeHash();
            EventAdmission::sign(e, m_clerk);
            return EventAdmission::check(e, m_dir, 0);
        };
        QVERIFY(checked(11, kT0.addDays(1)).contains(QStringLiteral("(backdated)")));
        QVERIFY(checked(11, kT0.addDays(2).addMSecs(-1)).contains(QStringLiteral("before the hub's checkpoint of workstation WS-1")));
        QCOMPARE(checked(11, kT0.addDays(2)), QString());          // exactly the margin
        QCOMPARE(checked(10, kT0.addDays(1)), QString());          // the checkpoint's own event, and those before
        QCOMPARE(checked(11, kT0.addDays(1), QStringLiteral("WS-2")), QString()); // another chain
        QCOMPARE(checked(0, kT0.addDays(1)), QString());           // not numbered by the hub (a local event)
    }

    // A round's checkpoint (docs/SECURITY.md, "Checkpoints") also names the hub's clock the
    // workstation held before the round: an event after it with a clock not above it is backdated,
    // however recent its date; and it was written after the checkpoint's hub time, so a disabling
    // made before that time holds for it whatever date it claims. Signed over v2 bytes (the clock too).
    void roundCheckpointsBoundTheClockAndTheDisabling()
    {
        const SealKey hubKey = SealKey::generate();
        ChainCheckpoint cp;
        cp.workstation = QStringLiteral("WS-1");
        cp.serverSeq = 10;
        cp.head = QByteArray(32, 'h');
        cp.hubTime = kT0.addDays(3);
        cp.marginMs = 24LL * 3600 * 1000;
        cp.hlc = HybridLogicalClock::pack(kT0.addDays(3).toMSecsSinceEpoch(), 7);
        cp.sign(hubKey);
        QVERIFY(cp.signedBytes().startsWith("oneseal-checkpoint-v2:"));
        const auto back = ChainCheckpoint::fromCbor(cp.toCbor());
        QVERIFY(back && back->hlc == cp.hlc && back->verify(hubKey.rawPublicKey()));
        ChainCheckpoint lowered = cp;
        lowered.hlc -= 1;
        QVERIFY(!lowered.verify(hubKey.rawPublicKey()));
        ChainCheckpoint dropped = cp; // the clock left out: v1 bytes, which the hub did not sign
        dropped.hlc = 0;
        QVERIFY(!dropped.verify(hubKey.rawPublicKey()));
        m_dir.checkpoints = {cp};

        auto checked = [&](qint64 serverSeq, const QDateTime& recordedAt, quint64 hlc) {
            Event e = makeEvent(QStringLiteral("intake.accepted"), QStringLiteral("clerk"));
            e.workstation = QStringLiteral("WS-1");
            e.recordedAt = recordedAt;
            e.hlc = hlc;
            e.serverSeq = serverSeq;
            e.hash = e.computeHash();
            EventAdmission::sign(e, m_clerk);
            return EventAdmission::check(e, m_dir, 0);
        };
        const QDateTime within = kT0.addDays(3).addSecs(-3600); // within the margin
        QVERIFY(checked(11, within, cp.hlc).contains(QStringLiteral("is not after the hub's clock")));
        QVERIFY(checked(11, within, cp.hlc).contains(QStringLiteral("(backdated)")));
        QCOMPARE(checked(11, within, cp.hlc + 1), QString());
        QCOMPARE(checked(10, within, cp.hlc), QString()); // the checkpoint's own event, and those before

        // Disabled an hour before the checkpoint's time: an event after it dated before the disabling
        // counts as written at the checkpoint's time; one numbered before it keeps its own date.
        m_dir.users[QStringLiteral("clerk")].disabledAt = kT0.addDays(3).addSecs(-60);
        QVERIFY(checked(11, within, cp.hlc + 1).contains(QStringLiteral("was disabled")));
        QCOMPARE(checked(10, within, cp.hlc), QString());
        // Disabled after the checkpoint's time: the event's own date decides (nothing is known).
        m_dir.users[QStringLiteral("clerk")].disabledAt = kT0.addDays(3).addSecs(60);
        QCOMPARE(checked(11, within, cp.hlc + 1), QString());
        QVERIFY(checked(11, kT0.addDays(3).addSecs(61), cp.hlc + 1).contains(QStringLiteral("was disabled")));

        // Her intake role taken away a minute before the checkpoint's time: the same later time holds
        // for the roles; an event numbered before the checkpoint keeps its own date (she held it then).
        m_dir.users[QStringLiteral("clerk")].disabledAt = QDateTime();
        Event demote;
        demote.kind = RoleChanges::eventKind();
        demote.recordedAt = kT0.addDays(3).addSecs(-60);
        demote.setPayload(RoleChanges::payload(QStringLiteral("clerk"), Role::Reviewer, Role::IntakeClerk));
        m_dir.roleChanges.add(*RoleChanges::fromEvent(demote));
        QVERIFY(checked(11, within, cp.hlc + 1).contains(QStringLiteral("holds no role")));
        QCOMPARE(checked(10, within, cp.hlc), QString());
    }

    void declaredValuesAreBounded()
    {
        // Values declared at intake (主体业态): a bounded list, each for a matter of the case.
        auto intake = [&](const QCborValue& declared) {
            Event e = makeEvent(QStringLiteral("intake.accepted"), QStringLiteral("clerk"));
            QCborMap p = e.payload();
            p.insert(payload::matters, QCborArray{QStringLiteral("M1"), QStringLiteral("M2")});
            if (!declared.isUndefined())
                p.insert(payload::declared, declared);
            e.setPayload(p);
            e.hash = e.computeHash();
            EventAdmission::sign(e, m_clerk);
            return EventAdmission::check(e, m_dir, 0);
        };
        auto value = [](const QString& matter, const QString& v) {
            return QCborMap{{payload::matter, matter},
                            {payload::declaredKey, QStringLiteral("businessType")},
                            {payload::declaredValue, v}};
        };
        QCOMPARE(intake(QCborValue()), QString()); // an older event without it
        QCOMPARE(intake(QCborArray{value(QStringLiteral("M1"), QStringLiteral("餐饮服务经营者"))}), QString());
        QCOMPARE(intake(QCborArray{value(QStringLiteral("M2"), QString(100, QChar(0x98df)))}), QString());
        const QString why = QStringLiteral("declared value");
        QVERIFY(intake(QCborArray{value(QStringLiteral("M1"), QString(101, QChar(0x98df)))}).contains(why));
        QVERIFY(intake(QCborArray{value(QStringLiteral("M9"), QStringLiteral("单位食堂"))}).contains(why));
        QVERIFY(intake(QCborArray{value(QStringLiteral("M1"), QStringLiteral("  "))}).contains(why));
        QVERIFY(intake(QCborArray{value(QStringLiteral("M1"), QString()).value(payload::declaredKey)}).contains(why));
        QCborMap longKey = value(QStringLiteral("M1"), QStringLiteral("单位食堂"));
        longKey.insert(payload::declaredKey, QString(65, QLatin1Char('k')));
        QVERIFY(intake(QCborArray{longKey}).contains(why));
        QVERIFY(intake(QStringLiteral("餐饮服务经营者")).contains(QStringLiteral("declared values")));
        QCborArray many;
        for (int i = 0; i <= DeclaredField::kMaxPerCase; ++i)
            many << value(QStringLiteral("M1"), QStringLiteral("单位食堂"));
        QVERIFY(intake(many).contains(QStringLiteral("declared values")));
    }

    void counterEventsNeedTheirShape()
    {
        auto signedEvent = [&](const QString& kind, const QCborMap& payload, const QString& caseId = QStringLiteral("C1")) {
            Event e = makeEvent(kind, QStringLiteral("clerk"), caseId);
            e.setPayload(payload);
            e.hash = e.computeHash();
            EventAdmission::sign(e, m_clerk);
            return EventAdmission::check(e, m_dir, 0);
        };
        QCOMPARE(signedEvent(QStringLiteral("counter.rated"), QCborMap{{QStringLiteral("level"), 5}}), QString());
        QCOMPARE(signedEvent(QStringLiteral("counter.ticket"),
                             QCborMap{{QStringLiteral("ticket"), QStringLiteral("A012")},
                                      {QStringLiteral("called_at"), QStringLiteral("2026-01-02T08:00:00.000Z")}}),
                 QString());
        QVERIFY(signedEvent(QStringLiteral("counter.rated"), QCborMap{{QStringLiteral("level"), 6}}).contains(QStringLiteral("five levels")));
        QVERIFY(signedEvent(QStringLiteral("counter.rated"), QCborMap{{QStringLiteral("level"), QStringLiteral("5")}})
                    .contains(QStringLiteral("five levels")));
        QVERIFY(signedEvent(QStringLiteral("counter.rated"), QCborMap{{QStringLiteral("level"), 3}}, QString())
                    .contains(QStringLiteral("names no case")));
        QVERIFY(signedEvent(QStringLiteral("counter.ticket"), QCborMap{{QStringLiteral("ticket"), QStringLiteral("<script>")}})
                    .contains(QStringLiteral("ticket number")));
        QVERIFY(signedEvent(QStringLiteral("counter.ticket"), QCborMap{{QStringLiteral("ticket"), QStringLiteral("A1")},
                                                                        {QStringLiteral("issued_at"), QStringLiteral("soon")}})
                    .contains(QStringLiteral("malformed time")));
        // Only a role that accepts cases writes them.
        m_dir.users[QStringLiteral("clerk")].roles = Role::Reviewer;
        QVERIFY(signedEvent(QStringLiteral("counter.rated"), QCborMap{{QStringLiteral("level"), 5}}).contains(QStringLiteral("no role")));
    }

    void caseLifeEventsNeedTheirRoleAndShape()
    {
        auto signedAs = [](const QString& kind, const QString& user, const SealKey& key, QCborMap payload,
                           const QString& caseId = QStringLiteral("C1")) {
            Event e = makeEvent(kind, user, caseId);
            if (kind.startsWith(QLatin1String("decision.")) && !payload.contains(QStringLiteral("date")))
                payload.insert(QStringLiteral("date"), QStringLiteral("2026-01-05")); // as services::CaseSteps writes
            e.setPayload(payload);
            e.hash = e.computeHash();
            EventAdmission::sign(e, key);
            return e;
        };
        const QCborMap reasons{{QStringLiteral("reasons"), QStringLiteral("逾期未补交")}};
        // Sound: an extension of 5 days with reasons, a revocation, a clock stop, a supplied material.
        QCOMPARE(EventAdmission::check(signedAs(QStringLiteral("decision.extended"), QStringLiteral("approver"), m_approver,
                                                {{QStringLiteral("days"), 5}, {QStringLiteral("reasons"), QStringLiteral("复杂")}}),
                                       m_dir, 0),
                 QString());
        QCOMPARE(EventAdmission::check(signedAs(QStringLiteral("decision.revoked"), QStringLiteral("approver"), m_approver, reasons),
                                       m_dir, 0),
                 QString());
        QCOMPARE(EventAdmission::check(signedAs(QStringLiteral("clock.stopped"), QStringLiteral("approver"), m_approver,
                                                {{QStringLiteral("stop"), QStringLiteral("hearing")},
                                                 {QStringLiteral("clock_stops"), QStringLiteral("2026-01-05")}}),
                                       m_dir, 0),
                 QString());
        QCOMPARE(EventAdmission::check(signedAs(QStringLiteral("material.supplied"), QStringLiteral("clerk"), m_clerk,
                                                {{QStringLiteral("material_code"), QStringLiteral("M1")}}),
                                       m_dir, 0),
                 QString());
        // Malformed: 11 days, no reasons, an unknown stop, a rectification without its deadline.
        QVERIFY(EventAdmission::check(signedAs(QStringLiteral("decision.extended"), QStringLiteral("approver"), m_approver,
                                               {{QStringLiteral("days"), 11}, {QStringLiteral("reasons"), QStringLiteral("x")}}),
                                      m_dir, 0)
                    .contains(QStringLiteral("malformed")));
        QVERIFY(EventAdmission::check(signedAs(QStringLiteral("decision.terminated"), QStringLiteral("approver"), m_approver, {}),
                                      m_dir, 0)
                    .contains(QStringLiteral("malformed")));
        QVERIFY(EventAdmission::check(signedAs(QStringLiteral("clock.stopped"), QStringLiteral("approver"), m_approver,
                                               {{QStringLiteral("stop"), QStringLiteral("lunch")},
                                                {QStringLiteral("clock_stops"), QStringLiteral("2026-01-05")}}),
                                      m_dir, 0)
                    .contains(QStringLiteral("malformed")));
        // Roles: a clerk may not check a pledge or stop a clock; an approver who is no clerk may not
        // record a supplied material; the acceptor may not check the pledge of her own case.
        QVERIFY(EventAdmission::check(signedAs(QStringLiteral("verification.confirmed"), QStringLiteral("clerk"), m_clerk, {}),
                                      m_dir, 0)
                    .contains(QStringLiteral("no role")));
        QVERIFY(EventAdmission::check(signedAs(QStringLiteral("clock.resumed"), QStringLiteral("clerk"), m_clerk,
                                               {{QStringLiteral("date"), QStringLiteral("2026-01-06")}}),
                                      m_dir, 0)
                    .contains(QStringLiteral("no role")));
        m_dir.users[QStringLiteral("approver")].roles = Role::Approver | Role::Regulator;
        QVERIFY(EventAdmission::check(signedAs(QStringLiteral("material.supplied"), QStringLiteral("approver"), m_approver,
                                               {{QStringLiteral("material_code"), QStringLiteral("M1")}}),
                                      m_dir, 0)
                    .contains(QStringLiteral("no role")));
        QCOMPARE(EventAdmission::check(signedAs(QStringLiteral("verification.confirmed"), QStringLiteral("approver"), m_approver, {}),
                                       m_dir, 0),
                 QString());
        QVERIFY(EventAdmission::check(signedAs(QStringLiteral("verification.confirmed"), QStringLiteral("approver"), m_approver,
                                               {}, QStringLiteral("C2")),
                                      m_dir, 0)
                    .contains(QStringLiteral("four separations")));
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

    // Roles change at the hub (or a standalone hall's administrator) at the authority's time; every
    // event counts with the roles its author held when it was recorded, whatever the replica's users
    // table says now and whatever order the change and the event arrived in.
    void rolesCountFromTheirTime()
    {
        const QDateTime changedAt = kT0.addDays(2);
        auto signedBy = [](const QString& kind, const QString& user, const QString& caseId, const QDateTime& at,
                           const SealKey& key) {
            Event e = makeEvent(kind, user, caseId);
            e.recordedAt = at;
            e.hash = e.computeHash();
            EventAdmission::sign(e, key);
            return e;
        };
        // The approver decides case C1 the day before she loses the role, and again the day after.
        const Event before = signedBy(QStringLiteral("decision.approved"), QStringLiteral("approver"), QStringLiteral("C1"),
                                      kT0.addDays(1), m_approver);
        const Event after = signedBy(QStringLiteral("decision.approved"), QStringLiteral("approver"), QStringLiteral("C1"),
                                     kT0.addDays(3), m_approver);
        // The clerk reviews case C2 (accepted by someone else) before and after her promotion.
        const Event earlyReview = signedBy(QStringLiteral("review.passed"), QStringLiteral("clerk"), QStringLiteral("C2"),
                                           kT0.addDays(1), m_clerk);
        const Event lateReview = signedBy(QStringLiteral("review.passed"), QStringLiteral("clerk"), QStringLiteral("C2"),
                                          kT0.addDays(3), m_clerk);
        // Nothing changed yet (a replica the change has not reached): today's roles.
        QCOMPARE(EventAdmission::check(before, m_dir, 0), QString());
        QCOMPARE(EventAdmission::check(after, m_dir, 0), QString());
        QVERIFY(EventAdmission::check(earlyReview, m_dir, 0).contains(QStringLiteral("holds no role")));

        Event demote;
        demote.kind = RoleChanges::eventKind();
        demote.recordedAt = changedAt;
        demote.setPayload(RoleChanges::payload(QStringLiteral("approver"), Role::IntakeClerk, Role::Approver | Role::IntakeClerk));
        Event promote = demote;
        promote.setPayload(RoleChanges::payload(QStringLiteral("clerk"), Role::IntakeClerk | Role::Reviewer, Role::IntakeClerk));
        // Both changes known, in either order, with the users table before the change (the events
        // came first) or after it (the hub's users came first): the same answers.
        for (int variant = 0; variant < 4; ++variant) {
            MemoryDirectory dir = m_dir;
            const QList<Event> order = variant % 2 ? QList<Event>{promote, demote} : QList<Event>{demote, promote};
            for (const Event& change : order)
                dir.roleChanges.add(*RoleChanges::fromEvent(change));
            if (variant >= 2) {
                dir.users[QStringLiteral("approver")].roles = Role::IntakeClerk;
                dir.users[QStringLiteral("clerk")].roles = Role::IntakeClerk | Role::Reviewer;
            }
            QCOMPARE(EventAdmission::check(before, dir, 0), QString());
            QVERIFY(EventAdmission::check(after, dir, 0).contains(QStringLiteral("holds no role that may write decision.approved")));
            QVERIFY(EventAdmission::check(earlyReview, dir, 0).contains(QStringLiteral("holds no role")));
            QCOMPARE(EventAdmission::check(lateReview, dir, 0), QString());
            // At the very time of the change the new roles hold (as a disabling does).
            const Event atChange = signedBy(QStringLiteral("decision.approved"), QStringLiteral("approver"),
                                            QStringLiteral("C1"), changedAt, m_approver);
            QVERIFY(EventAdmission::check(atChange, dir, 0).contains(QStringLiteral("holds no role")));
        }
        // Given back later: her decisions from then on count again, those in between still do not.
        m_dir.roleChanges.add(*RoleChanges::fromEvent(demote));
        Event restore = demote;
        restore.recordedAt = kT0.addDays(4);
        restore.setPayload(RoleChanges::payload(QStringLiteral("approver"), Role::Approver, Role::IntakeClerk));
        m_dir.roleChanges.add(*RoleChanges::fromEvent(restore));
        QVERIFY(EventAdmission::check(after, m_dir, 0).contains(QStringLiteral("holds no role")));
        QCOMPARE(EventAdmission::check(signedBy(QStringLiteral("decision.approved"), QStringLiteral("approver"),
                                                QStringLiteral("C1"), kT0.addDays(5), m_approver),
                                       m_dir, 0),
                 QString());
        QCOMPARE(EventAdmission::check(before, m_dir, 0), QString());

        // The seal key granted to her while she was no approver (nor operator): refused; before: fine.
        const SealKey admin = SealKey::generate();
        m_dir.keys << DirectoryKey{admin.keyId(), QStringLiteral("admin"), admin.rawPublicKey(), kT0, {}};
        m_dir.users.insert(QStringLiteral("admin"), {QStringLiteral("admin"), Role::Administrator, {}});
        const SealKey seal = SealKey::generate();
        auto grant = [&](const QDateTime& at) {
            Event g = makeEvent(SealGrant::grantedKind(), QStringLiteral("admin"), QString());
            g.setPayload(QCborMap{{QStringLiteral("user_id"), QStringLiteral("approver")},
                                  {QStringLiteral("seal_key_id"), seal.keyId()},
                                  {QStringLiteral("seal_public_key"), seal.rawPublicKey()},
                                  {QStringLiteral("recipient_key_id"), m_approver.keyId()},
                                  {QStringLiteral("wrapped"), QByteArray(80, 'w')}});
            g.recordedAt = at;
            g.hash = g.computeHash();
            EventAdmission::sign(g, admin);
            return g;
        };
        QCOMPARE(EventAdmission::check(grant(kT0.addDays(1)), m_dir, 0), QString());
        QVERIFY(EventAdmission::check(grant(kT0.addDays(3)), m_dir, 0).contains(QStringLiteral("neither a certificate operator")));

        // The change itself, written at a standalone hall: an administrator's, well formed, not
        // taking the administrator's role from themselves.
        auto change = [&](const QString& author, const SealKey& key, const QCborMap& payload) {
            Event c = makeEvent(RoleChanges::eventKind(), author, QString());
            c.setPayload(payload);
            c.hash = c.computeHash();
            EventAdmission::sign(c, key);
            return c;
        };
        QCOMPARE(EventAdmission::check(change(QStringLiteral("admin"), admin,
                                              RoleChanges::payload(QStringLiteral("clerk"), Role::Reviewer, Role::IntakeClerk)),
                                       m_dir, 0),
                 QString());
        QVERIFY(EventAdmission::check(change(QStringLiteral("clerk"), m_clerk,
                                             RoleChanges::payload(QStringLiteral("clerk"), Role::Approver, Role::IntakeClerk)),
                                      m_dir, 0)
                    .contains(QStringLiteral("holds no role that may write user.roles_changed")));
        QVERIFY(EventAdmission::check(change(QStringLiteral("admin"), admin,
                                             RoleChanges::payload(QStringLiteral("admin"), Role::Supervisor, Role::Administrator)),
                                      m_dir, 0)
                    .contains(QStringLiteral("from themselves")));
        QCborMap unknown = RoleChanges::payload(QStringLiteral("clerk"), Role::Reviewer, Role::IntakeClerk);
        unknown.insert(QStringLiteral("roles"), QStringLiteral("review,emperor"));
        QVERIFY(EventAdmission::check(change(QStringLiteral("admin"), admin, unknown), m_dir, 0).contains(QStringLiteral("emperor")));
        QVERIFY(EventAdmission::check(change(QStringLiteral("admin"), admin,
                                             RoleChanges::payload(QStringLiteral("nobody"), Role::Reviewer, Role::IntakeClerk)),
                                      m_dir, 0)
                    .contains(QStringLiteral("not a user of this hall")));
        QVERIFY(EventAdmission::check(change(QStringLiteral("admin"), admin,
                                             RoleChanges::payload(QStringLiteral("clerk"), Roles(), Role::IntakeClerk)),
                                      m_dir, 0)
                    .contains(QStringLiteral("no role")));
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
        // A user whose auth key the events name (made with the administrator's password): her first
        // key needs its proof by that auth key, which the database key does not make.
        SealKey auth;
        m_dir.authKeys.insert(QStringLiteral("new"),
                              PasswordAuth::make(QStringLiteral("set by admin"), {quint64(1) << 10, 8, 1}, &auth));
        QVERIFY(EventAdmission::check(registration(QStringLiteral("new"), fresh), m_dir, 0)
                    .contains(QStringLiteral("without a valid proof by the user's password")));
        auto proved = [&](const QByteArray& proof) {
            Event e = makeEvent(EventAdmission::keyRegisteredKind(), QStringLiteral("new"), QString());
            e.setPayload(QCborMap{{QStringLiteral("user_id"), QStringLiteral("new")},
                                  {QStringLiteral("key_id"), fresh.keyId()},
                                  {QStringLiteral("public_key"), fresh.rawPublicKey()},
                                  {QStringLiteral("auth_proof"), proof}});
            e.hash = e.computeHash();
            EventAdmission::sign(e, fresh);
            return e;
        };
        QCOMPARE(EventAdmission::check(proved(PasswordAuth::proveFirstKey(auth, QStringLiteral("new"), fresh.keyId())), m_dir, 0),
                 QString());
        // A proof by another key, or for another key id, or for another user: refused.
        for (const QByteArray& bad : {PasswordAuth::proveFirstKey(SealKey::generate(), QStringLiteral("new"), fresh.keyId()),
                                      PasswordAuth::proveFirstKey(auth, QStringLiteral("new"), SealKey::generate().keyId()),
                                      PasswordAuth::proveFirstKey(auth, QStringLiteral("approver"), fresh.keyId()),
                                      QByteArray(10, 'x')})
            QVERIFY(EventAdmission::check(proved(bad), m_dir, 0).contains(QStringLiteral("without a valid proof")));
        // Hub events are the authority's.
        Event h = makeEvent(QStringLiteral("user.created"), QStringLiteral("x"), QString());
        h.workstation = EventAdmission::hubWorkstation();
        QCOMPARE(EventAdmission::check(h, m_dir, 0), QString());
    }

    // An administrator's password reset is the hub's: from a workstation it is refused, however signed.
    // After it (the directory ended her key and holds the reset's auth key), her next key is a first
    // key proved by the new password; one unproved, proved by the old password, or signed by her old
    // key is refused, and her old key signs nothing later (its events of before still count).
    void passwordResetAtTheHub()
    {
        const crypto::ScryptParams cheap{quint64(1) << 10, 8, 1};
        SealKey oldAuth, newAuth;
        const QString oldAuthKey = PasswordAuth::make(QStringLiteral("forgotten one"), cheap, &oldAuth);
        const QString newAuthKey = PasswordAuth::make(QStringLiteral("set by admin"), cheap, &newAuth);
        auto reset = [&](const QString& workstation) {
            Event e = makeEvent(EventAdmission::passwordResetKind(), QStringLiteral("clerk"), QString());
            e.setPayload(QCborMap{{QStringLiteral("user_id"), QStringLiteral("clerk")},
                                  {QStringLiteral("auth_key"), newAuthKey},
                                  {QStringLiteral("by"), QStringLiteral("admin")}});
            e.workstation = workstation;
            e.hash = e.computeHash();
            return e;
        };
        QCOMPARE(EventAdmission::check(reset(EventAdmission::hubWorkstation()), m_dir, 0), QString());
        // From a workstation: the clerk's own key, or an administrator's, changes nothing.
        m_dir.users.insert(QStringLiteral("admin"), {QStringLiteral("admin"), Role::Administrator, {}});
        const SealKey admin = SealKey::generate();
        m_dir.keys.append({admin.keyId(), QStringLiteral("admin"), admin.rawPublicKey(), kT0, {}});
        for (const SealKey* signer : {static_cast<const SealKey*>(&m_clerk), &admin}) {
            Event e = reset(QStringLiteral("WS-1"));
            e.userId = signer == &admin ? QStringLiteral("admin") : QStringLiteral("clerk");
            e.hash = e.computeHash();
            EventAdmission::sign(e, *signer);
            QVERIFY2(EventAdmission::check(e, m_dir, 0).contains(QStringLiteral("only at the hub")),
                     qPrintable(EventAdmission::check(e, m_dir, 0)));
        }

        // The reset as every replica folds it: the clerk's key ends at its time, the auth key moves on.
        const QDateTime resetAt = kT0.addDays(1);
        m_dir.keys[0].validUntil = resetAt;
        m_dir.authKeys.insert(QStringLiteral("clerk"), newAuthKey);
        const SealKey fresh = SealKey::generate();
        auto registration = [&](const SealKey& signer, const QByteArray& proof) {
            Event e = makeEvent(EventAdmission::keyRegisteredKind(), QStringLiteral("clerk"), QString());
            QCborMap p{{QStringLiteral("user_id"), QStringLiteral("clerk")},
                       {QStringLiteral("key_id"), fresh.keyId()},
                       {QStringLiteral("public_key"), fresh.rawPublicKey()}};
            if (!proof.isEmpty())
                p.insert(QStringLiteral("auth_proof"), proof);
            e.setPayload(p);
            e.recordedAt = resetAt.addSecs(600);
            e.hash = e.computeHash();
            EventAdmission::sign(e, signer);
            return e;
        };
        const QByteArray byNew = PasswordAuth::proveFirstKey(newAuth, QStringLiteral("clerk"), fresh.keyId());
        const QByteArray byOld = PasswordAuth::proveFirstKey(oldAuth, QStringLiteral("clerk"), fresh.keyId());
        // Proved by the new password (her login at another workstation): admitted although she had a key.
        QCOMPARE(EventAdmission::check(registration(fresh, byNew), m_dir, 0), QString());
        // Unproved, or proved by the old password (a thief who knows it): refused.
        QVERIFY(EventAdmission::check(registration(fresh, {}), m_dir, 0).contains(QStringLiteral("without a valid proof")));
        QVERIFY(EventAdmission::check(registration(fresh, byOld), m_dir, 0).contains(QStringLiteral("without a valid proof")));
        // Signed by her old key (a rotation at a workstation that had not synced): refused.
        QVERIFY(!EventAdmission::check(registration(m_clerk, byNew), m_dir, 0).isEmpty());
        // Her old key signs nothing after the reset; what it signed before still counts.
        Event later = makeEvent(QStringLiteral("intake.accepted"), QStringLiteral("clerk"));
        later.recordedAt = resetAt.addSecs(1);
        later.hash = later.computeHash();
        EventAdmission::sign(later, m_clerk);
        QVERIFY(EventAdmission::check(later, m_dir, 0).contains(QStringLiteral("outside its validity")));
        Event before = makeEvent(QStringLiteral("intake.accepted"), QStringLiteral("clerk"));
        before.recordedAt = resetAt.addSecs(-60);
        before.hash = before.computeHash();
        EventAdmission::sign(before, m_clerk);
        QCOMPARE(EventAdmission::check(before, m_dir, 0), QString());
    }

    // Users from before the first-key rule (no auth key in the events) keep the old rule until the
    // hall's switch, the hub's event: from then on their unproved first key is refused too, and a
    // user reset since (an auth key) proves hers as everyone does.
    void firstKeyProofForEveryone()
    {
        m_dir.users.insert(QStringLiteral("old"), {QStringLiteral("old"), Role::Reviewer, {}});
        const SealKey fresh = SealKey::generate();
        auto firstKey = [&](const QByteArray& proof) {
            Event e = makeEvent(EventAdmission::keyRegisteredKind(), QStringLiteral("old"), QString());
            QCborMap p{{QStringLiteral("user_id"), QStringLiteral("old")},
                       {QStringLiteral("key_id"), fresh.keyId()},
                       {QStringLiteral("public_key"), fresh.rawPublicKey()}};
            if (!proof.isEmpty())
                p.insert(QStringLiteral("auth_proof"), proof);
            e.setPayload(p);
            e.hash = e.computeHash();
            EventAdmission::sign(e, fresh);
            return e;
        };
        QCOMPARE(EventAdmission::check(firstKey({}), m_dir, 0), QString()); // the old rule
        m_dir.proofRequired = true;
        QVERIFY2(EventAdmission::check(firstKey({}), m_dir, 0).contains(QStringLiteral("without an auth key")),
                 qPrintable(EventAdmission::check(firstKey({}), m_dir, 0)));
        SealKey auth;
        m_dir.authKeys.insert(QStringLiteral("old"),
                              PasswordAuth::make(QStringLiteral("reset by admin"), {quint64(1) << 10, 8, 1}, &auth));
        QVERIFY(EventAdmission::check(firstKey({}), m_dir, 0).contains(QStringLiteral("without a valid proof")));
        QCOMPARE(EventAdmission::check(firstKey(PasswordAuth::proveFirstKey(auth, QStringLiteral("old"), fresh.keyId())),
                                       m_dir, 0),
                 QString());
        // The switch is the hub's: from a workstation it is refused.
        Event sw = makeEvent(EventAdmission::firstKeyProofRequiredKind(), QStringLiteral("approver"), QString());
        EventAdmission::sign(sw, m_approver);
        QVERIFY(EventAdmission::check(sw, m_dir, 0).contains(QStringLiteral("only at the hub")));
        sw.workstation = EventAdmission::hubWorkstation();
        QCOMPARE(EventAdmission::check(sw, m_dir, 0), QString());
    }

    // A modified client's well-signed event whose payload is not what its kind's projection reads:
    // quarantined with a reason naming what is wrong, never folded.
    void malformedEventsAreRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("author");
        QTest::addColumn<QString>("caseId");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("reason");
        const QString hash(64, QLatin1Char('b'));
        auto cbor = [](const QCborMap& m) { return m.toCborValue().toCbor(); };
        QTest::newRow("intake without subject")
            << "intake.accepted" << "clerk" << "C9"
            << cbor({{QStringLiteral("applicant"), QCborMap{}}}) << "subject_code";
        QTest::newRow("intake with applicant as text")
            << "intake.accepted" << "clerk" << "C9"
            << cbor({{QStringLiteral("subject_code"), QStringLiteral("S1")}, {QStringLiteral("applicant"), QStringLiteral("x")}})
            << "applicant";
        QTest::newRow("seal without document hash")
            << "seal.applied" << "approver" << "C1"
            << cbor({{QStringLiteral("date"), QStringLiteral("2026-01-02")}, {QStringLiteral("document"), QStringLiteral("L")},
                     {QStringLiteral("sha256"), QStringLiteral("not-hex")}})
            << "sha256";
        QTest::newRow("decision with a number for a date")
            << "decision.approved" << "approver" << "C1" << cbor({{QStringLiteral("date"), 20260102}}) << "date";
        QTest::newRow("decision without a case")
            << "decision.approved" << "approver" << "" << cbor({{QStringLiteral("date"), QStringLiteral("2026-01-02")}})
            << "names no case";
        QTest::newRow("reasons too long")
            << "decision.refused" << "approver" << "C1"
            << cbor({{QStringLiteral("date"), QStringLiteral("2026-01-02")}, {QStringLiteral("reasons"), QString(5000, QLatin1Char('x'))}})
            << "reasons";
        QTest::newRow("attachment without file name")
            << "attachment.added" << "clerk" << "C1"
            << cbor({{QStringLiteral("sha256"), hash}, {QStringLiteral("mime"), QStringLiteral("image/png")}}) << "file_name";
        QTest::newRow("password change with a weak hash")
            << "user.password_changed" << "clerk" << ""
            << cbor({{QStringLiteral("user_id"), QStringLiteral("clerk")},
                     {QStringLiteral("password_hash"), QStringLiteral("scrypt$1$1$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==")}})
            << "password_hash";
        QTest::newRow("payload not a map") << "review.passed" << "approver" << "C1" << QCborValue(7).toCbor() << "bounded map";
        QTest::newRow("payload not CBOR") << "review.passed" << "approver" << "C1" << QByteArray("\xff\xff\x01", 3)
                                          << "bounded map";
        QCborArray deep;
        for (int i = 0; i < 20; ++i)
            deep = QCborArray{deep};
        QTest::newRow("payload nested too deep") << "review.passed" << "approver" << "C1"
                                                 << cbor({{QStringLiteral("date"), QStringLiteral("2026-01-02")}, {QStringLiteral("x"), deep}})
                                                 << "bounded map";
        QTest::newRow("payload too large")
            << "review.passed" << "approver" << "C1"
            << cbor({{QStringLiteral("date"), QStringLiteral("2026-01-02")}, {QStringLiteral("x"), QByteArray(70 * 1024, 'x')}})
            << "larger than";
        QTest::newRow("kind not ours") << "Seal.Applied!" << "approver" << "C1" << cbor({}) << "kind of event";
    }

    void malformedEventsAreRefused()
    {
        QFETCH(QString, kind);
        QFETCH(QString, author);
        QFETCH(QString, caseId);
        QFETCH(QByteArray, payload);
        QFETCH(QString, reason);
        m_dir.users[QStringLiteral("approver")].roles |= Role::Reviewer;
        m_dir.acceptors.remove(QStringLiteral("C1")); // the approver did not accept C1
        Event e = makeEvent(kind, author, caseId);
        e.payloadCbor = payload;
        e.hash = e.computeHash();
        EventAdmission::sign(e, author == QLatin1String("clerk") ? m_clerk : m_approver);
        const QString why = EventAdmission::check(e, m_dir, 0);
        QVERIFY2(why.startsWith(QStringLiteral("malformed")) && why.contains(reason), qPrintable(why));
        // The same event, well formed, is admitted: the shape alone refused it.
        Event good = makeEvent(kind == QLatin1String("Seal.Applied!") ? QStringLiteral("seal.applied") : kind, author,
                               caseId.isEmpty() && kind != QLatin1String("user.password_changed") ? QStringLiteral("C1") : caseId);
        if (kind == QLatin1String("attachment.added"))
            good.setPayload({{QStringLiteral("sha256"), QString(64, QLatin1Char('c'))}, {QStringLiteral("file_name"), QStringLiteral("a.png")},
                             {QStringLiteral("mime"), QStringLiteral("image/png")}});
        if (kind == QLatin1String("user.password_changed"))
            return; // a well-formed change needs a hash of acceptable cost: TestCrypto
        good.hash = good.computeHash();
        EventAdmission::sign(good, author == QLatin1String("clerk") ? m_clerk : m_approver);
        QCOMPARE(EventAdmission::check(good, m_dir, 0), QString());
    }

private:
    SealKey m_clerk;
    SealKey m_approver;
    MemoryDirectory m_dir;
};

QTEST_GUILESS_MAIN(TestEventAdmission)
#include "TestEventAdmission.moc"
