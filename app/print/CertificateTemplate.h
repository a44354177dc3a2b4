#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QList>
#include <QPageLayout>
#include <QPageSize>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <optional>

namespace oneseal::print {

/**
 * The layout of one kind of certificate (证照) or result document: the paper, where each field's text
 * goes in millimetres and in which font, where the seal and the QR code go, and the background (frame,
 * title, emblem placeholder, labels) that is printed on plain paper and shown in previews but left out
 * on pre-printed stock (制式证照). Templates are JSON files; docs/CERTIFICATES.md describes the
 * format and resources/templates/ holds the built-in ones, available as builtIn().
 *
 * All coordinates are millimetres from the top-left corner of the sheet as it is read (landscape
 * sheets are wider than tall).
 */
class CertificateTemplate
{
    Q_DECLARE_TR_FUNCTIONS(CertificateTemplate)

public:
    /** A font as templates give it; family "serif", "sans" or "kai" stand for the installed CJK fonts. */
    struct Font
    {
        QString family = QStringLiteral("serif");
        double sizePt = 12;
        bool bold = false;
        double letterSpacingMm = 0; ///< extra space after every character (titles)
    };

    /**
     * One piece of variable text, filled from CertificateDocument::fields by its key. Several fields
     * may share a key (the issuer in the letterhead and above the seal).
     */
    struct Field
    {
        QString key; ///< e.g. holderName; [A-Za-z][A-Za-z0-9_]*
        QString label; ///< what it is, in the certificate's language (alignment page, editors)
        QRectF boxMm; ///< the text stays inside this box
        Font font;
        Qt::Alignment alignment = Qt::AlignLeft; ///< horizontal: left, centre or right
        bool multiline = false; ///< wraps inside the box (from the top) instead of one centred line
        bool indentFirstLine = false; ///< two characters of indent, as a Chinese paragraph begins
        double minSizePt = 0; ///< the font may shrink down to this to fit (0: 70 % of its size)
        bool required = false; ///< an empty value is an error
        QString format; ///< "", "licenceIdentifier", "creditCode", "residentId" or "holderId": checked
        QColor color = Qt::black;
    };

    /** A piece of the background, drawn with QPainter; see docs/CERTIFICATES.md for each kind. */
    struct Shape
    {
        enum Kind { Rect, Line, Circle, Star, Text, Emblem, Waves };
        Kind kind = Rect;
        QRectF rectMm; ///< Rect, Text, Waves: the box; Circle, Star, Emblem: centre ± radius; Line: p1-p2
        double penMm = 0.3;
        QColor color = Qt::black;
        QColor fill; ///< invalid: not filled
        QString text; ///< Text
        Font font; ///< Text
        Qt::Alignment alignment = Qt::AlignHCenter; ///< Text
        int count = 3; ///< Waves: number of wave lines
        double periodMm = 6; ///< Waves: length of one wave
    };

    /** Reads a template from its JSON text; nothing with @p error naming the wrong item otherwise. */
    static std::optional<CertificateTemplate> fromJson(const QByteArray& json, QString* error);
    /** Reads a template file (the resource paths of builtIn() work too). */
    static std::optional<CertificateTemplate> load(const QString& path, QString* error);
    /** The templates shipped with the program (resources/templates), by id order. */
    static QList<CertificateTemplate> builtIn();
    /** One built-in template by id; nothing when there is no such template. */
    static std::optional<CertificateTemplate> builtIn(const QString& id);
    /**
     * The template for a catalog matter's result: the first whose resultNames holds @p resultName,
     * else the first whose resultTypes holds @p resultType; nothing when none fits.
     */
    static std::optional<CertificateTemplate> forResult(
        const QList<CertificateTemplate>& templates, const QString& resultType, const QString& resultName);

    QString id() const { return m_id; }
    QString name() const { return m_name; }
    QStringList resultTypes() const { return m_resultTypes; }
    QStringList resultNames() const { return m_resultNames; }
    QPageSize pageSize() const { return m_pageSize; }
    QPageLayout::Orientation orientation() const { return m_orientation; }
    /** The sheet's size as it is read, in millimetres (width > height for landscape). */
    QSizeF sheetMm() const;
    QColor paperColor() const { return m_paperColor; }
    const QList<Shape>& background() const { return m_background; }
    const QList<Field>& fields() const { return m_fields; }
    /** The first field with @p key, or nullptr. */
    const Field* field(const QString& key) const;
    bool hasSeal() const { return m_sealDiameterMm > 0; }
    QPointF sealCentreMm() const { return m_sealCentre; }
    double sealDiameterMm() const { return m_sealDiameterMm; }
    bool hasQr() const { return !m_qrRect.isEmpty(); }
    /** The QR code's square, quiet zone included. */
    QRectF qrRectMm() const { return m_qrRect; }

private:
    QString m_id;
    QString m_name;
    QStringList m_resultTypes;
    QStringList m_resultNames;
    QPageSize m_pageSize;
    QPageLayout::Orientation m_orientation = QPageLayout::Portrait;
    QColor m_paperColor = Qt::white;
    QList<Shape> m_background;
    QList<Field> m_fields;
    QPointF m_sealCentre;
    double m_sealDiameterMm = 0;
    QRectF m_qrRect;
};

} // namespace oneseal::print
