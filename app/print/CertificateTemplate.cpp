#include "print/CertificateTemplate.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace oneseal::print {

namespace {

    constexpr int kFormat = 1;
    constexpr double kMinQrMm = 18; // a payload of ~300 characters needs 0.3 mm modules at least
    const QString kTemplateDir = QStringLiteral(":/oneseal/templates");

    /** Reads a template object, remembering the first problem with the path of the item it is in. */
    class Reader
    {
    public:
        explicit Reader(QString* error)
            : m_error(error)
        { }

        bool ok() const { return m_ok; }

        void fail(const QString& where, const QString& message)
        {
            if (!m_ok)
                return;
            m_ok = false;
            if (m_error)
                *m_error = where.isEmpty() ? message : CertificateTemplate::tr("%1: %2").arg(where, message);
        }

        double number(const QJsonObject& o, const QString& where, const QString& key, double fallback, bool required,
            double min, double max)
        {
            const QJsonValue v = o.value(key);
            if (v.isUndefined()) {
                if (required)
                    fail(where, CertificateTemplate::tr("\"%1\" is missing.").arg(key));
                return fallback;
            }
            if (!v.isDouble() || !std::isfinite(v.toDouble())) {
                fail(where, CertificateTemplate::tr("\"%1\" must be a number.").arg(key));
                return fallback;
            }
            const double d = v.toDouble();
            if (d < min || d > max) {
                fail(where,
                    CertificateTemplate::tr("\"%1\" is %2; it must be between %3 and %4.")
                        .arg(key)
                        .arg(d)
                        .arg(min)
                        .arg(max));
                return fallback;
            }
            return d;
        }

        QString string(const QJsonObject& o, const QString& where, const QString& key, bool required)
        {
            const QJsonValue v = o.value(key);
            if (v.isUndefined()) {
                if (required)
                    fail(where, CertificateTemplate::tr("\"%1\" is missing.").arg(key));
                return {};
            }
            if (!v.isString()) {
                fail(where, CertificateTemplate::tr("\"%1\" must be a text.").arg(key));
                return {};
            }
            if (required && v.toString().trimmed().isEmpty())
                fail(where, CertificateTemplate::tr("\"%1\" is empty.").arg(key));
            return v.toString();
        }

        bool boolean(const QJsonObject& o, const QString& where, const QString& key, bool fallback)
        {
            const QJsonValue v = o.value(key);
            if (v.isUndefined())
                return fallback;
            if (!v.isBool()) {
                fail(where, CertificateTemplate::tr("\"%1\" must be true or false.").arg(key));
                return fallback;
            }
            return v.toBool();
        }

        QColor color(const QJsonObject& o, const QString& where, const QString& key, const QColor& fallback)
        {
            const QString text = string(o, where, key, false);
            if (text.isEmpty())
                return fallback;
            static const QRegularExpression hex(QStringLiteral("^#[0-9a-fA-F]{6}$"));
            if (!hex.match(text).hasMatch()) {
                fail(where,
                    CertificateTemplate::tr("\"%1\" must be a colour written #rrggbb, not \"%2\".").arg(key, text));
                return fallback;
            }
            return QColor(text);
        }

        Qt::Alignment alignment(const QJsonObject& o, const QString& where, Qt::Alignment fallback)
        {
            const QString text = string(o, where, QStringLiteral("align"), false);
            if (text.isEmpty())
                return fallback;
            if (text == QLatin1String("left"))
                return Qt::AlignLeft;
            if (text == QLatin1String("center"))
                return Qt::AlignHCenter;
            if (text == QLatin1String("right"))
                return Qt::AlignRight;
            fail(where, CertificateTemplate::tr("\"align\" must be left, center or right, not \"%1\".").arg(text));
            return fallback;
        }

        CertificateTemplate::Font font(const QJsonObject& o, const QString& where)
        {
            CertificateTemplate::Font f;
            const QJsonValue v = o.value(QStringLiteral("font"));
            if (v.isUndefined())
                return f;
            if (!v.isObject()) {
                fail(where, CertificateTemplate::tr("\"font\" must be an object."));
                return f;
            }
            const QJsonObject fo = v.toObject();
            const QString inner = where + QStringLiteral(".font");
            const QString family = string(fo, inner, QStringLiteral("family"), false);
            if (!family.isEmpty())
                f.family = family;
            f.sizePt = number(fo, inner, QStringLiteral("sizePt"), f.sizePt, false, 4, 96);
            f.bold = boolean(fo, inner, QStringLiteral("bold"), false);
            f.letterSpacingMm = number(fo, inner, QStringLiteral("letterSpacingMm"), 0, false, 0, 50);
            return f;
        }

