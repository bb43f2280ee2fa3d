#include "requestjournal.h"

#include "job.h"
#include "logcategories.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QString selectEntries =
    u"SELECT id, received_at, request_id, provider_id, key_prefix, method, path, status, "
    u"duration_us, problem_code, errors, warnings, job_id, body, body_truncated, remote_address "
    u"FROM request_journal "_s;

QJsonArray arrayFromText(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

QString textFromArray(const QJsonArray &array)
{
    if (array.isEmpty())
        return {};
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

// ",required,range," so that one LIKE finds a code among the field errors.
QString errorCodesColumn(const JournalEntry &entry)
{
    QStringList codes;
    if (!entry.problemCode.isEmpty())
        codes.append(entry.problemCode);
    for (const QJsonValue &error : entry.errors) {
        const QString code = error.toObject().value(u"code"_s).toString();
        if (!code.isEmpty() && !codes.contains(code))
            codes.append(code);
    }
    return codes.isEmpty() ? QString() : u","_s + codes.join(u',') + u',';
}

JournalEntry readEntry(const QSqlQuery &query)
{
    JournalEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.receivedAt = parseTimestamp(query.value(1).toString());
    entry.requestId = query.value(2).toString();
    entry.providerId = query.value(3).toString();
    entry.keyPrefix = query.value(4).toString();
    entry.method = query.value(5).toString();
    entry.path = query.value(6).toString();
    entry.status = query.value(7).toInt();
    entry.durationMicroseconds = query.value(8).toLongLong();
    entry.problemCode = query.value(9).toString();
    entry.errors = arrayFromText(query.value(10).toString());
    entry.warnings = arrayFromText(query.value(11).toString());
    entry.jobId = query.value(12).toString();
    entry.body = query.value(13).toString();
    entry.bodyTruncated = query.value(14).toInt() != 0;
    entry.remoteAddress = query.value(15).toString();
    return entry;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

} // namespace

QJsonObject journalEntryToJson(const JournalEntry &entry, bool withBody)
{
    QJsonObject object{
        {u"id"_s, entry.id},
        {u"receivedAt"_s, formatTimestamp(entry.receivedAt)},
        {u"requestId"_s, entry.requestId},
        {u"providerId"_s, entry.providerId.isEmpty() ? QJsonValue() : QJsonValue(entry.providerId)},
        {u"keyPrefix"_s, entry.keyPrefix.isEmpty() ? QJsonValue() : QJsonValue(entry.keyPrefix)},
        {u"method"_s, entry.method},
        {u"path"_s, entry.path},
        {u"status"_s, entry.status},
        {u"durationMs"_s, double(entry.durationMicroseconds) / 1000.0},
        {u"problemCode"_s,
         entry.problemCode.isEmpty() ? QJsonValue() : QJsonValue(entry.problemCode)},
        {u"errors"_s, entry.errors},
        {u"warnings"_s, entry.warnings},
        {u"jobId"_s, entry.jobId.isEmpty() ? QJsonValue() : QJsonValue(entry.jobId)},
        {u"remoteAddress"_s, entry.remoteAddress},
    };
    if (withBody) {
        object.insert(u"body"_s, entry.body);
        object.insert(u"bodyTruncated"_s, entry.bodyTruncated);
    }
    return object;
}

JournalEntry journalEntryFromJson(const QJsonObject &object)
{
    JournalEntry entry;
    entry.id = object.value(u"id"_s).toInteger();
    entry.receivedAt = parseTimestamp(object.value(u"receivedAt"_s).toString());
    entry.requestId = object.value(u"requestId"_s).toString();
    entry.providerId = object.value(u"providerId"_s).toString();
    entry.keyPrefix = object.value(u"keyPrefix"_s).toString();
    entry.method = object.value(u"method"_s).toString();
    entry.path = object.value(u"path"_s).toString();
    entry.status = object.value(u"status"_s).toInt();
    entry.durationMicroseconds = qint64(object.value(u"durationMs"_s).toDouble() * 1000.0);
    entry.problemCode = object.value(u"problemCode"_s).toString();
    entry.errors = object.value(u"errors"_s).toArray();
    entry.warnings = object.value(u"warnings"_s).toArray();
    entry.jobId = object.value(u"jobId"_s).toString();
    entry.body = object.value(u"body"_s).toString();
    entry.bodyTruncated = object.value(u"bodyTruncated"_s).toBool();
    entry.remoteAddress = object.value(u"remoteAddress"_s).toString();
    return entry;
}

QString redactCredentials(QString text)
{
    // No word boundary before the prefix: "Xhsk_…" carries a usable key too.
    static const QRegularExpression credential(u"(hs[kt]_[0-9A-Za-z]{8})[0-9A-Za-z]{30,}"_s);
    text.replace(credential, u"\\1…[redacted]"_s);
    return text;
}

RecordedBody recordableBody(const QByteArray &body, qsizetype maxBytes)
{
    static const QRegularExpression secretMember(
        u"(\"(?:password|passwd|secret|client_?secret|token|access_?token|api_?key|apikey|"
        u"authorization)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\""_s,
        QRegularExpression::CaseInsensitiveOption);

    QString text = redactCredentials(QString::fromUtf8(body));
    text.replace(secretMember, u"\\1\"[redacted]\""_s);

    RecordedBody recorded;
    QByteArray utf8 = text.toUtf8();
    if (utf8.size() <= maxBytes) {
        recorded.text = text;
        return recorded;
    }
    qsizetype cut = maxBytes;
    // Step back over continuation bytes so no character is split.
    while (cut > 0 && (static_cast<unsigned char>(utf8.at(cut)) & 0xC0) == 0x80)
        --cut;
    recorded.text = QString::fromUtf8(utf8.left(cut));
    recorded.truncated = true;
    return recorded;
}

RequestJournal::RequestJournal(std::unique_ptr<Database> connection, QObject *parent)
    : QObject(parent)
    , m_database(std::move(connection))
{
    m_database->setDurableCommits(false);
    m_flushTimer.setInterval(flushIntervalMs);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &RequestJournal::flush);
}

RequestJournal::~RequestJournal()
{
    flush();
}

void RequestJournal::record(JournalEntry entry)
{
    // A request rejected for a credential in its text may hold it in a form that the
    // redaction does not recognise (escaped, encoded, split), so its body and messages go.
    const bool carriedCredential =
        std::any_of(entry.errors.cbegin(), entry.errors.cend(), [](const QJsonValue &issue) {
            return issue.toObject().value(u"code"_s).toString() == u"secret-in-content"_s;
        });
    if (carriedCredential) {
        entry.body = u"[removed: the request contained a hopstep credential]"_s;
        entry.bodyTruncated = false;
        for (QJsonArray *issues : {&entry.errors, &entry.warnings}) {
            for (qsizetype i = 0; i < issues->size(); ++i) {
                QJsonObject issue = issues->at(i).toObject();
                issue.insert(u"message"_s, u"[removed]"_s);
                issues->replace(i, issue);
            }
        }
    }
    // Error messages, pointers, paths and ids may repeat a credential the request carried.
    entry.path = redactCredentials(entry.path);
    entry.jobId = redactCredentials(entry.jobId);
    entry.requestId = redactCredentials(entry.requestId);
    for (QJsonArray *issues : {&entry.errors, &entry.warnings}) {
        for (qsizetype i = 0; i < issues->size(); ++i) {
            QJsonObject issue = issues->at(i).toObject();
            for (const QString &member : {u"message"_s, u"pointer"_s})
                issue.insert(member, redactCredentials(issue.value(member).toString()));
            issues->replace(i, issue);
        }
    }
    m_pending.append(std::move(entry));
    if (m_pending.size() >= maxBatch)
        flush();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

bool RequestJournal::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return true;
    const QList<JournalEntry> batch = std::exchange(m_pending, {});
    QString error;
    const bool written = m_database->transaction(
        [&] {
            for (const JournalEntry &entry : batch) {
                QSqlQuery query = m_database->query();
                const bool ok = m_database->exec(
                    query,
                    u"INSERT INTO request_journal (received_at, request_id, provider_id, "
                    u"key_prefix, method, path, status, duration_us, problem_code, error_codes, "
                    u"errors, warnings, job_id, body, body_truncated, remote_address) VALUES "
                    u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                    {formatTimestamp(entry.receivedAt), entry.requestId,
                     nullIfEmpty(entry.providerId), nullIfEmpty(entry.keyPrefix), entry.method,
                     entry.path, entry.status, entry.durationMicroseconds,
                     nullIfEmpty(entry.problemCode), sqlText(errorCodesColumn(entry)),
                     nullIfEmpty(textFromArray(entry.errors)),
                     nullIfEmpty(textFromArray(entry.warnings)), nullIfEmpty(entry.jobId),
                     nullIfEmpty(entry.body), entry.bodyTruncated ? 1 : 0,
                     sqlText(entry.remoteAddress)},
                    &error);
                if (!ok)
                    return false;
            }
            return true;
        },
        &error);
    if (!written) {
        qCWarning(lcStore).noquote()
            << "Writing" << batch.size() << "request journal entries failed:" << error;
    }
    return written;
}

int RequestJournal::purge(int retentionDays, const QDateTime &now)
{
    flush();
    QSqlQuery query = m_database->query();
    if (!m_database->exec(query, u"DELETE FROM request_journal WHERE received_at < ?"_s,
                          {formatTimestamp(now.addDays(-retentionDays))})) {
        return -1;
    }
    const int deleted = query.numRowsAffected();
    if (deleted > 0) {
        qCInfo(lcStore).noquote() << "Removed" << deleted << "request journal entries older than"
                                  << retentionDays << "days";
    }
    return deleted;
}

JournalPage RequestJournal::search(Database &database, const JournalFilter &filter)
{
    QStringList conditions;
    QVariantList values;
    if (!filter.providerId.isEmpty()) {
        conditions.append(u"provider_id = ?"_s);
        values.append(filter.providerId);
    }
    if (!filter.keyPrefix.isEmpty()) {
        conditions.append(u"key_prefix = ?"_s);
        values.append(filter.keyPrefix);
    }
    if (!filter.errorCode.isEmpty()) {
        conditions.append(u"error_codes LIKE ? ESCAPE '\\'"_s);
        values.append(likePattern(u","_s + filter.errorCode + u','));
    }
    if (filter.status >= 100) {
        conditions.append(u"status = ?"_s);
        values.append(filter.status);
    } else if (filter.status >= 1 && filter.status <= 5) {
        conditions.append(u"status >= ? AND status < ?"_s);
        values << filter.status * 100 << (filter.status + 1) * 100;
    }
    if (filter.since.isValid()) {
        conditions.append(u"received_at >= ?"_s);
        values.append(formatTimestamp(filter.since));
    }
    if (filter.until.isValid()) {
        conditions.append(u"received_at < ?"_s);
        values.append(formatTimestamp(filter.until));
    }
    if (!filter.text.isEmpty()) {
        conditions.append(u"(lower(path) LIKE ? ESCAPE '\\' OR job_id LIKE ? ESCAPE '\\' OR "
                          u"request_id LIKE ? ESCAPE '\\' OR lower(body) LIKE ? ESCAPE '\\')"_s);
        const QString pattern = likePattern(filter.text.toLower());
        values << pattern << pattern << pattern << pattern;
    }
    const QString where =
        conditions.isEmpty() ? QString() : u"WHERE "_s + conditions.join(u" AND "_s) + u' ';

    JournalPage page;
    QSqlQuery count = database.query();
    if (!database.exec(count, u"SELECT COUNT(*) FROM request_journal "_s + where, values) ||
        !count.next()) {
        return page;
    }
    page.total = count.value(0).toInt();
    QSqlQuery query = database.query();
    values << filter.limit << filter.offset;
    if (!database.exec(query, selectEntries + where + u"ORDER BY id DESC LIMIT ? OFFSET ?"_s,
                       values)) {
        return page;
    }
    while (query.next())
        page.entries.append(readEntry(query));
    return page;
}

std::optional<JournalEntry> RequestJournal::find(Database &database, qint64 id)
{
    QSqlQuery query = database.query();
    if (!database.exec(query, selectEntries + u"WHERE id = ?"_s, {id}) || !query.next())
        return std::nullopt;
    return readEntry(query);
}

} // namespace hopstep
