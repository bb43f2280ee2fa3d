#pragma once

#include <QString>

// Normalisation of free text that ATSes send in job fields. Both normalizers leave unpaired
// surrogates in place, so callers reject such input with firstUnpairedSurrogate() first.
//
// Zero-width joiner (U+200D) rule: a ZWJ is kept only inside an emoji sequence. The previous
// kept code point must be a symbol (category So or Sk, which covers emoji and skin-tone modifiers)
// or a variation selector (U+FE0E, U+FE0F). The next code point must exist and be neither
// whitespace nor a control character. So U+1F469 U+200D U+2695 U+FE0F (woman health worker)
// round-trips, and a ZWJ between letters is removed.
// Emoji tag characters (U+E0020..U+E007F) are kept when they follow U+1F3F4 (waving black flag)
// or another tag character, so subdivision flags such as England's survive.
//
// NOTE: Persian and Indic scripts use U+200C and U+200D inside words. Both are removed there,
// which can change how such words render.
namespace hopstep::text {

// Normalises a single-line field (title, suburb, name) and returns it in NFC.
// Every space separator (category Zs), tab, CR, LF, VT, FF, NEL (U+0085), U+2028 and U+2029
// becomes a plain space. Zero-width characters (U+200B, U+200C, U+2060, U+FEFF, U+00AD) are
// removed, and so are all other Cc and Cf characters except ZWJ and tags under the rules above.
// The result is trimmed and contains no run of two or more spaces.
QString normalizeSingleLine(const QString &value);

// Normalises multi-line text (descriptions) and returns it in NFC. CRLF, CR, NEL (U+0085),
// U+2028 and U+2029 become LF. Zero-width characters and Cc and Cf characters other than tab and
// LF are removed, with the same ZWJ and tag rules. Spaces, including non-breaking ones, are kept
// as sent.
QString normalizeMultiLine(const QString &value);

// Returns true when the string contains a UTF-16 surrogate that is not part of a valid pair.
bool containsUnpairedSurrogate(const QString &value);

// Returns the 0-based index, in UTF-16 code units, of the first unpaired surrogate, or -1.
qsizetype firstUnpairedSurrogate(const QString &value);

} // namespace hopstep::text
