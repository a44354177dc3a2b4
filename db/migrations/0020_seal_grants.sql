-- The seal key (docs/SECURITY.md, "The seal key"): the hall's certificate signing key is kept only
-- sealed to each granted user's signing key, in the admitted seal_key.granted / seal_key.rewrapped
-- events; seal_key.revoked ends a grant. Every replica (the hub too) reads the grants from those
-- events (db::UserDirectory), through this index. The plain copy in meta (seal_private_key) is
-- sealed to the certificate operators and removed at an administrator's next login
-- (services::SealKeyService::upgradeLegacyKey): SQL cannot seal.
CREATE INDEX events_seal_grants ON events(recorded_at)
    WHERE kind IN ('seal_key.granted', 'seal_key.revoked', 'seal_key.rewrapped');

-- Projection: every signature made with the seal key (certificate.signed): which certificate, which
-- document, which key, who. The seal register of certificates.
CREATE TABLE seal_signatures (
    event_uuid     TEXT PRIMARY KEY NOT NULL,
    case_id        TEXT,
    certificate_no TEXT NOT NULL,
    document_hash  TEXT NOT NULL,
    seal_key_id    TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    workstation    TEXT NOT NULL,
    signed_at      TEXT NOT NULL
);
CREATE INDEX seal_signatures_certificate ON seal_signatures(certificate_no);
