#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QToolButton;

namespace hopstep {

// An id shown in full in a monospaced font, selectable, with a button that copies it to the
// clipboard in one click. Provider and facility IDs are typed into ATS configuration, so they
// must never be elided or retyped by hand.
class IdField : public QWidget
{
    Q_OBJECT

public:
    explicit IdField(QWidget *parent = nullptr);

    void setId(const QString &id);
    QString id() const { return m_id; }
    // What the copy button's tooltip and the status message call the id, e.g. "provider ID".
    void setDescription(const QString &description);

    // Copies the id to the clipboard, as the button does.
    void copy();

signals:
    void copied(const QString &message);

private:
    QString m_id;
    QString m_description;
    QLabel *m_label;
    QToolButton *m_copyButton;
};

} // namespace hopstep
