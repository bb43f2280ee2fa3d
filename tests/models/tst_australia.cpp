#include "australia.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QTest>

using namespace Qt::StringLiterals;
namespace australia = hopstep::australia;

class TestAustralia : public QObject
{
    Q_OBJECT

private slots:
    void stateCodesInOrder();
    void stateCodeList();
    void normalizeState_data();
    void normalizeState();
    void invalidStateMessage_data();
    void invalidStateMessage();
    void normalizePostcode_data();
    void normalizePostcode();
    void statesForPostcode_data();
    void statesForPostcode();
    void postcodeInStateAgreesWithStates_data();
    void postcodeInStateAgreesWithStates();
    void postcodeInStateRejectsMalformed_data();
    void postcodeInStateRejectsMalformed();
    void stripStateFromSuburb_data();
    void stripStateFromSuburb();
};

void TestAustralia::stateCodesInOrder()
{
    const QStringList expected = {u"ACT"_s, u"NSW"_s, u"NT"_s,  u"QLD"_s,
                                  u"SA"_s,  u"TAS"_s, u"VIC"_s, u"WA"_s};
    QCOMPARE(australia::stateCodes(), expected);
}

void TestAustralia::stateCodeList()
{
    QCOMPARE(australia::stateCodeList(), u"ACT, NSW, NT, QLD, SA, TAS, VIC, WA"_s);
}

void TestAustralia::normalizeState_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty when the state is invalid

    QTest::newRow("code in capitals") << u"NSW"_s << u"NSW"_s;
    QTest::newRow("code in lower case") << u"vic"_s << u"VIC"_s;
    QTest::newRow("code with dots") << u"N.S.W."_s << u"NSW"_s;
    QTest::newRow("two-letter code with dots") << u"W.A."_s << u"WA"_s;
    QTest::newRow("code with surrounding spaces") << u"  QLD\u00A0"_s << u"QLD"_s;
    QTest::newRow("abbreviation Vic") << u"Vic"_s << u"VIC"_s;
    QTest::newRow("abbreviation Qld") << u"Qld"_s << u"QLD"_s;
    QTest::newRow("abbreviation Tas with dot") << u"Tas."_s << u"TAS"_s;
    QTest::newRow("state written out in full") << u"New South Wales"_s << u"NSW"_s;
    QTest::newRow("full name in lower case") << u"victoria"_s << u"VIC"_s;
    QTest::newRow("full name with odd spacing") << u"  new   South\twales "_s << u"NSW"_s;
    QTest::newRow("full name without spaces") << u"WesternAustralia"_s << u"WA"_s;
    QTest::newRow("capital territory in full") << u"Australian Capital Territory"_s << u"ACT"_s;
    QTest::newRow("northern territory in full") << u"Northern Territory"_s << u"NT"_s;
    QTest::newRow("western australia in full") << u"Western Australia"_s << u"WA"_s;
    QTest::newRow("south australia in full") << u"SOUTH AUSTRALIA"_s << u"SA"_s;
    QTest::newRow("tasmania in full") << u"Tasmania"_s << u"TAS"_s;
    QTest::newRow("queensland in full") << u"Queensland"_s << u"QLD"_s;
    QTest::newRow("iso 3166-2 code") << u"AU-NSW"_s << u"NSW"_s;
    QTest::newRow("iso 3166-2 code in lower case") << u"au-vic"_s << u"VIC"_s;
    QTest::newRow("iso 3166-2 code for ACT") << u"AU-ACT"_s << u"ACT"_s;
    QTest::newRow("state outside Australia") << u"NZ"_s << QString();
    QTest::newRow("iso code of another country") << u"NZ-AUK"_s << QString();
    QTest::newRow("iso prefix with unknown code") << u"AU-XX"_s << QString();
    QTest::newRow("iso prefix with full name") << u"AU-Victoria"_s << QString();
    QTest::newRow("empty state") << QString() << QString();
    QTest::newRow("only spaces") << u"   "_s << QString();
    QTest::newRow("city instead of state") << u"Sydney"_s << QString();
    QTest::newRow("name with country appended") << u"Victoria, Australia"_s << QString();
    QTest::newRow("country instead of state") << u"Australia"_s << QString();
}

