#include "auditlogpage.h"
#include "ui_auditlogpage.h"

#include "auditlogmodel.h"
#include "consolesession.h"
#include "consolesettings.h"
#include "job.h"
#include "pagesupport.h"
#include "providermodels.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProgressDialog>
#include <QSortFilterProxyModel>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QDate anyDate(2000, 1, 1);

QString prettyJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return QObject::tr("(nothing: the entry records a creation or a removal)");
}

} // namespace

AuditLogPage::AuditLogPage(ConsoleSession *session, ConsoleSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AuditLogPage>())
    , m_session(session)
    , m_settings(settings)
    , m_entries(new AuditLogModel(this))
{
    m_ui->setupUi(this);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_entries);
    proxy->setSortRole(RecordSortRole);
    m_ui->entriesTable->setModel(proxy);
    setUpRecordTable(m_ui->entriesTable);
    m_ui->entriesTable->sortByColumn(AuditLogModel::TimeColumn, Qt::DescendingOrder);
    makeCaption(m_ui->beforeCaption);
    makeCaption(m_ui->afterCaption);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->beforeEdit->setFont(mono);
    m_ui->afterEdit->setFont(mono);
    m_ui->entryLabel->setTextFormat(Qt::PlainText);
    showHint(m_ui->countLabel, QString());
    m_ui->countLabel->setVisible(true);

    m_ui->actionCombo->addItem(tr("Any action"), QString());
    for (const QString &prefix : {u"provider."_s, u"facility."_s, u"api-key."_s, u"onboarding."_s,
                                  u"category."_s, u"job."_s, u"staff."_s, u"staff-token."_s}) {
        m_ui->actionCombo->addItem(tr("%1*").arg(prefix), prefix);
    }
    m_ui->actionCombo->lineEdit()->setPlaceholderText(tr("Any action"));
    m_ui->entityCombo->addItem(tr("Any entity"), QString());
    const QList<std::pair<QString, QString>> entities = {
        {tr("Providers"), u"provider"_s},  {tr("Facilities"), u"facility"_s},
        {tr("API keys"), u"api-key"_s},    {tr("Jobs"), u"job"_s},
        {tr("Categories"), u"category"_s}, {tr("Category order"), u"category-list"_s},
        {tr("Staff"), u"staff"_s},         {tr("Staff tokens"), u"staff-token"_s}};
    for (const auto &[label, value] : entities)
        m_ui->entityCombo->addItem(label, value);
    for (QDateEdit *edit : {m_ui->fromEdit, m_ui->toEdit}) {
        edit->setMinimumDate(anyDate);
        edit->setSpecialValueText(tr("Any date"));
        edit->setDate(anyDate);
    }
    updateProviders();

    if (!m_ui->auditSplitter->restoreState(m_settings->layoutState(u"audit/splitter"_s)))
        m_ui->auditSplitter->setSizes({600, 260});
    restoreHeader(m_ui->entriesTable->horizontalHeader(), m_settings, u"audit/header"_s,
                  {19, 22, 26, 48, 80});

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(300);
    connect(&m_filterDelay, &QTimer::timeout, this, &AuditLogPage::refresh);
    const auto later = [this] {
        m_filterDelay.start();
    };
    connect(m_ui->actorEdit, &QLineEdit::textChanged, this, later);
    connect(m_ui->actionCombo, &QComboBox::currentTextChanged, this, later);
    connect(m_ui->entityCombo, &QComboBox::currentIndexChanged, this, [this, later] {
        m_entityId.clear();
        later();
    });
    connect(m_ui->providerCombo, &QComboBox::currentIndexChanged, this, later);
    connect(m_ui->fromEdit, &QDateEdit::dateChanged, this, later);
    connect(m_ui->toEdit, &QDateEdit::dateChanged, this, later);
    connect(m_ui->clearButton, &QPushButton::clicked, this, &AuditLogPage::clearFilters);
    connect(m_ui->loadMoreButton, &QPushButton::clicked, this, [this] { loadPage(true); });
    connect(m_ui->loadAllButton, &QPushButton::clicked, this, &AuditLogPage::loadAll);
    connect(m_ui->entriesTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AuditLogPage::showEntry);
    connect(m_session, &ConsoleSession::providersRefreshed, this, &AuditLogPage::updateProviders);
    connect(m_session, &ConsoleSession::stateChanged, this, [this] {
        if (m_session->state() == ConsoleSession::State::Connected)
            refresh();
    });
    showEntry();
    updateCount();
}

