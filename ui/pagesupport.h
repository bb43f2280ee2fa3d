#pragma once

#include "staff.h"

#include <QSortFilterProxyModel>
#include <QString>

#include <functional>

class QAbstractButton;
class QAction;
class QHeaderView;
class QLabel;
class QTableView;

namespace hopstep {

class ConsoleSettings;

// Sorts a RecordTableModel by RecordSortRole and filters it by words in RecordSearchRole, for
// the console's record tables.
class RecordFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit RecordFilterProxyModel(QObject *parent = nullptr);

    // Words that must all appear in the row's searchable text, in any case.
    void setTextFilter(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_words;
};

// Gives a record table the console's look and behaviour: whole-row single selection, no
// editing, sortable, movable columns, no grid, and rows sized for the font.
void setUpRecordTable(QTableView *table);

// Restores a table header from the settings under key, or gives the columns widths from the
// samples (characters of typical values) when nothing is stored.
void restoreHeader(QHeaderView *header, ConsoleSettings *settings, const QString &key,
                   const QList<int> &sampleCharacters);

// Sizes the id columns to their contents, so ids are never elided: staff copy them into ATS
// configuration.
void showIdsInFull(QHeaderView *header, const QList<int> &idColumns);

// Adds "Copy ID" (Ctrl+C, and in the context menu) to a record table: it copies the current
// row's RecordIdRole to the clipboard and calls copied with a sentence for the status bar.
void addCopyIdAction(QTableView *table, const QString &description,
                     const std::function<void(const QString &message)> &copied);

// Enables a button or action when the signed-in staff member's role allows it, and otherwise
// disables it with a tooltip naming the role it needs, so staff see why.
void allowFor(QAbstractButton *button, bool allowed, bool roleGranted, StaffRole role,
              const QString &toolTip);
void allowFor(QAction *action, bool allowed, bool roleGranted, StaffRole role,
              const QString &toolTip);

// Styles a label as a page or section caption.
void makeCaption(QLabel *label);
// Shows message in label in the problem colour, or clears it.
void showProblem(QLabel *label, const QString &message);
// Shows a neutral hint in label.
void showHint(QLabel *label, const QString &message);

// The colours the console uses for states, also in its style sheets.
namespace colors {
inline constexpr char problem[] = "#a61b1b";
inline constexpr char good[] = "#1a6b3c";
inline constexpr char warning[] = "#8a5a00";
inline constexpr char muted[] = "#6b7280";
inline constexpr char caption[] = "#13293d";
} // namespace colors

} // namespace hopstep
