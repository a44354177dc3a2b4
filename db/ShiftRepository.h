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

    /**
     * The stock is the certificate operator's, wherever she works: the ranges she received, the
     * sheets she spoiled, her prints and reprints (one sheet each) and, of the certificates she
     * printed, those voided later (whoever voided them).
     */
    QList<core::PaperRange> ranges(const QString& operatorId) const;
    QList<qint64> spoiledSheets(const QString& operatorId) const;
    qint64 sheetsPrinted(const QString& operatorId) const;
    qint64 certificatesVoided(const QString& operatorId) const;
    /** Every range received in the hall, whoever received it (a numbered sheet exists once). */
    QList<core::PaperRange> allRanges() const;
    /** The operators who received or spoiled stock, by user id. */
    QStringList stockHolders() const;
    /** The figures of \a workstation's events after its last handover (all of them when none). */
    ShiftFigures figures(const QString& workstation) const;

private:
    /** Events of \a kinds at \a workstation stored after the event \a afterSeq (quarantined ones not). */
    qint64 countEvents(const QString& workstation, const QStringList& kinds, qint64 afterSeq = 0) const;

    QSqlDatabase m_db;
};

} // namespace oneseal::db
