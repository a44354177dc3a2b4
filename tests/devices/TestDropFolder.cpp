// The document camera's drop folder: a file is reported once, after it stopped growing.
#include "devices/DropFolderWatcher.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal::devices;

class TestDropFolder : public QObject
{
    Q_OBJECT

private slots:
    void reportsACompleteFileOnce();
    void waitsWhileTheFileGrows();
    void ignoresOtherFilesAndRejectsHugeOnes();
    void reportsFilesAlreadyThere();
    void refusesAFolderItCannotMake();
};

void TestDropFolder::reportsACompleteFileOnce()
{
    QTemporaryDir dir;
    DropFolderWatcher w;
    w.setSettleMs(200);
    QString error;
    QVERIFY2(w.watch(dir.path(), &error), qPrintable(error));
    QSignalSpy ready(&w, &DropFolderWatcher::fileReady);
    QFile f(dir.filePath(QStringLiteral("IMG_0001.jpg")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(5000, 'j'));
    f.close();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 3000);
    QCOMPARE(ready.at(0).at(0).toString(), f.fileName());
    QTest::qWait(600);
    QCOMPARE(ready.size(), 1); // not again while it stays unchanged
}

void TestDropFolder::waitsWhileTheFileGrows()
{
    QTemporaryDir dir;
    DropFolderWatcher w;
    w.setSettleMs(400);
    QString error;
    QVERIFY(w.watch(dir.path(), &error));
    QSignalSpy ready(&w, &DropFolderWatcher::fileReady);
    QFile f(dir.filePath(QStringLiteral("page.png")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    // A camera program writing a picture in pieces, 100 ms apart, for a second.
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < 10; ++i) {
        f.write(QByteArray(1000, char('a' + i)));
        f.flush();
        QTest::qWait(100);
        QCOMPARE(ready.size(), 0);
    }
    f.close();
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 3000);
    QCOMPARE(QFileInfo(ready.at(0).at(0).toString()).size(), 10000);
}

void TestDropFolder::ignoresOtherFilesAndRejectsHugeOnes()
{
    QTemporaryDir dir;
    DropFolderWatcher w;
    w.setSettleMs(100);
    w.setMaxBytes(1000);
    QString error;
    QVERIFY(w.watch(dir.path(), &error));
    QSignalSpy ready(&w, &DropFolderWatcher::fileReady);
    QSignalSpy rejected(&w, &DropFolderWatcher::rejected);
    for (const char* name : {"notes.txt", ".hidden.jpg", "scan.jpg.part", "empty.jpg"}) {
        QFile f(dir.filePath(QString::fromLatin1(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        if (QByteArray(name) != "empty.jpg")
            f.write("x");
    }
    QFile big(dir.filePath(QStringLiteral("big.tif")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(QByteArray(5000, 'b'));
    big.close();
    QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 1, 3000);
    QTest::qWait(300);
    QCOMPARE(ready.size(), 0);
}

void TestDropFolder::reportsFilesAlreadyThere()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("before.pdf")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("%PDF-1.4\n");
    f.close();
    DropFolderWatcher w;
    w.setSettleMs(100);
    QSignalSpy ready(&w, &DropFolderWatcher::fileReady);
    QString error;
    QVERIFY(w.watch(dir.path(), &error));
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 3000);
}

void TestDropFolder::refusesAFolderItCannotMake()
{
    DropFolderWatcher w;
    QString error;
    QVERIFY(!w.watch(QStringLiteral("/proc/oneseal/not-here"), &error));
    QVERIFY(error.contains(QStringLiteral("/proc/oneseal/not-here")));
}

QTEST_GUILESS_MAIN(TestDropFolder)
#include "TestDropFolder.moc"
