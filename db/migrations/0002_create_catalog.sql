-- The catalog of matters, materials and bundles as versioned snapshots. A version, once imported,
-- never changes: a case keeps the version it was accepted under.
CREATE TABLE catalog_versions (
    version        INTEGER PRIMARY KEY NOT NULL,
    effective_from TEXT NOT NULL,   -- ISO date
    imported_at    TEXT NOT NULL,   -- ISO UTC timestamp
    hall           TEXT NOT NULL,
    document       BLOB NOT NULL,   -- the catalog JSON, qCompress()ed
    sha256         TEXT NOT NULL    -- hex SHA-256 of the uncompressed JSON
);

CREATE TRIGGER catalog_versions_no_update BEFORE UPDATE ON catalog_versions
BEGIN
    SELECT RAISE(ABORT, 'catalog versions are immutable');
END;

CREATE TRIGGER catalog_versions_no_delete BEFORE DELETE ON catalog_versions
BEGIN
    SELECT RAISE(ABORT, 'catalog versions are immutable');
END;

-- Flattened read tables (derived from the documents) for search and reports.
CREATE TABLE catalog_matters (
    version             INTEGER NOT NULL REFERENCES catalog_versions(version),
    code                TEXT NOT NULL,
    implementation_code TEXT NOT NULL,
    name                TEXT NOT NULL,
    type                INTEGER NOT NULL,  -- national code: 1 行政许可 ... 20 公共服务
    zone                INTEGER NOT NULL,  -- core::Zone: 0 投资项目区, 1 市场准入区, 2 社会民生区
    risk                INTEGER NOT NULL,  -- core::RiskLevel: 0 重, 1 中, 2 轻
    department          TEXT NOT NULL,
    legal_limit_days    REAL NOT NULL,
    promised_limit_days REAL NOT NULL,
    instant             INTEGER NOT NULL,
    site_inspection     INTEGER NOT NULL,
    commitment_allowed  INTEGER NOT NULL,
    deferral_allowed    INTEGER NOT NULL,
    material_count      INTEGER NOT NULL,
    PRIMARY KEY (version, code)
);
CREATE INDEX catalog_matters_name ON catalog_matters(version, name);

CREATE TABLE catalog_materials (
    version       INTEGER NOT NULL REFERENCES catalog_versions(version),
    matter_code   TEXT NOT NULL,
    material_code TEXT NOT NULL,
    name          TEXT NOT NULL,
    form          INTEGER NOT NULL,  -- core::MaterialForm: 0 original, 1 copy, 2 electronic
    copies        INTEGER NOT NULL,
    requirement   INTEGER NOT NULL,  -- core::MaterialRequirement: 0 required, 1 optional, 2 deferrable
    source        INTEGER NOT NULL,  -- core::MaterialSource: 0 applicant, 1 government, 2 shared data
    core          INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    PRIMARY KEY (version, matter_code, material_code)
);
CREATE INDEX catalog_materials_code ON catalog_materials(version, material_code);

CREATE TABLE catalog_bundles (
    version INTEGER NOT NULL REFERENCES catalog_versions(version),
    code    TEXT NOT NULL,
    name    TEXT NOT NULL,
    PRIMARY KEY (version, code)
);

-- Bundle membership with included bundles expanded.
CREATE TABLE catalog_bundle_matters (
    version     INTEGER NOT NULL REFERENCES catalog_versions(version),
    bundle_code TEXT NOT NULL,
    matter_code TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (version, bundle_code, matter_code)
);
