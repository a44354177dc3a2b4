#include "RoleChanges.h"

#include <QCborValue>

namespace oneseal::core {

QCborMap RoleChanges::payload(const QString& userId, Roles roles, Roles previous)
{
    return QCborMap{{QStringLiteral("user_id"), userId},
                    {QStringLiteral("roles"), roleKeys(roles).join(QLatin1Char(','))},
                    {QStringLiteral("previous_roles"), roleKeys(previous).join(QLatin1Char(','))}};
}

std::optional<RoleChange> RoleChanges::fromEvent(const Event& event, QString* why)
{
    auto fail = [why](const QString& text) -> std::optional<RoleChange> {
        if (why)
            *why = text;
        return std::nullopt;
    };
    const QCborMap p = event.payload();
    const QCborValue user = p.value(QStringLiteral("user_id"));
    const QCborValue roles = p.value(QStringLiteral("roles"));
    const QCborValue previous = p.value(QStringLiteral("previous_roles"));
    if (!user.isString() || user.toString().isEmpty() || user.toString().size() > 64)
        return fail(tr("a change of roles that names no user"));
    if (!roles.isString() || roles.toString().size() > 500 || !previous.isString() || previous.toString().size() > 500)
        return fail(tr("a change of roles without the roles before and after it"));
    RoleChange change;
    change.userId = user.toString();
    QStringList unknown;
    change.roles = rolesFromKeys(roles.toString(), &unknown);
    change.previous = rolesFromKeys(previous.toString(), &unknown);
    if (!unknown.isEmpty())
        return fail(tr("a change of roles that names unknown roles: %1").arg(unknown.join(QStringLiteral(", ")).left(200)));
    if (change.roles == Roles())
        return fail(tr("a change of roles that leaves the user no role"));
    change.at = event.recordedAt;
    return change;
}

void RoleChanges::add(const RoleChange& change)
{
    qsizetype i = m_changes.size();
    while (i > 0 && m_changes.at(i - 1).at > change.at)
        --i;
    m_changes.insert(i, change);
}

Roles RoleChanges::rolesAt(const QString& userId, const QDateTime& at, Roles current) const
{
    const RoleChange* first = nullptr;
    const RoleChange* inForce = nullptr;
    for (const RoleChange& c : m_changes) {
        if (c.userId != userId)
            continue;
        if (!first)
            first = &c;
        if (at.isValid() && c.at > at)
            break;
        inForce = &c;
    }
    if (inForce)
        return inForce->roles;
    return first ? first->previous : current;
}

QList<RoleChange> RoleChanges::of(const QString& userId) const
{
    QList<RoleChange> list;
    for (const RoleChange& c : m_changes)
        if (c.userId == userId)
            list << c;
    return list;
}

} // namespace oneseal::core
