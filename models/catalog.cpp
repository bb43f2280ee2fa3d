#include "catalog.h"

#include "job.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hopstep {

QJsonObject categoryToJson(const Category &category)
{
    return QJsonObject{
        {u"id"_s, category.id}, {u"name"_s, category.name}, {u"position"_s, category.position}};
}

QJsonObject providerToJson(const Provider &provider)
{
    return QJsonObject{{u"id"_s, provider.id},
                       {u"name"_s, provider.name},
                       {u"active"_s, provider.active},
                       {u"createdAt"_s, formatTimestamp(provider.createdAt)}};
}

QJsonObject facilityToJson(const Facility &facility)
{
    return QJsonObject{
        {u"id"_s, facility.id},         {u"providerId"_s, facility.providerId},
        {u"name"_s, facility.name},     {u"suburb"_s, facility.suburb},
        {u"state"_s, facility.state},   {u"postcode"_s, facility.postcode},
        {u"active"_s, facility.active}, {u"createdAt"_s, formatTimestamp(facility.createdAt)}};
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
        const QSet<QString> words = wordsOf(category.name);
        const qsizetype shared = QSet<QString>(words).intersect(sentWords).size();
        const QString key = categoryMatchKey(category.name);
        const int distance = editDistance(sentKey, key);
        const double similarity =
            1.0 - double(distance) / double(std::max<qsizetype>({sentKey.size(), key.size(), 1}));
        const double score =
            double(shared) * 2.0 / double(std::max<qsizetype>(words.size(), 1)) + similarity;
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

} // namespace hopstep
