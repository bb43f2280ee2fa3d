#include "catalog.h"

#include "job.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QJsonValue timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(formatTimestamp(time)) : QJsonValue();
}

QString quotedName(const QString &value)
{
    constexpr qsizetype maxShown = 80;
    if (value.size() > maxShown)
        return u'"' + value.left(maxShown) + u"…\""_s;
    return u'"' + value + u'"';
}

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') &&
        !value.contains(u'\r')) {
        return value;
    }
    QString escaped = value;
    escaped.replace(u'"', u"\"\""_s);
    return u'"' + escaped + u'"';
}

} // namespace

QJsonObject categoryToJson(const Category &category)
{
    QJsonObject object{{u"id"_s, category.id},
                       {u"name"_s, category.name},
                       {u"position"_s, category.position},
                       {u"status"_s, category.isRetired() ? u"retired"_s : u"active"_s},
                       {u"aliases"_s, QJsonArray::fromStringList(category.aliases)}};
    if (category.isRetired()) {
        object.insert(u"retiredAt"_s, formatTimestamp(category.retiredAt));
        object.insert(u"successorId"_s,
                      category.successorId > 0 ? QJsonValue(category.successorId) : QJsonValue());
    }
    return object;
}

Category categoryFromJson(const QJsonObject &object)
{
    Category category;
    category.id = object.value(u"id"_s).toInt();
    category.name = object.value(u"name"_s).toString();
    category.position = object.value(u"position"_s).toInt();
    const QJsonArray aliases = object.value(u"aliases"_s).toArray();
    for (const QJsonValue &alias : aliases)
        category.aliases.append(alias.toString());
    category.retiredAt = parseTimestamp(object.value(u"retiredAt"_s).toString());
    category.successorId = object.value(u"successorId"_s).toInt();
    return category;
}

QJsonObject providerToJson(const Provider &provider)
{
    return QJsonObject{{u"id"_s, provider.id},
                       {u"name"_s, provider.name},
                       {u"active"_s, provider.active},
                       {u"live"_s, provider.isLive()},
                       {u"createdAt"_s, formatTimestamp(provider.createdAt)},
                       {u"updatedAt"_s, timestampOrNull(provider.updatedAt)},
                       {u"deactivatedAt"_s, timestampOrNull(provider.deactivatedAt)},
                       {u"liveAt"_s, timestampOrNull(provider.liveAt)},
                       {u"contactName"_s, provider.contactName},
                       {u"contactEmail"_s, provider.contactEmail},
                       {u"contactPhone"_s, provider.contactPhone},
                       {u"atsName"_s, provider.atsName},
                       {u"notes"_s, provider.notes}};
}

Provider providerFromJson(const QJsonObject &object)
{
    Provider provider;
    provider.id = object.value(u"id"_s).toString();
    provider.name = object.value(u"name"_s).toString();
    provider.active = object.value(u"active"_s).toBool(true);
    provider.createdAt = parseTimestamp(object.value(u"createdAt"_s).toString());
    provider.updatedAt = parseTimestamp(object.value(u"updatedAt"_s).toString());
    provider.deactivatedAt = parseTimestamp(object.value(u"deactivatedAt"_s).toString());
    provider.liveAt = parseTimestamp(object.value(u"liveAt"_s).toString());
    provider.contactName = object.value(u"contactName"_s).toString();
    provider.contactEmail = object.value(u"contactEmail"_s).toString();
    provider.contactPhone = object.value(u"contactPhone"_s).toString();
    provider.atsName = object.value(u"atsName"_s).toString();
    provider.notes = object.value(u"notes"_s).toString();
    return provider;
}

QJsonObject providerSummaryToJson(const ProviderSummary &summary)
{
    QJsonObject object = providerToJson(summary.provider);
    object.insert(u"facilityCount"_s, summary.facilities);
    object.insert(u"activeKeyCount"_s, summary.activeKeys);
    object.insert(u"liveJobCount"_s, summary.liveJobs);
    object.insert(u"heldJobCount"_s, summary.heldJobs);
    object.insert(u"onboardingStepsDone"_s, summary.onboardingStepsDone);
    return object;
}

ProviderSummary providerSummaryFromJson(const QJsonObject &object)
{
    ProviderSummary summary;
    summary.provider = providerFromJson(object);
    summary.facilities = object.value(u"facilityCount"_s).toInt();
    summary.activeKeys = object.value(u"activeKeyCount"_s).toInt();
    summary.liveJobs = object.value(u"liveJobCount"_s).toInt();
    summary.heldJobs = object.value(u"heldJobCount"_s).toInt();
    summary.onboardingStepsDone = object.value(u"onboardingStepsDone"_s).toInt();
    return summary;
}

