#include "jobvalidator.h"

#include "applyurl.h"
#include "australia.h"
#include "htmlsanitizer.h"
#include "secrets.h"
#include "textnormalizer.h"

#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

#include <cmath>

using namespace Qt::StringLiterals;

namespace hopstep {

QString canonicalUuid(const QString &text)
{
    static const QRegularExpression pattern(
        u"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"_s);
    if (!pattern.match(text).hasMatch())
        return {};
    return text.toLower();
}

namespace {

const QStringList &writableFields()
{
    static const QStringList fields = {
        u"title"_s,     u"description"_s, u"providerId"_s, u"facilityId"_s, u"category"_s,
        u"workTypes"_s, u"salaryMin"_s,   u"salaryMax"_s,  u"salaryType"_s, u"salaryCurrency"_s,
        u"location"_s,  u"applyUrl"_s,    u"status"_s};
    return fields;
}

// Fields that hopstep sets. An ATS that sends back a job it read may include them unchanged.
const QStringList &readOnlyFields()
{
    static const QStringList fields = {
        u"id"_s,         u"version"_s,         u"createdAt"_s,    u"updatedAt"_s,   u"deletedAt"_s,
        u"categoryId"_s, u"descriptionText"_s, u"providerName"_s, u"facilityName"_s};
    return fields;
}

// Members of a response that say nothing about the job, ignored when a client sends them back.
const QStringList &responseOnlyFields()
{
    static const QStringList fields = {u"warnings"_s, u"publication"_s};
    return fields;
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

QString quoted(const QString &value)
{
    constexpr qsizetype maxShown = 80;
    if (value.size() > maxShown)
        return u'"' + value.left(maxShown) + u"…\""_s;
    return u'"' + value + u'"';
}

QString formatAmount(qint64 cents)
{
    if (cents % 100 == 0)
        return QString::number(cents / 100);
    return QString::number(double(cents) / 100.0, 'f', 2);
}

// Upper-case key with separators unified, so "Full-time", "full time" and "FULL_TIME" compare
// equal.
QString enumKey(const QString &value)
{
    QString key = text::normalizeSingleLine(value).toUpper();
    static const QRegularExpression separators(u"[\\s\\-_/.]+"_s);
    key.replace(separators, u"_"_s);
    return key;
}

struct EnumMatch
{
    int index = -1;
    bool alias = false;
};

// Looks up a documented value by its key, then its spellings without separators, then the
// documented aliases.
EnumMatch matchEnum(const QStringList &names, const QHash<QString, QString> &aliases,
                    const QString &value)
{
    const QString key = enumKey(value);
    if (const qsizetype index = names.indexOf(key); index >= 0)
        return {int(index), false};
    QString squeezed = key;
    squeezed.remove(u'_');
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (QString(names.at(i)).remove(u'_') == squeezed)
            return {int(i), false};
    }
    const auto alias = aliases.constFind(key);
    if (alias != aliases.constEnd())
        return {int(names.indexOf(alias.value())), true};
    return {};
}

const QHash<QString, QString> &workTypeAliases()
{
    static const QHash<QString, QString> aliases = {{u"PERMANENT_FULL_TIME"_s, u"FULL_TIME"_s},
                                                    {u"PERMANENT_PART_TIME"_s, u"PART_TIME"_s},
                                                    {u"FIXED_TERM"_s, u"CONTRACT"_s},
                                                    {u"TEMPORARY"_s, u"CONTRACT"_s},
                                                    {u"TEMP"_s, u"CONTRACT"_s},
                                                    {u"VOLUNTARY"_s, u"VOLUNTEER"_s},
                                                    {u"UNPAID"_s, u"VOLUNTEER"_s}};
    return aliases;
}

const QHash<QString, QString> &salaryTypeAliases()
{
    static const QHash<QString, QString> aliases = {
        {u"HOUR"_s, u"HOURLY"_s},        {u"PER_HOUR"_s, u"HOURLY"_s},
        {u"HOURLY_RATE"_s, u"HOURLY"_s}, {u"DAY"_s, u"DAILY"_s},
        {u"PER_DAY"_s, u"DAILY"_s},      {u"WEEK"_s, u"WEEKLY"_s},
        {u"PER_WEEK"_s, u"WEEKLY"_s},    {u"MONTH"_s, u"MONTHLY"_s},
        {u"PER_MONTH"_s, u"MONTHLY"_s},  {u"YEAR"_s, u"ANNUAL"_s},
        {u"YEARLY"_s, u"ANNUAL"_s},      {u"ANNUALLY"_s, u"ANNUAL"_s},
        {u"PER_ANNUM"_s, u"ANNUAL"_s},   {u"PER_YEAR"_s, u"ANNUAL"_s},
        {u"SALARY"_s, u"ANNUAL"_s}};
    return aliases;
}

const QHash<QString, QString> &statusAliases()
{
    static const QHash<QString, QString> aliases = {{u"OPEN"_s, u"ACTIVE"_s},
                                                    {u"PUBLISHED"_s, u"ACTIVE"_s},
                                                    {u"LIVE"_s, u"ACTIVE"_s},
                                                    {u"DRAFT"_s, u"PENDING"_s},
                                                    {u"FILLED"_s, u"CLOSED"_s}};
    return aliases;
}

// Amounts a job of each pay unit plausibly has, in dollars. An amount outside them is almost
// always the wrong unit, such as an annual salary sent as HOURLY.
struct PlausibleRange
{
    qint64 minDollars;
    qint64 maxDollars;
};

PlausibleRange plausibleRange(SalaryType type)
{
    switch (type) {
    case SalaryType::Hourly:
        return {10, 500};
    case SalaryType::Daily:
        return {80, 5'000};
    case SalaryType::Weekly:
        return {300, 25'000};
    case SalaryType::Monthly:
        return {1'000, 100'000};
    case SalaryType::Annual:
        return {15'000, 1'500'000};
    }
    return {0, 0};
}

QString suggestedUnit(qint64 cents)
{
    const qint64 dollars = cents / 100;
    if (dollars >= 15'000)
        return u"ANNUAL"_s;
    if (dollars >= 1'000)
        return u"WEEKLY or MONTHLY"_s;
    if (dollars >= 80)
        return u"DAILY"_s;
    return u"HOURLY"_s;
}

// Characters as people count them in limits: Unicode code points, so an emoji counts once,
// not as the two UTF-16 units QString::size() counts.
qsizetype characterCount(const QString &text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text.at(i).isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate()))
            ++count;
    }
    return count;
}

bool matchesCredential(const QString &text)
{
    static const QRegularExpression candidate(u"hs[kt]_[0-9A-Za-z]{46}"_s);
    QRegularExpressionMatchIterator matches = candidate.globalMatch(text);
    while (matches.hasNext()) {
        const QString found = matches.next().captured();
        if (isWellFormedSecret(found, SecretKind::ApiKey) ||
            isWellFormedSecret(found, SecretKind::StaffToken)) {
            return true;
        }
    }
    return false;
}

// Returns the ASCII letters, digits and underscores of the text after NFKC, so that nothing a
// reader skips (white space, invisible or format characters, marks, fillers, controls) and no
// look-alike form (fullwidth letters) can split or disguise a pasted key.
QString skeleton(const QString &text)
{
    const QString folded = text.normalized(QString::NormalizationForm_KC);
    QString result;
    result.reserve(folded.size());
    for (const QChar c : folded) {
        const char16_t u = c.unicode();
        if ((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
            u == u'_') {
            result.append(c);
        }
    }
    return result;
}

// Returns text with backslash escapes as programming languages write them (\\x5f, \\u005F)
// decoded.
QString withBackslashEscapesDecoded(const QString &text)
{
    static const QRegularExpression escape(u"\\\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4}))"_s);
    QString result;
    qsizetype last = 0;
    for (auto matches = escape.globalMatch(text); matches.hasNext();) {
        const QRegularExpressionMatch match = matches.next();
        result += text.mid(last, match.capturedStart() - last);
        const QString hex = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
        result += QChar(char16_t(hex.toUShort(nullptr, 16)));
        last = match.capturedEnd();
    }
    return result + text.mid(last);
}

// True when the text shows a hopstep credential to readers, or one that a reader gets by
// decoding it. The text is read as sent and after up to three rounds of decoding markup and
// character references, percent-encoding and backslash escapes, in any order, and each
// reading is also checked as its skeleton.
bool containsCredential(const QString &text)
{
    QStringList readings{text};
    QStringList round{text};
    for (int depth = 0; depth < 3 && !round.isEmpty(); ++depth) {
        QStringList next;
        for (const QString &reading : std::as_const(round)) {
            QStringList decoded;
            if (reading.contains(u'<') || reading.contains(u'&'))
                decoded.append(plainTextFromHtml(reading));
            if (reading.contains(u'%'))
                decoded.append(QUrl::fromPercentEncoding(reading.toUtf8()));
            if (reading.contains(u'\\'))
                decoded.append(withBackslashEscapesDecoded(reading));
            for (const QString &candidate : std::as_const(decoded)) {
                if (candidate != reading && !readings.contains(candidate)) {
                    readings.append(candidate);
                    next.append(candidate);
                }
            }
        }
        round = next;
    }
    for (const QString &reading : std::as_const(readings)) {
        if (matchesCredential(reading) || matchesCredential(skeleton(reading)))
            return true;
    }
    return false;
}

// Returns a 4-digit number in a suburb, which no Australian place name has, or an empty string.
// Digits of other scripts and compatibility forms count too.
QString postcodeInSuburb(const QString &suburb)
{
    static const QRegularExpression postcode(u"(?<!\\p{Nd})\\p{Nd}{4}(?!\\p{Nd})"_s);
    return postcode.match(suburb.normalized(QString::NormalizationForm_KC)).captured();
}

// Returns the codes of the states that a suburb still names after an appended state was
// removed: a code in capitals as a word ("Richmond VIC (NSW)"), a code in any case before the
// country ("Richmond nsw au"), a state after a comma, bracket or slash ("Richmond (New South
// Wales)"), or a state's full name at the end. "Victoria" at the end stays a place name, as in
// Mount Victoria and Port Victoria.
// Returns the first of states that is not state, or an empty string.
QString otherState(const QStringList &states, const QString &state)
{
    for (const QString &named : states) {
        if (!state.isEmpty() && named != state)
            return named;
    }
    return {};
}

QStringList statesInSuburb(const QString &suburb)
{
    const QString folded = suburb.normalized(QString::NormalizationForm_KC);
    QStringList states;
    const auto add = [&states](const std::optional<QString> &state) {
        if (state && !states.contains(*state))
            states.append(*state);
    };
    static const QRegularExpression code(u"\\b(NSW|VIC|QLD|TAS|ACT|NT|SA|WA)\\b"_s);
    for (auto matches = code.globalMatch(folded); matches.hasNext();)
        add(australia::normalizeState(matches.next().captured(1)));
    static const QRegularExpression beforeCountry(
        u"\\b(n\\.?s\\.?w\\.?|vic|qld|tas|act|nt|sa|wa)[\\s,]+(au|aus|australia)\\.?\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (const auto match = beforeCountry.match(folded); match.hasMatch())
        add(australia::normalizeState(match.captured(1)));
    static const QRegularExpression separated(u"[,(/]\\s*([^,()/]+)"_s);
    for (auto pieces = separated.globalMatch(folded); pieces.hasNext();)
        add(australia::normalizeState(pieces.next().captured(1).trimmed()));
    // Full names are compared on letters alone, so "New-South-Wales" and "Queensland,
    // Australia" count, with the country after them or not.
    QString letters;
    for (const QChar c : folded) {
        if (c.isLetter())
            letters.append(c.toCaseFolded());
    }
    QStringList endings{letters};
    for (const QString &country : {u"australia"_s, u"aust"_s, u"aus"_s, u"au"_s}) {
        if (letters.endsWith(country)) {
            endings.append(letters.chopped(country.size()));
            break;
        }
    }
    static const std::pair<const char16_t *, const char16_t *> fullNames[] = {
        {u"newsouthwales", u"NSW"},
        {u"queensland", u"QLD"},
        {u"tasmania", u"TAS"},
        {u"southaustralia", u"SA"},
        {u"westernaustralia", u"WA"},
        {u"northernterritory", u"NT"},
        {u"australiancapitalterritory", u"ACT"},
    };
    for (const QString &ending : std::as_const(endings)) {
        for (const auto &name : fullNames) {
            const QString full = QString::fromUtf16(name.first);
            // The suburb's own name must come before the state's.
            if (ending.endsWith(full) && ending.size() > full.size())
                add(QString::fromUtf16(name.second));
        }
    }
    return states;
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

class JobValidator
{
public:
    JobValidator(const QJsonObject &body, const Job *stored, const ValidationContext &context)
        : m_body(body)
        , m_stored(stored)
        , m_context(context)
    {
        if (stored)
            m_result.content = stored->content;
    }

    JobValidation run()
    {
        checkMemberNames();
        checkForSecrets(m_body, QString());
        validateProvider();
        validateFacility();
        validateTitle();
        validateDescription();
        validateCategory();
        validateWorkTypes();
        validateSalary();
        validateLocation();
        validateApplyUrl();
        validateStatus();
        checkFacilityLocation();
        checkStoredTextForSecrets();
        return m_result;
    }

private:
    bool isUpdate() const { return m_stored != nullptr; }

    void addError(const QString &pointer, const QString &code, const QString &message)
    {
        m_result.errors.append({pointer, code, message});
    }

    void addWarning(const QString &pointer, const QString &code, const QString &message)
    {
        m_result.warnings.append({pointer, code, message});
    }

    // Returns the value to validate, or Undefined when the stored value stays as it is.
    // A required field that is missing on create, or null at any time, is reported here.
    QJsonValue requiredValue(const QString &name)
    {
        const QJsonValue value = m_body.value(name);
        if (value.isUndefined()) {
            if (!isUpdate())
                addError(u'/' + name, u"required"_s, name + u" is required."_s);
            return QJsonValue::Undefined;
        }
        if (value.isNull()) {
            addError(u'/' + name, u"required"_s,
                     name + u" is required and cannot be cleared with null."_s);
            return QJsonValue::Undefined;
        }
        return value;
    }

    std::optional<QString> stringValue(const QString &pointer, const QJsonValue &value)
    {
        // An array item is named with its array, as in workTypes[1].
        QString name = pointer.section(u'/', -1);
        bool isIndex = false;
        name.toInt(&isIndex);
        if (isIndex)
            name = pointer.section(u'/', -2, -2) + u'[' + name + u']';
        if (!value.isString()) {
            addError(pointer, u"type"_s,
                     name + u" must be a string; received "_s + jsonTypeName(value) + u'.');
            return std::nullopt;
        }
        const QString text = value.toString();
        if (text::containsUnpairedSurrogate(text)) {
            addError(pointer, u"invalid-unicode"_s,
                     name + u" contains an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF "
                            u"without its partner); send the character itself in UTF-8."_s);
            return std::nullopt;
        }
        return text;
    }

    void checkMemberNames()
    {
        for (auto it = m_body.constBegin(); it != m_body.constEnd(); ++it) {
            const QString name = it.key();
            if (writableFields().contains(name) || responseOnlyFields().contains(name))
                continue;
            if (readOnlyFields().contains(name)) {
                checkReadOnly(name, it.value());
                continue;
            }
            addWarning(u'/' + jsonPointerToken(name), u"unknown-field"_s,
                       u"Unknown field "_s + quoted(name) + u" was ignored"_s +
                           closestFieldHint(name) + u'.');
        }
    }

    QString closestFieldHint(const QString &name) const
    {
        for (const QString &field : writableFields()) {
            if (field.compare(name, Qt::CaseInsensitive) == 0 ||
                editDistance(field.toLower(), name.toLower()) <= 2) {
                return u"; did you mean "_s + field + u'?';
            }
        }
        return u"; the job fields are listed in /api/openapi.json"_s;
    }

    // Job text is published, so a hopstep credential pasted into it would leak. Only the
    // shape with a valid checksum counts, so ordinary words starting with hsk_ pass.
    void checkForSecrets(const QJsonValue &value, const QString &pointer)
    {
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                if (containsCredential(it.key())) {
                    addError(pointer, u"secret-in-content"_s,
                             u"A member name contains a hopstep API key or staff token. Remove "
                             u"the key; if it was sent anywhere public, ask hopstep to revoke "
                             u"it."_s);
                    continue;
                }
                checkForSecrets(it.value(), pointer + u'/' + jsonPointerToken(it.key()));
            }
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                checkForSecrets(array.at(i), pointer + u'/' + QString::number(i));
        } else if (value.isString() && containsCredential(value.toString())) {
            addError(pointer, u"secret-in-content"_s,
                     u"This text contains a hopstep API key or staff token, and job text is "
                     u"published. Remove the key; if it was sent anywhere public, ask hopstep "
                     u"to revoke it."_s);
        }
    }

    void checkForSecrets(const QJsonObject &object, const QString &pointer)
    {
        checkForSecrets(QJsonValue(object), pointer);
    }

    // The text as it will be published can join what the request had apart: a character
    // reference decoded in a link, or Office markup removed from between two halves of a key.
    void checkStoredTextForSecrets()
    {
        const JobContent &content = m_result.content;
        const std::pair<QString, QString> published[] = {
            {u"/title"_s, content.title},
            {u"/description"_s, content.descriptionHtml},
            {u"/description"_s, content.descriptionText},
            {u"/location/suburb"_s, content.location.suburb},
            {u"/applyUrl"_s, content.applyUrl},
        };
        for (const auto &field : published) {
            // A named reference, because clang 14 cannot capture a structured binding.
            const QString &pointer = field.first;
            const QString &text = field.second;
            const bool reported = std::any_of(m_result.errors.cbegin(), m_result.errors.cend(),
                                              [&pointer](const FieldIssue &issue) {
                                                  return issue.pointer == pointer &&
                                                         issue.code == u"secret-in-content"_s;
                                              });
            if (!reported && containsCredential(text)) {
                addError(pointer, u"secret-in-content"_s,
                         u"This text contains a hopstep API key or staff token once its markup "
                         u"and character references are read, and job text is published. "
                         u"Remove the key; if it was sent anywhere public, ask hopstep to revoke "
                         u"it."_s);
            }
        }
    }

    void checkReadOnly(const QString &name, const QJsonValue &value)
    {
        if (isUpdate()) {
            const QJsonObject current = jobToApiJson(*m_stored);
            if (current.value(name) == value || value.isNull())
                return;
            // Ids compare in canonical form, as the paths do.
            if (name == u"id"_s && canonicalUuid(value.toString()) == m_stored->id)
                return;
            addError(u'/' + name, u"read-only"_s,
                     name + u" is set by hopstep and cannot be changed; omit it or send the "_s
                            u"current value."_s);
            return;
        }
        addError(u'/' + name, u"read-only"_s,
                 name + u" is set by hopstep; remove it from the request."_s);
    }

    void validateProvider()
    {
        const QJsonValue value = m_body.value(u"providerId"_s);
        if (isUpdate()) {
            if (value.isUndefined())
                return;
            const QString sent = canonicalUuid(value.toString());
            if (sent != m_stored->content.providerId) {
                addError(u"/providerId"_s, u"read-only"_s,
                         u"providerId cannot change after a job is created; omit it or send "_s +
                             m_stored->content.providerId + u'.');
            }
            return;
        }
        const QJsonValue required = requiredValue(u"providerId"_s);
        if (required.isUndefined())
            return;
        const auto text = stringValue(u"/providerId"_s, required);
        if (!text)
            return;
        const QString id = canonicalUuid(text->trimmed());
        if (id.isEmpty()) {
            addError(u"/providerId"_s, u"format"_s,
                     u"providerId "_s + quoted(*text) +
                         u" is not a UUID; send the provider ID hopstep issued, such as "_s
                         u"f9dda16b-4d42-4b63-9455-3ffd49ac8738."_s);
            return;
        }
        m_result.content.providerId = id;
        if (id != m_context.callerProviderId)
            m_result.otherProvider = true;
    }

    void validateFacility()
    {
        const QJsonValue value = requiredValue(u"facilityId"_s);
        if (value.isUndefined())
            return;
        const auto text = stringValue(u"/facilityId"_s, value);
        if (!text)
            return;
        const QString id = canonicalUuid(text->trimmed());
        if (id.isEmpty()) {
            addError(u"/facilityId"_s, u"format"_s,
                     u"facilityId "_s + quoted(*text) +
                         u" is not a UUID; send a facility ID hopstep issued for this "_s
                         u"provider."_s);
            return;
        }
        m_result.content.facilityId = id;
        const QString providerId = m_result.content.providerId;
        const std::optional<Facility> facility =
            m_context.findFacility ? m_context.findFacility(id) : std::nullopt;
        if (!facility || (!providerId.isEmpty() && facility->providerId != providerId)) {
            addError(u"/facilityId"_s, u"unknown-facility"_s,
                     u"facilityId "_s + id + u" is not a facility of provider "_s +
                         (providerId.isEmpty() ? u"(missing)"_s : providerId) +
                         u"; use one of the facility IDs hopstep issued for this provider."_s);
            return;
        }
        if (!facility->active) {
            addError(u"/facilityId"_s, u"inactive-facility"_s,
                     u"Facility "_s + id + u" ("_s + facility->name +
                         u") is deactivated and takes no jobs; ask the hopstep integrations "_s
                         u"team to reactivate it or use another facility."_s);
        }
    }

    void validateTitle()
    {
        const QJsonValue value = requiredValue(u"title"_s);
        if (value.isUndefined())
            return;
        const auto sent = stringValue(u"/title"_s, value);
        if (!sent)
            return;
        bool hadMarkup = false;
        bool hadReferences = false;
        const QString plain = plainTextFromHtml(*sent, &hadMarkup, &hadReferences);
        const QString title = text::normalizeSingleLine(plain);
        if (title.isEmpty()) {
            addError(u"/title"_s, u"required"_s, u"title is empty; send the job's title."_s);
            return;
        }
        if (characterCount(title) > limits::maxTitleLength) {
            addError(u"/title"_s, u"too-long"_s,
                     u"title has %1 characters; the maximum is %2. Shorten it; hopstep does "_s
                     u"not truncate titles."_s.arg(characterCount(title))
                         .arg(limits::maxTitleLength));
            return;
        }
        if (hadMarkup) {
            addWarning(u"/title"_s, u"markup-removed"_s,
                       u"title contained HTML tags, which were removed; titles are plain text."_s);
        }
        if (hadReferences) {
            addWarning(u"/title"_s, u"references-decoded"_s,
                       u"title contained HTML character references such as &amp;, which were "_s
                       u"decoded once; send titles as plain text."_s);
        }
        m_result.content.title = title;
    }

    void validateDescription()
    {
        const QJsonValue value = requiredValue(u"description"_s);
        if (value.isUndefined())
            return;
        const auto sent = stringValue(u"/description"_s, value);
        if (!sent)
            return;
        if (characterCount(*sent) > limits::maxDescriptionLength) {
            addError(
                u"/description"_s, u"too-long"_s,
                u"description has %1 characters; the maximum is %2, markup included. "_s
                u"Shorten it; hopstep does not truncate descriptions."_s.arg(characterCount(*sent))
                    .arg(limits::maxDescriptionLength));
            return;
        }
        const SanitizedHtml clean = sanitizeJobDescription(*sent);
        if (clean.text.trimmed().isEmpty()) {
            addError(u"/description"_s, u"required"_s,
                     u"description has no readable text; send the job's description as HTML "_s
                     u"or plain text."_s);
            return;
        }
        if (clean.decodedEscapedHtml) {
            addWarning(u"/description"_s, u"html-unescaped"_s,
                       u"description arrived HTML-escaped (for example &lt;p&gt;) and was "_s
                       u"decoded once; send the HTML itself."_s);
        }
        if (!clean.removed.isEmpty()) {
            addWarning(u"/description"_s, u"html-removed"_s,
                       u"Removed from description: "_s + clean.removed.join(u", "_s) +
                           u". hopstep keeps only basic formatting and http(s) or mailto "_s
                           u"links."_s);
        }
        m_result.content.descriptionHtml = clean.html;
        m_result.content.descriptionText = clean.text;
    }

    void validateCategory()
    {
        const QJsonValue value = requiredValue(u"category"_s);
        if (value.isUndefined())
            return;
        QString sent;
        QString shown;
        bool sentAsId = false;
        if (value.isDouble()) {
            const double number = value.toDouble();
            // Converting a double outside qint64's range, such as 1e308, is undefined behaviour.
            const bool wholeNumber = number == std::floor(number) && std::fabs(number) < 1e15;
            sent = wholeNumber ? QString::number(qint64(number)) : QString::number(number);
            shown = sent;
            sentAsId = true;
        } else {
            const auto text = stringValue(u"/category"_s, value);
            if (!text)
                return;
            sent = text::normalizeSingleLine(*text);
            shown = *text;
            if (sent.isEmpty()) {
                addError(u"/category"_s, u"required"_s,
                         u"category is empty; send an official name or id from GET "
                         u"/api/categories."_s);
                return;
            }
            bool isNumber = false;
            sent.toInt(&isNumber);
            sentAsId = isNumber;
        }
        // A retired category stays on a job that already has it, until the ATS changes it.
        const int keptId = isUpdate() ? m_stored->content.categoryId : 0;
        const CategoryMatch match =
            matchCategory(m_context.categories, sent, sentAsId, keptId, shown);
        if (!match.category) {
            addError(u"/category"_s, match.errorCode, match.error);
            return;
        }
        for (const auto &[code, message] : match.warnings)
            addWarning(u"/category"_s, code, message);
        m_result.content.categoryId = match.category->id;
        m_result.content.categoryName = match.category->name;
        m_result.content.categorySent = sent;
        m_result.content.categoryViaAlias = match.viaAlias;
    }

    void validateWorkTypes()
    {
        const QJsonValue value = requiredValue(u"workTypes"_s);
        if (value.isUndefined())
            return;
        const QString allowed = workTypeNames().join(u", "_s);
        if (!value.isArray()) {
            addError(u"/workTypes"_s, u"type"_s,
                     u"workTypes must be an array such as [\"FULL_TIME\"]; received "_s +
                         jsonTypeName(value) + u". Allowed values: "_s + allowed + u'.');
            return;
        }
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            addError(u"/workTypes"_s, u"required"_s,
                     u"workTypes is empty; send at least one of "_s + allowed + u'.');
            return;
        }
        if (array.size() > limits::maxWorkTypes) {
            addError(u"/workTypes"_s, u"too-many"_s,
                     u"workTypes has %1 entries; the maximum is %2."_s.arg(array.size())
                         .arg(limits::maxWorkTypes));
            return;
        }
        QList<WorkType> types;
        bool valid = true;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString pointer = u"/workTypes/"_s + QString::number(i);
            const auto text = stringValue(pointer, array.at(i));
            if (!text) {
                valid = false;
                continue;
            }
            const EnumMatch match = matchEnum(workTypeNames(), workTypeAliases(), *text);
            if (match.index < 0) {
                addError(pointer, u"not-allowed"_s,
                         u"work type "_s + quoted(*text) + u" is not allowed; send one of "_s +
                             allowed + u'.');
                valid = false;
                continue;
            }
            const auto type = static_cast<WorkType>(match.index);
            if (match.alias) {
                addWarning(pointer, u"alias"_s,
                           u"work type "_s + quoted(*text) + u" was read as "_s +
                               workTypeName(type) + u"; send "_s + workTypeName(type) +
                               u" directly."_s);
            }
            if (types.contains(type)) {
                addWarning(pointer, u"duplicate"_s,
                           u"work type "_s + workTypeName(type) +
                               u" was sent more than once; the repeat was ignored."_s);
                continue;
            }
            types.append(type);
        }
        if (valid)
            m_result.content.workTypes = types;
    }

    // Reads one amount. Returns true when the field was valid or cleared, with cents set to the
    // new value (empty when cleared); false when invalid or absent.
    bool amountValue(const QString &name, std::optional<qint64> *cents)
    {
        const QString pointer = u'/' + name;
        const QJsonValue value = m_body.value(name);
        if (value.isUndefined())
            return false;
        if (value.isNull()) {
            cents->reset();
            return true;
        }
        double number = 0;
        if (value.isDouble()) {
            number = value.toDouble();
        } else if (value.isString()) {
            static const QRegularExpression plainNumber(u"^\\s*(\\d{1,12}(\\.\\d+)?)\\s*$"_s);
            const QRegularExpressionMatch match = plainNumber.match(value.toString());
            if (!match.hasMatch()) {
                addError(pointer, u"type"_s,
                         name + u" must be a JSON number such as 30.50; received the string "_s +
                             quoted(value.toString()) +
                             u". Send the amount without a currency symbol, thousands "_s
                             u"separators or units."_s);
                return false;
            }
            number = match.captured(1).toDouble();
            addWarning(pointer, u"number-as-string"_s,
                       name + u" was sent as the string "_s + quoted(value.toString()) +
                           u" and read as "_s + match.captured(1) +
                           u"; send it as a JSON number."_s);
        } else {
            addError(pointer, u"type"_s,
                     name + u" must be a JSON number such as 30.50; received "_s +
                         jsonTypeName(value) + u'.');
            return false;
        }
        // The shortest text that reads back as the same double, as the sender wrote it.
        const QString shown = QString::number(number, 'g', QLocale::FloatingPointShortest);
        if (!(number > 0)) {
            addError(pointer, u"range"_s,
                     name + u" must be greater than 0; received "_s + shown +
                         u". Omit the salary fields when the pay is not published."_s);
            return false;
        }
        if (number * 100.0 > double(limits::maxSalaryCents)) {
            addError(pointer, u"range"_s,
                     name + u" "_s + shown + u" is over the maximum of 10000000."_s);
            return false;
        }
        const double scaled = number * 100.0;
        const qint64 rounded = std::llround(scaled);
        // An absolute tolerance: below 10^9 cents a double resolves far finer than 10^-6, so
        // only the error of decimal-to-binary conversion passes, never a real fraction of a cent.
        if (std::fabs(scaled - double(rounded)) > 1e-6 || rounded < 1) {
            addError(pointer, u"precision"_s,
                     name + u" "_s + shown +
                         u" has more than two decimal places; send dollars and cents, such "_s
                         u"as 30.55."_s);
            return false;
        }
        *cents = rounded;
        return true;
    }

    void validateSalary()
    {
        Salary &salary = m_result.content.salary;
        bool valid = true;
        const bool minSent = m_body.contains(u"salaryMin"_s);
        const bool maxSent = m_body.contains(u"salaryMax"_s);
        if (minSent && !amountValue(u"salaryMin"_s, &salary.minCents))
            valid = false;
        if (maxSent && !amountValue(u"salaryMax"_s, &salary.maxCents))
            valid = false;

        const QJsonValue typeValue = m_body.value(u"salaryType"_s);
        const bool typeSent = !typeValue.isUndefined();
        if (typeValue.isNull()) {
            salary.type.reset();
        } else if (typeSent) {
            const auto text = stringValue(u"/salaryType"_s, typeValue);
            if (!text) {
                valid = false;
            } else {
                const EnumMatch match = matchEnum(salaryTypeNames(), salaryTypeAliases(), *text);
                if (match.index < 0) {
                    addError(u"/salaryType"_s, u"not-allowed"_s,
                             u"salaryType "_s + quoted(*text) + u" is not allowed; send one of "_s +
                                 salaryTypeNames().join(u", "_s) + u'.');
                    valid = false;
                } else {
                    salary.type = static_cast<SalaryType>(match.index);
                    if (match.alias) {
                        addWarning(u"/salaryType"_s, u"alias"_s,
                                   u"salaryType "_s + quoted(*text) + u" was read as "_s +
                                       salaryTypeName(*salary.type) + u"; send "_s +
                                       salaryTypeName(*salary.type) + u" directly."_s);
                    }
                }
            }
        }

        validateCurrency();
        if (!valid)
            return;

        if (salary.isEmpty()) {
            // A job without published pay keeps no unit, so an old unit cannot mislabel new pay.
            if (salary.type && typeSent) {
                addWarning(u"/salaryType"_s, u"ignored"_s,
                           u"salaryType was ignored because neither salaryMin nor salaryMax "_s
                           u"was sent."_s);
            }
            salary.type.reset();
            return;
        }
        if (!salary.type) {
            addError(u"/salaryType"_s, u"required"_s,
                     u"salaryType is required with salaryMin or salaryMax; send one of "_s +
                         salaryTypeNames().join(u", "_s) + u'.');
            return;
        }
        if (salary.minCents && salary.maxCents && *salary.minCents > *salary.maxCents) {
            // Point at the field that was sent, so a partial update names what it changed.
            const QString pointer = maxSent || !minSent ? u"/salaryMax"_s : u"/salaryMin"_s;
            addError(pointer, u"range"_s,
                     u"salaryMax "_s + formatAmount(*salary.maxCents) +
                         u" is less than salaryMin "_s + formatAmount(*salary.minCents) +
                         u"; salaryMin must not be greater than salaryMax."_s);
            return;
        }
        checkPlausible(u"salaryMin"_s, salary.minCents, *salary.type, minSent || typeSent);
        checkPlausible(u"salaryMax"_s, salary.maxCents, *salary.type, maxSent || typeSent);
    }

    void checkPlausible(const QString &name, const std::optional<qint64> &cents, SalaryType type,
                        bool sent)
    {
        if (!cents || !sent)
            return;
        const PlausibleRange range = plausibleRange(type);
        if (*cents >= range.minDollars * 100 && *cents <= range.maxDollars * 100)
            return;
        const QString likelyUnit = suggestedUnit(*cents);
        const QString hint =
            likelyUnit.contains(salaryTypeName(type))
                ? u"Check the amount; it is outside what jobs of this unit pay."_s
                : u"If the amount is right, the unit is probably "_s + likelyUnit + u'.';
        addError(u'/' + name, u"implausible"_s,
                 name + u" "_s + formatAmount(*cents) + u" is not plausible for "_s +
                     salaryTypeName(type) +
                     u" pay (expected %1 to %2 "_s.arg(range.minDollars).arg(range.maxDollars) +
                     salaryUnitLabel(type) + u"). "_s + hint);
    }

    void validateCurrency()
    {
        const QJsonValue value = m_body.value(u"salaryCurrency"_s);
        if (value.isUndefined() || value.isNull())
            return;
        const auto text = stringValue(u"/salaryCurrency"_s, value);
        if (!text)
            return;
        if (text->trimmed().compare(u"AUD"_s, Qt::CaseInsensitive) != 0) {
            addError(u"/salaryCurrency"_s, u"not-allowed"_s,
                     u"salaryCurrency "_s + quoted(*text) +
                         u" is not supported; hopstep lists Australian jobs with pay in AUD, "_s
                         u"so send AUD amounts or omit salaryCurrency."_s);
        }
    }

    void validateLocation()
    {
        const QJsonValue value = requiredValue(u"location"_s);
        if (value.isUndefined())
            return;
        if (!value.isObject()) {
            addError(u"/location"_s, u"type"_s,
                     u"location must be an object with suburb, state and postcode; received "_s +
                         jsonTypeName(value) + u'.');
            return;
        }
        const QJsonObject sent = value.toObject();
        // A partial update may send only the members that change.
        const bool merge = isUpdate();
        Location &location = m_result.content.location;
        for (auto it = sent.constBegin(); it != sent.constEnd(); ++it) {
            if (it.key() != u"suburb"_s && it.key() != u"state"_s && it.key() != u"postcode"_s) {
                addWarning(u"/location/"_s + jsonPointerToken(it.key()), u"unknown-field"_s,
                           u"Unknown field location."_s + it.key() +
                               u" was ignored; location has suburb, state and postcode."_s);
            }
        }

        const auto member = [&](const QString &name) -> QJsonValue {
            const QJsonValue member = sent.value(name);
            if (member.isUndefined() && merge)
                return QJsonValue::Undefined;
            if (member.isUndefined() || member.isNull()) {
                addError(u"/location/"_s + name, u"required"_s,
                         u"location."_s + name + u" is required."_s);
                return QJsonValue::Undefined;
            }
            return member;
        };

        const QJsonValue stateValue = member(u"state"_s);
        bool stateValid = !stateValue.isUndefined() || merge;
        if (!stateValue.isUndefined()) {
            stateValid = false;
            if (const auto text = stringValue(u"/location/state"_s, stateValue)) {
                if (text::normalizeSingleLine(*text).isEmpty()) {
                    addError(u"/location/state"_s, u"required"_s,
                             u"location.state is empty; send one of "_s +
                                 australia::stateCodeList() + u'.');
                } else if (const auto code = australia::normalizeState(*text)) {
                    location.state = *code;
                    stateValid = true;
                } else {
                    addError(u"/location/state"_s, u"not-allowed"_s,
                             u"state "_s + quoted(*text) +
                                 u" is not an Australian state or territory; send one of "_s +
                                 australia::stateCodeList() + u'.');
                }
            }
        }

        const QJsonValue suburbValue = member(u"suburb"_s);
        if (!suburbValue.isUndefined()) {
            if (const auto text = stringValue(u"/location/suburb"_s, suburbValue)) {
                const australia::SuburbResult suburb =
                    australia::stripStateFromSuburb(text::normalizeSingleLine(*text));
                if (suburb.suburb.isEmpty()) {
                    addError(u"/location/suburb"_s, u"required"_s,
                             u"location.suburb is empty; send the suburb or town."_s);
                } else if (characterCount(suburb.suburb) > limits::maxSuburbLength) {
                    addError(u"/location/suburb"_s, u"too-long"_s,
                             u"location.suburb has %1 characters; the maximum is %2."_s
                                 .arg(characterCount(suburb.suburb))
                                 .arg(limits::maxSuburbLength));
                } else if (const QString postcode = postcodeInSuburb(suburb.suburb);
                           !postcode.isEmpty()) {
                    addError(u"/location/suburb"_s, u"invalid"_s,
                             u"location.suburb "_s + quoted(*text) + u" contains "_s + postcode +
                                 u", a postcode; send it in location.postcode and only the "_s
                                 u"suburb's name here."_s);
                } else if (const QString named =
                               otherState(statesInSuburb(suburb.suburb), location.state);
                           stateValid && !named.isEmpty()) {
                    addError(u"/location/suburb"_s, u"state-mismatch"_s,
                             u"location.suburb "_s + quoted(*text) + u" names "_s + named +
                                 u", but location.state is "_s + location.state +
                                 u". Send the suburb without a state, and its state in "_s
                                 u"location.state."_s);
                } else if (!suburb.removedPostcode.isEmpty() && stateValid &&
                           !australia::postcodeInState(suburb.removedPostcode, location.state)) {
                    addError(u"/location/suburb"_s, u"state-mismatch"_s,
                             u"location.suburb "_s + quoted(*text) + u" ends in postcode "_s +
                                 suburb.removedPostcode + u", which is not in "_s + location.state +
                                 u". Send the suburb without a postcode, and its postcode in "_s
                                 u"location.postcode."_s);
                } else if (suburb.stateRemoved && stateValid && !location.state.isEmpty() &&
                           suburb.removedState != location.state) {
                    addError(u"/location/suburb"_s, u"state-mismatch"_s,
                             u"location.suburb "_s + quoted(*text) + u" ends in "_s +
                                 suburb.removedState + u", but location.state is "_s +
                                 location.state +
                                 u". Send the suburb without a state, and its state in "_s
                                 u"location.state."_s);
                } else {
                    location.suburb = suburb.suburb;
                    if (suburb.stateRemoved) {
                        addWarning(u"/location/suburb"_s, u"state-removed"_s,
                                   u"The state or postcode after the suburb in "_s + quoted(*text) +
                                       u" was removed; send it in location.state and "_s
                                       u"location.postcode only."_s);
                    }
                }
            }
        }

        const QJsonValue postcodeValue = member(u"postcode"_s);
        // A new state in an update is checked against the stored postcode too.
        const bool recheckStored =
            merge && postcodeValue.isUndefined() && !stateValue.isUndefined() && stateValid;
        if (!postcodeValue.isUndefined() || recheckStored) {
            const QJsonValue checked =
                postcodeValue.isUndefined() ? QJsonValue(location.postcode) : postcodeValue;
            const australia::PostcodeResult postcode =
                australia::normalizePostcode(checked, stateValid ? location.state : QString());
            if (!postcode.errorCode.isEmpty()) {
                addError(u"/location/postcode"_s, postcode.errorCode, postcode.error);
            } else {
                location.postcode = postcode.postcode;
                if (postcode.padded) {
                    addWarning(u"/location/postcode"_s, u"padded"_s,
                               u"postcode "_s + checked.toVariant().toString() +
                                   u" was read as "_s + postcode.postcode +
                                   u"; send postcodes as 4-character strings so the leading "_s
                                   u"zero survives."_s);
                } else if (postcode.fromNumber) {
                    addWarning(u"/location/postcode"_s, u"number-as-string"_s,
                               u"postcode was sent as a number; send it as a string such as \""_s +
                                   postcode.postcode + u"\"."_s);
                }
            }
        }
    }

    void validateApplyUrl()
    {
        const QJsonValue value = requiredValue(u"applyUrl"_s);
        if (value.isUndefined())
            return;
        const auto text = stringValue(u"/applyUrl"_s, value);
        if (!text)
            return;
        const ApplyUrlResult checked = checkApplyUrl(*text);
        if (!checked.errorCode.isEmpty()) {
            addError(u"/applyUrl"_s, checked.errorCode, checked.error);
            return;
        }
        for (const QString &warning : checked.warnings)
            addWarning(u"/applyUrl"_s, u"apply-url"_s, warning);
        m_result.content.applyUrl = checked.url;
    }

    void validateStatus()
    {
        const QJsonValue value = m_body.value(u"status"_s);
        if (value.isUndefined())
            return;
        if (value.isNull()) {
            addError(u"/status"_s, u"required"_s,
                     u"status cannot be cleared with null; send one of "_s +
                         jobStatusNames().join(u", "_s) + u'.');
            return;
        }
        const auto text = stringValue(u"/status"_s, value);
        if (!text)
            return;
        const EnumMatch match = matchEnum(jobStatusNames(), statusAliases(), *text);
        if (match.index < 0) {
            addError(u"/status"_s, u"not-allowed"_s,
                     u"status "_s + quoted(*text) + u" is not allowed; send one of "_s +
                         jobStatusNames().join(u", "_s) + u'.');
            return;
        }
        const auto status = static_cast<JobStatus>(match.index);
        if (!isUpdate() && status != JobStatus::Active && status != JobStatus::Pending) {
            addError(u"/status"_s, u"not-allowed"_s,
                     u"A new job cannot be "_s + jobStatusName(status) +
                         u"; create it as ACTIVE or PENDING."_s);
            return;
        }
        if (match.alias) {
            addWarning(u"/status"_s, u"alias"_s,
                       u"status "_s + quoted(*text) + u" was read as "_s + jobStatusName(status) +
                           u"; send "_s + jobStatusName(status) + u" directly."_s);
        }
        m_result.content.status = status;
    }

    // The facility's own address is the reference; a job elsewhere in another state is
    // accepted but is usually a wrong facility or a wrong state.
    void checkFacilityLocation()
    {
        const JobContent &content = m_result.content;
        if (content.facilityId.isEmpty() || content.location.state.isEmpty() ||
            !m_context.findFacility) {
            return;
        }
        const std::optional<Facility> facility = m_context.findFacility(content.facilityId);
        if (!facility || facility->state.isEmpty() || facility->state == content.location.state)
            return;
        addWarning(u"/location/state"_s, u"facility-state"_s,
                   u"location.state "_s + content.location.state + u" differs from facility "_s +
                       facility->name + u" in "_s + facility->state +
                       u"; check that facilityId and location are right."_s);
    }

    const QJsonObject &m_body;
    const Job *m_stored;
    const ValidationContext &m_context;
    JobValidation m_result;
};

} // namespace

JobValidation validateNewJob(const QJsonObject &body, const ValidationContext &context)
{
    return JobValidator(body, nullptr, context).run();
}

JobValidation validateJobUpdate(const QJsonObject &body, const Job &stored,
                                const ValidationContext &context)
{
    return JobValidator(body, &stored, context).run();
}

} // namespace hopstep
