#pragma once

#include <QObject>
#include <QTimer>

namespace oneseal::ui {

/** Watches the application's keyboard and mouse input and signals idle() after a quiet period. */
class IdleLock : public QObject
{
    Q_OBJECT

public:
    explicit IdleLock(int idleMilliseconds, QObject* parent = nullptr);
    void setIdleMilliseconds(int ms);
    /** Stops watching (while locked) or starts again. */
    void setActive(bool active);

signals:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QTimer m_timer;
};

} // namespace oneseal::ui
