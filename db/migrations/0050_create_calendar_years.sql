-- Holiday calendar years imported after the build (docs/ARCHITECTURE.md, "Time"): one holiday-cn
-- year file per year, checked before it is stored. The years built into the program are the floor;
-- a stored year adds a year or replaces the built-in one. At the hub `oneseal-admin hub
-- calendar-import` fills it and publishes the reference kind "holidays"; a workstation stores the
-- years it receives (source 'hub') or imports one itself (source 'local').
CREATE TABLE calendar_years (
    year        INTEGER PRIMARY KEY NOT NULL,
    json        BLOB NOT NULL,
    sha256      TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('local', 'hub')),
    imported_at TEXT NOT NULL
);
