#include "OwedMaterialsModel.h"

#include "QueueModel.h"

#include <QColor>

namespace oneseal::ui {

OwedMaterialsModel::OwedMaterialsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void OwedMaterialsModel::setItems(const QList<services::OwedItem>& items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

int OwedMaterialsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int OwedMaterialsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OwedMaterialsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const services::OwedItem& item = m_items.at(index.row());
    const db::OwedMaterialRow& r = item.row;
    if (role == Qt::BackgroundRole) {
        const QColor c = QueueModel::warningColour(item.warning);
        return c.isValid() ? QVariant(c) : QVariant();
    }
    if (role == Qt::ToolTipRole && index.column() == NumberColumn)
        return r.subjectName;
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (Column(index.column())) {
    case NumberColumn: return r.caseNo;
    case ApplicantColumn: return r.applicantName;
    case MaterialColumn: return r.materialName;
    case DueColumn: return r.dueDate.isValid() ? r.dueDate.toString(Qt::ISODate) : QString();
    case WarningColumn: return QueueModel::warningText(item.warning, false);
    case ColumnCount: break;
    }
    return QVariant();
}

QVariant OwedMaterialsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case NumberColumn: return tr("Case number");
    case ApplicantColumn: return tr("Applicant");
    case MaterialColumn: return tr("Owed material");
    case DueColumn: return tr("Due by");
    case WarningColumn: return tr("Warning");
    case ColumnCount: break;
    }
    return QVariant();
}

} // namespace oneseal::ui
