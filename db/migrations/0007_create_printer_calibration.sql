-- Printer calibration: how far one printer misplaces one certificate template, corrected before
-- printing (print::Calibration). Workstation settings, not case facts: rows are replaced when the
-- operator calibrates again. Set from a printed alignment page (docs/CERTIFICATES.md).
CREATE TABLE printer_calibrations (
    printer_name TEXT NOT NULL,   -- QPrinterInfo::printerName()
    template_id  TEXT NOT NULL,   -- print::CertificateTemplate::id()
    dx_mm        REAL NOT NULL CHECK (dx_mm BETWEEN -20 AND 20),
    dy_mm        REAL NOT NULL CHECK (dy_mm BETWEEN -20 AND 20),
    scale        REAL NOT NULL CHECK (scale BETWEEN 0.9 AND 1.1),
    updated_at   TEXT NOT NULL,   -- ISO UTC timestamp
    updated_by   TEXT NOT NULL,   -- user name of who calibrated
    PRIMARY KEY (printer_name, template_id)
);
