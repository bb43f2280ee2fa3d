#include "onboardingdialogs.h"
#include "ui_categorydialog.h"
#include "ui_facilitydialog.h"
#include "ui_keylabeldialog.h"
#include "ui_providerdialog.h"
#include "ui_retirecategorydialog.h"
#include "ui_rotatekeydialog.h"
#include "ui_staffdialog.h"

#include "australia.h"
#include "categoryservice.h"
#include "job.h"
#include "providerservice.h"
#include "textnormalizer.h"

#include <QJsonArray>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

QString trimmed(const QLineEdit *edit)
{
    return text::normalizeSingleLine(edit->text());
}

// Adds "Name has 130 characters; the maximum is 120." when the text is too long.
void checkLength(QStringList &problems, const QString &field, const QString &text,
                 qsizetype maximum)
{
    if (text.size() > maximum) {
        problems.append(FormDialog::tr("%1 has %2 characters; the maximum is %3.")
                            .arg(field)
                            .arg(text.size())
                            .arg(maximum));
    }
}

} // namespace

ProviderDialog::ProviderDialog(const std::optional<Provider> &provider, QWidget *parent)
    : FormDialog(parent)
    , m_ui(std::make_unique<Ui::ProviderDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(provider ? tr("Edit provider") : tr("New provider"));
    if (provider) {
        m_ui->introLabel->setText(tr("Provider ID %1. The ID never changes.").arg(provider->id));
        m_ui->nameEdit->setText(provider->name);
        m_ui->atsEdit->setText(provider->atsName);
        m_ui->contactNameEdit->setText(provider->contactName);
        m_ui->contactEmailEdit->setText(provider->contactEmail);
        m_ui->contactPhoneEdit->setText(provider->contactPhone);
        m_ui->notesEdit->setPlainText(provider->notes);
    }
    for (QLineEdit *edit : {m_ui->nameEdit, m_ui->atsEdit, m_ui->contactNameEdit,
                            m_ui->contactEmailEdit, m_ui->contactPhoneEdit}) {
        connect(edit, &QLineEdit::textChanged, this, &ProviderDialog::revalidate);
    }
    connect(m_ui->notesEdit, &QPlainTextEdit::textChanged, this, &ProviderDialog::revalidate);
    attachForm(m_ui->buttonBox, m_ui->problemLabel);
    m_ui->nameEdit->setFocus();
}

ProviderDialog::~ProviderDialog() = default;

QStringList ProviderDialog::problems() const
{
    using namespace providerLimits;
    QStringList problems;
    const QString name = trimmed(m_ui->nameEdit);
    if (name.isEmpty())
        problems.append(tr("Name is required."));
    checkLength(problems, tr("Name"), name, maxName);
    checkLength(problems, tr("ATS"), trimmed(m_ui->atsEdit), maxAtsName);
    checkLength(problems, tr("Contact name"), trimmed(m_ui->contactNameEdit), maxContactName);
    const QString email = trimmed(m_ui->contactEmailEdit);
    if (!email.isEmpty()) {
        if (const QString problem = emailProblem(email); !problem.isEmpty())
            problems.append(tr("Contact email %1.").arg(problem));
    }
    const QString phone = trimmed(m_ui->contactPhoneEdit);
    if (!phone.isEmpty()) {
        if (const QString problem = phoneProblem(phone); !problem.isEmpty())
            problems.append(tr("Contact phone %1.").arg(problem));
    }
    checkLength(problems, tr("Notes"), m_ui->notesEdit->toPlainText().trimmed(), maxNotes);
    return problems;
}

QJsonObject ProviderDialog::body() const
{
    return QJsonObject{{u"name"_s, trimmed(m_ui->nameEdit)},
                       {u"atsName"_s, trimmed(m_ui->atsEdit)},
                       {u"contactName"_s, trimmed(m_ui->contactNameEdit)},
                       {u"contactEmail"_s, trimmed(m_ui->contactEmailEdit)},
                       {u"contactPhone"_s, trimmed(m_ui->contactPhoneEdit)},
                       {u"notes"_s, m_ui->notesEdit->toPlainText().trimmed()}};
}

