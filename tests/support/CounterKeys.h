#pragma once

#include <QString>
#include <Qt>

namespace oneseal::test {

/**
 * A clerk's or certificate operator's session at a window, key by key (issue 15): shared by the GUI
 * tests that count the keys (test_counter_keys, test_certificate_keys) and bench_counter, which
 * times the same keys. key() presses one counted key on the focused widget; typed data (search
 * text, ID number, case number, name) goes through type() and is not counted.
 */
class KeySession
{
public:
    /** One counted key on the focused widget; false (and not counted) when no widget has the focus. */
    bool key(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    /** Typed data on the focused widget, not counted (Chinese committed as an input method does); false when no widget has the focus. */
    bool type(const QString& text);
    int count() const { return m_count; }
    void reset() { m_count = 0; }
    /** The focused widget's object name (empty when none has the focus). */
    static QString focusName();

private:
    int m_count = 0;
};

/**
 * The intake window's keys for a returning applicant's bundle, in order (README, "five keys"):
 * chooseMatter (F2, the search typed, Enter), the ID number typed, findApplicant (Enter),
 * markRemainingReceived (A), accept (Ctrl+Return). Each returns false when no widget had the focus.
 */
namespace intake {
/** Pinyin initials of 我要开饭店, the bundle the counter's goals are measured with. */
inline QString restaurantSearch()
{
    return QStringLiteral("wykfd");
}
/** F2, \a search typed, Enter: the first hit chosen, the cursor in the ID number. */
bool chooseMatter(KeySession& keys, const QString& search);
/** Enter on the typed ID number: a returning applicant filled in, the cursor in the checklist. */
bool findApplicant(KeySession& keys);
/** A: every material not yet checked received. */
bool markRemainingReceived(KeySession& keys);
/** Ctrl+Return: accepted, the notice to the window's printer. */
bool accept(KeySession& keys);
} // namespace intake

} // namespace oneseal::test
