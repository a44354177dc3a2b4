#include "KeystrokeBurst.h"

namespace oneseal::devices {

bool KeystrokeBurst::key(qint64 msec, QChar c)
{
    const bool idChar = c.isDigit() || c == QLatin1Char('X') || c == QLatin1Char('x');
    if (!idChar) {
        reset();
        return false;
    }
    if (m_last < 0 || msec - m_last > kMaxGapMs || msec < m_last || m_text.size() >= kMaxLength)
        m_text.clear();
    m_text.append(c.toUpper());
    m_last = msec;
    return true;
}

QString KeystrokeBurst::enter(qint64 msec)
{
    QString text;
    if (m_text.size() >= kMinLength && m_last >= 0 && msec >= m_last && msec - m_last <= kMaxGapMs * 3)
        text = m_text;
    reset();
    return text;
}

void KeystrokeBurst::reset()
{
    m_text.clear();
    m_last = -1;
}

} // namespace oneseal::devices
