#include "textnormalizer.h"

#include <QString>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// U+1F469 U+200D U+2695 U+FE0F
const QString womanHealthWorker = u"\U0001F469\u200D\u2695\uFE0F"_s;
// U+1F468 U+1F3FD U+200D U+2695 U+FE0F: the ZWJ follows a skin-tone modifier (category Sk).
const QString manHealthWorkerMediumSkin = u"\U0001F468\U0001F3FD\u200D\u2695\uFE0F"_s;
// U+1F3F3 U+FE0F U+200D U+1F308: the ZWJ follows a variation selector.
const QString rainbowFlag = u"\U0001F3F3\uFE0F\u200D\U0001F308"_s;
// U+1F9D1 U+200D U+1F91D U+200D U+1F9D1
const QString peopleHoldingHands = u"\U0001F9D1\u200D\U0001F91D\u200D\U0001F9D1"_s;
// U+1F3F4 followed by the tag characters for "gbeng" and the cancel tag.
const QString englandFlag =
    u"\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"_s;

QString loneHighSurrogate()
{
    return QString(QChar(char16_t(0xD83D)));
}

QString loneLowSurrogate()
{
    return QString(QChar(char16_t(0xDC69)));
}

} // namespace

class TestTextNormalizer : public QObject
{
    Q_OBJECT

private slots:
    void normalizeSingleLine_data();
    void normalizeSingleLine();
    void singleLineIsIdempotent_data();
    void singleLineIsIdempotent();
    void singleLineInvariants_data();
    void singleLineInvariants();
    void normalizeMultiLine_data();
    void normalizeMultiLine();
    void multiLineIsIdempotent_data();
    void multiLineIsIdempotent();
    void unpairedSurrogate_data();
    void unpairedSurrogate();
};

