#include "providerspage.h"
#include "ui_providerspage.h"

#include "consolesession.h"
#include "consolesettings.h"
#include "exportpackdialog.h"
#include "logcategories.h"
#include "messageboxes.h"
#include "onboardingdialogs.h"
#include "onboardingpack.h"
#include "pagesupport.h"
#include "providermodels.h"
#include "secretdialog.h"

#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProgressDialog>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString quoted(const QString &text)
{
    return u"“"_s + text + u"”"_s;
}

QString badgeStyle(const char *color)
{
    return u"color: white; background: %1; border-radius: 3px; padding: 2px 8px; "
           u"font-weight: 600;"_s.arg(QLatin1StringView(color));
}

} // namespace

ProvidersPage::ProvidersPage(ConsoleSession *session, ConsoleSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ProvidersPage>())
    , m_session(session)
    , m_settings(settings)
    , m_providersProxy(new RecordFilterProxyModel(this))
    , m_facilities(new FacilityTableModel(this))
    , m_facilitiesProxy(new RecordFilterProxyModel(this))
    , m_keys(new ApiKeyTableModel(this))
    , m_keysProxy(new RecordFilterProxyModel(this))
    , m_steps(new OnboardingStepModel(this))
{
    m_ui->setupUi(this);
    m_providersProxy->setSourceModel(session->providers());
    m_facilitiesProxy->setSourceModel(m_facilities);
    m_keysProxy->setSourceModel(m_keys);

    QFont title = m_ui->nameLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.4);
    title.setWeight(QFont::DemiBold);
    m_ui->nameLabel->setFont(title);
    m_ui->nameLabel->setTextFormat(Qt::PlainText);
    m_ui->providerIdField->setDescription(tr("provider ID"));
    m_ui->emptyLabel->setContentsMargins(12, 48, 12, 12);
    showHint(m_ui->emptyLabel, m_ui->emptyLabel->text());
    showHint(m_ui->countLabel, QString());
    m_ui->countLabel->setVisible(true);
    for (QLabel *value : m_ui->detailsTab->findChildren<QLabel *>())
        value->setTextFormat(Qt::PlainText);

    setUpTables();
    connectActions();
    restoreLayout();
    clearDetail();
    updateActions();
}

ProvidersPage::~ProvidersPage() = default;

void ProvidersPage::setUpTables()
{
    m_ui->providersTable->setModel(m_providersProxy);
    m_ui->facilitiesTable->setModel(m_facilitiesProxy);
    m_ui->keysTable->setModel(m_keysProxy);
    m_ui->stepsTable->setModel(m_steps);
    for (QTableView *table :
         {m_ui->providersTable, m_ui->facilitiesTable, m_ui->keysTable, m_ui->stepsTable}) {
        setUpRecordTable(table);
    }
    m_ui->stepsTable->setSortingEnabled(false);
    const auto notify = [this](const QString &message) {
        emit statusMessage(message);
    };
    addCopyIdAction(m_ui->providersTable, tr("provider ID"), notify);
    addCopyIdAction(m_ui->facilitiesTable, tr("facility ID"), notify);
    m_ui->providersTable->setObjectName(u"providersTable"_s);
}

void ProvidersPage::restoreLayout()
{
    if (!m_ui->providersSplitter->restoreState(m_settings->layoutState(u"providers/splitter"_s)))
        m_ui->providersSplitter->setSizes({560, 840});
    restoreHeader(m_ui->providersTable->horizontalHeader(), m_settings, u"providers/header"_s,
                  {26, 10, 11, 9, 5, 8, 9, 38, 17});
    restoreHeader(m_ui->facilitiesTable->horizontalHeader(), m_settings,
                  u"providers/facilitiesHeader"_s, {24, 38, 40, 11, 17});
    restoreHeader(m_ui->keysTable->horizontalHeader(), m_settings, u"providers/keysHeader"_s,
                  {15, 24, 10, 17, 17, 17});
    restoreHeader(m_ui->stepsTable->horizontalHeader(), m_settings, u"providers/stepsHeader"_s,
                  {34, 9, 17, 22, 40});
    showIdsInFull(m_ui->providersTable->horizontalHeader(), {ProviderTableModel::IdColumn});
    showIdsInFull(m_ui->facilitiesTable->horizontalHeader(), {FacilityTableModel::IdColumn});
    QHeaderView *header = m_ui->providersTable->horizontalHeader();
    if (m_settings->layoutState(u"providers/header"_s).isEmpty())
        header->setSortIndicator(ProviderTableModel::NameColumn, Qt::AscendingOrder);
    m_ui->providersTable->sortByColumn(header->sortIndicatorSection(),
                                       header->sortIndicatorOrder());
    m_ui->facilitiesTable->sortByColumn(FacilityTableModel::NameColumn, Qt::AscendingOrder);
    m_ui->keysTable->sortByColumn(ApiKeyTableModel::CreatedColumn, Qt::DescendingOrder);
}

