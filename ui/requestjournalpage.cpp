#include "requestjournalpage.h"
#include "ui_requestjournalpage.h"

#include "consolesession.h"
#include "consolesettings.h"
#include "job.h"
#include "pagesupport.h"
#include "providermodels.h"
#include "requestjournalmodel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSortFilterProxyModel>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

// The body pretty-printed when it is JSON, so a reviewer finds the field an error names.
QString readableBody(const QString &body, bool truncated)
{
    QString text = body;
    const QJsonDocument document = QJsonDocument::fromJson(body.toUtf8());
    if (document.isObject() || document.isArray())
        text = QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    if (truncated)
        text += QObject::tr("\n… (cut at %1 KiB; the service keeps no more)").arg(16);
    return text;
}

} // namespace

RequestJournalPage::RequestJournalPage(ConsoleSession *session, ConsoleSettings *settings,
                                       QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RequestJournalPage>())
    , m_session(session)
    , m_settings(settings)
    , m_requests(new RequestJournalModel(this))
{
    m_ui->setupUi(this);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_requests);
    proxy->setSortRole(RecordSortRole);
    m_ui->requestsTable->setModel(proxy);
    setUpRecordTable(m_ui->requestsTable);
    m_ui->requestsTable->sortByColumn(RequestJournalModel::TimeColumn, Qt::DescendingOrder);
    makeCaption(m_ui->issuesCaption);
    makeCaption(m_ui->bodyCaption);
    m_ui->bodyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->requestLabel->setTextFormat(Qt::PlainText);
    m_ui->countLabel->setVisible(true);

    const QList<std::pair<QString, QString>> statuses = {{tr("Any status"), QString()},
                                                         {tr("Accepted (2xx)"), u"2xx"_s},
                                                         {tr("Rejected (4xx)"), u"4xx"_s},
                                                         {tr("Failed (5xx)"), u"5xx"_s},
                                                         {u"400"_s, u"400"_s},
                                                         {u"401"_s, u"401"_s},
                                                         {u"403"_s, u"403"_s},
                                                         {u"404"_s, u"404"_s},
                                                         {u"409"_s, u"409"_s},
                                                         {u"412"_s, u"412"_s},
                                                         {u"413"_s, u"413"_s},
                                                         {u"415"_s, u"415"_s},
                                                         {u"422"_s, u"422"_s},
                                                         {u"429"_s, u"429"_s}};
    for (const auto &[label, value] : statuses)
        m_ui->statusCombo->addItem(label, value);
    m_ui->codeCombo->addItem(QString());
    for (const QString &code :
         {u"validation-failed"_s, u"malformed-json"_s, u"invalid-utf8"_s,
          u"unsupported-media-type"_s, u"missing-credentials"_s, u"unknown-credentials"_s,
          u"forbidden-provider"_s, u"job-not-found"_s, u"precondition-failed"_s, u"rate-limited"_s,
          u"idempotency-key-reused"_s, u"required"_s, u"type"_s, u"not-allowed"_s, u"range"_s,
          u"unknown-category"_s, u"state-mismatch"_s, u"scheme"_s, u"private-host"_s}) {
        m_ui->codeCombo->addItem(code);
    }
    m_ui->codeCombo->lineEdit()->setPlaceholderText(tr("Any problem or field code"));
    updateProviders();

    if (!m_ui->journalSplitter->restoreState(m_settings->layoutState(u"journal/splitter"_s)))
        m_ui->journalSplitter->setSizes({560, 300});
    restoreHeader(m_ui->requestsTable->horizontalHeader(), m_settings, u"journal/header"_s,
                  {19, 6, 8, 44, 14, 30, 38, 7});

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(300);
    connect(&m_filterDelay, &QTimer::timeout, this, &RequestJournalPage::refresh);
    const auto later = [this] {
        m_filterDelay.start();
    };
    connect(m_ui->providerCombo, &QComboBox::currentIndexChanged, this, later);
    connect(m_ui->keyEdit, &QLineEdit::textChanged, this, later);
    connect(m_ui->statusCombo, &QComboBox::currentIndexChanged, this, later);
    connect(m_ui->codeCombo, &QComboBox::currentTextChanged, this, later);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, this, later);
    connect(m_ui->clearButton, &QPushButton::clicked, this, &RequestJournalPage::clearFilters);
    connect(m_ui->loadMoreButton, &QPushButton::clicked, this, [this] { loadPage(true); });
    connect(m_ui->requestsTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RequestJournalPage::showSelection);
    connect(m_session, &ConsoleSession::providersRefreshed, this,
            &RequestJournalPage::updateProviders);
    connect(m_session, &ConsoleSession::stateChanged, this, [this] {
        if (m_session->state() == ConsoleSession::State::Connected)
            refresh();
    });
    showSelection();
    updateCount();
}

RequestJournalPage::~RequestJournalPage() = default;

void RequestJournalPage::saveLayout()
{
    m_settings->setLayoutState(u"journal/splitter"_s, m_ui->journalSplitter->saveState());
    m_settings->setLayoutState(u"journal/header"_s,
                               m_ui->requestsTable->horizontalHeader()->saveState());
}

void RequestJournalPage::updateProviders()
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