void ProviderDialog::setFieldsEnabled(bool enabled)
{
    for (QWidget *field : std::initializer_list<QWidget *>{
             m_ui->nameEdit, m_ui->atsEdit, m_ui->contactNameEdit, m_ui->contactEmailEdit,
             m_ui->contactPhoneEdit, m_ui->notesEdit}) {
        field->setEnabled(enabled);
    }
}

FacilityDialog::FacilityDialog(const QString &providerName, const std::optional<Facility> &facility,
                               QWidget *parent)
    : FormDialog(parent)
    , m_ui(std::make_unique<Ui::FacilityDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(facility ? tr("Edit facility") : tr("New facility of %1").arg(providerName));
    m_ui->stateCombo->addItem(tr("Choose a state or territory"), QString());
    for (const QString &code : australia::stateCodes())
        m_ui->stateCombo->addItem(code, code);
    if (facility) {
        m_ui->introLabel->setText(tr("Facility ID %1. The ID never changes.").arg(facility->id));
        m_ui->nameEdit->setText(facility->name);
        m_ui->streetEdit->setText(facility->streetAddress);
        m_ui->suburbEdit->setText(facility->suburb);
        m_ui->stateCombo->setCurrentIndex(std::max(0, m_ui->stateCombo->findData(facility->state)));
        m_ui->postcodeEdit->setText(facility->postcode);
    }
    for (QLineEdit *edit :
         {m_ui->nameEdit, m_ui->streetEdit, m_ui->suburbEdit, m_ui->postcodeEdit}) {
        connect(edit, &QLineEdit::textChanged, this, &FacilityDialog::revalidate);
    }
    connect(m_ui->stateCombo, &QComboBox::currentIndexChanged, this, &FacilityDialog::revalidate);
    attachForm(m_ui->buttonBox, m_ui->problemLabel);
    m_ui->nameEdit->setFocus();
}

FacilityDialog::~FacilityDialog() = default;

