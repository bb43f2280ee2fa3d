#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QUrl>

namespace hopstep {

// The console's stored preferences: the service and staff token it connects to, the token of
// its local server, the refresh interval and the window layout. Kept in QSettings under
// organisation "hopstep", application "hopstep-console".
class ConsoleSettings
{
public:
    ConsoleSettings();

    // The configured service. Without both a URL and a token the console starts a local one.
    QUrl apiUrl() const;
    void setApiUrl(const QUrl &url);
    QString token() const;
    void setToken(const QString &token);
    bool hasConnection() const;
    void clearConnection();

    // The staff token that create-staff-token issued for the local server's database.
    struct LocalCredentials
    {
        QString databasePath;
        QString token;
    };
    LocalCredentials localCredentials() const;
    void setLocalCredentials(const LocalCredentials &credentials);

    // Seconds between automatic refreshes of the jobs table.
    int refreshIntervalSeconds() const;
    void setRefreshIntervalSeconds(int seconds);
    static constexpr int defaultRefreshIntervalSeconds = 15;
    static constexpr int minimumRefreshIntervalSeconds = 1;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    // The splitter between the jobs table and the panes below it.
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray &state);
    // The splitter between the preview and the job details.
    QByteArray detailsSplitterState() const;
    void setDetailsSplitterState(const QByteArray &state);
    QByteArray jobsHeaderState() const;
    void setJobsHeaderState(const QByteArray &state);
    // Layout of one part of a page, such as a splitter or a table header, by a key such as
    // "providers/header".
    QByteArray layoutState(const QString &key) const;
    void setLayoutState(const QString &key, const QByteArray &state);
    // The page (tab) shown when the console closed.
    QString currentPage() const;
    void setCurrentPage(const QString &page);
    // Folder and API base URL of the last onboarding pack export.
    QString packFolder() const;
    void setPackFolder(const QString &folder);
    QString packApiBaseUrl() const;
    void setPackApiBaseUrl(const QString &url);

    // Removes every stored value, as on a first launch.
    void clear();
    void sync();
    QString fileName() const;

private:
    // The file contains staff tokens, so only its owner may read it.
    void restrictPermissions();

    QSettings m_settings;
};

// Parses a hopstep-api base URL as staff type it. Returns an invalid QUrl and sets error (a
// sentence) unless the text is an http or https URL with a host.
QUrl parseApiUrl(const QString &text, QString *error);

} // namespace hopstep
