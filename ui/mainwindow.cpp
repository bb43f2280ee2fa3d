#include "mainwindow.h"

#include "auditlogpage.h"
#include "categoriespage.h"
#include "connectiondialog.h"
#include "consolesession.h"
#include "consolesettings.h"
#include "displaycheckspanel.h"
#include "displayvalidationbar.h"
#include "jobdetailspanel.h"
#include "jobfilterproxymodel.h"
#include "jobpreview.h"
#include "jobtablemodel.h"
#include "messageboxes.h"
#include "pagesupport.h"
#include "providerspage.h"
#include "publication.h"
#include "requestjournalpage.h"
#include "staffpage.h"
#include "statusdelegate.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QShowEvent>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

#include <memory>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QString problemStyle = u"color: #a61b1b;"_s;
const QString captionStyle = u"font-weight: 600; color: #13293d;"_s;

Confirmation statusConfirmation(JobStatus status, const QString &title)
{
    Confirmation confirmation;
    switch (status) {
    case JobStatus::Expired:
        confirmation.windowTitle = MainWindow::tr("Expire job");
        confirmation.question = MainWindow::tr("Expire “%1”?").arg(title);
        confirmation.consequence =
            MainWindow::tr("Its page will tell candidates that the closing date has passed. "
                           "You can reactivate it later.");
        confirmation.acceptText = MainWindow::tr("Expire");
        break;
    case JobStatus::Closed:
        confirmation.windowTitle = MainWindow::tr("Close job");
        confirmation.question = MainWindow::tr("Close “%1”?").arg(title);
        confirmation.consequence =
            MainWindow::tr("Its page will tell candidates that the employer has closed it. "
                           "You can reactivate it later.");
        confirmation.acceptText = MainWindow::tr("Close Job");
        break;
    case JobStatus::Active:
    case JobStatus::Pending:
        confirmation.windowTitle = MainWindow::tr("Reactivate job");
        confirmation.question = MainWindow::tr("Reactivate “%1”?").arg(title);
        confirmation.consequence =
            MainWindow::tr("Its status becomes Active and candidates can apply again.");
        confirmation.acceptText = MainWindow::tr("Reactivate");
        break;
    }
    return confirmation;
}

QString jobCountText(int count)
{
    return count == 1 ? MainWindow::tr("1 job") : MainWindow::tr("%1 jobs").arg(count);
}

} // namespace

