#include "categorytablemodel.h"

#include <QBrush>
#include <QColor>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hopstep {

CategoryTableModel::CategoryTableModel(QObject *parent)
    : RecordTableModel({u"#"_s, u"ID"_s, u"Name"_s, u"Former names"_s, u"State"_s, u"Live jobs"_s},
                       parent)
{}

void CategoryTableModel::setFromJson(const QJsonObject &answer)
{
    QList<CategoryUsage> usages;
    const QJsonArray items = answer.value(u"items"_s).toArray();
    for (const QJsonValue &item : items) {
        const QJsonObject object = item.toObject();
        usages.append({categoryFromJson(object), object.value(u"liveJobCount"_s).toInt()});
    }
    setRecords(usages);
}

QList<Category> CategoryTableModel::categories() const
{
    QList<Category> result;
    for (const CategoryUsage &usage : records())
        result.append(usage.category);
    return result;
}

QVariant CategoryTableModel::value(const CategoryUsage &record, int column, int role) const
{
    const Category &category = record.category;
    if (role == RecordStateRole)
        return category.isRetired() ? u"retired"_s : u"active"_s;
    if (role == Qt::ForegroundRole)
        return category.isRetired() ? QVariant(QBrush(QColor(0x6b, 0x72, 0x80))) : QVariant();
    if (role == RecordSortRole) {
        switch (column) {
        case PositionColumn:
            // Retired categories sort after the active ones, as the API lists them.
            return category.isRetired() ? 100000 + category.position : category.position;
        case IdColumn:
            return category.id;
        case LiveJobsColumn:
            return record.liveJobs;
        default:
            return value(record, column, Qt::DisplayRole);
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case PositionColumn:
        return category.isRetired() ? QVariant(u"—"_s) : QVariant(category.position);
    case IdColumn:
        return category.id;
    case NameColumn:
        return category.name;
    case AliasesColumn:
        return category.aliases.join(u", "_s);
    case StateColumn:
        if (!category.isRetired())
            return u"Active"_s;
        if (category.successorId > 0)
            return u"Retired → %1"_s.arg(category.successorId);
        return u"Retired"_s;
    case LiveJobsColumn:
        return record.liveJobs;
    default:
        return {};
    }
}

QString CategoryTableModel::searchText(const CategoryUsage &record) const
{
    return QString(QString::number(record.category.id) + u' ' + record.category.name + u' ' +
                   record.category.aliases.join(u' '))
        .toCaseFolded();
}

AliasJobTableModel::AliasJobTableModel(QObject *parent)
    : RecordTableModel(
          {u"Job"_s, u"Provider"_s, u"Sent as"_s, u"Stored under"_s, u"Updated"_s, u"Job ID"_s},
          parent)
{}

QVariant AliasJobTableModel::value(const AliasJob &record, int column, int role) const
{
    if (role == RecordStateRole)
        return u"alias"_s;
    if (role == RecordSortRole && column == UpdatedColumn)
        return record.updatedAt;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != RecordSortRole)
        return {};
    switch (column) {
    case TitleColumn:
        return record.title;
    case ProviderColumn:
        return record.providerName;
    case SentColumn:
        return record.categorySent;
    case CategoryColumn:
        return u"%1 (id %2)"_s.arg(record.categoryName).arg(record.categoryId);
    case UpdatedColumn:
        return formatTableTime(record.updatedAt);
    case JobIdColumn:
        return record.jobId;
    default:
        return {};
    }
}

QString AliasJobTableModel::searchText(const AliasJob &record) const
{
    return QStringList{record.title, record.providerName, record.categorySent, record.categoryName}
        .join(u' ')
        .toCaseFolded();
}

} // namespace hopstep
