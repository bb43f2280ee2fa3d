#include "pagesupport.h"

#include "consolesettings.h"
#include "recordtablemodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString roleToolTip(bool roleGranted, StaffRole role, const QString &toolTip)
{
    if (roleGranted)
        return toolTip;
    return toolTip + u"\n"_s +
           QObject::tr("Needs the %1 role; ask a hopstep admin to grant it.")
               .arg(staffRoleName(role));
}

} // namespace

RecordFilterProxyModel::RecordFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RecordSortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
}

void RecordFilterProxyModel::setTextFilter(const QString &text)
{
    const QStringList words = text.toCaseFolded().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateRowsFilter();
}

bool RecordFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QString text =
        sourceModel()->index(sourceRow, 0, sourceParent).data(RecordSearchRole).toString();
    for (const QString &word : m_words) {
        if (!text.contains(word))
            return false;
    }
    return true;
}

void setUpRecordTable(QTableView *table)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setShowGrid(false);
    table->setTextElideMode(Qt::ElideRight);
    table->setSortingEnabled(true);
    table->setTabKeyNavigation(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 12);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setSectionsMovable(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->horizontalHeader()->setStretchLastSection(true);
}

void restoreHeader(QHeaderView *header, ConsoleSettings *settings, const QString &key,
                   const QList<int> &sampleCharacters)
{
    if (header->restoreState(settings->layoutState(key)))
        return;
    const int character = header->fontMetrics().averageCharWidth();
    for (qsizetype column = 0; column < sampleCharacters.size(); ++column)
        header->resizeSection(int(column), sampleCharacters.at(column) * character + 24);
}

void showIdsInFull(QHeaderView *header, const QList<int> &idColumns)
{
    for (int column : idColumns)
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
}

void addCopyIdAction(QTableView *table, const QString &description,
                     const std::function<void(const QString &message)> &copied)
{
    auto *action = new QAction(QObject::tr("&Copy %1").arg(description), table);
    action->setShortcut(QKeySequence::Copy);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(action, &QAction::triggered, table, [table, description, copied] {
        const QModelIndex current = table->currentIndex();
        const QString id = current.isValid() ? current.data(RecordIdRole).toString() : QString();
        if (id.isEmpty())
            return;
        QGuiApplication::clipboard()->setText(id);
        if (copied)
            copied(QObject::tr("Copied the %1 %2.").arg(description, id));
    });
    table->addAction(action);
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
}

void allowFor(QAbstractButton *button, bool allowed, bool roleGranted, StaffRole role,
              const QString &toolTip)
{
    button->setEnabled(allowed && roleGranted);
    button->setToolTip(roleToolTip(roleGranted, role, toolTip));
}

void allowFor(QAction *action, bool allowed, bool roleGranted, StaffRole role,
              const QString &toolTip)
{
    action->setEnabled(allowed && roleGranted);
    action->setToolTip(roleToolTip(roleGranted, role, toolTip));
}

void makeCaption(QLabel *label)
{
    label->setStyleSheet(u"font-weight: 600; color: %1;"_s.arg(QLatin1StringView(colors::caption)));
}

void showProblem(QLabel *label, const QString &message)
{
    label->setStyleSheet(u"color: %1;"_s.arg(QLatin1StringView(colors::problem)));
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

void showHint(QLabel *label, const QString &message)
{
    label->setStyleSheet(u"color: %1;"_s.arg(QLatin1StringView(colors::muted)));
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

} // namespace hopstep