void TestAustralia::normalizeState()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);

    const std::optional<QString> state = australia::normalizeState(input);
    QCOMPARE(state.has_value(), !expected.isEmpty());
    if (state) {
        QCOMPARE(*state, expected);
    }
}

void TestAustralia::invalidStateMessage_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("expectedParts");

    QTest::newRow("state outside Australia")
        << u"NZ"_s
        << QStringList{u"location.state \"NZ\""_s, u"not an Australian state or territory"_s,
                       u"ACT, NSW, NT, QLD, SA, TAS, VIC, WA"_s};
    QTest::newRow("empty state") << QString()
                                 << QStringList{u"location.state is empty"_s,
                                                u"ACT, NSW, NT, QLD, SA, TAS, VIC, WA"_s};
    QTest::newRow("very long state")
        << QString(500, u'x') << QStringList{u"(500 characters)"_s, u"ACT, NSW"_s};
}

void TestAustralia::invalidStateMessage()
{
    QFETCH(QString, input);
    QFETCH(QStringList, expectedParts);

    const QString message = australia::invalidStateMessage(input);
    for (const QString &part : std::as_const(expectedParts)) {
        QVERIFY2(message.contains(part), qPrintable(message));
    }
}

void TestAustralia::normalizePostcode_data()
{
    QTest::addColumn<QJsonValue>("input");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("expectedPostcode");
    QTest::addColumn<bool>("expectedPadded");
    QTest::addColumn<bool>("expectedFromNumber");
    QTest::addColumn<QString>("expectedErrorCode");
    QTest::addColumn<QStringList>("expectedErrorParts");

    const QString none;
    const QStringList noParts;

    QTest::newRow("postcode as string")
        << QJsonValue(u"3121"_s) << u"VIC"_s << u"3121"_s << false << false << none << noParts;
    QTest::newRow("postcode with surrounding spaces")
        << QJsonValue(u" 3121 "_s) << u"VIC"_s << u"3121"_s << false << false << none << noParts;
    QTest::newRow("postcode as number")
        << QJsonValue(3121) << u"VIC"_s << u"3121"_s << false << true << none << noParts;
    QTest::newRow("postcode as whole double")
        << QJsonValue(3121.0) << u"VIC"_s << u"3121"_s << false << true << none << noParts;
    QTest::newRow("postcode lost leading zero")
        << QJsonValue(800) << u"NT"_s << u"0800"_s << true << true << none << noParts;
    QTest::newRow("ACT postcode lost leading zero")
        << QJsonValue(200) << u"ACT"_s << u"0200"_s << true << true << none << noParts;
    QTest::newRow("three-digit string for NT")
        << QJsonValue(u"870"_s) << u"NT"_s << u"0870"_s << true << false << none << noParts;
    QTest::newRow("NT postcode with its zero")
        << QJsonValue(u"0800"_s) << u"NT"_s << u"0800"_s << false << false << none << noParts;
    QTest::newRow("postcode without state")
        << QJsonValue(u"3121"_s) << none << u"3121"_s << false << false << none << noParts;
    QTest::newRow("unknown state code ignored")
        << QJsonValue(u"3121"_s) << u"XX"_s << u"3121"_s << false << false << none << noParts;
    QTest::newRow("shared Jervis Bay postcode as ACT")
        << QJsonValue(u"2540"_s) << u"ACT"_s << u"2540"_s << false << false << none << noParts;
    QTest::newRow("shared Jervis Bay postcode as NSW")
        << QJsonValue(u"2540"_s) << u"NSW"_s << u"2540"_s << false << false << none << noParts;
    QTest::newRow("shared Queanbeyan postcode as ACT")
        << QJsonValue(u"2620"_s) << u"ACT"_s << u"2620"_s << false << false << none << noParts;
    QTest::newRow("NT postcode used in SA")
        << QJsonValue(u"0872"_s) << u"SA"_s << u"0872"_s << false << false << none << noParts;
    QTest::newRow("NT postcode used in WA as number")
        << QJsonValue(872) << u"WA"_s << u"0872"_s << true << true << none << noParts;
    QTest::newRow("Murray town with VIC postcode")
        << QJsonValue(u"3644"_s) << u"NSW"_s << u"3644"_s << false << false << none << noParts;
    QTest::newRow("Mount Isa postcode in NT")
        << QJsonValue(u"4825"_s) << u"NT"_s << u"4825"_s << false << false << none << noParts;

    QTest::newRow("lost leading zero with VIC")
        << QJsonValue(800) << u"VIC"_s << none << false << true << u"format"_s
        << QStringList{u"location.postcode 800 "_s, u"\"0800\""_s, u"in NT, not in VIC"_s};
    QTest::newRow("lost leading zero without state")
        << QJsonValue(800) << none << none << false << true << u"format"_s
        << QStringList{u"location.postcode 800 "_s, u"\"0800\""_s, u"leading zero"_s,
                       u"JSON number"_s};
    QTest::newRow("three-digit string with VIC")
        << QJsonValue(u"800"_s) << u"VIC"_s << none << false << false << u"format"_s
        << QStringList{u"location.postcode \"800\""_s, u"\"0800\""_s, u"not in VIC"_s};
    QTest::newRow("three-digit string without state")
        << QJsonValue(u"800"_s) << none << none << false << false << u"format"_s
        << QStringList{u"location.postcode \"800\""_s, u"leading zero"_s, u"\"0800\""_s};
    QTest::newRow("three digits outside NT ranges")
        << QJsonValue(200) << u"NT"_s << none << false << true << u"format"_s
        << QStringList{u"\"0200\""_s, u"in ACT, not in NT"_s};
    QTest::newRow("three digits that pad to nothing")
        << QJsonValue(u"312"_s) << u"VIC"_s << none << false << false << u"format"_s
        << QStringList{u"\"312\""_s, u"4-digit postcode"_s};
    QTest::newRow("postcode in another state")
        << QJsonValue(u"3121"_s) << u"NSW"_s << none << false << false << u"state-mismatch"_s
        << QStringList{u"\"3121\""_s, u"not a postcode in NSW"_s, u"but in VIC"_s};
    QTest::newRow("mismatch names every state")
        << QJsonValue(u"0872"_s) << u"VIC"_s << none << false << false << u"state-mismatch"_s
        << QStringList{u"NT, SA or WA"_s};
    QTest::newRow("mismatch names both states")
        << QJsonValue(u"2611"_s) << u"VIC"_s << none << false << false << u"state-mismatch"_s
        << QStringList{u"ACT or NSW"_s};
    QTest::newRow("unassigned postcode")
        << QJsonValue(u"0100"_s) << none << none << false << false << u"format"_s
        << QStringList{u"\"0100\""_s, u"not an Australian postcode"_s};
    QTest::newRow("five digits") << QJsonValue(u"31210"_s) << u"VIC"_s << none << false << false
                                 << u"format"_s
                                 << QStringList{u"\"31210\""_s, u"4-digit postcode"_s};
    QTest::newRow("letters in postcode") << QJsonValue(u"31A1"_s) << u"VIC"_s << none << false
                                         << false << u"format"_s << QStringList{u"\"31A1\""_s};
    QTest::newRow("space inside postcode") << QJsonValue(u"31 21"_s) << u"VIC"_s << none << false
                                           << false << u"format"_s << QStringList{u"\"31 21\""_s};
    QTest::newRow("full-width digits")
        << QJsonValue(u"\uFF13\uFF11\uFF12\uFF11"_s) << u"VIC"_s << none << false << false
        << u"format"_s << QStringList{u"4-digit postcode"_s};
    QTest::newRow("empty string") << QJsonValue(u""_s) << u"VIC"_s << none << false << false
                                  << u"format"_s << QStringList{u"location.postcode \"\""_s};
    QTest::newRow("two-digit number") << QJsonValue(80) << u"NT"_s << none << false << true
                                      << u"format"_s << QStringList{u"location.postcode 80 "_s};
    QTest::newRow("zero") << QJsonValue(0) << u"NT"_s << none << false << true << u"format"_s
                          << QStringList{u"location.postcode 0 "_s};
    QTest::newRow("negative number") << QJsonValue(-3121) << u"VIC"_s << none << false << true
                                     << u"format"_s << QStringList{u"-3121"_s};
    QTest::newRow("fractional number") << QJsonValue(3121.5) << u"VIC"_s << none << false << true
                                       << u"format"_s << QStringList{u"3121.5"_s};
    QTest::newRow("number too large") << QJsonValue(31210) << u"VIC"_s << none << false << true
                                      << u"format"_s << QStringList{u"31210"_s};
    QTest::newRow("boolean postcode")
        << QJsonValue(true) << u"VIC"_s << none << false << false << u"type"_s
        << QStringList{u"location.postcode is a boolean (true)"_s, u"as a string"_s};
    QTest::newRow("array postcode") << QJsonValue(QJsonArray{u"3121"_s}) << u"VIC"_s << none
                                    << false << false << u"type"_s << QStringList{u"is an array"_s};
    QTest::newRow("object postcode")
        << QJsonValue(QJsonObject{{u"code"_s, u"3121"_s}}) << u"VIC"_s << none << false << false
        << u"type"_s << QStringList{u"is an object"_s};
    QTest::newRow("null postcode") << QJsonValue(QJsonValue::Null) << u"VIC"_s << none << false
                                   << false << u"type"_s << QStringList{u"is null"_s};
    QTest::newRow("missing postcode")
        << QJsonValue(QJsonValue::Undefined) << u"VIC"_s << none << false << false << u"type"_s
        << QStringList{u"is missing"_s};
}

