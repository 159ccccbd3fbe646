#include "mainwindow.h"

#include "asl/edit.h"
#include "asl/writer.h"
#include "autosave.h"
#include "canvaskeys.h"
#include "design/projectedit.h"
#include "design/projectio.h"
#include "diagramitems.h"
#include "diagramscene.h"
#include "diagramview.h"
#include "document.h"
#include "edits.h"
#include "egressoverlay.h"
#include "focusnavigation.h"
#include "inspector.h"
#include "palette.h"
#include "panels.h"
#include "presets.h"
#include "shortcutsdialog.h"
#include "template/templateload.h"
#include "usageactions.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

namespace egress::studio {

namespace {

constexpr int kMaxRecent = 8;

/** The platform's standard keys for a command, then `extra` unless the platform already has it. */
QList<QKeySequence> withFallback(QKeySequence::StandardKey standard, const QKeySequence &extra)
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(standard);
    if (!keys.contains(extra))
        keys.append(extra);
    return keys;
}

QIcon icon(const char *name)
{
    return themedIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_doc(new Document(this)), m_scene(new DiagramScene(m_doc, this)),
      m_view(new DiagramView(m_scene)), m_palette(new Palette), m_inspector(new Inspector(m_doc)),
      m_autosave(new Autosave(m_doc, this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(icon("app"));
    setCentralWidget(m_view);
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    createActions();
    createMenus();
    createDocks();
    installPanels(*this);                       // cost, problems and code docks; the canvas's egress overlay
    m_focus = new FocusNavigator(this, m_view); // Tab, F6 and Esc across the canvas and the docks

    m_zoomLabel = new QLabel;
    m_selectionLabel = new QLabel;
    statusBar()->addPermanentWidget(m_selectionLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);

    connect(m_doc, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_view, &DiagramView::zoomChanged, this,
            [this](qreal z) { m_zoomLabel->setText(tr("Zoom %1%").arg(qRound(z * 100))); });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        if (m_scene->isDragging())
            return;
        m_inspector->setSelection(m_scene->selectedStepNames());
        updateSelectionStatus();
        updateActions();
    });
    connect(m_scene, &DiagramScene::editRequested, this, &MainWindow::editInInspector);
    connect(m_scene, &DiagramScene::editRefused, this,
            [this](const QString &m) { showError(tr("Not possible"), m); });
    connect(m_scene, &DiagramScene::statusMessage, this,
            [this](const QString &m) { statusBar()->showMessage(m, 4000); });
    connect(m_inspector, &Inspector::editRefused, this,
            [this](const QString &m) { showError(tr("Not possible"), m); });
    connect(m_inspector, &Inspector::reimportRequested, this, [this] { reimportFromTemplate(); });
    connect(m_palette, &Palette::presetActivated, this, &MainWindow::addPreset);
    connect(m_doc, &Document::projectReset, this, [this] {
        m_pasteCount = 0;
        if (EgressOverlay *overlay = panelsOf(*this).egress)
            overlay->flush(); // its paths to the internet are part of what the fit must show
        m_view->zoomToOpen(); // fitted, or readable around StartAt when fitting would shrink names away
        updateSelectionStatus();
    });
    connect(m_doc, &Document::definitionChanged, this, &MainWindow::updateSelectionStatus);
    connect(m_doc, &Document::projectReset, this, &MainWindow::updateReimportAction);
    // Another project replaces recovered work (offerRecovery sets these after its reset).
    connect(m_doc, &Document::projectReset, this, [this] { m_recoveredPath.clear(); });
    updateReimportAction();
    connect(QApplication::clipboard(), &QClipboard::dataChanged, this, &MainWindow::updateActions);

    readSettings();
    newDocument();
    updateTitle();
    updateSelectionStatus();
    updateActions();
    m_zoomLabel->setText(tr("Zoom %1%").arg(qRound(m_view->zoom() * 100)));
}

MainWindow::~MainWindow()
{
    disconnect(m_scene, nullptr, this, nullptr);
}

void MainWindow::createActions()
{
    auto make = [this](const QString &text, const char *iconName, QKeySequence shortcut,
                       void (MainWindow::*slot)()) {
        auto *a = new QAction(text, this);
        if (iconName)
            a->setIcon(icon(iconName));
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        if (slot)
            connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_act.newFile = make(tr("&New"), "new", QKeySequence::New, &MainWindow::newDocument);
    m_act.open = make(tr("&Open…"), "open", QKeySequence::Open, &MainWindow::open);
    m_act.save = make(tr("&Save"), "save", QKeySequence::Save, nullptr);
    connect(m_act.save, &QAction::triggered, this, [this] { save(); });
    m_act.saveAs = make(tr("Save &As…"), nullptr, {}, nullptr);
    // Not every platform theme maps QKeySequence::SaveAs (offscreen, Fusion on X11 without a desktop):
    // Ctrl+Shift+S, what users of other editors press, always works.
    m_act.saveAs->setShortcuts(withFallback(QKeySequence::SaveAs, QKeySequence(tr("Ctrl+Shift+S"))));
    connect(m_act.saveAs, &QAction::triggered, this, [this] { saveAs(); });
    m_act.import =
        make(tr("&Import ASL…"), "import", QKeySequence(tr("Ctrl+I")), &MainWindow::importDefinition);
    m_act.reimport = make(tr("&Re-import from Template"), nullptr, {}, nullptr);
    m_act.reimport->setObjectName(QStringLiteral("reimportAction"));
    connect(m_act.reimport, &QAction::triggered, this, [this] { reimportFromTemplate(); });
    m_act.exportJson = make(tr("ASL &JSON…"), nullptr, {}, nullptr);
    connect(m_act.exportJson, &QAction::triggered, this, [this] { exportAs(QStringLiteral("asl.json")); });
    m_act.exportYaml = make(tr("ASL &YAML…"), nullptr, {}, nullptr);
    connect(m_act.exportYaml, &QAction::triggered, this, [this] { exportAs(QStringLiteral("asl.yaml")); });
    m_act.quit = make(tr("&Quit"), nullptr, QKeySequence::Quit, nullptr);
    connect(m_act.quit, &QAction::triggered, this, &QWidget::close);

    m_act.undo = m_doc->undoStack()->createUndoAction(this, tr("&Undo"));
    m_act.undo->setShortcut(QKeySequence::Undo);
    m_act.undo->setIcon(icon("undo"));
    m_act.redo = m_doc->undoStack()->createRedoAction(this, tr("&Redo"));
    // Ctrl+Shift+Z on Linux; Ctrl+Y as well, which Windows users and most editors press for redo.
    m_act.redo->setShortcuts(withFallback(QKeySequence::Redo, QKeySequence(tr("Ctrl+Y"))));
    m_act.redo->setIcon(icon("redo"));
    m_act.cut = make(tr("Cu&t"), nullptr, QKeySequence::Cut, &MainWindow::cutSelection);
    m_act.copy = make(tr("&Copy"), nullptr, QKeySequence::Copy, &MainWindow::copySelection);
    m_act.paste = make(tr("&Paste"), nullptr, QKeySequence::Paste, &MainWindow::paste);
    m_act.duplicate =
        make(tr("D&uplicate"), nullptr, QKeySequence(tr("Ctrl+D")), &MainWindow::duplicateSelection);
    m_act.del = make(tr("&Delete"), "delete", QKeySequence::Delete, &MainWindow::deleteSelection);
    m_act.del->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    m_act.selectAll = make(tr("Select &All"), nullptr, QKeySequence::SelectAll, nullptr);
    connect(m_act.selectAll, &QAction::triggered, this, [this] {
        for (StepItem *item : m_scene->stepItems())
            item->setSelected(true);
    });
    m_act.find = make(tr("&Find Step…"), nullptr, QKeySequence::Find, nullptr);
    connect(m_act.find, &QAction::triggered, this, [this] {
        QStringList names;
        for (const auto &s : m_doc->index().states())
            names << QString::fromStdString(s.name);
        names.sort(Qt::CaseInsensitive);
        bool ok = false;
        const QString name = QInputDialog::getItem(this, tr("Find Step"), tr("Step:"), names, 0, true, &ok);
        if (ok && !findStep(name))
            showError(tr("Find Step"), tr("There is no step named \"%1\".").arg(name));
    });
    // Canvas-only shortcuts must not steal keys from inspector fields.
    for (QAction *a : {m_act.cut, m_act.copy, m_act.paste, m_act.del, m_act.selectAll, m_act.duplicate}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(a);
    }

    m_act.zoomIn = make(tr("Zoom &In"), "zoom-in", QKeySequence::ZoomIn, nullptr);
    connect(m_act.zoomIn, &QAction::triggered, m_view, &DiagramView::zoomIn);
    m_act.zoomOut = make(tr("Zoom &Out"), "zoom-out", QKeySequence::ZoomOut, nullptr);
    connect(m_act.zoomOut, &QAction::triggered, m_view, &DiagramView::zoomOut);
    m_act.zoomFit = make(tr("&Fit to Window"), "zoom-fit", QKeySequence(tr("Ctrl+0")), nullptr);
    connect(m_act.zoomFit, &QAction::triggered, m_view, &DiagramView::zoomToFit);
    m_act.zoomReset = make(tr("Actual &Size"), nullptr, QKeySequence(tr("Ctrl+1")), nullptr);
    connect(m_act.zoomReset, &QAction::triggered, m_view, &DiagramView::resetZoom);
    m_act.grid = make(tr("Show &Grid"), nullptr, QKeySequence(tr("Ctrl+'")), nullptr);
    m_act.grid->setCheckable(true);
    m_act.grid->setChecked(true);
    connect(m_act.grid, &QAction::toggled, m_scene, &DiagramScene::setGridVisible);
    m_act.snap = make(tr("S&nap to Grid"), nullptr, QKeySequence(tr("Ctrl+Shift+'")), nullptr);
    m_act.snap->setCheckable(true);
    connect(m_act.snap, &QAction::toggled, m_scene, &DiagramScene::setSnapToGrid);

    m_act.nextPanel = make(tr("Ne&xt Panel"), nullptr, QKeySequence(Qt::Key_F6), nullptr);
    connect(m_act.nextPanel, &QAction::triggered, this, [this] { m_focus->jumpRegion(true); });
    m_act.previousPanel = make(tr("Pre&vious Panel"), nullptr, QKeySequence(Qt::SHIFT | Qt::Key_F6), nullptr);
    connect(m_act.previousPanel, &QAction::triggered, this, [this] { m_focus->jumpRegion(false); });

    m_act.autoLayout = make(tr("&Auto-layout"), "layout", QKeySequence(tr("Ctrl+L")), nullptr);
    connect(m_act.autoLayout, &QAction::triggered, this, [this] {
        const QStringList moved = Edits::autoLayout(*m_doc);
        if (!moved.isEmpty())
            statusBar()->showMessage(
                tr("Auto-layout drew %1 on the other side of the VPC boundary, with its container; "
                   "placement follows the box (Undo restores it)")
                    .arg(moved.join(QStringLiteral(", "))),
                10000);
    });
    auto align = [this, &make](const QString &text, Edits::Alignment a) {
        QAction *action = make(text, nullptr, {}, nullptr);
        connect(action, &QAction::triggered, this,
                [this, a] { Edits::alignSteps(*m_doc, m_scene->selectedStepNames(), a); });
        return action;
    };
    m_act.alignLeft = align(tr("Align &Left"), Edits::Alignment::Left);
    m_act.alignCenter = align(tr("Align &Centres"), Edits::Alignment::HCenter);
    m_act.alignRight = align(tr("Align &Right"), Edits::Alignment::Right);
    m_act.alignTop = align(tr("Align &Top"), Edits::Alignment::Top);
    m_act.alignMiddle = align(tr("Align &Middles"), Edits::Alignment::VCenter);
    m_act.alignBottom = align(tr("Align &Bottom"), Edits::Alignment::Bottom);

    m_act.shortcuts = make(tr("&Keyboard Shortcuts"), nullptr, QKeySequence::HelpContents, nullptr);
    m_act.shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    connect(m_act.shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    m_act.about = make(tr("&About Egress Studio"), nullptr, {}, nullptr);
    connect(m_act.about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Egress Studio"),
                           tr("<h3>Egress Studio %1</h3><p>Design AWS Step Functions workflows across a VPC "
                              "boundary and see what each egress design costs.</p><p>Built with Qt %2.</p>")
                               .arg(QStringLiteral(EGRESS_VERSION), QString::fromLatin1(qVersion())));
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_act.newFile);
    file->addAction(m_act.open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(m_act.save);
    file->addAction(m_act.saveAs);
    file->addSeparator();
    file->addAction(m_act.import);
    file->addAction(m_act.reimport);
    addUsageAction(*this, file);
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    exportMenu->setObjectName(QStringLiteral("exportMenu")); // panels.cpp adds the cost exports
    exportMenu->addAction(m_act.exportJson);
    exportMenu->addAction(m_act.exportYaml);
    file->addSeparator();
    file->addAction(m_act.quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({m_act.undo, m_act.redo});
    edit->addSeparator();
    edit->addActions({m_act.cut, m_act.copy, m_act.paste, m_act.duplicate, m_act.del});
    edit->addSeparator();
    edit->addActions({m_act.selectAll, m_act.find});

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_act.zoomIn, m_act.zoomOut, m_act.zoomFit, m_act.zoomReset});
    view->addSeparator();
    view->addActions({m_act.grid, m_act.snap});
    view->addSeparator();
    m_panelsMenu = view->addMenu(tr("&Panels"));
    view->addActions({m_act.nextPanel, m_act.previousPanel});
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(this);
    for (auto [choice, label] :
         {std::pair{ThemeChoice::System, tr("Follow &System")}, std::pair{ThemeChoice::Light, tr("&Light")},
          std::pair{ThemeChoice::Dark, tr("&Dark")}}) {
        QAction *a = theme->addAction(label);
        a->setCheckable(true);
        a->setChecked(currentThemeChoice() == choice);
        a->setData(static_cast<int>(choice));
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [this, choice = choice] { setTheme(choice); });
    }

    QMenu *arrange = menuBar()->addMenu(tr("&Arrange"));
    arrange->addAction(m_act.autoLayout);
    arrange->addSeparator();
    arrange->addActions({m_act.alignLeft, m_act.alignCenter, m_act.alignRight});
    arrange->addSeparator();
    arrange->addActions({m_act.alignTop, m_act.alignMiddle, m_act.alignBottom});

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_act.shortcuts);
    help->addSeparator();
    help->addAction(m_act.about);

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setIconSize(QSize(20, 20));
    tools->setMovable(false);
    tools->addActions({m_act.newFile, m_act.open, m_act.save});
    tools->addSeparator();
    tools->addActions({m_act.undo, m_act.redo, m_act.del});
    tools->addSeparator();
    tools->addActions({m_act.zoomOut, m_act.zoomIn, m_act.zoomFit});
    tools->addSeparator();
    tools->addActions({m_act.autoLayout, m_act.import});
}

