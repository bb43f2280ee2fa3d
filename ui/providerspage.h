#pragma once

#include "apiclient.h"
#include "catalog.h"
#include "credentialstore.h"
#include "onboarding.h"

#include <QJsonObject>
#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class ProvidersPage;
}

class QProgressDialog;

namespace hopstep {

class ApiKeyTableModel;
class ConsoleSession;
class ConsoleSettings;
class FacilityTableModel;
class OnboardingStepModel;
class RecordFilterProxyModel;

// The integrations team's page for onboarding an ATS: the providers with their state, and for
// the selected one its six onboarding steps, facilities and API keys, with the actions on each.
// What the signed-in role may not do is disabled, with the role it needs in the tooltip.
class ProvidersPage : public QWidget
{
    Q_OBJECT

public:
    ProvidersPage(ConsoleSession *session, ConsoleSettings *settings, QWidget *parent = nullptr);
    ~ProvidersPage() override;

    // Selects the provider's row, clearing the filter when it hides the row.
    bool selectProvider(const QString &providerId);
    QString selectedProviderId() const;
    // Fetches the selected provider's details again.
    void refresh();
    void saveLayout();

    // Exports the onboarding pack, as the Export button does. ExportPackDialog takes the folder,
    // then the page fetches, writes and records the pack with cancellable progress.
    void exportOnboardingPack();

signals:
    // A sentence for the status bar.
    void statusMessage(const QString &message);
    // Staff asked to review a job in the jobs page.
    void showJobRequested(const QString &jobId);
    // The selected provider's details arrived and the page shows them.
    void detailShown(const QString &providerId);

private:
    void setUpTables();
    void connectActions();
    void restoreLayout();

    void showDetail(const QJsonObject &detail);
    void clearDetail();
    void updateActions();
    void handleSelection();
    void handleFailure(const QString &title, const ApiFailure &failure);
    // Sends a change and refreshes the details and the providers list when it succeeds.
    void sendChange(const QByteArray &method, const QString &path, const QJsonObject &body,
                    const QString &failureTitle, const QString &doneMessage);

    void createProvider();
    void editProvider();
    void toggleProviderActive();
    void markStep(OnboardingStep step);
    void goLive();
    void createFacility();
    void editFacility();
    void toggleFacilityActive();
    void copyFacilityId();
    void issueKey();
    void rotateKey();
    void revokeKey();
    void showNewSecret(const QJsonObject &answer, const QString &windowTitle);
    void writePack(const QJsonObject &choices, const QJsonObject &data, QProgressDialog *progress);

    const Facility *selectedFacility() const;
    const ApiKeyRecord *selectedKey() const;

    std::unique_ptr<Ui::ProvidersPage> m_ui;
    ConsoleSession *m_session;
    ConsoleSettings *m_settings;
    RecordFilterProxyModel *m_providersProxy;
    FacilityTableModel *m_facilities;
    RecordFilterProxyModel *m_facilitiesProxy;
    ApiKeyTableModel *m_keys;
    RecordFilterProxyModel *m_keysProxy;
    OnboardingStepModel *m_steps;
    // The selected provider as the last detail response described it.
    std::optional<ProviderSummary> m_provider;
    OnboardingProgress m_progress;
    QString m_selectAfterRefresh;
    quint64 m_detailCall = 0;
    bool m_busy = false;
};

} // namespace hopstep