void ProvidersPage::saveLayout()
{
    m_settings->setLayoutState(u"providers/splitter"_s, m_ui->providersSplitter->saveState());
    m_settings->setLayoutState(u"providers/header"_s,
                               m_ui->providersTable->horizontalHeader()->saveState());
    m_settings->setLayoutState(u"providers/facilitiesHeader"_s,
                               m_ui->facilitiesTable->horizontalHeader()->saveState());
    m_settings->setLayoutState(u"providers/keysHeader"_s,
                               m_ui->keysTable->horizontalHeader()->saveState());
    m_settings->setLayoutState(u"providers/stepsHeader"_s,
                               m_ui->stepsTable->horizontalHeader()->saveState());
}

void ProvidersPage::connectActions()
{
    connect(m_ui->filterEdit, &QLineEdit::textChanged, m_providersProxy,
            &RecordFilterProxyModel::setTextFilter);
    connect(m_ui->providersTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProvidersPage::handleSelection);
    connect(m_ui->facilitiesTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProvidersPage::updateActions);
    connect(m_ui->keysTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProvidersPage::updateActions);
    connect(m_ui->providersTable, &QTableView::activated, this, &ProvidersPage::editProvider);
    connect(m_ui->facilitiesTable, &QTableView::activated, this, &ProvidersPage::editFacility);
    connect(m_ui->providerIdField, &IdField::copied, this, &ProvidersPage::statusMessage);

    connect(m_ui->newProviderButton, &QPushButton::clicked, this, &ProvidersPage::createProvider);
    connect(m_ui->editButton, &QPushButton::clicked, this, &ProvidersPage::editProvider);
    connect(m_ui->activeButton, &QPushButton::clicked, this, &ProvidersPage::toggleProviderActive);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &ProvidersPage::exportOnboardingPack);
    connect(m_ui->markIdsButton, &QPushButton::clicked, this,
            [this] { markStep(OnboardingStep::IdsIssued); });
    connect(m_ui->markCategoriesButton, &QPushButton::clicked, this,
            [this] { markStep(OnboardingStep::CategoryListSent); });
    connect(m_ui->goLiveButton, &QPushButton::clicked, this, &ProvidersPage::goLive);
    connect(m_ui->newFacilityButton, &QPushButton::clicked, this, &ProvidersPage::createFacility);
    connect(m_ui->editFacilityButton, &QPushButton::clicked, this, &ProvidersPage::editFacility);
    connect(m_ui->facilityActiveButton, &QPushButton::clicked, this,
            &ProvidersPage::toggleFacilityActive);
    connect(m_ui->copyFacilityIdButton, &QPushButton::clicked, this,
            &ProvidersPage::copyFacilityId);
    connect(m_ui->issueKeyButton, &QPushButton::clicked, this, &ProvidersPage::issueKey);
    connect(m_ui->rotateKeyButton, &QPushButton::clicked, this, &ProvidersPage::rotateKey);
    connect(m_ui->revokeKeyButton, &QPushButton::clicked, this, &ProvidersPage::revokeKey);
    connect(m_ui->nextStepLabel, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(u"job:"_s))
            emit showJobRequested(link.mid(4));
    });

    connect(m_session, &ConsoleSession::stateChanged, this, &ProvidersPage::updateActions);
    connect(m_session, &ConsoleSession::providersRefreshed, this, [this] {
        const int total = m_session->providers()->rowCount();
        const int shown = m_providersProxy->rowCount();
        m_ui->countLabel->setText(shown == total
                                      ? tr("%n provider(s)", nullptr, total)
                                      : tr("%1 of %n provider(s)", nullptr, total).arg(shown));
        // A provider created here is selected as soon as the list has it.
        if (!m_selectAfterRefresh.isEmpty() && selectProvider(m_selectAfterRefresh))
            m_selectAfterRefresh.clear();
        // The details are read again after every list, so the two never show different
        // onboarding states.
        if (!selectedProviderId().isEmpty())
            refresh();
    });
}

QString ProvidersPage::selectedProviderId() const
{
    const QModelIndexList rows = m_ui->providersTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(RecordIdRole).toString();
}

bool ProvidersPage::selectProvider(const QString &providerId)
{
    ProviderTableModel *providers = m_session->providers();
    const int row = providers->rowOf(providerId);
    if (row < 0)
        return false;
    QModelIndex index = m_providersProxy->mapFromSource(providers->index(row, 0));
    if (!index.isValid()) {
        m_ui->filterEdit->clear();
        index = m_providersProxy->mapFromSource(providers->index(row, 0));
    }
    m_ui->providersTable->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_ui->providersTable->scrollTo(index);
    return true;
}

