#include "jobfilterproxymodel.h"

#include "jobtablemodel.h"

using namespace Qt::StringLiterals;

namespace hopstep {

JobFilterProxyModel::JobFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(JobTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
}

void JobFilterProxyModel::setStatusFilter(std::optional<int> status)
{
    if (m_status == status)
        return;
    m_status = status;
    invalidateRowsFilter();
}

void JobFilterProxyModel::setTextFilter(const QString &text)
{
    if (m_text == text)
        return;
    m_text = text;
    m_words = text.toCaseFolded().split(u' ', Qt::SkipEmptyParts);
    invalidateRowsFilter();
}

bool JobFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_status && index.data(JobTableModel::StatusRole).toInt() != *m_status)
        return false;
    if (m_words.isEmpty())
        return true;
    const QString text = index.data(JobTableModel::SearchTextRole).toString();
    for (const QString &word : m_words) {
        if (!text.contains(word))
            return false;
    }
    return true;
}

} // namespace hopstep
