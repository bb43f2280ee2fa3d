#include "secretdialog.h"
#include "ui_secretdialog.h"

#include "pagesupport.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace hopstep {

SecretDialog::SecretDialog(const QString &windowTitle, const QString &intro, const QString &secret,
                           Recipient recipient, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SecretDialog>())
    , m_secret(secret)
{
    m_ui->setupUi(this);
    setWindowTitle(windowTitle);
    m_ui->introLabel->setText(intro);
    m_ui->secretEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->secretEdit->setText(secret);
    m_ui->secretEdit->setMinimumWidth(m_ui->secretEdit->fontMetrics().horizontalAdvance(secret) +
                                      24);
    m_ui->secretEdit->selectAll();
    if (recipient == Recipient::Ats) {
        m_ui->warningLabel->setText(
            tr("This is the only time hopstep shows it: hopstep stores only a hash. Copy it now "
               "into your password manager or send it to the ATS through a secure channel. If "
               "it is lost, issue a new one and revoke this one."));
    } else {
        m_ui->warningLabel->setText(
            tr("This is the only time hopstep shows it: hopstep stores only a hash. Give it "
               "only to its owner, who keeps it in a password manager or pastes it into File → "
               "Connect…. Never send it to an ATS. If it is lost, issue a new one and revoke "
               "this one."));
        m_ui->storedCheck->setText(tr("I have stored the token somewhere safe, or handed it to "
                                      "its owner"));
    }
    m_ui->warningLabel->setStyleSheet(u"color: %1;"_s.arg(QLatin1StringView(colors::warning)));

    connect(m_ui->copyButton, &QPushButton::clicked, this, &SecretDialog::copy);
    connect(m_ui->storedCheck, &QCheckBox::toggled, this, &SecretDialog::updateCloseButton);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SecretDialog::reject);
    updateCloseButton();
    m_ui->copyButton->setFocus();
}

SecretDialog::~SecretDialog() = default;

void SecretDialog::copy()
{
    QGuiApplication::clipboard()->setText(m_secret);
    m_copied = true;
    m_ui->copyButton->setText(tr("Copied"));
    updateCloseButton();
}

void SecretDialog::updateCloseButton()
{
    const bool mayClose = m_copied || m_ui->storedCheck->isChecked();
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setEnabled(mayClose);
}

void SecretDialog::done(int result)
{
    // Escape and the window's close button also end here. Without a copy the key would be gone
    // for good, so they wait for the same confirmation as the Close button.
    if (!m_copied && !m_ui->storedCheck->isChecked())
        return;
    m_ui->secretEdit->clear();
    m_secret.fill(u'\0');
    m_secret.clear();
    QDialog::done(result);
}

} // namespace hopstep
