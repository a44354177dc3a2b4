#include "Role.h"

#include <QCoreApplication>

namespace oneseal::core {

const QList<Role>& allRoles()
{
    static const QList<Role> roles{Role::IntakeClerk, Role::Reviewer, Role::Inspector, Role::Approver,
                                   Role::CertificateOperator, Role::Supervisor, Role::Administrator,
                                   Role::Regulator};
    return roles;
}

QString roleKey(Role role)
{
    switch (role) {
    case Role::IntakeClerk: return QStringLiteral("intake");
    case Role::Reviewer: return QStringLiteral("review");
    case Role::Inspector: return QStringLiteral("inspection");
    case Role::Approver: return QStringLiteral("approval");
    case Role::CertificateOperator: return QStringLiteral("certificate");
    case Role::Supervisor: return QStringLiteral("supervisor");
    case Role::Administrator: return QStringLiteral("admin");
    case Role::Regulator: return QStringLiteral("regulator");
    case Role::None: break;
    }
    return QString();
}

Role roleFromKey(const QString& key)
{
    for (Role r : allRoles())
        if (roleKey(r) == key.trimmed())
            return r;
    return Role::None;
}

QString roleDisplayName(Role role)
{
    switch (role) {
    case Role::IntakeClerk: return QCoreApplication::translate("Role", "Intake clerk");
    case Role::Reviewer: return QCoreApplication::translate("Role", "Reviewer");
    case Role::Inspector: return QCoreApplication::translate("Role", "Inspector");
    case Role::Approver: return QCoreApplication::translate("Role", "Approver (seal holder)");
    case Role::CertificateOperator: return QCoreApplication::translate("Role", "Certificate operator");
    case Role::Supervisor: return QCoreApplication::translate("Role", "Supervisor");
    case Role::Administrator: return QCoreApplication::translate("Role", "Administrator");
    case Role::Regulator: return QCoreApplication::translate("Role", "Regulator (checks after approval)");
    case Role::None: break;
    }
    return QString();
}

QStringList roleKeys(Roles roles)
{
    QStringList keys;
    for (Role r : allRoles())
        if (roles.testFlag(r))
            keys << roleKey(r);
    return keys;
}

Roles rolesFromKeys(const QString& keys, QStringList* unknown)
{
    Roles roles;
    for (const QString& k : keys.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const Role r = roleFromKey(k);
        if (r == Role::None) {
            if (unknown)
                *unknown << k.trimmed();
        } else {
            roles |= r;
        }
    }
    return roles;
}

QString rolesDisplayText(Roles roles)
{
    QStringList names;
    for (Role r : allRoles())
        if (roles.testFlag(r))
            names << roleDisplayName(r);
    return names.join(QStringLiteral(", "));
}

bool mayPerform(Roles roles, Action action)
{
    switch (action) {
    case Action::ManageUsers:
    case Action::ManageCatalog:
    case Action::ExportKey:
        return roles.testFlag(Role::Administrator);
    case Action::AcceptCase: return roles.testFlag(Role::IntakeClerk);
    case Action::ReviewCase: return roles.testFlag(Role::Reviewer);
    case Action::InspectSite: return roles.testFlag(Role::Inspector);
    case Action::DecideCase:
    case Action::ApplySeal:
        return roles.testFlag(Role::Approver);
    case Action::PrintCertificate:
    case Action::IssueCertificate:
        return roles.testFlag(Role::CertificateOperator);
    case Action::ReadAllCases:
    case Action::ViewAudit:
        return roles.testFlag(Role::Supervisor) || roles.testFlag(Role::Administrator);
    case Action::ResolveConflict: return roles.testFlag(Role::Supervisor);
    case Action::MoveBundles: return roles.testFlag(Role::Administrator) || roles.testFlag(Role::Supervisor);
    case Action::CalibratePrinter:
        return roles.testFlag(Role::CertificateOperator) || roles.testFlag(Role::Administrator);
    case Action::VerifyPledge: return roles.testFlag(Role::Inspector) || roles.testFlag(Role::Regulator);
    case Action::StopClock:
        return roles.testFlag(Role::Reviewer) || roles.testFlag(Role::Inspector) || roles.testFlag(Role::Approver);
    case Action::ConfigureDevices: return roles.testFlag(Role::Administrator);
    }
    return false;
}

} // namespace oneseal::core