MainWindow::MainWindow(ConsoleSession *session, ConsoleSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_settings(settings)
    , m_proxy(new JobFilterProxyModel(this))
{
    m_proxy->setSourceModel(session->jobs());

    createActions();
    createMenus();
    createToolBar();

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_detailsSplitter = new QSplitter(Qt::Horizontal, m_splitter);
    m_detailsSplitter->setObjectName(u"detailsSplitter"_s);
    m_detailsSplitter->setChildrenCollapsible(false);
    m_splitter->addWidget(createJobsPane());
    m_detailsSplitter->addWidget(createPreviewPane());
    m_detailsSplitter->addWidget(createDetailsPane());
    m_splitter->addWidget(m_detailsSplitter);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_detailsSplitter->setStretchFactor(0, 3);
    m_detailsSplitter->setStretchFactor(1, 2);
    createPages();

    createStatusBar();
    connectSession();
    restoreLayout();

    updateSelection();
    updateJobCount();
    updateConnectionStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_connectAction = new QAction(tr("&Connect…"), this);
    m_connectAction->setObjectName(u"connectAction"_s);
    m_connectAction->setStatusTip(tr("Choose the hopstep-api service and staff token"));
    m_connectAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_O);
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::openConnectionDialog);

    m_refreshAction = new QAction(tr("&Refresh"), this);
    m_refreshAction->setObjectName(u"refreshAction"_s);
    m_refreshAction->setToolTip(tr("Fetch every job and the page shown from the service now (F5)"));
    m_refreshAction->setShortcut(Qt::Key_F5);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshCurrentPage);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_findAction = new QAction(tr("&Filter Jobs"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_textFilter->setFocus(Qt::ShortcutFocusReason);
        m_textFilter->selectAll();
    });

    m_expireAction = new QAction(tr("&Expire"), this);
    m_expireAction->setObjectName(u"expireAction"_s);
    m_expireAction->setToolTip(tr("Expire the selected job: its closing date has passed (Ctrl+E)"));
    m_expireAction->setShortcut(Qt::CTRL | Qt::Key_E);
    connect(m_expireAction, &QAction::triggered, this,
            [this] { changeSelectedStatus(JobStatus::Expired); });

    m_closeAction = new QAction(tr("C&lose Job"), this);
    m_closeAction->setObjectName(u"closeAction"_s);
    m_closeAction->setToolTip(tr("Close the selected job at the employer's request "
                                 "(Ctrl+Shift+C)"));
    m_closeAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
    connect(m_closeAction, &QAction::triggered, this,
            [this] { changeSelectedStatus(JobStatus::Closed); });

    m_reactivateAction = new QAction(tr("Re&activate"), this);
    m_reactivateAction->setObjectName(u"reactivateAction"_s);
    m_reactivateAction->setToolTip(tr("Set the selected job to Active again (Ctrl+R)"));
    m_reactivateAction->setShortcut(Qt::CTRL | Qt::Key_R);
    connect(m_reactivateAction, &QAction::triggered, this,
            [this] { changeSelectedStatus(JobStatus::Active); });

    m_deleteAction = new QAction(tr("&Delete…"), this);
    m_deleteAction->setObjectName(u"deleteAction"_s);
    m_deleteAction->setToolTip(tr("Remove the selected job from hopstep (Delete)"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);

    m_openPublicPageAction = new QAction(tr("Open &Public Page"), this);
    m_openPublicPageAction->setObjectName(u"openPublicPageAction"_s);
    m_openPublicPageAction->setToolTip(
        tr("Open the selected job's page on hopstep in your browser (Ctrl+Shift+P)"));
    m_openPublicPageAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_P);
    connect(m_openPublicPageAction, &QAction::triggered, this, &MainWindow::openPublicPage);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_connectAction);
    file->addAction(m_refreshAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *job = menuBar()->addMenu(tr("&Job"));
    job->addAction(m_expireAction);
    job->addAction(m_closeAction);
    job->addAction(m_reactivateAction);
    job->addSeparator();
    job->addAction(m_deleteAction);
    job->addSeparator();
    job->addAction(m_openPublicPageAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_findAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About hopstep console"), this, [this] {
        QMessageBox::about(this, tr("About hopstep console"),
                           tr("hopstep console %1\n\nReview the jobs that ATSes post to hopstep, "
                              "and expire, close, reactivate or delete them.")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::createToolBar()
{
    QToolBar *toolBar = addToolBar(tr("Jobs"));
    toolBar->setObjectName(u"jobsToolBar"_s);
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addAction(m_refreshAction);
    toolBar->addSeparator();
    toolBar->addAction(m_expireAction);
    toolBar->addAction(m_closeAction);
    toolBar->addAction(m_reactivateAction);
    toolBar->addSeparator();
    toolBar->addAction(m_deleteAction);
    toolBar->addSeparator();
    toolBar->addAction(m_openPublicPageAction);
}

QWidget *MainWindow::createJobsPane()
{
    auto *pane = new QWidget(m_splitter);
    auto *statusLabel = new QLabel(tr("&Status:"), pane);
    m_statusFilter = new QComboBox(pane);
    m_textFilter = new QLineEdit(pane);
    m_jobCount = new QLabel(pane);
    m_table = new QTableView(pane);

    m_statusFilter->setObjectName(u"statusFilter"_s);
    m_statusFilter->addItem(tr("All"));
    for (JobStatus status :
         {JobStatus::Active, JobStatus::Pending, JobStatus::Expired, JobStatus::Closed}) {
        m_statusFilter->addItem(jobStatusLabel(status), int(status));
    }
    m_statusFilter->addItem(tr("Deleted"), JobTableModel::DeletedStatus);
    statusLabel->setBuddy(m_statusFilter);
    m_textFilter->setObjectName(u"textFilter"_s);
    m_textFilter->setClearButtonEnabled(true);
    m_textFilter->setPlaceholderText(tr("Filter by title, provider, facility, category or place"));
    m_textFilter->setMinimumWidth(360);
    m_jobCount->setObjectName(u"jobCountLabel"_s);
    m_jobCount->setStyleSheet(u"color: #41505c;"_s);

    m_table->setObjectName(u"jobsTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setSortingEnabled(true);
    m_table->setItemDelegateForColumn(JobTableModel::StatusColumn, new StatusDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_expireAction, m_closeAction, m_reactivateAction, m_deleteAction,
                         m_openPublicPageAction});

    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &MainWindow::applyStatusFilter);
    connect(m_textFilter, &QLineEdit::textChanged, m_proxy, &JobFilterProxyModel::setTextFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateSelection);

    auto *filters = new QHBoxLayout;
    filters->addWidget(statusLabel);
    filters->addWidget(m_statusFilter);
    filters->addSpacing(12);
    filters->addWidget(m_textFilter, 1);
    filters->addSpacing(12);
    filters->addWidget(m_jobCount);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(8, 6, 8, 0);
    layout->addLayout(filters);
    layout->addWidget(m_table);
    return pane;
}

QWidget *MainWindow::createPreviewPane()
{
    auto *pane = new QWidget(m_detailsSplitter);
    auto *caption = new QLabel(tr("Candidate preview"), pane);
    m_preview = new JobPreview(pane);

    caption->setStyleSheet(captionStyle);
    m_preview->setObjectName(u"jobPreview"_s);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(8, 6, 0, 0);
    layout->addWidget(caption);
    layout->addWidget(m_preview);
    // The onboarding review is the reviewer's step for a provider, not an action on the job,
    // so it sits in its own bar under the preview.
    m_validationBar = new DisplayValidationBar(m_session, pane);
    m_validationBar->setObjectName(u"onboardingReviewBar"_s);
    layout->addWidget(m_validationBar);
    return pane;
}

QWidget *MainWindow::createDetailsPane()
{
    // The display checks and the staff details of the job share the side of the preview, each
    // with the pane's full height: reviewers read the checks next to the preview, support staff
    // the details.
    auto *pane = new QTabWidget(m_detailsSplitter);
    pane->setObjectName(u"jobSideTabs"_s);
    pane->setDocumentMode(true);
    m_displayChecks = new DisplayChecksPanel(pane);
    m_displayChecks->setObjectName(u"displayChecks"_s);
    m_details = new JobDetailsPanel(pane);
    m_details->setObjectName(u"jobDetails"_s);
    pane->addTab(m_displayChecks, tr("Display checks"));
    pane->addTab(m_details, tr("Job details"));
    connect(m_displayChecks, &DisplayChecksPanel::checksChanged, pane,
            [pane, this](int failures, int) {
                const int tab = pane->indexOf(m_displayChecks);
                if (failures == 0)
                    pane->setTabText(tab, tr("Display checks"));
                else if (failures == 1)
                    pane->setTabText(tab, tr("Display checks (1 fails)"));
                else
                    pane->setTabText(tab, tr("Display checks (%1 fail)").arg(failures));
            });
    return pane;
}

void MainWindow::createStatusBar()
{
    m_syncStatus = new QLabel(this);
    m_connectionStatus = new QLabel(this);

    m_syncStatus->setObjectName(u"syncStatusLabel"_s);
    m_syncStatus->setTextFormat(Qt::PlainText);
    // A long error sentence is clipped instead of widening the window; the tooltip has it whole.
    m_syncStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_connectionStatus->setObjectName(u"connectionStatusLabel"_s);
    m_connectionStatus->setTextFormat(Qt::PlainText);

    statusBar()->addWidget(m_syncStatus, 1);
    statusBar()->addPermanentWidget(m_connectionStatus);
}

void MainWindow::createPages()
{
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(u"pages"_s);
    m_pages->setDocumentMode(true);
    m_providersPage = new ProvidersPage(m_session, m_settings, m_pages);
    m_categoriesPage = new CategoriesPage(m_session, m_settings, m_pages);
    m_auditLogPage = new AuditLogPage(m_session, m_settings, m_pages);
    m_requestJournalPage = new RequestJournalPage(m_session, m_settings, m_pages);
    m_staffPage = new StaffPage(m_session, m_settings, m_pages);
    m_providersPage->setObjectName(u"providersPage"_s);
    m_categoriesPage->setObjectName(u"categoriesPage"_s);
    m_auditLogPage->setObjectName(u"auditLogPage"_s);
    m_requestJournalPage->setObjectName(u"requestJournalPage"_s);
    m_staffPage->setObjectName(u"staffPage"_s);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_pages->addTab(m_splitter, tr("&Jobs"));
    m_pages->addTab(m_providersPage, tr("&Providers"));
    m_pages->addTab(m_categoriesPage, tr("Ca&tegories"));
    m_pages->addTab(m_auditLogPage, tr("A&udit Log"));
    m_pages->addTab(m_requestJournalPage, tr("&Requests"));
    m_pages->addTab(m_staffPage, tr("&Staff"));
    setCentralWidget(m_pages);

    // The Go menu goes before Help, which createMenus() added last.
    auto *go = new QMenu(tr("&Go"), this);
    menuBar()->insertMenu(menuBar()->actions().constLast(), go);
    for (int page = 0; page < m_pages->count(); ++page) {
        QAction *action = go->addAction(m_pages->tabText(page).remove(u'&'));
        action->setShortcut(
            QKeySequence(QKeyCombination(Qt::ControlModifier, Qt::Key(Qt::Key_1 + page))));
        connect(action, &QAction::triggered, this, [this, page] {
            if (m_pages->isTabVisible(page))
                m_pages->setCurrentIndex(page);
        });
    }

    const auto showMessage = [this](const QString &message) {
        statusBar()->showMessage(message, 10'000);
    };
    connect(m_providersPage, &ProvidersPage::statusMessage, this, showMessage);
    connect(m_categoriesPage, &CategoriesPage::statusMessage, this, showMessage);
    connect(m_auditLogPage, &AuditLogPage::statusMessage, this, showMessage);
    connect(m_requestJournalPage, &RequestJournalPage::statusMessage, this, showMessage);
    connect(m_staffPage, &StaffPage::statusMessage, this, showMessage);
    connect(m_validationBar, &DisplayValidationBar::statusMessage, this, showMessage);
    connect(m_providersPage, &ProvidersPage::showJobRequested, this, &MainWindow::showJob);
    connect(m_validationBar, &DisplayValidationBar::providerRequested, this,
            [this](const QString &providerId) {
                m_pages->setCurrentWidget(m_providersPage);
                m_providersPage->selectProvider(providerId);
            });
    connect(m_validationBar, &DisplayValidationBar::displayValidated, this,
            [this](const QString &providerId) {
                if (m_providersPage->selectedProviderId() == providerId)
                    m_providersPage->refresh();
            });
    connect(m_pages, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(m_pages, &QTabWidget::currentChanged, this, [this] {
        if (m_session->state() == ConsoleSession::State::Connected &&
            m_pages->currentWidget() != m_splitter) {
            refreshCurrentPage();
        }
    });
    connect(m_session, &ConsoleSession::stateChanged, this, &MainWindow::updatePagesForRole);
    updatePagesForRole();
}

void MainWindow::updatePagesForRole()
{
    // Staff accounts are for admins only. Every other page is readable by every staff member,
    // and its actions name the role they need.
    const bool admin = m_session->may(StaffRole::Admin);
    const int staffTab = m_pages->indexOf(m_staffPage);
    if (!admin && m_pages->currentIndex() == staffTab)
        m_pages->setCurrentIndex(0);
    m_pages->setTabVisible(staffTab, admin);
    updateActions();
}

void MainWindow::refreshCurrentPage()
{
    m_session->refresh();
    QWidget *page = m_pages->currentWidget();
    if (page == m_providersPage)
        m_providersPage->refresh();
    else if (page == m_categoriesPage)
        m_categoriesPage->refresh();
    else if (page == m_auditLogPage)
        m_auditLogPage->refresh();
    else if (page == m_requestJournalPage)
        m_requestJournalPage->refresh();
    else if (page == m_staffPage)
        m_staffPage->refresh();
}

bool MainWindow::showJob(const QString &jobId)
{
    m_pages->setCurrentIndex(m_pages->indexOf(m_splitter));
    if (selectJob(jobId))
        return true;
    m_statusFilter->setCurrentIndex(0);
    m_textFilter->clear();
    return selectJob(jobId);
}

void MainWindow::connectSession()
{
    JobTableModel *jobs = m_session->jobs();
    connect(jobs, &QAbstractItemModel::dataChanged, this, &MainWindow::handleSourceDataChanged);
    const auto updateRows = [this] {
        updateSelection();
        updateJobCount();
    };
    connect(jobs, &QAbstractItemModel::rowsInserted, this, updateRows);
    connect(jobs, &QAbstractItemModel::rowsRemoved, this, updateRows);
    connect(jobs, &QAbstractItemModel::modelReset, this, updateRows);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateJobCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateJobCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateJobCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateJobCount);

    connect(m_session, &ConsoleSession::stateChanged, this, &MainWindow::updateConnectionStatus);
    connect(m_session, &ConsoleSession::refreshed, this, &MainWindow::showRefreshed);
    // Facilities and categories change rarely, so they are listed again with each refresh.
    connect(m_session, &ConsoleSession::refreshed, this, &MainWindow::fetchDisplayReference);
    connect(m_session, &ConsoleSession::stateChanged, this, [this](ConsoleSession::State state) {
        if (state == ConsoleSession::State::Connecting ||
            state == ConsoleSession::State::StartingLocalServer) {
            m_displayReferenceLoaded = false;
            m_facilities.clear();
            m_officialCategories.clear();
        }
        updateActions();
    });
    connect(m_session, &ConsoleSession::refreshFailed, this, &MainWindow::showSyncProblem);
    connect(m_session, &ConsoleSession::connectionFailed, this, &MainWindow::showSyncProblem);
    connect(m_session, &ConsoleSession::jobChanged, this, &MainWindow::showJobChanged);
    connect(m_session, &ConsoleSession::actionFailed, this, &MainWindow::showActionFailed);
    connect(m_session, &ConsoleSession::pendingActionsChanged, this, &MainWindow::updateActions);
}

void MainWindow::restoreLayout()
{
    if (!restoreGeometry(m_settings->windowGeometry())) {
        QSize size(1600, 960);
        if (const QScreen *screen = QApplication::primaryScreen())
            size = size.boundedTo(screen->availableGeometry().size() * 0.9);
        resize(size);
    }
    restoreState(m_settings->windowState());
    if (!m_splitter->restoreState(m_settings->splitterState()))
        m_splitter->setSizes({height() * 45 / 100, height() * 55 / 100});
    if (!m_detailsSplitter->restoreState(m_settings->detailsSplitterState()))
        m_detailsSplitter->setSizes({width() * 62 / 100, width() * 38 / 100});

    QHeaderView *header = m_table->horizontalHeader();
    if (!header->restoreState(m_settings->jobsHeaderState())) {
        m_defaultColumnWidthsPending = true;
        applyDefaultColumnWidths();
        header->setSortIndicator(JobTableModel::ReceivedColumn, Qt::DescendingOrder);
    }
    m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    if (QWidget *page = m_pages->findChild<QWidget *>(m_settings->currentPage()))
        m_pages->setCurrentWidget(page);
}

void MainWindow::applyDefaultColumnWidths()
{
    // Each column fits a typical value in the current font plus the cell padding. The title takes
    // what the window has left, so that every column fits without scrolling where it can.
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto widthOf = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 20;
    };
    const QList<std::pair<int, int>> widths = {
        {JobTableModel::StatusColumn, widthOf(u"Deleted"_s) + 24},
        {JobTableModel::ProviderColumn, widthOf(u"Evergreen Residential Care"_s)},
        {JobTableModel::FacilityColumn, widthOf(u"Evergreen Richmond"_s)},
        {JobTableModel::CategoryColumn, widthOf(u"Personal Care Worker"_s)},
        {JobTableModel::WorkTypesColumn, widthOf(u"Casual, Part time"_s)},
        {JobTableModel::PayColumn, widthOf(u"$62,000 – $68,000 per year"_s)},
        {JobTableModel::LocationColumn, widthOf(u"Parramatta NSW 2150"_s)},
        {JobTableModel::ReceivedColumn, widthOf(u"2026-12-04 13:41"_s) + 8},
        {JobTableModel::UpdatedColumn, widthOf(u"2026-12-04 13:41"_s) + 8},
    };
    int used = 0;
    for (const auto &[column, width] : widths) {
        m_table->setColumnWidth(column, width);
        used += width;
    }
    // The window's width less the pane margins, the table frame and a vertical scroll bar.
    const int available = width() - 40;
    const int minimumTitle = widthOf(u"Registered Nurse – Night Shift"_s);
    m_table->setColumnWidth(JobTableModel::TitleColumn, qMax(minimumTitle, available - used));
}

void MainWindow::saveLayout()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setSplitterState(m_splitter->saveState());
    m_settings->setDetailsSplitterState(m_detailsSplitter->saveState());
    m_settings->setJobsHeaderState(m_table->horizontalHeader()->saveState());
    m_providersPage->saveLayout();
    m_categoriesPage->saveLayout();
    m_auditLogPage->saveLayout();
    m_requestJournalPage->saveLayout();
    m_staffPage->saveLayout();
    m_settings->setCurrentPage(m_pages->currentWidget()->objectName());
    m_settings->sync();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // The title column takes the width that is left, known once the window has its final size.
    if (std::exchange(m_defaultColumnWidthsPending, false))
        applyDefaultColumnWidths();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

QString MainWindow::selectedJobId() const
{
    const Job *job = selectedJob();
    return job ? job->id : QString();
}

bool MainWindow::selectJob(const QString &jobId)
{
    const int sourceRow = m_session->jobs()->rowOfJob(jobId);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_session->jobs()->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

const Job *MainWindow::selectedJob() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return m_session->jobs()->jobAt(m_proxy->mapToSource(rows.first()).row());
}

void MainWindow::handleSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    const Job *job = selectedJob();
    if (!job)
        return;
    const int row = m_session->jobs()->rowOfJob(job->id);
    if (row >= topLeft.row() && row <= bottomRight.row())
        updateSelection();
}

void MainWindow::updateSelection()
{
    updatePreview();
    updateActions();
}

void MainWindow::updateActions()
{
    // The job actions act on the Jobs page's selection, so other pages leave them disabled.
    const bool jobsPage = !m_pages || m_pages->currentWidget() == m_splitter;
    const Job *job = jobsPage ? selectedJob() : nullptr;
    // A tombstone offers no actions, and a job waits for one action at a time.
    const bool actionable = job && !job->isDeleted() && !m_session->isActionPending(job->id);
    // A job held until its provider goes live stays Pending whatever support staff set.
    const bool held = job && job->content.heldUntilLive;
    const JobStatus status = job ? job->content.status : JobStatus::Active;
    // Before the first connection the role is unknown, and the service checks it anyway.
    const bool support = m_session->state() != ConsoleSession::State::Connected ||
                         m_session->may(StaffRole::Support);
    allowFor(m_expireAction, actionable && status != JobStatus::Expired, support,
             StaffRole::Support,
             tr("Expire the selected job: its closing date has passed (Ctrl+E)"));
    allowFor(m_closeAction, actionable && status != JobStatus::Closed, support, StaffRole::Support,
             tr("Close the selected job at the employer's request (Ctrl+Shift+C)"));
    allowFor(m_reactivateAction, actionable && status != JobStatus::Active && !held, support,
             StaffRole::Support,
             held ? tr("The job is held as Pending until %1 goes live; going live publishes it.")
                        .arg(job->providerName)
                  : tr("Set the selected job to Active again (Ctrl+R)"));
    allowFor(m_deleteAction, actionable, support, StaffRole::Support,
             tr("Remove the selected job from hopstep (Delete)"));

    const bool connected = m_session->state() == ConsoleSession::State::Connected;
    const bool page = connected && job && hasPublicPage(*job);
    m_openPublicPageAction->setEnabled(page);
    QString pageTip = tr("Open the selected job's page on hopstep in your browser "
                         "(Ctrl+Shift+P)");
    if (job && connected && !page)
        pageTip = tr("Candidates have no page for this job: %1").arg(publicationOf(*job).reason);
    m_openPublicPageAction->setToolTip(pageTip);
    m_openPublicPageAction->setStatusTip(pageTip);
}

void MainWindow::updatePreview()
{
    const Job *job = selectedJob();
    m_details->showJob(job);
    m_validationBar->showJob(job);
    updateDisplayChecks();
    if (job) {
        m_preview->showJob(*job);
        return;
    }
    if (m_session->jobs()->rowCount() == 0)
        m_preview->showPlaceholder(tr("No jobs to show yet."));
    else
        m_preview->showPlaceholder(tr("Select a job to preview it as candidates will see it."));
}

void MainWindow::updateDisplayChecks()
{
    const Job *job = selectedJob();
    if (!job) {
        m_displayChecks->clear();
        m_validationBar->setDisplayChecks(std::nullopt);
        return;
    }
    // A facility created since the last listing is listed again, once, before the checks call
    // it unknown.
    const QString facilityId = job->content.facilityId;
    if (!m_displayReferenceLoaded ||
        (!m_facilities.contains(facilityId) && m_relistedForFacility != facilityId)) {
        m_displayChecks->showLoading();
        m_validationBar->setDisplayChecks(std::nullopt);
        if (m_displayReferenceLoaded)
            m_relistedForFacility = facilityId;
        fetchDisplayReference();
        return;
    }
    const auto facility = m_facilities.constFind(facilityId);
    m_displayChecks->showJob(
        *job, facility == m_facilities.cend() ? std::nullopt : std::optional<Facility>(*facility),
        m_officialCategories);
    m_validationBar->setDisplayChecks(m_displayChecks->failureCount());
}

void MainWindow::fetchDisplayReference()
{
    if (m_displayReferencePending || m_session->state() != ConsoleSession::State::Connected)
        return;
    m_displayReferencePending = true;
    // Both lists are replaced together, so the checks never mix two listings.
    auto facilities = std::make_shared<std::optional<QHash<QString, Facility>>>();
    auto categories = std::make_shared<std::optional<QList<Category>>>();
    const auto finish = [this, facilities, categories] {
        if (!*facilities || !*categories)
            return;
        m_displayReferencePending = false;
        m_displayReferenceLoaded = true;
        m_facilities = **facilities;
        m_officialCategories = **categories;
        updateDisplayChecks();
    };
    const auto failed = [this](const ApiFailure &failure) {
        m_displayReferencePending = false;
        statusBar()->showMessage(
            tr("The display checks could not load the facilities and categories: %1")
                .arg(failure.message),
            10'000);
    };
    m_session->client()->call(
        "GET", ApiClient::adminPath(u"facilities"_s), {}, std::nullopt, this,
        [facilities, finish](const QJsonObject &answer) {
            QHash<QString, Facility> byId;
            const QJsonArray items = answer.value(u"items"_s).toArray();
            for (const QJsonValue &item : items) {
                const Facility facility = facilityFromJson(item.toObject());
                byId.insert(facility.id, facility);
            }
            *facilities = byId;
            finish();
        },
        failed);
    m_session->client()->call(
        "GET", ApiClient::adminPath(u"categories"_s), {}, std::nullopt, this,
        [categories, finish](const QJsonObject &answer) {
            QList<Category> list;
            const QJsonArray items = answer.value(u"items"_s).toArray();
            for (const QJsonValue &item : items)
                list.append(categoryFromJson(item.toObject()));
            *categories = list;
            finish();
        },
        failed);
}

QUrl MainWindow::publicPageUrl(const Job &job) const
{
    QUrl url = m_session->client()->baseUrl();
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/jobs/"_s + job.id);
    url.setUserInfo({});
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void MainWindow::openPublicPage()
{
    const Job *job = selectedJob();
    if (!job || !hasPublicPage(*job))
        return;
    const QUrl url = publicPageUrl(*job);
    if (!QDesktopServices::openUrl(url)) {
        openWarning(this, tr("Could not open the public page"),
                    tr("No browser opened %1. Copy the address into a browser instead.")
                        .arg(url.toString()));
        return;
    }
    statusBar()->showMessage(tr("Opened %1 in your browser.").arg(url.toString()), 8000);
}

void MainWindow::updateJobCount()
{
    const int visible = m_proxy->rowCount();
    const int total = m_session->jobs()->rowCount();
    m_jobCount->setText(visible == total ? jobCountText(total)
                                         : tr("%1 of %2").arg(visible).arg(jobCountText(total)));
}

void MainWindow::applyStatusFilter()
{
    const QVariant status = m_statusFilter->currentData();
    m_proxy->setStatusFilter(status.isValid() ? std::optional<int>(status.toInt()) : std::nullopt);
}

void MainWindow::updateConnectionStatus()
{
    const QString url = m_session->serviceDisplayUrl();
    QString text;
    switch (m_session->state()) {
    case ConsoleSession::State::Disconnected:
        text = tr("Not connected");
        break;
    case ConsoleSession::State::StartingLocalServer:
        text = tr("Starting a local hopstep-api…");
        break;
    case ConsoleSession::State::Connecting:
        text = tr("Connecting to %1…").arg(url);
        break;
    case ConsoleSession::State::Connected:
        text = m_session->isLocal()
                   ? tr("Connected to %1 (local) as %2").arg(url, m_session->staff().name)
                   : tr("Connected to %1 as %2").arg(url, m_session->staff().name);
        break;
    case ConsoleSession::State::Offline:
        text = m_session->isLocal() && url.isEmpty() ? tr("Local hopstep-api not running")
                                                     : tr("Not connected to %1").arg(url);
        break;
    }
    const bool offline = m_session->state() == ConsoleSession::State::Offline;
    m_connectionStatus->setText(text);
    m_connectionStatus->setToolTip(offline ? m_session->lastError() : QString());
    m_connectionStatus->setStyleSheet(offline ? problemStyle : QString());
}

void MainWindow::showRefreshed(const QDateTime &time, int jobCount)
{
    const QString text =
        tr("Updated %1 · %2").arg(time.time().toString(u"HH:mm:ss"_s), jobCountText(jobCount));
    m_syncStatus->setText(text);
    m_syncStatus->setToolTip(text);
    m_syncStatus->setStyleSheet({});
}

void MainWindow::showSyncProblem(const QString &message)
{
    QString text = message;
    const QDateTime last = m_session->lastRefresh();
    if (last.isValid())
        text += u' ' + tr("Showing jobs as of %1.").arg(last.time().toString(u"HH:mm:ss"_s));
    m_syncStatus->setText(text);
    m_syncStatus->setToolTip(text);
    m_syncStatus->setStyleSheet(problemStyle);
    updateConnectionStatus();
}

void MainWindow::showJobChanged(const Job &job)
{
    const QString text =
        job.isDeleted()
            ? tr("Deleted “%1”. It stays listed as Deleted.").arg(job.content.title)
            : tr("“%1” is now %2.").arg(job.content.title, jobStatusLabel(job.content.status));
    statusBar()->showMessage(text, 8000);
}

void MainWindow::showActionFailed(const QString &jobId, const QString &message)
{
    const Job *job = m_session->jobs()->jobById(jobId);
    const QString title =
        job ? tr("Could not change “%1”").arg(job->content.title) : tr("Could not change the job");
    openWarning(this, title, message);
}

void MainWindow::changeSelectedStatus(JobStatus status)
{
    const Job *job = selectedJob();
    if (!job || job->isDeleted())
        return;

    // The dialog runs an event loop in which a refresh may replace the job, so keep copies.
    const QString jobId = job->id;
    const QString title = job->content.title;
    if (!askToConfirm(this, statusConfirmation(status, title)))
        return;
    m_session->setJobStatus(jobId, status);
}

void MainWindow::deleteSelected()
{
    const Job *job = selectedJob();
    if (!job || job->isDeleted())
        return;

    const QString jobId = job->id;
    Confirmation confirmation;
    confirmation.windowTitle = tr("Delete job");
    confirmation.question = tr("Delete “%1”?").arg(job->content.title);
    confirmation.consequence =
        tr("hopstep removes it for candidates and for the ATS. Staff still see it here as "
           "Deleted, and it cannot be restored.");
    confirmation.acceptText = tr("Delete");
    confirmation.icon = QMessageBox::Warning;
    confirmation.cancelByDefault = true;
    if (!askToConfirm(this, confirmation))
        return;
    m_session->deleteJob(jobId);
}

void MainWindow::openConnectionDialog()
{
    ConnectionDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_session->connectToService();
}

} // namespace hopstep