        QRectF box(const QJsonObject& o, const QString& where, const QSizeF& sheet)
        {
            const double x = number(o, where, QStringLiteral("x"), 0, true, 0, sheet.width());
            const double y = number(o, where, QStringLiteral("y"), 0, true, 0, sheet.height());
            const double w = number(o, where, QStringLiteral("width"), 1, true, 0.5, sheet.width());
            const double h = number(o, where, QStringLiteral("height"), 1, true, 0.5, sheet.height());
            inside(where, QRectF(x, y, w, h), sheet);
            return QRectF(x, y, w, h);
        }

        void inside(const QString& where, const QRectF& r, const QSizeF& sheet)
        {
            const double eps = 1e-6;
            if (r.right() > sheet.width() + eps || r.bottom() > sheet.height() + eps || r.left() < -eps
                || r.top() < -eps)
                fail(where,
                    CertificateTemplate::tr("the box %1, %2 – %3, %4 mm is not on the %5 × %6 mm sheet.")
                        .arg(r.left())
                        .arg(r.top())
                        .arg(r.right())
                        .arg(r.bottom())
                        .arg(sheet.width())
                        .arg(sheet.height()));
        }

    private:
        QString* m_error;
        bool m_ok = true;
    };

    std::optional<QPageSize> pageSizeNamed(const QString& name)
    {
        if (name == QLatin1String("A3"))
            return QPageSize(QPageSize::A3);
        if (name == QLatin1String("A4"))
            return QPageSize(QPageSize::A4);
        if (name == QLatin1String("A5"))
            return QPageSize(QPageSize::A5);
        if (name == QLatin1String("B5")) // ISO B5, 176 × 250 mm (GB/T 148)
            return QPageSize(QPageSize::B5);
        return std::nullopt;
    }

} // namespace

QSizeF CertificateTemplate::sheetMm() const
{
    const QSizeF portrait = m_pageSize.size(QPageSize::Millimeter);
    return m_orientation == QPageLayout::Landscape ? portrait.transposed() : portrait;
}

const CertificateTemplate::Field* CertificateTemplate::field(const QString& key) const
{
    for (const Field& f : m_fields)
        if (f.key == key)
            return &f;
    return nullptr;
}