AuditLogPage::~AuditLogPage() = default;

void AuditLogPage::saveLayout()
{
    m_settings->setLayoutState(u"audit/splitter"_s, m_ui->auditSplitter->saveState());
    m_settings->setLayoutState(u"audit/header"_s,
                               m_ui->entriesTable->horizontalHeader()->saveState());
}

void AuditLogPage::updateProviders()
{
    const QString current = m_ui->providerCombo->currentData().toString();
    const QSignalBlocker blocker(m_ui->providerCombo);
    m_ui->providerCombo->clear();
    m_ui->providerCombo->addItem(tr("Any provider"), QString());
    QList<ProviderSummary> providers = m_session->providers()->records();
    std::sort(providers.begin(), providers.end(), [](const auto &a, const auto &b) {
        return a.provider.name.localeAwareCompare(b.provider.name) < 0;
    });
    for (const ProviderSummary &summary : std::as_const(providers))
        m_ui->providerCombo->addItem(summary.provider.name, summary.provider.id);
    m_ui->providerCombo->setCurrentIndex(std::max(0, m_ui->providerCombo->findData(current)));
}

QUrlQuery AuditLogPage::filterQuery() const
{
    QUrlQuery query;
    const QString actor = m_ui->actorEdit->text().trimmed();
    if (!actor.isEmpty())
        query.addQueryItem(u"actor"_s, actor);
    const int actionIndex = m_ui->actionCombo->findText(m_ui->actionCombo->currentText());
    const QString action = actionIndex >= 0 ? m_ui->actionCombo->itemData(actionIndex).toString()
                                            : m_ui->actionCombo->currentText().trimmed();
    if (!action.isEmpty())
        query.addQueryItem(u"action"_s, action);
    const QString entity = m_ui->entityCombo->currentData().toString();
    if (!entity.isEmpty())
        query.addQueryItem(u"entityType"_s, entity);
    if (!m_entityId.isEmpty())
        query.addQueryItem(u"entityId"_s, m_entityId);
    const QString provider = m_ui->providerCombo->currentData().toString();
    if (!provider.isEmpty())
        query.addQueryItem(u"providerId"_s, provider);
    if (m_ui->fromEdit->date() > anyDate) {
        query.addQueryItem(u"from"_s,
                           formatTimestamp(QDateTime(m_ui->fromEdit->date(), QTime(0, 0)).toUTC()));
    }
    if (m_ui->toEdit->date() > anyDate) {
        query.addQueryItem(
            u"to"_s,
            formatTimestamp(QDateTime(m_ui->toEdit->date().addDays(1), QTime(0, 0)).toUTC()));
    }
    return query;
}

void AuditLogPage::filterByEntity(const QString &entityType, const QString &entityId)
{
    clearFilters();
    {
        const QSignalBlocker blocker(m_ui->entityCombo);
        m_ui->entityCombo->setCurrentIndex(std::max(0, m_ui->entityCombo->findData(entityType)));
    }
    m_entityId = entityId;
    m_filterDelay.stop();
    refresh();
}

void AuditLogPage::clearFilters()
{
    const QSignalBlocker actor(m_ui->actorEdit);
    const QSignalBlocker action(m_ui->actionCombo);
    const QSignalBlocker entity(m_ui->entityCombo);
    const QSignalBlocker provider(m_ui->providerCombo);
    const QSignalBlocker from(m_ui->fromEdit);
    const QSignalBlocker to(m_ui->toEdit);
    m_ui->actorEdit->clear();
    m_ui->actionCombo->setCurrentIndex(0);
    m_ui->entityCombo->setCurrentIndex(0);
    m_ui->providerCombo->setCurrentIndex(0);
    m_ui->fromEdit->setDate(anyDate);
    m_ui->toEdit->setDate(anyDate);
    m_entityId.clear();
    m_filterDelay.start();
}

void AuditLogPage::refresh()
{
    loadPage(false);
}

