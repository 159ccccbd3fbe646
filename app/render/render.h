#pragma once

#include "report/report.h"

#include <QImage>
#include <QString>

namespace egress::render {

/**
 * Makes sure a QGuiApplication exists (fonts and painting need one). The CLI has none: this creates one on
 * the offscreen platform unless QT_QPA_PLATFORM says otherwise. Safe to call repeatedly.
 */
void ensureGuiApplication();

/**
 * Destroys the application ensureGuiApplication() created, if it created one. A command-line tool calls this
 * (through GuiApplicationScope) before returning from main: left to static destruction, the application would
 * outlive Qt's per-thread font caches, and their fonts would leak (LeakSanitizer reports them).
 */
void releaseGuiApplication();

/** Releases the renderer's application when the scope ends; for the CLI's commands that render. */
class GuiApplicationScope
{
public:
    GuiApplicationScope() = default;
    ~GuiApplicationScope() { releaseGuiApplication(); }
    GuiApplicationScope(const GuiApplicationScope &) = delete;
    GuiApplicationScope &operator=(const GuiApplicationScope &) = delete;
};

/** Rasterises an SVG at `scale` (1 = its width × height in pixels) on white. Null image on bad SVG. */
QImage svgToImage(const std::string &svg, double scale = 1);

/** Writes a picture as PNG of size (width × scale, height × scale). Returns "" or an error naming `path`. */
QString writePng(const report::Picture &picture, const QString &path, double scale = 1);

/** Writes a picture as a one-page vector PDF the size of the picture. Returns "" or an error naming `path`.
 */
QString writePicturePdf(const report::Picture &picture, const QString &path);

/** The outcome of writing a report PDF. */
struct PdfResult
{
    QString error; ///< empty on success
    int pages = 0;
};

/** Lays the report out on A4 pages (QTextDocument, pictures rasterised at 200 dpi) and writes it. */
PdfResult writeReportPdf(const report::ReportData &data, const QString &path);

} // namespace egress::render
