#include "core/Identifiers.h"

#include <QTest>

using namespace oneseal::core;

class TestIdentifiers : public QObject
{
    Q_OBJECT

private slots:
    void normalize_data();
    void normalize();
    void residentId_data();
    void residentId();
    void residentIdExactlyOneLastCharacterFits_data();
    void residentIdExactlyOneLastCharacterFits();
    void residentIdHelpers();
    void creditCode_data();
    void creditCode();
    void creditCodeExactlyOneLastCharacterFits_data();
    void creditCodeExactlyOneLastCharacterFits();
    void singleSubstitutionsAreCaught();
    void iso7064_data();
    void iso7064();
    void licenceIdentifier_data();
    void licenceIdentifier();
};

void TestIdentifiers::normalize_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("normalized");

    QTest::newRow("trimmed, lowercase x")
        << QStringLiteral("  11010519491231002x \n") << QStringLiteral("11010519491231002X");
    QTest::newRow("inner spaces and tab")
        << QStringLiteral("110105 1949\t1231 002X") << QStringLiteral("11010519491231002X");
    QTest::newRow("ideographic space") << QStringLiteral("110105\u30001949") << QStringLiteral("1101051949");
    QTest::newRow("full-width digits and letters")
        << QStringLiteral("９１１４０８００ｍａ０Ｋ１２３４５３") << QStringLiteral("91140800MA0K123453");
    QTest::newRow("full-width and ideographic full stops") << QStringLiteral("1．2。156") << QStringLiteral("1.2.156");
    QTest::newRow("Chinese text is kept") << QStringLiteral("证照 a") << QStringLiteral("证照A");
    QTest::newRow("empty") << QString() << QString();
}

void TestIdentifiers::normalize()
{
    QFETCH(QString, raw);
    QFETCH(QString, normalized);
    QCOMPARE(normalizeIdentifier(raw), normalized);
}

void TestIdentifiers::residentId_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QStringList>("errorMentions");

    const QDate today(2025, 6, 1);
    // Valid numbers: check characters computed with the GB 11643 weights (see residentIdCheckChar).
    QTest::newRow("GB 11643 example ending in X")
        << QStringLiteral("11010519491231002X") << today << true << QStringList();
    QTest::newRow("Yuncheng 1985-06-15, check 2")
        << QStringLiteral("140802198506152022") << today << true << QStringList();
    QTest::newRow("leap day 2000-02-29, check 3")
        << QStringLiteral("110105200002290013") << today << true << QStringList();
    QTest::newRow("born 1900-01-01, check 4") << QStringLiteral("140802190001010014") << today << true << QStringList();
    QTest::newRow("born on the day checked")
        << QStringLiteral("140802200011301233") << QDate(2000, 11, 30) << true << QStringList();
    QTest::newRow("lowercase x") << QStringLiteral("11010519491231002x") << today << true << QStringList();
    QTest::newRow("spaces around and inside")
        << QStringLiteral(" 110105 19491231 002X ") << today << true << QStringList();
    QTest::newRow("full-width digits and X")
        << QStringLiteral("１１０１０５１９４９１２３１００２Ｘ") << today << true << QStringList();

    QTest::newRow("empty") << QString() << today << false << QStringList { QStringLiteral("Enter the resident ID") };
    QTest::newRow("only spaces") << QStringLiteral("   ") << today << false
                                 << QStringList { QStringLiteral("Enter the resident ID") };
    QTest::newRow("17 characters") << QStringLiteral("11010519491231002") << today << false
                                   << QStringList { QStringLiteral("has 17 character"), QStringLiteral("needs 18") };
    QTest::newRow("19 characters") << QStringLiteral("11010519491231002X1") << today << false
                                   << QStringList { QStringLiteral("has 19 character"), QStringLiteral("needs 18") };
    QTest::newRow("old 15-digit number") << QStringLiteral("110105491231002") << today << false
                                         << QStringList { QStringLiteral("has 15 character") };
    QTest::newRow("letter at 5") << QStringLiteral("1101A519491231002X") << today << false
                                 << QStringList { QStringLiteral("Character 5"), QStringLiteral("“A”") };
    QTest::newRow("hyphen at 7") << QStringLiteral("110105-949123100X2") << today << false
                                 << QStringList { QStringLiteral("Character 7"), QStringLiteral("“-”") };
    QTest::newRow("last character Y") << QStringLiteral("11010519491231002Y") << today << false
                                      << QStringList { QStringLiteral("“Y”"), QStringLiteral("digit or X") };
    QTest::newRow("check 1 instead of X") << QStringLiteral("110105194912310021") << today << false
                                          << QStringList { QStringLiteral("should be X but is 1") };
    QTest::newRow("check 3 instead of 2") << QStringLiteral("140802198506152023") << today << false
                                          << QStringList { QStringLiteral("should be 2 but is 3") };
    QTest::newRow("full-width, wrong check") << QStringLiteral("１４０８０２１９８５０６１５２０２３") << today << false
                                             << QStringList { QStringLiteral("should be 2 but is 3") };
    // Right check characters, impossible dates: the date is what is reported.
    QTest::newRow("February 30") << QStringLiteral("110105199002301231") << today << false
                                 << QStringList { QStringLiteral("19900230"), QStringLiteral("not a real date") };
    QTest::newRow("February 29 of 2001") << QStringLiteral("110105200102291232") << today << false
                                         << QStringList { QStringLiteral("20010229"),
                                                QStringLiteral("not a real date") };
    QTest::newRow("born in 2030") << QStringLiteral("110105203001011231") << today << false
                                  << QStringList { QStringLiteral("2030-01-01"), QStringLiteral("future") };
    QTest::newRow("born the day after") << QStringLiteral("140802200011301233") << QDate(2000, 11, 29) << false
                                        << QStringList { QStringLiteral("future") };
    QTest::newRow("born 1899") << QStringLiteral("110105189912311237") << today << false
                               << QStringList { QStringLiteral("1899-12-31"), QStringLiteral("before 1900") };
}