void MainWindow::createDocks()
{
    m_paletteDock = new QDockWidget(tr("Palette"), this);
    m_paletteDock->setObjectName(QStringLiteral("paletteDock"));
    m_paletteDock->setWidget(m_palette);
    addPanel(m_paletteDock, Qt::LeftDockWidgetArea);
    m_inspectorDock = new QDockWidget(tr("Inspector"), this);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    addPanel(m_inspectorDock, Qt::RightDockWidgetArea);
    resizeDocks({m_paletteDock, m_inspectorDock}, {220, 330}, Qt::Horizontal);
}

void MainWindow::addPanel(QDockWidget *dock, Qt::DockWidgetArea area)
{
    if (dock->objectName().isEmpty())
        dock->setObjectName(dock->windowTitle() + QStringLiteral("Dock")); // needed by saveState()
    addDockWidget(area, dock);
    m_panelsMenu->addAction(dock->toggleViewAction());
}

void MainWindow::readSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        const QRect screen = QGuiApplication::primaryScreen()
                                 ? QGuiApplication::primaryScreen()->availableGeometry()
                                 : QRect(0, 0, 1400, 900);
        resize(std::min(1400, screen.width() - 80), std::min(900, screen.height() - 80));
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_act.grid->setChecked(settings.value(QStringLiteral("view/grid"), true).toBool());
    m_act.snap->setChecked(settings.value(QStringLiteral("view/snap"), false).toBool());
    updateRecentMenu();
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("view/grid"), m_act.grid->isChecked());
    settings.setValue(QStringLiteral("view/snap"), m_act.snap->isChecked());
}

