#pragma once

#include "catalog.h"
#include "job.h"

#include <QHash>
#include <QList>

#include <QMainWindow>
#include <QString>
#include <QUrl>

class QAction;
class QComboBox;
class QDateTime;
class QLabel;
class QLineEdit;
class QSplitter;
class QTabWidget;
class QTableView;

namespace hopstep {

class ConsoleSession;
class ConsoleSettings;
class AuditLogPage;
class RequestJournalPage;
class CategoriesPage;
class DisplayChecksPanel;
class DisplayValidationBar;
class JobDetailsPanel;
class JobFilterProxyModel;
class JobPreview;
class ProvidersPage;
class StaffPage;

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

    // The pages besides the jobs, for the tests and the screenshot tool.
    QTabWidget *pages() const { return m_pages; }
    ProvidersPage *providersPage() const { return m_providersPage; }
    CategoriesPage *categoriesPage() const { return m_categoriesPage; }
    AuditLogPage *auditLogPage() const { return m_auditLogPage; }
    RequestJournalPage *requestJournalPage() const { return m_requestJournalPage; }
    StaffPage *staffPage() const { return m_staffPage; }
    DisplayValidationBar *validationBar() const { return m_validationBar; }
    DisplayChecksPanel *displayChecks() const { return m_displayChecks; }
    // The candidate page of the job on the connected service, e.g.
    // "http://127.0.0.1:8080/jobs/ID".
    QUrl publicPageUrl(const Job &job) const;
    // Shows the jobs page with the job selected, clearing filters that hide it.
    bool showJob(const QString &jobId);

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
    void createPages();
    void updatePagesForRole();
    void refreshCurrentPage();
    void connectSession();
    void restoreLayout();
    void applyDefaultColumnWidths();

    const Job *selectedJob() const;
    void handleSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void updateSelection();
    void updateActions();
    void updatePreview();
    void updateDisplayChecks();
    // Fetches the facilities and the category list that the display checks compare a job with.
    void fetchDisplayReference();
    void updateJobCount();
    void updateConnectionStatus();
    void applyStatusFilter();
    void showRefreshed(const QDateTime &time, int jobCount);
    void showSyncProblem(const QString &message);
    void showJobChanged(const Job &job);
    void showActionFailed(const QString &jobId, const QString &message);

    void changeSelectedStatus(JobStatus status);
    void deleteSelected();
    void openPublicPage();
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
    QAction *m_openPublicPageAction = nullptr;

    QSplitter *m_splitter = nullptr;
    QSplitter *m_detailsSplitter = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QLineEdit *m_textFilter = nullptr;
    QLabel *m_jobCount = nullptr;
    QTableView *m_table = nullptr;
    JobPreview *m_preview = nullptr;
    JobDetailsPanel *m_details = nullptr;
    QTabWidget *m_pages = nullptr;
    ProvidersPage *m_providersPage = nullptr;
    CategoriesPage *m_categoriesPage = nullptr;
    AuditLogPage *m_auditLogPage = nullptr;
    RequestJournalPage *m_requestJournalPage = nullptr;
    StaffPage *m_staffPage = nullptr;
    DisplayValidationBar *m_validationBar = nullptr;
    DisplayChecksPanel *m_displayChecks = nullptr;
    // The facilities and categories that the display checks compare a job with, as the
    // service last listed them.
    QHash<QString, Facility> m_facilities;
    QList<Category> m_officialCategories;
    bool m_displayReferenceLoaded = false;
    bool m_displayReferencePending = false;
    QString m_relistedForFacility;
    QLabel *m_syncStatus = nullptr;
    QLabel *m_connectionStatus = nullptr;
    // No column widths were stored, so the first show sizes the columns to the window.
    bool m_defaultColumnWidthsPending = false;
};

} // namespace hopstep
