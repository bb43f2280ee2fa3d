#pragma once

#include <QStyledItemDelegate>

namespace hopstep {

// Paints the status column of the jobs table as a coloured label, so Active, Pending, Expired,
// Closed and Deleted jobs stand apart at a glance. Reads JobTableModel::StatusRole.
class StatusDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit StatusDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace hopstep
