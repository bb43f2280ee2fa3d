#include "displayvalidationbar.h"

#include "consolesession.h"
#include "messageboxes.h"
#include "pagesupport.h"
#include "providermodels.h"
#include "publication.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hopstep {

DisplayValidationBar::DisplayValidationBar(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_caption(new QLabel(tr("Onboarding review"), this))
    , m_text(new QLabel(this))
    , m_validateButton(new QPushButton(tr("Mark Display &Validated"), this))
    , m_providerButton(new QPushButton(tr("Open Provider"), this))
{
    auto *frame = new QFrame(this);
    frame->setObjectName(u"onboardingReviewFrame"_s);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setStyleSheet(u"#onboardingReviewFrame { background: #f4f7fa; border: 1px solid "
                         u"#d5dde5; border-radius: 4px; }"_s);
    makeCaption(m_caption);
    m_text->setObjectName(u"onboardingReviewText"_s);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_validateButton->setObjectName(u"markDisplayValidatedButton"_s);
    m_providerButton->setObjectName(u"openProviderButton"_s);

    connect(m_validateButton, &QPushButton::clicked, this,
            &DisplayValidationBar::markDisplayValidated);
    connect(m_providerButton, &QPushButton::clicked, this, [this] {
        if (m_job)
            emit providerRequested(m_job->content.providerId);
    });
    connect(m_session, &ConsoleSession::providersRefreshed, this, &DisplayValidationBar::update);
    connect(m_session, &ConsoleSession::stateChanged, this, &DisplayValidationBar::update);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_text, 1);
    buttons->addWidget(m_providerButton);
    buttons->addWidget(m_validateButton);
    auto *inner = new QVBoxLayout(frame);
    inner->setContentsMargins(10, 6, 10, 6);
    inner->addWidget(m_caption);
    inner->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(frame);
    showJob(nullptr);
}

void DisplayValidationBar::showJob(const Job *job)
{
    const QString previousProvider = m_job ? m_job->content.providerId : QString();
    m_job = job ? std::optional<Job>(*job) : std::nullopt;
    if (m_job && m_job->content.providerId != m_progressProvider)
        m_progress.reset();
    if (m_job && (m_job->content.providerId != previousProvider || !m_progress))
        fetchProgress();
    update();
}

void DisplayValidationBar::setDisplayChecks(std::optional<int> failures)
{
    if (m_checkFailures == failures)
        return;
    m_checkFailures = failures;
    update();
}

void DisplayValidationBar::fetchProgress()
{
    if (!m_job || m_session->state() != ConsoleSession::State::Connected)
        return;
    const QString providerId = m_job->content.providerId;
    m_session->client()->call(
        "GET", ApiClient::adminPath(u"providers"_s, providerId, u"onboarding"_s), {}, std::nullopt,
        this,
        [this, providerId](const QJsonObject &answer) {
            m_progressProvider = providerId;
            m_progress = onboardingProgressFromJson(answer.value(u"items"_s).toArray());
            update();
        },
        [this](const ApiFailure &failure) { emit statusMessage(failure.message); });
}

void DisplayValidationBar::update()
{
    if (!m_job) {
        m_text->setText(tr("Select a job to see its provider's onboarding state."));
        m_validateButton->setEnabled(false);
        m_providerButton->setEnabled(false);
        return;
    }
    const Job &job = *m_job;
    const ProviderSummary *summary = m_session->providers()->recordByKey(job.content.providerId);
    const QString provider = summary ? summary->provider.name : job.providerName;
    const bool live = summary ? summary->provider.isLive() : job.providerLive;
    const bool progressKnown = m_progress && m_progressProvider == job.content.providerId;
    const StepRecord validated =
        progressKnown ? m_progress->record(OnboardingStep::DisplayValidated) : StepRecord{};

    QString text;
    if (live) {
        text = tr("%1 is live.").arg(provider);
    } else {
        text = tr("%1 is onboarding (%2 of 6 steps done).")
                   .arg(provider)
                   .arg(summary ? summary->onboardingStepsDone : 0);
    }
    if (job.content.heldUntilLive)
        text += u' ' + tr("This job is held as Pending until the integration goes live.");
    if (validated.isDone())
        text += u' ' + tr("Display validated %1 by %2.")
                           .arg(formatTableTime(validated.completedAt), validated.completedBy);
    else if (!live)
        text += u' ' + tr("Check the preview, then mark the display validated.");
    m_text->setText(text);
    m_providerButton->setEnabled(true);

    const bool reviewer = m_session->may(StaffRole::Reviewer);
    const bool checksPass = m_checkFailures && *m_checkFailures == 0;
    const bool possible =
        !m_busy && !job.isDeleted() && progressKnown && !validated.isDone() && checksPass;
    QString tip = tr("Record that this job displays correctly, the reviewer's onboarding step "
                     "for %1")
                      .arg(provider);
    if (validated.isDone())
        tip = tr("The display of %1 was already validated.").arg(provider);
    else if (job.isDeleted())
        tip = tr("A deleted job cannot validate the display.");
    else if (!m_checkFailures)
        tip = tr("Wait for the display checks of this job.");
    else if (*m_checkFailures > 0)
        tip = (*m_checkFailures == 1 ? tr("1 display check fails.")
                                     : tr("%1 display checks fail.").arg(*m_checkFailures)) +
              u' ' + tr("Ask the ATS to fix the job and send it again, then validate.");
    allowFor(m_validateButton, possible, reviewer, StaffRole::Reviewer, tip);
}

void DisplayValidationBar::markDisplayValidated()
{
    if (!m_job || m_busy || (m_checkFailures && *m_checkFailures > 0))
        return;
    const Job job = *m_job;
    Confirmation confirmation;
    confirmation.windowTitle = tr("Mark display validated");
    confirmation.question = tr("Does “%1” display correctly?").arg(job.content.title);
    confirmation.consequence =
        tr("This records the onboarding step “Display validated” for %1, with this job as the "
           "one you checked. After it, a reviewer can take the integration live.")
            .arg(job.providerName);
    confirmation.acceptText = tr("Mark Validated");
    if (!askToConfirm(this, confirmation))
        return;
    m_busy = true;
    update();
    m_session->client()->call(
        "POST",
        ApiClient::adminPath(u"providers"_s, job.content.providerId,
                             u"onboarding/display-validated"_s),
        {}, QJsonObject{{u"jobId"_s, job.id}}, this,
        [this, job](const QJsonObject &answer) {
            m_busy = false;
            m_progressProvider = job.content.providerId;
            m_progress = onboardingProgressFromJson(answer.value(u"items"_s).toArray());
            emit statusMessage(tr("Recorded “Display validated” for %1 with job %2.")
                                   .arg(job.providerName, job.id));
            emit displayValidated(job.content.providerId);
            m_session->refreshProviders();
            update();
        },
        [this](const ApiFailure &failure) {
            m_busy = false;
            update();
            openWarning(this, tr("Could not record the display validation"), failure.message);
        });
}

} // namespace hopstep
