#include "onboardingpack.h"

#include "job.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

const QString packFormat = u"hopstep-onboarding-pack"_s;
constexpr int packFormatVersion = 1;
const QString keyPlaceholder = u"{API_KEY}"_s;

QString baseUrlOf(const OnboardingPack &pack)
{
    QString base = pack.apiBaseUrl.trimmed();
    while (base.endsWith(u'/'))
        base.chop(1);
    return base.isEmpty() ? u"https://api.hopstep.com.au"_s : base;
}

QJsonObject packFacilityJson(const Facility &facility)
{
    return QJsonObject{{u"id"_s, facility.id},
                       {u"name"_s, facility.name},
                       {u"streetAddress"_s, facility.streetAddress},
                       {u"suburb"_s, facility.suburb},
                       {u"state"_s, facility.state},
                       {u"postcode"_s, facility.postcode}};
}

QJsonObject packCategoryJson(const Category &category)
{
    return QJsonObject{{u"id"_s, category.id},
                       {u"name"_s, category.name},
                       {u"position"_s, category.position},
                       {u"aliases"_s, QJsonArray::fromStringList(category.aliases)}};
}

QString goLiveText(const OnboardingPack &pack)
{
    if (pack.provider.isLive())
        return u"The integration is live: ACTIVE jobs appear on hopstep as soon as they arrive."_s;
    return u"Until hopstep takes the integration live, every job you send is accepted and "
           u"stored as PENDING, and candidates do not see it; the answer says so in "
           u"\"publication\" and in a warning with code \"held-until-live\". Send one test job; "
           u"hopstep checks how it displays and then takes the integration live, which "
           u"publishes the jobs you sent as ACTIVE."_s;
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString row(const QStringList &cells, bool header = false)
{
    const QString tag = header ? u"th"_s : u"td"_s;
    QString html = u"<tr>"_s;
    for (const QString &cell : cells)
        html += u'<' + tag + u'>' + cell + u"</"_s + tag + u'>';
    return html + u"</tr>"_s;
}

// QTextDocument takes cell padding and spacing from the table's attributes, not from CSS.
QString tableStart(bool fullWidth = false)
{
    return fullWidth ? u"<table cellspacing=\"0\" cellpadding=\"4\" width=\"100%\">"_s
                     : u"<table cellspacing=\"0\" cellpadding=\"4\">"_s;
}

QString mono(const QString &text)
{
    return u"<span class=\"id\">"_s + escaped(text) + u"</span>"_s;
}

QString curlExample(const OnboardingPack &pack)
{
    const QString body =
        QString::fromUtf8(QJsonDocument(exampleJobBody(pack)).toJson(QJsonDocument::Indented));
    return u"curl -X POST "_s + baseUrlOf(pack) + u"/api/jobs \\\n  -H \"Authorization: Bearer "_s +
           keyPlaceholder + u"\" \\\n  -H \"Content-Type: application/json\" \\\n  --data '"_s +
           body.trimmed() + u"'"_s;
}

} // namespace

QJsonObject exampleJobBody(const OnboardingPack &pack)
{
    const Facility facility = pack.facilities.value(0);
    QString category =
        pack.categories.isEmpty() ? u"Aged Care Assistant"_s : pack.categories.constFirst().name;
    for (const Category &candidate : pack.categories) {
        if (candidate.name == u"Aged Care Assistant"_s)
            category = candidate.name;
    }
    return QJsonObject{
        {u"title"_s, u"Aged Care Assistant"_s},
        {u"description"_s,
         u"<p>Support the residents of our aged care home with personal care, meals, mobility "
         u"and company, as part of a friendly team of carers and nurses.</p><ul><li>Certificate "
         u"III in Individual Support</li><li>Current NDIS Worker Screening Check</li><li>Day "
         u"and evening shifts, with paid training</li></ul>"_s},
        {u"providerId"_s, pack.provider.id},
        {u"facilityId"_s, facility.id.isEmpty() ? u"{FACILITY_ID}"_s : facility.id},
        {u"category"_s, category},
        {u"workTypes"_s, QJsonArray{u"FULL_TIME"_s}},
        {u"salaryMin"_s, 30},
        {u"salaryMax"_s, 35},
        {u"salaryType"_s, u"HOURLY"_s},
        {u"location"_s, QJsonObject{{u"suburb"_s, facility.suburb},
                                    {u"state"_s, facility.state},
                                    {u"postcode"_s, facility.postcode}}},
        {u"applyUrl"_s, u"https://careers.example.org/apply/123"_s},
    };
}

