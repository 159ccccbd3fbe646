// Cold start and resident memory of the designer, each in a fresh process (this program starts itself):
//  - start: from the moment the parent starts the child process (exec, loading Qt and our libraries
//    included) to the end of the first paint of the main window's canvas, doing what egress-studio's main
//    does (QApplication, theme, MainWindow, show). Goal: ≤ 0.5 s. Median of 5 starts after one warm-up
//    start (which fills the page cache: "cold" means a new process, not an empty disk cache).
//  - memory: resident set size (VmRSS) of a process that has opened a generated 1,000-state project file
//    through MainWindow::openFile and painted it zoomed to fit (every step on screen). Goal: ≤ 150 MB.
// Runs offscreen (QT_QPA_PLATFORM=offscreen) unless a display is set.
#include "benchsupport.h"
#include "design/projectio.h"
#include "diagramview.h"
#include "generator.h"
#include "layout/layout.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace bench = egress::bench;
using namespace egress::studio;

namespace {

/** Nanoseconds on the monotonic clock, which parent and child share. */
long long nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/** VmRSS of this process in MB. */
double residentMb()
{
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0; // "VmRSS:   123456 kB"
    return -1;
}

/** Calls `then` once, right after the first paint of `widget` has finished. */
class FirstPaint : public QObject
{
public:
    FirstPaint(QWidget *widget, std::function<void()> then) : m_then(std::move(then))
    {
        widget->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_then) {
            watched->removeEventFilter(this);
            // Queued: runs after this paint event and the flush of the window's backing store.
            QTimer::singleShot(0, this, [this] {
                auto then = std::move(m_then);
                m_then = nullptr;
                then();
            });
        }
        return false;
    }

private:
    std::function<void()> m_then;
};

/** The child: what egress-studio's main does, then prints one figure and exits. */
int child(int argc, char **argv)
{
    const std::string mode = argv[2];
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("EgressStudioBench"));
    QApplication::setApplicationName(QStringLiteral("egress-studio-bench"));
    applyTheme(ThemeChoice::Light);
    MainWindow window;
    window.setInteractive(false);
    window.resize(1500, 920);
    if (mode == "start") {
        const long long started = std::stoll(argv[3]);
        FirstPaint painted(window.view()->viewport(), [started] {
            std::printf("%.3f\n", double(nowNs() - started) / 1e6);
            QApplication::exit(0);
        });
        window.show();
        return QApplication::exec();
    }
    // memory
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !window.openFile(QString::fromLocal8Bit(argv[3]))) {
        std::fprintf(stderr, "bench_gui_start: cannot open %s: %s\n", argv[3],
                     qPrintable(window.lastError()));
        return 1;
    }
    window.view()->zoomToFit();
    window.repaint();
    QTest::qWait(200); // the panels' coalesced updates (cost, problems, code) run and paint
    window.repaint();
    std::printf("%.1f\n", residentMb());
    return 0;
}

/** Runs this program as a child in `mode`; returns the number it printed, or a negative value. */
double runChild(const char *self, const QString &mode, const QString &argument)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QString arg = mode == QLatin1String("start") ? QString::number(nowNs()) : argument;
    process.start(QString::fromLocal8Bit(self), {QStringLiteral("--child"), mode, arg});
    if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return -1;
    bool ok = false;
    const double value = process.readAllStandardOutput().trimmed().toDouble(&ok);
    return ok ? value : -1;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (argc == 4 && std::string(argv[1]) == "--child")
        return child(argc, argv);

    QCoreApplication app(argc, argv);
    std::vector<double> starts;
    for (int i = 0; i < 6; ++i) {
        const double ms = runChild(argv[0], QStringLiteral("start"), {});
        if (ms < 0) {
            std::fprintf(stderr, "bench_gui_start: the start run failed\n");
            return 1;
        }
        if (i > 0) // the first start warms the page cache
            starts.push_back(ms);
    }
    std::sort(starts.begin(), starts.end());
    bench::reportAtMost("gui cold start to painted window (new process, median)", starts[starts.size() / 2],
                        "ms", 500);

    QTemporaryDir dir;
    egress::design::Project project = egress::asl::generateProject({.states = 1000, .seed = 1});
    egress::layout::autoLayout(project);
    const QString file = dir.filePath(QStringLiteral("bench-1000.egress.json"));
    if (!dir.isValid() || egress::design::saveProject(project, file.toStdString())) {
        std::fprintf(stderr, "bench_gui_start: cannot write %s\n", qPrintable(file));
        return 1;
    }
    const double mb = runChild(argv[0], QStringLiteral("memory"), file);
    if (mb < 0) {
        std::fprintf(stderr, "bench_gui_start: the memory run failed\n");
        return 1;
    }
    bench::reportAtMost("gui resident memory, 1,000-state project open", mb, "MB", 150);
    return 0;
}
