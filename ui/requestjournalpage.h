#pragma once

#include "apiclient.h"

#include <QTimer>
#include <QUrlQuery>
#include <QWidget>

#include <memory>

namespace Ui {
class RequestJournalPage;
}

namespace hopstep {

class ConsoleSession;
class ConsoleSettings;
class RequestJournalModel;

// The request journal: every request an ATS sent to the Open API, filtered by provider, key,
// status, error code and text on the service; for the selected request, its errors and
// warnings next to the body that caused them.
class RequestJournalPage : public QWidget
{
    Q_OBJECT

public:
    RequestJournalPage(ConsoleSession *session, ConsoleSettings *settings,
                       QWidget *parent = nullptr);
    ~RequestJournalPage() override;

    // Loads the newest page for the current filters.
    void refresh();
    void saveLayout();
    RequestJournalModel *requests() const { return m_requests; }
    // The query the filters make, without paging; the tests read it.
    QUrlQuery filterQuery() const;

    static constexpr int pageSize = 200;

signals:
    void statusMessage(const QString &message);
    void refreshed();
    // The body of the selected request arrived and is shown.
    void requestShown(qint64 id);

private:
    void loadPage(bool append);
    void showSelection();
    void showRequest(const QJsonObject &entry);
    void clearFilters();
    void updateProviders();
    void updateCount();

    std::unique_ptr<Ui::RequestJournalPage> m_ui;
    ConsoleSession *m_session;
    ConsoleSettings *m_settings;
    RequestJournalModel *m_requests;
    QTimer m_filterDelay;
    int m_total = 0;
    quint64 m_listCall = 0;
    quint64 m_detailCall = 0;
};

} // namespace hopstep
