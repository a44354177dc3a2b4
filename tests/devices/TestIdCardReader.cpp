// The resident ID card reader: GA 467 frames (SamProtocol), the card's text (IdCardData) and the
// reader on a real serial port: a pseudo-terminal pair whose master side plays recorded reader
// answers (tests/data/idcard/*.hex, made by make_frames.py independently of the C++ encoder).
#include "RecordedReader.h"
#include "devices/IdCardReader.h"
#include "devices/KeystrokeBurst.h"

#include <QSignalSpy>
#include <QTest>

using namespace oneseal::devices;
using oneseal::test::RecordedReader;


class TestIdCardReader : public QObject
{
    Q_OBJECT

private slots:
    void commandFrames();
    void takeCutsFramesFromNoise();
    void takeRefusesBadChecksumAndLength();
    void cardTextRoundTrip();
    void cardTextRefusesGarbage();
    void readsValidCard();
    void readsExpiredCard();
    void sessionFailures_data();
    void sessionFailures();
    void openFailsClearly();
    void keystrokeBurst();
};

void TestIdCardReader::commandFrames()
{
    // The three commands as readers' manuals print them.
    QCOMPARE(SamProtocol::command(0x20, 0x01).toHex(), QByteArray("aaaaaa96690003200122"));
    QCOMPARE(SamProtocol::command(0x20, 0x02).toHex(), QByteArray("aaaaaa96690003200221"));
    QCOMPARE(SamProtocol::command(0x30, 0x01).toHex(), QByteArray("aaaaaa96690003300132"));
    QCOMPARE(SamProtocol::answer(0, 0, 0x9F, QByteArray(4, 0)).toHex(), QByteArray("aaaaaa9669000800009f0000000097"));
}

void TestIdCardReader::takeCutsFramesFromNoise()
{
    const QByteArray a = SamProtocol::answer(0, 0, 0x9F, QByteArray(4, 0));
    const QByteArray b = SamProtocol::answer(0, 0, 0x80);
    QByteArray stream = QByteArray("\x00\x13\xAA\xAA", 4) + a + b;
    QByteArray buffer;
    QList<quint8> seen;
    for (const char c : stream) { // one byte at a time
        buffer.append(c);
        SamResponse r;
        QString error;
        while (true) {
            const auto t = SamProtocol::take(buffer, &r, &error);
            if (t == SamProtocol::Take::NeedMore)
                break;
            QCOMPARE(t, SamProtocol::Take::Frame);
            seen << r.sw3;
        }
    }
    QCOMPARE(seen, (QList<quint8>{0x9F, 0x80}));
    QVERIFY(buffer.isEmpty());
}

void TestIdCardReader::takeRefusesBadChecksumAndLength()
{
    QByteArray bad = SamProtocol::answer(0, 0, 0x90, QByteArray(8, 0));
    bad[bad.size() - 1] = char(bad.at(bad.size() - 1) ^ 1);
    QByteArray buffer = bad + SamProtocol::answer(0, 0, 0x80);
    SamResponse r;
    QString error;
    QCOMPARE(SamProtocol::take(buffer, &r, &error), SamProtocol::Take::Bad);
    QVERIFY2(error.contains(QStringLiteral("checksum")), qPrintable(error));
    QCOMPARE(SamProtocol::take(buffer, &r, &error), SamProtocol::Take::Frame); // resynchronised
    QCOMPARE(r.sw3, quint8(0x80));

    QByteArray huge = SamProtocol::preamble() + QByteArray("\xFF\xFF", 2) + QByteArray(10, 0);
    error.clear();
    QCOMPARE(SamProtocol::take(huge, &r, &error), SamProtocol::Take::Bad);
    QVERIFY(error.contains(QStringLiteral("length")));
    QByteArray tiny = SamProtocol::preamble() + QByteArray("\x00\x01\x00", 3);
    QCOMPARE(SamProtocol::take(tiny, &r, &error), SamProtocol::Take::Bad);
}