void ProvidersPage::handleSelection()
{
    const QString id = selectedProviderId();
    if (m_provider && m_provider->provider.id == id)
        return;
    clearDetail();
    if (!id.isEmpty())
        refresh();
    updateActions();
}

void ProvidersPage::refresh()
{
    const QString id = selectedProviderId();
    if (id.isEmpty())
        return;
    ApiClient *client = m_session->client();
    client->cancel(m_detailCall);
    m_detailCall = client->call(
        "GET", ApiClient::adminPath(u"providers"_s, id), {}, std::nullopt, this,
        [this, id](const QJsonObject &detail) {
            if (selectedProviderId() == id)
                showDetail(detail);
        },
        [this](const ApiFailure &failure) {
            emit statusMessage(failure.message);
            qCWarning(lcConsole).noquote() << "Reading a provider failed:" << failure.message;
        });
}

void ProvidersPage::clearDetail()
{
    m_provider.reset();
    m_progress = {};
    m_facilities->clear();
    m_keys->clear();
    m_steps->clear();
    m_ui->detailStack->setCurrentWidget(m_ui->emptyLabel);
}

void ProvidersPage::showDetail(const QJsonObject &detail)
{
    const ProviderSummary summary = providerSummaryFromJson(detail);
    const Provider &provider = summary.provider;
    m_provider = summary;

    QList<Facility> facilities;
    const QJsonArray facilityItems = detail.value(u"facilities"_s).toArray();
    for (const QJsonValue &item : facilityItems)
        facilities.append(facilityFromJson(item.toObject()));
    m_facilities->setRecords(facilities);
    QList<ApiKeyRecord> keys;
    const QJsonArray keyItems = detail.value(u"keys"_s).toArray();
    for (const QJsonValue &item : keyItems)
        keys.append(apiKeyFromJson(item.toObject()));
    m_keys->setRecords(keys);
    m_progress = onboardingProgressFromJson(detail.value(u"onboarding"_s).toArray());
    m_steps->setProgress(m_progress);

    m_ui->nameLabel->setText(provider.name);
    if (!provider.active) {
        m_ui->stateLabel->setText(tr("Deactivated"));
        m_ui->stateLabel->setStyleSheet(badgeStyle(colors::muted));
    } else if (provider.isLive()) {
        m_ui->stateLabel->setText(tr("Live"));
        m_ui->stateLabel->setStyleSheet(badgeStyle(colors::good));
    } else {
        m_ui->stateLabel->setText(tr("Onboarding · %1 of 6").arg(summary.onboardingStepsDone));
        m_ui->stateLabel->setStyleSheet(badgeStyle(colors::warning));
    }
    m_ui->providerIdField->setId(provider.id);
    m_ui->atsValue->setText(provider.atsName.isEmpty() ? u"—"_s : provider.atsName);
    m_ui->contactNameValue->setText(provider.contactName.isEmpty() ? u"—"_s : provider.contactName);
    m_ui->contactEmailValue->setText(provider.contactEmail.isEmpty() ? u"—"_s
                                                                     : provider.contactEmail);
    m_ui->contactPhoneValue->setText(provider.contactPhone.isEmpty() ? u"—"_s
                                                                     : provider.contactPhone);
    m_ui->notesValue->setText(provider.notes.isEmpty() ? u"—"_s : provider.notes);
    m_ui->createdValue->setText(formatTableTime(provider.createdAt));
    m_ui->updatedValue->setText(formatTableTime(provider.updatedAt));
    m_ui->liveValue->setText(provider.isLive() ? formatTableTime(provider.liveAt)
                                               : tr("Not live yet"));

    // Says what to do next, in the order of the integration guide.
    QString next;
    const StepRecord &testJob = m_progress.record(OnboardingStep::TestJobReceived);
    if (!provider.active) {
        next = tr("The provider is deactivated: its keys are refused and its jobs are off the "
                  "site. Reactivate it to continue.");
    } else if (provider.isLive()) {
        next = tr("The integration is live: %n job(s) are on the site.", nullptr, summary.liveJobs);
    } else if (!m_progress.isDone(OnboardingStep::KeyIssued)) {
        next = tr("Next: add the provider's facilities, then issue an API key on the API keys "
                  "tab.");
    } else if (!m_progress.isDone(OnboardingStep::IdsIssued) ||
               !m_progress.isDone(OnboardingStep::CategoryListSent)) {
        next = tr("Next: export the onboarding pack and send it to the ATS; that records the "
                  "IDs and the category list as sent.");
    } else if (!testJob.isDone()) {
        next = tr("Next: wait for the ATS's test job. Jobs it sends are held as Pending and not "
                  "shown to candidates until the integration goes live.");
    } else if (!m_progress.isDone(OnboardingStep::DisplayValidated)) {
        const QString jobId = testJob.detail.section(u' ', 1, 1);
        next = tr("Next: a reviewer checks how the test job displays and marks it validated. "
                  "<a href=\"job:%1\">Review the test job</a>.")
                   .arg(jobId.toHtmlEscaped());
    } else {
        next = tr("Every step is done: a reviewer can take the integration live, which publishes "
                  "its %n held job(s).",
                  nullptr, summary.heldJobs);
    }
    m_ui->nextStepLabel->setTextFormat(next.contains(u"<a "_s) ? Qt::RichText : Qt::PlainText);
    showHint(m_ui->nextStepLabel, next);
    m_ui->detailStack->setCurrentWidget(m_ui->detailPane);
    updateActions();
    emit detailShown(provider.id);
}

