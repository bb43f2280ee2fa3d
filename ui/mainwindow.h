#pragma once

#include "job.h"

#include <QMainWindow>
#include <QString>

class QAction;
class QComboBox;
class QDateTime;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;

namespace hopstep {

class ConsoleSession;
class ConsoleSettings;
class JobDetailsPanel;
class JobFilterProxyModel;
class JobPreview;

// The console's window: the jobs table with its filters above, the selected job's candidate
// preview and staff details below, the staff actions on it, and a status bar that shows the
// service, the staff member and the last refresh. It shows a ConsoleSession and remembers its
// layout in ConsoleSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(ConsoleSession *session, ConsoleSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Stores the window geometry, the splitter and the table columns in the settings.
    void saveLayout();

    QString selectedJobId() const;
    // Selects the job's row, when the filters show it, and scrolls to it.
    bool selectJob(const QString &jobId);

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    QWidget *createJobsPane();
    QWidget *createPreviewPane();
    QWidget *createDetailsPane();
    void createStatusBar();
    void connectSession();
    void restoreLayout();
    void applyDefaultColumnWidths();

    const Job *selectedJob() const;
    void handleSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void updateSelection();
    void updateActions();
    void updatePreview();
    void updateJobCount();
    void updateConnectionStatus();
    void applyStatusFilter();
    void showRefreshed(const QDateTime &time, int jobCount);
    void showSyncProblem(const QString &message);
    void showJobChanged(const Job &job);
    void showActionFailed(const QString &jobId, const QString &message);

    void changeSelectedStatus(JobStatus status);
    void deleteSelected();
    void openConnectionDialog();

    ConsoleSession *m_session;
    ConsoleSettings *m_settings;
    JobFilterProxyModel *m_proxy;

    QAction *m_connectAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_expireAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_reactivateAction = nullptr;
    QAction *m_deleteAction = nullptr;

    QSplitter *m_splitter = nullptr;
    QSplitter *m_detailsSplitter = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QLineEdit *m_textFilter = nullptr;
    QLabel *m_jobCount = nullptr;
    QTableView *m_table = nullptr;
    JobPreview *m_preview = nullptr;
    JobDetailsPanel *m_details = nullptr;
    QLabel *m_syncStatus = nullptr;
    QLabel *m_connectionStatus = nullptr;
    // No column widths were stored, so the first show sizes the columns to the window.
    bool m_defaultColumnWidthsPending = false;
};

} // namespace hopstep
