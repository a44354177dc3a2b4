#pragma once

#include "core/Intake.h"

#include <QAbstractTableModel>
#include <QDate>

namespace oneseal::ui {

/** The checklist of one application as the clerk fills it in (no storage: the service records it). */
class ChecklistModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { MaterialColumn, RequirementColumn, StateColumn, FormColumn, CopiesColumn, DueColumn, NoteColumn,
                  ScansColumn, ColumnCount };

    explicit ChecklistModel(QObject* parent = nullptr);

    void setEntries(const QList<core::MaterialEntry>& entries, const QDate& defaultDue);
    const QList<core::MaterialEntry>& entries() const { return m_entries; }
    void setScanCount(const QString& materialCode, int count);

    /** Marks a row; a received material gets 1 copy if it had none, a deferred one the default due date. */
    void setState(int row, core::MaterialState state);
    /** Marks every row not yet checked as received (one key at the window); returns how many. */
    int markPendingReceived();
    /** The power of attorney's default for whether an agent is named (core::IntakeRules::applyAgentDefault). */
    void applyAgentDefault(bool agentNamed);
    /** The first row not yet checked, or -1. */
    int firstPendingRow() const;
    void toggleOriginal(int row);
    void adjustCopies(int row, int delta);

    static QString stateName(core::MaterialState state);
    static QString requirementName(const core::MaterialEntry& entry);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rowChanged(int row);

    QList<core::MaterialEntry> m_entries;
    QHash<QString, int> m_scans;
    QDate m_defaultDue;
};

} // namespace oneseal::ui
