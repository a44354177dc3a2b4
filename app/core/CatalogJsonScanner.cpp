#include "CatalogJsonScanner.h"

#include "Catalog.h"

#include <cstring>

namespace oneseal::core {

CatalogJsonScanner::CatalogJsonScanner(const QByteArray& json)
    : m_p(json.constData())
    , m_end(json.constData() + json.size())
{
    value(QString(), 0);
}

int CatalogJsonScanner::lineOf(QString path) const
{
    for (;;) {
        const auto it = m_lines.constFind(path);
        if (it != m_lines.constEnd())
            return *it;
        if (path.isEmpty())
            return 1;
        path = catalogParentPath(path);
    }
}

void CatalogJsonScanner::skipSpace()
{
    while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\r' || *m_p == '\n')) {
        if (*m_p == '\n')
            ++m_line;
        ++m_p;
    }
}

QString CatalogJsonScanner::string()
{
    ++m_p; // opening quote
    const char* start = m_p;
    while (m_p < m_end && *m_p != '"') {
        if (*m_p == '\\' && m_p + 1 < m_end)
            ++m_p;
        ++m_p;
    }
    const QString s = QString::fromUtf8(start, m_p - start);
    if (m_p < m_end)
        ++m_p;
    return s;
}

void CatalogJsonScanner::value(const QString& path, int depth)
{
    skipSpace();
    if (m_p >= m_end || depth > 2048)
        return;
    if (m_lines.contains(path))
        duplicateKeys.append({path, Catalog::tr("this field is given twice in the same object."), m_line});
    else
        m_lines.insert(path, m_line);
    if (*m_p == '{') {
        ++m_p;
        skipSpace();
        while (m_p < m_end && *m_p != '}') {
            if (*m_p != '"') {
                m_p = m_end;
                return;
            }
            const QString key = string();
            skipSpace();
            if (m_p >= m_end || *m_p != ':') {
                m_p = m_end;
                return;
            }
            ++m_p;
            value(catalogChildPath(path, key), depth + 1);
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                skipSpace();
            }
        }
        ++m_p;
    } else if (*m_p == '[') {
        ++m_p;
        skipSpace();
        qsizetype index = 0;
        while (m_p < m_end && *m_p != ']') {
            value(catalogIndexPath(path, index++), depth + 1);
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                skipSpace();
            }
        }
        ++m_p;
    } else if (*m_p == '"') {
        string();
    } else {
        while (m_p < m_end && !strchr(",]} \t\r\n", *m_p))
            ++m_p;
    }
}

} // namespace oneseal::core
