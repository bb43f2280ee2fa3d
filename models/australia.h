#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

// Australian states, territories and postcodes as they appear in a job's location object.
namespace hopstep::australia {

// Returns {"ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA"}, in this order.
const QStringList &stateCodes();

// Returns "ACT, NSW, NT, QLD, SA, TAS, VIC, WA", for error messages.
QString stateCodeList();

// Returns the state code for value, or an empty optional. Accepted forms, in any case and
// spacing: the code with or without dots ("NSW", "N.S.W.", "Vic."), the full name
// ("New South Wales", "victoria") and the ISO 3166-2 code ("AU-NSW", "au-vic").
std::optional<QString> normalizeState(const QString &value);

// Returns the error message for a location.state that normalizeState() rejected.
QString invalidStateMessage(const QString &value);

struct PostcodeResult
{
    QString postcode;        // the 4-digit string when valid
    bool padded = false;     // a leading zero was restored (800 with NT gives "0800")
    bool fromNumber = false; // the value arrived as a JSON number
    QString errorCode;       // empty when valid, else "type", "format" or "state-mismatch"
    QString error;           // sentence for the ATS developer when invalid
};

// Checks the JSON value sent for location.postcode. stateCode is the code that normalizeState()
// returned, or empty when the state was missing or invalid, and then only the format is checked.
// A string must be 4 ASCII digits after trimming, and a number an integer from 1000 to 9999.
// A 3-digit string or a number from 100 to 999 gets its leading zero back only when the padded
// postcode belongs to stateCode (800 with NT, 200 with ACT, 872 with SA). A postcode outside every
// state's ranges is a "format" error, and one outside stateCode's a "state-mismatch" error.
PostcodeResult normalizePostcode(const QJsonValue &value, const QString &stateCode);

// Returns true when the 4-digit postcode lies in a range Australia Post assigns to stateCode,
// or is a postcode shared across a border with stateCode.
bool postcodeInState(const QString &postcode, const QString &stateCode);

// Returns the codes of the states the postcode belongs to, in stateCodes() order.
QStringList statesForPostcode(const QString &postcode);

struct SuburbResult
{
    QString suburb;
    bool stateRemoved = false;
    QString removedState;    // the code of the removed state, such as "NSW"
    QString removedPostcode; // the postcode removed after it, or empty
};

// Removes a state, and a postcode after it, appended to a suburb: "Richmond VIC",
// "Richmond, VIC", "Richmond Vic.", "Richmond, Victoria", "Richmond VIC 3121".
// After a plain space, a full state name is removed only when a postcode of that state follows,
// so "Mount Victoria" and "Port Victoria" stay as they are. So do "SA", "WA" and "NT" in lower
// or mixed case, because short words like "Wa" can be part of a place name. A suburb that is only
// a state ("Victoria") is never emptied. When nothing is removed, suburb is returned unchanged.
SuburbResult stripStateFromSuburb(const QString &suburb);

} // namespace hopstep::australia
