#include "connectiondialog.h"
#include "ui_connectiondialog.h"

#include "apiclient.h"
#include "consolesettings.h"
#include "logcategories.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace hopstep {

ConnectionDialog::ConnectionDialog(ConsoleSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ConnectionDialog>())
    , m_settings(settings)
    , m_client(new ApiClient(this))
{
    m_ui->setupUi(this);

    const bool configured = settings->hasConnection();
    m_ui->localRadio->setChecked(!configured);
    m_ui->remoteRadio->setChecked(configured);
    m_ui->urlEdit->setText(settings->apiUrl().toString());
    m_ui->tokenEdit->setText(settings->token());
    m_ui->urlEdit->setClearButtonEnabled(true);
    m_ui->statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    updateFields();

    connect(m_ui->localRadio, &QRadioButton::toggled, this, &ConnectionDialog::updateFields);
    connect(m_ui->showTokenCheck, &QCheckBox::toggled, this, [this](bool show) {
        m_ui->tokenEdit->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ConnectionDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_client, &ApiClient::identityFetched, this, &ConnectionDialog::handleIdentity);
    connect(m_client, &ApiClient::requestFailed, this, &ConnectionDialog::handleFailure);
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::reject()
{
    // Abandon a check still in flight, so its reply cannot save anything.
    m_client->setConnection({}, {});
    QDialog::reject();
}

void ConnectionDialog::updateFields()
{
    const bool remote = !m_ui->localRadio->isChecked();
    m_ui->urlEdit->setEnabled(remote);
    m_ui->tokenEdit->setEnabled(remote);
    m_ui->showTokenCheck->setEnabled(remote);
    m_ui->statusLabel->clear();
}

void ConnectionDialog::save()
{
    if (m_ui->localRadio->isChecked()) {
        m_settings->clearConnection();
        qCInfo(lcConsole) << "Connection set to the local hopstep-api";
        accept();
        return;
    }

    QString error;
    const QUrl url = parseApiUrl(m_ui->urlEdit->text(), &error);
    if (!url.isValid()) {
        showError(error);
        m_ui->urlEdit->setFocus();
        return;
    }
    const QString token = m_ui->tokenEdit->text().trimmed();
    if (token.isEmpty()) {
        showError(tr("The staff token is missing. Paste the hst_… token that "
                     "hopstep-api create-staff-token printed."));
        m_ui->tokenEdit->setFocus();
        return;
    }

    m_checkedUrl = url;
    m_checkedToken = token;
    m_client->setConnection(url, token);
    setChecking(true);
    m_ui->statusLabel->setStyleSheet({});
    m_ui->statusLabel->setText(tr("Checking %1…").arg(m_client->displayUrl()));
    m_client->fetchIdentity();
}

void ConnectionDialog::handleIdentity(const StaffIdentity &identity)
{
    m_settings->setApiUrl(m_checkedUrl);
    m_settings->setToken(m_checkedToken);
    m_settings->sync();
    qCInfo(lcConsole).noquote() << "Connection set to" << m_client->displayUrl() << "as"
                                << identity.name << "with token" << identity.tokenPrefix;
    setChecking(false);
    accept();
}

void ConnectionDialog::handleFailure(const ApiFailure &failure)
{
    setChecking(false);
    showError(failure.message);
}

void ConnectionDialog::setChecking(bool checking)
{
    m_ui->localRadio->setEnabled(!checking);
    m_ui->remoteRadio->setEnabled(!checking);
    m_ui->urlEdit->setEnabled(!checking);
    m_ui->tokenEdit->setEnabled(!checking);
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(!checking);
}

void ConnectionDialog::showError(const QString &message)
{
    m_ui->statusLabel->setStyleSheet(u"color: #a61b1b;"_s);
    m_ui->statusLabel->setText(message);
}

} // namespace hopstep
