#include "consolesettings.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QString apiUrlKey = u"connection/apiUrl"_s;
const QString tokenKey = u"connection/token"_s;
const QString localDatabaseKey = u"local/database"_s;
const QString localTokenKey = u"local/token"_s;
const QString refreshIntervalKey = u"sync/refreshIntervalSeconds"_s;
const QString geometryKey = u"window/geometry"_s;
const QString windowStateKey = u"window/state"_s;
const QString splitterKey = u"window/splitter"_s;
const QString detailsSplitterKey = u"window/detailsSplitter"_s;
const QString jobsHeaderKey = u"jobs/header"_s;
const QString layoutGroup = u"layout/"_s;
const QString currentPageKey = u"window/page"_s;
const QString packFolderKey = u"onboarding/packFolder"_s;
const QString packApiBaseUrlKey = u"onboarding/apiBaseUrl"_s;

} // namespace

ConsoleSettings::ConsoleSettings()
    : m_settings(u"hopstep"_s, u"hopstep-console"_s)
{}

QUrl ConsoleSettings::apiUrl() const
{
    return QUrl(m_settings.value(apiUrlKey).toString(), QUrl::StrictMode);
}

void ConsoleSettings::setApiUrl(const QUrl &url)
{
    m_settings.setValue(apiUrlKey, url.toString());
}

QString ConsoleSettings::token() const
{
    return m_settings.value(tokenKey).toString();
}

void ConsoleSettings::setToken(const QString &token)
{
    m_settings.setValue(tokenKey, token);
    restrictPermissions();
}

bool ConsoleSettings::hasConnection() const
{
    return apiUrl().isValid() && !apiUrl().isEmpty() && !token().isEmpty();
}

void ConsoleSettings::clearConnection()
{
    m_settings.remove(apiUrlKey);
    m_settings.remove(tokenKey);
    m_settings.sync();
}

ConsoleSettings::LocalCredentials ConsoleSettings::localCredentials() const
{
    return {m_settings.value(localDatabaseKey).toString(),
            m_settings.value(localTokenKey).toString()};
}

void ConsoleSettings::setLocalCredentials(const LocalCredentials &credentials)
{
    m_settings.setValue(localDatabaseKey, credentials.databasePath);
    m_settings.setValue(localTokenKey, credentials.token);
    restrictPermissions();
}

int ConsoleSettings::refreshIntervalSeconds() const
{
    bool ok = false;
    const int seconds =
        m_settings.value(refreshIntervalKey, defaultRefreshIntervalSeconds).toInt(&ok);
    if (!ok)
        return defaultRefreshIntervalSeconds;
    return qMax(seconds, minimumRefreshIntervalSeconds);
}

void ConsoleSettings::setRefreshIntervalSeconds(int seconds)
{
    m_settings.setValue(refreshIntervalKey, seconds);
}

QByteArray ConsoleSettings::windowGeometry() const
{
    return m_settings.value(geometryKey).toByteArray();
}

void ConsoleSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(geometryKey, geometry);
}

QByteArray ConsoleSettings::windowState() const
{
    return m_settings.value(windowStateKey).toByteArray();
}

void ConsoleSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(windowStateKey, state);
}

QByteArray ConsoleSettings::splitterState() const
{
    return m_settings.value(splitterKey).toByteArray();
}

void ConsoleSettings::setSplitterState(const QByteArray &state)
{
    m_settings.setValue(splitterKey, state);
}

QByteArray ConsoleSettings::detailsSplitterState() const
{
    return m_settings.value(detailsSplitterKey).toByteArray();
}

void ConsoleSettings::setDetailsSplitterState(const QByteArray &state)
{
    m_settings.setValue(detailsSplitterKey, state);
}

QByteArray ConsoleSettings::jobsHeaderState() const
{
    return m_settings.value(jobsHeaderKey).toByteArray();
}

void ConsoleSettings::setJobsHeaderState(const QByteArray &state)
{
    m_settings.setValue(jobsHeaderKey, state);
}

QByteArray ConsoleSettings::layoutState(const QString &key) const
{
    return m_settings.value(layoutGroup + key).toByteArray();
}

void ConsoleSettings::setLayoutState(const QString &key, const QByteArray &state)
{
    m_settings.setValue(layoutGroup + key, state);
}

QString ConsoleSettings::currentPage() const
{
    return m_settings.value(currentPageKey).toString();
}

void ConsoleSettings::setCurrentPage(const QString &page)
{
    m_settings.setValue(currentPageKey, page);
}

QString ConsoleSettings::packFolder() const
{
    return m_settings.value(packFolderKey).toString();
}

void ConsoleSettings::setPackFolder(const QString &folder)
{
    m_settings.setValue(packFolderKey, folder);
}

QString ConsoleSettings::packApiBaseUrl() const
{
    return m_settings.value(packApiBaseUrlKey).toString();
}

void ConsoleSettings::setPackApiBaseUrl(const QString &url)
{
    m_settings.setValue(packApiBaseUrlKey, url);
}

void ConsoleSettings::clear()
{
    m_settings.clear();
    m_settings.sync();
}

void ConsoleSettings::sync()
{
    m_settings.sync();
}

QString ConsoleSettings::fileName() const
{
    return m_settings.fileName();
}

void ConsoleSettings::restrictPermissions()
{
    m_settings.sync();
    QFile::setPermissions(m_settings.fileName(), QFile::ReadOwner | QFile::WriteOwner);
}

QUrl parseApiUrl(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    const QUrl url(trimmed, QUrl::StrictMode);
    const bool web = url.scheme() == u"http"_s || url.scheme() == u"https"_s;
    if (trimmed.isEmpty()) {
        *error = u"The API URL is missing. Enter one such as http://127.0.0.1:8080."_s;
        return {};
    }
    if (!url.isValid() || !web || url.host().isEmpty()) {
        *error = u"“%1” is not an http or https URL. Enter one such as http://127.0.0.1:8080."_s
                     .arg(trimmed);
        return {};
    }
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty()) {
        *error = u"%1 has a query, fragment or user name. Enter only the scheme, host, port and "
                 u"path prefix of hopstep-api."_s.arg(trimmed);
        return {};
    }
    return url;
}

} // namespace hopstep
