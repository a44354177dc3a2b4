#pragma once

#include <QString>

namespace oneseal::devices {

/**
 * Tells a reader in keyboard-emulation mode from a person: such a reader "types" the ID number as a
 * burst of keystrokes a few milliseconds apart and ends it with Enter. A burst is at least kMinLength
 * characters of 0-9/X, each within kMaxGapMs of the one before; a person types far slower. Pure:
 * the caller gives each key's time (QKeyEvent::timestamp()).
 */
class KeystrokeBurst
{
public:
    static constexpr int kMaxGapMs = 35;
    static constexpr int kMinLength = 15;
    static constexpr int kMaxLength = 18;

    /** A character key at @p msec. Returns whether it continues (or starts) a possible burst. */
    bool key(qint64 msec, QChar c);
    /**
     * Enter at @p msec: the burst's text when the keys before it were a reader's, otherwise empty.
     * Resets in either case.
     */
    QString enter(qint64 msec);
    /** Whether the keys so far are a burst in progress (at least two keys within the gap). */
    bool inBurst() const { return m_text.size() >= 2; }
    void reset();

private:
    QString m_text;
    qint64 m_last = -1;
};

} // namespace oneseal::devices
