#include "CaseListModel.h"

namespace oneseal::ui {

CaseListModel::CaseListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CaseListModel::setCases(const QList<services::CaseSummary>& cases)
{
    beginResetModel();
    m_cases = cases;
    endResetModel();
}

int CaseListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_cases.size());
}

int CaseListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CaseListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const services::CaseSummary& c = m_cases.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == DueColumn && !c.deadlineCertain)
        return c.deadlineNote;
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (index.column()) {
    case NumberColumn: return c.caseNo;
    case SubjectColumn: return c.subjectName;
    case ApplicantColumn: return c.applicantName;
    case StatusColumn: return core::displayText(c.status);
    case AcceptedColumn: return c.acceptedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case DueColumn:
        return c.promisedDue.isValid() ? c.promisedDue.toString(Qt::ISODate) + (c.deadlineCertain ? QString() : tr(" (uncertain)"))
                                       : QString();
    case ClerkColumn: return c.clerkName;
    }
    return QVariant();
}

QVariant CaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn: return tr("Case number");
    case SubjectColumn: return tr("Matter");
    case ApplicantColumn: return tr("Applicant");
    case StatusColumn: return tr("Status");
    case AcceptedColumn: return tr("Received");
    case DueColumn: return tr("Promised by");
    case ClerkColumn: return tr("Clerk");
    }
    return QVariant();
}

} // namespace oneseal::ui
