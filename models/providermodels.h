#pragma once

#include "catalog.h"
#include "credentialstore.h"
#include "onboarding.h"
#include "recordtablemodel.h"

namespace hopstep {

// The providers page's list: one row per provider with its onboarding state and counts.
class ProviderTableModel : public RecordTableModel<ProviderSummary>
{
public:
    enum Column {
        NameColumn,
        StateColumn,
        OnboardingColumn,
        FacilitiesColumn,
        KeysColumn,
        LiveJobsColumn,
        HeldJobsColumn,
        IdColumn,
        CreatedColumn,
        ColumnCount
    };

    explicit ProviderTableModel(QObject *parent = nullptr);

protected:
    QString keyOf(const ProviderSummary &record) const override { return record.provider.id; }
    QVariant value(const ProviderSummary &record, int column, int role) const override;
    QString searchText(const ProviderSummary &record) const override;
    bool isIdColumn(int column) const override { return column == IdColumn; }
    bool isNumberColumn(int column) const override
    {
        return column >= FacilitiesColumn && column <= HeldJobsColumn;
    }
};

// The facilities of the selected provider.
class FacilityTableModel : public RecordTableModel<Facility>
{
public:
    enum Column { NameColumn, IdColumn, AddressColumn, StateColumn, CreatedColumn, ColumnCount };

    explicit FacilityTableModel(QObject *parent = nullptr);

protected:
    QString keyOf(const Facility &record) const override { return record.id; }
    QVariant value(const Facility &record, int column, int role) const override;
    QString searchText(const Facility &record) const override;
    bool isIdColumn(int column) const override { return column == IdColumn; }
};

// The API keys of the selected provider, by their public prefix. The secret is never here.
class ApiKeyTableModel : public RecordTableModel<ApiKeyRecord>
{
public:
    enum Column {
        PrefixColumn,
        LabelColumn,
        StateColumn,
        CreatedColumn,
        LastUsedColumn,
        ExpiresColumn,
        ColumnCount
    };

    explicit ApiKeyTableModel(QObject *parent = nullptr);
    // The time the states are shown for; the tests set it to make them deterministic.
    void setNow(const QDateTime &now) { m_now = now; }

protected:
    QString keyOf(const ApiKeyRecord &record) const override { return record.id; }
    QVariant value(const ApiKeyRecord &record, int column, int role) const override;
    QString searchText(const ApiKeyRecord &record) const override;
    bool isIdColumn(int column) const override { return column == PrefixColumn; }

private:
    QDateTime now() const;

    QDateTime m_now;
};

// The six onboarding steps of the selected provider, in order.
class OnboardingStepModel : public RecordTableModel<StepRecord>
{
public:
    enum Column { StepColumn, StateColumn, CompletedColumn, ByColumn, DetailColumn, ColumnCount };

    explicit OnboardingStepModel(QObject *parent = nullptr);

    void setProgress(const OnboardingProgress &progress) { setRecords(progress.steps); }

protected:
    QString keyOf(const StepRecord &record) const override
    {
        return onboardingStepName(record.step);
    }
    QVariant value(const StepRecord &record, int column, int role) const override;
    QString searchText(const StepRecord &record) const override;
    bool isIdColumn(int) const override { return false; }
};

} // namespace hopstep
