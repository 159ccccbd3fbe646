#include "render.h"

#include "design/safewrite.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QUrl>
#include <cmath>
#include <memory>
#include <unistd.h>

namespace egress::render {

namespace {
std::unique_ptr<QGuiApplication> ownedApplication;
} // namespace

void ensureGuiApplication()
{
    if (QCoreApplication::instance())
        return;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Without a session (CI, cron) Qt warns on stderr and falls back to this directory itself; make it quiet.
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QString dir = QDir::tempPath() + QStringLiteral("/runtime-egress-%1").arg(getuid());
        if (QDir().mkpath(dir) &&
            QFile::setPermissions(dir,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
            qputenv("XDG_RUNTIME_DIR", QFile::encodeName(dir));
    }
    static int argc = 1;
    static char name[] = "egress-render";
    static char *argv[] = {name, nullptr};
    ownedApplication = std::make_unique<QGuiApplication>(argc, argv);
}

void releaseGuiApplication()
{
    ownedApplication.reset();
}

QImage svgToImage(const std::string &svg, double scale)
{
    ensureGuiApplication();
    QSvgRenderer renderer(QByteArray::fromStdString(svg));
    if (!renderer.isValid() || !(scale > 0))
        return {};
    const QSizeF size = renderer.viewBoxF().size() * scale;
    QImage image(
        QSize(static_cast<int>(std::lround(size.width())), static_cast<int>(std::lround(size.height()))),
        QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return {};
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    renderer.render(&painter, QRectF(QPointF(0, 0), size));
    return image;
}

namespace {

/**
 * Rendered bytes to their file the way every output is written (design/safewrite.h): a device or FIFO
 * written through, a symlink followed, a regular file replaced atomically. QSaveFile would rename a temporary
 * file over /dev/null.
 */
QString writeBytes(const QString &path, const QByteArray &bytes)
{
    if (auto error = design::writeFileAtomically(path.toStdString(), bytes.toStdString()))
        return QString::fromStdString(*error);
    return {};
}

} // namespace

QString writePng(const report::Picture &picture, const QString &path, double scale)
{
    if (!(scale > 0) || scale > 16)
        return path + ": --scale must be greater than 0 and at most 16";
    const QImage image = svgToImage(picture.svg, scale);
    if (image.isNull())
        return path + ": the picture could not be drawn (empty or too large)";
    QByteArray bytes;
    QBuffer file(&bytes);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG"))
        return path + ": the picture could not be encoded as PNG";
    return writeBytes(path, bytes);
}

QString writePicturePdf(const report::Picture &picture, const QString &path)
{
    ensureGuiApplication();
    QSvgRenderer renderer(QByteArray::fromStdString(picture.svg));
    if (!renderer.isValid())
        return path + ": the picture could not be drawn";
    QByteArray bytes;
    QBuffer file(&bytes);
    file.open(QIODevice::WriteOnly);
    {
        QPdfWriter pdf(&file);
        pdf.setTitle(QStringLiteral("Egress Studio picture"));
        pdf.setCreator(QStringLiteral("Egress Studio"));
        pdf.setResolution(72); // one PDF point per SVG pixel
        const QSizeF size = renderer.viewBoxF().size();
        pdf.setPageLayout(QPageLayout(QPageSize(size, QPageSize::Point), QPageLayout::Portrait, QMarginsF()));
        QPainter painter(&pdf);
        renderer.render(&painter, QRectF(QPointF(0, 0), size));
    }
    file.close();
    return writeBytes(path, bytes);
}

PdfResult writeReportPdf(const report::ReportData &data, const QString &path)
{
    ensureGuiApplication();
    QByteArray bytes;
    QBuffer file(&bytes);
    file.open(QIODevice::WriteOnly);
    int pages = 0;
    {
        QPdfWriter pdf(&file);
        pdf.setTitle(QString::fromStdString("Egress report: " + data.project.name));
        pdf.setCreator(QStringLiteral("Egress Studio"));
        pdf.setResolution(96);
        pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                      QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
        const QRectF page = pdf.pageLayout().paintRectPixels(pdf.resolution());

        QTextDocument document;
        document.setDocumentMargin(0);
        document.setPageSize(page.size());
        // Pictures: rasterised at twice the page's resolution so lines stay crisp when printed.
        const std::pair<const char *, const report::Picture *> pictures[] = {
            {"design", &data.design},
            {"architecture-designed", &data.asDesigned},
            {"architecture-nat", &data.natBaseline},
            {"break-even", &data.chart},
            {"cheapest-map", &data.cheapestMap}};
        for (const auto &[name, picture] : pictures) {
            if (picture->svg.empty())
                continue; // no price table was given for the cheapest-strategy map
            const double scale =
                std::max(1.0, 2.0 * std::min(1.0, page.width() / std::max(1.0, picture->width)));
            document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("picture:") + name),
                                 svgToImage(picture->svg, scale));
        }
        document.setHtml(QString::fromStdString(report::reportRichText(data, page.width() - 8)));
        pages = document.pageCount();

        QPainter painter(&pdf);
        for (int i = 0; i < pages; ++i) {
            if (i > 0)
                pdf.newPage();
            painter.save();
            painter.translate(0, -i * page.height());
            const QRectF clip(0, i * page.height(), page.width(), page.height());
            QAbstractTextDocumentLayout::PaintContext context;
            context.clip = clip;
            painter.setClipRect(clip);
            document.documentLayout()->draw(&painter, context);
            painter.restore();
            painter.setPen(Qt::gray);
            painter.setFont(QFont(QStringLiteral("DejaVu Sans"), 7));
            painter.drawText(QRectF(0, page.height() - 2, page.width(), 14), Qt::AlignRight,
                             QStringLiteral("%1 / %2").arg(i + 1).arg(pages));
        }
    }
    file.close();
    if (QString error = writeBytes(path, bytes); !error.isEmpty())
        return {error, 0};
    return {{}, pages};
}

} // namespace egress::render
