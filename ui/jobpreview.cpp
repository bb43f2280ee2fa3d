#include "jobpreview.h"

#include "jobpagerenderer.h"
#include "messageboxes.h"

#include <QDesktopServices>
#include <QScrollBar>

using namespace Qt::StringLiterals;

namespace hopstep {

JobPreview::JobPreview(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setSearchPaths({});
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(18);
    // A size up from the widget font, closer to what candidates read in a browser.
    QFont font = document()->defaultFont();
    font.setPointSizeF(font.pointSizeF() + 1);
    document()->setDefaultFont(font);

    connect(this, &QTextBrowser::anchorClicked, this, &JobPreview::handleLink);
}

void JobPreview::showJob(const Job &job)
{
    setDocumentHtml(JobPageRenderer::renderPreviewDocument(job));
}

void JobPreview::showPlaceholder(const QString &text)
{
    setDocumentHtml(u"<html><body><p align=\"center\" style=\"color:#6b7280; margin-top:48px\">"_s +
                    text.toHtmlEscaped() + u"</p></body></html>"_s);
}

void JobPreview::setDocumentHtml(const QString &html)
{
    // A refresh that changed nothing keeps the reader's scroll position.
    if (html == m_html)
        return;
    m_html = html;
    setHtml(html);
    verticalScrollBar()->setValue(0);
}

QVariant JobPreview::loadResource(int type, const QUrl &name)
{
    Q_UNUSED(type);
    Q_UNUSED(name);
    // Not a null QVariant: on a null result QTextDocument::loadResource (Qt 6.4) falls back to
    // reading local and qrc files and decoding data: URLs itself.
    return QVariant(QByteArray());
}

void JobPreview::handleLink(const QUrl &url)
{
    // The encoded form shows every character of the link, so a look-alike host cannot hide.
    const QString encodedUrl = url.toString(QUrl::FullyEncoded);
    const bool web = url.scheme() == u"http"_s || url.scheme() == u"https"_s;
    if (!web || url.host().isEmpty()) {
        showWarning(this, tr("Link not opened"),
                    tr("The console opens only http and https links, so it did not open %1.")
                        .arg(encodedUrl));
        return;
    }

    Confirmation confirmation;
    confirmation.windowTitle = tr("Open link");
    confirmation.question = tr("Open %1 in your browser?").arg(encodedUrl);
    confirmation.consequence = tr("The link comes from the job's ATS.");
    confirmation.acceptText = tr("Open");
    if (!askToConfirm(this, confirmation))
        return;
    if (!QDesktopServices::openUrl(url)) {
        showWarning(this, tr("Link not opened"),
                    tr("Could not open %1 because no web browser is set up on this computer.")
                        .arg(encodedUrl));
        return;
    }
    emit linkOpened(url);
}

} // namespace hopstep
