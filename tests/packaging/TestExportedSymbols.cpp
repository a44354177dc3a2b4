// Every executable hides SQLCipher: no sqlite3_* symbol in its dynamic symbol table (docs/ARCHITECTURE.md "Storage",
// "Storage"), so Qt's QSQLITE plugin can never bind to SQLCipher's engine inside our process.

#include "TestConfig.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

class TestExportedSymbols : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void noSqliteSymbolExported_data();
    void noSqliteSymbolExported();
    void sqlcipherIsLinkedIn();

private:
    /** Runs nm with args on file; fails the calling test when nm does not run. */
    static QStringList nm(const QStringList& args, const QString& file, bool* ok);
    QStringList m_executables;
};

QStringList TestExportedSymbols::nm(const QStringList& args, const QString& file, bool* ok)
{
    QProcess p;
    p.start(QStringLiteral("nm"), args + QStringList { file });
    *ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!*ok)
        qWarning("nm failed on %s: %s", qPrintable(file), p.readAllStandardError().constData());
    return QString::fromLocal8Bit(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void TestExportedSymbols::initTestCase()
{
    const QString bin = QStringLiteral(ONESEAL_BINARY_DIR);
    // The programs we ship, then every test and benchmark executable the build made.
    m_executables << bin + QStringLiteral("/app/client/oneseal") << bin + QStringLiteral("/app/cli/oneseal-admin");
    QDirIterator it(bin + QStringLiteral("/tests"), QDir::Files | QDir::Executable, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo f(it.next());
        if ((f.fileName().startsWith(QLatin1String("test_")) || f.fileName().startsWith(QLatin1String("bench_")))
            && f.suffix().isEmpty() && !f.filePath().contains(QLatin1String("CMakeFiles")))
            m_executables << f.filePath();
    }
    for (const QString& exe : std::as_const(m_executables))
        QVERIFY2(QFileInfo(exe).isExecutable(), qPrintable(exe + QStringLiteral(" was not built")));
    // At least the two programs, this test and the storage tests.
    QVERIFY2(m_executables.size() >= 4, qPrintable(m_executables.join(QLatin1Char(' '))));
    QVERIFY(m_executables.contains(QCoreApplication::applicationFilePath()));
}

void TestExportedSymbols::noSqliteSymbolExported_data()
{
    QTest::addColumn<QString>("executable");
    for (const QString& exe : std::as_const(m_executables))
        QTest::newRow(qPrintable(QFileInfo(exe).fileName())) << exe;
}

void TestExportedSymbols::noSqliteSymbolExported()
{
    QFETCH(QString, executable);
    bool ok = false;
    const QStringList lines = nm({ QStringLiteral("-D"), QStringLiteral("--defined-only") }, executable, &ok);
    QVERIFY(ok);
    QStringList exported;
    for (const QString& line : lines) {
        const QString symbol = line.section(QLatin1Char(' '), -1);
        if (symbol.startsWith(QLatin1String("sqlite3_")) || symbol.startsWith(QLatin1String("sqlcipher_")))
            exported << symbol;
    }
    QVERIFY2(exported.isEmpty(), qPrintable(exported.mid(0, 10).join(QLatin1Char(' '))));
}

void TestExportedSymbols::sqlcipherIsLinkedIn()
{
    // The check above means something only if SQLCipher really is inside: its functions are in the
    // full (static) symbol table of the programs, just not exported.
    for (const QString& exe : { QStringLiteral(ONESEAL_BINARY_DIR "/app/client/oneseal"),
             QStringLiteral(ONESEAL_BINARY_DIR "/app/cli/oneseal-admin") }) {
        bool ok = false;
        const QStringList lines = nm({ QStringLiteral("--defined-only") }, exe, &ok);
        if (!ok || lines.isEmpty())
            QSKIP("the executables are stripped: nothing to check against");
        bool found = false;
        for (const QString& line : lines)
            found = found || line.endsWith(QLatin1String(" sqlite3_open_v2"));
        QVERIFY2(found, qPrintable(exe));
    }
}

QTEST_GUILESS_MAIN(TestExportedSymbols)
#include "TestExportedSymbols.moc"
