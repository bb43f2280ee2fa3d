#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QFont>
#include <QFontDatabase>
#include <QHash>
#include <QList>
#include <QStringList>

namespace hopstep {

// Roles shared by the console's record tables (providers, facilities, keys, categories, the
// audit log, staff).
enum RecordRole {
    // The record's id as text, for actions on the selection and one-click copying.
    RecordIdRole = Qt::UserRole,
    // Value to sort by: timestamps as QDateTime and counts as numbers. Read by the views'
    // QSortFilterProxyModel, which the console sets to this role.
    RecordSortRole,
    // Lower-case text of the searchable cells, for the filter boxes.
    RecordSearchRole,
    // A short state word ("active", "retired", "revoked"), for delegates and tests.
    RecordStateRole,
};

// "2026-12-04 13:41" in local time, or "—" for no time: how the console's tables show times.
inline QString formatTableTime(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                          : QStringLiteral("—");
}

// A table of records of type T, one per row, with fixed columns. setRecords() keeps the rows
// of records that stay, so a refresh does not lose the selection: rows that went are removed,
// rows that stay emit dataChanged, new records are appended.
template<typename T>
class RecordTableModel : public QAbstractTableModel
{
public:
    explicit RecordTableModel(const QStringList &headers, QObject *parent = nullptr)
        : QAbstractTableModel(parent)
        , m_headers(headers)
    {}

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_records.size());
    }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_headers.size());
    }

    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || section < 0 || section >= m_headers.size())
            return {};
        if (role == Qt::DisplayRole)
            return m_headers.at(section);
        if (role == Qt::TextAlignmentRole && isNumberColumn(section))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const T &record = m_records.at(index.row());
        switch (role) {
        case RecordIdRole:
            return keyOf(record);
        case RecordSearchRole:
            return searchText(record);
        case Qt::FontRole:
            if (isIdColumn(index.column()))
                return QFontDatabase::systemFont(QFontDatabase::FixedFont);
            return {};
        case Qt::TextAlignmentRole:
            if (isNumberColumn(index.column()))
                return int(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        default:
            return value(record, index.column(), role);
        }
    }

    void setRecords(const QList<T> &records)
    {
        QHash<QString, qsizetype> incoming;
        for (qsizetype i = 0; i < records.size(); ++i)
            incoming.insert(keyOf(records.at(i)), i);

        // Remove back to front, so the rows still to visit keep their numbers.
        for (int row = int(m_records.size()) - 1; row >= 0; --row) {
            if (incoming.contains(keyOf(m_records.at(row))))
                continue;
            beginRemoveRows({}, row, row);
            m_records.removeAt(row);
            endRemoveRows();
        }
        QHash<QString, qsizetype> kept;
        for (qsizetype row = 0; row < m_records.size(); ++row) {
            const QString key = keyOf(m_records.at(row));
            m_records[row] = records.at(incoming.value(key));
            kept.insert(key, row);
        }
        if (!m_records.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        QList<T> added;
        for (const T &record : records) {
            if (!kept.contains(keyOf(record)))
                added.append(record);
        }
        if (added.isEmpty())
            return;
        beginInsertRows({}, rowCount(), rowCount() + int(added.size()) - 1);
        m_records.append(added);
        endInsertRows();
    }

    // Appends records whose keys are new, for paged lists such as the audit log.
    void appendRecords(const QList<T> &records)
    {
        QList<T> added;
        for (const T &record : records) {
            if (rowOf(keyOf(record)) < 0)
                added.append(record);
        }
        if (added.isEmpty())
            return;
        beginInsertRows({}, rowCount(), rowCount() + int(added.size()) - 1);
        m_records.append(added);
        endInsertRows();
    }

    void clear()
    {
        if (m_records.isEmpty())
            return;
        beginResetModel();
        m_records.clear();
        endResetModel();
    }

    const QList<T> &records() const { return m_records; }
    const T *recordAt(int row) const
    {
        return row >= 0 && row < m_records.size() ? &m_records.at(row) : nullptr;
    }
    int rowOf(const QString &key) const
    {
        for (qsizetype row = 0; row < m_records.size(); ++row) {
            if (keyOf(m_records.at(row)) == key)
                return int(row);
        }
        return -1;
    }
    const T *recordByKey(const QString &key) const { return recordAt(rowOf(key)); }

protected:
    virtual QString keyOf(const T &record) const = 0;
    // DisplayRole, ToolTipRole, RecordSortRole, RecordStateRole, ForegroundRole … of a cell.
    virtual QVariant value(const T &record, int column, int role) const = 0;
    virtual QString searchText(const T &record) const = 0;
    // Columns that show ids, drawn in a monospaced font.
    virtual bool isIdColumn(int column) const = 0;
    // Columns of counts, aligned right in the cells and the header.
    virtual bool isNumberColumn(int) const { return false; }

private:
    QStringList m_headers;
    QList<T> m_records;
};

} // namespace hopstep
