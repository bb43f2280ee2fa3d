#pragma once

#include "catalog.h"
#include "displaychecks.h"
#include "job.h"

#include <QList>
#include <QWidget>

#include <optional>

class QLabel;
class QTreeWidget;

namespace hopstep {

// The display checks of one job next to its preview: each check's result, name and what to ask
// the ATS to fix, with a summary line above. A reviewer records the display as validated only
// when no check fails.
class DisplayChecksPanel : public QWidget
{
    Q_OBJECT

public:
    enum Column { ResultColumn, CheckColumn, DetailsColumn };

    explicit DisplayChecksPanel(QWidget *parent = nullptr);

    // Runs checkJobDisplay() on the job and shows the results.
    void showJob(const Job &job, const std::optional<Facility> &facility,
                 const QList<Category> &categories);
    void setChecks(const QList<DisplayCheck> &checks);
    // Shows the empty state, as when no job is selected.
    void clear();
    // Shows no checks and a loading message while the facilities and categories load.
    void showLoading();

    const QList<DisplayCheck> &checks() const { return m_checks; }
    int failureCount() const;
    int warningCount() const;

signals:
    void checksChanged(int failures, int warnings);

private:
    QLabel *m_summary;
    QTreeWidget *m_list;
    QList<DisplayCheck> m_checks;
};

} // namespace hopstep
