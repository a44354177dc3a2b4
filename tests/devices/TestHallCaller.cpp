// Calling the hall's next ticket: a program with arguments (no shell) or a URL, bounded in time,
// failures reported, never blocking the event loop.
#include "devices/HallCaller.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace oneseal::devices;

class TestHallCaller : public QObject
{
    Q_OBJECT

private slots:
    void splitsWithoutAShell();
    void runsTheCommand();
    void commandFailureIsReported();
    void commandThatHangsIsCutOff();
    void missingProgramIsReported();
    void callsTheUrl();
    void silentServerIsCutOff();
    void refusesWhileBusy();
};

void TestHallCaller::splitsWithoutAShell()
{
    QString error;
    const QStringList c = HallCaller::commandFor(QStringLiteral("call-next --window \"窗口 3\" {ticket}; rm -rf /"),
                                                 QStringLiteral("W3"), QStringLiteral("A012"), &error);
    QCOMPARE(c, (QStringList{"call-next", "--window", "窗口 3", "A012;", "rm", "-rf", "/"}));
    const QStringList u = HallCaller::commandFor(QStringLiteral("http://hall/next?w={window}&t={ticket}"),
                                                 QStringLiteral("窗口 3"), QStringLiteral("A&1"), &error);
    QCOMPARE(u, QStringList{QStringLiteral("http://hall/next?w=%E7%AA%97%E5%8F%A3%203&t=A%261")});
    QVERIFY(HallCaller::commandFor(QString(), QString(), QString(), &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestHallCaller::runsTheCommand()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("called"));
    const QString script = dir.filePath(QStringLiteral("call-next.sh"));
    QFile s(script);
    QVERIFY(s.open(QIODevice::WriteOnly));
    s.write("#!/bin/sh\nprintf '%s|%s' \"$1\" \"$2\" > \"$3\"\n");
    s.close();
    s.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    HallCaller caller;
    // The arguments reach the program as given: a ";" or "$(...)" is text, not shell syntax.
    caller.setTarget(QStringLiteral("\"") + script + QStringLiteral("\" {window} {ticket} \"") + out + QStringLiteral("\""));
    QSignalSpy done(&caller, &HallCaller::done);
    QString error;
    QVERIFY2(caller.callNext(QStringLiteral("W3"), QStringLiteral("A012;$(id)"), &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("W3|A012;$(id)"));
}

void TestHallCaller::commandFailureIsReported()
{
    HallCaller caller;
    caller.setTarget(QStringLiteral("/bin/sh -c \"echo line busy; exit 3\""));
    QSignalSpy done(&caller, &HallCaller::done);
    QString error;
    QVERIFY(caller.callNext(QStringLiteral("W1"), QString(), &error));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QVERIFY(!done.at(0).at(0).toBool());
    const QString m = done.at(0).at(1).toString();
    QVERIFY2(m.contains(QStringLiteral("exit code 3")) && m.contains(QStringLiteral("line busy")), qPrintable(m));
}

void TestHallCaller::commandThatHangsIsCutOff()
{
    HallCaller caller;
    caller.setTarget(QStringLiteral("/bin/sleep 30"));
    caller.setTimeoutMs(500);
    QSignalSpy done(&caller, &HallCaller::done);
    QString error;
    QElapsedTimer t;
    t.start();
    QVERIFY(caller.callNext(QStringLiteral("W1"), QString(), &error));
    QVERIFY(t.elapsed() < 200); // started, not waited for
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QVERIFY(!done.at(0).at(0).toBool());
    QVERIFY(done.at(0).at(1).toString().contains(QStringLiteral("did not answer")));
    QVERIFY(t.elapsed() < 3000);
    QVERIFY(!caller.isBusy());
}

void TestHallCaller::missingProgramIsReported()
{
    HallCaller caller;
    caller.setTarget(QStringLiteral("/nonexistent/oneseal-caller {ticket}"));
    QSignalSpy done(&caller, &HallCaller::done);
    QString error;
    QVERIFY(caller.callNext(QStringLiteral("W1"), QStringLiteral("A1"), &error));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QVERIFY(!done.at(0).at(0).toBool());
    QVERIFY(done.at(0).at(1).toString().contains(QStringLiteral("could not start")));
}

void TestHallCaller::callsTheUrl()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QByteArray request;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket* s = server.nextPendingConnection();
        connect(s, &QTcpSocket::readyRead, s, [s, &request] {
            request += s->readAll();
            if (request.contains("\r\n\r\n"))
                s->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        });
    });
    HallCaller caller;
    caller.setTarget(QStringLiteral("http://127.0.0.1:%1/next?window={window}&last={ticket}").arg(server.serverPort()));
    QSignalSpy done(&caller, &HallCaller::done);
    QString error;
    QVERIFY(caller.callNext(QStringLiteral("W7"), QStringLiteral("B003"), &error));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
    QVERIFY2(request.startsWith("GET /next?window=W7&last=B003 "), request.constData());
}

void TestHallCaller::silentServerIsCutOff()
{
    QTcpServer server; // accepts, never answers
    QVERIFY(server.listen(QHostAddress::LocalHost));
    HallCaller caller;
    caller.setTimeoutMs(500);
    caller.setTarget(QStringLiteral("http://127.0.0.1:%1/next").arg(server.serverPort()));
    QSignalSpy done(&caller, &HallCaller::done);
    QString error;
    QVERIFY(caller.callNext(QStringLiteral("W7"), QString(), &error));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QVERIFY(!done.at(0).at(0).toBool());
    QTest::qWait(700);
    QCOMPARE(done.size(), 1); // the aborted reply does not report a second time
}

void TestHallCaller::refusesWhileBusy()
{
    HallCaller caller;
    caller.setTarget(QStringLiteral("/bin/sleep 2"));
    caller.setTimeoutMs(4000);
    QString error;
    QVERIFY(caller.callNext(QStringLiteral("W1"), QString(), &error));
    QVERIFY(!caller.callNext(QStringLiteral("W1"), QString(), &error));
    QVERIFY(error.contains(QStringLiteral("still being called")));
}

QTEST_GUILESS_MAIN(TestHallCaller)
#include "TestHallCaller.moc"
