#include "statusdelegate.h"

#include "job.h"
#include "jobtablemodel.h"

#include <QApplication>
#include <QPainter>

namespace hopstep {

namespace {

struct StatusColors
{
    QColor background;
    QColor text;
};

StatusColors colorsOf(int status)
{
    if (status == JobTableModel::DeletedStatus)
        return {QColor(0xfd, 0xe8, 0xe8), QColor(0xa6, 0x1b, 0x1b)};
    switch (JobStatus(status)) {
    case JobStatus::Active:
        return {QColor(0xe3, 0xf4, 0xe8), QColor(0x12, 0x6b, 0x36)};
    case JobStatus::Pending:
        return {QColor(0xe5, 0xef, 0xfd), QColor(0x1a, 0x56, 0xb0)};
    case JobStatus::Expired:
        return {QColor(0xfd, 0xf1, 0xd6), QColor(0x85, 0x55, 0x00)};
    case JobStatus::Closed:
        return {QColor(0xec, 0xee, 0xf1), QColor(0x45, 0x51, 0x5c)};
    }
    return {QColor(0xec, 0xee, 0xf1), QColor(0x45, 0x51, 0x5c)};
}

constexpr int horizontalPadding = 8;
constexpr int leftMargin = 6;

QFont labelFont(const QFont &base)
{
    QFont font = base;
    font.setWeight(QFont::DemiBold);
    return font;
}

} // namespace

StatusDelegate::StatusDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void StatusDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QString text = item.text;
    // The style draws the background, selection and focus, and the label goes on top.
    item.text.clear();
    const QWidget *widget = item.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);
    if (text.isEmpty())
        return;

    const StatusColors colors = colorsOf(index.data(JobTableModel::StatusRole).toInt());
    const QFont font = labelFont(item.font);
    const QFontMetrics metrics(font);
    const int height = qMin(metrics.height() + 4, item.rect.height() - 2);
    QRect label(0, 0, metrics.horizontalAdvance(text) + 2 * horizontalPadding, height);
    label.moveCenter(item.rect.center());
    label.moveLeft(item.rect.left() + leftMargin);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colors.background);
    painter->drawRoundedRect(label, height / 2.0, height / 2.0);
    painter->setPen(colors.text);
    painter->setFont(font);
    painter->drawText(label, Qt::AlignCenter, text);
    painter->restore();
}

QSize StatusDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QFontMetrics metrics(labelFont(item.font));
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    return {metrics.horizontalAdvance(item.text) + 2 * horizontalPadding + 2 * leftMargin,
            qMax(base.height(), metrics.height() + 8)};
}

} // namespace hopstep
