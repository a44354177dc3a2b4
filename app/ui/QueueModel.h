#pragma once

#include "services/QueueService.h"

#include <QAbstractTableModel>

namespace oneseal::ui {

/** The cases of one work queue, with their due dates; overdue rows red, close ones yellow. */
class QueueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NumberColumn, SubjectColumn, ApplicantColumn, StatusColumn, DueColumn, WarningColumn, ColumnCount };

    explicit QueueModel(QObject* parent = nullptr);
    void setItems(const QList<services::QueueItem>& items);
    const services::QueueItem& itemAt(int row) const { return m_items.at(row); }

    /** The background of a warning: red, yellow, or none. */
    static QColor warningColour(core::DeadlineWarning warning);
    static QString warningText(core::DeadlineWarning warning, bool clockStopped);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<services::QueueItem> m_items;
};

} // namespace oneseal::ui
