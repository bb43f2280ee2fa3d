#pragma once

#include "catalog.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace hopstep {

// An API key to put into the pack. Only a key issued in the same console session can be
// included, because hopstep stores keys as hashes and cannot show them again.
struct PackApiKey
{
    QString prefix;
    QString secret;
};

// Everything an ATS needs to connect: the provider and facility IDs, the category list, the
// API's address, an example request and, when it was just issued, the API key.
struct OnboardingPack
{
    Provider provider;
    QList<Facility> facilities; // active facilities only
    QList<Category> categories; // current categories in their order
    QDateTime generatedAt;
    QString generatedBy; // staff name
    QString apiBaseUrl;  // e.g. "https://api.hopstep.com.au"; empty until the console sets it
    std::optional<PackApiKey> apiKey;
};

// The pack as JSON: format "hopstep-onboarding-pack", formatVersion 1, provider, facilities,
// categories, api, exampleRequest, goLive and, only when included, apiKey.
QJsonObject onboardingPackToJson(const OnboardingPack &pack);
// Reads the JSON form back; apiKey is never read from it, so a pack file cannot carry a key
// into another export.
OnboardingPack onboardingPackFromJson(const QJsonObject &object);

// The request body of the example job: the integration guide's example job at the first
// facility, with the provider's IDs filled in.
QJsonObject exampleJobBody(const OnboardingPack &pack);

// The printable pack as HTML, the source of the PDF.
QString onboardingPackHtml(const OnboardingPack &pack);
// Writes the pack as an A4 PDF. Needs a QGuiApplication (or QApplication) for fonts. Returns
// false and sets *error when the file cannot be written.
bool writeOnboardingPackPdf(const OnboardingPack &pack, const QString &path, QString *error);

} // namespace hopstep