void TestTextNormalizer::normalizeSingleLine_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("non-breaking and doubled spaces")
        << u"Aged Care\u00A0 Assistant "_s << u"Aged Care Assistant"_s;
    QTest::newRow("non-breaking space between words")
        << u"Aged\u00A0Care  Assistant"_s << u"Aged Care Assistant"_s;
    QTest::newRow("figure, narrow and ideographic spaces")
        << u"Support\u2007Worker\u202FNights\u3000Casual"_s << u"Support Worker Nights Casual"_s;
    QTest::newRow("em and thin spaces") << u"Care\u2003\u2009Worker"_s << u"Care Worker"_s;
    QTest::newRow("tabs and line breaks") << u"Support\tWorker\r\nNights\nCasual\rPart time"_s
                                          << u"Support Worker Nights Casual Part time"_s;
    QTest::newRow("line and paragraph separators")
        << u"Disability\u2028Support\u2029Worker"_s << u"Disability Support Worker"_s;
    QTest::newRow("vertical tab, form feed and NEL")
        << u"Aged\u000BCare\u000CSupport\u0085Worker"_s << u"Aged Care Support Worker"_s;
    QTest::newRow("leading and trailing whitespace")
        << u" \t\u00A0Registered Nurse\r\n "_s << u"Registered Nurse"_s;
    QTest::newRow("only whitespace") << u" \u00A0\t\u3000 "_s << QString();
    QTest::newRow("empty string") << QString() << QString();
    QTest::newRow("zero-width space removed") << u"Care\u200BGiver"_s << u"CareGiver"_s;
    QTest::newRow("zero-width non-joiner removed") << u"Care\u200CGiver"_s << u"CareGiver"_s;
    QTest::newRow("word joiner and byte order mark removed")
        << u"\uFEFFCare\u2060Worker\uFEFF"_s << u"CareWorker"_s;
    QTest::newRow("soft hyphen removed") << u"Physio\u00ADtherapist"_s << u"Physiotherapist"_s;
    QTest::newRow("zero-width space between spaces") << u"Aged \u200B Care"_s << u"Aged Care"_s;
    QTest::newRow("control characters removed")
        << u"\u0007Nurse\u0000 Unit\u001B Manager\u007F"_s << u"Nurse Unit Manager"_s;
    QTest::newRow("C1 control characters removed") << u"Nurse\u0090\u009F"_s << u"Nurse"_s;
    QTest::newRow("bidirectional controls removed")
        << u"\u202ENurse\u202C \u200FUnit\u2066\u2069"_s << u"Nurse Unit"_s;
    QTest::newRow("decomposed accent composed")
        << u"Cafe\u0301 Manager"_s << u"Caf\u00E9 Manager"_s;
    QTest::newRow("accent split by zero-width space") << u"Cafe\u200B\u0301"_s << u"Caf\u00E9"_s;
    QTest::newRow("emoji round trip")
        << womanHealthWorker + u" Registered Nurse"_s << womanHealthWorker + u" Registered Nurse"_s;
    QTest::newRow("emoji with skin tone round trip")
        << manHealthWorkerMediumSkin << manHealthWorkerMediumSkin;
    QTest::newRow("flag sequence round trip") << rainbowFlag << rainbowFlag;
    QTest::newRow("two-joiner sequence round trip") << peopleHoldingHands << peopleHoldingHands;
    QTest::newRow("subdivision flag round trip")
        << u"Nurse "_s + englandFlag << u"Nurse "_s + englandFlag;
    QTest::newRow("variation selector kept") << u"Care \u2764\uFE0F"_s << u"Care \u2764\uFE0F"_s;
    QTest::newRow("joiner between letters removed") << u"Aged\u200DCare"_s << u"AgedCare"_s;
    QTest::newRow("joiner after digit removed") << u"24\u200D7 care"_s << u"247 care"_s;
    QTest::newRow("joiner before space removed")
        << u"\U0001F469\u200D Nurse"_s << u"\U0001F469 Nurse"_s;
    QTest::newRow("joiner at end removed") << u"Nurse \U0001F469\u200D"_s << u"Nurse \U0001F469"_s;
    QTest::newRow("joiner at start removed") << u"\u200DNurse"_s << u"Nurse"_s;
    QTest::newRow("stray tag characters removed") << u"Nurse\U000E0067\U000E007F"_s << u"Nurse"_s;
    QTest::newRow("unpaired surrogate kept")
        << u"Nurse "_s + loneHighSurrogate() << u"Nurse "_s + loneHighSurrogate();
}

void TestTextNormalizer::normalizeSingleLine()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);

    QCOMPARE(hopstep::text::normalizeSingleLine(input), expected);
}

void TestTextNormalizer::singleLineIsIdempotent_data()
{
    normalizeSingleLine_data();
}

void TestTextNormalizer::singleLineIsIdempotent()
{
    QFETCH(QString, input);

    const QString once = hopstep::text::normalizeSingleLine(input);
    QCOMPARE(hopstep::text::normalizeSingleLine(once), once);
}

void TestTextNormalizer::singleLineInvariants_data()
{
    normalizeSingleLine_data();
}

void TestTextNormalizer::singleLineInvariants()
{
    QFETCH(QString, input);

    const QString result = hopstep::text::normalizeSingleLine(input);
    QVERIFY(!result.contains(u"  "_s));
    QVERIFY(!result.startsWith(u' '));
    QVERIFY(!result.endsWith(u' '));
    for (const QChar c : result) {
        QVERIFY2(c.category() != QChar::Other_Control, qPrintable(result));
        QVERIFY2(c.category() != QChar::Separator_Space || c == u' ', qPrintable(result));
    }
}