std::optional<CertificateTemplate> CertificateTemplate::fromJson(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = tr("The template is not valid JSON: %1 at character %2.")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (error)
            *error = tr("The template must be a JSON object.");
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    Reader r(error);
    CertificateTemplate t;

    const int format = int(r.number(root, QString(), QStringLiteral("format"), 0, true, 0, 1000));
    if (r.ok() && format != kFormat)
        r.fail(QString(), tr("\"format\" is %1; this program reads format %2.").arg(format).arg(kFormat));
    t.m_id = r.string(root, QString(), QStringLiteral("id"), true);
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    if (r.ok() && !idPattern.match(t.m_id).hasMatch())
        r.fail(QString(), tr("\"id\" must be lower-case letters, digits and hyphens, not \"%1\".").arg(t.m_id));
    t.m_name = r.string(root, QString(), QStringLiteral("name"), true);
    for (const QJsonValue& v : root.value(QStringLiteral("resultTypes")).toArray())
        t.m_resultTypes.append(v.toString());
    for (const QJsonValue& v : root.value(QStringLiteral("resultNames")).toArray())
        t.m_resultNames.append(v.toString());

    // The paper.
    const QJsonObject page = root.value(QStringLiteral("page")).toObject();
    if (r.ok() && page.isEmpty())
        r.fail(QString(), tr("\"page\" is missing."));
    const QString sizeName = r.string(page, QStringLiteral("page"), QStringLiteral("size"), false);
    if (!sizeName.isEmpty()) {
        const auto named = pageSizeNamed(sizeName);
        if (!named)
            r.fail(QStringLiteral("page"), tr("\"size\" must be A3, A4, A5 or B5, not \"%1\".").arg(sizeName));
        else
            t.m_pageSize = *named;
    } else if (r.ok()) {
        const double w = r.number(page, QStringLiteral("page"), QStringLiteral("widthMm"), 0, true, 50, 1200);
        const double h = r.number(page, QStringLiteral("page"), QStringLiteral("heightMm"), 0, true, 50, 1200);
        t.m_pageSize = QPageSize(QSizeF(qMin(w, h), qMax(w, h)), QPageSize::Millimeter, t.m_id);
    }
    const QString orientation = r.string(page, QStringLiteral("page"), QStringLiteral("orientation"), false);
    if (orientation == QLatin1String("landscape"))
        t.m_orientation = QPageLayout::Landscape;
    else if (!orientation.isEmpty() && orientation != QLatin1String("portrait"))
        r.fail(
            QStringLiteral("page"), tr("\"orientation\" must be portrait or landscape, not \"%1\".").arg(orientation));
    if (!r.ok())
        return std::nullopt;
    const QSizeF sheet = t.sheetMm();
    t.m_paperColor = r.color(root, QString(), QStringLiteral("paperColor"), Qt::white);

    // The background.
    const QJsonArray background = root.value(QStringLiteral("background")).toArray();
    for (int i = 0; i < background.size() && r.ok(); ++i) {
        const QString where = QStringLiteral("background[%1]").arg(i);
        const QJsonObject o = background.at(i).toObject();
        Shape s;
        const QString type = r.string(o, where, QStringLiteral("type"), true);
        s.color = r.color(o, where, QStringLiteral("color"), Qt::black);
        s.fill = r.color(o, where, QStringLiteral("fill"), QColor());
        s.penMm = r.number(o, where, QStringLiteral("pen"), 0.3, false, 0, 10);
        if (type == QLatin1String("rect") || type == QLatin1String("text") || type == QLatin1String("waves")) {
            s.kind = type == QLatin1String("rect") ? Shape::Rect
                : type == QLatin1String("text")    ? Shape::Text
                                                   : Shape::Waves;
            s.rectMm = r.box(o, where, sheet);
            if (s.kind == Shape::Text) {
                s.text = r.string(o, where, QStringLiteral("text"), true);
                s.font = r.font(o, where);
                s.alignment = r.alignment(o, where, Qt::AlignHCenter);
            }
            if (s.kind == Shape::Waves) {
                s.count = int(r.number(o, where, QStringLiteral("count"), 3, false, 1, 20));
                s.periodMm = r.number(o, where, QStringLiteral("periodMm"), 6, false, 1, 100);
            }
        } else if (type == QLatin1String("line")) {
            s.kind = Shape::Line;
            const QPointF p1(r.number(o, where, QStringLiteral("x1"), 0, true, 0, sheet.width()),
                r.number(o, where, QStringLiteral("y1"), 0, true, 0, sheet.height()));
            const QPointF p2(r.number(o, where, QStringLiteral("x2"), 0, true, 0, sheet.width()),
                r.number(o, where, QStringLiteral("y2"), 0, true, 0, sheet.height()));
            s.rectMm = QRectF(p1, p2);
        } else if (type == QLatin1String("circle") || type == QLatin1String("star")
            || type == QLatin1String("emblem")) {
            s.kind = type == QLatin1String("circle") ? Shape::Circle
                : type == QLatin1String("star")      ? Shape::Star
                                                     : Shape::Emblem;
            const QPointF c(r.number(o, where, QStringLiteral("cx"), 0, true, 0, sheet.width()),
                r.number(o, where, QStringLiteral("cy"), 0, true, 0, sheet.height()));
            const double radius = r.number(o, where, QStringLiteral("r"), 1, true, 0.5, 200);
            s.rectMm = QRectF(c.x() - radius, c.y() - radius, 2 * radius, 2 * radius);
            r.inside(where, s.rectMm, sheet);
        } else if (r.ok()) {
            r.fail(
                where, tr("\"type\" must be rect, line, circle, star, text, emblem or waves, not \"%1\".").arg(type));
        }
        t.m_background.append(s);
    }

    // The fields.
    const QJsonValue fieldsValue = root.value(QStringLiteral("fields"));
    if (r.ok() && (!fieldsValue.isArray() || fieldsValue.toArray().isEmpty()))
        r.fail(QString(), tr("\"fields\" must be a list of at least one field."));
    const QJsonArray fields = fieldsValue.toArray();
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z][A-Za-z0-9_]{0,62}$"));
    static const QStringList formats = { QString(), QStringLiteral("licenceIdentifier"), QStringLiteral("creditCode"),
        QStringLiteral("residentId"), QStringLiteral("holderId") };
    for (int i = 0; i < fields.size() && r.ok(); ++i) {
        const QJsonObject o = fields.at(i).toObject();
        Field f;
        f.key = o.value(QStringLiteral("key")).toString();
        const QString where = QStringLiteral("fields[%1] (\"%2\")").arg(i).arg(f.key);
        r.string(o, where, QStringLiteral("key"), true);
        if (r.ok() && !keyPattern.match(f.key).hasMatch())
            r.fail(where, tr("\"key\" must be a letter followed by letters, digits or _."));
        f.label = r.string(o, where, QStringLiteral("label"), false);
        f.boxMm = r.box(o, where, sheet);
        f.font = r.font(o, where);
        f.alignment = r.alignment(o, where, Qt::AlignLeft);
        f.multiline = r.boolean(o, where, QStringLiteral("multiline"), false);
        f.indentFirstLine = r.boolean(o, where, QStringLiteral("indentFirstLine"), false);
        f.required = r.boolean(o, where, QStringLiteral("required"), false);
        f.minSizePt = r.number(o, where, QStringLiteral("minSizePt"), 0, false, 0, 96);
        if (r.ok() && f.minSizePt > f.font.sizePt)
            r.fail(where, tr("\"minSizePt\" is larger than the font size."));
        f.format = r.string(o, where, QStringLiteral("format"), false);
        if (r.ok() && !formats.contains(f.format))
            r.fail(where,
                tr("\"format\" must be licenceIdentifier, creditCode, residentId or holderId, not \"%1\".")
                    .arg(f.format));
        f.color = r.color(o, where, QStringLiteral("color"), Qt::black);
        if (r.ok())
            t.m_fields.append(f);
    }

    // The seal and the QR code.
    const QJsonValue sealValue = root.value(QStringLiteral("seal"));
    if (r.ok() && sealValue.isObject()) {
        const QJsonObject o = sealValue.toObject();
        t.m_sealCentre = QPointF(r.number(o, QStringLiteral("seal"), QStringLiteral("cx"), 0, true, 0, sheet.width()),
            r.number(o, QStringLiteral("seal"), QStringLiteral("cy"), 0, true, 0, sheet.height()));
        t.m_sealDiameterMm = r.number(o, QStringLiteral("seal"), QStringLiteral("diameter"), 42, false, 20, 60);
        const double radius = t.m_sealDiameterMm / 2;
        r.inside(QStringLiteral("seal"),
            QRectF(t.m_sealCentre.x() - radius, t.m_sealCentre.y() - radius, 2 * radius, 2 * radius), sheet);
    } else if (r.ok() && !sealValue.isUndefined()) {
        r.fail(QStringLiteral("seal"), tr("must be an object with cx, cy and diameter."));
    }
    const QJsonValue qrValue = root.value(QStringLiteral("qr"));
    if (r.ok() && qrValue.isObject()) {
        const QJsonObject o = qrValue.toObject();
        const double x = r.number(o, QStringLiteral("qr"), QStringLiteral("x"), 0, true, 0, sheet.width());
        const double y = r.number(o, QStringLiteral("qr"), QStringLiteral("y"), 0, true, 0, sheet.height());
        const double size = r.number(o, QStringLiteral("qr"), QStringLiteral("size"), kMinQrMm, true, kMinQrMm, 120);
        t.m_qrRect = QRectF(x, y, size, size);
        r.inside(QStringLiteral("qr"), t.m_qrRect, sheet);
    } else if (r.ok() && !qrValue.isUndefined()) {
        r.fail(QStringLiteral("qr"), tr("must be an object with x, y and size."));
    }
    if (!r.ok())
        return std::nullopt;
    return t;
}

