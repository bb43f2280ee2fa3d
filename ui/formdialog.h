#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QStringList>

#include <functional>

class QDialogButtonBox;
class QLabel;

namespace hopstep {

struct ApiFailure;

// Base of the console's form dialogs. The form checks its fields as staff type and lists the
// problems under the fields, with the save button disabled until there are none. Saving hands
// the request body to a submit handler and keeps the dialog open, busy, until the handler
// calls succeed() or fail(). So a response such as "a provider with this name exists" is shown
// in the form, with nothing typed lost.
class FormDialog : public QDialog
{
    Q_OBJECT

public:
    using SubmitHandler = std::function<void(const QJsonObject &body)>;

    explicit FormDialog(QWidget *parent = nullptr);

    void setSubmitHandler(SubmitHandler handler) { m_submit = std::move(handler); }
    // Closes the dialog as accepted.
    void succeed();
    // Shows the service's sentence and lets staff correct the form.
    void fail(const QString &message);

    // The problems of the fields as they are now, one sentence each.
    virtual QStringList problems() const = 0;
    // The request body the form describes.
    virtual QJsonObject body() const = 0;
    bool isBusy() const { return m_busy; }

protected:
    // Connects the dialog's buttons and problem label; derived classes call it after setupUi.
    void attachForm(QDialogButtonBox *buttons, QLabel *problemLabel);
    // Re-checks the fields; connect every field's change signal to it.
    void revalidate();
    // Enables or disables the fields while a request is in flight.
    virtual void setFieldsEnabled(bool enabled) = 0;

private:
    void submit();
    void setBusy(bool busy);

    QDialogButtonBox *m_buttons = nullptr;
    QLabel *m_problemLabel = nullptr;
    SubmitHandler m_submit;
    QString m_serverProblem;
    bool m_busy = false;
};

} // namespace hopstep
