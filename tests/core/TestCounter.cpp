// The counter's rules: queue tickets as typed or scanned, the five rating levels, and what the
// applicant's screen may show of a person.
#include "core/Counter.h"

#include <QTest>

using namespace oneseal::core;

class TestCounter : public QObject
{
    Q_OBJECT

private slots:
    void tickets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("issued"); // ISO UTC, empty when none
        QTest::addColumn<bool>("ok");
        QTest::newRow("typed") << " a012 " << "A012" << "" << true;
        QTest::newRow("scanned with time") << "B007|2026-12-05T09:12:00+08:00" << "B007" << "2026-12-05T01:12:00Z" << true;
        QTest::newRow("semicolon") << "C1;2026-12-05T01:00:00Z" << "C1" << "2026-12-05T01:00:00Z" << true;
        QTest::newRow("empty") << "" << "" << "" << true;
        QTest::newRow("too long") << "A12345678901234567" << "" << "" << false;
        QTest::newRow("punctuation") << "A-12" << "" << "" << false;
        QTest::newRow("han") << "号12" << "" << "" << false;
        QTest::newRow("bad time") << "A1|yesterday" << "" << "" << false;
    }
    void tickets()
    {
        QFETCH(QString, text);
        QFETCH(QString, number);
        QFETCH(QString, issued);
        QFETCH(bool, ok);
        QString error;
        const auto t = counter::TicketRules::parse(text, &error);
        QCOMPARE(t.has_value(), ok);
        if (!ok) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QCOMPARE(t->number, number);
        QCOMPARE(t->issuedAt.isValid() ? t->issuedAt.toString(Qt::ISODate) : QString(), issued);
    }

    void ratings()
    {
        QCOMPARE(counter::ratingText(counter::Rating::VerySatisfied), QStringLiteral("非常满意"));
        QCOMPARE(counter::ratingText(counter::Rating::Fair), QStringLiteral("基本满意"));
        QCOMPARE(counter::ratingText(counter::Rating::VeryDissatisfied), QStringLiteral("非常不满意"));
        QVERIFY(!counter::ratingFromLevel(0));
        QVERIFY(!counter::ratingFromLevel(6));
        QCOMPARE(*counter::ratingFromLevel(4), counter::Rating::Satisfied);
    }

    void masks()
    {
        QCOMPARE(maskedName(QStringLiteral("王小明")), QStringLiteral("王**"));
        QCOMPARE(maskedName(QStringLiteral("欧阳娜娜")), QStringLiteral("欧阳**"));
        QCOMPARE(maskedName(QStringLiteral("欧阳")), QStringLiteral("欧*"));
        QCOMPARE(maskedName(QStringLiteral("李")), QStringLiteral("*"));
        QCOMPARE(maskedName(QString()), QString());
        QCOMPARE(maskedIdNumber(QStringLiteral("110101199003071233")), QStringLiteral("110***********1233"));
        QCOMPARE(maskedIdNumber(QStringLiteral("91350100M000100Y43")), QStringLiteral("913***********0Y43"));
        QCOMPARE(maskedIdNumber(QStringLiteral("1234")), QStringLiteral("****"));
    }
};

QTEST_GUILESS_MAIN(TestCounter)
#include "TestCounter.moc"
