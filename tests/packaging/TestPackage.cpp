#include "TestConfig.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

/** Builds the .deb with CPack, as the README says, and checks what it installs. */
class TestPackage : public QObject
{
    Q_OBJECT

private slots:
    void debianPackageHasClientAdminDesktopEntryAndIcon();
};

void TestPackage::debianPackageHasClientAdminDesktopEntryAndIcon()
{
    QTemporaryDir out;
    QProcess cpack;
    cpack.setWorkingDirectory(QStringLiteral(ONESEAL_BINARY_DIR));
    cpack.start(QStringLiteral("cpack"), {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), out.path()});
    QVERIFY(cpack.waitForFinished(300000));
    QVERIFY2(cpack.exitCode() == 0, cpack.readAllStandardError().constData());
    const QStringList debs = QDir(out.path()).entryList({QStringLiteral("*.deb")});
    QCOMPARE(debs.size(), 1);
    const QString deb = QDir(out.path()).filePath(debs.first());
    QVERIFY(debs.first().startsWith(QLatin1String("oneseal_")));

    QProcess list;
    list.start(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), deb});
    QVERIFY(list.waitForFinished(60000));
    const QString contents = QString::fromUtf8(list.readAllStandardOutput());
    for (const char* path : {"./usr/bin/oneseal", "./usr/bin/oneseal-admin", "./usr/share/applications/oneseal.desktop",
                             "./usr/share/icons/hicolor/scalable/apps/oneseal.svg", "./usr/share/doc/oneseal/README.md"})
        QVERIFY2(contents.contains(QLatin1String(path)), path);
    QVERIFY2(!contents.contains(QLatin1String("test_")), "no test executable is packaged");

    QProcess fields;
    fields.start(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), deb, QStringLiteral("Package"), QStringLiteral("Depends")});
    QVERIFY(fields.waitForFinished(60000));
    const QString control = QString::fromUtf8(fields.readAllStandardOutput());
    QVERIFY2(control.contains(QLatin1String("Package: oneseal")), qPrintable(control));
    QVERIFY2(control.contains(QLatin1String("libqt6widgets6")), qPrintable(control));
}

QTEST_GUILESS_MAIN(TestPackage)
#include "TestPackage.moc"
