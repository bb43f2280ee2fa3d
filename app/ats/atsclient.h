#pragma once

#include <QStringList>

namespace hopstep {

// hopstep-ats: a small command-line client that acts as an ATS, creating, updating and
// deleting jobs from JSON files with an API key. Returns the process exit code: 0 for a 2xx
// answer, 1 for an error answer, 2 when the request could not be made.
int runAtsCommandLine(const QStringList &arguments);

} // namespace hopstep
