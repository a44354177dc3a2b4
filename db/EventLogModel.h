#pragma once

#include <QSqlQueryModel>

namespace oneseal::db {

/** The most recent events of this database, newest first, for read-only views. */
class EventLogModel : public QSqlQueryModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, KindColumn, CaseColumn, UserColumn, WorkstationColumn };

    explicit EventLogModel(const QSqlDatabase& db, int limit = 200, QObject* parent = nullptr);
    void refresh();
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QSqlDatabase m_db;
    int m_limit;
};

} // namespace oneseal::db