std::optional<CertificateTemplate> CertificateTemplate::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Unable to read the template %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString inner;
    auto t = fromJson(file.readAll(), &inner);
    if (!t && error)
        *error = tr("%1: %2").arg(QFileInfo(path).fileName(), inner);
    return t;
}

QList<CertificateTemplate> CertificateTemplate::builtIn()
{
    QList<CertificateTemplate> templates;
    const QDir dir(kTemplateDir);
    for (const QString& name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
        QString error;
        auto t = load(dir.filePath(name), &error);
        if (t)
            templates.append(*t);
        else
            qWarning("Built-in certificate template %s is broken: %s", qPrintable(name), qPrintable(error));
    }
    std::sort(templates.begin(), templates.end(),
        [](const CertificateTemplate& a, const CertificateTemplate& b) { return a.id() < b.id(); });
    return templates;
}

std::optional<CertificateTemplate> CertificateTemplate::builtIn(const QString& id)
{
    for (const CertificateTemplate& t : builtIn())
        if (t.id() == id)
            return t;
    return std::nullopt;
}

std::optional<CertificateTemplate> CertificateTemplate::forResult(
    const QList<CertificateTemplate>& templates, const QString& resultType, const QString& resultName)
{
    for (const CertificateTemplate& t : templates)
        if (!resultName.isEmpty() && t.resultNames().contains(resultName))
            return t;
    for (const CertificateTemplate& t : templates)
        if (!resultType.isEmpty() && t.resultTypes().contains(resultType))
            return t;
    return std::nullopt;
}

} // namespace oneseal::print
