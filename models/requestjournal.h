#pragma once

#include "database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

namespace hopstep {

// One request an ATS sent to the Open API, as the integrations team looks it up later.
struct JournalEntry
{
    qint64 id = 0;
    QDateTime receivedAt;
    QString requestId;
    QString providerId;
    QString keyPrefix; // public prefix of the API key, never the key
    QString method;
    QString path;
    int status = 0;
    qint64 durationMicroseconds = 0;
    QString problemCode;
    QJsonArray errors;   // field errors of a rejected request
    QJsonArray warnings; // warnings of an accepted one
    QString jobId;
    QString body; // bounded, with secrets removed
    bool bodyTruncated = false;
    QString remoteAddress;
};

// Returns text with every hopstep credential in it cut to its public prefix and
// "…[redacted]", for journals and logs.
QString redactCredentials(QString text);

QJsonObject journalEntryToJson(const JournalEntry &entry, bool withBody);
JournalEntry journalEntryFromJson(const QJsonObject &object);

struct JournalFilter
{
    QString providerId;
    QString keyPrefix;
    QString errorCode; // a problem code or a field error code
    QString text;      // in path, job id, request id or body
    int status = 0;    // an exact status such as 422, or a class such as 4 for every 4xx
    QDateTime since;
    QDateTime until;
    int limit = 100;
    int offset = 0;
};

struct JournalPage
{
    QList<JournalEntry> entries;
    int total = 0;
};

struct RecordedBody
{
    QString text;
    bool truncated = false;
};

// The body as the journal keeps it: API keys, staff tokens and members named like secrets
// (password, secret, token, apiKey, authorization) replaced by "[redacted]", then cut to
// maxBytes of UTF-8 at a character boundary.
RecordedBody recordableBody(const QByteArray &body, qsizetype maxBytes);

// Writes journal entries in batches on its own database connection, so journaling adds no disk
// sync to a request. Entries reach the database within flushIntervalMs.
// NOTE: on power loss, the entries of the last batch may be lost; the jobs themselves are not,
// because they commit on the main connection with synchronous=FULL.
class RequestJournal : public QObject
{
    Q_OBJECT

public:
    static constexpr int flushIntervalMs = 250;
    static constexpr qsizetype maxBatch = 500;
    static constexpr qsizetype maxBodyBytes = 16 * 1024;

    // connection must be a database of its own; the journal relaxes its commit durability.
    explicit RequestJournal(std::unique_ptr<Database> connection, QObject *parent = nullptr);
    ~RequestJournal() override;

    void record(JournalEntry entry);
    bool flush();
    // Deletes entries older than retentionDays. Returns the number deleted, or -1.
    int purge(int retentionDays, const QDateTime &now);
    qsizetype pendingCount() const { return m_pending.size(); }

    static JournalPage search(Database &database, const JournalFilter &filter);
    static std::optional<JournalEntry> find(Database &database, qint64 id);

private:
    std::unique_ptr<Database> m_database;
    QList<JournalEntry> m_pending;
    QTimer m_flushTimer;
};

} // namespace hopstep
