// The QSQLCIPHER run of Qt's SQL autotests: OneSeal's driver takes the place of QSQLITE.
//
// Qt's tests find their databases through tst_databases.h, which always adds one SQLite database
// in a temporary folder (driver name "QSQLITE") and runs the SQLite rows only for drivers whose
// name starts with "QSQLITE" (generic_data("QSQLITE")). So when ONESEAL_CONFORMANCE_DRIVER is
// QSQLCIPHER, this file registers SqlCipherDriver under the name QSQLITE (a registered driver is
// found before Qt's plugin) and gives every connection a keyed database:
//   - no password: a fixed test key, and the file is created when missing;
//   - QSQLITE_* connect options are passed on under their QSQLCIPHER_* names.
// It also sets the driver's dbmsType() to SQLite, which only Qt's private API can do (the tests
// take their SQLite branches by it). Nothing else of the driver is changed here.
#include "db/SqlCipherDriver.h"

#include <QSqlDatabase>
#include <QSqlDriverCreator>
#include <QtSql/private/qsqldriver_p.h>

namespace {

class ConformanceCipherDriver : public oneseal::db::SqlCipherDriver
{
public:
    ConformanceCipherDriver()
    {
        static_cast<QSqlDriverPrivate*>(QObjectPrivate::get(this))->dbmsType = QSqlDriver::SQLite;
    }

    bool open(const QString& db, const QString& user, const QString& password, const QString& host, int port,
              const QString& connOpts) override
    {
        QStringList options;
        bool readOnly = false;
        for (QString option : connOpts.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            option = option.trimmed();
            if (option == QLatin1String("QSQLITE_OPEN_READONLY"))
                option = QStringLiteral("QSQLCIPHER_READONLY");
            else if (option.startsWith(QLatin1String("QSQLITE_")))
                option.replace(0, 8, QStringLiteral("QSQLCIPHER_"));
            readOnly = readOnly || option == QLatin1String("QSQLCIPHER_READONLY");
            options << option;
        }
        QString key = password;
        if (key.isEmpty()) {
            key = QStringLiteral("4f6e655365616c20516c20636f6e666f726d616e6365207465737420206b6579");
            if (!readOnly)
                options << QStringLiteral("QSQLCIPHER_CREATE");
        }
        return SqlCipherDriver::open(db, user, key, host, port, options.join(QLatin1Char(';')));
    }
};

void registerCipherAsSqlite()
{
    if (qgetenv("ONESEAL_CONFORMANCE_DRIVER") != "QSQLCIPHER")
        return;
    oneseal::db::SqlCipherDriver::registerDriver();
    QSqlDatabase::registerSqlDriver(QStringLiteral("QSQLITE"), new QSqlDriverCreator<ConformanceCipherDriver>);
}

} // namespace

Q_CONSTRUCTOR_FUNCTION(registerCipherAsSqlite)
