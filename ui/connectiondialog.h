#pragma once

#include <QDialog>
#include <QString>
#include <QUrl>

#include <memory>

namespace Ui {
class ConnectionDialog;
}

namespace hopstep {

class ApiClient;
class ConsoleSettings;
struct ApiFailure;
struct StaffIdentity;

// Edits the hopstep-api URL and staff token in the settings, or chooses the local service.
// Save checks the URL and token with GET /admin/me first and stores them only when the service
// accepts them. Otherwise the dialog stays open and shows the reason.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectionDialog(ConsoleSettings *settings, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void reject() override;

private:
    void save();
    void handleIdentity(const StaffIdentity &identity);
    void handleFailure(const ApiFailure &failure);
    void setChecking(bool checking);
    void showError(const QString &message);
    void updateFields();

    std::unique_ptr<Ui::ConnectionDialog> m_ui;
    ConsoleSettings *m_settings;
    ApiClient *m_client;
    QUrl m_checkedUrl;
    QString m_checkedToken;
};

} // namespace hopstep
