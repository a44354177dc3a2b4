-- Password hashes no longer travel (docs/SECURITY.md, "What travels"). slot_key: the public half of
-- an X25519 key derived from the user's password with a salt of its own (core::PasswordSlot), to
-- which a workstation seals the database key for a user who never logged in there. It travels with
-- the users, as the auth key does.
ALTER TABLE users ADD COLUMN slot_key TEXT;

-- A workstation keeps no user's password hash: logins open key slots, and a password is checked
-- again with the user's auth key or key slot (services::AuthService::verifyPassword). The hub keeps
-- its users' hashes (its administrators log in there with them).
UPDATE users SET password_hash = ''
 WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'role' AND value = 'hub');

-- The users snapshots the hub sent before carried the hashes: dropped, so that the next sync asks
-- the hub for its users again (a hub that is upgraded sends them without).
DELETE FROM sync_reference
 WHERE kind = 'users' AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'role' AND value = 'hub');