void TestIdentifiers::residentId()
{
    QFETCH(QString, id);
    QFETCH(QDate, today);
    QFETCH(bool, valid);
    QFETCH(QStringList, errorMentions);

    const IdCheck check = checkResidentId(id, today);
    QCOMPARE(check.valid, valid);
    QCOMPARE(check.error.isEmpty(), valid);
    for (const QString& part : errorMentions)
        QVERIFY2(check.error.contains(part), qPrintable(check.error));
}

void TestIdentifiers::residentIdExactlyOneLastCharacterFits_data()
{
    QTest::addColumn<QString>("first17");
    QTest::addColumn<QChar>("expected");
    QTest::newRow("GB 11643 example") << QStringLiteral("11010519491231002") << QChar(u'X');
    QTest::newRow("Yuncheng") << QStringLiteral("14080219850615202") << QChar(u'2');
    QTest::newRow("leap day") << QStringLiteral("11010520000229001") << QChar(u'3');
    QTest::newRow("1999-12-31") << QStringLiteral("32010619991231459") << QChar(u'8');
}

void TestIdentifiers::residentIdExactlyOneLastCharacterFits()
{
    QFETCH(QString, first17);
    QFETCH(QChar, expected);
    QCOMPARE(residentIdCheckChar(first17), expected);
    int accepted = 0;
    for (QChar last : QStringLiteral("0123456789X")) {
        const bool ok = checkResidentId(first17 + last, QDate(2025, 6, 1)).valid;
        accepted += ok ? 1 : 0;
        QCOMPARE(ok, last == expected);
    }
    QCOMPARE(accepted, 1);
}

void TestIdentifiers::residentIdHelpers()
{
    QCOMPARE(residentIdCheckChar(u"1101051949123100"), QChar());
    QCOMPARE(residentIdCheckChar(u"110105194912310021"), QChar());
    QCOMPARE(residentIdCheckChar(u"1101051949123100A"), QChar());
    QCOMPARE(residentIdCheckChar(u"１１０１０５１９４９１２３１００２"), QChar()); // not normalised

    QCOMPARE(residentIdBirthDate(QStringLiteral("11010519491231002X")), QDate(1949, 12, 31));
    QCOMPARE(residentIdBirthDate(QStringLiteral("１４０８０２１９８５０６１５２０２２")), QDate(1985, 6, 15));
    QVERIFY(!residentIdBirthDate(QStringLiteral("110105199002301231")).isValid());
    QVERIFY(!residentIdBirthDate(QStringLiteral("11010519491231002")).isValid());
    QVERIFY(!residentIdBirthDate(QString()).isValid());
}

