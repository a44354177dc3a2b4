#pragma once

#include "core/PaperStock.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace oneseal::db {

/** What happened at one workstation since a moment (the figures of a shift handover report). */
struct ShiftFigures
{
    QDateTime since; ///< when the last handover at this workstation was recorded; invalid: none, from the start
    int casesAccepted = 0;
    int certificatesIssued = 0;
    int certificatesPrinted = 0; ///< first prints
    int certificatesReprinted = 0;
    int certificatesVoided = 0;
    int sheetsSpoiled = 0;
    int materialsCollected = 0; ///< owed materials handed in (material.supplied)
    int openCases = 0; ///< cases of the hall neither completed nor refused
};

/** The read side of paper stock and handovers (ShiftProjection's tables and the event log). */
class ShiftRepository
{
public:
    explicit ShiftRepository(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    QList<core::PaperRange> ranges(const QString& workstation) const;
    QList<qint64> spoiledSheets(const QString& workstation) const;
    /** Prints and reprints (one sheet each) and voided certificates recorded at \a workstation. */
    qint64 sheetsPrinted(const QString& workstation) const;
    qint64 certificatesVoided(const QString& workstation) const;
    /** The figures of \a workstation's events after its last handover (all of them when none). */
    ShiftFigures figures(const QString& workstation) const;

private:
    /** Events of \a kinds at \a workstation stored after the event \a afterSeq (quarantined ones not). */
    qint64 countEvents(const QString& workstation, const QStringList& kinds, qint64 afterSeq = 0) const;

    QSqlDatabase m_db;
};

} // namespace oneseal::db
