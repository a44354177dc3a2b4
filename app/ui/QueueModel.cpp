#include "QueueModel.h"
#include "CaseSummary.h"

#include "CaseListModel.h"

#include <QColor>

namespace oneseal::ui {

QueueModel::QueueModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void QueueModel::setItems(const QList<services::QueueItem>& items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

QColor QueueModel::warningColour(core::DeadlineWarning warning)
{
    switch (warning) {
    case core::DeadlineWarning::Red: return QColor(0xf4, 0xb4, 0xb4);
    case core::DeadlineWarning::Yellow: return QColor(0xff, 0xec, 0x99);
    case core::DeadlineWarning::None: break;
    }
    return QColor();
}

QString QueueModel::warningText(core::DeadlineWarning warning, bool clockStopped)
{
    if (clockStopped)
        return tr("clock stopped");
    switch (warning) {
    case core::DeadlineWarning::Red: return tr("OVERDUE");
    case core::DeadlineWarning::Yellow: return tr("due soon");
    case core::DeadlineWarning::None: break;
    }
    return QString();
}

int QueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int QueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const services::QueueItem& item = m_items.at(index.row());
    const db::QueueRow& r = item.row;
    if (role == Qt::BackgroundRole) {
        const QColor c = warningColour(item.warning);
        return c.isValid() ? QVariant(c) : QVariant();
    }
    if (role == Qt::ToolTipRole && index.column() == DueColumn && r.legalDue.isValid()) {
        QString tip = tr("Legal limit: %1").arg(CaseSummary::dueText(item.legal));
        if (!item.promised.certain)
            tip += QLatin1Char('\n') + tr("Promised date uncertain: %1").arg(item.promised.note);
        return tip;
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (Column(index.column())) {
    case NumberColumn: return r.caseNo;
    case SubjectColumn: return r.subjectName;
    case ApplicantColumn: return r.applicantName;
    case StatusColumn: return core::displayText(r.status);
    case DueColumn: {
        if (!r.promisedDue.isValid())
            return QString();
        const QString due = r.promisedDue.toString(Qt::ISODate) + (item.promised.certain ? QString() : tr(" (uncertain)"));
        // A bundle: the date is that of its most urgent open matter, named.
        return item.dueMatterName.isEmpty() ? due : tr("%1 — %2").arg(due, item.dueMatterName);
    }
    case WarningColumn: return warningText(item.warning, r.clockStopped);
    case ColumnCount: break;
    }
    return QVariant();
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case NumberColumn: return tr("Case number");
    case SubjectColumn: return tr("Matter");
    case ApplicantColumn: return tr("Applicant");
    case StatusColumn: return tr("Status");
    case DueColumn: return tr("Promised by");
    case WarningColumn: return tr("Warning");
    case ColumnCount: break;
    }
    return QVariant();
}

} // namespace oneseal::ui
