#include "categoriespage.h"
#include "ui_categoriespage.h"

#include "categorytablemodel.h"
#include "consolesession.h"
#include "consolesettings.h"
#include "logcategories.h"
#include "messageboxes.h"
#include "onboardingdialogs.h"
#include "pagesupport.h"

#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QShortcut>
#include <QStandardPaths>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

CategoriesPage::CategoriesPage(ConsoleSession *session, ConsoleSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::CategoriesPage>())
    , m_session(session)
    , m_settings(settings)
    , m_categories(new CategoryTableModel(this))
    , m_proxy(new RecordFilterProxyModel(this))
    , m_aliasJobs(new AliasJobTableModel(this))
    , m_aliasProxy(new RecordFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_categories);
    m_aliasProxy->setSourceModel(m_aliasJobs);
    m_ui->categoriesTable->setModel(m_proxy);
    m_ui->aliasJobsTable->setModel(m_aliasProxy);
    setUpRecordTable(m_ui->categoriesTable);
    setUpRecordTable(m_ui->aliasJobsTable);
    const auto notify = [this](const QString &message) {
        emit statusMessage(message);
    };
    addCopyIdAction(m_ui->categoriesTable, tr("category id"), notify);
    addCopyIdAction(m_ui->aliasJobsTable, tr("job ID"), notify);
    makeCaption(m_ui->aliasCaption);
    showHint(m_ui->aliasHint, QString());
    showHint(m_ui->summaryLabel, QString());
    m_ui->summaryLabel->setVisible(true);

    if (!m_ui->categoriesSplitter->restoreState(m_settings->layoutState(u"categories/splitter"_s)))
        m_ui->categoriesSplitter->setSizes({560, 300});
    restoreHeader(m_ui->categoriesTable->horizontalHeader(), m_settings, u"categories/header"_s,
                  {4, 5, 30, 36, 14, 9});
    restoreHeader(m_ui->aliasJobsTable->horizontalHeader(), m_settings, u"categories/aliasHeader"_s,
                  {30, 28, 24, 30, 17, 38});
    showIdsInFull(m_ui->aliasJobsTable->horizontalHeader(), {AliasJobTableModel::JobIdColumn});
    m_ui->categoriesTable->sortByColumn(CategoryTableModel::PositionColumn, Qt::AscendingOrder);
    m_ui->aliasJobsTable->sortByColumn(AliasJobTableModel::UpdatedColumn, Qt::DescendingOrder);

    connect(m_ui->filterEdit, &QLineEdit::textChanged, m_proxy,
            &RecordFilterProxyModel::setTextFilter);
    connect(m_ui->categoriesTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] {
                updateActions();
                refreshAliasJobs();
            });
    connect(m_ui->categoriesTable, &QTableView::activated, this, &CategoriesPage::renameCategory);
    connect(m_ui->addButton, &QPushButton::clicked, this, &CategoriesPage::addCategory);
    connect(m_ui->renameButton, &QPushButton::clicked, this, &CategoriesPage::renameCategory);
    connect(m_ui->retireButton, &QPushButton::clicked, this, &CategoriesPage::retireCategory);
    connect(m_ui->restoreButton, &QPushButton::clicked, this, &CategoriesPage::restoreCategory);
    connect(m_ui->upButton, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_ui->downButton, &QPushButton::clicked, this, [this] { move(1); });
    connect(m_ui->exportCsvButton, &QPushButton::clicked, this,
            [this] { chooseExport(ExportFormat::Csv); });
    connect(m_ui->exportJsonButton, &QPushButton::clicked, this,
            [this] { chooseExport(ExportFormat::Json); });
    auto *up = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up), m_ui->categoriesTable);
    connect(up, &QShortcut::activated, this, [this] { move(-1); });
    auto *down = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down), m_ui->categoriesTable);
    connect(down, &QShortcut::activated, this, [this] { move(1); });
    connect(m_session, &ConsoleSession::stateChanged, this, [this] {
        updateActions();
        if (m_session->state() == ConsoleSession::State::Connected)
            refresh();
    });
    updateActions();
}

