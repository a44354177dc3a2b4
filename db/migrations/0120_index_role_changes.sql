-- Changing roles (docs/SECURITY.md, "Changing roles"): a user's roles change by the event
-- user.roles_changed {user_id, roles, previous_roles}, written by the hub (the directory's authority)
-- or a standalone hall's administrator. Every replica, the hub too, reads the history of roles from
-- the admitted ones (db::UserDirectory::rolesAt) through this index, so that an event counts with the
-- roles its author held when it was recorded.
CREATE INDEX events_role_changes ON events(recorded_at) WHERE kind = 'user.roles_changed';