QStringList FacilityDialog::problems() const
{
    using namespace providerLimits;
    QStringList problems;
    const QString name = trimmed(m_ui->nameEdit);
    if (name.isEmpty())
        problems.append(tr("Name is required."));
    checkLength(problems, tr("Name"), name, maxName);
    checkLength(problems, tr("Street address"), trimmed(m_ui->streetEdit), maxStreetAddress);
    const QString suburb = trimmed(m_ui->suburbEdit);
    if (suburb.isEmpty())
        problems.append(tr("Suburb is required."));
    checkLength(problems, tr("Suburb"), suburb, maxSuburb);
    const QString state = m_ui->stateCombo->currentData().toString();
    if (state.isEmpty())
        problems.append(tr("Choose the state or territory."));
    const QString postcode = m_ui->postcodeEdit->text().trimmed();
    const bool digits =
        postcode.size() == 4 && std::all_of(postcode.cbegin(), postcode.cend(),
                                            [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (postcode.isEmpty()) {
        problems.append(tr("Postcode is required."));
    } else if (!digits) {
        problems.append(tr("Postcode %1 is not 4 digits.").arg(postcode));
    } else if (!state.isEmpty() && !australia::postcodeInState(postcode, state)) {
        const QStringList states = australia::statesForPostcode(postcode);
        problems.append(states.isEmpty()
                            ? tr("Postcode %1 is not an Australian postcode.").arg(postcode)
                            : tr("Postcode %1 is in %2, not in %3.")
                                  .arg(postcode, states.join(u", "_s), state));
    }
    return problems;
}

QJsonObject FacilityDialog::body() const
{
    return QJsonObject{{u"name"_s, trimmed(m_ui->nameEdit)},
                       {u"streetAddress"_s, trimmed(m_ui->streetEdit)},
                       {u"suburb"_s, trimmed(m_ui->suburbEdit)},
                       {u"state"_s, m_ui->stateCombo->currentData().toString()},
                       {u"postcode"_s, m_ui->postcodeEdit->text().trimmed()}};
}

void FacilityDialog::setFieldsEnabled(bool enabled)
{
    for (QWidget *field :
         std::initializer_list<QWidget *>{m_ui->nameEdit, m_ui->streetEdit, m_ui->suburbEdit,
                                          m_ui->stateCombo, m_ui->postcodeEdit}) {
        field->setEnabled(enabled);
    }
}

KeyLabelDialog::KeyLabelDialog(const QString &providerName, QWidget *parent)
    : FormDialog(parent)
    , m_ui(std::make_unique<Ui::KeyLabelDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Issue API key for %1").arg(providerName));
    m_ui->introLabel->setText(
        tr("The new key is shown once, right after it is issued. The label tells keys apart in "
           "the list, for example the ATS and environment it is for."));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("&Issue Key"));
    connect(m_ui->labelEdit, &QLineEdit::textChanged, this, &KeyLabelDialog::revalidate);
    attachForm(m_ui->buttonBox, m_ui->problemLabel);
    m_ui->labelEdit->setFocus();
}

KeyLabelDialog::~KeyLabelDialog() = default;

QStringList KeyLabelDialog::problems() const
{
    QStringList problems;
    checkLength(problems, tr("Label"), trimmed(m_ui->labelEdit), providerLimits::maxKeyLabel);
    return problems;
}

QJsonObject KeyLabelDialog::body() const
{
    return QJsonObject{{u"label"_s, trimmed(m_ui->labelEdit)}};
}

void KeyLabelDialog::setFieldsEnabled(bool enabled)
{
    m_ui->labelEdit->setEnabled(enabled);
}

RotateKeyDialog::RotateKeyDialog(const ApiKeyRecord &key, QWidget *parent)
    : FormDialog(parent)
    , m_ui(std::make_unique<Ui::RotateKeyDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Rotate API key %1…").arg(key.prefix));
    m_ui->introLabel->setText(
        tr("hopstep issues a successor now and shows it once. The old key %1… keeps working "
           "until the time you choose, so the ATS can switch without an outage, and then "
           "stops.")
            .arg(key.prefix));
    m_ui->labelEdit->setText(key.label);
    m_ui->expiryCombo->addItem(tr("Stop at once"), 0);
    m_ui->expiryCombo->addItem(tr("1 hour"), 3600);
    m_ui->expiryCombo->addItem(tr("1 day"), 86400);
    m_ui->expiryCombo->addItem(tr("7 days"), 7 * 86400);
    m_ui->expiryCombo->addItem(tr("30 days"), 30 * 86400);
    m_ui->expiryCombo->addItem(tr("A chosen time"), -1);
    m_ui->expiryCombo->setCurrentIndex(3);
    m_ui->expiryEdit->setDateTime(QDateTime::currentDateTime().addDays(7));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("&Rotate"));

    connect(m_ui->labelEdit, &QLineEdit::textChanged, this, &RotateKeyDialog::revalidate);
    connect(m_ui->expiryCombo, &QComboBox::currentIndexChanged, this,
            &RotateKeyDialog::updateCustomTime);
    connect(m_ui->expiryEdit, &QDateTimeEdit::dateTimeChanged, this, &RotateKeyDialog::revalidate);
    updateCustomTime();
    attachForm(m_ui->buttonBox, m_ui->problemLabel);
    m_ui->expiryCombo->setFocus();
}

RotateKeyDialog::~RotateKeyDialog() = default;

void RotateKeyDialog::updateCustomTime()
{
    m_ui->expiryEdit->setEnabled(m_ui->expiryCombo->currentData().toInt() < 0);
    revalidate();
}

QDateTime RotateKeyDialog::expiry() const
{
    const int seconds = m_ui->expiryCombo->currentData().toInt();
    if (seconds < 0)
        return m_ui->expiryEdit->dateTime().toUTC();
    return QDateTime::currentDateTimeUtc().addSecs(seconds);
}

QStringList RotateKeyDialog::problems() const
{
    QStringList problems;
    checkLength(problems, tr("Label"), trimmed(m_ui->labelEdit), providerLimits::maxKeyLabel);
    if (m_ui->expiryCombo->currentData().toInt() < 0) {
        const QDateTime chosen = m_ui->expiryEdit->dateTime();
        const QDateTime now = QDateTime::currentDateTime();
        if (chosen < now.addSecs(-60))
            problems.append(tr("The chosen time is in the past; choose a later one."));
        else if (chosen > now.addDays(providerLimits::maxRotationOverlapDays))
            problems.append(tr("The old key may keep working for at most %1 days.")
                                .arg(providerLimits::maxRotationOverlapDays));
    }
    return problems;
}

