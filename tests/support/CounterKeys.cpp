#include "CounterKeys.h"

#include <QApplication>
#include <QInputMethodEvent>
#include <QTest>
#include <QWidget>

#include <algorithm>

namespace oneseal::test {

bool KeySession::key(Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    QWidget* focus = QApplication::focusWidget();
    if (!focus)
        return false;
    ++m_count;
    QTest::keyClick(focus, key, modifiers);
    return true;
}

bool KeySession::type(const QString& text)
{
    QWidget* focus = QApplication::focusWidget();
    if (!focus)
        return false;
    const bool ascii = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
    if (ascii) {
        QTest::keyClicks(focus, text);
    } else { // Chinese comes from an input method, committed as a whole
        QInputMethodEvent commit;
        commit.setCommitString(text);
        QApplication::sendEvent(focus, &commit);
    }
    return true;
}

QString KeySession::focusName()
{
    const QWidget* focus = QApplication::focusWidget();
    return focus ? focus->objectName() : QString();
}

namespace intake {

bool chooseMatter(KeySession& keys, const QString& search)
{
    return keys.key(Qt::Key_F2) && keys.type(search) && keys.key(Qt::Key_Return);
}

bool findApplicant(KeySession& keys)
{
    return keys.key(Qt::Key_Return);
}

bool markRemainingReceived(KeySession& keys)
{
    return keys.key(Qt::Key_A);
}

bool accept(KeySession& keys)
{
    return keys.key(Qt::Key_Return, Qt::ControlModifier);
}

} // namespace intake

} // namespace oneseal::test
