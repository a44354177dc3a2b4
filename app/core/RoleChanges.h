#pragma once

#include "Event.h"
#include "Role.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QDateTime>

#include <optional>

namespace oneseal::core {

/** One change of a user's roles, at the time its event was recorded (the directory authority's clock). */
struct RoleChange
{
    QString userId;
    Roles roles;    ///< held from `at` on
    Roles previous; ///< held before `at`
    QDateTime at;
};

/**
 * The history of the users' roles, from the admitted user.roles_changed events {user_id, roles,
 * previous_roles} (role keys separated by commas, as user.created): written by the hub (workstation
 * HUB, the directory's authority) or by a standalone hall's administrator. Every replica builds the
 * same history from the same events, so "the roles the author held when the event was recorded" is
 * the same answer on the hub and on every workstation, whatever order the events arrived in.
 */
class RoleChanges
{
    Q_DECLARE_TR_FUNCTIONS(RoleChanges)

public:
    static QString eventKind() { return QStringLiteral("user.roles_changed"); }
    static QCborMap payload(const QString& userId, Roles roles, Roles previous);
    /**
     * The change an event of eventKind() records; nullopt with *why when its payload is malformed
     * (no user, no role, an unknown role key).
     */
    static std::optional<RoleChange> fromEvent(const Event& event, QString* why = nullptr);

    /** Adds a change (kept in time order; at one time, the later added counts). */
    void add(const RoleChange& change);
    /**
     * The roles @p userId held at @p at: those of the newest change at or before it; before their
     * first change, that change's previous roles; a user whose roles never changed: @p current.
     * An invalid @p at: after every change.
     */
    Roles rolesAt(const QString& userId, const QDateTime& at, Roles current) const;
    /** The changes of one user, oldest first. */
    QList<RoleChange> of(const QString& userId) const;
    bool isEmpty() const { return m_changes.isEmpty(); }

private:
    QList<RoleChange> m_changes; ///< time order
};

} // namespace oneseal::core