QJsonObject RotateKeyDialog::body() const
{
    QJsonObject object{{u"oldKeyExpiresAt"_s, formatTimestamp(expiry())}};
    const QString label = trimmed(m_ui->labelEdit);
    if (!label.isEmpty())
        object.insert(u"label"_s, label);
    return object;
}

void RotateKeyDialog::setFieldsEnabled(bool enabled)
{
    m_ui->labelEdit->setEnabled(enabled);
    m_ui->expiryCombo->setEnabled(enabled);
    m_ui->expiryEdit->setEnabled(enabled && m_ui->expiryCombo->currentData().toInt() < 0);
}

CategoryDialog::CategoryDialog(const QList<Category> &categories,
                               const std::optional<Category> &category, QWidget *parent)
    : FormDialog(parent)
    , m_ui(std::make_unique<Ui::CategoryDialog>())
    , m_categories(categories)
    , m_id(category ? category->id : 0)
{
    m_ui->setupUi(this);
    if (category) {
        setWindowTitle(tr("Rename category %1").arg(category->id));
        m_ui->introLabel->setText(
            tr("The id %1 stays. “%2” stays as a former name: jobs sent with it are accepted, "
               "and the ATS is told to update its mapping.")
                .arg(category->id)
                .arg(category->name));
        m_ui->nameEdit->setText(category->name);
        m_ui->nameEdit->selectAll();
    } else {
        setWindowTitle(tr("Add category"));
        m_ui->introLabel->setText(
            tr("The new category gets the next free id and goes to the end of the list. Send "
               "the updated list to the ATSes that need it."));
    }
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &CategoryDialog::revalidate);
    attachForm(m_ui->buttonBox, m_ui->problemLabel);
    m_ui->nameEdit->setFocus();
}

CategoryDialog::~CategoryDialog() = default;

QStringList CategoryDialog::problems() const
{
    QStringList problems;
    const QString name = trimmed(m_ui->nameEdit);
    if (name.isEmpty()) {
        problems.append(tr("Name is required."));
        return problems;
    }
    checkLength(problems, tr("Name"), name, maxCategoryNameLength);
    bool isNumber = false;
    name.toLongLong(&isNumber);
    if (isNumber)
        problems.append(tr("A name must contain letters, because ATSes may send ids."));
    const QString key = categoryMatchKey(name);
    for (const Category &category : m_categories) {
        if (category.id == m_id)
            continue;
        if (categoryMatchKey(category.name) == key)
            problems.append(
                tr("Category %1 is already named “%2”.").arg(category.id).arg(category.name));
        for (const QString &alias : category.aliases) {
            if (categoryMatchKey(alias) == key)
                problems.append(tr("“%1” is a former name of “%2”.").arg(alias, category.name));
        }
    }
    return problems;
}

QJsonObject CategoryDialog::body() const
{
    return QJsonObject{{u"name"_s, trimmed(m_ui->nameEdit)}};
}

void CategoryDialog::setFieldsEnabled(bool enabled)
{
    m_ui->nameEdit->setEnabled(enabled);
}

RetireCategoryDialog::RetireCategoryDialog(const QList<Category> &categories,
                                           const Category &category, int liveJobs, QWidget *parent)
    : FormDialog(parent)
    , m_ui(std::make_unique<Ui::RetireCategoryDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Retire “%1”").arg(category.name));
    m_ui->introLabel->setText(
        tr("New jobs with “%1” (id %2) are rejected, and the answer suggests the category you "
           "choose here. The %3 live job(s) with it keep it until their ATS changes them.")
            .arg(category.name)
            .arg(category.id)
            .arg(liveJobs));
    m_ui->successorCombo->addItem(tr("No suggestion"), 0);
    for (const Category &candidate : categories) {
        if (candidate.id != category.id && !candidate.isRetired())
            m_ui->successorCombo->addItem(tr("%1 (id %2)").arg(candidate.name).arg(candidate.id),
                                          candidate.id);
    }
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("&Retire"));
    connect(m_ui->successorCombo, &QComboBox::currentIndexChanged, this,
            &RetireCategoryDialog::revalidate);
    attachForm(m_ui->buttonBox, m_ui->problemLabel);
    m_ui->successorCombo->setFocus();
}

