#include "ApplicantScreen.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace oneseal::ui {

namespace {
constexpr core::counter::Rating kOrder[] = {core::counter::Rating::VerySatisfied, core::counter::Rating::Satisfied,
                                            core::counter::Rating::Fair, core::counter::Rating::Dissatisfied,
                                            core::counter::Rating::VeryDissatisfied};

QLabel* bigLabel(QWidget* parent, int points)
{
    auto* l = new QLabel(parent);
    QFont f = l->font();
    f.setPointSize(points);
    l->setFont(f);
    l->setWordWrap(true);
    l->setAlignment(Qt::AlignCenter);
    l->setTextFormat(Qt::RichText);
    return l;
}
} // namespace

ApplicantScreen::ApplicantScreen(QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_stack(new QStackedWidget(this))
    , m_thanksTimer(new QTimer(this))
{
    setWindowTitle(tr("OneSeal — applicant's screen"));
    setObjectName(QStringLiteral("applicantScreen"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);

    m_blankLabel = bigLabel(m_stack, 28);
    m_blankLabel->setObjectName(QStringLiteral("blankLabel"));
    m_blankLabel->setText(tr("Welcome. Please wait for the clerk."));
    m_stack->addWidget(m_blankLabel);

    m_liveLabel = bigLabel(m_stack, 18);
    m_liveLabel->setObjectName(QStringLiteral("liveLabel"));
    m_liveLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_stack->addWidget(m_liveLabel);

    auto* ratingPage = new QWidget(m_stack);
    auto* ratingLayout = new QVBoxLayout(ratingPage);
    m_ratingLabel = bigLabel(ratingPage, 22);
    ratingLayout->addWidget(m_ratingLabel);
    auto* buttons = new QHBoxLayout;
    int key = 1;
    for (const core::counter::Rating r : kOrder) {
        auto* b = new QPushButton(QStringLiteral("%1\n%2").arg(key).arg(core::counter::ratingText(r)), ratingPage);
        b->setObjectName(QStringLiteral("rating%1Button").arg(int(r)));
        b->setMinimumSize(140, 110); // a finger's size on a touch screen
        QFont f = b->font();
        f.setPointSize(18);
        b->setFont(f);
        b->setFocusPolicy(Qt::NoFocus);
        const int k = key++;
        connect(b, &QPushButton::clicked, this, [this, k] { chooseKey(k); });
        buttons->addWidget(b);
        m_ratingButtons << b;
    }
    ratingLayout->addLayout(buttons);
    m_stack->addWidget(ratingPage);

    m_thanksLabel = bigLabel(m_stack, 28);
    m_stack->addWidget(m_thanksLabel);

    m_thanksTimer->setSingleShot(true);
    m_thanksTimer->setInterval(4000);
    connect(m_thanksTimer, &QTimer::timeout, this, &ApplicantScreen::blank);
    resize(900, 600);
    blank();
}

ApplicantScreen::~ApplicantScreen() = default;

void ApplicantScreen::setMode(Mode mode)
{
    m_mode = mode;
    m_stack->setCurrentIndex(int(mode));
}

void ApplicantScreen::blank()
{
    m_thanksTimer->stop();
    m_ratingCase.clear();
    m_liveLabel->clear();
    m_ratingLabel->clear();
    m_thanksLabel->clear();
    setMode(Mode::Blank);
}

void ApplicantScreen::showView(const ApplicantView& v)
{
    if (m_mode == Mode::Rating || m_mode == Mode::Thanks) {
        if (v.isEmpty())
            return; // the form was cleared after the outcome: keep asking for the rating
        m_thanksTimer->stop();
        m_ratingCase.clear();
    }
    if (v.isEmpty()) {
        blank();
        return;
    }
    QStringList html;
    if (!v.ticket.isEmpty())
        html << tr("<p>Ticket <b>%1</b></p>").arg(v.ticket.toHtmlEscaped());
    if (!v.maskedName.isEmpty() || !v.maskedIdNumber.isEmpty())
        html << tr("<p>Applicant: <b>%1</b> &nbsp; ID: <b>%2</b></p>")
                    .arg(v.maskedName.toHtmlEscaped(), v.maskedIdNumber.toHtmlEscaped());
    if (!v.subjectName.isEmpty()) {
        html << tr("<p>Matter: <b>%1</b></p>").arg(v.subjectName.toHtmlEscaped());
        if (v.matterNames.size() > 1) {
            QStringList items;
            for (const QString& m : v.matterNames)
                items << QStringLiteral("<li>%1</li>").arg(m.toHtmlEscaped());
            html << QStringLiteral("<ul>%1</ul>").arg(items.join(QString()));
        }
        if (v.instant)
            html << tr("<p>Completed at the window today.</p>");
        else if (v.promisedDue.isValid())
            html << tr("<p>Promised by <b>%1</b> (legal limit %2)</p>")
                        .arg(v.promisedDue.toString(Qt::ISODate), v.legalDue.toString(Qt::ISODate));
    }
    if (!v.materials.isEmpty()) {
        int received = 0;
        QStringList rows;
        for (const auto& [name, state] : v.materials) {
            QString mark;
            switch (state) {
            case core::MaterialState::Pending: mark = tr("being checked"); break;
            case core::MaterialState::Received: mark = tr("received"); ++received; break;
            case core::MaterialState::Missing: mark = tr("missing"); break;
            case core::MaterialState::Deferred: mark = tr("may be handed in later"); break;
            case core::MaterialState::NotApplicable: mark = tr("not needed"); break;
            case core::MaterialState::SharedData: mark = tr("from shared data"); break;
            }
            rows << QStringLiteral("<tr><td>%1</td><td>&nbsp;%2</td></tr>").arg(name.toHtmlEscaped(), mark);
        }
        html << tr("<p>Materials: %1 of %2 received</p>").arg(received).arg(v.materials.size());
        html << QStringLiteral("<table>%1</table>").arg(rows.join(QString()));
    }
    m_liveLabel->setText(html.join(QString()));
    setMode(Mode::Live);
}

void ApplicantScreen::askRating(const QString& caseId, const QString& caseNo, const QString& subjectName)
{
    m_thanksTimer->stop();
    m_liveLabel->clear();
    m_ratingCase = caseId;
    m_ratingLabel->setText(tr("<p>Your application %1 (%2) has been handled.</p><p>How satisfied are you with our service?</p>")
                               .arg(caseNo.toHtmlEscaped(), subjectName.toHtmlEscaped()));
    setMode(Mode::Rating);
}

bool ApplicantScreen::chooseKey(int key)
{
    if (m_mode != Mode::Rating || m_ratingCase.isEmpty() || key < 1 || key > 5)
        return false;
    const QString caseId = m_ratingCase;
    m_ratingCase.clear(); // one rating per case: a second touch does nothing
    emit rated(caseId, kOrder[key - 1]);
    return true;
}

void ApplicantScreen::ratingDone(bool ok, const QString& message)
{
    m_ratingLabel->clear();
    m_thanksLabel->setText(ok ? tr("Thank you for your rating.") : message.toHtmlEscaped());
    setMode(Mode::Thanks);
    m_thanksTimer->start();
}

void ApplicantScreen::keyPressEvent(QKeyEvent* event)
{
    if (event->key() >= Qt::Key_1 && event->key() <= Qt::Key_5 && chooseKey(event->key() - Qt::Key_0))
        return;
    QWidget::keyPressEvent(event);
}

QString ApplicantScreen::visibleText() const
{
    auto* page = m_stack->currentWidget();
    QStringList texts;
    for (QLabel* l : page->findChildren<QLabel*>())
        texts << l->text();
    if (auto* l = qobject_cast<QLabel*>(page))
        texts << l->text();
    for (QPushButton* b : page->findChildren<QPushButton*>())
        texts << b->text();
    return texts.join(QLatin1Char('\n'));
}

} // namespace oneseal::ui
