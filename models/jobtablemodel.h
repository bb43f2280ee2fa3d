#pragma once

#include "job.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace hopstep {

// The jobs table of the console: one row per job, tombstones included.
class JobTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        StatusColumn,
        TitleColumn,
        ProviderColumn,
        FacilityColumn,
        CategoryColumn,
        WorkTypesColumn,
        PayColumn,
        LocationColumn,
        ReceivedColumn,
        UpdatedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        // Value to sort by: timestamps as QDateTime and pay as cents, so they sort by value
        // rather than by their text. Used by JobFilterProxyModel.
        SortRole = Qt::UserRole,
        // The job's id, for actions on the selection.
        JobIdRole,
        // JobStatus as int, or -1 for a deleted job; used by the status filter.
        StatusRole,
        // Lower-case text of the row's searchable cells, for the text filter.
        SearchTextRole,
    };
    Q_ENUM(Role)

    // Value of StatusRole for a deleted job.
    static constexpr int DeletedStatus = -1;

    explicit JobTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Replaces the contents with jobs, keeping rows of jobs that stay (and so the selection):
    // rows that went are removed, changed rows emit dataChanged, new jobs are appended.
    void setJobs(const QList<Job> &jobs);
    // Inserts the job or replaces the row with the same id.
    void upsertJob(const Job &job);

    const Job *jobAt(int row) const;
    const Job *jobById(const QString &id) const;
    int rowOfJob(const QString &id) const;

private:
    QVariant displayValue(const Job &job, int column) const;
    QVariant sortValue(const Job &job, int column) const;
    void rebuildIndex();

    QList<Job> m_jobs;
    QHash<QString, int> m_rowById;
};

} // namespace hopstep
