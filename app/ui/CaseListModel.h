#pragma once

#include "services/CaseReader.h"

#include <QAbstractTableModel>

namespace oneseal::ui {

/** A read-only list of cases (my cases today, search results). */
class CaseListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NumberColumn, SubjectColumn, ApplicantColumn, StatusColumn, AcceptedColumn, DueColumn, ClerkColumn,
                  ColumnCount };

    explicit CaseListModel(QObject* parent = nullptr);
    void setCases(const QList<services::CaseSummary>& cases);
    const services::CaseSummary& caseAt(int row) const { return m_cases.at(row); }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<services::CaseSummary> m_cases;
};

} // namespace oneseal::ui
