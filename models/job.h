#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hopstep {

enum class JobStatus { Active, Pending, Expired, Closed };

enum class WorkType { FullTime, PartTime, Casual, Contract, Volunteer };

enum class SalaryType { Hourly, Daily, Weekly, Monthly, Annual };

QString jobStatusName(JobStatus status);
std::optional<JobStatus> jobStatusFromName(const QString &name);
const QStringList &jobStatusNames();
// "Active", "Expired": the word shown to staff and candidates.
QString jobStatusLabel(JobStatus status);

QString workTypeName(WorkType type);
std::optional<WorkType> workTypeFromName(const QString &name);
const QStringList &workTypeNames();
// "Full time", "Casual": the words shown to candidates.
QString workTypeLabel(WorkType type);

QString salaryTypeName(SalaryType type);
std::optional<SalaryType> salaryTypeFromName(const QString &name);
const QStringList &salaryTypeNames();
// "per hour", "per year": the unit shown after an amount.
QString salaryUnitLabel(SalaryType type);

struct Location
{
    QString suburb;
    QString state;
    QString postcode;

    bool operator==(const Location &) const = default;
};

// Money is kept in integer cents so that amounts round-trip exactly.
struct Salary
{
    std::optional<qint64> minCents;
    std::optional<qint64> maxCents;
    std::optional<SalaryType> type;

    bool isEmpty() const { return !minCents && !maxCents; }
    bool operator==(const Salary &) const = default;
};

// The fields an ATS controls, after validation and normalisation.
struct JobContent
{
    QString providerId;
    QString facilityId;
    QString title;
    QString descriptionHtml;
    QString descriptionText;
    int categoryId = 0;
    QString categoryName;
    QList<WorkType> workTypes;
    Salary salary;
    Location location;
    QString applyUrl;
    JobStatus status = JobStatus::Active;
    // The category as the ATS sent it, and whether that was a former name (an alias).
    QString categorySent{};
    bool categoryViaAlias = false;
    // The ATS sent ACTIVE while the provider was not live, so the job is stored as PENDING and
    // becomes ACTIVE when the provider goes live.
    bool heldUntilLive = false;

    bool operator==(const JobContent &) const = default;
};

struct Job
{
    QString id;
    JobContent content;
    qint64 version = 1;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime deletedAt; // null unless the job was deleted; the row stays as a tombstone
    // Joined from the provider and facility records for display.
    QString providerName;
    QString facilityName;
    // Joined from the provider and facility records: what decides whether candidates see it.
    bool providerActive = true;
    bool providerLive = true;
    bool facilityActive = true;
    // Apply redirects counted for the job over all days, from the apply_clicks table.
    qint64 applyClicks = 0;

    bool isDeleted() const { return deletedAt.isValid(); }
};

// Timestamps in the API and the database: UTC, milliseconds, "2026-12-04T02:14:00.123Z".
QString formatTimestamp(const QDateTime &time);
QDateTime parseTimestamp(const QString &text);

// Amount in cents as the API shows it: 30, 30.5, 65000.
QJsonValue centsToJson(qint64 cents);

// The job as the Open API returns it to the ATS that owns it.
QJsonObject jobToApiJson(const Job &job);
// The job as the admin API returns it to staff: the Open API form plus names and the tombstone.
QJsonObject jobToAdminJson(const Job &job);
// Parses the admin form back, as the console does.
Job jobFromAdminJson(const QJsonObject &object);

} // namespace hopstep
