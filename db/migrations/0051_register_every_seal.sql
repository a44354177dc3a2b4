-- Every seal impression is registered (用印登记): besides the decision's seal.applied, each
-- notice, certificate print and reprint that carries the seal adds its own row, with its kind
-- (core::SealedDocument stored text). Rows already here are decisions; rows for documents printed
-- before this version appear when the projections are rebuilt (EventStore::rebuildProjections).
ALTER TABLE seal_register ADD COLUMN document_kind TEXT NOT NULL DEFAULT 'decision';
CREATE INDEX seal_register_kind ON seal_register(document_kind, applied_at);
