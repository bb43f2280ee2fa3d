#pragma once

#include <QMessageBox>
#include <QString>

class QWidget;

namespace hopstep {

// Message boxes of the console. Their text often carries what an ATS sent (a job title, a link),
// so they always show it as plain text, never as rich text.

struct Confirmation
{
    QString windowTitle;
    QString question;    // "Expire “Aged Care Assistant”?"
    QString consequence; // what the action does, shown under the question
    QString acceptText;  // the button that goes ahead, such as "Expire"
    QMessageBox::Icon icon = QMessageBox::Question;
    bool cancelByDefault = false; // for actions that cannot be undone
};

// Asks in a modal message box and returns true when the user pressed the accept button.
bool askToConfirm(QWidget *parent, const Confirmation &confirmation);

// Shows a warning in a modal message box and waits until the user closes it.
void showWarning(QWidget *parent, const QString &windowTitle, const QString &message);

// Shows a warning in a window-modal message box without waiting, for errors that arrive from
// the network while other work goes on. The box deletes itself when closed.
void openWarning(QWidget *parent, const QString &windowTitle, const QString &message);

} // namespace hopstep