void TestIdentifiers::creditCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QStringList>("errorMentions");

    // Valid codes: check characters computed with the GB 32100 weights (see creditCodeCheckChar).
    QTest::newRow("company, check 3") << QStringLiteral("91140800MA0K123453") << true << QStringList();
    QTest::newRow("public institution, check L") << QStringLiteral("12140800012345678L") << true << QStringList();
    QTest::newRow("check R") << QStringLiteral("91110000100000000R") << true << QStringList();
    QTest::newRow("ministry code, check W") << QStringLiteral("11100000000013338W") << true << QStringList();
    QTest::newRow("check 0 (31 becomes 0)") << QStringLiteral("92140802MA0H000010") << true << QStringList();
    QTest::newRow("Y prefix, check K") << QStringLiteral("Y1140800MA0LXXXXXK") << true << QStringList();
    QTest::newRow("lowercase") << QStringLiteral("91140800ma0k123453") << true << QStringList();
    QTest::newRow("full-width") << QStringLiteral("９１１４０８００ＭＡ０Ｋ１２３４５３") << true << QStringList();
    QTest::newRow("grouped with spaces") << QStringLiteral("911408 00MA0K 123453") << true << QStringList();

    QTest::newRow("empty") << QString() << false
                           << QStringList { QStringLiteral("Enter the unified social credit code") };
    QTest::newRow("17 characters") << QStringLiteral("91140800MA0K12345") << false
                                   << QStringList { QStringLiteral("has 17 character"), QStringLiteral("needs 18") };
    QTest::newRow("old 15-digit registration number")
        << QStringLiteral("140802000012345") << false << QStringList { QStringLiteral("has 15 character") };
    QTest::newRow("letter I at 11") << QStringLiteral("91140800MAIK123453") << false
                                    << QStringList { QStringLiteral("Character 11"), QStringLiteral("“I”"),
                                           QStringLiteral("never used") };
    QTest::newRow("letter O at 10") << QStringLiteral("91140800MO0K123453") << false
                                    << QStringList { QStringLiteral("Character 10"), QStringLiteral("“O”") };
    QTest::newRow("hash at 18") << QStringLiteral("91140800MA0K12345#") << false
                                << QStringList { QStringLiteral("Character 18"), QStringLiteral("“#”") };
    QTest::newRow("Chinese character at 1") << QStringLiteral("晋1140800MA0K123453") << false
                                            << QStringList { QStringLiteral("Character 1"), QStringLiteral("“晋”") };
    QTest::newRow("check 4 instead of 3")
        << QStringLiteral("91140800MA0K123454") << false << QStringList { QStringLiteral("should be 3 but is 4") };
    QTest::newRow("two characters swapped")
        << QStringLiteral("91140800AM0K123453") << false << QStringList { QStringLiteral("should be") };
}

void TestIdentifiers::creditCode()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    QFETCH(QStringList, errorMentions);

    const IdCheck check = checkCreditCode(code);
    QCOMPARE(check.valid, valid);
    QCOMPARE(check.error.isEmpty(), valid);
    for (const QString& part : errorMentions)
        QVERIFY2(check.error.contains(part), qPrintable(check.error));
}

void TestIdentifiers::creditCodeExactlyOneLastCharacterFits_data()
{
    QTest::addColumn<QString>("first17");
    QTest::addColumn<QChar>("expected");
    QTest::newRow("company") << QStringLiteral("91140800MA0K12345") << QChar(u'3');
    QTest::newRow("public institution") << QStringLiteral("12140800012345678") << QChar(u'L');
    QTest::newRow("sum divisible by 31") << QStringLiteral("92140802MA0H00001") << QChar(u'0');
    QTest::newRow("Y prefix") << QStringLiteral("Y1140800MA0LXXXXX") << QChar(u'K');
}

