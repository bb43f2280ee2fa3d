#pragma once

#include "database.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace hopstep {

// The steps of hopstep's integration guide, in order: hopstep issues an API key, the provider
// and facility IDs and the category list; the ATS maps its categories and sends a test job; a
// reviewer checks how the job displays; the integration goes live.
enum class OnboardingStep {
    KeyIssued,        // set when the provider's first API key is issued
    IdsIssued,        // set when the onboarding pack is exported, or by hand
    CategoryListSent, // set when the onboarding pack is exported, or by hand
    TestJobReceived,  // set when the provider's first job arrives
    DisplayValidated, // a reviewer's action on one of the provider's jobs
    Live,             // a reviewer takes the integration live, which publishes the held jobs
};

const QList<OnboardingStep> &onboardingSteps();
// "key-issued", "ids-issued", "category-list-sent", "test-job-received", "display-validated",
// "live": the names in the API and the database.
QString onboardingStepName(OnboardingStep step);
std::optional<OnboardingStep> onboardingStepFromName(const QString &name);
// "API key issued", "Display validated": the words shown to staff.
QString onboardingStepLabel(OnboardingStep step);
// True for the steps that hopstep records by itself and staff cannot mark by hand.
bool isAutomaticStep(OnboardingStep step);

struct StepRecord
{
    OnboardingStep step = OnboardingStep::KeyIssued;
    QDateTime completedAt; // null while the step is open
    QString completedBy;   // "staff Alex Chen", "key hsk_AbCdEfGh", …
    QString detail;        // e.g. the test job's id, or the job whose display was validated

    bool isDone() const { return completedAt.isValid(); }
};

// All six steps of one provider, in order, done or not.
struct OnboardingProgress
{
    QList<StepRecord> steps;

    int doneCount() const;
    bool isDone(OnboardingStep step) const;
    const StepRecord &record(OnboardingStep step) const;
    // The steps before Live that are still open.
    QList<OnboardingStep> openStepsBeforeLive() const;
};

QJsonArray onboardingProgressToJson(const OnboardingProgress &progress);
OnboardingProgress onboardingProgressFromJson(const QJsonArray &array);

class OnboardingStore
{
public:
    explicit OnboardingStore(Database &database);

    OnboardingProgress progress(const QString &providerId);
    // Provider id → number of steps done, for the providers list.
    QHash<QString, int> doneCounts();
    // Records the step unless it is already done; *recorded says whether this call did.
    bool complete(const QString &providerId, OnboardingStep step, const QDateTime &time,
                  const QString &completedBy, const QString &detail, bool *recorded = nullptr,
                  QString *error = nullptr);

private:
    Database &m_database;
};

} // namespace hopstep