void TestAustralia::normalizePostcode()
{
    QFETCH(QJsonValue, input);
    QFETCH(QString, state);
    QFETCH(QString, expectedPostcode);
    QFETCH(bool, expectedPadded);
    QFETCH(bool, expectedFromNumber);
    QFETCH(QString, expectedErrorCode);
    QFETCH(QStringList, expectedErrorParts);

    const australia::PostcodeResult result = australia::normalizePostcode(input, state);
    QCOMPARE(result.postcode, expectedPostcode);
    QCOMPARE(result.padded, expectedPadded);
    QCOMPARE(result.fromNumber, expectedFromNumber);
    QCOMPARE(result.errorCode, expectedErrorCode);
    QCOMPARE(result.error.isEmpty(), expectedErrorCode.isEmpty());
    for (const QString &part : std::as_const(expectedErrorParts)) {
        QVERIFY2(result.error.contains(part), qPrintable(result.error));
    }
    if (!result.error.isEmpty()) {
        QVERIFY2(result.error.endsWith(u'.'), qPrintable(result.error));
    }
}

void TestAustralia::statesForPostcode_data()
{
    QTest::addColumn<QString>("postcode");
    QTest::addColumn<QStringList>("expectedStates");

    QTest::newRow("inner Melbourne") << u"3121"_s << QStringList{u"VIC"_s};
    QTest::newRow("Sydney") << u"2000"_s << QStringList{u"NSW"_s};
    QTest::newRow("Darwin") << u"0800"_s << QStringList{u"NT"_s};
    QTest::newRow("lowest ACT postcode") << u"0200"_s << QStringList{u"ACT"_s};
    QTest::newRow("highest ACT PO box postcode") << u"0299"_s << QStringList{u"ACT"_s};
    QTest::newRow("NT PO box postcode") << u"0999"_s << QStringList{u"NT"_s};
    QTest::newRow("NSW PO box postcode") << u"1000"_s << QStringList{u"NSW"_s};
    QTest::newRow("last NSW before Canberra") << u"2599"_s << QStringList{u"NSW"_s};
    QTest::newRow("first Canberra postcode") << u"2600"_s << QStringList{u"ACT"_s};
    QTest::newRow("Canberra postcode shared with NSW")
        << u"2611"_s << QStringList{u"ACT"_s, u"NSW"_s};
    QTest::newRow("Hall postcode shared with NSW") << u"2618"_s << QStringList{u"ACT"_s, u"NSW"_s};
    QTest::newRow("Jerrabomberra") << u"2619"_s << QStringList{u"NSW"_s};
    QTest::newRow("Queanbeyan postcode shared with ACT")
        << u"2620"_s << QStringList{u"ACT"_s, u"NSW"_s};
    QTest::newRow("Norfolk Island") << u"2899"_s << QStringList{u"NSW"_s};
    QTest::newRow("first Tuggeranong postcode") << u"2900"_s << QStringList{u"ACT"_s};
    QTest::newRow("last ACT postcode") << u"2920"_s << QStringList{u"ACT"_s};
    QTest::newRow("NSW after ACT block") << u"2921"_s << QStringList{u"NSW"_s};
    QTest::newRow("Jervis Bay") << u"2540"_s << QStringList{u"ACT"_s, u"NSW"_s};
    QTest::newRow("Mungindi") << u"2406"_s << QStringList{u"NSW"_s, u"QLD"_s};
    QTest::newRow("Murray towns 3585") << u"3585"_s << QStringList{u"NSW"_s, u"VIC"_s};
    QTest::newRow("Murray towns 3707") << u"3707"_s << QStringList{u"NSW"_s, u"VIC"_s};
    QTest::newRow("Granite Belt 4380") << u"4380"_s << QStringList{u"NSW"_s, u"QLD"_s};
    QTest::newRow("Granite Belt 4385") << u"4385"_s << QStringList{u"NSW"_s, u"QLD"_s};
    QTest::newRow("after Granite Belt") << u"4386"_s << QStringList{u"QLD"_s};
    QTest::newRow("Mount Isa") << u"4825"_s << QStringList{u"NT"_s, u"QLD"_s};
    QTest::newRow("Alice Springs remote") << u"0872"_s << QStringList{u"NT"_s, u"SA"_s, u"WA"_s};
    QTest::newRow("SA large-volume receiver") << u"5999"_s << QStringList{u"SA"_s};
    QTest::newRow("last WA street postcode") << u"6797"_s << QStringList{u"WA"_s};
    QTest::newRow("Christmas Island") << u"6798"_s << QStringList{u"WA"_s};
    QTest::newRow("WA PO box postcode") << u"6800"_s << QStringList{u"WA"_s};
    QTest::newRow("TAS PO box postcode") << u"7999"_s << QStringList{u"TAS"_s};
    QTest::newRow("VIC large-volume receiver") << u"8000"_s << QStringList{u"VIC"_s};
    QTest::newRow("QLD large-volume receiver") << u"9999"_s << QStringList{u"QLD"_s};
    QTest::newRow("unassigned low postcode") << u"0100"_s << QStringList();
    QTest::newRow("gap between ACT and NT") << u"0500"_s << QStringList();
    QTest::newRow("three digits") << u"800"_s << QStringList();
    QTest::newRow("letters") << u"abcd"_s << QStringList();
}

