#include "staffpage.h"
#include "ui_staffpage.h"

#include "consolesession.h"
#include "consolesettings.h"
#include "logcategories.h"
#include "messageboxes.h"
#include "onboardingdialogs.h"
#include "pagesupport.h"
#include "secretdialog.h"
#include "stafftablemodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QSortFilterProxyModel>

using namespace Qt::StringLiterals;

namespace hopstep {

StaffPage::StaffPage(ConsoleSession *session, ConsoleSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::StaffPage>())
    , m_session(session)
    , m_settings(settings)
    , m_members(new StaffTableModel(this))
    , m_proxy(new RecordFilterProxyModel(this))
    , m_tokens(new StaffTokenTableModel(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_members);
    auto *tokenProxy = new QSortFilterProxyModel(this);
    tokenProxy->setSourceModel(m_tokens);
    tokenProxy->setSortRole(RecordSortRole);
    m_ui->staffTable->setModel(m_proxy);
    m_ui->tokensTable->setModel(tokenProxy);
    setUpRecordTable(m_ui->staffTable);
    setUpRecordTable(m_ui->tokensTable);
    makeCaption(m_ui->tokensCaption);
    showHint(m_ui->hintLabel,
             tr("Deactivating an account stops all of its tokens on their next request; nothing "
                "is deleted. The only active admin cannot lose the admin role."));

    if (!m_ui->staffSplitter->restoreState(m_settings->layoutState(u"staff/splitter"_s)))
        m_ui->staffSplitter->setSizes({520, 280});
    restoreHeader(m_ui->staffTable->horizontalHeader(), m_settings, u"staff/header"_s,
                  {24, 32, 36, 12, 8, 17});
    restoreHeader(m_ui->tokensTable->horizontalHeader(), m_settings, u"staff/tokensHeader"_s,
                  {15, 24, 10, 17, 17});
    m_ui->staffTable->sortByColumn(StaffTableModel::NameColumn, Qt::AscendingOrder);
    m_ui->tokensTable->sortByColumn(StaffTokenTableModel::CreatedColumn, Qt::DescendingOrder);

    connect(m_ui->filterEdit, &QLineEdit::textChanged, m_proxy,
            &RecordFilterProxyModel::setTextFilter);
    connect(m_ui->staffTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] {
                refreshTokens();
                updateActions();
            });
    connect(m_ui->tokensTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StaffPage::updateActions);
    connect(m_ui->staffTable, &QTableView::activated, this, &StaffPage::editMember);
    connect(m_ui->newButton, &QPushButton::clicked, this, &StaffPage::createMember);
    connect(m_ui->editButton, &QPushButton::clicked, this, &StaffPage::editMember);
    connect(m_ui->activeButton, &QPushButton::clicked, this, &StaffPage::toggleActive);
    connect(m_ui->issueTokenButton, &QPushButton::clicked, this, &StaffPage::issueToken);
    connect(m_ui->revokeTokenButton, &QPushButton::clicked, this, &StaffPage::revokeToken);
    connect(m_session, &ConsoleSession::stateChanged, this, [this] {
        updateActions();
        if (m_session->may(StaffRole::Admin))
            refresh();
    });
    updateActions();
}

StaffPage::~StaffPage() = default;

void StaffPage::saveLayout()
{
    m_settings->setLayoutState(u"staff/splitter"_s, m_ui->staffSplitter->saveState());
    m_settings->setLayoutState(u"staff/header"_s,
                               m_ui->staffTable->horizontalHeader()->saveState());
    m_settings->setLayoutState(u"staff/tokensHeader"_s,
                               m_ui->tokensTable->horizontalHeader()->saveState());
}

void StaffPage::refresh()
{
    if (!m_session->may(StaffRole::Admin))
        return;
    m_session->client()->call(
        "GET", ApiClient::adminPath(u"staff"_s), {}, std::nullopt, this,
        [this](const QJsonObject &answer) {
            QList<StaffMember> members;
            const QJsonArray items = answer.value(u"items"_s).toArray();
            for (const QJsonValue &item : items)
                members.append(staffMemberFromJson(item.toObject()));
            m_members->setRecords(members);
            refreshTokens();
            updateActions();
        },
        [this](const ApiFailure &failure) { emit statusMessage(failure.message); });
}

