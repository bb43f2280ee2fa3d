#include "seedjob.h"

#include "fuzzcheck.h"

#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hopstep::fuzz {

QJsonObject seedJobBody()
{
    static const QJsonObject body = [] {
        QFile file(QStringLiteral(HOPSTEP_TEST_DATA_DIR "/seed-create.json"));
        FUZZ_CHECK(file.open(QIODevice::ReadOnly), file.fileName() + u": "_s + file.errorString());
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
        FUZZ_CHECK(document.isObject(), file.fileName() + u" does not contain a JSON object"_s);
        return document.object();
    }();
    return body;
}

} // namespace hopstep::fuzz
