#include "adminoutcome.h"

#include "textnormalizer.h"

using namespace Qt::StringLiterals;

namespace hopstep {

AdminOutcome AdminOutcome::ok(const QJsonObject &body)
{
    AdminOutcome outcome;
    outcome.body = body;
    return outcome;
}

AdminOutcome AdminOutcome::created(const QJsonObject &body)
{
    AdminOutcome outcome;
    outcome.kind = Kind::Created;
    outcome.body = body;
    return outcome;
}

AdminOutcome AdminOutcome::invalid(const QList<FieldIssue> &errors)
{
    AdminOutcome outcome;
    outcome.kind = Kind::Invalid;
    outcome.errors = errors;
    return outcome;
}

AdminOutcome AdminOutcome::notFound(const QString &code, const QString &message)
{
    AdminOutcome outcome;
    outcome.kind = Kind::NotFound;
    outcome.code = code;
    outcome.message = message;
    return outcome;
}

AdminOutcome AdminOutcome::conflict(const QString &code, const QString &message)
{
    AdminOutcome outcome;
    outcome.kind = Kind::Conflict;
    outcome.code = code;
    outcome.message = message;
    return outcome;
}

AdminOutcome AdminOutcome::storageFailed(const QString &message)
{
    AdminOutcome outcome;
    outcome.kind = Kind::StorageFailed;
    outcome.message = message;
    return outcome;
}

void AdminInput::addError(const QString &name, const QString &code, const QString &message)
{
    m_errors.append({u'/' + jsonPointerToken(name), code, message});
}

std::optional<QString> AdminInput::text(const QString &name, bool required, qsizetype maxLength)
{
    const QJsonValue value = m_body.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            addError(name, u"required"_s, name + u" is required."_s);
        return std::nullopt;
    }
    if (!value.isString()) {
        addError(name, u"type"_s, name + u" must be a string."_s);
        return std::nullopt;
    }
    if (text::containsUnpairedSurrogate(value.toString())) {
        addError(name, u"invalid-unicode"_s,
                 name + u" contains an unpaired UTF-16 surrogate; send the character itself."_s);
        return std::nullopt;
    }
    const QString normalized = text::normalizeSingleLine(value.toString());
    if (required && normalized.isEmpty()) {
        addError(name, u"required"_s, name + u" is empty; enter a value."_s);
        return std::nullopt;
    }
    if (normalized.size() > maxLength) {
        addError(
            name, u"too-long"_s,
            name +
                u" has %1 characters; the maximum is %2."_s.arg(normalized.size()).arg(maxLength));
        return std::nullopt;
    }
    return normalized;
}

std::optional<QString> AdminInput::multiLineText(const QString &name, qsizetype maxLength)
{
    const QJsonValue value = m_body.value(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isString()) {
        addError(name, u"type"_s, name + u" must be a string."_s);
        return std::nullopt;
    }
    if (text::containsUnpairedSurrogate(value.toString())) {
        addError(name, u"invalid-unicode"_s,
                 name + u" contains an unpaired UTF-16 surrogate; send the character itself."_s);
        return std::nullopt;
    }
    const QString normalized = text::normalizeMultiLine(value.toString()).trimmed();
    if (normalized.size() > maxLength) {
        addError(
            name, u"too-long"_s,
            name +
                u" has %1 characters; the maximum is %2."_s.arg(normalized.size()).arg(maxLength));
        return std::nullopt;
    }
    return normalized;
}

std::optional<bool> AdminInput::boolean(const QString &name)
{
    const QJsonValue value = m_body.value(name);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isBool()) {
        addError(name, u"type"_s, name + u" must be true or false."_s);
        return std::nullopt;
    }
    return value.toBool();
}

void AdminInput::rejectUnknown(const QStringList &allowed)
{
    for (auto it = m_body.constBegin(); it != m_body.constEnd(); ++it) {
        if (allowed.contains(it.key()))
            continue;
        addError(it.key(), u"unknown-field"_s,
                 u"Unknown field "_s + it.key().left(80) + u"; the fields are "_s +
                     allowed.join(u", "_s) + u'.');
    }
}

} // namespace hopstep
