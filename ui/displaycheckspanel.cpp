#include "displaycheckspanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QIcon resultIcon(const QStyle *style, DisplayCheck::Result result)
{
    switch (result) {
    case DisplayCheck::Result::Pass:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case DisplayCheck::Result::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case DisplayCheck::Result::Failure:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    }
    return {};
}

// Makes rows tall enough for their wrapped details. QStyledItemDelegate alone sizes every row
// for one line, because it does not know the column's width.
class WrappingDelegate : public QStyledItemDelegate
{
public:
    WrappingDelegate(QTreeView *view, int column)
        : QStyledItemDelegate(view)
        , m_view(view)
        , m_column(column)
    {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        if (index.column() != m_column)
            return size;
        const int margin = 2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1);
        const int width = std::max(40, m_view->header()->sectionSize(m_column) - margin);
        const QRect wrapped = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 100'000), Qt::TextWordWrap, index.data().toString());
        size.setHeight(std::max(size.height(), wrapped.height() + 6));
        return size;
    }

private:
    QTreeView *m_view;
    int m_column;
};

QColor resultColor(DisplayCheck::Result result)
{
    switch (result) {
    case DisplayCheck::Result::Pass:
        return QColor(0x0b, 0x6e, 0x4f);
    case DisplayCheck::Result::Warning:
        return QColor(0x8a, 0x5a, 0x00);
    case DisplayCheck::Result::Failure:
        return QColor(0x8a, 0x1c, 0x1c);
    }
    return {};
}

} // namespace

DisplayChecksPanel::DisplayChecksPanel(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_list(new QTreeWidget(this))
{
    m_summary->setObjectName(u"displayChecksSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setContentsMargins(4, 4, 4, 4);

    m_list->setObjectName(u"displayChecksList"_s);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Result"), tr("Check"), tr("Details")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(false);
    m_list->setWordWrap(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(ResultColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(CheckColumn, QHeaderView::ResizeToContents);
    m_list->setAccessibleName(tr("Display checks"));
    m_list->setItemDelegate(new WrappingDelegate(m_list, DetailsColumn));
    connect(m_list->header(), &QHeaderView::sectionResized, m_list,
            [this] { m_list->doItemsLayout(); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    clear();
}

void DisplayChecksPanel::showJob(const Job &job, const std::optional<Facility> &facility,
                                 const QList<Category> &categories)
{
    setChecks(checkJobDisplay(job, facility, categories));
}

void DisplayChecksPanel::setChecks(const QList<DisplayCheck> &checks)
{
    m_checks = checks;
    m_list->clear();
    for (const DisplayCheck &check : checks) {
        const QString label = displayCheckResultLabel(check.result);
        auto *item = new QTreeWidgetItem(m_list, {label, check.name, check.message});
        item->setIcon(ResultColumn, resultIcon(style(), check.result));
        item->setForeground(ResultColumn, resultColor(check.result));
        item->setData(ResultColumn, Qt::UserRole, check.key);
        item->setToolTip(DetailsColumn, check.message);
        // Screen readers hear the result with the check, not only a coloured icon.
        const QString spoken = label + u": "_s + check.name + u". "_s + check.message;
        for (int column = ResultColumn; column <= DetailsColumn; ++column)
            item->setData(column, Qt::AccessibleTextRole, spoken);
    }
    m_list->setEnabled(!checks.isEmpty());

    const int failures = failureCount();
    const int warnings = warningCount();
    if (checks.isEmpty()) {
        m_summary->setText(tr("Select a job to check how it displays to candidates."));
    } else if (failures == 0 && warnings == 0) {
        m_summary->setText(tr("All %1 display checks pass.").arg(checks.size()));
    } else if (failures == 0) {
        m_summary->setText(warnings == 1
                               ? tr("No check fails; 1 check has a warning to review with the ATS.")
                               : tr("No check fails; %1 checks have a warning to review with the "
                                    "ATS.")
                                     .arg(warnings));
    } else {
        m_summary->setText(failures == 1
                               ? tr("1 check fails. Ask the ATS to fix it before you record the "
                                    "display as validated.")
                               : tr("%1 checks fail. Ask the ATS to fix them before you record "
                                    "the display as validated.")
                                     .arg(failures));
    }
    emit checksChanged(failures, warnings);
}

void DisplayChecksPanel::clear()
{
    setChecks({});
}

void DisplayChecksPanel::showLoading()
{
    setChecks({});
    m_summary->setText(tr("Loading the facilities and categories that the checks compare the "
                          "job with…"));
}

int DisplayChecksPanel::failureCount() const
{
    return int(std::count_if(m_checks.cbegin(), m_checks.cend(), [](const DisplayCheck &check) {
        return check.result == DisplayCheck::Result::Failure;
    }));
}

int DisplayChecksPanel::warningCount() const
{
    return int(std::count_if(m_checks.cbegin(), m_checks.cend(), [](const DisplayCheck &check) {
        return check.result == DisplayCheck::Result::Warning;
    }));
}

} // namespace hopstep
