// Shows a job in the console's own preview widget and display checks panel, under the offscreen
// platform, and prints what the preview shows as JSON, so the browser test can compare it with
// the public page of the same job.
//
// Usage: hopstep-preview-probe JOB.json FACILITIES.json CATEGORIES.json [SCREENSHOT.png]
// JOB.json is the admin API's job; FACILITIES.json and CATEGORIES.json are the admin API's
// lists ({"items": [...]}). Prints {"text": ..., "links": [...], "checks": [...]}.

#include "catalog.h"
#include "displaycheckspanel.h"
#include "job.h"
#include "jobpreview.h"

#include <QApplication>
#include <QFile>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextStream>

#include <optional>

using namespace Qt::StringLiterals;
using namespace hopstep;

namespace {

std::optional<QJsonObject> readObject(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

QJsonArray links(const QTextDocument *document)
{
    QJsonArray hrefs;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto fragment = block.begin(); !fragment.atEnd(); ++fragment) {
            const QString href = fragment.fragment().charFormat().anchorHref();
            if (!href.isEmpty() && !hrefs.contains(href))
                hrefs.append(href);
        }
    }
    return hrefs;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    const QStringList arguments = QApplication::arguments();
    QTextStream err(stderr);
    if (arguments.size() < 4 || arguments.size() > 5) {
        err << "Usage: hopstep-preview-probe JOB.json FACILITIES.json CATEGORIES.json "
               "[SCREENSHOT.png]\n";
        return 2;
    }
    const auto job = readObject(arguments.at(1));
    const auto facilities = readObject(arguments.at(2));
    const auto categories = readObject(arguments.at(3));
    if (!job || !facilities || !categories) {
        err << "hopstep-preview-probe: a JSON file is missing or is not a JSON object.\n";
        return 2;
    }

    const Job shown = jobFromAdminJson(*job);
    std::optional<Facility> facility;
    const QJsonArray facilityItems = facilities->value(u"items"_s).toArray();
    for (const QJsonValue &item : facilityItems) {
        const Facility candidate = facilityFromJson(item.toObject());
        if (candidate.id == shown.content.facilityId)
            facility = candidate;
    }
    QList<Category> officialList;
    const QJsonArray categoryItems = categories->value(u"items"_s).toArray();
    for (const QJsonValue &item : categoryItems)
        officialList.append(categoryFromJson(item.toObject()));

    // The preview and its checks side by side, as the console will place them.
    QWidget window;
    auto *preview = new JobPreview(&window);
    auto *checks = new DisplayChecksPanel(&window);
    auto *layout = new QHBoxLayout(&window);
    layout->addWidget(preview, 3);
    layout->addWidget(checks, 2);
    preview->showJob(shown);
    checks->showJob(shown, facility, officialList);
    window.resize(1280, 760);
    window.show();
    QApplication::processEvents();

    QJsonArray checkResults;
    for (const DisplayCheck &check : checks->checks()) {
        checkResults.append(QJsonObject{{u"key"_s, check.key},
                                        {u"result"_s, displayCheckResultLabel(check.result)},
                                        {u"message"_s, check.message}});
    }
    const QJsonObject output{{u"text"_s, preview->toPlainText()},
                             {u"links"_s, links(preview->document())},
                             {u"checks"_s, checkResults}};
    QTextStream(stdout) << QJsonDocument(output).toJson(QJsonDocument::Compact) << '\n';

    if (arguments.size() == 5 && !window.grab().save(arguments.at(4))) {
        err << "hopstep-preview-probe: cannot write " << arguments.at(4) << '\n';
        return 1;
    }
    return 0;
}
