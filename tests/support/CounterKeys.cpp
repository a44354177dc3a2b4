#include "CounterKeys.h"

#include <QApplication>
#include <QTest>
#include <QWidget>

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
    QTest::keyClicks(focus, text);
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