void TestIdCardReader::cardTextRoundTrip()
{
    IdCardData d;
    d.name = QStringLiteral("欧阳娜娜");
    d.sexCode = QStringLiteral("2");
    d.ethnicityCode = QStringLiteral("56");
    d.birthDate = QDate(2001, 2, 28);
    d.address = QStringLiteral("云南省西双版纳傣族自治州景洪市基诺山乡");
    d.idNumber = QStringLiteral("53280120010228002X");
    d.authority = QStringLiteral("景洪市公安局");
    d.validFrom = QDate(2018, 3, 1);
    d.longTerm = true;
    const QByteArray text = d.toText();
    QCOMPARE(text.size(), 256);
    QString error;
    const auto back = IdCardData::fromText(text, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->name, d.name);
    QCOMPARE(back->sex(), QStringLiteral("女"));
    QCOMPARE(back->ethnicity(), QStringLiteral("基诺"));
    QCOMPARE(back->birthDate, d.birthDate);
    QCOMPARE(back->idNumber, d.idNumber);
    QVERIFY(back->longTerm);
    QVERIFY(!back->expiredOn(QDate(2099, 1, 1)));
    QCOMPARE(back->validityText(), QStringLiteral("2018-03-01 – 长期"));
}

void TestIdCardReader::cardTextRefusesGarbage()
{
    QString error;
    QVERIFY(!IdCardData::fromText(QByteArray(100, 'x'), &error));
    QVERIFY(error.contains(QStringLiteral("incomplete")));
    QVERIFY(!IdCardData::fromText(QByteArray(256, '\0'), &error));
    IdCardData d;
    d.name = QStringLiteral("张三");
    d.idNumber = QStringLiteral("110101199003071233");
    d.birthDate = QDate(1990, 3, 7);
    d.validFrom = QDate(2015, 6, 1);
    d.validTo = QDate(2035, 6, 1);
    QByteArray text = d.toText();
    text[36] = 'A'; // the birth date's first character
    QVERIFY(!IdCardData::fromText(text, &error));
    QVERIFY2(error.contains(QStringLiteral("birth")), qPrintable(error));
    text = d.toText();
    text[2] = 0x07; // a control character (U+0007) in the name
    text[3] = 0;
    QVERIFY(!IdCardData::fromText(text, &error));
}

void TestIdCardReader::readsValidCard()
{
    RecordedReader device(QStringLiteral("valid_card.hex"));
    QVERIFY(!device.portName().isEmpty());
    IdCardReader reader;
    QString error;
    QVERIFY2(reader.open(device.portName(), 115200, &error), qPrintable(error));
    QSignalSpy read(&reader, &IdCardReader::cardRead);
    QSignalSpy failed(&reader, &IdCardReader::failed);
    reader.readOnce();
    QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, 5000);
    QCOMPARE(failed.size(), 0);
    const auto card = read.at(0).at(0).value<IdCardData>();
    QCOMPARE(card.name, QStringLiteral("王小明"));
    QCOMPARE(card.sex(), QStringLiteral("男"));
    QCOMPARE(card.ethnicity(), QStringLiteral("汉"));
    QCOMPARE(card.birthDate, QDate(1990, 3, 7));
    QCOMPARE(card.address, QStringLiteral("北京市东城区景山前街4号"));
    QCOMPARE(card.idNumber, QStringLiteral("110101199003071233"));
    QCOMPARE(card.authority, QStringLiteral("北京市公安局东城分局"));
    QCOMPARE(card.validFrom, QDate(2015, 6, 1));
    QCOMPARE(card.validTo, QDate(2035, 6, 1));
    QCOMPARE(card.photo.size(), 1024);
    QCOMPARE(card.problem(QDate(2026, 12, 5)), QString());
    IdCardData forged = card;
    forged.birthDate = QDate(1990, 3, 8);
    QVERIFY(forged.problem(QDate(2026, 12, 5)).contains(QStringLiteral("birth date")));
    forged = card;
    forged.sexCode = QStringLiteral("2");
    QVERIFY(forged.problem(QDate(2026, 12, 5)).contains(QStringLiteral("sex")));
    forged = card;
    forged.idNumber[17] = QLatin1Char('4');
    QVERIFY(forged.problem(QDate(2026, 12, 5)).contains(QStringLiteral("not valid")));
    // The host asked find, select, read, in that order.
    QCOMPARE(device.commands, (QList<QByteArray>{"aaaaaa96690003200122", "aaaaaa96690003200221", "aaaaaa96690003300132"}));
    QVERIFY(!reader.isBusy());
}

