#pragma once

#include "job.h"

#include <QWidget>

class QLabel;
class QStackedWidget;

namespace hopstep {

// The staff facts of the selected job that candidates do not see: ids, version, timestamps and
// the apply URL, each selectable so support staff can copy it into a ticket.
class JobDetailsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit JobDetailsPanel(QWidget *parent = nullptr);

    // Shows the job, or the empty state when job is null.
    void showJob(const Job *job);

private:
    QLabel *addRow(const QString &name);

    QStackedWidget *m_pages;
    QWidget *m_form;
    QLabel *m_placeholder;
    QLabel *m_status;
    QLabel *m_publication;
    QLabel *m_id;
    QLabel *m_version;
    QLabel *m_provider;
    QLabel *m_facility;
    QLabel *m_category;
    QLabel *m_applyUrl;
    QLabel *m_received;
    QLabel *m_updated;
    QLabel *m_deleted;
};

} // namespace hopstep
