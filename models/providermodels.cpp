#include "providermodels.h"

#include <QBrush>
#include <QColor>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QColor mutedColor(0x6b, 0x72, 0x80);
const QColor problemColor(0xa6, 0x1b, 0x1b);
const QColor goodColor(0x1a, 0x6b, 0x3c);
const QColor warningColor(0x8a, 0x5a, 0x00);

QString providerState(const ProviderSummary &summary)
{
    return summary.provider.active ? u"Active"_s : u"Deactivated"_s;
}

QString onboardingState(const ProviderSummary &summary)
{
    if (summary.provider.isLive())
        return u"Live"_s;
    return u"%1 of %2 steps"_s.arg(summary.onboardingStepsDone).arg(onboardingSteps().size());
}

QString keyStateLabel(const QString &state)
{
    if (state == u"active"_s)
        return u"Active"_s;
    if (state == u"expiring"_s)
        return u"Expiring"_s;
    if (state == u"expired"_s)
        return u"Expired"_s;
    return u"Revoked"_s;
}

} // namespace

ProviderTableModel::ProviderTableModel(QObject *parent)
    : RecordTableModel({u"Provider"_s, u"State"_s, u"Onboarding"_s, u"Facilities"_s, u"Keys"_s,
                        u"Live jobs"_s, u"Held jobs"_s, u"Provider ID"_s, u"Created"_s},
                       parent)
{}

QVariant ProviderTableModel::value(const ProviderSummary &record, int column, int role) const
{
    const Provider &provider = record.provider;
    if (role == RecordStateRole) {
        if (!provider.active)
            return u"inactive"_s;
        return provider.isLive() ? u"live"_s : u"onboarding"_s;
    }
    if (role == Qt::ForegroundRole) {
        if (!provider.active)
            return QBrush(mutedColor);
        if (column == OnboardingColumn)
            return QBrush(provider.isLive() ? goodColor : warningColor);
        return {};
    }
    if (role == RecordSortRole) {
        switch (column) {
        case OnboardingColumn:
            return provider.isLive() ? 100 : record.onboardingStepsDone;
        case FacilitiesColumn:
            return record.facilities;
        case KeysColumn:
            return record.activeKeys;
        case LiveJobsColumn:
            return record.liveJobs;
        case HeldJobsColumn:
            return record.heldJobs;
        case CreatedColumn:
            return provider.createdAt;
        default:
            return value(record, column, Qt::DisplayRole);
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case NameColumn:
        return provider.name;
    case StateColumn:
        return providerState(record);
    case OnboardingColumn:
        if (role == Qt::ToolTipRole && provider.isLive())
            return QString(u"Live since "_s + formatTableTime(provider.liveAt));
        return onboardingState(record);
    case FacilitiesColumn:
        return record.facilities;
    case KeysColumn:
        return record.activeKeys;
    case LiveJobsColumn:
        return record.liveJobs;
    case HeldJobsColumn:
        return record.heldJobs;
    case IdColumn:
        return provider.id;
    case CreatedColumn:
        return formatTableTime(provider.createdAt);
    default:
        return {};
    }
}

QString ProviderTableModel::searchText(const ProviderSummary &record) const
{
    const Provider &provider = record.provider;
    return QStringList{provider.name, provider.id, provider.atsName, provider.contactName,
                       provider.contactEmail}
        .join(u' ')
        .toCaseFolded();
}

FacilityTableModel::FacilityTableModel(QObject *parent)
    : RecordTableModel({u"Facility"_s, u"Facility ID"_s, u"Address"_s, u"State"_s, u"Created"_s},
                       parent)
{}

QVariant FacilityTableModel::value(const Facility &record, int column, int role) const
{
    if (role == RecordStateRole)
        return record.active ? u"active"_s : u"inactive"_s;
    if (role == Qt::ForegroundRole)
        return record.active ? QVariant() : QVariant(QBrush(mutedColor));
    if (role == RecordSortRole && column == CreatedColumn)
        return record.createdAt;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != RecordSortRole)
        return {};
    switch (column) {
    case NameColumn:
        return record.name;
    case IdColumn:
        return record.id;
    case AddressColumn:
        return facilityAddress(record);
    case StateColumn:
        return record.active ? u"Active"_s : u"Deactivated"_s;
    case CreatedColumn:
        return formatTableTime(record.createdAt);
    default:
        return {};
    }
}