CategoriesPage::~CategoriesPage() = default;

void CategoriesPage::saveLayout()
{
    m_settings->setLayoutState(u"categories/splitter"_s, m_ui->categoriesSplitter->saveState());
    m_settings->setLayoutState(u"categories/header"_s,
                               m_ui->categoriesTable->horizontalHeader()->saveState());
    m_settings->setLayoutState(u"categories/aliasHeader"_s,
                               m_ui->aliasJobsTable->horizontalHeader()->saveState());
}

void CategoriesPage::refresh()
{
    m_session->client()->call(
        "GET", ApiClient::adminPath(u"categories"_s), {}, std::nullopt, this,
        [this](const QJsonObject &answer) {
            m_categories->setFromJson(answer);
            int active = 0;
            int liveJobs = 0;
            for (const CategoryUsage &usage : m_categories->records()) {
                active += usage.category.isRetired() ? 0 : 1;
                liveJobs += usage.liveJobs;
            }
            m_ui->summaryLabel->setText(
                tr("%1 active and %2 retired categories · %n live job(s)", nullptr, liveJobs)
                    .arg(active)
                    .arg(m_categories->rowCount() - active));
            updateActions();
            refreshAliasJobs();
        },
        [this](const ApiFailure &failure) { emit statusMessage(failure.message); });
}

void CategoriesPage::refreshAliasJobs()
{
    const int id = selectedCategoryId();
    QUrlQuery query;
    if (id > 0)
        query.addQueryItem(u"categoryId"_s, QString::number(id));
    m_session->client()->call(
        "GET", ApiClient::adminPath(u"categories"_s, {}, u"alias-jobs"_s), query, std::nullopt,
        this,
        [this, id](const QJsonObject &answer) {
            QList<AliasJob> jobs;
            const QJsonArray items = answer.value(u"items"_s).toArray();
            for (const QJsonValue &item : items)
                jobs.append(aliasJobFromJson(item.toObject()));
            m_aliasJobs->setRecords(jobs);
            const Category *category = selectedCategory();
            QString hint;
            if (jobs.isEmpty()) {
                hint = category
                           ? tr("No job of “%1” arrived with a former name.").arg(category->name)
                           : tr("No job arrived with a former name.");
            } else {
                hint = tr("These ATSes still send a former name: the jobs were stored under the "
                          "current name, and each answer told the ATS to update its mapping.");
            }
            Q_UNUSED(id);
            showHint(m_ui->aliasHint, hint);
        },
        [this](const ApiFailure &failure) { emit statusMessage(failure.message); });
}

const Category *CategoriesPage::selectedCategory() const
{
    const QModelIndexList rows = m_ui->categoriesTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    const CategoryUsage *usage =
        m_categories->recordByKey(rows.first().data(RecordIdRole).toString());
    return usage ? &usage->category : nullptr;
}

int CategoriesPage::selectedCategoryId() const
{
    const Category *category = selectedCategory();
    return category ? category->id : 0;
}

bool CategoriesPage::selectCategory(int id)
{
    const int row = m_categories->rowOf(QString::number(id));
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_categories->index(row, 0));
    if (!index.isValid()) {
        m_ui->filterEdit->clear();
        index = m_proxy->mapFromSource(m_categories->index(row, 0));
    }
    m_ui->categoriesTable->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_ui->categoriesTable->scrollTo(index);
    return true;
}