QString StaffPage::selectedMemberId() const
{
    const QModelIndexList rows = m_ui->staffTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(RecordIdRole).toString();
}

bool StaffPage::selectMember(const QString &staffId)
{
    const int row = m_members->rowOf(staffId);
    if (row < 0)
        return false;
    m_ui->filterEdit->clear();
    const QModelIndex index = m_proxy->mapFromSource(m_members->index(row, 0));
    m_ui->staffTable->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                   QItemSelectionModel::Rows);
    return true;
}

void StaffPage::refreshTokens()
{
    const QString id = selectedMemberId();
    if (id.isEmpty()) {
        m_tokens->clear();
        return;
    }
    m_session->client()->call(
        "GET", ApiClient::adminPath(u"staff"_s, id), {}, std::nullopt, this,
        [this, id](const QJsonObject &answer) {
            if (selectedMemberId() != id)
                return;
            QList<StaffTokenRecord> tokens;
            const QJsonArray items = answer.value(u"tokens"_s).toArray();
            for (const QJsonValue &item : items)
                tokens.append(staffTokenFromJson(item.toObject()));
            m_tokens->setRecords(tokens);
            updateActions();
        },
        [this](const ApiFailure &failure) { emit statusMessage(failure.message); });
}

void StaffPage::updateActions()
{
    const bool admin = m_session->may(StaffRole::Admin);
    const StaffMember *member = m_members->recordByKey(selectedMemberId());
    const QModelIndexList tokenRows = m_ui->tokensTable->selectionModel()->selectedRows();
    const StaffTokenRecord *token =
        tokenRows.isEmpty()
            ? nullptr
            : m_tokens->recordByKey(tokenRows.first().data(RecordIdRole).toString());
    allowFor(m_ui->newButton, true, admin, StaffRole::Admin, tr("Create a staff account"));
    allowFor(m_ui->editButton, member != nullptr, admin, StaffRole::Admin,
             tr("Change the name, email and roles"));
    m_ui->activeButton->setText(member && !member->active ? tr("Re&activate…")
                                                          : tr("De&activate…"));
    allowFor(m_ui->activeButton, member != nullptr, admin, StaffRole::Admin,
             tr("A deactivated account's tokens stop working at once"));
    allowFor(m_ui->issueTokenButton, member && member->active, admin, StaffRole::Admin,
             tr("Issue a personal token; it is shown once"));
    allowFor(m_ui->revokeTokenButton, token && !token->isRevoked(), admin, StaffRole::Admin,
             tr("Stop the token on its next request"));
}