QString FacilityTableModel::searchText(const Facility &record) const
{
    return QStringList{record.name, record.id, facilityAddress(record)}.join(u' ').toCaseFolded();
}

ApiKeyTableModel::ApiKeyTableModel(QObject *parent)
    : RecordTableModel(
          {u"Key"_s, u"Label"_s, u"State"_s, u"Created"_s, u"Last used"_s, u"Expires"_s}, parent)
{}

QDateTime ApiKeyTableModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

QVariant ApiKeyTableModel::value(const ApiKeyRecord &record, int column, int role) const
{
    const QString state = record.stateName(now());
    if (role == RecordStateRole)
        return state;
    if (role == Qt::ForegroundRole) {
        if (state == u"revoked"_s || state == u"expired"_s)
            return QBrush(mutedColor);
        if (state == u"expiring"_s && column == StateColumn)
            return QBrush(warningColor);
        return {};
    }
    if (role == RecordSortRole) {
        switch (column) {
        case CreatedColumn:
            return record.createdAt;
        case LastUsedColumn:
            return record.lastUsedAt;
        case ExpiresColumn:
            return record.expiresAt;
        default:
            break;
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != RecordSortRole)
        return {};
    switch (column) {
    case PrefixColumn:
        return QString(record.prefix + u"…"_s);
    case LabelColumn:
        return record.label;
    case StateColumn:
        if (role == Qt::ToolTipRole && record.isRevoked())
            return QString(u"Revoked "_s + formatTableTime(record.revokedAt) + u" by "_s +
                           record.revokedBy);
        return keyStateLabel(state);
    case CreatedColumn:
        if (role == Qt::ToolTipRole && !record.createdBy.isEmpty())
            return QString(formatTableTime(record.createdAt) + u" by "_s + record.createdBy);
        return formatTableTime(record.createdAt);
    case LastUsedColumn:
        return record.lastUsedAt.isValid() ? formatTableTime(record.lastUsedAt) : u"Never"_s;
    case ExpiresColumn:
        return record.expiresAt.isValid() ? formatTableTime(record.expiresAt) : u"—"_s;
    default:
        return {};
    }
}

QString ApiKeyTableModel::searchText(const ApiKeyRecord &record) const
{
    return QString(record.prefix + u' ' + record.label).toCaseFolded();
}

OnboardingStepModel::OnboardingStepModel(QObject *parent)
    : RecordTableModel({u"Step"_s, u"State"_s, u"Done on"_s, u"By"_s, u"Detail"_s}, parent)
{}

QVariant OnboardingStepModel::value(const StepRecord &record, int column, int role) const
{
    if (role == RecordStateRole)
        return record.isDone() ? u"done"_s : u"open"_s;
    if (role == Qt::ForegroundRole && column == StateColumn)
        return QBrush(record.isDone() ? goodColor : warningColor);
    if (role == RecordSortRole)
        return int(onboardingSteps().indexOf(record.step));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case StepColumn:
        return QString(u"%1. "_s.arg(onboardingSteps().indexOf(record.step) + 1) +
                       onboardingStepLabel(record.step));
    case StateColumn:
        if (record.isDone())
            return u"Done"_s;
        return isAutomaticStep(record.step) ? u"Waiting"_s : u"Open"_s;
    case CompletedColumn:
        return record.isDone() ? formatTableTime(record.completedAt) : QString();
    case ByColumn:
        return record.completedBy;
    case DetailColumn:
        return record.detail;
    default:
        return {};
    }
}

QString OnboardingStepModel::searchText(const StepRecord &record) const
{
    return onboardingStepLabel(record.step).toCaseFolded();
}

} // namespace hopstep
