#include "onboarding.h"

#include "job.h"

#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hopstep {

const QList<OnboardingStep> &onboardingSteps()
{
    static const QList<OnboardingStep> steps = {
        OnboardingStep::KeyIssued,        OnboardingStep::IdsIssued,
        OnboardingStep::CategoryListSent, OnboardingStep::TestJobReceived,
        OnboardingStep::DisplayValidated, OnboardingStep::Live};
    return steps;
}

QString onboardingStepName(OnboardingStep step)
{
    switch (step) {
    case OnboardingStep::KeyIssued:
        return u"key-issued"_s;
    case OnboardingStep::IdsIssued:
        return u"ids-issued"_s;
    case OnboardingStep::CategoryListSent:
        return u"category-list-sent"_s;
    case OnboardingStep::TestJobReceived:
        return u"test-job-received"_s;
    case OnboardingStep::DisplayValidated:
        return u"display-validated"_s;
    case OnboardingStep::Live:
        return u"live"_s;
    }
    return {};
}

std::optional<OnboardingStep> onboardingStepFromName(const QString &name)
{
    for (OnboardingStep step : onboardingSteps()) {
        if (onboardingStepName(step) == name)
            return step;
    }
    return std::nullopt;
}

QString onboardingStepLabel(OnboardingStep step)
{
    switch (step) {
    case OnboardingStep::KeyIssued:
        return u"API key issued"_s;
    case OnboardingStep::IdsIssued:
        return u"Provider and facility IDs issued"_s;
    case OnboardingStep::CategoryListSent:
        return u"Category list sent"_s;
    case OnboardingStep::TestJobReceived:
        return u"Test job received"_s;
    case OnboardingStep::DisplayValidated:
        return u"Display validated"_s;
    case OnboardingStep::Live:
        return u"Live"_s;
    }
    return {};
}

bool isAutomaticStep(OnboardingStep step)
{
    return step == OnboardingStep::KeyIssued || step == OnboardingStep::TestJobReceived;
}

int OnboardingProgress::doneCount() const
{
    return int(std::count_if(steps.cbegin(), steps.cend(),
                             [](const StepRecord &record) { return record.isDone(); }));
}

bool OnboardingProgress::isDone(OnboardingStep step) const
{
    return record(step).isDone();
}

const StepRecord &OnboardingProgress::record(OnboardingStep step) const
{
    static const StepRecord open;
    for (const StepRecord &record : steps) {
        if (record.step == step)
            return record;
    }
    return open;
}

QList<OnboardingStep> OnboardingProgress::openStepsBeforeLive() const
{
    QList<OnboardingStep> open;
    for (OnboardingStep step : onboardingSteps()) {
        if (step != OnboardingStep::Live && !isDone(step))
            open.append(step);
    }
    return open;
}

QJsonArray onboardingProgressToJson(const OnboardingProgress &progress)
{
    QJsonArray array;
    for (const StepRecord &record : progress.steps) {
        array.append(QJsonObject{
            {u"step"_s, onboardingStepName(record.step)},
            {u"label"_s, onboardingStepLabel(record.step)},
            {u"done"_s, record.isDone()},
            {u"automatic"_s, isAutomaticStep(record.step)},
            {u"completedAt"_s,
             record.isDone() ? QJsonValue(formatTimestamp(record.completedAt)) : QJsonValue()},
            {u"completedBy"_s, record.isDone() ? QJsonValue(record.completedBy) : QJsonValue()},
            {u"detail"_s, record.detail},
        });
    }
    return array;
}

OnboardingProgress onboardingProgressFromJson(const QJsonArray &array)
{
    OnboardingProgress progress;
    for (OnboardingStep step : onboardingSteps()) {
        StepRecord record;
        record.step = step;
        for (const QJsonValue &value : array) {
            const QJsonObject object = value.toObject();
            if (object.value(u"step"_s).toString() != onboardingStepName(step))
                continue;
            record.completedAt = parseTimestamp(object.value(u"completedAt"_s).toString());
            record.completedBy = object.value(u"completedBy"_s).toString();
            record.detail = object.value(u"detail"_s).toString();
        }
        progress.steps.append(record);
    }
    return progress;
}

OnboardingStore::OnboardingStore(Database &database)
    : m_database(database)
{}

OnboardingProgress OnboardingStore::progress(const QString &providerId)
{
    OnboardingProgress progress;
    for (OnboardingStep step : onboardingSteps())
        progress.steps.append(StepRecord{step, {}, {}, {}});
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"SELECT step, completed_at, completed_by, detail FROM onboarding_steps "
                         u"WHERE provider_id = ?"_s,
                         {providerId})) {
        return progress;
    }
    while (query.next()) {
        const std::optional<OnboardingStep> step =
            onboardingStepFromName(query.value(0).toString());
        if (!step)
            continue;
        StepRecord &record = progress.steps[onboardingSteps().indexOf(*step)];
        record.completedAt = parseTimestamp(query.value(1).toString());
        record.completedBy = query.value(2).toString();
        record.detail = query.value(3).toString();
    }
    return progress;
}

QHash<QString, int> OnboardingStore::doneCounts()
{
    QHash<QString, int> counts;
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query, u"SELECT provider_id, COUNT(*) FROM onboarding_steps "
                                u"GROUP BY provider_id"_s)) {
        return counts;
    }
    while (query.next())
        counts.insert(query.value(0).toString(), query.value(1).toInt());
    return counts;
}

bool OnboardingStore::complete(const QString &providerId, OnboardingStep step,
                               const QDateTime &time, const QString &completedBy,
                               const QString &detail, bool *recorded, QString *error)
{
    // ON CONFLICT DO NOTHING is the same in SQLite 3.24+ and PostgreSQL 9.5+, and keeps the
    // first completion when two services record a step at once.
    QSqlQuery query = m_database.query();
    if (!m_database.exec(query,
                         u"INSERT INTO onboarding_steps (provider_id, step, completed_at, "
                         u"completed_by, detail) VALUES (?, ?, ?, ?, ?) "
                         u"ON CONFLICT (provider_id, step) DO NOTHING"_s,
                         {providerId, onboardingStepName(step), formatTimestamp(time),
                          sqlText(completedBy), sqlText(detail)},
                         error)) {
        return false;
    }
    if (recorded)
        *recorded = query.numRowsAffected() == 1;
    return true;
}

} // namespace hopstep
