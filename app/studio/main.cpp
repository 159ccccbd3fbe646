// egress-studio: the desktop designer. Only the command line lives here; the window is in egress::studio.
#include "diagramscene.h"
#include "edits.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>
#include <cstdio>

using namespace egress::studio;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("EgressStudio"));
    QApplication::setApplicationName(QStringLiteral("egress-studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Egress Studio"));
    QApplication::setApplicationVersion(QStringLiteral(EGRESS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Design AWS Step Functions workflows across a VPC boundary and price every egress option."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QStringLiteral("Project (*.egress.json), ASL definition or SAM / CloudFormation template to open."));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Render the window with the file to an image and exit."),
                                  QStringLiteral("image"));
    QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("system, light or dark."),
                             QStringLiteral("theme"));
    QCommandLineOption size(QStringLiteral("size"),
                            QStringLiteral("Window size for --screenshot, e.g. 1500x920."),
                            QStringLiteral("WxH"), QStringLiteral("1500x920"));
    QCommandLineOption select(QStringLiteral("select"), QStringLiteral("Select a step (for --screenshot)."),
                              QStringLiteral("step"));
    QCommandLineOption recover(
        QStringLiteral("recover"),
        QStringLiteral("Unsaved work left by a session that crashed: ask (default), yes (restore the newest "
                       "copy) or no (discard the copies)."),
        QStringLiteral("choice"), QStringLiteral("ask"));
    // Test-only (hidden from --help): renames a step of the opened file as one undoable command, the
    // unsaved edit that tests/robustness/tst_crash_recovery kills the process over.
    QCommandLineOption testRename(QStringLiteral("test-rename"),
                                  QStringLiteral("Rename a step after opening (tests)."),
                                  QStringLiteral("OLD=NEW"));
    testRename.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({screenshot, theme, size, select, recover, testRename});
    parser.process(app);

    QString themeName = parser.isSet(theme) ? parser.value(theme)
                                            : QSettings().value(QStringLiteral("view/theme")).toString();
    ThemeChoice choice = ThemeChoice::System;
    if (themeName == QLatin1String("light"))
        choice = ThemeChoice::Light;
    else if (themeName == QLatin1String("dark"))
        choice = ThemeChoice::Dark;
    else if (!themeName.isEmpty() && themeName != QLatin1String("system")) {
        std::fprintf(stderr, "egress-studio: --theme must be system, light or dark\n");
        return 2;
    }
    applyTheme(choice);

    const QString recoverValue = parser.value(recover);
    MainWindow::Recovery recovery = MainWindow::Recovery::Ask;
    if (recoverValue == QLatin1String("yes"))
        recovery = MainWindow::Recovery::Restore;
    else if (recoverValue == QLatin1String("no"))
        recovery = MainWindow::Recovery::Discard;
    else if (recoverValue != QLatin1String("ask")) {
        std::fprintf(stderr, "egress-studio: --recover must be ask, yes or no\n");
        return 2;
    }

    MainWindow window;
    const bool shooting = parser.isSet(screenshot);
    window.setInteractive(!shooting);
    if (shooting) {
        const QStringList wh = parser.value(size).split('x');
        if (wh.size() != 2 || wh[0].toInt() < 400 || wh[1].toInt() < 300) {
            std::fprintf(stderr, "egress-studio: --size must look like 1500x920\n");
            return 2;
        }
        window.resize(wh[0].toInt(), wh[1].toInt());
    }
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty() && !window.openFile(files.front()) && shooting) {
        std::fprintf(stderr, "egress-studio: %s\n", qPrintable(window.lastError()));
        return 2;
    }
    if (shooting) {
        // Let the window lay itself out at its final size before fitting and grabbing.
        QTimer::singleShot(300, &window, [&] {
            if (parser.isSet(select))
                window.scene()->selectSteps({parser.value(select)});
            QMetaObject::invokeMethod(&window, [&] {
                QTimer::singleShot(200, &window, [&] {
                    const bool ok = window.saveScreenshot(parser.value(screenshot));
                    if (!ok)
                        std::fprintf(stderr, "egress-studio: cannot write %s\n",
                                     qPrintable(parser.value(screenshot)));
                    QApplication::exit(ok ? 0 : 1);
                });
            });
        });
        return QApplication::exec();
    }
    if (parser.isSet(testRename)) {
        const QStringList names = parser.value(testRename).split('=');
        const auto error = names.size() == 2 ? Edits::renameStep(*window.document(), names[0], names[1])
                                             : std::optional<QString>(QStringLiteral("expected OLD=NEW"));
        if (error) {
            std::fprintf(stderr, "egress-studio: --test-rename: %s\n", qPrintable(*error));
            return 2;
        }
    }
    if (files.isEmpty())
        window.offerRecovery(recovery);
    return QApplication::exec();
}
