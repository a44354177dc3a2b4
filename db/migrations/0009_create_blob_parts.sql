-- Attachment bytes travelling between a workstation and the hub in chunks (docs/SYNC.md, "Attachments"):
-- the parts of a file received so far, kept until the whole file is there and matches its SHA-256.
-- A dropped connection resumes after the last part; nothing half-received reaches attachment_blobs.
CREATE TABLE blob_parts (
    sha256 TEXT NOT NULL,
    mime   TEXT NOT NULL,
    size   INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    data   BLOB NOT NULL,
    PRIMARY KEY (sha256, offset)
);
