#pragma once

#include "services/CaseLifeService.h"

#include <QAbstractTableModel>

namespace oneseal::ui {

/** Owed materials (容缺) with their due dates; overdue rows red, close ones yellow, like the work queues. */
class OwedMaterialsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NumberColumn, ApplicantColumn, MaterialColumn, DueColumn, WarningColumn, ColumnCount };

    explicit OwedMaterialsModel(QObject* parent = nullptr);
    void setItems(const QList<services::OwedItem>& items);
    const services::OwedItem& itemAt(int row) const { return m_items.at(row); }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<services::OwedItem> m_items;
};

} // namespace oneseal::ui
