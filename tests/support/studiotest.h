#pragma once
// What the designer's GUI suites share: a shown window, the per-suite settings sandbox and a JSON QCOMPARE.
// Header-only: each suite is its own executable (tests/CMakeLists.txt puts this folder on the include path).

#include "diagramview.h"
#include "mainwindow.h"
#include "theme.h"

#include <QCoreApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <memory>

/** QCOMPARE for JSON values (QCOMPARE's overloads clash with nlohmann's implicit conversions). */
#define JSON_COMPARE(actual, expected)                                                                       \
    QVERIFY2((actual) == (expected),                                                                         \
             qPrintable(QString::fromStdString(egress::asl::Json(actual).dump() +                            \
                                               " != " + egress::asl::Json(expected).dump())))

namespace egress::studio::test {

/**
 * Settings, recent files and crash-recovery copies of the suite `application` go to test locations (its
 * recovery folder inside `tmp`), starting empty, in the light theme: a suite never sees a user's state.
 */
inline void isolateSuite(const QTemporaryDir &tmp, const QString &application)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressStudioTests"));
    QCoreApplication::setApplicationName(application);
    QSettings().clear();
    qputenv("EGRESS_RECOVERY_DIR", tmp.filePath(QStringLiteral("recovery")).toUtf8());
    applyTheme(ThemeChoice::Light);
}

/** A non-interactive designer window, shown and exposed at 1400 × 900; null if it could not be shown. */
inline std::unique_ptr<MainWindow> makeWindow()
{
    auto w = std::make_unique<MainWindow>();
    w->setInteractive(false);
    w->resize(1400, 900);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return nullptr;
    return w;
}

/**
 * Drops a file on the canvas as the desktop does (enter, move, drop on the viewport's centre); returns
 * whether the canvas accepted the drag.
 */
inline bool dropFileOnCanvas(MainWindow &window, const QString &path)
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QWidget *viewport = window.view()->viewport();
    const QPoint p = viewport->rect().center();
    QDragEnterEvent enter(p, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(p, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QDropEvent drop(p, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &drop);
    return true;
}

} // namespace egress::studio::test
