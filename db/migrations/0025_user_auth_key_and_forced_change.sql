-- Passwords and accounts (docs/SECURITY.md, "Passwords"). auth_key: the public half of an Ed25519
-- key derived from the user's password with a salt of its own (core::PasswordAuth), with which a
-- password change proves knowledge of the old password to the hub; public, it may travel where the
-- users go. must_change: the password was set by an administrator and is changed at the user's
-- first login (the user's signing key is made then).
ALTER TABLE users ADD COLUMN auth_key TEXT;
ALTER TABLE users ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;
