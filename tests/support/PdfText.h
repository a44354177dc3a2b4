#pragma once

#include <QByteArray>
#include <QString>

namespace oneseal::test {

/** The text of every page of a PDF, without white space (CJK glyphs may come out spaced apart). */
QString pdfText(const QByteArray& pdf);
/** How many pages a PDF has; -1 when it is not a PDF. */
int pdfPageCount(const QByteArray& pdf);

} // namespace oneseal::test
