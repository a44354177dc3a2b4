#include "EventLogRepository.h"

#include "core/Event.h"

#include <QSqlQuery>

namespace oneseal::db {

QList<RecentEvent> EventLogRepository::recent(int limit) const
{
    QList<RecentEvent> events;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT e.recorded_at, e.kind, coalesce(e.case_id, ''), coalesce(c.case_no, ''), "
                             "coalesce(u.display_name, e.user_id), e.workstation "
                             "FROM events e LEFT JOIN users u ON u.id = e.user_id "
                             "LEFT JOIN cases c ON c.case_id = e.case_id ORDER BY e.seq DESC LIMIT ?"));
    q.addBindValue(qMax(0, limit));
    if (!q.exec())
        return events;
    while (q.next()) {
        events.append({ core::Event::timeFromText(q.value(0).toString()), q.value(1).toString(), q.value(2).toString(),
                        q.value(3).toString(), q.value(4).toString(), q.value(5).toString() });
    }
    return events;
}

} // namespace oneseal::db
