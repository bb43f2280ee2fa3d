#pragma once

#include "fieldissue.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace hopstep {

// Result of an admin operation on providers, facilities, keys, categories or staff, for the
// HTTP layer to turn into a status and a problem document.
struct AdminOutcome
{
    enum class Kind {
        Ok,
        Created,
        Invalid,       // errors lists every field that failed; nothing changed
        NotFound,      // code and message name what is missing
        Conflict,      // the resource's state does not allow the change; nothing changed
        StorageFailed, // the database did not take the change; nothing changed
    };

    Kind kind = Kind::Ok;
    QJsonObject body;
    QList<FieldIssue> errors;
    QList<FieldIssue> warnings;
    QString code; // problem type for NotFound and Conflict, e.g. "provider-not-found"
    QString message;

    static AdminOutcome ok(const QJsonObject &body);
    static AdminOutcome created(const QJsonObject &body);
    static AdminOutcome invalid(const QList<FieldIssue> &errors);
    static AdminOutcome notFound(const QString &code, const QString &message);
    static AdminOutcome conflict(const QString &code, const QString &message);
    static AdminOutcome storageFailed(const QString &message);
};

// Reads the text members of an admin request body, collecting one FieldIssue per problem so a
// form can show every one at once.
class AdminInput
{
public:
    explicit AdminInput(const QJsonObject &body)
        : m_body(body)
    {}

    bool has(const QString &name) const { return m_body.contains(name); }
    // A single-line text member, normalised. Missing and required: an error. Missing and
    // optional: nothing. Longer than maxLength characters: an error.
    std::optional<QString> text(const QString &name, bool required, qsizetype maxLength);
    // Like text(), but keeps line breaks (for notes).
    std::optional<QString> multiLineText(const QString &name, qsizetype maxLength);
    std::optional<bool> boolean(const QString &name);
    // Reports members other than allowed as errors, so a misspelt member is not silently lost.
    void rejectUnknown(const QStringList &allowed);
    void addError(const QString &name, const QString &code, const QString &message);

    const QList<FieldIssue> &errors() const { return m_errors; }
    bool hasErrors() const { return !m_errors.isEmpty(); }
    const QJsonObject &body() const { return m_body; }

private:
    QJsonObject m_body;
    QList<FieldIssue> m_errors;
};

} // namespace hopstep