QJsonObject facilityToJson(const Facility &facility)
{
    return QJsonObject{{u"id"_s, facility.id},
                       {u"providerId"_s, facility.providerId},
                       {u"name"_s, facility.name},
                       {u"streetAddress"_s, facility.streetAddress},
                       {u"suburb"_s, facility.suburb},
                       {u"state"_s, facility.state},
                       {u"postcode"_s, facility.postcode},
                       {u"active"_s, facility.active},
                       {u"createdAt"_s, formatTimestamp(facility.createdAt)},
                       {u"updatedAt"_s, timestampOrNull(facility.updatedAt)},
                       {u"deactivatedAt"_s, timestampOrNull(facility.deactivatedAt)}};
}

Facility facilityFromJson(const QJsonObject &object)
{
    Facility facility;
    facility.id = object.value(u"id"_s).toString();
    facility.providerId = object.value(u"providerId"_s).toString();
    facility.name = object.value(u"name"_s).toString();
    facility.streetAddress = object.value(u"streetAddress"_s).toString();
    facility.suburb = object.value(u"suburb"_s).toString();
    facility.state = object.value(u"state"_s).toString();
    facility.postcode = object.value(u"postcode"_s).toString();
    facility.active = object.value(u"active"_s).toBool(true);
    facility.createdAt = parseTimestamp(object.value(u"createdAt"_s).toString());
    facility.updatedAt = parseTimestamp(object.value(u"updatedAt"_s).toString());
    facility.deactivatedAt = parseTimestamp(object.value(u"deactivatedAt"_s).toString());
    return facility;
}

QString facilityAddress(const Facility &facility)
{
    const QString place =
        QStringList{facility.suburb, facility.state, facility.postcode}.join(u' ').simplified();
    if (facility.streetAddress.isEmpty())
        return place;
    if (place.isEmpty())
        return facility.streetAddress;
    return facility.streetAddress + u", "_s + place;
}

QList<Category> inPublishedOrder(QList<Category> categories)
{
    std::stable_sort(categories.begin(), categories.end(),
                     [](const Category &a, const Category &b) {
                         if (a.isRetired() != b.isRetired())
                             return !a.isRetired();
                         if (a.position != b.position)
                             return a.position < b.position;
                         return a.id < b.id;
                     });
    return categories;
}

QByteArray categoriesToCsv(const QList<Category> &categories)
{
    QString csv = u"id,name,position,status,successor_id,aliases\r\n"_s;
    for (const Category &category : inPublishedOrder(categories)) {
        const QStringList fields = {
            QString::number(category.id),
            csvField(category.name),
            QString::number(category.position),
            category.isRetired() ? u"retired"_s : u"active"_s,
            category.successorId > 0 ? QString::number(category.successorId) : QString(),
            csvField(category.aliases.join(u"; "_s)),
        };
        csv += fields.join(u',') + u"\r\n"_s;
    }
    return csv.toUtf8();
}

QJsonObject categoriesToJsonDocument(const QList<Category> &categories)
{
    QJsonArray items;
    for (const Category &category : inPublishedOrder(categories))
        items.append(categoryToJson(category));
    return QJsonObject{{u"items"_s, items}};
}

QString categoryMatchKey(const QString &name)
{
    QString key;
    key.reserve(name.size());
    for (QChar c : name) {
        if (!c.isSpace())
            key.append(c);
    }
    return key.toCaseFolded();
}

std::optional<Category> findCategoryByName(const QList<Category> &categories, const QString &name)
{
    const QString key = categoryMatchKey(name);
    for (const Category &category : categories) {
        if (categoryMatchKey(category.name) == key)
            return category;
    }
    return std::nullopt;
}

std::optional<Category> findCategoryById(const QList<Category> &categories, int id)
{
    for (const Category &category : categories) {
        if (category.id == id)
            return category;
    }
    return std::nullopt;
}

