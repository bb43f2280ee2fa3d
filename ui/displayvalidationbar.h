#pragma once

#include "job.h"
#include "onboarding.h"

#include <QString>
#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;

namespace hopstep {

class ConsoleSession;

// The reviewer's onboarding action on the job in the preview, kept apart from the job's own
// actions and from the display checks. It shows whether the job's provider is live and whether
// the job is held. Once the reviewer has checked how this job displays, it records "display
// validated" for the provider.
class DisplayValidationBar : public QWidget
{
    Q_OBJECT

public:
    explicit DisplayValidationBar(ConsoleSession *session, QWidget *parent = nullptr);

    // Shows the job, or hides the bar's content when job is null.
    void showJob(const Job *job);
    // The number of failed display checks of the shown job, or nothing while they are not
    // known. The step can be recorded only from a job that fails no check.
    void setDisplayChecks(std::optional<int> failures);
    // Records the step for the shown job's provider, as the button does.
    void markDisplayValidated();

signals:
    void statusMessage(const QString &message);
    void providerRequested(const QString &providerId);
    // The step was recorded for the provider.
    void displayValidated(const QString &providerId);

private:
    void fetchProgress();
    void update();

    ConsoleSession *m_session;
    QLabel *m_caption;
    QLabel *m_text;
    QPushButton *m_validateButton;
    QPushButton *m_providerButton;
    std::optional<Job> m_job;
    QString m_progressProvider; // the provider m_progress belongs to
    std::optional<OnboardingProgress> m_progress;
    std::optional<int> m_checkFailures;
    bool m_busy = false;
};

} // namespace hopstep
