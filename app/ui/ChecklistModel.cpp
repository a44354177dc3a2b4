#include "ChecklistModel.h"

#include <QBrush>
#include <QColor>

namespace oneseal::ui {

ChecklistModel::ChecklistModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ChecklistModel::setEntries(const QList<core::MaterialEntry>& entries, const QDate& defaultDue)
{
    beginResetModel();
    m_entries = entries;
    m_scans.clear();
    m_defaultDue = defaultDue;
    endResetModel();
}

void ChecklistModel::setScanCount(const QString& materialCode, int count)
{
    m_scans.insert(materialCode, count);
    for (int row = 0; row < m_entries.size(); ++row)
        if (m_entries.at(row).code == materialCode)
            rowChanged(row);
}

void ChecklistModel::rowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ChecklistModel::setState(int row, core::MaterialState state)
{
    if (row < 0 || row >= m_entries.size())
        return;
    core::MaterialEntry& e = m_entries[row];
    e.state = state;
    if (state == core::MaterialState::Received && e.count < 1)
        e.count = 1;
    if (state != core::MaterialState::Received)
        e.count = 0;
    if (state == core::MaterialState::Deferred && !e.dueDate.isValid())
        e.dueDate = m_defaultDue;
    if (state != core::MaterialState::Deferred)
        e.dueDate = QDate();
    rowChanged(row);
}

int ChecklistModel::markPendingReceived()
{
    int marked = 0;
    for (int row = 0; row < m_entries.size(); ++row)
        if (m_entries.at(row).state == core::MaterialState::Pending) {
            setState(row, core::MaterialState::Received);
            ++marked;
        }
    return marked;
}

void ChecklistModel::applyAgentDefault(bool agentNamed)
{
    core::IntakeRules::applyAgentDefault(m_entries, agentNamed);
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_entries.size()) - 1, ColumnCount - 1));
}

int ChecklistModel::firstPendingRow() const
{
    for (int row = 0; row < m_entries.size(); ++row)
        if (m_entries.at(row).state == core::MaterialState::Pending)
            return row;
    return -1;
}

void ChecklistModel::toggleOriginal(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    m_entries[row].original = !m_entries[row].original;
    rowChanged(row);
}

void ChecklistModel::adjustCopies(int row, int delta)
{
    if (row < 0 || row >= m_entries.size() || m_entries[row].state != core::MaterialState::Received)
        return;
    m_entries[row].count = qBound(1, m_entries[row].count + delta, 99);
    rowChanged(row);
}

QString ChecklistModel::stateName(core::MaterialState state)
{
    switch (state) {
    case core::MaterialState::Pending: return tr("not checked");
    case core::MaterialState::Received: return tr("received");
    case core::MaterialState::Missing: return tr("missing");
    case core::MaterialState::Deferred: return tr("deferred");
    case core::MaterialState::NotApplicable: return tr("not applicable");
    case core::MaterialState::SharedData: return tr("shared data");
    }
    return QString();
}

QString ChecklistModel::requirementName(const core::MaterialEntry& e)
{
    QString text;
    switch (e.requirement) {
    case core::MaterialRequirement::Required: text = tr("required"); break;
    case core::MaterialRequirement::Optional: text = tr("optional"); break;
    case core::MaterialRequirement::Deferrable: text = tr("required, may be deferred"); break;
    }
    if (e.core)
        text += tr(", core");
    return text;
}

int ChecklistModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ChecklistModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChecklistModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const core::MaterialEntry& e = m_entries.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (index.column()) {
        case MaterialColumn: return QStringLiteral("%1. %2").arg(index.row() + 1).arg(e.name);
        case RequirementColumn: return requirementName(e);
        case StateColumn: return role == Qt::EditRole ? QVariant(int(e.state)) : QVariant(stateName(e.state));
        case FormColumn: return e.original ? tr("original") : tr("copy");
        case CopiesColumn: return e.state == core::MaterialState::Received ? QVariant(e.count) : QVariant();
        case DueColumn:
            return e.dueDate.isValid() ? (role == Qt::EditRole ? QVariant(e.dueDate) : QVariant(e.dueDate.toString(Qt::ISODate)))
                                       : QVariant();
        case NoteColumn: return e.note;
        case ScansColumn: return m_scans.value(e.code, 0) > 0 ? QVariant(m_scans.value(e.code)) : QVariant();
        }
    }
    if (role == Qt::BackgroundRole && index.column() == StateColumn) {
        switch (e.state) {
        case core::MaterialState::Received:
        case core::MaterialState::SharedData: return QBrush(QColor(0xd8, 0xf0, 0xd8));
        case core::MaterialState::Missing: return QBrush(QColor(0xf8, 0xd0, 0xd0));
        case core::MaterialState::Deferred: return QBrush(QColor(0xfb, 0xec, 0xc0));
        default: break;
        }
    }
    if (role == Qt::ToolTipRole && index.column() == MaterialColumn)
        return e.matterCodes.join(QStringLiteral(", "));
    return QVariant();
}

bool ChecklistModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::EditRole)
        return false;
    core::MaterialEntry& e = m_entries[index.row()];
    switch (index.column()) {
    case CopiesColumn:
        if (e.state != core::MaterialState::Received)
            return false;
        e.count = qBound(1, value.toInt(), 99);
        break;
    case DueColumn:
        if (e.state != core::MaterialState::Deferred || !value.toDate().isValid())
            return false;
        e.dueDate = value.toDate();
        break;
    case NoteColumn: e.note = value.toString().left(core::IntakeRules::kMaxNoteLength); break;
    default: return false;
    }
    rowChanged(index.row());
    return true;
}

Qt::ItemFlags ChecklistModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return f;
    const core::MaterialEntry& e = m_entries.at(index.row());
    if (index.column() == NoteColumn || (index.column() == CopiesColumn && e.state == core::MaterialState::Received)
        || (index.column() == DueColumn && e.state == core::MaterialState::Deferred))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant ChecklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MaterialColumn: return tr("Material");
    case RequirementColumn: return tr("Requirement");
    case StateColumn: return tr("State");
    case FormColumn: return tr("Form");
    case CopiesColumn: return tr("Copies");
    case DueColumn: return tr("Due");
    case NoteColumn: return tr("Note / reason");
    case ScansColumn: return tr("Scans");
    }
    return QVariant();
}

} // namespace oneseal::ui
