#pragma once

#include <QFlags>
#include <QString>
#include <QStringList>

namespace oneseal::core {

/** The hands of the four separations (四分离) and the people around them. */
enum class Role : quint32 {
    None = 0,
    IntakeClerk = 1u << 0,         ///< 受理
    Reviewer = 1u << 1,            ///< 审查
    Inspector = 1u << 2,           ///< 勘验
    Approver = 1u << 3,            ///< 审批/用印 (holds the seal)
    CertificateOperator = 1u << 4, ///< 制证/出证
    Supervisor = 1u << 5,          ///< 监督
    Administrator = 1u << 6,       ///< catalog, users, windows, keys
    Regulator = 1u << 7,           ///< 监管: checks pledge-based approvals afterwards (事后核查)
};
Q_DECLARE_FLAGS(Roles, Role)
Q_DECLARE_OPERATORS_FOR_FLAGS(Roles)

/** What a user may ask a service to do; services check it, the UI only hides what is refused. */
enum class Action {
    ManageUsers,
    ManageCatalog,
    ExportKey,
    AcceptCase,
    ReviewCase,
    InspectSite,
    DecideCase,
    ApplySeal,
    PrintCertificate,
    IssueCertificate,
    ReadAllCases,
    ResolveConflict,
    ViewAudit,
    MoveBundles, ///< sync by file (USB) for a hall without network
    CalibratePrinter, ///< set this workstation's printer calibrations (certificate operators, administrators)
    VerifyPledge, ///< 事后核查 of a pledge-based approval (inspectors, regulators)
    StopClock,    ///< 听证, 检验/检测/鉴定, 专家评审: stop and restart a case's clock (reviewers, inspectors, approvers)
    ConfigureDevices, ///< this workstation's counter devices and the calling system's command (administrators)
};

const QList<Role>& allRoles();
/** Stable key used in storage and on the command line ("intake", "review", ...). */
QString roleKey(Role role);
Role roleFromKey(const QString& key);
/** The role's name in the user's language. */
QString roleDisplayName(Role role);

QStringList roleKeys(Roles roles);
/** Parses keys separated by commas; unknown keys are reported in *unknown. */
Roles rolesFromKeys(const QString& keys, QStringList* unknown = nullptr);
QString rolesDisplayText(Roles roles);

/** Whether a holder of these roles may perform the action at all (case-level rules come on top). */
bool mayPerform(Roles roles, Action action);

} // namespace oneseal::core
