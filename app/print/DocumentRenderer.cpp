#include "print/DocumentRenderer.h"

#include "print/QrCode.h"
#include "print/SealPainter.h"

#include <QBuffer>
#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QMutex>
#include <QPainter>
#include <QPdfWriter>
#include <QPrinter>
#include <QSaveFile>
#include <QTextLayout>

#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

namespace oneseal::print {

namespace {

// Text is drawn in hundredths of a millimetre, so a font's pixel size is an exact, device-independent
// integer (12 pt = 423) and metrics carry no hinting error; everything else is in millimetres.
constexpr double kTextUnitsPerMm = 100.0;

constexpr double kTitlePt = 22.0;
constexpr double kBodyPt = 12.0;
constexpr double kTablePt = 11.0;
constexpr double kFooterPt = 9.0;
constexpr double kSmallPt = 8.0;
constexpr double kQrSideMm = 25.0;
constexpr double kRuleMm = 0.25;

QFont documentFont(double pt, bool bold = false)
{
    QFont font;
    font.setFamilies({ QStringLiteral("Noto Serif CJK SC"), QStringLiteral("Noto Sans CJK SC"),
                       QStringLiteral("WenQuanYi Micro Hei"), QStringLiteral("sans-serif") });
    font.setPixelSize(qRound(pt * 25.4 / 72.0 * kTextUnitsPerMm));
    font.setBold(bold);
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

/**
 * Line breaks and widths already measured, for every notice of the process: a window prints the
 * same boilerplate, matter and material names again and again, and measuring text (shaping every
 * glyph through FreeType) was most of laying a notice out. Keyed by the text, the font and the
 * widths, so a hit is exactly what measuring again would give. Bounded; emptied when full.
 */
class MeasureCache
{
public:
    static MeasureCache& instance()
    {
        static MeasureCache cache;
        return cache;
    }

    template<typename Make>
    QStringList lines(const QString& key, Make make) { return cached(m_lines, key, make); }

    template<typename Make>
    double width(const QString& key, Make make) { return cached(m_widths, key, make); }

private:
    static constexpr qsizetype kMaxEntries = 4096;
    QMutex m_mutex;
    QHash<QString, QStringList> m_lines;
    QHash<QString, double> m_widths;

    /** The value of \a key in \a table, made (outside the lock) and kept when missing. */
    template<typename T, typename Make>
    T cached(QHash<QString, T>& table, const QString& key, Make make)
    {
        {
            const QMutexLocker lock(&m_mutex);
            if (const auto it = table.constFind(key); it != table.cend())
                return *it;
        }
        T made = make();
        const QMutexLocker lock(&m_mutex);
        if (table.size() >= kMaxEntries)
            table.clear();
        table.insert(key, made);
        return made;
    }
};

/** A font with its metrics in millimetres and the distance between its lines. */
struct Style
{
    Style(double pt, double leading, bool bold = false)
        : font(documentFont(pt, bold))
    {
        const QFontMetricsF metrics(font);
        em = font.pixelSize() / kTextUnitsPerMm;
        ascent = metrics.ascent() / kTextUnitsPerMm;
        descent = metrics.descent() / kTextUnitsPerMm;
        lineHeight = em * leading;
    }

    double width(const QString& text) const
    {
        return MeasureCache::instance().width(font.key() + QChar(0x1f) + text, [&] {
            return QFontMetricsF(font).horizontalAdvance(text) / kTextUnitsPerMm;
        });
    }

    /** The baseline of a line whose box starts at @p top: the glyphs centred in the line box. */
    double baseline(double top) const { return top + (lineHeight - ascent - descent) / 2 + ascent; }

    QFont font;
    double em = 0;
    double ascent = 0;
    double descent = 0;
    double lineHeight = 0;
};

void drawText(QPainter& p, const Style& style, const QPointF& baselineMm, const QString& text)
{
    p.save();
    p.scale(1 / kTextUnitsPerMm, 1 / kTextUnitsPerMm);
    p.setFont(style.font);
    p.setPen(Qt::black);
    p.drawText(baselineMm * kTextUnitsPerMm, text);
    p.restore();
}

/**
 * Breaks @p text into lines no wider than @p firstWidth (the first line) and @p width (the others),
 * following Unicode line breaking so CJK punctuation never starts a line. Hard line breaks are kept.
 */
QStringList wrapUncached(const QString& text, const Style& style, double firstWidth, double width)
{
    QStringList lines;
    const QStringList pieces = text.split(QLatin1Char('\n'));
    for (const QString& piece : pieces) {
        QTextLayout layout(piece, style.font);
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(option);
        layout.beginLayout();
        bool first = lines.isEmpty();
        int made = 0;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(qMax(1.0, (first ? firstWidth : width)) * kTextUnitsPerMm);
            lines.append(piece.mid(line.textStart(), line.textLength()).trimmed());
            first = false;
            ++made;
        }
        layout.endLayout();
        if (made == 0)
            lines.append(QString());
    }
    return lines;
}

QStringList wrap(const QString& text, const Style& style, double firstWidth, double width)
{
    const QString key = QStringLiteral("%1\x1f%2\x1f%3\x1f").arg(style.font.key()).arg(firstWidth, 0, 'g', 17).arg(width, 0, 'g', 17) + text;
    return MeasureCache::instance().lines(key, [&] { return wrapUncached(text, style, firstWidth, width); });
}

/** "2026年11月26日": the form of dates on Chinese official documents (GB/T 9704). */
QString documentDate(const QDate& date)
{
    return QStringLiteral("%1年%2月%3日").arg(date.year()).arg(date.month()).arg(date.day());
}

/** Short, printable payloads (a case number, a URL) are written under the QR code. */
bool isShortText(const QByteArray& payload, QString* text)
{
    if (payload.size() > 48)
        return false;
    const QString decoded = QString::fromUtf8(payload);
    if (decoded.contains(QChar::ReplacementCharacter))
        return false;
    for (const QChar c : decoded)
        if (!c.isPrint())
            return false;
    *text = decoded;
    return true;
}

/** A slice of the page flow: drawn at its top, never split across pages. */
struct Block
{
    double height = 0;
    bool keepWithNext = false; ///< on the same page as the block after it
    bool spacer = false; ///< vertical space only, dropped at the top of a page
    std::function<void(QPainter&, double top)> draw;
    std::function<void(QPainter&, double top)> underlay; ///< drawn before any text of the page (the seal)
};

/** The document cut into blocks and the blocks placed on pages. */
class Layout
{
public:
    Layout(const NoticeDocument& doc, const QRectF& sheet, const QMarginsF& margins);