void AuditLogPage::loadPage(bool append)
{
    QUrlQuery query = filterQuery();
    query.addQueryItem(u"limit"_s, QString::number(pageSize));
    if (append && m_entries->oldestId() > 0)
        query.addQueryItem(u"before"_s, QString::number(m_entries->oldestId()));
    ApiClient *client = m_session->client();
    client->cancel(m_call);
    m_ui->loadMoreButton->setEnabled(false);
    m_call = client->call(
        "GET", ApiClient::adminPath(u"audit"_s), query, std::nullopt, this,
        [this, append](const QJsonObject &answer) {
            QList<AuditEntry> entries;
            const QJsonArray items = answer.value(u"items"_s).toArray();
            for (const QJsonValue &item : items)
                entries.append(auditEntryFromJson(item.toObject()));
            if (append)
                m_entries->appendRecords(entries);
            else
                m_entries->setRecords(entries);
            m_hasMore = !answer.value(u"nextBefore"_s).isNull();
            updateCount();
            emit refreshed();
        },
        [this](const ApiFailure &failure) {
            updateCount();
            emit statusMessage(failure.message);
        });
}

void AuditLogPage::loadAll()
{
    auto *progress = new QProgressDialog(tr("Loading the audit log…"), tr("Cancel"), 0, 0, this);
    progress->setObjectName(u"auditProgress"_s);
    progress->setWindowTitle(tr("Audit log"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(progress, &QProgressDialog::canceled, this, [this, progress] {
        m_session->client()->cancel(m_call);
        progress->close();
        updateCount();
        emit statusMessage(
            tr("Stopped loading; %n entries are shown.", nullptr, m_entries->rowCount()));
    });
    progress->show();
    if (m_entries->rowCount() == 0)
        m_hasMore = true;
    loadNextOfAll(progress);
}

void AuditLogPage::loadNextOfAll(QProgressDialog *progress)
{
    if (!m_hasMore || progress->wasCanceled()) {
        progress->close();
        updateCount();
        return;
    }
    QUrlQuery query = filterQuery();
    query.addQueryItem(u"limit"_s, QString::number(pageSize));
    if (m_entries->oldestId() > 0)
        query.addQueryItem(u"before"_s, QString::number(m_entries->oldestId()));
    m_call = m_session->client()->call(
        "GET", ApiClient::adminPath(u"audit"_s), query, std::nullopt, progress,
        [this, progress](const QJsonObject &answer) {
            QList<AuditEntry> entries;
            const QJsonArray items = answer.value(u"items"_s).toArray();
            for (const QJsonValue &item : items)
                entries.append(auditEntryFromJson(item.toObject()));
            m_entries->appendRecords(entries);
            m_hasMore = !answer.value(u"nextBefore"_s).isNull();
            progress->setLabelText(tr("Loaded %n entries…", nullptr, m_entries->rowCount()));
            loadNextOfAll(progress);
        },
        [this, progress](const ApiFailure &failure) {
            progress->close();
            updateCount();
            emit statusMessage(failure.message);
        });
}

void AuditLogPage::updateCount()
{
    const int count = m_entries->rowCount();
    m_ui->countLabel->setText(
        m_hasMore ? tr("The newest %n entries; older ones can be loaded.", nullptr, count)
                  : tr("%n entries", nullptr, count));
    m_ui->loadMoreButton->setEnabled(m_hasMore);
    m_ui->loadAllButton->setEnabled(m_hasMore);
}

void AuditLogPage::showEntry()
{
    const QModelIndexList rows = m_ui->entriesTable->selectionModel()->selectedRows();
    const AuditEntry *entry =
        rows.isEmpty() ? nullptr
                       : m_entries->recordByKey(rows.first().data(RecordIdRole).toString());
    if (!entry) {
        showHint(m_ui->entryLabel, tr("Select an entry to see what changed."));
        m_ui->beforeEdit->clear();
        m_ui->afterEdit->clear();
        return;
    }
    QString text = tr("%1 · %2 · %3 %4")
                       .arg(formatTimestamp(entry->occurredAt), auditActorText(entry->actor),
                            entry->entityType, entry->entityId);
    if (!entry->actor.requestId.isEmpty())
        text += tr(" · request %1").arg(entry->actor.requestId);
    text += u'\n' + entry->summary;
    m_ui->entryLabel->setStyleSheet({});
    m_ui->entryLabel->setText(text);
    m_ui->entryLabel->setVisible(true);
    m_ui->beforeEdit->setPlainText(prettyJson(entry->before));
    m_ui->afterEdit->setPlainText(prettyJson(entry->after));
}

} // namespace hopstep