const Facility *ProvidersPage::selectedFacility() const
{
    const QModelIndexList rows = m_ui->facilitiesTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return m_facilities->recordByKey(rows.first().data(RecordIdRole).toString());
}

const ApiKeyRecord *ProvidersPage::selectedKey() const
{
    const QModelIndexList rows = m_ui->keysTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return m_keys->recordByKey(rows.first().data(RecordIdRole).toString());
}

void ProvidersPage::updateActions()
{
    const bool connected = m_session->state() == ConsoleSession::State::Connected;
    const bool integrations = m_session->may(StaffRole::Integrations);
    const bool reviewer = m_session->may(StaffRole::Reviewer);
    const bool selected = m_provider.has_value() && !m_busy;
    const bool active = selected && m_provider->provider.active;
    const bool live = selected && m_provider->provider.isLive();

    allowFor(m_ui->newProviderButton, connected && !m_busy, integrations, StaffRole::Integrations,
             tr("Create a provider; hopstep issues its ID"));
    allowFor(m_ui->editButton, selected, integrations, StaffRole::Integrations,
             tr("Edit the provider's name, ATS and contact details"));
    m_ui->activeButton->setText(selected && !m_provider->provider.active ? tr("Re&activate…")
                                                                         : tr("De&activate…"));
    allowFor(m_ui->activeButton, selected, integrations, StaffRole::Integrations,
             selected && !m_provider->provider.active
                 ? tr("Let the provider's keys work again and put its jobs back on the site")
                 : tr("Stop the provider's keys at once and take its jobs off the site"));
    allowFor(m_ui->exportButton, selected, integrations, StaffRole::Integrations,
             tr("Write the onboarding pack for the ATS as JSON and PDF"));

    allowFor(m_ui->markIdsButton, active && !m_progress.isDone(OnboardingStep::IdsIssued),
             integrations, StaffRole::Integrations,
             tr("Record that the provider ID and facility IDs were sent to the ATS"));
    allowFor(m_ui->markCategoriesButton,
             active && !m_progress.isDone(OnboardingStep::CategoryListSent), integrations,
             StaffRole::Integrations,
             tr("Record that the official category list was sent to the ATS"));
    allowFor(m_ui->goLiveButton, active && !live && m_progress.openStepsBeforeLive().isEmpty(),
             reviewer, StaffRole::Reviewer,
             live ? tr("The integration is live.")
                  : tr("Take the integration live once the first five steps are done; this "
                       "publishes its held jobs"));

    const Facility *facility = selectedFacility();
    allowFor(m_ui->newFacilityButton, active, integrations, StaffRole::Integrations,
             tr("Add a work location; hopstep issues its facility ID"));
    allowFor(m_ui->editFacilityButton, selected && facility, integrations, StaffRole::Integrations,
             tr("Edit the facility's name and address"));
    m_ui->facilityActiveButton->setText(facility && !facility->active ? tr("Reactivate Facility…")
                                                                      : tr("Deactivate Facility…"));
    allowFor(m_ui->facilityActiveButton, selected && facility, integrations,
             StaffRole::Integrations,
             tr("A deactivated facility takes no new jobs and its jobs leave the site"));
    m_ui->copyFacilityIdButton->setEnabled(facility != nullptr);

    const ApiKeyRecord *key = selectedKey();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool keyUsable = key && !key->isRevoked() && !key->hasExpired(now);
    allowFor(m_ui->issueKeyButton, active, integrations, StaffRole::Integrations,
             tr("Issue a new API key; it is shown once"));
    allowFor(m_ui->rotateKeyButton, active && keyUsable && key->successorId.isEmpty(), integrations,
             StaffRole::Integrations,
             tr("Issue a successor and let this key work until a chosen time"));
    allowFor(m_ui->revokeKeyButton, selected && key && !key->isRevoked(), integrations,
             StaffRole::Integrations, tr("Stop the key at once, on its next request"));
}