void TestIdentifiers::creditCodeExactlyOneLastCharacterFits()
{
    QFETCH(QString, first17);
    QFETCH(QChar, expected);
    QCOMPARE(creditCodeCheckChar(first17), expected);
    const QString alphabet = QStringLiteral("0123456789ABCDEFGHJKLMNPQRTUWXY");
    QCOMPARE(alphabet.size(), 31);
    int accepted = 0;
    for (QChar last : alphabet) {
        const bool ok = checkCreditCode(first17 + last).valid;
        accepted += ok ? 1 : 0;
        QCOMPARE(ok, last == expected);
    }
    QCOMPARE(accepted, 1);
    QCOMPARE(creditCodeCheckChar(u"91140800MA0I12345"), QChar());
    QCOMPARE(creditCodeCheckChar(u"91140800MA0K1234"), QChar());
}

void TestIdentifiers::singleSubstitutionsAreCaught()
{
    // All three systems catch every single wrong character (their weights are units modulo 11, 31
    // and 37): change each position of a valid identifier to every other allowed character.
    const QString id = QStringLiteral("14080219850615202");
    for (int i = 0; i < id.size(); ++i) {
        for (QChar c : QStringLiteral("0123456789")) {
            if (c == id.at(i))
                continue;
            QString wrong = id;
            wrong[i] = c;
            QVERIFY2(residentIdCheckChar(wrong) != u'2', qPrintable(wrong));
        }
    }
    const QString code = QStringLiteral("91140800MA0K12345");
    const QString alphabet = QStringLiteral("0123456789ABCDEFGHJKLMNPQRTUWXY");
    for (int i = 0; i < code.size(); ++i) {
        for (QChar c : alphabet) {
            if (c == code.at(i))
                continue;
            QString wrong = code;
            wrong[i] = c;
            QVERIFY2(creditCodeCheckChar(wrong) != u'3', qPrintable(wrong));
        }
    }
    const QString body = QStringLiteral("11100000000013338W01191140800MA0K1234532025000001001");
    const QChar check = iso7064Mod37_36(body);
    for (int i = 0; i < body.size(); ++i) {
        for (QChar c : QStringLiteral("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
            if (c == body.at(i))
                continue;
            QString wrong = body;
            wrong[i] = c;
            QVERIFY2(iso7064Mod37_36(wrong) != check, qPrintable(wrong));
        }
        if (i + 1 < body.size() && body.at(i) != body.at(i + 1)) {
            QString swapped = body;
            std::swap(swapped[i], swapped[i + 1]);
            QVERIFY2(iso7064Mod37_36(swapped) != check, qPrintable(swapped));
        }
    }
}

void TestIdentifiers::iso7064_data()
{
    QTest::addColumn<QString>("data");
    QTest::addColumn<QChar>("check");

    // Worked by hand: P = 36; "0": S = 36, P = 72 mod 37 = 35, check = (37 - 35) mod 36 = 2.
    QTest::newRow("0") << QStringLiteral("0") << QChar(u'2');
    // "A" (10): S = 46 mod 36 = 10, P = 20, check = 17 = H.
    QTest::newRow("A") << QStringLiteral("A") << QChar(u'H');
    // "Z" (35): S = 71 mod 36 = 35, P = 70 mod 37 = 33, check = 4.
    QTest::newRow("Z") << QStringLiteral("Z") << QChar(u'4');
    // Bodies of licence identifiers published by provincial platforms (the part after the root code
    // without dots); their check characters were issued by the platforms.
    QTest::newRow("published, check U") << QStringLiteral("11100000000013338W01111430000006122244L20230000403001")
                                        << QChar(u'U');
    QTest::newRow("published, check 0") << QStringLiteral("11100000000013338W00911330105002500287C2025052201002")
                                        << QChar(u'0');
    QTest::newRow("empty") << QString() << QChar();
    QTest::newRow("lowercase") << QStringLiteral("ab12") << QChar();
    QTest::newRow("dot") << QStringLiteral("A.B") << QChar();
}

void TestIdentifiers::iso7064()
{
    QFETCH(QString, data);
    QFETCH(QChar, check);
    QCOMPARE(iso7064Mod37_36(data), check);
}

void TestIdentifiers::licenceIdentifier_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QStringList>("errorMentions");

    const QString root = QStringLiteral("1.2.156.3005.2.");
    const QString type = QStringLiteral("11100000000013338W011");
    const QString issuer = QStringLiteral("91140800MA0K123453");
    // Check characters computed with iso7064Mod37_36 (worked independently while writing the test).
    const QString good = root + type + u'.' + issuer + QStringLiteral(".2025000001.001.I");

    QTest::newRow("computed, check I") << good << true << QStringList();
    QTest::newRow("computed, letters in serial, check 9")
        << root + type + u'.' + issuer + QStringLiteral(".A1B2C3.001.9") << true << QStringList();
    QTest::newRow("published, 11-digit serial")
        << QStringLiteral("1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U") << true
        << QStringList();
    QTest::newRow("published, version 002")
        << QStringLiteral("1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0") << true
        << QStringList();
    QTest::newRow("lowercase, full-width stops, spaces")
        << QStringLiteral(" 1.2.156.3005.2.11100000000013338w011。91140800ma0k123453．2025000001.001.i ") << true
        << QStringList();

    QTest::newRow("empty") << QString() << false << QStringList { QStringLiteral("Enter the electronic licence") };
    QTest::newRow("other root") << QStringLiteral("1.2.156.3005.3.") + type + u'.' + issuer
            + QStringLiteral(".2025000001.001.I")
                                << false << QStringList { QStringLiteral("starts with 1.2.156.3005.2") };
    QTest::newRow("version missing") << root + type + u'.' + issuer + QStringLiteral(".2025000001.I") << false
                                     << QStringList { QStringLiteral("five parts"), QStringLiteral("has 4") };
    QTest::newRow("type code of 20") << root + type.left(20) + u'.' + issuer + QStringLiteral(".2025000001.001.I")
                                     << false << QStringList { QStringLiteral("type code has 20 character") };
    QTest::newRow("type code with a bad credit code")
        << root + QStringLiteral("11100000000013338X011.") + issuer + QStringLiteral(".2025000001.001.I") << false
        << QStringList { QStringLiteral("type code does not start"), QStringLiteral("should be W but is X") };
    QTest::newRow("type code ending in a letter")
        << root + QStringLiteral("11100000000013338W01A.") + issuer + QStringLiteral(".2025000001.001.I") << false
        << QStringList { QStringLiteral("3 digits") };
    QTest::newRow("issuer with wrong check")
        << root + type + QStringLiteral(".91140800MA0K123454.2025000001.001.I") << false
        << QStringList { QStringLiteral("issuer code"), QStringLiteral("should be 3 but is 4") };
    QTest::newRow("issuer of 6 digits") << root + type + QStringLiteral(".340100.000000016.001.9") << false
                                        << QStringList { QStringLiteral("issuer code"), QStringLiteral("has 6") };
    QTest::newRow("underscore in serial")
        << root + type + u'.' + issuer + QStringLiteral(".2025_00001.001.I") << false
        << QStringList { QStringLiteral("Character 5 of the licence serial"), QStringLiteral("“_”") };
    QTest::newRow("empty serial") << root + type + u'.' + issuer + QStringLiteral("..001.I") << false
                                  << QStringList { QStringLiteral("serial number") };
    QTest::newRow("version of 2 digits") << root + type + u'.' + issuer + QStringLiteral(".2025000001.01.I") << false
                                         << QStringList { QStringLiteral("“01”"), QStringLiteral("3 digits") };
    QTest::newRow("wrong check") << root + type + u'.' + issuer + QStringLiteral(".2025000001.001.J") << false
                                 << QStringList { QStringLiteral("should be I but is J") };
    QTest::newRow("serial mistyped") << root + type + u'.' + issuer + QStringLiteral(".2025000002.001.I") << false
                                     << QStringList { QStringLiteral("but is I") };
    QTest::newRow("two check characters")
        << good + u'J' << false << QStringList { QStringLiteral("one check character (I here)") };
}

void TestIdentifiers::licenceIdentifier()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QFETCH(QStringList, errorMentions);

    const IdCheck check = checkLicenceIdentifier(id);
    QCOMPARE(check.valid, valid);
    QCOMPARE(check.error.isEmpty(), valid);
    for (const QString& part : errorMentions)
        QVERIFY2(check.error.contains(part), qPrintable(check.error));
}

QTEST_APPLESS_MAIN(TestIdentifiers)
#include "TestIdentifiers.moc"
