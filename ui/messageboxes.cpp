#include "messageboxes.h"

#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace hopstep {

namespace {

// QMessageBox applies setTextFormat to its main label only, and turns word wrap off for plain
// text, so both labels are set here.
void showPlainText(QMessageBox &box)
{
    box.setTextFormat(Qt::PlainText);
    const QList<QLabel *> labels = box.findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->objectName() == u"qt_msgbox_label"_s ||
            label->objectName() == u"qt_msgbox_informativelabel"_s) {
            label->setTextFormat(Qt::PlainText);
            label->setWordWrap(true);
        }
    }
}

} // namespace

bool askToConfirm(QWidget *parent, const Confirmation &confirmation)
{
    QMessageBox box(confirmation.icon, confirmation.windowTitle, confirmation.question,
                    QMessageBox::NoButton, parent);
    box.setInformativeText(confirmation.consequence);
    showPlainText(box);
    QPushButton *accept = box.addButton(confirmation.acceptText, QMessageBox::AcceptRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(confirmation.cancelByDefault ? cancel : accept);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == accept;
}

void showWarning(QWidget *parent, const QString &windowTitle, const QString &message)
{
    QMessageBox box(QMessageBox::Warning, windowTitle, message, QMessageBox::Ok, parent);
    showPlainText(box);
    box.exec();
}

void openWarning(QWidget *parent, const QString &windowTitle, const QString &message)
{
    auto *box =
        new QMessageBox(QMessageBox::Warning, windowTitle, message, QMessageBox::Ok, parent);
    showPlainText(*box);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace hopstep
