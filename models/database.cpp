#include "database.h"

#include "logcategories.h"
#include "migrations.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString nextConnectionName()
{
    static QAtomicInt counter;
    return u"hopstep-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

bool isPostgresUrl(const QString &location)
{
    return location.startsWith(u"postgresql://"_s) || location.startsWith(u"postgres://"_s);
}

} // namespace

Database::~Database()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::unique_ptr<Database> Database::open(const QString &location, QString *error, int targetVersion)
{
    std::unique_ptr<Database> database(new Database);
    database->m_connectionName = nextConnectionName();

    if (isPostgresUrl(location)) {
        const QUrl url(location);
        database->m_driver = Driver::Postgres;
        QUrl shown = url;
        shown.setPassword({});
        database->m_displayLocation = shown.toString();
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, database->m_connectionName);
        const QUrlQuery options(url);
        db.setHostName(options.hasQueryItem(u"host"_s) ? options.queryItemValue(u"host"_s)
                                                       : url.host());
        if (url.port() > 0)
            db.setPort(url.port());
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        if (options.hasQueryItem(u"sslmode"_s))
            db.setConnectOptions(u"sslmode="_s + options.queryItemValue(u"sslmode"_s));
    } else {
        database->m_driver = Driver::Sqlite;
        const QFileInfo file(location);
        database->m_displayLocation = file.absoluteFilePath();
        if (!QDir().mkpath(file.absolutePath())) {
            if (error)
                *error =
                    u"Cannot create the folder %1 for the database."_s.arg(file.absolutePath());
            return nullptr;
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, database->m_connectionName);
        db.setDatabaseName(file.absoluteFilePath());
    }

    QSqlDatabase db = database->connection();
    if (!db.open()) {
        if (error) {
            *error = u"Cannot open the database %1: %2"_s.arg(database->m_displayLocation,
                                                              db.lastError().text());
        }
        return nullptr;
    }
    if (!database->configure(error))
        return nullptr;
    const int target = targetVersion < 0 ? latestSchemaVersion() : targetVersion;
    if (!migrateDatabase(*database, target, error))
        return nullptr;
    return database;
}

bool Database::configure(QString *error)
{
    if (m_driver != Driver::Sqlite)
        return true;
    // WAL lets readers work during a write; synchronous=FULL makes each commit durable, because
    // a 201 answer promises the job is on disk.
    const struct
    {
        QString pragma;
        QString expected;
    } settings[] = {
        {u"PRAGMA journal_mode=WAL"_s, u"wal"_s},
        {u"PRAGMA synchronous=FULL"_s, QString()},
        {u"PRAGMA foreign_keys=ON"_s, QString()},
        {u"PRAGMA busy_timeout=5000"_s, QString()},
    };
    for (const auto &setting : settings) {
        QSqlQuery query = this->query();
        if (!exec(query, setting.pragma, {}, error))
            return false;
        if (!setting.expected.isEmpty() &&
            (!query.next() || query.value(0).toString() != setting.expected)) {
            if (error)
                *error = u"%1 did not take effect on %2."_s.arg(setting.pragma, m_displayLocation);
            return false;
        }
    }
    QSqlQuery check = this->query();
    if (!exec(check, u"PRAGMA synchronous"_s, {}, error) || !check.next() ||
        check.value(0).toInt() != 2) {
        if (error)
            *error = u"PRAGMA synchronous=FULL did not take effect on %1."_s.arg(m_displayLocation);
        return false;
    }
    return true;
}

bool Database::setDurableCommits(bool durable)
{
    QSqlQuery query = this->query();
    if (m_driver == Driver::Postgres) {
        return exec(query, durable ? u"SET synchronous_commit = on"_s
                                   : u"SET synchronous_commit = off"_s);
    }
    return exec(query, durable ? u"PRAGMA synchronous=FULL"_s : u"PRAGMA synchronous=NORMAL"_s);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QSqlQuery Database::query() const
{
    return QSqlQuery(connection());
}

int Database::schemaVersion() const
{
    QSqlQuery query = this->query();
    if (!query.exec(u"SELECT MAX(version) FROM schema_migrations"_s) || !query.next())
        return 0;
    return query.value(0).toInt();
}

bool Database::exec(QSqlQuery &query, const QString &sql, const QVariantList &values,
                    QString *error)
{
    bool ok = false;
    if (values.isEmpty()) {
        ok = query.exec(sql);
    } else {
        ok = query.prepare(sql);
        if (ok) {
            for (const QVariant &value : values)
                query.addBindValue(value);
            ok = query.exec();
        }
    }
    if (ok)
        return true;
    const QString message = query.lastError().text();
    qCWarning(lcStore).noquote() << "SQL failed on" << m_displayLocation << ":" << message << "in"
                                 << sql.left(120);
    if (error)
        *error = message;
    return false;
}

bool Database::transaction(const std::function<bool()> &work, QString *error)
{
    QSqlDatabase db = connection();
    if (!db.transaction()) {
        if (error)
            *error = u"Cannot start a transaction: "_s + db.lastError().text();
        qCWarning(lcStore).noquote()
            << "BEGIN failed on" << m_displayLocation << ":" << db.lastError().text();
        return false;
    }
    if (!work()) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        const QString message = db.lastError().text();
        qCWarning(lcStore).noquote() << "COMMIT failed on" << m_displayLocation << ":" << message;
        if (error)
            *error = u"Cannot commit: "_s + message;
        db.rollback();
        return false;
    }
    return true;
}

} // namespace hopstep