QUrlQuery RequestJournalPage::filterQuery() const
{
    QUrlQuery query;
    const QString provider = m_ui->providerCombo->currentData().toString();
    if (!provider.isEmpty())
        query.addQueryItem(u"providerId"_s, provider);
    const QString key = m_ui->keyEdit->text().trimmed();
    if (!key.isEmpty())
        query.addQueryItem(u"keyPrefix"_s, key);
    const QString status = m_ui->statusCombo->currentData().toString();
    if (!status.isEmpty())
        query.addQueryItem(u"status"_s, status);
    const QString code = m_ui->codeCombo->currentText().trimmed();
    if (!code.isEmpty())
        query.addQueryItem(u"code"_s, code);
    const QString text = m_ui->searchEdit->text().trimmed();
    if (!text.isEmpty())
        query.addQueryItem(u"q"_s, text);
    return query;
}

void RequestJournalPage::clearFilters()
{
    const QSignalBlocker provider(m_ui->providerCombo);
    const QSignalBlocker key(m_ui->keyEdit);
    const QSignalBlocker status(m_ui->statusCombo);
    const QSignalBlocker code(m_ui->codeCombo);
    const QSignalBlocker search(m_ui->searchEdit);
    m_ui->providerCombo->setCurrentIndex(0);
    m_ui->keyEdit->clear();
    m_ui->statusCombo->setCurrentIndex(0);
    m_ui->codeCombo->setCurrentIndex(0);
    m_ui->codeCombo->clearEditText();
    m_ui->searchEdit->clear();
    m_filterDelay.start();
}

void RequestJournalPage::refresh()
{
    m_filterDelay.stop();
    loadPage(false);
}

void RequestJournalPage::loadPage(bool append)
{
    QUrlQuery query = filterQuery();
    query.addQueryItem(u"limit"_s, QString::number(pageSize));
    if (append)
        query.addQueryItem(u"offset"_s, QString::number(m_requests->rowCount()));
    ApiClient *client = m_session->client();
    client->cancel(m_listCall);
    m_ui->loadMoreButton->setEnabled(false);
    m_listCall = client->call(
        "GET", ApiClient::adminPath(u"requests"_s), query, std::nullopt, this,
        [this, append](const QJsonObject &answer) {
            QList<JournalEntry> entries;
            const QJsonArray items = answer.value(u"items"_s).toArray();
            for (const QJsonValue &item : items)
                entries.append(journalEntryFromJson(item.toObject()));
            if (append)
                m_requests->appendRecords(entries);
            else
                m_requests->setRecords(entries);
            m_total = answer.value(u"total"_s).toInt();
            updateCount();
            emit refreshed();
        },
        [this](const ApiFailure &failure) {
            updateCount();
            emit statusMessage(failure.message);
        });
}

void RequestJournalPage::updateCount()
{
    const int shown = m_requests->rowCount();
    m_ui->countLabel->setText(shown == 0 ? tr("No requests match the filters.")
                                         : tr("%1 of %2 requests").arg(shown).arg(m_total));
    m_ui->loadMoreButton->setEnabled(shown < m_total);
}

void RequestJournalPage::showSelection()
{
    const QModelIndexList rows = m_ui->requestsTable->selectionModel()->selectedRows();
    m_session->client()->cancel(m_detailCall);
    if (rows.isEmpty()) {
        m_ui->requestLabel->setText(tr("Select a request to see its errors next to its body."));
        m_ui->issuesEdit->clear();
        m_ui->bodyEdit->clear();
        return;
    }
    const QString id = rows.first().data(RecordIdRole).toString();
    m_ui->bodyEdit->setPlainText(tr("Loading…"));
    m_detailCall = m_session->client()->call(
        "GET", ApiClient::adminPath(u"requests"_s, id), {}, std::nullopt, this,
        [this](const QJsonObject &entry) { showRequest(entry); },
        [this](const ApiFailure &failure) {
            m_ui->bodyEdit->setPlainText(failure.message);
            emit statusMessage(failure.message);
        });
}

void RequestJournalPage::showRequest(const QJsonObject &object)
{
    const JournalEntry entry = journalEntryFromJson(object);
    QString summary = tr("%1 %2 answered %3 in %4 ms, received %5, request %6")
                          .arg(entry.method, entry.path)
                          .arg(entry.status)
                          .arg(double(entry.durationMicroseconds) / 1000.0, 0, 'f', 1)
                          .arg(formatTimestamp(entry.receivedAt), entry.requestId);
    if (!entry.keyPrefix.isEmpty())
        summary += tr(", key %1").arg(entry.keyPrefix);
    if (!entry.jobId.isEmpty())
        summary += tr(", job %1").arg(entry.jobId);
    m_ui->requestLabel->setText(summary + u'.');
    const QString issues = journalIssuesText(entry);
    m_ui->issuesEdit->setPlainText(
        issues.isEmpty() ? (entry.status < 400 ? tr("Accepted without warnings.")
                                               : tr("Rejected: %1").arg(entry.problemCode))
                         : issues);
    m_ui->bodyEdit->setPlainText(
        entry.body.isEmpty() ? tr("(no body)") : readableBody(entry.body, entry.bodyTruncated));
    emit requestShown(entry.id);
}

} // namespace hopstep
