#include "jobpagerenderer.h"

#include <QFile>
#include <QHash>
#include <QLocale>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace hopstep {

QString JobPageRenderer::loadTemplate(const QString &name)
{
    static QHash<QString, QString> cache;
    const auto cached = cache.constFind(name);
    if (cached != cache.constEnd())
        return cached.value();
    QFile file(u":/templates/"_s + name);
    // The templates are compiled in, so a failure here is a build fault, not a runtime one.
    const bool opened = file.open(QIODevice::ReadOnly);
    Q_ASSERT_X(opened, "JobPageRenderer::loadTemplate", "template resource missing");
    const QString text = opened ? QString::fromUtf8(file.readAll()) : QString();
    cache.insert(name, text);
    return text;
}

QString JobPageRenderer::fillTemplate(const QString &templateText,
                                      const QHash<QString, QString> &values)
{
    QString result;
    result.reserve(templateText.size() * 2);
    qsizetype position = 0;
    while (position < templateText.size()) {
        const qsizetype open = templateText.indexOf(u"{{"_s, position);
        if (open < 0) {
            result.append(QStringView(templateText).mid(position));
            break;
        }
        result.append(QStringView(templateText).mid(position, open - position));
        const bool raw = templateText.mid(open, 3) == u"{{{"_s;
        const QString closing = raw ? u"}}}"_s : u"}}"_s;
        const qsizetype nameStart = open + (raw ? 3 : 2);
        const qsizetype close = templateText.indexOf(closing, nameStart);
        if (close < 0) {
            result.append(QStringView(templateText).mid(open));
            break;
        }
        const QString name = templateText.mid(nameStart, close - nameStart).trimmed();
        const QString value = values.value(name);
        result.append(raw ? value : value.toHtmlEscaped());
        position = close + closing.size();
    }
    return result;
}

QString JobPageRenderer::formatMoney(qint64 cents)
{
    const QLocale australia(QLocale::English, QLocale::Australia);
    const int decimals = cents % 100 == 0 ? 0 : 2;
    return u'$' + australia.toString(double(cents) / 100.0, 'f', decimals);
}

QString JobPageRenderer::formatPay(const Salary &salary)
{
    if (salary.isEmpty())
        return u"Pay not listed"_s;
    const QString unit = salary.type ? u' ' + salaryUnitLabel(*salary.type) : QString();
    if (salary.minCents && salary.maxCents) {
        if (*salary.minCents == *salary.maxCents)
            return formatMoney(*salary.minCents) + unit;
        return formatMoney(*salary.minCents) + u" – "_s + formatMoney(*salary.maxCents) + unit;
    }
    if (salary.minCents)
        return u"From "_s + formatMoney(*salary.minCents) + unit;
    return u"Up to "_s + formatMoney(*salary.maxCents) + unit;
}

QString JobPageRenderer::formatWorkTypes(const QList<WorkType> &types)
{
    QStringList labels;
    for (WorkType type : types)
        labels.append(workTypeLabel(type));
    return labels.join(u", "_s);
}

QString JobPageRenderer::formatLocation(const Location &location)
{
    QStringList parts;
    for (const QString &part : {location.suburb, location.state, location.postcode}) {
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.join(u' ');
}

QString JobPageRenderer::renderJobCard(const Job &job, ApplyLink link)
{
    const JobContent &content = job.content;
    const bool open = !job.isDeleted() &&
                      (content.status == JobStatus::Active || content.status == JobStatus::Pending);

    QString applySection;
    QString statusNotice;
    if (open) {
        const QUrl applyUrl(content.applyUrl, QUrl::StrictMode);
        const QString href =
            link == ApplyLink::Direct ? content.applyUrl : u"/jobs/"_s + job.id + u"/apply"_s;
        applySection =
            fillTemplate(loadTemplate(u"job-apply.html"_s), {{u"applyHref"_s, href},
                                                             {u"applyHost"_s, applyUrl.host()},
                                                             {u"applyUrl"_s, content.applyUrl}});
    } else {
        QString reason;
        if (job.isDeleted())
            reason = u"It was removed from hopstep."_s;
        else if (content.status == JobStatus::Expired)
            reason = u"The closing date has passed."_s;
        else
            reason = u"The employer has closed it."_s;
        statusNotice = fillTemplate(loadTemplate(u"job-closed.html"_s), {{u"reason"_s, reason}});
    }

    return fillTemplate(loadTemplate(u"job-card.html"_s),
                        {{u"id"_s, job.id},
                         {u"title"_s, content.title},
                         {u"providerName"_s, job.providerName},
                         {u"facilityName"_s, job.facilityName},
                         {u"statusNotice"_s, statusNotice},
                         {u"category"_s, content.categoryName},
                         {u"pay"_s, formatPay(content.salary)},
                         {u"workTypes"_s, formatWorkTypes(content.workTypes)},
                         {u"location"_s, formatLocation(content.location)},
                         // Sanitised on ingest with an allow-list, so it is safe to embed.
                         {u"descriptionHtml"_s, content.descriptionHtml},
                         {u"applySection"_s, applySection}});
}

QString JobPageRenderer::previewStyleSheet()
{
    return loadTemplate(u"preview.css"_s);
}

QString JobPageRenderer::renderPreviewDocument(const Job &job)
{
    return u"<html><head><meta charset=\"utf-8\"><style>"_s + previewStyleSheet() +
           u"</style></head><body>"_s + renderJobCard(job, ApplyLink::Direct) + u"</body></html>"_s;
}

} // namespace hopstep
