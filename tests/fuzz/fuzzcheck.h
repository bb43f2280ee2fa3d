#pragma once

#include <QString>

#include <cstdio>
#include <cstdlib>

namespace hopstep::fuzz {

// Prints the invariant that failed and aborts, so that libFuzzer saves the input as a crash.
[[noreturn]] inline void failInvariant(const char *condition, const char *file, int line,
                                       const QString &detail)
{
    std::fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, condition);
    if (!detail.isEmpty())
        std::fprintf(stderr, "    %s\n", qUtf8Printable(detail.left(4000)));
    std::fflush(stderr);
    std::abort();
}

} // namespace hopstep::fuzz

// Checks an invariant in a fuzz target; detail is a QString that shows the values involved.
#define FUZZ_CHECK(condition, detail)                                                              \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::hopstep::fuzz::failInvariant(#condition, __FILE__, __LINE__, (detail));              \
    } while (false)
