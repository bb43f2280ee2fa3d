#pragma once

#include "apiclient.h"

#include <QTimer>
#include <QUrlQuery>
#include <QWidget>

#include <memory>

namespace Ui {
class AuditLogPage;
}

class QProgressDialog;

namespace hopstep {

class AuditLogModel;
class ConsoleSession;
class ConsoleSettings;

// The audit log: who (staff or API key) changed what, when, and the changed values before and
// after, filtered by actor, action, entity, provider and date on the service. The newest page
// loads first; older pages load on request, or all at once with cancellable progress.
class AuditLogPage : public QWidget
{
    Q_OBJECT

public:
    AuditLogPage(ConsoleSession *session, ConsoleSettings *settings, QWidget *parent = nullptr);
    ~AuditLogPage() override;

    // Loads the newest page for the current filters.
    void refresh();
    void saveLayout();
    AuditLogModel *entries() const { return m_entries; }
    // Shows only the entries of one entity, e.g. ("provider", id), as "Show in audit log" does.
    void filterByEntity(const QString &entityType, const QString &entityId);
    // The query the filters make, without paging; the tests read it.
    QUrlQuery filterQuery() const;

    static constexpr int pageSize = 200;

signals:
    void statusMessage(const QString &message);
    void refreshed();

private:
    void loadPage(bool append);
    void loadAll();
    void loadNextOfAll(QProgressDialog *progress);
    void showEntry();
    void clearFilters();
    void updateProviders();
    void updateCount();

    std::unique_ptr<Ui::AuditLogPage> m_ui;
    ConsoleSession *m_session;
    ConsoleSettings *m_settings;
    AuditLogModel *m_entries;
    QTimer m_filterDelay;
    QString m_entityId;
    bool m_hasMore = false;
    quint64 m_call = 0;
};

} // namespace hopstep