void MainWindow::setTheme(ThemeChoice choice)
{
    applyTheme(choice);
    QSettings().setValue(QStringLiteral("view/theme"), themeChoiceName(choice));
    m_scene->update();
    m_view->viewport()->update();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(menuBar(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::editInInspector(const QString &step)
{
    // Enter on the canvas: the Inspector shows the step (or the project) with its first field focused.
    if (!step.isEmpty() && m_scene->selectedStepNames() != QStringList{step})
        m_scene->selectSteps({step});
    m_inspectorDock->show();
    m_inspectorDock->raise();
    m_inspector->focusFirstField();
}

void MainWindow::updateTitle()
{
    setWindowTitle(QStringLiteral("%1[*] — Egress Studio").arg(m_doc->displayName()));
    setWindowModified(m_doc->isModified());
    setWindowFilePath(m_doc->filePath());
}

void MainWindow::updateSelectionStatus()
{
    const int n = static_cast<int>(m_scene->selectedStepNames().size());
    const int total = static_cast<int>(m_doc->index().states().size());
    m_selectionLabel->setText(n == 0 ? tr("%1 steps").arg(total)
                                     : (n == 1 ? m_scene->selectedStepNames().front()
                                               : tr("%1 of %2 steps selected").arg(n).arg(total)));
}

void MainWindow::updateActions()
{
    const bool any = !m_scene->selectedStepNames().isEmpty();
    m_act.cut->setEnabled(any);
    m_act.copy->setEnabled(any);
    m_act.duplicate->setEnabled(any);
    m_act.del->setEnabled(any || m_scene->selectedEdge());
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    m_act.paste->setEnabled(mime && mime->hasFormat(kStepsMimeType));
    const bool several = m_scene->selectedStepNames().size() > 1;
    for (QAction *a : {m_act.alignLeft, m_act.alignCenter, m_act.alignRight, m_act.alignTop,
                       m_act.alignMiddle, m_act.alignBottom})
        a->setEnabled(several);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    m_lastError = message;
    statusBar()->showMessage(message, 8000);
    if (m_interactive)
        QMessageBox::warning(this, title, message);
}

bool MainWindow::maybeSave()
{
    if (!m_doc->isModified() || !m_interactive)
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("\"%1\" has unsaved changes. Save them?").arg(m_doc->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newDocument()
{
    if (!maybeSave())
        return;
    design::Project project;
    project.vpc.rect = {0, 0, 420, 320};
    m_doc->resetProject(project, QString());
}

void MainWindow::open()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open"), QString(),
                                     tr("Egress projects, ASL and SAM / CloudFormation templates "
                                        "(*.egress.json *.json *.yaml *.yml *.template);;"
                                        "All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString &path)
{
    if (!maybeSave())
        return false;
    Document::Loaded loaded = Document::load(path);
    if (!loaded.project && !loaded.stateMachines.isEmpty()) {
        // A template with several state machines: the user picks one.
        bool ok = false;
        const QString chosen = QInputDialog::getItem(this, tr("Open Template"),
                                                     tr("The template has several state machines. Open:"),
                                                     loaded.stateMachines, 0, false, &ok);
        if (!ok)
            return false;
        loaded = Document::load(path, chosen);
    }
    if (!loaded.project) {
        showError(tr("Cannot open"), loaded.error);
        return false;
    }
    // A bare definition becomes a new, unsaved project (saving it asks for a project file name).
    m_doc->resetProject(*loaded.project, loaded.wasProject ? QFileInfo(path).absoluteFilePath() : QString(),
                        !loaded.wasProject);
    addRecentFile(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(loaded.wasProject ? tr("Opened %1").arg(path)
                             : loaded.wasTemplate
                                 ? tr("Imported %1 from the template (%2 import notes kept in the project)")
                                       .arg(QString::fromStdString(loaded.project->source->stateMachine))
                                       .arg(loaded.notes.size())
                                 : tr("Imported %1 (laid out automatically)").arg(path),
                             5000);
    updateReimportAction();
    return true;
}

void MainWindow::updateReimportAction()
{
    m_act.reimport->setEnabled(m_doc->project().source.has_value());
}

bool MainWindow::reimportFromTemplate()
{
    const design::Project &current = m_doc->project();
    if (!current.source)
        return false;
    QString templatePath = QString::fromStdString(current.source->templatePath);
    if (QFileInfo(templatePath).isRelative() && !m_doc->filePath().isEmpty())
        templatePath = QFileInfo(m_doc->filePath()).dir().filePath(templatePath);
    Document::Loaded loaded =
        Document::load(templatePath, QString::fromStdString(current.source->stateMachine), m_doc->filePath());
    if (!loaded.project) {
        showError(tr("Cannot re-import"), loaded.error);
        return false;
    }
    // One undoable command; the canvas keeps the positions of the steps that still exist.
    Edits::setProject(*m_doc, tr("Re-import from Template"), tmpl::mergeReimport(current, *loaded.project));
    statusBar()->showMessage(
        tr("Re-imported %1 (%2 import notes)").arg(templatePath).arg(loaded.notes.size()), 5000);
    return true;
}

void MainWindow::importDefinition()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import ASL"), QString(),
                                                      tr("ASL definitions (*.json *.asl.json *.yaml *.yml)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::save()
{
    return m_doc->filePath().isEmpty() ? saveAs() : saveTo(m_doc->filePath());
}

bool MainWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save As"), m_doc->filePath(),
                                                tr("Egress projects (*.egress.json)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".json")))
        path += QStringLiteral(".egress.json");
    return saveTo(path);
}

bool MainWindow::saveTo(const QString &path)
{
    // Recovered work over a file that changed on disk since the crash: ask, as editors do (never silently).
    if (!m_recoveredPath.isEmpty() && QFileInfo(path) == QFileInfo(m_recoveredPath) &&
        Autosave::fileFingerprint(path) != m_recoveredFingerprint) {
        const QString question =
            tr("%1 changed on disk after Egress Studio stopped. Replace it with the recovered work?")
                .arg(path);
        if (!m_interactive) {
            showError(tr("Cannot save"), question + tr(" (not replaced: nobody to ask)"));
            return false;
        }
        if (QMessageBox::warning(this, tr("File changed on disk"), question,
                                 QMessageBox::Save | QMessageBox::Cancel,
                                 QMessageBox::Cancel) != QMessageBox::Save)
            return false;
    }
    if (auto error = m_doc->save(path)) {
        showError(tr("Cannot save"), *error);
        return false;
    }
    addRecentFile(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    m_recoveredPath.clear(); // saved: the file is now what the user chose
    return true;
}

void MainWindow::exportAs(const QString &suffix)
{
    QString base = QFileInfo(m_doc->filePath()).completeBaseName();
    base.remove(QStringLiteral(".egress"));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export ASL"), base + '.' + suffix,
        suffix.endsWith(QLatin1String("yaml")) ? tr("YAML (*.yaml *.yml)") : tr("JSON (*.json)"));
    if (!path.isEmpty())
        exportDefinition(path);
}

bool MainWindow::exportDefinition(const QString &path)
{
    const auto format = asl::formatForPath(path.toStdString());
    const std::string text = design::writeDefinition(m_doc->project(), format); // numbers as written
    if (auto error = design::writeFileAtomically(path.toStdString(), text)) {
        showError(tr("Cannot export"), QString::fromStdString(*error));
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(path), 4000);
    return true;
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (int i = 0; i < recent.size(); ++i) {
        QAction *a =
            m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(recent[i]).fileName()));
        a->setToolTip(recent[i]);
        connect(a, &QAction::triggered, this, [this, path = recent[i]] { openFile(path); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        connect(m_recentMenu->addAction(tr("Clear Menu")), &QAction::triggered, this, [this] {
            QSettings().remove(QStringLiteral("recentFiles"));
            updateRecentMenu();
        });
    }
}

void MainWindow::copySelection()
{
    const QStringList names = m_scene->selectedStepNames();
    if (names.isEmpty())
        return;
    std::set<std::string> set;
    for (const QString &n : names)
        set.insert(n.toStdString());
    const design::Project clip = design::extractSteps(m_doc->project(), set);
    auto *mime = new QMimeData;
    mime->setData(kStepsMimeType, QByteArray::fromStdString(design::serializeProject(clip)));
    // Plain text: the states as ASL, for pasting into an editor.
    mime->setText(QString::fromStdString(asl::writeJson(clip.definition["States"])));
    QApplication::clipboard()->setMimeData(mime);
    m_pasteCount = 0;
    statusBar()->showMessage(tr("Copied %n step(s)", nullptr, static_cast<int>(names.size())), 3000);
}

void MainWindow::cutSelection()
{
    copySelection();
    deleteSelection();
}

void MainWindow::paste()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime || !mime->hasFormat(kStepsMimeType))
        return;
    const auto parsed = design::parseProject(mime->data(kStepsMimeType).toStdString(), "clipboard");
    if (!parsed) {
        showError(tr("Cannot paste"), tr("The clipboard does not hold steps this version understands."));
        return;
    }
    ++m_pasteCount;
    QString error;
    // Paste into the branch under a single selected container's frame? Keep it simple and predictable:
    // into the scope of the first selected step, else the top level.
    QString scope;
    const QStringList selected = m_scene->selectedStepNames();
    if (!selected.isEmpty())
        if (auto s = asl::scopeOf(m_doc->project().definition, selected.front().toStdString()))
            scope = QString::fromStdString(*s);
    const QStringList added =
        Edits::pasteSteps(*m_doc, *parsed.project, scope, QPointF(30, 30) * m_pasteCount, &error);
    if (added.isEmpty() && !error.isEmpty()) {
        showError(tr("Cannot paste"), error);
        return;
    }
    m_scene->selectSteps(added);
}

void MainWindow::duplicateSelection()
{
    copySelection();
    paste();
}

void MainWindow::deleteSelection()
{
    const QStringList names = m_scene->selectedStepNames();
    if (!names.isEmpty()) {
        const QStringList messages = Edits::removeSteps(*m_doc, names);
        if (!messages.isEmpty())
            statusBar()->showMessage(messages.join(QStringLiteral("; ")), 8000);
        return;
    }
    if (EdgeItem *edge = m_scene->selectedEdge())
        if (auto error = Edits::removeEdge(*m_doc, edge->edge()))
            showError(tr("Cannot delete"), *error);
}

bool MainWindow::findStep(const QString &name)
{
    if (!m_scene->stepItem(name))
        return false;
    m_scene->selectSteps({name});
    m_view->centerOnStep(name);
    return true;
}

void MainWindow::addPreset(const QString &presetId)
{
    const Preset *preset = presetById(presetId);
    if (!preset)
        return;
    const QPointF center = m_view->mapToScene(m_view->viewport()->rect().center());
    const QSizeF size = stepBoxSize(preset->kind());
    // Near the centre of the view, where it covers no other step (Enter in the palette, a double-click).
    const QPointF topLeft = freeSpotNear(*m_scene, center, size);
    QString error;
    const auto name =
        Edits::addStep(*m_doc, m_scene->scopeAt(QRectF(topLeft, size).center()), preset->baseName,
                       presetStateFor(*preset, m_doc->project().definition), topLeft, preset->egress, &error);
    if (name) {
        m_scene->selectSteps({*name});
        if (StepItem *item = m_scene->stepItem(*name))
            m_view->ensureVisible(item->sceneBoxRect(), 40, 40);
    } else
        showError(tr("Cannot add"), error);
}

bool MainWindow::offerRecovery(Recovery choice)
{
    const auto orphans = Autosave::orphans();
    if (orphans.isEmpty())
        return false;
    const Autosave::Orphan &newest = orphans.front();
    if (choice == Recovery::Ask && m_interactive) {
        const auto answer = QMessageBox::question(
            this, tr("Recover unsaved work"),
            tr("Egress Studio did not close properly. Recover the unsaved changes of \"%1\"?")
                .arg(newest.originalPath.isEmpty() ? tr("Untitled") : newest.originalPath),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        choice = answer == QMessageBox::Yes ? Recovery::Restore : Recovery::Discard;
    }
    if (choice == Recovery::Discard) {
        for (const auto &o : orphans)
            Autosave::removeOrphan(o);
        return false;
    }
    const auto loaded = design::loadProject(newest.recoveryFile.toStdString());
    if (!loaded) {
        showError(tr("Cannot recover"), tr("The recovery file %1 cannot be read.").arg(newest.recoveryFile));
        return false;
    }
    m_doc->resetProject(*loaded.project, newest.originalPath, true);
    m_recoveredPath = newest.originalPath;
    // A copy without a fingerprint (an older version's) is compared with nothing it could match: ask.
    m_recoveredFingerprint = newest.originalFingerprint;
    Autosave::removeOrphan(newest);
    m_autosave->writeNow();
    return true;
}

bool MainWindow::saveScreenshot(const QString &path)
{
    QApplication::processEvents();
    return grab().save(path);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    writeSettings();
    m_autosave->discard();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) {
        openFile(urls.front().toLocalFile());
        event->acceptProposedAction();
    }
}

} // namespace egress::studio