    int pageCount() const { return int(m_pages.size()); }
    void drawPage(QPainter& p, int page) const;

private:
    void build();
    void addSpacer(double height, bool keepWithNext = false);
    void addLines(const QStringList& lines, const Style& style, double indent, double firstIndent,
                  Qt::Alignment alignment = Qt::AlignLeft, bool together = false);
    void addParagraphs(const QStringList& paragraphs);
    void addTable(const QList<QPair<QString, QString>>& rows);
    void addNumberedList(const QString& title, const QList<QPair<QString, QString>>& items);
    void addSignatureLines(const QStringList& labels);
    void addClosing();
    void paginate();

    const NoticeDocument& m_doc;
    QRectF m_content;
    QMarginsF m_margins;
    Style m_title { kTitlePt, 1.4, true };
    Style m_body { kBodyPt, 1.65 };
    Style m_bold { kBodyPt, 1.65, true };
    Style m_table { kTablePt, 1.45 };
    Style m_footer { kFooterPt, 1.3 };
    Style m_small { kSmallPt, 1.3 };
    std::vector<Block> m_blocks;
    bool m_compact = false; ///< closer lines, table rows and signatures, to keep a notice on one page
    double m_continuationTop = 0;
    QList<QList<QPair<int, double>>> m_pages; // (block, top) per page
};

Layout::Layout(const NoticeDocument& doc, const QRectF& sheet, const QMarginsF& margins)
    : m_doc(doc)
    , m_margins(margins)
{
    m_content = sheet.marginsRemoved(margins);
    if (m_content.width() < 20 || m_content.height() < 20) { // margins larger than the paper
        m_margins = QMarginsF();
        m_content = sheet;
    }
    build();
    // A notice that must fit on one page (a bundle's acceptance notice) gets smaller type, within reason.
    for (const double scale : {0.9, 0.82, 0.75}) {
        if (!m_doc.fitOnOnePage || pageCount() <= 1)
            break;
        m_title = Style(kTitlePt * scale, 1.4, true);
        m_body = Style(kBodyPt * scale, scale < 0.8 ? 1.3 : 1.5);
        m_bold = Style(kBodyPt * scale, 1.5, true);
        m_table = Style(kTablePt * scale, scale < 0.8 ? 1.2 : 1.35);
        m_blocks.clear();
        m_pages.clear();
        build();
    }
    if (m_pages.size() == 2) {
        // A notice a little longer than a page (a bundle's long checklist) would leave its closing
        // lines, signatures and seal alone on a second page: set it closer, on one page if it fits.
        m_compact = true;
        m_body = Style(kBodyPt, 1.25);
        m_bold = Style(kBodyPt, 1.25, true);
        m_table = Style(kTablePt, 1.15);
        m_blocks.clear();
        m_pages.clear();
        build();
        if (m_pages.size() > 1) { // it does not: the normal spacing, on two pages
            m_compact = false;
            m_body = Style(kBodyPt, 1.65);
            m_bold = Style(kBodyPt, 1.65, true);
            m_table = Style(kTablePt, 1.45);
            m_blocks.clear();
            m_pages.clear();
            build();
        }
    }
}

void Layout::build()
{
    const NoticeDocument& doc = m_doc;
    const double width = m_content.width();

    if (!doc.documentNumber.isEmpty()) {
        addLines({ doc.documentNumber }, m_body, 0, 0, Qt::AlignRight);
        addSpacer(3);
    }
    m_continuationTop = m_content.top() + (doc.documentNumber.isEmpty() ? 0 : m_body.lineHeight + 3);

    if (!doc.title.isEmpty()) {
        addLines(wrap(doc.title, m_title, width, width), m_title, 0, 0, Qt::AlignHCenter, true);
        m_blocks.back().keepWithNext = true;
        addSpacer(6, true);
    }
    if (!doc.addressee.isEmpty()) {
        QString line = doc.addressee;
        if (!line.endsWith(QChar(0xFF1A)) && !line.endsWith(QLatin1Char(':')))
            line += QChar(0xFF1A); // full-width colon
        addLines(wrap(line, m_body, width, width), m_body, 0, 0);
        m_blocks.back().keepWithNext = true;
    }
    addParagraphs(doc.paragraphs);
    if (!doc.fields.isEmpty()) {
        addSpacer(3);
        addTable(doc.fields);
    }
    if (!doc.numberedItems.isEmpty() || !doc.listTitle.isEmpty()) {
        addSpacer(4);
        addNumberedList(doc.listTitle, doc.numberedItems);
    }
    if (!doc.closingParagraphs.isEmpty()) {
        addSpacer(3);
        addParagraphs(doc.closingParagraphs);
    }
    if (!doc.signatureLines.isEmpty())
        addSignatureLines(doc.signatureLines);
    addClosing();
    paginate();
}

void Layout::addSpacer(double height, bool keepWithNext)
{
    Block block;
    block.height = height;
    block.spacer = true;
    block.keepWithNext = keepWithNext;
    m_blocks.push_back(std::move(block));
}

void Layout::addLines(const QStringList& lines, const Style& style, double indent, double firstIndent,
                      Qt::Alignment alignment, bool together)
{
    const double left = m_content.left();
    const double width = m_content.width();
    auto placeLine = [=](QPainter& p, double top, const QString& text, double lineIndent) {
        double x = left + lineIndent;
        if (alignment & Qt::AlignRight)
            x = left + width - style.width(text);
        else if (alignment & Qt::AlignHCenter)
            x = left + (width - style.width(text)) / 2;
        drawText(p, style, QPointF(x, style.baseline(top)), text);
    };
    if (together && style.lineHeight * lines.size() <= m_content.height() / 2) {
        Block block;
        block.height = style.lineHeight * lines.size();
        block.draw = [=](QPainter& p, double top) {
            for (int i = 0; i < lines.size(); ++i)
                placeLine(p, top + i * style.lineHeight, lines[i], i == 0 ? firstIndent : indent);
        };
        m_blocks.push_back(std::move(block));
        return;
    }
    for (int i = 0; i < lines.size(); ++i) {
        Block block;
        block.height = style.lineHeight;
        const QString text = lines[i];
        const double lineIndent = i == 0 ? firstIndent : indent;
        block.draw = [=](QPainter& p, double top) { placeLine(p, top, text, lineIndent); };
        m_blocks.push_back(std::move(block));
    }
}

void Layout::addParagraphs(const QStringList& paragraphs)
{
    const double width = m_content.width();
    const double indent = 2 * m_body.em; // two characters, as Chinese paragraphs begin
    for (const QString& paragraph : paragraphs) {
        const QString text = paragraph.trimmed();
        if (text.isEmpty())
            continue;
        addLines(wrap(text, m_body, width - indent, width), m_body, 0, indent);
    }
}

void Layout::addTable(const QList<QPair<QString, QString>>& rows)
{
    const double left = m_content.left();
    const double width = m_content.width();
    const double pad = m_compact ? 0.8 : 1.6;
    double labelWidth = 0;
    for (const auto& row : rows)
        labelWidth = qMax(labelWidth, m_table.width(row.first));
    const double labelColumn = qBound(28.0, labelWidth + 2 * pad + 0.5, width * 0.4);
    const double valueWidth = width - labelColumn - 2 * pad;
    const Style style = m_table;

    // A row taller than half a page is cut into rows of at most that height, the label in the first.
    const int maxLines = qMax(1, int((m_content.height() / 2 - 2 * pad) / style.lineHeight));
    for (const auto& row : rows) {
        const QStringList labels = wrap(row.first, style, labelColumn - 2 * pad, labelColumn - 2 * pad);
        const QStringList values = wrap(row.second, style, valueWidth, valueWidth);
        const int total = int(qMax(labels.size(), values.size()));
        for (int from = 0; from < total; from += maxLines) {
            const QStringList labelPart = labels.mid(from, maxLines);
            const QStringList valuePart = values.mid(from, maxLines);
            Block block;
            block.height = qMin(maxLines, total - from) * style.lineHeight + 2 * pad;
            const double height = block.height;
            block.draw = [=](QPainter& p, double top) {
                p.save();
                p.setPen(QPen(Qt::black, kRuleMm));
                p.setBrush(Qt::NoBrush);
                p.drawRect(QRectF(left, top, width, height));
                p.drawLine(QPointF(left + labelColumn, top), QPointF(left + labelColumn, top + height));
                p.restore();
                for (int i = 0; i < labelPart.size(); ++i)
                    drawText(p, style, QPointF(left + pad, style.baseline(top + pad + i * style.lineHeight)),
                             labelPart[i]);
                for (int i = 0; i < valuePart.size(); ++i)
                    drawText(p, style,
                             QPointF(left + labelColumn + pad, style.baseline(top + pad + i * style.lineHeight)),
                             valuePart[i]);
            };
            m_blocks.push_back(std::move(block));
        }
    }
}

void Layout::addNumberedList(const QString& title, const QList<QPair<QString, QString>>& items)
{
    const double left = m_content.left();
    const double width = m_content.width();
    if (!title.isEmpty()) {
        addLines(wrap(title, m_bold, width, width), m_bold, 0, 0);
        m_blocks.back().keepWithNext = true;
    }
    const Style style = m_body;
    const double numberWidth = style.width(QStringLiteral("%1. ").arg(items.size())) + 0.5;
    const double numberGap = style.width(QStringLiteral(" ")) + 0.5; // numbers are right-aligned before it
    const double pageHeight = m_content.height();
    for (int n = 0; n < items.size(); ++n) {
        const QString number = QStringLiteral("%1.").arg(n + 1);
        const double numberX = left + numberWidth - numberGap - style.width(number);
        QString text = items[n].first.trimmed();
        const QString reason = items[n].second.trimmed();
        if (!reason.isEmpty())
            text += QStringLiteral(" — ") + reason;
        const QStringList lines = wrap(text, style, width - numberWidth, width - numberWidth);
        const double height = lines.size() * style.lineHeight;
        if (height <= pageHeight / 2) { // an item stays on one page
            Block block;
            block.height = height;
            block.draw = [=](QPainter& p, double top) {
                drawText(p, style, QPointF(numberX, style.baseline(top)), number);
                for (int i = 0; i < lines.size(); ++i)
                    drawText(p, style, QPointF(left + numberWidth, style.baseline(top + i * style.lineHeight)),
                             lines[i]);
            };
            m_blocks.push_back(std::move(block));
            continue;
        }
        for (int i = 0; i < lines.size(); ++i) { // a very long item flows line by line
            Block block;
            block.height = style.lineHeight;
            const QString line = lines[i];
            const bool first = i == 0;
            block.draw = [=](QPainter& p, double top) {
                if (first)
                    drawText(p, style, QPointF(numberX, style.baseline(top)), number);
                drawText(p, style, QPointF(left + numberWidth, style.baseline(top)), line);
            };
            m_blocks.push_back(std::move(block));
        }
    }
}

void Layout::addSignatureLines(const QStringList& labels)
{
    const double left = m_content.left();
    const double width = m_content.width();
    const Style style = m_body;
    if (!m_blocks.empty())
        m_blocks.back().keepWithNext = true;
    addSpacer(4, true);
    if (m_compact) { // all on one line, side by side
        Block block;
        block.height = 11;
        block.keepWithNext = true;
        const double slot = width / qMax<qsizetype>(1, labels.size());
        block.draw = [=](QPainter& p, double top) {
            const double baseline = top + 8;
            for (int i = 0; i < labels.size(); ++i) {
                const double x = left + i * slot;
                drawText(p, style, QPointF(x, baseline), labels[i]);
                const double start = x + style.width(labels[i]) + 1;
                p.save();
                p.setPen(QPen(Qt::black, kRuleMm));
                p.drawLine(QPointF(start, baseline + 1), QPointF(qMax(x + slot - 4, start + 20), baseline + 1));
                p.restore();
            }
        };
        m_blocks.push_back(std::move(block));
        return;
    }
    for (const QString& label : labels) {
        Block block;
        block.height = 11; // room for a handwritten signature above the line
        block.keepWithNext = true;
        block.draw = [=](QPainter& p, double top) {
            const double baseline = top + 8;
            drawText(p, style, QPointF(left, baseline), label);
            const double start = left + style.width(label) + 1;
            const double end = qMin(left + width * 0.55, start + 55);
            p.save();
            p.setPen(QPen(Qt::black, kRuleMm));
            p.drawLine(QPointF(start, baseline + 1), QPointF(qMax(end, start + 20), baseline + 1));
            p.restore();
        };
        m_blocks.push_back(std::move(block));
    }
}

void Layout::addClosing()
{
    const NoticeDocument& doc = m_doc;
    const double left = m_content.left();
    const double right = m_content.right();
    const Style style = m_body;
    const Style small = m_small;
    const bool hasIssuer = !doc.issuer.isEmpty() || doc.date.isValid();
    const bool hasSeal = doc.withSeal;
    const bool hasQr = !doc.qrPayload.isEmpty();
    if (!hasIssuer && !hasSeal && !hasQr)
        return;

    // The issuer and date, centred on each other, ending four characters from the right margin.
    const QString issuer = doc.issuer;
    const QString date = doc.date.isValid() ? documentDate(doc.date) : QString();
    const double blockWidth = qMax(style.width(issuer), style.width(date));
    const double blockRight = right - 2 * style.em;
    const double blockCentre = blockRight - blockWidth / 2;
    const double sealRadius = SealPainter::kDiameterMm / 2;
    const double sealPad = hasSeal ? qMax(0.0, sealRadius - 2 * style.lineHeight) : 0.0;
    const double textHeight = 2 * style.lineHeight;
    double height = sealPad + textHeight;
    if (hasSeal)
        height = qMax(height, sealPad + style.lineHeight + sealRadius);

    // The QR code, bottom left, with its text under it when that is short.
    std::optional<QrCode> qr;
    QString qrError;
    QString qrText;
    if (hasQr) {
        qr = QrCode::encode(doc.qrPayload, &qrError);
        if (qr && isShortText(doc.qrPayload, &qrText) && small.width(qrText) > 60)
            qrText.clear();
    }
    const double qrHeight = hasQr ? kQrSideMm + (qrText.isEmpty() ? 0 : small.lineHeight + 1) : 0;
    height = qMax(height, qrHeight);

    if (!m_blocks.empty())
        m_blocks.back().keepWithNext = true; // never a page with only the seal on it
    addSpacer(m_compact ? 3 : 8, true);

    Block block;
    block.height = height;
    const double maxSealX = right + qMin(10.0, qMax(0.0, m_margins.right() - 5)) - sealRadius;
    const QString sealText = doc.sealBureau.isEmpty() ? doc.issuer : doc.sealBureau;
    if (hasSeal) {
        block.underlay = [=](QPainter& p, double top) {
            const QPointF centre(qMin(blockCentre, maxSealX), top + sealPad + style.lineHeight);
            SealPainter::paint(p, centre, sealText);
        };
    }
    block.draw = [=](QPainter& p, double top) {
        if (!issuer.isEmpty())
            drawText(p, style, QPointF(blockCentre - style.width(issuer) / 2, style.baseline(top + sealPad)), issuer);
        if (!date.isEmpty())
            drawText(p, style,
                     QPointF(blockCentre - style.width(date) / 2, style.baseline(top + sealPad + style.lineHeight)),
                     date);
        if (!hasQr)
            return;
        const QRectF square(left, top + height - qrHeight, kQrSideMm, kQrSideMm);
        if (qr) {
            qr->paint(p, square);
            if (!qrText.isEmpty()) {
                const double w = small.width(qrText);
                const double x = w <= kQrSideMm ? square.center().x() - w / 2 : left;
                drawText(p, small, QPointF(x, small.baseline(square.bottom() + 1)), qrText);
            }
        } else {
            p.save();
            p.setPen(QPen(Qt::black, kRuleMm, Qt::DashLine));
            p.drawRect(square);
            p.restore();
            const QStringList lines = wrap(qrError, small, kQrSideMm - 2, kQrSideMm - 2);
            for (int i = 0; i < lines.size() && (i + 1) * small.lineHeight < kQrSideMm; ++i)
                drawText(p, small, QPointF(left + 1, small.baseline(square.top() + 1 + i * small.lineHeight)),
                         lines[i]);
        }
    };
    m_blocks.push_back(std::move(block));
}

void Layout::paginate()
{
    const double bottom = m_content.bottom() + 1e-6;
    const double pageHeight = m_content.height();
    m_pages.emplaceBack();
    double y = m_content.top();
    for (int i = 0; i < int(m_blocks.size()); ++i) {
        const Block& block = m_blocks[size_t(i)];
        if (block.spacer && m_pages.last().isEmpty() && m_pages.size() > 1)
            continue;
        double need = block.height;
        for (int j = i; j + 1 < int(m_blocks.size()) && m_blocks[size_t(j)].keepWithNext; ++j)
            need += m_blocks[size_t(j + 1)].height;
        if (need > pageHeight - (m_continuationTop - m_content.top()))
            need = block.height; // a chain longer than a page cannot be kept together
        const bool pageHasContent
            = std::any_of(m_pages.last().cbegin(), m_pages.last().cend(),
                          [this](const auto& placed) { return !m_blocks[size_t(placed.first)].spacer; });
        if (y + need > bottom && pageHasContent) {
            m_pages.emplaceBack();
            y = m_continuationTop;
            if (block.spacer)
                continue;
        }
        m_pages.last().append({ i, y });
        y += block.height;
    }
}

void Layout::drawPage(QPainter& p, int page) const
{
    if (page < 0 || page >= m_pages.size())
        return;
    const auto& placed = m_pages[page];
    for (const auto& [index, top] : placed)
        if (m_blocks[size_t(index)].underlay)
            m_blocks[size_t(index)].underlay(p, top);
    for (const auto& [index, top] : placed)
        if (m_blocks[size_t(index)].draw)
            m_blocks[size_t(index)].draw(p, top);

    if (page > 0 && !m_doc.documentNumber.isEmpty())
        drawText(p, m_body,
                 QPointF(m_content.right() - m_body.width(m_doc.documentNumber), m_body.baseline(m_content.top())),
                 m_doc.documentNumber);
    if (m_pages.size() > 1) {
        // Fixed wording of the printed notice, as the document number and date are.
        const QString footer = QStringLiteral("第 %1 页 共 %2 页").arg(page + 1).arg(m_pages.size());
        const double baseline = m_content.bottom() + qMax(m_margins.bottom() / 2, m_footer.ascent);
        drawText(p, m_footer, QPointF(m_content.center().x() - m_footer.width(footer) / 2, baseline), footer);
    }
}

} // namespace

DocumentRenderer::DocumentRenderer(QPageSize page, QMarginsF marginsMm)
    : m_page(page.isValid() ? std::move(page) : QPageSize(QPageSize::A4))
    , m_margins(marginsMm)
{ }

QRectF DocumentRenderer::sheetMm() const
{
    return QRectF(QPointF(0, 0), m_page.size(QPageSize::Millimeter));
}

bool DocumentRenderer::validate(const NoticeDocument& doc, QString* error)
{
    if (!doc.qrPayload.isEmpty()) {
        QString qrError;
        if (!QrCode::encode(doc.qrPayload, &qrError)) {
            if (error)
                *error = qrError;
            return false;
        }
    }
    return true;
}

int DocumentRenderer::render(QPainter& painter, const QRectF& pageRectMm, const NoticeDocument& doc, int page) const
{
    const Layout layout(doc, pageRectMm, m_margins);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    layout.drawPage(painter, page);
    painter.restore();
    return layout.pageCount();
}

int DocumentRenderer::pageCount(const NoticeDocument& doc) const
{
    return Layout(doc, sheetMm(), m_margins).pageCount();
}

QByteArray DocumentRenderer::toPdfBytes(const NoticeDocument& doc) const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(300);
        writer.setPageSize(m_page);
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
        writer.setTitle(doc.title);
        writer.setCreator(QStringLiteral("OneSeal"));
        QPainter painter;
        if (!painter.begin(&writer))
            return {};
        const Layout layout(doc, sheetMm(), m_margins);
        for (int page = 0; page < layout.pageCount(); ++page) {
            if (page > 0)
                writer.newPage();
            painter.save();
            painter.scale(writer.logicalDpiX() / 25.4, writer.logicalDpiY() / 25.4);
            painter.setRenderHint(QPainter::Antialiasing, true);
            layout.drawPage(painter, page);
            painter.restore();
        }
        painter.end();
    }
    return buffer.data();
}

