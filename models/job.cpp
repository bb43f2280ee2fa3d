#include "job.h"

#include "publication.h"

#include <QJsonArray>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

template<typename Enum>
std::optional<Enum> enumFromName(const QStringList &names, const QString &name)
{
    const qsizetype index = names.indexOf(name);
    if (index < 0)
        return std::nullopt;
    return static_cast<Enum>(index);
}

} // namespace

const QStringList &jobStatusNames()
{
    static const QStringList names = {u"ACTIVE"_s, u"PENDING"_s, u"EXPIRED"_s, u"CLOSED"_s};
    return names;
}

QString jobStatusName(JobStatus status)
{
    return jobStatusNames().at(static_cast<int>(status));
}

std::optional<JobStatus> jobStatusFromName(const QString &name)
{
    return enumFromName<JobStatus>(jobStatusNames(), name);
}

QString jobStatusLabel(JobStatus status)
{
    switch (status) {
    case JobStatus::Active:
        return u"Active"_s;
    case JobStatus::Pending:
        return u"Pending"_s;
    case JobStatus::Expired:
        return u"Expired"_s;
    case JobStatus::Closed:
        return u"Closed"_s;
    }
    return {};
}

const QStringList &workTypeNames()
{
    static const QStringList names = {u"FULL_TIME"_s, u"PART_TIME"_s, u"CASUAL"_s, u"CONTRACT"_s,
                                      u"VOLUNTEER"_s};
    return names;
}

QString workTypeName(WorkType type)
{
    return workTypeNames().at(static_cast<int>(type));
}

std::optional<WorkType> workTypeFromName(const QString &name)
{
    return enumFromName<WorkType>(workTypeNames(), name);
}

QString workTypeLabel(WorkType type)
{
    switch (type) {
    case WorkType::FullTime:
        return u"Full time"_s;
    case WorkType::PartTime:
        return u"Part time"_s;
    case WorkType::Casual:
        return u"Casual"_s;
    case WorkType::Contract:
        return u"Contract"_s;
    case WorkType::Volunteer:
        return u"Volunteer"_s;
    }
    return {};
}

const QStringList &salaryTypeNames()
{
    static const QStringList names = {u"HOURLY"_s, u"DAILY"_s, u"WEEKLY"_s, u"MONTHLY"_s,
                                      u"ANNUAL"_s};
    return names;
}

QString salaryTypeName(SalaryType type)
{
    return salaryTypeNames().at(static_cast<int>(type));
}

std::optional<SalaryType> salaryTypeFromName(const QString &name)
{
    return enumFromName<SalaryType>(salaryTypeNames(), name);
}

QString salaryUnitLabel(SalaryType type)
{
    switch (type) {
    case SalaryType::Hourly:
        return u"per hour"_s;
    case SalaryType::Daily:
        return u"per day"_s;
    case SalaryType::Weekly:
        return u"per week"_s;
    case SalaryType::Monthly:
        return u"per month"_s;
    case SalaryType::Annual:
        return u"per year"_s;
    }
    return {};
}

QString formatTimestamp(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s);
}

QDateTime parseTimestamp(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    return time.toUTC();
}

QJsonValue centsToJson(qint64 cents)
{
    if (cents % 100 == 0)
        return QJsonValue(cents / 100);
    return QJsonValue(static_cast<double>(cents) / 100.0);
}

namespace {

QJsonArray workTypesToJson(const QList<WorkType> &types)
{
    QJsonArray array;
    for (WorkType type : types)
        array.append(workTypeName(type));
    return array;
}

QJsonObject locationToJson(const Location &location)
{
    return QJsonObject{{u"suburb"_s, location.suburb},
                       {u"state"_s, location.state},
                       {u"postcode"_s, location.postcode}};
}

void insertSalary(QJsonObject &object, const Salary &salary)
{
    object.insert(u"salaryMin"_s, salary.minCents ? centsToJson(*salary.minCents) : QJsonValue());
    object.insert(u"salaryMax"_s, salary.maxCents ? centsToJson(*salary.maxCents) : QJsonValue());
    object.insert(u"salaryType"_s,
                  salary.type ? QJsonValue(salaryTypeName(*salary.type)) : QJsonValue());
}

std::optional<qint64> centsFromJson(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    return std::llround(value.toDouble() * 100.0);
}

} // namespace