void TestIdCardReader::readsExpiredCard()
{
    RecordedReader device(QStringLiteral("expired_card.hex"));
    IdCardReader reader;
    QString error;
    QVERIFY2(reader.open(device.portName(), 115200, &error), qPrintable(error));
    QSignalSpy read(&reader, &IdCardReader::cardRead);
    reader.readOnce();
    QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, 5000);
    const auto card = read.at(0).at(0).value<IdCardData>();
    QCOMPARE(card.name, QStringLiteral("李秀英"));
    QCOMPARE(card.ethnicity(), QStringLiteral("回"));
    QVERIFY(card.expiredOn(QDate(2026, 12, 5)));
    QVERIFY(!card.expiredOn(QDate(2020, 12, 1)));
}

void TestIdCardReader::sessionFailures_data()
{
    QTest::addColumn<QString>("session");
    QTest::addColumn<QString>("message");
    QTest::newRow("checksum error") << "checksum_error.hex" << "checksum";
    QTest::newRow("no card") << "no_card.hex" << "No card on the ID card reader";
    QTest::newRow("cable pulled mid-frame") << "cable_pulled.hex" << "cable";
}

void TestIdCardReader::sessionFailures()
{
    QFETCH(QString, session);
    QFETCH(QString, message);
    RecordedReader device(session);
    IdCardReader reader;
    reader.setStepTimeoutMs(800);
    QString error;
    QVERIFY2(reader.open(device.portName(), 115200, &error), qPrintable(error));
    QSignalSpy read(&reader, &IdCardReader::cardRead);
    QSignalSpy failed(&reader, &IdCardReader::failed);
    reader.readOnce();
    QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 1, 5000);
    const QString text = failed.at(0).at(0).toString();
    QVERIFY2(text.contains(message), qPrintable(text));
    QTest::qWait(300);
    QCOMPARE(read.size(), 0); // nothing half-read ever reaches the form
    QVERIFY(!reader.isBusy());
}

void TestIdCardReader::openFailsClearly()
{
    IdCardReader reader;
    QString error;
    QVERIFY(!reader.open(QStringLiteral("/dev/oneseal-no-such-port"), 115200, &error));
    QVERIFY2(error.contains(QStringLiteral("/dev/oneseal-no-such-port")), qPrintable(error));
    QSignalSpy failed(&reader, &IdCardReader::failed);
    reader.readOnce();
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("No ID card reader")));
}

void TestIdCardReader::keystrokeBurst()
{
    KeystrokeBurst burst;
    const QString id = QStringLiteral("110101199003071233");
    qint64 t = 1000;
    for (const QChar c : id)
        QVERIFY(burst.key(t += 8, c));
    QCOMPARE(burst.enter(t + 10), id);
    // A person types the same number far slower: no burst.
    for (const QChar c : id)
        burst.key(t += 180, c);
    QCOMPARE(burst.enter(t + 200), QString());
    // Too short, or broken by a letter.
    for (const QChar c : QStringLiteral("1101011990"))
        burst.key(t += 5, c);
    QCOMPARE(burst.enter(t + 5), QString());
    for (const QChar c : QStringLiteral("11010119900A3071233"))
        burst.key(t += 5, c);
    QCOMPARE(burst.enter(t + 5), QString());
}

QTEST_GUILESS_MAIN(TestIdCardReader)
#include "TestIdCardReader.moc"
