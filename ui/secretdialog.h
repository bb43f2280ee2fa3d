#pragma once

#include <QDialog>
#include <QString>

#include <memory>

namespace Ui {
class SecretDialog;
}

namespace hopstep {

// Shows a newly issued API key or staff token. This is the only time it is shown, because
// hopstep stores only its hash. A copy button puts it on the clipboard. Close stays disabled until
// the key was copied or staff tick that they stored it, so it is not lost by an early click. The
// secret is wiped from the widget when the dialog closes.
class SecretDialog : public QDialog
{
    Q_OBJECT

public:
    // The recipient of the secret: an ATS gets an API key, a staff member a personal token.
    enum class Recipient { Ats, StaffMember };

    SecretDialog(const QString &windowTitle, const QString &intro, const QString &secret,
                 Recipient recipient, QWidget *parent = nullptr);
    ~SecretDialog() override;

    void done(int result) override;
    bool wasCopied() const { return m_copied; }

private:
    void copy();
    void updateCloseButton();

    std::unique_ptr<Ui::SecretDialog> m_ui;
    QString m_secret;
    bool m_copied = false;
};

} // namespace hopstep
