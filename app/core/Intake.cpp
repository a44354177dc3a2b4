#include "Intake.h"
#include "CborInteger.h"

#include "Applicant.h"

namespace oneseal::core {

namespace {
struct StateName
{
    MaterialState state;
    const char* key;
};
constexpr StateName kStates[] = {
    {MaterialState::Pending, "pending"},     {MaterialState::Received, "received"},
    {MaterialState::Missing, "missing"},     {MaterialState::Deferred, "deferred"},
    {MaterialState::NotApplicable, "n/a"},   {MaterialState::SharedData, "shared"},
};
struct OutcomeName
{
    IntakeOutcome outcome;
    const char* key;
    const char* kind;
    const char* title;
};
const OutcomeName kOutcomes[] = {
    {IntakeOutcome::Accept, "accept", "intake.accepted", "受理通知书"},
    {IntakeOutcome::AcceptDeferred, "accept-deferred", "intake.accepted_deferred", "容缺受理通知书"},
    {IntakeOutcome::AcceptCommitment, "accept-commitment", "intake.accepted_commitment", "告知承诺书"},
    {IntakeOutcome::NotifyMissing, "notify-missing", "intake.notified_missing", "一次性告知书"},
    {IntakeOutcome::Refuse, "refuse", "intake.refused", "不予受理通知书"},
    {IntakeOutcome::CompleteInstantly, "complete-instantly", "intake.completed_instantly", "受理通知书"},
};
} // namespace

QString materialStateKey(MaterialState state)
{
    for (const auto& s : kStates)
        if (s.state == state)
            return QString::fromLatin1(s.key);
    return QString();
}

std::optional<MaterialState> materialStateFromKey(const QString& key)
{
    for (const auto& s : kStates)
        if (key == QLatin1String(s.key))
            return s.state;
    return std::nullopt;
}

QString outcomeKey(IntakeOutcome outcome)
{
    for (const auto& o : kOutcomes)
        if (o.outcome == outcome)
            return QString::fromLatin1(o.key);
    return QString();
}

std::optional<IntakeOutcome> outcomeFromKey(const QString& key)
{
    for (const auto& o : kOutcomes)
        if (key == QLatin1String(o.key))
            return o.outcome;
    return std::nullopt;
}

QString outcomeEventKind(IntakeOutcome outcome)
{
    for (const auto& o : kOutcomes)
        if (o.outcome == outcome)
            return QString::fromLatin1(o.kind);
    return QString();
}

QString outcomeNoticeTitle(IntakeOutcome outcome)
{
    for (const auto& o : kOutcomes)
        if (o.outcome == outcome)
            return QString::fromUtf8(o.title);
    return QString();
}

QCborMap MaterialEntry::toCbor() const
{
    QCborMap m{{QStringLiteral("code"), code},
               {QStringLiteral("name"), name},
               {QStringLiteral("state"), materialStateKey(state)},
               {QStringLiteral("original"), original},
               {QStringLiteral("count"), count},
               {QStringLiteral("required"), int(requirement)},
               {QStringLiteral("core"), core},
               {QStringLiteral("matters"), matterCodes.join(QLatin1Char(','))}};
    if (!note.isEmpty())
        m.insert(QStringLiteral("note"), note);
    if (dueDate.isValid())
        m.insert(QStringLiteral("due"), dueDate.toString(Qt::ISODate));
    return m;
}

MaterialEntry MaterialEntry::fromCbor(const QCborMap& m)
{
    MaterialEntry e;
    e.code = m.value(QStringLiteral("code")).toString();
    e.name = m.value(QStringLiteral("name")).toString();
    e.state = materialStateFromKey(m.value(QStringLiteral("state")).toString()).value_or(MaterialState::Pending);
    e.original = m.value(QStringLiteral("original")).toBool();
    e.count = int(cborInteger(m.value(QStringLiteral("count"))));
    e.requirement = MaterialRequirement(cborInteger(m.value(QStringLiteral("required"))));
    e.core = m.value(QStringLiteral("core")).toBool();
    e.matterCodes = m.value(QStringLiteral("matters")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    e.note = m.value(QStringLiteral("note")).toString();
    e.dueDate = QDate::fromString(m.value(QStringLiteral("due")).toString(), Qt::ISODate);
    return e;
}

MaterialEntry MaterialEntry::fromChecklist(const ChecklistItem& item)
{
    MaterialEntry e;
    e.code = item.material.code;
    e.name = item.material.name;
    e.requirement = item.material.requirement;
    e.core = item.material.core;
    e.matterCodes = item.matterCodes;
    e.original = item.material.form == MaterialForm::Original;
    e.count = 0;
    if (item.material.source == MaterialSource::SharedData)
        e.state = MaterialState::SharedData;
    return e;
}

QString IntakeRules::defaultMissingReason()
{
    return QStringLiteral("未提交该材料");
}

bool IntakeRules::isAgentMaterial(const MaterialEntry& entry)
{
    return entry.requirement == MaterialRequirement::Optional && entry.name.contains(QStringLiteral("委托书"));
}

void IntakeRules::applyAgentDefault(QList<MaterialEntry>& materials, bool agentNamed)
{
    for (MaterialEntry& m : materials) {
        if (!isAgentMaterial(m))
            continue;
        if (!agentNamed && m.state == MaterialState::Pending)
            m.state = MaterialState::NotApplicable;
        else if (agentNamed && m.state == MaterialState::NotApplicable)
            m.state = MaterialState::Pending;
    }
}

QString IntakeRules::check(IntakeOutcome outcome, const QList<MaterialEntry>& materials,
                           const QList<const Matter*>& matters, const QDate& today, const QDate& promisedDue,
                           const QString& reasons)
{
    if (matters.isEmpty())
        return tr("Choose the matter or bundle first.");
    for (const MaterialEntry& m : materials) {
        if (QString e = ApplicantRules::checkText(m.note, tr("note on \"%1\"").arg(m.name), kMaxNoteLength, false);
            !e.isEmpty())
            return e;
        if (m.state == MaterialState::Received && (m.count < 1 || m.count > 99))
            return tr("Enter how many copies of \"%1\" were received (1 to 99).").arg(m.name);
    }
    if (outcome == IntakeOutcome::Refuse) {
        if (reasons.trimmed().isEmpty())
            return tr("A refusal must state its reasons (Administrative Licensing Law, art. 38).");
        return ApplicantRules::checkText(QString(reasons).replace(QLatin1Char('\n'), QLatin1Char(' ')),
                                         tr("reasons"), kMaxReasonsLength, true);
    }
    const bool anyMissing = std::any_of(materials.begin(), materials.end(),
                                        [](const MaterialEntry& m) { return m.state == MaterialState::Missing; });
    for (const MaterialEntry& m : materials) {
        if (m.state == MaterialState::Pending && outcome != IntakeOutcome::NotifyMissing)
            return tr("\"%1\" has not been checked yet: mark it received, missing, deferred, not applicable or "
                      "obtained from shared data.")
                .arg(m.name);
        if (m.state == MaterialState::NotApplicable && m.requirement != MaterialRequirement::Optional
            && outcome != IntakeOutcome::NotifyMissing)
            return tr("\"%1\" is required and cannot be marked not applicable.").arg(m.name);
    }
    if (outcome == IntakeOutcome::NotifyMissing) {
        if (!anyMissing)
            return tr("A one-time notice lists what is missing or wrong: mark at least one material missing.");
        return QString();
    }
    if (outcome == IntakeOutcome::AcceptCommitment) {
        for (const Matter* matter : matters)
            if (!matter->commitmentAllowed)
                return tr("\"%1\" does not allow commitment-based acceptance.").arg(matter->name);
        for (const MaterialEntry& m : materials)
            if (m.state == MaterialState::Deferred)
                return tr("Commitment-based acceptance does not defer materials; mark \"%1\" missing (covered by "
                          "the pledge) or received.")
                    .arg(m.name);
        return QString();
    }
    // Accept, AcceptDeferred, CompleteInstantly: nothing required may be missing.
    for (const MaterialEntry& m : materials)
        if (m.state == MaterialState::Missing && m.requirement != MaterialRequirement::Optional)
            return tr("\"%1\" is missing: give a one-time notice instead, or defer it if the matter allows.")
                .arg(m.name);
    const bool anyDeferred = std::any_of(materials.begin(), materials.end(),
                                         [](const MaterialEntry& m) { return m.state == MaterialState::Deferred; });
    if (outcome == IntakeOutcome::AcceptDeferred) {
        if (!anyDeferred)
            return tr("Accepting with deferred materials needs at least one deferred material.");
        for (const MaterialEntry& m : materials) {
            if (m.state != MaterialState::Deferred)
                continue;
            if (m.requirement != MaterialRequirement::Deferrable)
                return tr("\"%1\" cannot be deferred: only materials marked deferrable in the catalog can.").arg(m.name);
            for (const Matter* matter : matters)
                if (m.matterCodes.contains(matter->code) && !matter->deferralAllowed)
                    return tr("\"%1\" does not allow deferred materials.").arg(matter->name);
            if (!m.dueDate.isValid())
                return tr("Give the date by which \"%1\" must be supplied.").arg(m.name);
            if (m.dueDate < today)
                return tr("The due date of \"%1\" is in the past.").arg(m.name);
            if (promisedDue.isValid() && m.dueDate > promisedDue)
                return tr("The due date of \"%1\" (%2) is after the promised completion date (%3).")
                    .arg(m.name, m.dueDate.toString(Qt::ISODate), promisedDue.toString(Qt::ISODate));
        }
        return QString();
    }
    if (anyDeferred)
        return tr("Some materials are deferred: choose \"Accept with deferred materials\".");
    if (outcome == IntakeOutcome::CompleteInstantly)
        for (const Matter* matter : matters)
            if (!matter->instant)
                return tr("\"%1\" is not an instant matter (即办件).").arg(matter->name);
    return QString();
}

} // namespace oneseal::core
