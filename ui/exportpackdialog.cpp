#include "exportpackdialog.h"
#include "ui_exportpackdialog.h"

#include "consolesettings.h"
#include "pagesupport.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hopstep {

ExportPackDialog::ExportPackDialog(const QString &providerName, const QString &folder,
                                   const QString &baseUrl, const QString &keyPrefix,
                                   QWidget *parent)
    : FormDialog(parent)
    , m_ui(std::make_unique<Ui::ExportPackDialog>())
    , m_providerName(providerName)
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Export onboarding pack of %1").arg(providerName));
    m_ui->introLabel->setText(
        tr("The pack holds what the ATS needs: the provider ID, the facility IDs with their "
           "addresses, the category list with ids, the API base URL and an example request. "
           "Exporting it records the steps “IDs issued” and “Category list sent”."));
    m_ui->folderEdit->setText(QDir::toNativeSeparators(folder));
    m_ui->baseUrlEdit->setText(baseUrl);
    if (keyPrefix.isEmpty()) {
        m_ui->keyCheck->setChecked(false);
        m_ui->keyCheck->setEnabled(false);
        m_ui->keyCheck->setText(tr("No API key was issued in this session, so none is included"));
    } else {
        m_ui->keyCheck->setChecked(true);
        m_ui->keyCheck->setText(
            tr("Include the API &key %1… issued in this session").arg(keyPrefix));
    }
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("&Export"));
    showHint(m_ui->filesLabel, QString());

    connect(m_ui->browseButton, &QPushButton::clicked, this, &ExportPackDialog::browse);
    for (QLineEdit *edit : {m_ui->folderEdit, m_ui->baseUrlEdit})
        connect(edit, &QLineEdit::textChanged, this, &ExportPackDialog::updateFiles);
    for (QCheckBox *check : {m_ui->jsonCheck, m_ui->pdfCheck, m_ui->keyCheck})
        connect(check, &QCheckBox::toggled, this, &ExportPackDialog::updateFiles);
    attachForm(m_ui->buttonBox, m_ui->problemLabel);
    updateFiles();
}

ExportPackDialog::~ExportPackDialog() = default;

QString ExportPackDialog::baseFileName(const QString &providerName)
{
    static const QRegularExpression separators(u"[^a-z0-9]+"_s);
    QString name = providerName.toLower();
    name.replace(separators, u"-"_s);
    while (name.startsWith(u'-'))
        name.remove(0, 1);
    while (name.endsWith(u'-'))
        name.chop(1);
    return (name.isEmpty() ? u"provider"_s : name.left(60)) + u"-onboarding"_s;
}

QString ExportPackDialog::jsonPath() const
{
    return QDir(QDir::fromNativeSeparators(m_ui->folderEdit->text().trimmed()))
        .filePath(baseFileName(m_providerName) + u".json"_s);
}

QString ExportPackDialog::pdfPath() const
{
    return QDir(QDir::fromNativeSeparators(m_ui->folderEdit->text().trimmed()))
        .filePath(baseFileName(m_providerName) + u".pdf"_s);
}

void ExportPackDialog::browse()
{
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Folder for the onboarding pack"), m_ui->folderEdit->text());
    if (!folder.isEmpty())
        m_ui->folderEdit->setText(QDir::toNativeSeparators(folder));
}

void ExportPackDialog::updateFiles()
{
    QStringList files;
    if (m_ui->jsonCheck->isChecked())
        files.append(QDir::toNativeSeparators(jsonPath()));
    if (m_ui->pdfCheck->isChecked())
        files.append(QDir::toNativeSeparators(pdfPath()));
    QStringList existing;
    for (const QString &file : std::as_const(files)) {
        if (QFileInfo::exists(file))
            existing.append(QFileInfo(file).fileName());
    }
    QString text = files.isEmpty() ? QString() : tr("Writes %1").arg(files.join(u" and "_s));
    if (!existing.isEmpty())
        text += u'\n' + tr("Replaces the existing %1.").arg(existing.join(u", "_s));
    if (m_ui->keyCheck->isChecked())
        text += u'\n' + tr("The files contain the API key: send them only through a secure "
                           "channel, and delete them once the ATS has the key.");
    showHint(m_ui->filesLabel, text);
    revalidate();
}

QStringList ExportPackDialog::problems() const
{
    QStringList problems;
    const QString folder = m_ui->folderEdit->text().trimmed();
    const QFileInfo info(QDir::fromNativeSeparators(folder));
    if (folder.isEmpty())
        problems.append(tr("Choose the folder to write the pack to."));
    else if (!info.isDir())
        problems.append(tr("The folder %1 does not exist.").arg(folder));
    else if (!info.isWritable())
        problems.append(tr("The folder %1 is not writable.").arg(folder));
    QString urlError;
    if (parseApiUrl(m_ui->baseUrlEdit->text(), &urlError).isEmpty())
        problems.append(tr("API base URL: %1").arg(urlError));
    if (!m_ui->jsonCheck->isChecked() && !m_ui->pdfCheck->isChecked())
        problems.append(tr("Choose JSON, PDF or both."));
    return problems;
}

QJsonObject ExportPackDialog::body() const
{
    return QJsonObject{
        {u"folder"_s, QDir::fromNativeSeparators(m_ui->folderEdit->text().trimmed())},
        {u"baseUrl"_s, m_ui->baseUrlEdit->text().trimmed()},
        {u"json"_s, m_ui->jsonCheck->isChecked()},
        {u"pdf"_s, m_ui->pdfCheck->isChecked()},
        {u"includeKey"_s, m_ui->keyCheck->isChecked()}};
}

void ExportPackDialog::setFieldsEnabled(bool enabled)
{
    for (QWidget *field :
         std::initializer_list<QWidget *>{m_ui->folderEdit, m_ui->browseButton, m_ui->baseUrlEdit,
                                          m_ui->jsonCheck, m_ui->pdfCheck}) {
        field->setEnabled(enabled);
    }
}

} // namespace hopstep
