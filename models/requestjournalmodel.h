#pragma once

#include "recordtablemodel.h"
#include "requestjournal.h"

namespace hopstep {

// The console's table of ATS requests from the request journal, newest first; pages of older
// entries are appended.
class RequestJournalModel : public RecordTableModel<JournalEntry>
{
public:
    enum Column {
        TimeColumn,
        StatusColumn,
        MethodColumn,
        PathColumn,
        KeyColumn,
        CodesColumn,
        JobColumn,
        DurationColumn,
        ColumnCount
    };

    explicit RequestJournalModel(QObject *parent = nullptr);

protected:
    QString keyOf(const JournalEntry &record) const override { return QString::number(record.id); }
    QVariant value(const JournalEntry &record, int column, int role) const override;
    QString searchText(const JournalEntry &record) const override;
    bool isIdColumn(int column) const override
    {
        return column == KeyColumn || column == JobColumn;
    }
    bool isNumberColumn(int column) const override
    {
        return column == StatusColumn || column == DurationColumn;
    }
};

// "validation-failed: range, not-allowed": the problem code and the distinct field error codes.
QString journalCodesText(const JournalEntry &entry);
// The errors, then the warnings, one per line as "pointer (code): message".
QString journalIssuesText(const JournalEntry &entry);

} // namespace hopstep
