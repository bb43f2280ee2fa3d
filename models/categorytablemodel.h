#pragma once

#include "catalog.h"
#include "categorystore.h"
#include "recordtablemodel.h"

#include <QHash>

namespace hopstep {

// A category with the number of jobs candidates see with it, as the categories page lists it.
struct CategoryUsage
{
    Category category;
    int liveJobs = 0;
};

// The official category list: active categories in their order, then the retired ones.
class CategoryTableModel : public RecordTableModel<CategoryUsage>
{
public:
    enum Column {
        PositionColumn,
        IdColumn,
        NameColumn,
        AliasesColumn,
        StateColumn,
        LiveJobsColumn,
        ColumnCount
    };

    explicit CategoryTableModel(QObject *parent = nullptr);

    // Sets the list from the admin API's GET /admin/categories response.
    void setFromJson(const QJsonObject &answer);
    QList<Category> categories() const;

protected:
    QString keyOf(const CategoryUsage &record) const override
    {
        return QString::number(record.category.id);
    }
    QVariant value(const CategoryUsage &record, int column, int role) const override;
    QString searchText(const CategoryUsage &record) const override;
    bool isIdColumn(int column) const override { return column == IdColumn; }
    bool isNumberColumn(int column) const override
    {
        return column == PositionColumn || column == IdColumn || column == LiveJobsColumn;
    }
};

// Jobs that arrived with a former category name.
class AliasJobTableModel : public RecordTableModel<AliasJob>
{
public:
    enum Column {
        TitleColumn,
        ProviderColumn,
        SentColumn,
        CategoryColumn,
        UpdatedColumn,
        JobIdColumn,
        ColumnCount
    };

    explicit AliasJobTableModel(QObject *parent = nullptr);

protected:
    QString keyOf(const AliasJob &record) const override { return record.jobId; }
    QVariant value(const AliasJob &record, int column, int role) const override;
    QString searchText(const AliasJob &record) const override;
    bool isIdColumn(int column) const override { return column == JobIdColumn; }
};

} // namespace hopstep