RetireCategoryDialog::~RetireCategoryDialog() = default;

QStringList RetireCategoryDialog::problems() const
{
    return {};
}

QJsonObject RetireCategoryDialog::body() const
{
    const int successor = m_ui->successorCombo->currentData().toInt();
    if (successor <= 0)
        return {};
    return QJsonObject{{u"successorId"_s, successor}};
}

void RetireCategoryDialog::setFieldsEnabled(bool enabled)
{
    m_ui->successorCombo->setEnabled(enabled);
}

StaffDialog::StaffDialog(const std::optional<StaffMember> &member, QWidget *parent)
    : FormDialog(parent)
    , m_ui(std::make_unique<Ui::StaffDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(member ? tr("Edit staff member") : tr("New staff member"));
    if (member) {
        m_ui->nameEdit->setText(member->name);
        m_ui->emailEdit->setText(member->email);
        m_ui->integrationsCheck->setChecked(member->roles.testFlag(StaffRole::Integrations));
        m_ui->reviewerCheck->setChecked(member->roles.testFlag(StaffRole::Reviewer));
        m_ui->supportCheck->setChecked(member->roles.testFlag(StaffRole::Support));
        m_ui->adminCheck->setChecked(member->roles.testFlag(StaffRole::Admin));
        m_ui->activeCheck->setChecked(member->active);
    }
    for (QLineEdit *edit : {m_ui->nameEdit, m_ui->emailEdit})
        connect(edit, &QLineEdit::textChanged, this, &StaffDialog::revalidate);
    for (QCheckBox *check : {m_ui->integrationsCheck, m_ui->reviewerCheck, m_ui->supportCheck,
                             m_ui->adminCheck, m_ui->activeCheck}) {
        connect(check, &QCheckBox::toggled, this, &StaffDialog::revalidate);
    }
    attachForm(m_ui->buttonBox, m_ui->problemLabel);
    m_ui->nameEdit->setFocus();
}

StaffDialog::~StaffDialog() = default;

StaffRoles StaffDialog::roles() const
{
    StaffRoles roles;
    roles.setFlag(StaffRole::Integrations, m_ui->integrationsCheck->isChecked());
    roles.setFlag(StaffRole::Reviewer, m_ui->reviewerCheck->isChecked());
    roles.setFlag(StaffRole::Support, m_ui->supportCheck->isChecked());
    roles.setFlag(StaffRole::Admin, m_ui->adminCheck->isChecked());
    return roles;
}

QStringList StaffDialog::problems() const
{
    QStringList problems;
    const QString name = trimmed(m_ui->nameEdit);
    if (name.isEmpty())
        problems.append(tr("Name is required."));
    checkLength(problems, tr("Name"), name, 120);
    const QString email = trimmed(m_ui->emailEdit);
    if (!email.isEmpty()) {
        if (const QString problem = emailProblem(email); !problem.isEmpty())
            problems.append(tr("Email %1.").arg(problem));
    }
    return problems;
}

QJsonObject StaffDialog::body() const
{
    return QJsonObject{{u"name"_s, trimmed(m_ui->nameEdit)},
                       {u"email"_s, trimmed(m_ui->emailEdit)},
                       {u"roles"_s, QJsonArray::fromStringList(staffRoleNames(roles()))},
                       {u"active"_s, m_ui->activeCheck->isChecked()}};
}

void StaffDialog::setFieldsEnabled(bool enabled)
{
    for (QWidget *field : std::initializer_list<QWidget *>{
             m_ui->nameEdit, m_ui->emailEdit, m_ui->integrationsCheck, m_ui->reviewerCheck,
             m_ui->supportCheck, m_ui->adminCheck, m_ui->activeCheck}) {
        field->setEnabled(enabled);
    }
}

} // namespace hopstep
