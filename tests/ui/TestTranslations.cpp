#include "TestConfig.h"

#include "ui/AppSettings.h"

#include <QApplication>
#include <QFile>
#include <QLocale>
#include <QSettings>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

/** The Chinese translation is complete, ships inside the program, and is what a Chinese system shows. */
class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyMessageIsTranslated();
    void chineseSystemShowsChinese();
    void settingSwitchesLanguage();
};

void TestTranslations::initTestCase()
{
    QApplication::setOrganizationName(QStringLiteral("OneSealTest"));
    QApplication::setApplicationName(QStringLiteral("TestTranslations"));
    QSettings().clear();
}

void TestTranslations::everyMessageIsTranslated()
{
    QFile ts(QStringLiteral(ONESEAL_SOURCE_DIR "/translations/oneseal_zh_CN.ts"));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    int messages = 0;
    QStringList unfinished;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("message"))
            ++messages;
        else if (xml.name() == QLatin1String("source"))
            source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                unfinished << source;
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY(messages > 100);
    QVERIFY2(unfinished.isEmpty(), qPrintable(QStringLiteral("%1 of %2 messages untranslated, e.g. \"%3\". Run lupdate "
                                                              "and translate them.")
                                                   .arg(unfinished.size())
                                                   .arg(messages)
                                                   .arg(unfinished.value(0))));
}

void TestTranslations::chineseSystemShowsChinese()
{
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("oneseal"), QStringLiteral("_"),
                            QStringLiteral(":/i18n")));
    const QString login = translator.translate("oneseal::ui::LoginDialog", "&Log in");
    QVERIFY2(login.contains(QStringLiteral("登录")), qPrintable(login));
    const QString wrong = translator.translate("AuthService", "The user name or the password is wrong.");
    QVERIFY2(!wrong.isEmpty() && wrong != QLatin1String("The user name or the password is wrong."), qPrintable(wrong));
}

void TestTranslations::settingSwitchesLanguage()
{
    oneseal::ui::AppSettings::setLanguage(QStringLiteral("zh_CN"));
    QCOMPARE(oneseal::ui::AppSettings::installTranslators(*qApp), QStringLiteral("zh_CN"));
    QVERIFY(QCoreApplication::translate("oneseal::ui::LoginDialog", "&Log in").contains(QStringLiteral("登录")));
    QSettings().clear();
}

QTEST_MAIN(TestTranslations)
#include "TestTranslations.moc"
