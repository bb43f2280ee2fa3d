#pragma once

#include "catalog.h"
#include "credentialstore.h"
#include "formdialog.h"
#include "staff.h"

#include <QDateTime>

#include <memory>
#include <optional>

namespace Ui {
class ProviderDialog;
class FacilityDialog;
class KeyLabelDialog;
class RotateKeyDialog;
class CategoryDialog;
class RetireCategoryDialog;
class StaffDialog;
} // namespace Ui

namespace hopstep {

// Creates a provider, or edits one when given. The body has name, atsName, contactName,
// contactEmail, contactPhone and notes.
class ProviderDialog : public FormDialog
{
    Q_OBJECT

public:
    explicit ProviderDialog(const std::optional<Provider> &provider, QWidget *parent = nullptr);
    ~ProviderDialog() override;

    QStringList problems() const override;
    QJsonObject body() const override;

protected:
    void setFieldsEnabled(bool enabled) override;

private:
    std::unique_ptr<Ui::ProviderDialog> m_ui;
};

// Creates a facility, or edits one when given. Checks that the postcode belongs to the state,
// as the Open API does for a job's location.
class FacilityDialog : public FormDialog
{
    Q_OBJECT

public:
    FacilityDialog(const QString &providerName, const std::optional<Facility> &facility,
                   QWidget *parent = nullptr);
    ~FacilityDialog() override;

    QStringList problems() const override;
    QJsonObject body() const override;

protected:
    void setFieldsEnabled(bool enabled) override;

private:
    std::unique_ptr<Ui::FacilityDialog> m_ui;
};

// Asks for the label of a new API key, so staff can tell keys apart later.
class KeyLabelDialog : public FormDialog
{
    Q_OBJECT

public:
    explicit KeyLabelDialog(const QString &providerName, QWidget *parent = nullptr);
    ~KeyLabelDialog() override;

    QStringList problems() const override;
    QJsonObject body() const override;

protected:
    void setFieldsEnabled(bool enabled) override;

private:
    std::unique_ptr<Ui::KeyLabelDialog> m_ui;
};

// Issues a successor of a key and chooses how long the old key keeps working.
class RotateKeyDialog : public FormDialog
{
    Q_OBJECT

public:
    explicit RotateKeyDialog(const ApiKeyRecord &key, QWidget *parent = nullptr);
    ~RotateKeyDialog() override;

    QStringList problems() const override;
    QJsonObject body() const override;
    // The time the old key stops working, in UTC.
    QDateTime expiry() const;

protected:
    void setFieldsEnabled(bool enabled) override;

private:
    void updateCustomTime();

    std::unique_ptr<Ui::RotateKeyDialog> m_ui;
};

// Names a new category, or renames one when given; checks the name against the list.
class CategoryDialog : public FormDialog
{
    Q_OBJECT

public:
    CategoryDialog(const QList<Category> &categories, const std::optional<Category> &category,
                   QWidget *parent = nullptr);
    ~CategoryDialog() override;

    QStringList problems() const override;
    QJsonObject body() const override;

protected:
    void setFieldsEnabled(bool enabled) override;

private:
    std::unique_ptr<Ui::CategoryDialog> m_ui;
    QList<Category> m_categories;
    int m_id = 0;
};

// Retires a category and suggests an active one in its place.
class RetireCategoryDialog : public FormDialog
{
    Q_OBJECT

public:
    RetireCategoryDialog(const QList<Category> &categories, const Category &category, int liveJobs,
                         QWidget *parent = nullptr);
    ~RetireCategoryDialog() override;

    QStringList problems() const override;
    QJsonObject body() const override;

protected:
    void setFieldsEnabled(bool enabled) override;

private:
    std::unique_ptr<Ui::RetireCategoryDialog> m_ui;
};

// Creates a staff account, or edits one when given: name, email, roles and whether it is
// active.
class StaffDialog : public FormDialog
{
    Q_OBJECT

public:
    explicit StaffDialog(const std::optional<StaffMember> &member, QWidget *parent = nullptr);
    ~StaffDialog() override;

    QStringList problems() const override;
    QJsonObject body() const override;

protected:
    void setFieldsEnabled(bool enabled) override;

private:
    StaffRoles roles() const;

    std::unique_ptr<Ui::StaffDialog> m_ui;
};

} // namespace hopstep