bool DocumentRenderer::toPdf(const NoticeDocument& doc, const QString& path, QString* error) const
{
    if (!validate(doc, error))
        return false;
    const QByteArray pdf = toPdfBytes(doc);
    if (pdf.isEmpty()) {
        if (error)
            *error = tr("The PDF could not be made.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot write the PDF to %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QImage DocumentRenderer::toImage(const NoticeDocument& doc, int page, int dpi) const
{
    const int usedDpi = qBound(30, dpi, 1200);
    const QRectF sheet = sheetMm();
    const Layout layout(doc, sheet, m_margins);
    if (page < 0 || page >= layout.pageCount())
        return {};
    const double pxPerMm = usedDpi / 25.4;
    QImage image(qRound(sheet.width() * pxPerMm), qRound(sheet.height() * pxPerMm), QImage::Format_RGB32);
    image.setDotsPerMeterX(qRound(usedDpi / 0.0254));
    image.setDotsPerMeterY(qRound(usedDpi / 0.0254));
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(pxPerMm, pxPerMm);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    layout.drawPage(painter, page);
    painter.end();
    return image;
}

bool DocumentRenderer::print(QPrinter& printer, const NoticeDocument& doc, QString* error) const
{
    if (!validate(doc, error))
        return false;
    printer.setFullPage(true);
    printer.setPageSize(m_page);
    printer.setPageOrientation(QPageLayout::Portrait);
    printer.setDocName(doc.title);

    const QRectF sheet(QPointF(0, 0), printer.pageLayout().fullRect(QPageLayout::Millimeter).size());
    const Layout layout(doc, sheet, m_margins);
    int first = 0;
    int last = layout.pageCount() - 1;
    if (printer.printRange() == QPrinter::PageRange && printer.fromPage() > 0) {
        first = printer.fromPage() - 1;
        last = qMin(last, qMax(first, printer.toPage() - 1));
    }
    if (first > last) {
        if (error)
            *error = tr("The notice has %n page(s); the chosen range has none of them.", nullptr, layout.pageCount());
        return false;
    }

    QPainter painter;
    if (!painter.begin(&printer)) {
        if (error)
            *error = printer.outputFileName().isEmpty() ? tr("The printer %1 is not ready.").arg(printer.printerName())
                                                        : tr("Cannot write to %1.").arg(printer.outputFileName());
        return false;
    }
    for (int page = first; page <= last; ++page) {
        if (page > first && !printer.newPage()) {
            painter.end();
            if (error)
                *error = tr("The printer stopped after page %1.").arg(page);
            return false;
        }
        painter.save();
        painter.scale(printer.logicalDpiX() / 25.4, printer.logicalDpiY() / 25.4);
        painter.setRenderHint(QPainter::Antialiasing, true);
        layout.drawPage(painter, page);
        painter.restore();
    }
    if (!painter.end()) {
        if (error)
            *error = tr("The printer did not accept the notice.");
        return false;
    }
    return true;
}

} // namespace oneseal::print
