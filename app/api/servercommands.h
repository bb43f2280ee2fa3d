#pragma once

#include <QStringList>

namespace hopstep {

// Runs hopstep-api's command line: the service itself, or one of the set-up commands. Returns
// the process exit code.
int runApiCommandLine(const QStringList &arguments);

} // namespace hopstep
