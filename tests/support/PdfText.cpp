#include "PdfText.h"

#include <QRegularExpression>

#include <poppler-qt6.h>

#include <memory>

namespace oneseal::test {

QString pdfText(const QByteArray& pdf)
{
    const std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(pdf);
    if (!doc)
        return QStringLiteral("<not a PDF>");
    QString text;
    for (int i = 0; i < doc->numPages(); ++i)
        text += doc->page(i)->text(QRectF());
    return text.remove(QRegularExpression(QStringLiteral("\\s")));
}

int pdfPageCount(const QByteArray& pdf)
{
    const std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(pdf);
    return doc ? doc->numPages() : -1;
}

} // namespace oneseal::test
