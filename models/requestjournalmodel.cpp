#include "requestjournalmodel.h"

#include "job.h"

#include <QBrush>
#include <QColor>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString issueLines(const QJsonArray &issues, const QString &kind)
{
    QStringList lines;
    for (const QJsonValue &value : issues) {
        const QJsonObject issue = value.toObject();
        const QString pointer = issue.value(u"pointer"_s).toString();
        lines.append(u"%1 %2 (%3): %4"_s.arg(
            kind, pointer.isEmpty() ? u"(whole request)"_s : pointer,
            issue.value(u"code"_s).toString(), issue.value(u"message"_s).toString()));
    }
    return lines.join(u'\n');
}

} // namespace

QString journalCodesText(const JournalEntry &entry)
{
    QStringList codes;
    for (const QJsonValue &error : entry.errors) {
        const QString code = error.toObject().value(u"code"_s).toString();
        if (!code.isEmpty() && !codes.contains(code))
            codes.append(code);
    }
    if (entry.problemCode.isEmpty())
        return codes.join(u", "_s);
    if (codes.isEmpty())
        return entry.problemCode;
    return entry.problemCode + u": "_s + codes.join(u", "_s);
}

QString journalIssuesText(const JournalEntry &entry)
{
    QStringList parts;
    const QString errors = issueLines(entry.errors, QObject::tr("Error"));
    const QString warnings = issueLines(entry.warnings, QObject::tr("Warning"));
    if (!errors.isEmpty())
        parts.append(errors);
    if (!warnings.isEmpty())
        parts.append(warnings);
    return parts.join(u'\n');
}

RequestJournalModel::RequestJournalModel(QObject *parent)
    : RecordTableModel(
          {u"Time"_s, u"Status"_s, u"Method"_s, u"Path"_s, u"Key"_s, u"Codes"_s, u"Job"_s, u"ms"_s},
          parent)
{}

QVariant RequestJournalModel::value(const JournalEntry &record, int column, int role) const
{
    if (role == RecordStateRole)
        return record.status >= 500   ? u"failed"_s
               : record.status >= 400 ? u"rejected"_s
                                      : u"accepted"_s;
    if (role == Qt::ForegroundRole && column == StatusColumn) {
        if (record.status >= 500)
            return QBrush(QColor(0x8a, 0x1c, 0x1c));
        if (record.status >= 400)
            return QBrush(QColor(0x9a, 0x5b, 0x00));
        return QBrush(QColor(0x0b, 0x6e, 0x4f));
    }
    if (role == RecordSortRole) {
        switch (column) {
        case TimeColumn:
            return record.id;
        case StatusColumn:
            return record.status;
        case DurationColumn:
            return record.durationMicroseconds;
        default:
            return value(record, column, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == TimeColumn)
            return QString(formatTimestamp(record.receivedAt) + u"\nrequest "_s + record.requestId);
        if (column == CodesColumn)
            return journalIssuesText(record);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case TimeColumn:
        return record.receivedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
    case StatusColumn:
        return record.status;
    case MethodColumn:
        return record.method;
    case PathColumn:
        return record.path;
    case KeyColumn:
        return record.keyPrefix.isEmpty() ? u"—"_s : record.keyPrefix;
    case CodesColumn:
        return journalCodesText(record);
    case JobColumn:
        return record.jobId.isEmpty() ? u"—"_s : record.jobId;
    case DurationColumn:
        return QString::number(double(record.durationMicroseconds) / 1000.0, 'f', 1);
    default:
        return {};
    }
}

QString RequestJournalModel::searchText(const JournalEntry &record) const
{
    return QStringList{record.method,
                       record.path,
                       record.keyPrefix,
                       record.jobId,
                       record.requestId,
                       journalCodesText(record),
                       QString::number(record.status)}
        .join(u' ')
        .toCaseFolded();
}

} // namespace hopstep
