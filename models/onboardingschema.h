#pragma once

#include "database.h"

#include <QStringList>

namespace hopstep {

// Schema version 3 adds provider contact details, deactivation and go-live, facility street
// addresses, onboarding steps, and API key expiry and rotation. It adds category aliases and
// retirement, and records on each job the category it was sent with and whether it is held
// until go-live. It adds staff accounts with roles, and the audit log, which takes over the
// rows of job_events.
//
// Existing providers were already publishing, so they become live with every onboarding step
// done. Existing staff tokens get one admin account per distinct token name.
QStringList onboardingSchema(Database::Driver driver);

} // namespace hopstep