void CategoriesPage::updateActions()
{
    const bool integrations = m_session->may(StaffRole::Integrations);
    const Category *category = selectedCategory();
    const bool selected = category && !m_busy;
    const bool active = selected && !category->isRetired();
    const bool sortedByPosition =
        m_ui->categoriesTable->horizontalHeader()->sortIndicatorSection() ==
            CategoryTableModel::PositionColumn &&
        m_ui->filterEdit->text().isEmpty();
    int activeCount = 0;
    for (const CategoryUsage &usage : m_categories->records())
        activeCount += usage.category.isRetired() ? 0 : 1;

    allowFor(m_ui->addButton, m_session->state() == ConsoleSession::State::Connected && !m_busy,
             integrations, StaffRole::Integrations, tr("Add a category at the end of the list"));
    allowFor(m_ui->renameButton, selected, integrations, StaffRole::Integrations,
             tr("Rename the category; the old name stays as an alias"));
    allowFor(m_ui->retireButton, active, integrations, StaffRole::Integrations,
             tr("Reject new jobs with the category and suggest another"));
    allowFor(m_ui->restoreButton, selected && category->isRetired(), integrations,
             StaffRole::Integrations, tr("Make the retired category current again"));
    allowFor(m_ui->upButton, active && sortedByPosition && category->position > 1, integrations,
             StaffRole::Integrations, tr("Move the category up the list (Ctrl+Up)"));
    allowFor(m_ui->downButton, active && sortedByPosition && category->position < activeCount,
             integrations, StaffRole::Integrations,
             tr("Move the category down the list (Ctrl+Down)"));
    m_ui->exportCsvButton->setEnabled(m_categories->rowCount() > 0);
    m_ui->exportJsonButton->setEnabled(m_categories->rowCount() > 0);
}

void CategoriesPage::sendChange(const QByteArray &method, const QString &path,
                                const QJsonObject &body, const QString &failureTitle,
                                const QString &doneMessage, int selectId)
{
    m_busy = true;
    updateActions();
    m_session->client()->call(
        method, path, {}, body, this,
        [this, doneMessage, selectId](const QJsonObject &answer) {
            m_busy = false;
            if (answer.contains(u"items"_s))
                m_categories->setFromJson(answer);
            emit statusMessage(doneMessage);
            refresh();
            if (selectId > 0)
                selectCategory(selectId);
        },
        [this, failureTitle](const ApiFailure &failure) {
            m_busy = false;
            updateActions();
            qCWarning(lcConsole).noquote() << failureTitle << "failed:" << failure.message;
            openWarning(this, failureTitle, failure.message);
        });
}

