#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>

namespace hopstep {

// One connection to the service's database: a SQLite file by default, or PostgreSQL when the
// location is a postgresql:// URL. The schema is brought up to date when the database opens.
// A Database is used from one thread only.
class Database
{
public:
    enum class Driver { Sqlite, Postgres };

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens location and migrates it to targetVersion (default: the latest). Returns null and
    // sets *error when the database cannot be opened or upgraded.
    static std::unique_ptr<Database> open(const QString &location, QString *error,
                                          int targetVersion = -1);

    Driver driver() const { return m_driver; }
    // The location without any password, for logs and messages.
    QString displayLocation() const { return m_displayLocation; }
    QSqlDatabase connection() const;
    int schemaVersion() const;

    // Prepares sql, binds values in order and executes it. On failure logs the error and sets
    // *error when given.
    bool exec(QSqlQuery &query, const QString &sql, const QVariantList &values = {},
              QString *error = nullptr);
    QSqlQuery query() const;

    // Durable commits (the default) sync to disk before a commit returns. A connection that
    // only writes data it may lose on power loss, such as the request journal, turns them off:
    // SQLite's synchronous=NORMAL in WAL mode, PostgreSQL's synchronous_commit=off.
    bool setDurableCommits(bool durable);

    // Runs work inside a transaction: commits when work returns true, rolls back otherwise.
    // With SQLite's synchronous=FULL a successful commit is on disk.
    bool transaction(const std::function<bool()> &work, QString *error = nullptr);

private:
    Database() = default;
    bool configure(QString *error);

    QString m_connectionName;
    QString m_displayLocation;
    Driver m_driver = Driver::Sqlite;
};

// Text for a NOT NULL column: a null QString would bind as SQL NULL.
inline QString sqlText(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace hopstep