QJsonObject jobToApiJson(const Job &job)
{
    const JobContent &content = job.content;
    QJsonObject object{
        {u"id"_s, job.id},
        {u"providerId"_s, content.providerId},
        {u"facilityId"_s, content.facilityId},
        {u"title"_s, content.title},
        {u"description"_s, content.descriptionHtml},
        {u"descriptionText"_s, content.descriptionText},
        {u"category"_s, content.categoryName},
        {u"categoryId"_s, content.categoryId},
        {u"workTypes"_s, workTypesToJson(content.workTypes)},
        {u"location"_s, locationToJson(content.location)},
        {u"applyUrl"_s, content.applyUrl},
        {u"status"_s, jobStatusName(content.status)},
        {u"version"_s, job.version},
        {u"createdAt"_s, formatTimestamp(job.createdAt)},
        {u"updatedAt"_s, formatTimestamp(job.updatedAt)},
        {u"publication"_s, publicationToJson(job)},
    };
    insertSalary(object, content.salary);
    return object;
}

QJsonObject jobToAdminJson(const Job &job)
{
    QJsonObject object = jobToApiJson(job);
    object.insert(u"providerName"_s, job.providerName);
    object.insert(u"facilityName"_s, job.facilityName);
    object.insert(u"deletedAt"_s,
                  job.isDeleted() ? QJsonValue(formatTimestamp(job.deletedAt)) : QJsonValue());
    object.insert(u"categorySent"_s, job.content.categorySent);
    object.insert(u"categoryViaAlias"_s, job.content.categoryViaAlias);
    object.insert(u"heldUntilLive"_s, job.content.heldUntilLive);
    object.insert(u"providerActive"_s, job.providerActive);
    object.insert(u"providerLive"_s, job.providerLive);
    object.insert(u"facilityActive"_s, job.facilityActive);
    object.insert(u"applyClicks"_s, job.applyClicks);
    return object;
}

Job jobFromAdminJson(const QJsonObject &object)
{
    Job job;
    job.id = object.value(u"id"_s).toString();
    job.version = object.value(u"version"_s).toInteger(1);
    job.createdAt = parseTimestamp(object.value(u"createdAt"_s).toString());
    job.updatedAt = parseTimestamp(object.value(u"updatedAt"_s).toString());
    job.deletedAt = parseTimestamp(object.value(u"deletedAt"_s).toString());
    job.providerName = object.value(u"providerName"_s).toString();
    job.facilityName = object.value(u"facilityName"_s).toString();

    JobContent &content = job.content;
    content.providerId = object.value(u"providerId"_s).toString();
    content.facilityId = object.value(u"facilityId"_s).toString();
    content.title = object.value(u"title"_s).toString();
    content.descriptionHtml = object.value(u"description"_s).toString();
    content.descriptionText = object.value(u"descriptionText"_s).toString();
    content.categoryId = object.value(u"categoryId"_s).toInt();
    content.categoryName = object.value(u"category"_s).toString();
    const QJsonArray types = object.value(u"workTypes"_s).toArray();
    for (const QJsonValue &type : types) {
        if (const auto parsed = workTypeFromName(type.toString()))
            content.workTypes.append(*parsed);
    }
    content.salary.minCents = centsFromJson(object.value(u"salaryMin"_s));
    content.salary.maxCents = centsFromJson(object.value(u"salaryMax"_s));
    content.salary.type = salaryTypeFromName(object.value(u"salaryType"_s).toString());
    const QJsonObject location = object.value(u"location"_s).toObject();
    content.location = {location.value(u"suburb"_s).toString(),
                        location.value(u"state"_s).toString(),
                        location.value(u"postcode"_s).toString()};
    content.applyUrl = object.value(u"applyUrl"_s).toString();
    content.status =
        jobStatusFromName(object.value(u"status"_s).toString()).value_or(JobStatus::Pending);
    content.categorySent = object.value(u"categorySent"_s).toString();
    content.categoryViaAlias = object.value(u"categoryViaAlias"_s).toBool();
    content.heldUntilLive = object.value(u"heldUntilLive"_s).toBool();
    job.providerActive = object.value(u"providerActive"_s).toBool(true);
    job.providerLive = object.value(u"providerLive"_s).toBool(true);
    job.facilityActive = object.value(u"facilityActive"_s).toBool(true);
    job.applyClicks = object.value(u"applyClicks"_s).toInteger();
    return job;
}

} // namespace hopstep
