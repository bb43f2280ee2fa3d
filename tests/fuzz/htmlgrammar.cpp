#include "htmlgrammar.h"

#include <QStringList>

#include <array>

using namespace Qt::StringLiterals;

namespace hopstep::fuzz {

namespace {

// Elements with an end tag that the serialiser writes; a is written with its attributes.
const QStringList &containerNames()
{
    static const QStringList names = {u"p"_s, u"ul"_s, u"ol"_s, u"li"_s, u"strong"_s,     u"em"_s,
                                      u"u"_s, u"h2"_s, u"h3"_s, u"h4"_s, u"blockquote"_s, u"a"_s};
    return names;
}

// Length of the character reference that starts at text[pos], or 0 when it is not one that
// the serialiser writes. &quot; is written in attribute values only.
qsizetype referenceLength(QStringView text, qsizetype pos, bool attribute)
{
    static const std::array<QStringView, 3> textReferences = {u"&amp;", u"&lt;", u"&gt;"};
    const QStringView rest = text.sliced(pos);
    for (const QStringView reference : textReferences) {
        if (rest.startsWith(reference))
            return reference.size();
    }
    if (attribute && rest.startsWith(u"&quot;"))
        return 6;
    return 0;
}

QString decodeAttribute(QStringView value)
{
    QString decoded = value.toString();
    decoded.replace(u"&quot;"_s, u"\""_s);
    decoded.replace(u"&lt;"_s, u"<"_s);
    decoded.replace(u"&gt;"_s, u">"_s);
    decoded.replace(u"&amp;"_s, u"&"_s);
    return decoded;
}

QString hrefViolation(QStringView value)
{
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == u'<' || c == u'>')
            return u"unescaped < or > in href"_s;
        if (c == u'&' && referenceLength(value, i, true) == 0)
            return u"unescaped & in href"_s;
    }
    const QString href = decodeAttribute(value).toLower();
    if (href.startsWith(u"http://"_s) || href.startsWith(u"https://"_s) ||
        href.startsWith(u"mailto:"_s)) {
        return {};
    }
    return u"href with a scheme other than http, https or mailto: "_s + href.left(100);
}

} // namespace

QString sanitizedHtmlViolation(const QString &html)
{
    static const QString linkStart = u"<a href=\""_s;
    static const QString linkEnd = u"\" rel=\"nofollow noopener\">"_s;
    const QStringView view(html);
    QStringList open;
    qsizetype pos = 0;
    const auto at = [&pos](const QString &problem) {
        return problem + u" at offset "_s + QString::number(pos);
    };

    while (pos < html.size()) {
        const QChar c = html.at(pos);
        if (c == u'>')
            return at(u"unescaped >"_s);
        if (c == u'&') {
            const qsizetype length = referenceLength(view, pos, false);
            if (length == 0)
                return at(u"unescaped &"_s);
            pos += length;
            continue;
        }
        if (c != u'<') {
            ++pos;
            continue;
        }

        const QStringView rest = view.sliced(pos);
        if (rest.startsWith(u"<br>")) {
            pos += 4;
            continue;
        }
        if (rest.startsWith(linkStart)) {
            const qsizetype valueStart = pos + linkStart.size();
            const qsizetype valueEnd = html.indexOf(u'"', valueStart);
            if (valueEnd < 0)
                return at(u"unterminated href"_s);
            const QString problem = hrefViolation(view.sliced(valueStart, valueEnd - valueStart));
            if (!problem.isEmpty())
                return at(problem);
            if (!view.sliced(valueEnd).startsWith(linkEnd))
                return at(u"a element with attributes other than href and rel"_s);
            open.append(u"a"_s);
            pos = valueEnd + linkEnd.size();
            continue;
        }

        const bool closing = rest.startsWith(u"</");
        const qsizetype nameStart = pos + (closing ? 2 : 1);
        const qsizetype nameEnd = html.indexOf(u'>', nameStart);
        if (nameEnd < 0)
            return at(u"unterminated tag"_s);
        const QString name = html.sliced(nameStart, nameEnd - nameStart);
        if (!containerNames().contains(name) || (!closing && name == u"a"_s))
            return at(u"tag <"_s + (closing ? u"/"_s : QString()) + name.left(40) +
                      u"> outside the allow-list"_s);
        if (closing) {
            if (open.isEmpty() || open.last() != name) {
                return at(u"</"_s + name + u"> does not close the innermost open element, "_s +
                          (open.isEmpty() ? u"(none)"_s : open.last()));
            }
            open.removeLast();
        } else {
            open.append(name);
        }
        pos = nameEnd + 1;
    }
    if (!open.isEmpty())
        return u"elements left open at the end: "_s + open.join(u", "_s);
    return {};
}

} // namespace hopstep::fuzz