void CategoriesPage::addCategory()
{
    CategoryDialog dialog(m_categories->categories(), std::nullopt, this);
    int createdId = 0;
    dialog.setSubmitHandler([&](const QJsonObject &body) {
        m_session->client()->call(
            "POST", ApiClient::adminPath(u"categories"_s), {}, body, &dialog,
            [&](const QJsonObject &answer) {
                createdId = answer.value(u"id"_s).toInt();
                dialog.succeed();
            },
            [&](const ApiFailure &failure) { dialog.fail(failure.message); });
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    emit statusMessage(tr("Added category %1.").arg(createdId));
    m_session->client()->call(
        "GET", ApiClient::adminPath(u"categories"_s), {}, std::nullopt, this,
        [this, createdId](const QJsonObject &answer) {
            m_categories->setFromJson(answer);
            selectCategory(createdId);
            updateActions();
        },
        [this](const ApiFailure &failure) { emit statusMessage(failure.message); });
}

void CategoriesPage::renameCategory()
{
    const Category *selected = selectedCategory();
    if (!selected || !m_session->may(StaffRole::Integrations))
        return;
    const Category category = *selected;
    CategoryDialog dialog(m_categories->categories(), category, this);
    dialog.setSubmitHandler([&](const QJsonObject &body) {
        m_session->client()->call(
            "PATCH", ApiClient::adminPath(u"categories"_s, QString::number(category.id)), {}, body,
            &dialog, [&](const QJsonObject &) { dialog.succeed(); },
            [&](const ApiFailure &failure) { dialog.fail(failure.message); });
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    emit statusMessage(tr("Renamed category %1; “%2” stays as a former name.")
                           .arg(category.id)
                           .arg(category.name));
    refresh();
}

void CategoriesPage::retireCategory()
{
    const Category *selected = selectedCategory();
    if (!selected)
        return;
    const Category category = *selected;
    const CategoryUsage *usage = m_categories->recordByKey(QString::number(category.id));
    RetireCategoryDialog dialog(m_categories->categories(), category, usage ? usage->liveJobs : 0,
                                this);
    dialog.setSubmitHandler([&](const QJsonObject &body) {
        m_session->client()->call(
            "POST",
            ApiClient::adminPath(u"categories"_s, QString::number(category.id), u"retire"_s), {},
            body, &dialog, [&](const QJsonObject &) { dialog.succeed(); },
            [&](const ApiFailure &failure) { dialog.fail(failure.message); });
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    emit statusMessage(tr("Retired “%1”; new jobs with it are rejected.").arg(category.name));
    refresh();
}

void CategoriesPage::restoreCategory()
{
    const Category *selected = selectedCategory();
    if (!selected)
        return;
    const Category category = *selected;
    Confirmation confirmation;
    confirmation.windowTitle = tr("Restore category");
    confirmation.question = tr("Restore “%1”?").arg(category.name);
    confirmation.consequence =
        tr("It goes back to the end of the list and new jobs may use it again.");
    confirmation.acceptText = tr("Restore");
    if (!askToConfirm(this, confirmation))
        return;
    sendChange("POST",
               ApiClient::adminPath(u"categories"_s, QString::number(category.id), u"restore"_s),
               {}, tr("Could not restore “%1”").arg(category.name),
               tr("Restored “%1”.").arg(category.name), category.id);
}

void CategoriesPage::move(int offset)
{
    const Category *selected = selectedCategory();
    if (!selected || selected->isRetired() || m_busy || !m_session->may(StaffRole::Integrations))
        return;
    QList<Category> active;
    for (const Category &category : inPublishedOrder(m_categories->categories())) {
        if (!category.isRetired())
            active.append(category);
    }
    qsizetype from = -1;
    for (qsizetype i = 0; i < active.size(); ++i) {
        if (active.at(i).id == selected->id)
            from = i;
    }
    const qsizetype to = from + offset;
    if (from < 0 || to < 0 || to >= active.size())
        return;
    active.move(from, to);
    QJsonArray ids;
    for (const Category &category : std::as_const(active))
        ids.append(category.id);
    const int id = selected->id;
    const QString name = selected->name;
    sendChange("PUT", ApiClient::adminPath(u"categories"_s, {}, u"order"_s), {{u"ids"_s, ids}},
               tr("Could not reorder the categories"),
               tr("Moved “%1” to position %2.").arg(name).arg(to + 1), id);
}

bool CategoriesPage::exportCategories(ExportFormat format, const QString &path, QString *error)
{
    const QByteArray contents =
        format == ExportFormat::Csv
            ? categoriesToCsv(m_categories->categories())
            : QJsonDocument(categoriesToJsonDocument(m_categories->categories())).toJson();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size() ||
        !file.commit()) {
        if (error)
            *error =
                tr("Cannot write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void CategoriesPage::chooseExport(ExportFormat format)
{
    const bool csv = format == ExportFormat::Csv;
    QString folder = m_settings->packFolder();
    if (folder.isEmpty())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, csv ? tr("Export the category list as CSV") : tr("Export the category list as JSON"),
        QDir(folder).filePath(csv ? u"hopstep-categories.csv"_s : u"hopstep-categories.json"_s),
        csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCategories(format, path, &error)) {
        openWarning(this, tr("Could not export the category list"), error);
        return;
    }
    emit statusMessage(tr("Wrote %1.").arg(QDir::toNativeSeparators(path)));
}

} // namespace hopstep