void TestTextNormalizer::normalizeMultiLine_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("windows line endings")
        << u"Duties:\r\n- showering\r\n- meals"_s << u"Duties:\n- showering\n- meals"_s;
    QTest::newRow("old mac line endings") << u"Duties:\r- meals"_s << u"Duties:\n- meals"_s;
    QTest::newRow("CR before CRLF") << u"a\r\r\nb"_s << u"a\n\nb"_s;
    QTest::newRow("CR at end") << u"a\r"_s << u"a\n"_s;
    QTest::newRow("blank lines kept") << u"a\n\n\nb"_s << u"a\n\n\nb"_s;
    QTest::newRow("line and paragraph separators")
        << u"a\u2028b\u2029c\u0085d"_s << u"a\nb\nc\nd"_s;
    QTest::newRow("tabs kept") << u"Shift:\tnight"_s << u"Shift:\tnight"_s;
    QTest::newRow("spaces kept as sent")
        << u"  two  spaces\u00A0and\u202Fnarrow  "_s << u"  two  spaces\u00A0and\u202Fnarrow  "_s;
    QTest::newRow("control characters removed")
        << u"\u0000Pay\u0007 rate\u001B[31m"_s << u"Pay rate[31m"_s;
    QTest::newRow("vertical tab and form feed removed") << u"a\u000Bb\u000Cc"_s << u"abc"_s;
    QTest::newRow("zero-width characters removed")
        << u"\uFEFFCare\u200Bgiver\u00AD\u2060"_s << u"Caregiver"_s;
    QTest::newRow("bidirectional controls removed") << u"\u202Eabc\u202C"_s << u"abc"_s;
    QTest::newRow("decomposed accent composed") << u"cafe\u0301\n"_s << u"caf\u00E9\n"_s;
    QTest::newRow("emoji round trip")
        << womanHealthWorker + u"\n"_s + rainbowFlag << womanHealthWorker + u"\n"_s + rainbowFlag;
    QTest::newRow("subdivision flag round trip") << englandFlag << englandFlag;
    QTest::newRow("joiner between letters removed") << u"Aged\u200DCare"_s << u"AgedCare"_s;
    QTest::newRow("joiner before line break removed")
        << u"\U0001F469\u200D\nNurse"_s << u"\U0001F469\nNurse"_s;
    QTest::newRow("empty string") << QString() << QString();
}

void TestTextNormalizer::normalizeMultiLine()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);

    QCOMPARE(hopstep::text::normalizeMultiLine(input), expected);
}

void TestTextNormalizer::multiLineIsIdempotent_data()
{
    normalizeMultiLine_data();
}

void TestTextNormalizer::multiLineIsIdempotent()
{
    QFETCH(QString, input);

    const QString once = hopstep::text::normalizeMultiLine(input);
    QCOMPARE(hopstep::text::normalizeMultiLine(once), once);
}

void TestTextNormalizer::unpairedSurrogate_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<qsizetype>("expectedIndex");

    QTest::newRow("empty string") << QString() << qsizetype(-1);
    QTest::newRow("ascii text") << u"Nurse"_s << qsizetype(-1);
    QTest::newRow("valid surrogate pair") << womanHealthWorker << qsizetype(-1);
    QTest::newRow("lone high surrogate at end") << u"Nurse"_s + loneHighSurrogate() << qsizetype(5);
    QTest::newRow("lone low surrogate at start") << loneLowSurrogate() + u"Nurse"_s << qsizetype(0);
    QTest::newRow("high surrogate before letter")
        << u"ab"_s + loneHighSurrogate() + u"c"_s << qsizetype(2);
    QTest::newRow("reversed surrogate pair")
        << loneLowSurrogate() + loneHighSurrogate() << qsizetype(0);
    QTest::newRow("two high surrogates then low")
        << loneHighSurrogate() + loneHighSurrogate() + loneLowSurrogate() << qsizetype(0);
    QTest::newRow("lone surrogate after valid pair")
        << u"\U0001F469"_s + loneLowSurrogate() << qsizetype(2);
}

void TestTextNormalizer::unpairedSurrogate()
{
    QFETCH(QString, input);
    QFETCH(qsizetype, expectedIndex);

    QCOMPARE(hopstep::text::firstUnpairedSurrogate(input), expectedIndex);
    QCOMPARE(hopstep::text::containsUnpairedSurrogate(input), expectedIndex >= 0);
}

QTEST_APPLESS_MAIN(TestTextNormalizer)

#include "tst_textnormalizer.moc"