QJsonObject onboardingPackToJson(const OnboardingPack &pack)
{
    QJsonArray facilities;
    for (const Facility &facility : pack.facilities)
        facilities.append(packFacilityJson(facility));
    QJsonArray categories;
    for (const Category &category : pack.categories)
        categories.append(packCategoryJson(category));
    const QString base = baseUrlOf(pack);

    QJsonObject object{
        {u"format"_s, packFormat},
        {u"formatVersion"_s, packFormatVersion},
        {u"generatedAt"_s, formatTimestamp(pack.generatedAt)},
        {u"generatedBy"_s, pack.generatedBy},
        {u"provider"_s, QJsonObject{{u"id"_s, pack.provider.id},
                                    {u"name"_s, pack.provider.name},
                                    {u"live"_s, pack.provider.isLive()}}},
        {u"facilities"_s, facilities},
        {u"categories"_s, categories},
        {u"api"_s,
         QJsonObject{{u"baseUrl"_s, base},
                     {u"authorization"_s, QString(u"Authorization: Bearer "_s + keyPlaceholder)},
                     {u"contentType"_s, u"application/json"_s},
                     {u"createJob"_s, QString(u"POST "_s + base + u"/api/jobs"_s)},
                     {u"updateJob"_s, QString(u"PUT "_s + base + u"/api/jobs/{jobId}"_s)},
                     {u"deleteJob"_s, QString(u"DELETE "_s + base + u"/api/jobs/{jobId}"_s)},
                     {u"categories"_s, QString(u"GET "_s + base + u"/api/categories"_s)}}},
        {u"exampleRequest"_s,
         QJsonObject{{u"method"_s, u"POST"_s},
                     {u"url"_s, QString(base + u"/api/jobs"_s)},
                     {u"headers"_s,
                      QJsonObject{{u"Authorization"_s, QString(u"Bearer "_s + keyPlaceholder)},
                                  {u"Content-Type"_s, u"application/json"_s}}},
                     {u"body"_s, exampleJobBody(pack)}}},
        {u"goLive"_s, goLiveText(pack)},
    };
    if (pack.apiKey) {
        object.insert(u"apiKey"_s, QJsonObject{{u"prefix"_s, pack.apiKey->prefix},
                                               {u"secret"_s, pack.apiKey->secret}});
    }
    return object;
}

OnboardingPack onboardingPackFromJson(const QJsonObject &object)
{
    OnboardingPack pack;
    const QJsonObject provider = object.value(u"provider"_s).toObject();
    pack.provider.id = provider.value(u"id"_s).toString();
    pack.provider.name = provider.value(u"name"_s).toString();
    if (provider.value(u"live"_s).toBool())
        pack.provider.liveAt = parseTimestamp(object.value(u"generatedAt"_s).toString());
    const QJsonArray facilities = object.value(u"facilities"_s).toArray();
    for (const QJsonValue &value : facilities) {
        Facility facility = facilityFromJson(value.toObject());
        facility.providerId = pack.provider.id;
        pack.facilities.append(facility);
    }
    const QJsonArray categories = object.value(u"categories"_s).toArray();
    for (const QJsonValue &value : categories)
        pack.categories.append(categoryFromJson(value.toObject()));
    pack.generatedAt = parseTimestamp(object.value(u"generatedAt"_s).toString());
    pack.generatedBy = object.value(u"generatedBy"_s).toString();
    pack.apiBaseUrl = object.value(u"api"_s).toObject().value(u"baseUrl"_s).toString();
    return pack;
}