namespace {

QSet<QString> wordsOf(const QString &text)
{
    static const QRegularExpression nonWord(u"[^\\p{L}\\p{N}]+"_s);
    QSet<QString> words;
    const QStringList parts = text.toCaseFolded().split(nonWord, Qt::SkipEmptyParts);
    for (const QString &part : parts)
        words.insert(part);
    return words;
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1);
    QList<int> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace

QStringList closestCategoryNames(const QList<Category> &categories, const QString &name, int count)
{
    // Shared words count most ("Nurse (Aged Care)" is about nurses), spelling distance breaks
    // ties and catches typos ("Registred Nurse"); the list order breaks the remaining ties.
    const QSet<QString> sentWords = wordsOf(name);
    const QString sentKey = categoryMatchKey(name);
    struct Scored
    {
        double score;
        int order;
        QString name;
    };
    QList<Scored> scored;
    for (qsizetype i = 0; i < categories.size(); ++i) {
        const Category &category = categories.at(i);
        if (category.isRetired())
            continue;
        const QSet<QString> words = wordsOf(category.name);
        double shared = 0;
        for (const QString &word : words) {
            if (sentWords.contains(word)) {
                shared += 1.0;
                continue;
            }
            // Words of one stem ("nursing" and "nurse", "carer" and "care") count nearly as
            // much as the same word.
            for (const QString &sent : sentWords) {
                if (word.size() >= 4 && sent.size() >= 4 && word.left(4) == sent.left(4)) {
                    shared += 0.75;
                    break;
                }
            }
        }
        const QString key = categoryMatchKey(category.name);
        const int distance = editDistance(sentKey, key);
        const double similarity =
            1.0 - double(distance) / double(std::max<qsizetype>({sentKey.size(), key.size(), 1}));
        const double score =
            shared * 2.0 / double(std::max<qsizetype>(words.size(), 1)) + similarity;
        scored.append({score, int(i), category.name});
    }
    std::sort(scored.begin(), scored.end(), [](const Scored &a, const Scored &b) {
        if (a.score != b.score)
            return a.score > b.score;
        return a.order < b.order;
    });
    QStringList names;
    for (qsizetype i = 0; i < scored.size() && i < count; ++i)
        names.append(scored.at(i).name);
    return names;
}

namespace {

std::optional<Category> findCategoryByAlias(const QList<Category> &categories, const QString &name)
{
    const QString key = categoryMatchKey(name);
    for (const Category &category : categories) {
        for (const QString &alias : category.aliases) {
            if (categoryMatchKey(alias) == key)
                return category;
        }
    }
    return std::nullopt;
}

QString nameAndId(const Category &category)
{
    return quotedName(category.name) + u" (id "_s + QString::number(category.id) + u')';
}

} // namespace

CategoryMatch matchCategory(const QList<Category> &categories, const QString &sent, bool sentAsId,
                            int keptCategoryId, const QString &shownAs)
{
    CategoryMatch match;
    std::optional<Category> found;
    if (sentAsId) {
        bool isNumber = false;
        const int id = sent.toInt(&isNumber);
        if (isNumber)
            found = findCategoryById(categories, id);
        if (!found) {
            match.errorCode = u"unknown-category"_s;
            match.error = u"category id "_s + sent +
                          u" is not on the official list; GET /api/categories lists the ids and "_s
                          u"names."_s;
            return match;
        }
    } else {
        found = findCategoryByName(categories, sent);
        if (!found) {
            found = findCategoryByAlias(categories, sent);
            match.viaAlias = found.has_value();
        }
        if (!found) {
            match.errorCode = u"unknown-category"_s;
            match.error = u"category "_s + quotedName(shownAs) +
                          u" is not on the official list. Map it to an official name or id from "_s
                          u"GET /api/categories; the closest official names, e.g. "_s +
                          closestCategoryNames(categories, sent).join(u", "_s) + u'.';
            return match;
        }
    }

    if (found->isRetired()) {
        const std::optional<Category> successor =
            found->successorId > 0 ? findCategoryById(categories, found->successorId)
                                   : std::nullopt;
        const QString instead =
            successor && !successor->isRetired()
                ? u"send "_s + nameAndId(*successor) + u" instead"_s
                : u"map the job to a current category from GET /api/categories"_s;
        const QString retired = u"category "_s + nameAndId(*found) + u" was retired on "_s +
                                found->retiredAt.toUTC().toString(u"yyyy-MM-dd"_s);
        if (found->id != keptCategoryId) {
            match.errorCode = u"retired-category"_s;
            match.error = retired + u"; "_s + instead + u'.';
            return match;
        }
        match.warnings.append(
            {u"retired-category"_s, retired + u". The job keeps it until you change it; "_s +
                                        instead + u" and update your category mapping."_s});
    }
    if (match.viaAlias) {
        match.warnings.append(
            {u"category-alias"_s,
             u"category "_s + quotedName(shownAs) + u" is a former name of "_s + nameAndId(*found) +
                 u"; the job was stored under the new name. Update your "_s
                 u"category mapping to "_s +
                 quotedName(found->name) + u" or id "_s + QString::number(found->id) + u'.'});
    }
    match.category = found;
    return match;
}

} // namespace hopstep
