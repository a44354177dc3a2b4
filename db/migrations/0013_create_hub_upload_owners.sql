-- Who is uploading which attached file to the hub, and when a piece last arrived (docs/SYNC.md,
-- "Attachments"): the hub holds each workstation's unfinished uploads (blob_parts) to a quota and
-- removes those that have not moved for a set time. Empty on workstations.
CREATE TABLE hub_upload_owners (
    sha256      TEXT PRIMARY KEY,
    workstation TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX hub_upload_owners_by_workstation ON hub_upload_owners(workstation);