void ProvidersPage::handleFailure(const QString &title, const ApiFailure &failure)
{
    qCWarning(lcConsole).noquote() << title << "failed:" << failure.message;
    openWarning(this, title, failure.message);
}

void ProvidersPage::sendChange(const QByteArray &method, const QString &path,
                               const QJsonObject &body, const QString &failureTitle,
                               const QString &doneMessage)
{
    m_busy = true;
    updateActions();
    m_session->client()->call(
        method, path, {}, body, this,
        [this, doneMessage](const QJsonObject &) {
            m_busy = false;
            emit statusMessage(doneMessage);
            m_session->refreshProviders();
            refresh();
        },
        [this, failureTitle](const ApiFailure &failure) {
            m_busy = false;
            updateActions();
            handleFailure(failureTitle, failure);
        });
}

void ProvidersPage::createProvider()
{
    ProviderDialog dialog(std::nullopt, this);
    QString createdId;
    dialog.setSubmitHandler([&](const QJsonObject &body) {
        m_session->client()->call(
            "POST", ApiClient::adminPath(u"providers"_s), {}, body, &dialog,
            [&](const QJsonObject &answer) {
                createdId = answer.value(u"id"_s).toString();
                dialog.succeed();
            },
            [&](const ApiFailure &failure) { dialog.fail(failure.message); });
    });
    if (dialog.exec() != QDialog::Accepted || createdId.isEmpty())
        return;
    emit statusMessage(tr("Created the provider with ID %1.").arg(createdId));
    m_ui->filterEdit->clear();
    m_selectAfterRefresh = createdId;
    m_session->refreshProviders();
}