void TestAustralia::statesForPostcode()
{
    QFETCH(QString, postcode);
    QFETCH(QStringList, expectedStates);

    QCOMPARE(australia::statesForPostcode(postcode), expectedStates);
}

void TestAustralia::postcodeInStateAgreesWithStates_data()
{
    statesForPostcode_data();
}

void TestAustralia::postcodeInStateAgreesWithStates()
{
    QFETCH(QString, postcode);
    QFETCH(QStringList, expectedStates);

    for (const QString &code : australia::stateCodes()) {
        QCOMPARE(australia::postcodeInState(postcode, code), expectedStates.contains(code));
    }
}

void TestAustralia::postcodeInStateRejectsMalformed_data()
{
    QTest::addColumn<QString>("postcode");
    QTest::addColumn<QString>("state");

    QTest::newRow("empty postcode") << QString() << u"VIC"_s;
    QTest::newRow("five digits") << u"31210"_s << u"VIC"_s;
    QTest::newRow("surrounding spaces") << u" 3121"_s << u"VIC"_s;
    QTest::newRow("lower-case state code") << u"3121"_s << u"vic"_s;
    QTest::newRow("empty state code") << u"3121"_s << QString();
}

void TestAustralia::postcodeInStateRejectsMalformed()
{
    QFETCH(QString, postcode);
    QFETCH(QString, state);

    QVERIFY(!australia::postcodeInState(postcode, state));
}

