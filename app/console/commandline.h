#pragma once

#include <QString>
#include <QStringList>

namespace hopstep {

class ConsoleSettings;

// Outcome of applying hopstep-console's command line to the settings.
struct CommandLineResult
{
    bool ok = true;
    QString error; // a sentence naming the option, when ok is false
};

// Parses hopstep-console's options and saves --api-url and the token read from --token-file in
// settings, or removes both for --local. Prints and exits for --help and --version, as
// QCommandLineParser::process does.
CommandLineResult applyCommandLine(const QStringList &arguments, ConsoleSettings &settings);

} // namespace hopstep