void ProvidersPage::editProvider()
{
    if (!m_provider || !m_session->may(StaffRole::Integrations))
        return;
    const QString id = m_provider->provider.id;
    ProviderDialog dialog(m_provider->provider, this);
    dialog.setSubmitHandler([&](const QJsonObject &body) {
        m_session->client()->call(
            "PATCH", ApiClient::adminPath(u"providers"_s, id), {}, body, &dialog,
            [&](const QJsonObject &) { dialog.succeed(); },
            [&](const ApiFailure &failure) { dialog.fail(failure.message); });
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    emit statusMessage(tr("Saved the provider."));
    m_session->refreshProviders();
    refresh();
}

void ProvidersPage::toggleProviderActive()
{
    if (!m_provider)
        return;
    const ProviderSummary summary = *m_provider;
    const Provider &provider = summary.provider;
    Confirmation confirmation;
    if (provider.active) {
        confirmation.windowTitle = tr("Deactivate provider");
        confirmation.question = tr("Deactivate %1?").arg(quoted(provider.name));
        confirmation.consequence =
            tr("Its %n API key(s) stop working on their next request, in every hopstep-api, "
               "and its %1 live job(s) leave the public site. Nothing is deleted; reactivating "
               "the provider restores both.",
               nullptr, summary.activeKeys)
                .arg(summary.liveJobs);
        confirmation.acceptText = tr("Deactivate");
        confirmation.icon = QMessageBox::Warning;
        confirmation.cancelByDefault = true;
    } else {
        confirmation.windowTitle = tr("Reactivate provider");
        confirmation.question = tr("Reactivate %1?").arg(quoted(provider.name));
        confirmation.consequence =
            tr("Its keys that are neither revoked nor expired work again, and its ACTIVE jobs "
               "return to the site if the integration is live.");
        confirmation.acceptText = tr("Reactivate");
    }
    if (!askToConfirm(this, confirmation))
        return;
    sendChange("POST",
               ApiClient::adminPath(u"providers"_s, provider.id,
                                    provider.active ? u"deactivate"_s : u"reactivate"_s),
               {}, tr("Could not change %1").arg(quoted(provider.name)),
               provider.active ? tr("Deactivated %1.").arg(quoted(provider.name))
                               : tr("Reactivated %1.").arg(quoted(provider.name)));
}

void ProvidersPage::markStep(OnboardingStep step)
{
    if (!m_provider)
        return;
    sendChange("POST",
               ApiClient::adminPath(u"providers"_s, m_provider->provider.id,
                                    u"onboarding/"_s + onboardingStepName(step)),
               {}, tr("Could not record “%1”").arg(onboardingStepLabel(step)),
               tr("Recorded “%1” for %2.")
                   .arg(onboardingStepLabel(step), quoted(m_provider->provider.name)));
}

void ProvidersPage::goLive()
{
    if (!m_provider)
        return;
    const ProviderSummary summary = *m_provider;
    Confirmation confirmation;
    confirmation.windowTitle = tr("Go live");
    confirmation.question = tr("Take %1 live?").arg(quoted(summary.provider.name));
    confirmation.consequence =
        tr("Its %n held job(s) are published as Active and candidates see them now. From then "
           "on, jobs the ATS sends as ACTIVE appear as soon as they arrive.",
           nullptr, summary.heldJobs);
    confirmation.acceptText = tr("Go Live");
    if (!askToConfirm(this, confirmation))
        return;
    m_busy = true;
    updateActions();
    m_session->client()->call(
        "POST", ApiClient::adminPath(u"providers"_s, summary.provider.id, u"go-live"_s), {},
        std::nullopt, this,
        [this, summary](const QJsonObject &answer) {
            m_busy = false;
            emit statusMessage(tr("%1 is live; %n held job(s) were published.", nullptr,
                                  answer.value(u"publishedJobs"_s).toInt())
                                   .arg(quoted(summary.provider.name)));
            m_session->refreshProviders();
            m_session->refresh();
            showDetail(answer);
        },
        [this](const ApiFailure &failure) {
            m_busy = false;
            updateActions();
            handleFailure(tr("Could not go live"), failure);
        });
}

void ProvidersPage::createFacility()
{
    if (!m_provider)
        return;
    const QString providerId = m_provider->provider.id;
    FacilityDialog dialog(m_provider->provider.name, std::nullopt, this);
    QString createdId;
    dialog.setSubmitHandler([&](const QJsonObject &body) {
        m_session->client()->call(
            "POST", ApiClient::adminPath(u"providers"_s, providerId, u"facilities"_s), {}, body,
            &dialog,
            [&](const QJsonObject &answer) {
                createdId = answer.value(u"id"_s).toString();
                dialog.succeed();
            },
            [&](const ApiFailure &failure) { dialog.fail(failure.message); });
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    emit statusMessage(tr("Created the facility with ID %1.").arg(createdId));
    m_ui->detailTabs->setCurrentWidget(m_ui->facilitiesTab);
    m_session->refreshProviders();
    refresh();
}

void ProvidersPage::editFacility()
{
    const Facility *selected = selectedFacility();
    if (!selected || !m_session->may(StaffRole::Integrations))
        return;
    const Facility facility = *selected;
    FacilityDialog dialog(m_provider ? m_provider->provider.name : QString(), facility, this);
    dialog.setSubmitHandler([&](const QJsonObject &body) {
        m_session->client()->call(
            "PATCH", ApiClient::adminPath(u"facilities"_s, facility.id), {}, body, &dialog,
            [&](const QJsonObject &) { dialog.succeed(); },
            [&](const ApiFailure &failure) { dialog.fail(failure.message); });
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    emit statusMessage(tr("Saved facility %1.").arg(quoted(facility.name)));
    refresh();
}

void ProvidersPage::toggleFacilityActive()
{
    const Facility *selected = selectedFacility();
    if (!selected)
        return;
    const Facility facility = *selected;
    Confirmation confirmation;
    if (facility.active) {
        confirmation.windowTitle = tr("Deactivate facility");
        confirmation.question = tr("Deactivate %1?").arg(quoted(facility.name));
        confirmation.consequence =
            tr("New jobs for it are rejected with an error that says so, and its jobs leave the "
               "public site. Nothing is deleted; reactivating restores it.");
        confirmation.acceptText = tr("Deactivate");
        confirmation.icon = QMessageBox::Warning;
        confirmation.cancelByDefault = true;
    } else {
        confirmation.windowTitle = tr("Reactivate facility");
        confirmation.question = tr("Reactivate %1?").arg(quoted(facility.name));
        confirmation.consequence =
            tr("It takes jobs again and its active jobs return to the site.");
        confirmation.acceptText = tr("Reactivate");
    }
    if (!askToConfirm(this, confirmation))
        return;
    sendChange("POST",
               ApiClient::adminPath(u"facilities"_s, facility.id,
                                    facility.active ? u"deactivate"_s : u"reactivate"_s),
               {}, tr("Could not change %1").arg(quoted(facility.name)),
               facility.active ? tr("Deactivated facility %1.").arg(quoted(facility.name))
                               : tr("Reactivated facility %1.").arg(quoted(facility.name)));
}

void ProvidersPage::copyFacilityId()
{
    const Facility *facility = selectedFacility();
    if (!facility)
        return;
    QGuiApplication::clipboard()->setText(facility->id);
    emit statusMessage(
        tr("Copied the facility ID %1 of %2.").arg(facility->id, quoted(facility->name)));
}

void ProvidersPage::showNewSecret(const QJsonObject &answer, const QString &windowTitle)
{
    const QJsonObject key = answer.value(u"key"_s).toObject();
    const QString prefix = key.value(u"prefix"_s).toString();
    QString secret = answer.value(u"secret"_s).toString();
    if (m_provider)
        m_session->rememberIssuedKey(m_provider->provider.id, {prefix, secret});
    SecretDialog dialog(windowTitle,
                        tr("The new API key of %1, labelled “%2”. The ATS sends it as "
                           "Authorization: Bearer with every request.")
                            .arg(m_provider ? quoted(m_provider->provider.name) : QString(),
                                 key.value(u"label"_s).toString()),
                        secret, SecretDialog::Recipient::Ats, this);
    secret.fill(u'\0');
    dialog.exec();
    emit statusMessage(tr("Issued API key %1…; it is not shown again.").arg(prefix));
}

void ProvidersPage::issueKey()
{
    if (!m_provider)
        return;
    const QString providerId = m_provider->provider.id;
    KeyLabelDialog dialog(m_provider->provider.name, this);
    QJsonObject issued;
    dialog.setSubmitHandler([&](const QJsonObject &body) {
        m_session->client()->call(
            "POST", ApiClient::adminPath(u"providers"_s, providerId, u"keys"_s), {}, body, &dialog,
            [&](const QJsonObject &answer) {
                issued = answer;
                dialog.succeed();
            },
            [&](const ApiFailure &failure) { dialog.fail(failure.message); });
    });
    if (dialog.exec() != QDialog::Accepted || issued.isEmpty())
        return;
    m_ui->detailTabs->setCurrentWidget(m_ui->keysTab);
    refresh();
    m_session->refreshProviders();
    showNewSecret(issued, tr("New API key"));
}

void ProvidersPage::rotateKey()
{
    const ApiKeyRecord *selected = selectedKey();
    if (!selected)
        return;
    const ApiKeyRecord key = *selected;
    RotateKeyDialog dialog(key, this);
    QJsonObject issued;
    dialog.setSubmitHandler([&](const QJsonObject &body) {
        m_session->client()->call(
            "POST", ApiClient::adminPath(u"keys"_s, key.id, u"rotate"_s), {}, body, &dialog,
            [&](const QJsonObject &answer) {
                issued = answer;
                dialog.succeed();
            },
            [&](const ApiFailure &failure) { dialog.fail(failure.message); });
    });
    if (dialog.exec() != QDialog::Accepted || issued.isEmpty())
        return;
    refresh();
    const QDateTime expiry =
        parseTimestamp(issued.value(u"replaced"_s).toObject().value(u"expiresAt"_s).toString());
    showNewSecret(issued, tr("Successor of key %1…").arg(key.prefix));
    emit statusMessage(
        tr("Rotated key %1…; it works until %2.").arg(key.prefix, formatTableTime(expiry)));
}

void ProvidersPage::revokeKey()
{
    const ApiKeyRecord *selected = selectedKey();
    if (!selected)
        return;
    const ApiKeyRecord key = *selected;
    Confirmation confirmation;
    confirmation.windowTitle = tr("Revoke API key");
    confirmation.question = tr("Revoke key %1… (%2)?").arg(key.prefix, key.label);
    confirmation.consequence =
        tr("From its next request on, the ATS using it gets 401, from every hopstep-api. This "
           "cannot be undone; issue a new key if the ATS still needs one.");
    confirmation.acceptText = tr("Revoke");
    confirmation.icon = QMessageBox::Warning;
    confirmation.cancelByDefault = true;
    if (!askToConfirm(this, confirmation))
        return;
    sendChange("POST", ApiClient::adminPath(u"keys"_s, key.id, u"revoke"_s), {},
               tr("Could not revoke key %1…").arg(key.prefix),
               tr("Revoked key %1….").arg(key.prefix));
}

void ProvidersPage::exportOnboardingPack()
{
    if (!m_provider)
        return;
    const Provider provider = m_provider->provider;
    const std::optional<PackApiKey> key = m_session->issuedKey(provider.id);
    QString folder = m_settings->packFolder();
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    // A new account may have no Documents folder yet, but always has a home folder.
    if (!QDir(folder).exists())
        folder = QDir::homePath();
    QString baseUrl = m_settings->packApiBaseUrl();
    if (baseUrl.isEmpty())
        baseUrl = m_session->serviceDisplayUrl();

    ExportPackDialog dialog(provider.name, folder, baseUrl, key ? key->prefix : QString(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QJsonObject choices = dialog.body();
    choices.insert(u"jsonPath"_s, dialog.jsonPath());
    choices.insert(u"pdfPath"_s, dialog.pdfPath());
    m_settings->setPackFolder(choices.value(u"folder"_s).toString());
    m_settings->setPackApiBaseUrl(choices.value(u"baseUrl"_s).toString());

    auto *progress = new QProgressDialog(tr("Fetching the provider's IDs and the category list…"),
                                         tr("Cancel"), 0, 4, this);
    progress->setObjectName(u"packProgress"_s);
    progress->setWindowTitle(tr("Export onboarding pack"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setValue(0);
    progress->show();

    ApiClient *client = m_session->client();
    const quint64 call = client->call(
        "GET", ApiClient::adminPath(u"providers"_s, provider.id, u"onboarding-pack"_s), {},
        std::nullopt, progress,
        [this, choices, progress](const QJsonObject &data) {
            if (progress->wasCanceled())
                return;
            writePack(choices, data, progress);
        },
        [this, progress](const ApiFailure &failure) {
            progress->close();
            handleFailure(tr("Could not export the onboarding pack"), failure);
        });
    connect(progress, &QProgressDialog::canceled, this, [this, client, call, progress] {
        client->cancel(call);
        progress->close();
        emit statusMessage(tr("Cancelled the onboarding pack export; nothing was written."));
    });
}

void ProvidersPage::writePack(const QJsonObject &choices, const QJsonObject &data,
                              QProgressDialog *progress)
{
    OnboardingPack pack = onboardingPackFromJson(data);
    pack.provider.liveAt = m_provider && m_provider->provider.id == pack.provider.id
                               ? m_provider->provider.liveAt
                               : pack.provider.liveAt;
    pack.apiBaseUrl = choices.value(u"baseUrl"_s).toString();
    pack.generatedBy = m_session->staff().name;
    if (choices.value(u"includeKey"_s).toBool())
        pack.apiKey = m_session->issuedKey(pack.provider.id);

    QStringList written;
    progress->setValue(1);
    if (choices.value(u"json"_s).toBool()) {
        progress->setLabelText(tr("Writing the JSON…"));
        const QString path = choices.value(u"jsonPath"_s).toString();
        QSaveFile file(path);
        const QByteArray json = QJsonDocument(onboardingPackToJson(pack)).toJson();
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
            progress->close();
            openWarning(
                this, tr("Could not export the onboarding pack"),
                tr("Cannot write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
            return;
        }
        if (pack.apiKey)
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        written.append(QDir::toNativeSeparators(path));
    }
    progress->setValue(2);
    if (choices.value(u"pdf"_s).toBool()) {
        progress->setLabelText(tr("Writing the PDF…"));
        const QString path = choices.value(u"pdfPath"_s).toString();
        QString error;
        if (!writeOnboardingPackPdf(pack, path, &error)) {
            progress->close();
            openWarning(this, tr("Could not export the onboarding pack"), error);
            return;
        }
        if (pack.apiKey)
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        written.append(QDir::toNativeSeparators(path));
    }
    progress->setValue(3);
    progress->setLabelText(tr("Recording the onboarding steps…"));
    if (pack.apiKey) {
        pack.apiKey->secret.fill(u'\0');
        pack.apiKey.reset();
    }

    const QString providerId = pack.provider.id;
    const QJsonObject detail{{u"detail"_s, tr("Onboarding pack exported from the console")}};
    ApiClient *client = m_session->client();
    const auto finish = [this, progress, written] {
        progress->setValue(4);
        progress->close();
        emit statusMessage(tr("Wrote %1.").arg(written.join(tr(" and "))));
        m_session->refreshProviders();
        refresh();
    };
    const auto recordCategories = [this, client, providerId, detail, finish] {
        client->call(
            "POST",
            ApiClient::adminPath(u"providers"_s, providerId, u"onboarding/category-list-sent"_s),
            {}, detail, this, [finish](const QJsonObject &) { finish(); },
            [this, finish](const ApiFailure &failure) {
                finish();
                handleFailure(tr("Could not record “Category list sent”"), failure);
            });
    };
    if (pack.facilities.isEmpty()) {
        openWarning(this, tr("No facility IDs in the pack"),
                    tr("The provider has no active facility, so the pack holds no facility ID "
                       "and “IDs issued” stays open. Add a facility and export again."));
        recordCategories();
        return;
    }
    client->call(
        "POST", ApiClient::adminPath(u"providers"_s, providerId, u"onboarding/ids-issued"_s), {},
        detail, this, [recordCategories](const QJsonObject &) { recordCategories(); },
        [this, recordCategories](const ApiFailure &failure) {
            recordCategories();
            handleFailure(tr("Could not record “IDs issued”"), failure);
        });
}

} // namespace hopstep
