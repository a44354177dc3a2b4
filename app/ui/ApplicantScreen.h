#pragma once

#include "core/Counter.h"
#include "core/Intake.h"

#include <QDate>
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace oneseal::ui {

/**
 * What the applicant's screen may show of the application being entered. Built by the intake
 * window from the current applicant only, with the name and ID number already masked
 * (core::maskedName, core::maskedIdNumber): nothing else of a person ever gets here.
 */
struct ApplicantView
{
    QString subjectName;
    QStringList matterNames;
    QString maskedName;
    QString maskedIdNumber;
    QString ticket;
    QList<QPair<QString, core::MaterialState>> materials; ///< name and state, in checklist order
    QDate promisedDue;
    QDate legalDue;
    bool instant = false;
    bool isEmpty() const
    {
        return subjectName.isEmpty() && maskedName.isEmpty() && maskedIdNumber.isEmpty() && ticket.isEmpty();
    }
};

/**
 * The screen that faces the applicant (a second monitor, or a window): while the clerk enters an
 * application it shows the matters, the applicant's masked name and ID, the checklist as it is
 * checked and the promised dates; after the outcome it asks for a rating of the service on the
 * national five-level scale (好差评), by touch or on the keypad (1 = 非常满意 … 5 = 非常不满意),
 * and thanks. blank() clears everything: on the next applicant and when the workstation locks.
 */
class ApplicantScreen : public QWidget
{
    Q_OBJECT

public:
    explicit ApplicantScreen(QWidget* parent = nullptr);
    ~ApplicantScreen() override;

    enum class Mode { Blank, Live, Rating, Thanks };
    Mode mode() const { return m_mode; }
    /** Everything the screen shows as text (for tests: nothing else reaches the applicant). */
    QString visibleText() const;

public slots:
    void blank();
    void showView(const ApplicantView& view);
    /** Asks for a rating of the case just decided. */
    void askRating(const QString& caseId, const QString& caseNo, const QString& subjectName);
    /** A rating was recorded (or refused, with a reason): thanks, then blank after a few seconds. */
    void ratingDone(bool ok, const QString& message);
    /** Chooses a level as if touched (1 = 非常满意 … 5 = 非常不满意, the order on the screen). */
    bool chooseKey(int key);

signals:
    void rated(const QString& caseId, oneseal::core::counter::Rating rating);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void setMode(Mode mode);

    Mode m_mode = Mode::Blank;
    QStackedWidget* m_stack;
    QLabel* m_blankLabel;
    QLabel* m_liveLabel;
    QLabel* m_ratingLabel;
    QList<QPushButton*> m_ratingButtons;
    QLabel* m_thanksLabel;
    QTimer* m_thanksTimer;
    QString m_ratingCase;
};

} // namespace oneseal::ui
