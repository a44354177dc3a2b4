#pragma once

#include "NoticeDocument.h"

#include <QCoreApplication>
#include <QDateTime>

namespace oneseal::print {

/**
 * The end-of-shift handover report (issue 14 item 8) as a NoticeDocument: the figures as a ruled
 * table, every paper-stock mismatch listed, and a line for each of the two users to sign. Internal to
 * the hall, so in the user's language (tr), unlike the notices to applicants.
 */
class ShiftReport
{
    Q_DECLARE_TR_FUNCTIONS(ShiftReport)

public:
    struct Input
    {
        QString hall;
        QString workstation;
        QString outgoing;
        QString incoming;
        QDateTime at;
        QDateTime since; ///< invalid: the first handover at this workstation
        QList<QPair<QString, QString>> figures;
        QStringList mismatches;
    };

    static NoticeDocument build(const Input& input);
};

} // namespace oneseal::print
