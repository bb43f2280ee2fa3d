#include "jobtablemodel.h"

#include "jobpagerenderer.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QSet>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString statusText(const Job &job)
{
    return job.isDeleted() ? u"Deleted"_s : jobStatusLabel(job.content.status);
}

QString formatLocalTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return QLocale().toString(time.toLocalTime(), u"yyyy-MM-dd HH:mm"_s);
}

bool sameRow(const Job &a, const Job &b)
{
    return a.version == b.version && a.deletedAt == b.deletedAt && a.content == b.content &&
           a.providerName == b.providerName && a.facilityName == b.facilityName &&
           a.updatedAt == b.updatedAt;
}

} // namespace

JobTableModel::JobTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int JobTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &job = m_jobs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(job, index.column());
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn && job.isDeleted())
            return u"Deleted on %1; kept as a tombstone for staff."_s.arg(
                formatLocalTime(job.deletedAt));
        if (index.column() == TitleColumn)
            return job.content.title;
        return {};
    case Qt::ForegroundRole:
        if (job.isDeleted() || job.content.status == JobStatus::Expired ||
            job.content.status == JobStatus::Closed) {
            return QBrush(QColor(0x6b, 0x72, 0x80));
        }
        return {};
    case SortRole:
        return sortValue(job, index.column());
    case JobIdRole:
        return job.id;
    case StatusRole:
        return job.isDeleted() ? DeletedStatus : int(job.content.status);
    case SearchTextRole:
        return QStringList{job.content.title,
                           job.providerName,
                           job.facilityName,
                           job.content.categoryName,
                           job.content.location.suburb,
                           job.content.location.state,
                           job.content.location.postcode,
                           job.id}
            .join(u'\n')
            .toCaseFolded();
    default:
        return {};
    }
}

QVariant JobTableModel::displayValue(const Job &job, int column) const
{
    const JobContent &content = job.content;
    switch (column) {
    case StatusColumn:
        return statusText(job);
    case TitleColumn:
        return content.title;
    case ProviderColumn:
        return job.providerName;
    case FacilityColumn:
        return job.facilityName;
    case CategoryColumn:
        return content.categoryName;
    case WorkTypesColumn:
        return JobPageRenderer::formatWorkTypes(content.workTypes);
    case PayColumn:
        return JobPageRenderer::formatPay(content.salary);
    case LocationColumn:
        return JobPageRenderer::formatLocation(content.location);
    case ReceivedColumn:
        return formatLocalTime(job.createdAt);
    case UpdatedColumn:
        return formatLocalTime(job.updatedAt);
    default:
        return {};
    }
}

QVariant JobTableModel::sortValue(const Job &job, int column) const
{
    switch (column) {
    case StatusColumn:
        return job.isDeleted() ? 99 : int(job.content.status);
    case PayColumn: {
        // Sort by the lower end of the range, so a range and a single amount compare.
        const Salary &salary = job.content.salary;
        if (salary.minCents)
            return *salary.minCents;
        if (salary.maxCents)
            return *salary.maxCents;
        return qint64(-1);
    }
    case ReceivedColumn:
        return job.createdAt;
    case UpdatedColumn:
        return job.updatedAt;
    default:
        return displayValue(job, column);
    }
}

QVariant JobTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case TitleColumn:
        return tr("Title");
    case ProviderColumn:
        return tr("Provider");
    case FacilityColumn:
        return tr("Facility");
    case CategoryColumn:
        return tr("Category");
    case WorkTypesColumn:
        return tr("Work types");
    case PayColumn:
        return tr("Pay");
    case LocationColumn:
        return tr("Location");
    case ReceivedColumn:
        return tr("Received");
    case UpdatedColumn:
        return tr("Updated");
    default:
        return {};
    }
}

void JobTableModel::setJobs(const QList<Job> &jobs)
{
    QSet<QString> incoming;
    for (const Job &job : jobs)
        incoming.insert(job.id);

    // Remove back to front, so the rows still to visit keep their numbers.
    for (int row = int(m_jobs.size()) - 1; row >= 0; --row) {
        if (incoming.contains(m_jobs.at(row).id))
            continue;
        int first = row;
        while (first > 0 && !incoming.contains(m_jobs.at(first - 1).id))
            --first;
        beginRemoveRows(QModelIndex(), first, row);
        m_jobs.remove(first, row - first + 1);
        endRemoveRows();
        row = first;
    }
    rebuildIndex();

    QList<Job> added;
    for (const Job &job : jobs) {
        const auto existing = m_rowById.constFind(job.id);
        if (existing == m_rowById.constEnd()) {
            added.append(job);
            continue;
        }
        const int row = existing.value();
        if (sameRow(m_jobs.at(row), job))
            continue;
        m_jobs[row] = job;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (!added.isEmpty()) {
        const int first = int(m_jobs.size());
        beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
        m_jobs.append(added);
        endInsertRows();
        rebuildIndex();
    }
}

void JobTableModel::upsertJob(const Job &job)
{
    const int row = rowOfJob(job.id);
    if (row >= 0) {
        m_jobs[row] = job;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int last = int(m_jobs.size());
    beginInsertRows(QModelIndex(), last, last);
    m_jobs.append(job);
    m_rowById.insert(job.id, last);
    endInsertRows();
}

const Job *JobTableModel::jobAt(int row) const
{
    if (row < 0 || row >= m_jobs.size())
        return nullptr;
    return &m_jobs.at(row);
}

const Job *JobTableModel::jobById(const QString &id) const
{
    return jobAt(rowOfJob(id));
}

int JobTableModel::rowOfJob(const QString &id) const
{
    return m_rowById.value(id, -1);
}

void JobTableModel::rebuildIndex()
{
    m_rowById.clear();
    for (int row = 0; row < m_jobs.size(); ++row)
        m_rowById.insert(m_jobs.at(row).id, row);
}

} // namespace hopstep
