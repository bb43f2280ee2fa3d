#pragma once

#include "formdialog.h"

#include <memory>

namespace Ui {
class ExportPackDialog;
}

namespace hopstep {

// Chooses where and how to write a provider's onboarding pack: the folder, the API base URL the
// ATS should call, JSON and or PDF, and whether to include the API key issued in this session.
// Shows the file names it will write, and warns before it overwrites one.
class ExportPackDialog : public FormDialog
{
    Q_OBJECT

public:
    // keyPrefix is the prefix of the key issued in this session, or empty when there is none.
    ExportPackDialog(const QString &providerName, const QString &folder, const QString &baseUrl,
                     const QString &keyPrefix, QWidget *parent = nullptr);
    ~ExportPackDialog() override;

    QStringList problems() const override;
    // {"folder", "baseUrl", "json", "pdf", "includeKey"}: the choices, for the caller to act on.
    QJsonObject body() const override;
    // "evergreen-residential-care-onboarding" for "Evergreen Residential Care": the file name
    // without extension.
    static QString baseFileName(const QString &providerName);
    QString jsonPath() const;
    QString pdfPath() const;

protected:
    void setFieldsEnabled(bool enabled) override;

private:
    void browse();
    void updateFiles();

    std::unique_ptr<Ui::ExportPackDialog> m_ui;
    QString m_providerName;
};

} // namespace hopstep
