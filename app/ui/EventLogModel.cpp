#include "EventLogModel.h"

namespace oneseal::ui {

EventLogModel::EventLogModel(services::Session& session, int limit, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_limit(limit)
{
    refresh();
}

void EventLogModel::refresh()
{
    beginResetModel();
    m_events = services::CaseReader(m_session).recentEvents(m_limit);
    endResetModel();
}

int EventLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QVariant();
    const services::RecentEvent& e = m_events.at(index.row());
    switch (index.column()) {
    case TimeColumn: return e.recordedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case KindColumn: return role == Qt::ToolTipRole ? e.kind : kindText(e.kind);
    case CaseColumn:
        if (role == Qt::ToolTipRole)
            return e.caseId;
        return e.caseNo.isEmpty() ? e.caseId : e.caseNo;
    case UserColumn: return e.user;
    case WorkstationColumn: return e.workstation;
    }
    return QVariant();
}

QString EventLogModel::kindText(const QString& kind)
{
    static const struct
    {
        const char* kind;
        const char* text;
    } kKinds[] = {
        {"intake.accepted", QT_TR_NOOP("accepted")},
        {"intake.accepted_deferred", QT_TR_NOOP("accepted, materials deferred")},
        {"intake.accepted_commitment", QT_TR_NOOP("accepted on commitment")},
        {"intake.notified_missing", QT_TR_NOOP("one-time notice of missing materials")},
        {"intake.refused", QT_TR_NOOP("not accepted")},
        {"intake.completed_instantly", QT_TR_NOOP("completed at the window")},
        {"notice.printed", QT_TR_NOOP("notice printed")},
        {"applicant.registered", QT_TR_NOOP("applicant registered")},
        {"applicant.updated", QT_TR_NOOP("applicant's details changed")},
        {"review.passed", QT_TR_NOOP("review passed")},
        {"review.correction_requested", QT_TR_NOOP("correction requested")},
        {"correction.received", QT_TR_NOOP("correction received")},
        {"review.refusal_proposed", QT_TR_NOOP("refusal proposed")},
        {"inspection.scheduled", QT_TR_NOOP("site visit scheduled")},
        {"inspection.passed", QT_TR_NOOP("site visit passed")},
        {"inspection.failed", QT_TR_NOOP("site visit failed")},
        {"inspection.rectification_required", QT_TR_NOOP("rectification required")},
        {"inspection.rectification_closed", QT_TR_NOOP("rectification closed")},
        {"decision.approved", QT_TR_NOOP("approved")},
        {"decision.refused", QT_TR_NOOP("refused")},
        {"seal.applied", QT_TR_NOOP("seal applied")},
        {"certificate.numbered", QT_TR_NOOP("certificate numbered")},
        {"certificate.printed", QT_TR_NOOP("certificate printed")},
        {"certificate.reprinted", QT_TR_NOOP("certificate reprinted")},
        {"certificate.voided", QT_TR_NOOP("certificate voided")},
        {"certificate.issued", QT_TR_NOOP("certificate handed over")},
        {"material.supplied", QT_TR_NOOP("owed material handed in")},
        {"attachment.added", QT_TR_NOOP("scan attached")},
        {"conflict.resolved", QT_TR_NOOP("conflict resolved")},
        {"user.key_registered", QT_TR_NOOP("signing key registered")},
        {"user.created", QT_TR_NOOP("user created")},
        {"user.login", QT_TR_NOOP("logged in")},
        {"user.password_changed", QT_TR_NOOP("password changed")},
        {"user.roles_changed", QT_TR_NOOP("roles changed")},
        {"user.password_reset", QT_TR_NOOP("password reset at the hub")},
        {"hall.first_key_proof_required", QT_TR_NOOP("every first signing key must be proved")},
    };
    for (const auto& k : kKinds)
        if (kind == QLatin1String(k.kind))
            return tr(k.text);
    return kind; // a kind this version does not know: shown as recorded
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case KindColumn: return tr("Event");
    case CaseColumn: return tr("Case");
    case UserColumn: return tr("User");
    case WorkstationColumn: return tr("Workstation");
    }
    return QVariant();
}

} // namespace oneseal::ui