QString onboardingPackHtml(const OnboardingPack &pack)
{
    QString html = uR"(<html><head><style>
body { font-family: sans-serif; font-size: 10pt; color: #1f2933; }
h1 { font-size: 18pt; color: #0b3d5c; margin-bottom: 2pt; }
h2 { font-size: 12pt; color: #0b3d5c; margin-top: 14pt; border-bottom: 1px solid #c9d3dc; }
table { border-collapse: collapse; }
th { text-align: left; background: #e8eef3; }
td { vertical-align: top; }
.id { font-family: monospace; font-size: 9pt; }
.muted { color: #5b6b78; }
.key { font-family: monospace; font-size: 10pt; background: #fff4d6; padding: 4pt; }
pre { font-family: monospace; font-size: 8pt; background: #f3f6f8; padding: 6pt;
      white-space: pre-wrap; }
</style></head><body>)"_s;

    html += u"<h1>hopstep onboarding pack</h1>"_s;
    html += u"<p class=\"muted\">"_s + escaped(pack.provider.name) + u" · generated "_s +
            escaped(pack.generatedAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s)) +
            (pack.generatedBy.isEmpty() ? QString() : u" by "_s + escaped(pack.generatedBy)) +
            u"</p>"_s;

    html += u"<h2>1. Your IDs</h2>"_s + tableStart();
    html += row({u"Provider"_s, escaped(pack.provider.name)});
    html += row({u"Provider ID"_s, mono(pack.provider.id)});
    html += u"</table><p>Facilities (send one facilityId with each job):</p>"_s + tableStart(true);
    html += row({u"Facility"_s, u"Facility ID"_s, u"Address"_s}, true);
    for (const Facility &facility : pack.facilities)
        html +=
            row({escaped(facility.name), mono(facility.id), escaped(facilityAddress(facility))});
    if (pack.facilities.isEmpty())
        html += row({u"No active facility yet."_s, QString(), QString()});
    html += u"</table>"_s;

    const QString base = baseUrlOf(pack);
    html += u"<h2>2. The API</h2>"_s + tableStart();
    html += row({u"Base URL"_s, mono(base)});
    html += row({u"Authentication"_s, mono(u"Authorization: Bearer "_s + keyPlaceholder)});
    html += row({u"Create a job"_s, mono(u"POST "_s + base + u"/api/jobs"_s)});
    html += row({u"Update a job"_s, mono(u"PUT "_s + base + u"/api/jobs/{jobId}"_s)});
    html += row({u"Remove a job"_s, mono(u"DELETE "_s + base + u"/api/jobs/{jobId}"_s)});
    html += row({u"Category list"_s, mono(u"GET "_s + base + u"/api/categories"_s)});
    html += u"</table>"_s;

    html += u"<h2>3. Your API key</h2>"_s;
    if (pack.apiKey) {
        html += u"<p class=\"key\">"_s + escaped(pack.apiKey->secret) + u"</p>"_s;
        html += u"<p>Keep the key in your secret store and share it with no one. hopstep stores "
                u"only a hash of it and cannot show it again; if it is lost, ask for a new "
                u"key.</p>"_s;
    } else {
        html += u"<p>Your API key is not in this pack: hopstep sends it to you separately and "
                u"cannot show it again. If you do not have it, ask the hopstep integrations team "
                u"for a new key.</p>"_s;
    }

    html += u"<h2>4. The official category list</h2>"_s;
    html += u"<p>Map each of your categories to one of these ids. A job in the wrong category "
            u"does not appear in the right section.</p>"_s +
            tableStart(true);
    html += row({u"Id"_s, u"Name"_s, u"Former names"_s}, true);
    for (const Category &category : pack.categories) {
        html += row({mono(QString::number(category.id)), escaped(category.name),
                     escaped(category.aliases.join(u", "_s))});
    }
    html += u"</table>"_s;

    // The example starts a new page, so its heading cannot end up alone at the foot of one.
    html += u"<h2 style=\"page-break-before: always\">5. Example request</h2><pre>"_s + escaped(curlExample(pack)) + u"</pre>"_s;
    html += u"<h2>6. Going live</h2><p>"_s + escaped(goLiveText(pack)) + u"</p>"_s;
    html += u"</body></html>"_s;
    return html;
}

bool writeOnboardingPackPdf(const OnboardingPack &pack, const QString &path, QString *error)
{
    QPdfWriter writer(path);
    writer.setTitle(u"hopstep onboarding pack: "_s + pack.provider.name);
    writer.setCreator(u"hopstep-console"_s);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
    writer.setResolution(300);

    QTextDocument document;
    document.setHtml(onboardingPackHtml(pack));
    document.print(&writer);

    const QFileInfo written(path);
    if (!written.exists() || written.size() == 0) {
        if (error)
            *error =
                u"Cannot write the PDF %1; check that the folder exists and is writable."_s.arg(
                    path);
        return false;
    }
    return true;
}

} // namespace hopstep
