#pragma once

#include "services/CaseReader.h"

#include <QAbstractTableModel>

namespace oneseal::ui {

/**
 * The most recent events of this workstation's database, newest first, for the overview tab: local
 * time, what happened (in words; the kind as recorded in the tooltip), case number (the case id while a case has no number), user, workstation.
 */
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, KindColumn, CaseColumn, UserColumn, WorkstationColumn, ColumnCount };

    explicit EventLogModel(services::Session& session, int limit = 200, QObject* parent = nullptr);
    /** Reads the events again. */
    void refresh();

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /** An event kind ("seal.applied") in the user's language; an unknown kind as recorded. */
    static QString kindText(const QString& kind);

private:
    services::Session& m_session;
    int m_limit;
    QList<services::RecentEvent> m_events;
};

} // namespace oneseal::ui
