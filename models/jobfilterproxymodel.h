#pragma once

#include <QSortFilterProxyModel>

#include <optional>

namespace hopstep {

// Sorts JobTableModel by value and filters it by status and by text, for the jobs view.
class JobFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit JobFilterProxyModel(QObject *parent = nullptr);

    // A JobStatus as int, JobTableModel::DeletedStatus, or no value to show every job.
    void setStatusFilter(std::optional<int> status);
    std::optional<int> statusFilter() const { return m_status; }
    // Words that must all appear in the row's title, provider, facility, category or location.
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<int> m_status;
    QString m_text;
    QStringList m_words;
};

} // namespace hopstep