void StaffPage::createMember()
{
    StaffDialog dialog(std::nullopt, this);
    QString createdId;
    dialog.setSubmitHandler([&](const QJsonObject &body) {
        m_session->client()->call(
            "POST", ApiClient::adminPath(u"staff"_s), {}, body, &dialog,
            [&](const QJsonObject &answer) {
                createdId = answer.value(u"id"_s).toString();
                dialog.succeed();
            },
            [&](const ApiFailure &failure) { dialog.fail(failure.message); });
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    emit statusMessage(tr("Created the staff account; issue a token so they can sign in."));
    m_session->client()->call(
        "GET", ApiClient::adminPath(u"staff"_s), {}, std::nullopt, this,
        [this, createdId](const QJsonObject &answer) {
            QList<StaffMember> members;
            const QJsonArray items = answer.value(u"items"_s).toArray();
            for (const QJsonValue &item : items)
                members.append(staffMemberFromJson(item.toObject()));
            m_members->setRecords(members);
            selectMember(createdId);
        },
        [this](const ApiFailure &failure) { emit statusMessage(failure.message); });
}

void StaffPage::editMember()
{
    const StaffMember *selected = m_members->recordByKey(selectedMemberId());
    if (!selected || !m_session->may(StaffRole::Admin))
        return;
    const StaffMember member = *selected;
    StaffDialog dialog(member, this);
    dialog.setSubmitHandler([&](const QJsonObject &body) {
        m_session->client()->call(
            "PATCH", ApiClient::adminPath(u"staff"_s, member.id), {}, body, &dialog,
            [&](const QJsonObject &) { dialog.succeed(); },
            [&](const ApiFailure &failure) { dialog.fail(failure.message); });
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    emit statusMessage(tr("Saved the staff account of %1.").arg(member.name));
    refresh();
}

void StaffPage::toggleActive()
{
    const StaffMember *selected = m_members->recordByKey(selectedMemberId());
    if (!selected)
        return;
    const StaffMember member = *selected;
    Confirmation confirmation;
    confirmation.windowTitle =
        member.active ? tr("Deactivate staff account") : tr("Reactivate staff account");
    confirmation.question = member.active ? tr("Deactivate the account of %1?").arg(member.name)
                                          : tr("Reactivate the account of %1?").arg(member.name);
    confirmation.consequence =
        member.active ? tr("Its %n token(s) stop working on their next request. Nothing is "
                           "deleted; reactivating restores them.",
                           nullptr, member.activeTokens)
                      : tr("Its tokens that were not revoked work again.");
    confirmation.acceptText = member.active ? tr("Deactivate") : tr("Reactivate");
    confirmation.icon = member.active ? QMessageBox::Warning : QMessageBox::Question;
    confirmation.cancelByDefault = member.active;
    if (!askToConfirm(this, confirmation))
        return;
    m_session->client()->call(
        "PATCH", ApiClient::adminPath(u"staff"_s, member.id), {},
        QJsonObject{{u"active"_s, !member.active}}, this,
        [this, member](const QJsonObject &) {
            emit statusMessage(member.active
                                   ? tr("Deactivated the account of %1.").arg(member.name)
                                   : tr("Reactivated the account of %1.").arg(member.name));
            refresh();
        },
        [this](const ApiFailure &failure) {
            openWarning(this, tr("Could not change the staff account"), failure.message);
        });
}

void StaffPage::issueToken()
{
    const StaffMember *selected = m_members->recordByKey(selectedMemberId());
    if (!selected)
        return;
    const StaffMember member = *selected;
    Confirmation confirmation;
    confirmation.windowTitle = tr("Issue staff token");
    confirmation.question = tr("Issue a personal token to %1?").arg(member.name);
    confirmation.consequence = tr("The token is shown once. %1 pastes it under File → Connect… "
                                  "in the console.")
                                   .arg(member.name);
    confirmation.acceptText = tr("Issue Token");
    if (!askToConfirm(this, confirmation))
        return;
    m_session->client()->call(
        "POST", ApiClient::adminPath(u"staff"_s, member.id, u"tokens"_s), {},
        QJsonObject{{u"label"_s, u"console"_s}}, this,
        [this, member](const QJsonObject &answer) {
            refresh();
            SecretDialog dialog(tr("New staff token"),
                                tr("The personal token of %1, for the admin API and the "
                                   "console.")
                                    .arg(member.name),
                                answer.value(u"secret"_s).toString(),
                                SecretDialog::Recipient::StaffMember, this);
            dialog.exec();
            emit statusMessage(
                tr("Issued staff token %1…; it is not shown again.")
                    .arg(answer.value(u"token"_s).toObject().value(u"prefix"_s).toString()));
        },
        [this](const ApiFailure &failure) {
            openWarning(this, tr("Could not issue the token"), failure.message);
        });
}

void StaffPage::revokeToken()
{
    const QModelIndexList rows = m_ui->tokensTable->selectionModel()->selectedRows();
    const StaffTokenRecord *selected =
        rows.isEmpty() ? nullptr
                       : m_tokens->recordByKey(rows.first().data(RecordIdRole).toString());
    if (!selected)
        return;
    const StaffTokenRecord token = *selected;
    Confirmation confirmation;
    confirmation.windowTitle = tr("Revoke staff token");
    confirmation.question = tr("Revoke token %1…?").arg(token.prefix);
    confirmation.consequence = tr("A console using it is refused from its next request on. This "
                                  "cannot be undone.");
    confirmation.acceptText = tr("Revoke");
    confirmation.icon = QMessageBox::Warning;
    confirmation.cancelByDefault = true;
    if (!askToConfirm(this, confirmation))
        return;
    m_session->client()->call(
        "POST", ApiClient::adminPath(u"staff-tokens"_s, token.id, u"revoke"_s), {}, std::nullopt,
        this,
        [this, token](const QJsonObject &) {
            emit statusMessage(tr("Revoked token %1….").arg(token.prefix));
            refresh();
        },
        [this](const ApiFailure &failure) {
            openWarning(this, tr("Could not revoke the token"), failure.message);
        });
}

} // namespace hopstep
