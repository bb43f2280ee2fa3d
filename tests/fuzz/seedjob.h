#pragma once

#include <QJsonObject>

namespace hopstep::fuzz {

// The body of tests/data/seed-create.json, the integration guide's example job, which the demo
// provider Evergreen Residential Care may post. Aborts when the file cannot be read.
QJsonObject seedJobBody();

} // namespace hopstep::fuzz