void TestAustralia::stripStateFromSuburb_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expectedSuburb");
    QTest::addColumn<bool>("expectedRemoved");

    QTest::newRow("state code after space") << u"Richmond VIC"_s << u"Richmond"_s << true;
    QTest::newRow("state code after comma") << u"Richmond, VIC"_s << u"Richmond"_s << true;
    QTest::newRow("comma without space") << u"Richmond,VIC"_s << u"Richmond"_s << true;
    QTest::newRow("abbreviation with dot") << u"Richmond Vic."_s << u"Richmond"_s << true;
    QTest::newRow("abbreviation Qld") << u"Toowoomba Qld"_s << u"Toowoomba"_s << true;
    QTest::newRow("code in lower case") << u"Richmond nsw"_s << u"Richmond"_s << true;
    QTest::newRow("code with dots") << u"Wagga Wagga N.S.W."_s << u"Wagga Wagga"_s << true;
    QTest::newRow("two-letter code with dots") << u"Kings Park W.A."_s << u"Kings Park"_s << true;
    QTest::newRow("two-letter code in capitals") << u"Kings Park WA"_s << u"Kings Park"_s << true;
    QTest::newRow("state name after comma") << u"Richmond, Victoria"_s << u"Richmond"_s << true;
    QTest::newRow("multi-word name after comma")
        << u"Alice Springs, Northern Territory"_s << u"Alice Springs"_s << true;
    QTest::newRow("state and postcode") << u"Richmond VIC 3121"_s << u"Richmond"_s << true;
    QTest::newRow("state and other state's postcode")
        << u"Richmond VIC 2000"_s << u"Richmond"_s << true;
    QTest::newRow("commas around state and postcode")
        << u"Richmond, VIC, 3121"_s << u"Richmond"_s << true;
    QTest::newRow("state name and its postcode")
        << u"Richmond Victoria 3121"_s << u"Richmond"_s << true;
    QTest::newRow("iso code appended") << u"Richmond AU-VIC"_s << u"Richmond"_s << true;
    QTest::newRow("trailing spaces") << u"Richmond VIC  "_s << u"Richmond"_s << true;
    QTest::newRow("state after suburb ending in state name")
        << u"Mount Victoria NSW"_s << u"Mount Victoria"_s << true;
    QTest::newRow("suburb starting with state name")
        << u"Victoria Park"_s << u"Victoria Park"_s << false;
    QTest::newRow("suburb starting with state prefix")
        << u"Queenscliff"_s << u"Queenscliff"_s << false;
    QTest::newRow("suburb ending in city name")
        << u"Port Adelaide"_s << u"Port Adelaide"_s << false;
    QTest::newRow("suburb that is a state name") << u"Victoria"_s << u"Victoria"_s << false;
    QTest::newRow("suburb that is a state code") << u"VIC"_s << u"VIC"_s << false;
    QTest::newRow("suburb ending in state name")
        << u"Mount Victoria"_s << u"Mount Victoria"_s << false;
    QTest::newRow("state name with other state's postcode")
        << u"Mount Victoria 2786"_s << u"Mount Victoria 2786"_s << false;
    QTest::newRow("state code and postcode only") << u"VIC 3121"_s << u"VIC 3121"_s << false;
    QTest::newRow("postcode without state") << u"Richmond 3121"_s << u"Richmond 3121"_s << false;
    QTest::newRow("two-letter code in lower case") << u"Perth wa"_s << u"Perth wa"_s << false;
    QTest::newRow("state written into the word") << u"RichmondVIC"_s << u"RichmondVIC"_s << false;
    QTest::newRow("empty suburb") << QString() << QString() << false;
}

void TestAustralia::stripStateFromSuburb()
{
    QFETCH(QString, input);
    QFETCH(QString, expectedSuburb);
    QFETCH(bool, expectedRemoved);

    const australia::SuburbResult result = australia::stripStateFromSuburb(input);
    QCOMPARE(result.suburb, expectedSuburb);
    QCOMPARE(result.stateRemoved, expectedRemoved);
}

QTEST_APPLESS_MAIN(TestAustralia)

#include "tst_australia.moc"
