#pragma once

#include "Catalog.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace oneseal::core {

/** Where one material of the checklist stands at the window. */
enum class MaterialState {
    Pending,       ///< not yet checked by the clerk
    Received,      ///< handed in (original or copy, with a count)
    Missing,       ///< not handed in or not acceptable: goes on the one-time notice
    Deferred,      ///< 容缺: owed by a due date
    NotApplicable, ///< does not apply to this applicant
    SharedData,    ///< obtained from shared government data (免提交)
};

/** What the clerk decides at the window; each is an event and prints its notice. */
enum class IntakeOutcome {
    Accept,            ///< 受理 — 受理通知书
    AcceptDeferred,    ///< 容缺受理 — 容缺受理通知书
    AcceptCommitment,  ///< 告知承诺 — 告知承诺书
    NotifyMissing,     ///< 一次性告知 — 一次性告知书 (补正材料通知书)
    Refuse,            ///< 不予受理 — 不予受理通知书
    CompleteInstantly, ///< 即办件: accepted and completed at once — 受理通知书 marked completed
};

QString materialStateKey(MaterialState state);
std::optional<MaterialState> materialStateFromKey(const QString& key);
QString outcomeKey(IntakeOutcome outcome);
std::optional<IntakeOutcome> outcomeFromKey(const QString& key);
/** The event kind recorded for an outcome ("intake.accepted", ...). */
QString outcomeEventKind(IntakeOutcome outcome);
/** The official title of the outcome's notice; notices are always printed in Chinese. */
QString outcomeNoticeTitle(IntakeOutcome outcome);

/** A value the applicant declared at intake for one matter (Matter::declaredFields). */
struct DeclaredValue
{
    QString matter; ///< the matter's code
    QString key;    ///< DeclaredField::key
    QString value;  ///< one of DeclaredField::values

    bool operator==(const DeclaredValue&) const = default;
};

/** One line of a case's checklist as the clerk filled it in. */
struct MaterialEntry
{
    QString code;
    QString name;
    MaterialRequirement requirement = MaterialRequirement::Required;
    bool core = false;
    QStringList matterCodes;
    MaterialState state = MaterialState::Pending;
    bool original = true; ///< received as original (else copy)
    int count = 0;        ///< copies received
    QString note;         ///< the reason shown on a one-time notice, or any remark
    QDate dueDate;        ///< deferred materials: when they are owed

    QCborMap toCbor() const;
    static MaterialEntry fromCbor(const QCborMap& map);
    static MaterialEntry fromChecklist(const ChecklistItem& item);
};

/** The checklist and outcome rules of intake (一窗受理, 要件审查). */
class IntakeRules
{
    Q_DECLARE_TR_FUNCTIONS(IntakeRules)

public:
    /**
     * Whether the outcome fits the checklist and the matters: empty when it does, otherwise a
     * sentence telling the clerk what stands in the way. promisedDue is the case's promised
     * completion date (deferred materials may not be due after it).
     */
    static QString check(IntakeOutcome outcome, const QList<MaterialEntry>& materials,
                         const QList<const Matter*>& matters, const QDate& today, const QDate& promisedDue,
                         const QString& reasons);

    /** The default reason printed for a missing material when the clerk gave none. */
    static QString defaultMissingReason();
    /**
     * Whether the material is only needed when an agent applies (授权委托书, the power of attorney):
     * the catalog names it so; its requirement is then optional.
     */
    static bool isAgentMaterial(const MaterialEntry& entry);
    /**
     * The window's defaults for who came: with no agent named, a pending power of attorney is "not
     * applicable"; with an agent, one marked so by this default is pending again.
     */
    static void applyAgentDefault(QList<MaterialEntry>& materials, bool agentNamed);
    /** The most a clerk may write as a note or reason. */
    static constexpr int kMaxNoteLength = 500;
    static constexpr int kMaxReasonsLength = 2000;
};

} // namespace oneseal::core
