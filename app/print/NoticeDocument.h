#pragma once

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace oneseal::print {

/**
 * A printable notice (受理通知书, 一次性告知书, 容缺受理通知书, 告知承诺书, 不予受理通知书) as plain
 * data. The intake code decides what it says; DocumentRenderer only lays it out. Empty parts are
 * left out of the page.
 */
struct NoticeDocument
{
    QString title; ///< e.g. 受理通知书, centred, bold
    QString documentNumber; ///< e.g. 运审受〔2026〕第 000123 号, top right (repeated on later pages)
    QString addressee; ///< the applicant's name, printed "XXX：" before the body
    QStringList paragraphs; ///< body text, wrapped, first line indented by two characters
    QList<QPair<QString, QString>> fields; ///< label/value rows of a ruled two-column table
    QString listTitle; ///< heading of the numbered list, e.g. 需补正的材料 (may be empty)
    QList<QPair<QString, QString>> numberedItems; ///< (item, reason), printed "1. item — reason"
    QStringList closingParagraphs; ///< after the list: appeal rights, consequences, liability ...
    QString issuer; ///< the bureau's name, bottom right
    QDate date; ///< under the issuer, as 2026年11月26日; left out when invalid
    bool withSeal = false; ///< draw the seal over issuer and date
    QString sealBureau; ///< the text around the seal; the issuer when empty
    QByteArray qrPayload; ///< when not empty: a 25 mm QR code bottom left
    QStringList signatureLines; ///< e.g. 申请人（签字）：, each followed by a line to sign on
    /** Set smaller type (down to 82 %) rather than run onto a second page, when that is enough. */
    bool fitOnOnePage = false;
};

} // namespace oneseal::print
