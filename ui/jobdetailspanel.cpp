#include "jobdetailspanel.h"

#include "publication.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString formatTime(const QDateTime &time)
{
    if (!time.isValid())
        return u"—"_s;
    return QLocale().toString(time.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
}

QString nameAndId(const QString &name, const QString &id)
{
    if (name.isEmpty())
        return id;
    return name + u'\n' + id;
}

} // namespace

JobDetailsPanel::JobDetailsPanel(QWidget *parent)
    : QWidget(parent)
    , m_pages(new QStackedWidget(this))
    , m_form(new QWidget(m_pages))
    , m_placeholder(new QLabel(tr("No job selected."), m_pages))
{
    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(12, 8, 12, 8);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setVerticalSpacing(8);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_status = addRow(tr("Status"));
    m_publication = addRow(tr("Candidates"));
    m_id = addRow(tr("Job ID"));
    m_version = addRow(tr("Version"));
    m_provider = addRow(tr("Provider"));
    m_facility = addRow(tr("Facility"));
    m_category = addRow(tr("Category"));
    m_applyUrl = addRow(tr("Apply URL"));
    m_received = addRow(tr("Received"));
    m_updated = addRow(tr("Updated"));
    m_deleted = addRow(tr("Deleted"));

    m_placeholder->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_placeholder->setContentsMargins(12, 48, 12, 12);
    m_placeholder->setStyleSheet(u"color: #6b7280;"_s);

    m_pages->addWidget(m_placeholder);
    m_pages->addWidget(m_form);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    layout->addStretch();
    showJob(nullptr);
}

QLabel *JobDetailsPanel::addRow(const QString &name)
{
    auto *value = new QLabel(m_form);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    // Long ids and URLs are clipped instead of widening the window; the tooltip has them whole.
    value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *label = new QLabel(name, m_form);
    label->setStyleSheet(u"color: #41505c;"_s);
    static_cast<QFormLayout *>(m_form->layout())->addRow(label, value);
    return value;
}

void JobDetailsPanel::showJob(const Job *job)
{
    if (!job) {
        m_pages->setCurrentWidget(m_placeholder);
        return;
    }

    const JobContent &content = job->content;
    const auto show = [](QLabel *label, const QString &text) {
        label->setText(text);
        label->setToolTip(text);
    };
    show(m_status,
         job->isDeleted() ? tr("Deleted (kept as a tombstone)") : jobStatusLabel(content.status));
    show(m_id, job->id);
    show(m_version, QString::number(job->version));
    show(m_provider, nameAndId(job->providerName, content.providerId));
    show(m_facility, nameAndId(job->facilityName, content.facilityId));
    QString category = content.categoryId > 0
                           ? tr("%1 (id %2)").arg(content.categoryName).arg(content.categoryId)
                           : content.categoryName;
    if (content.categoryViaAlias)
        category += u'\n' + tr("sent as “%1”, a former name").arg(content.categorySent);
    show(m_category, category);
    // Whether candidates see the job, and if not, why: held until go-live, provider or
    // facility deactivated, or a status other than Active.
    show(m_publication, publicationOf(*job).reason);
    show(m_applyUrl, content.applyUrl);
    show(m_received, formatTime(job->createdAt));
    show(m_updated, formatTime(job->updatedAt));
    show(m_deleted, formatTime(job->deletedAt));
    m_pages->setCurrentWidget(m_form);
}

} // namespace hopstep
