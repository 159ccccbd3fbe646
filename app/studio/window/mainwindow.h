#pragma once

#include "theme.h"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;

namespace egress::studio {

class Autosave;
class DiagramScene;
class DiagramView;
class Document;
class FocusNavigator;
class Inspector;
class Palette;

/** The clipboard mime type of copied steps: a project file holding just those steps. */
inline constexpr const char *kStepsMimeType = "application/x-egress-steps+json";

/**
 * The designer window: one document, its canvas, the Palette and Inspector docks, menus, toolbar and
 * status bar. Other panels (cost, problems, code) dock in through addPanel().
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_doc; }
    DiagramScene *scene() const { return m_scene; }
    DiagramView *view() const { return m_view; }
    Inspector *inspector() const { return m_inspector; }
    Palette *palette() const { return m_palette; }
    Autosave *autosave() const { return m_autosave; }
    FocusNavigator *focusNavigator() const { return m_focus; }

    /** Adds a dock panel (with a toggle in View ▸ Panels); its state is remembered with the others. */
    void addPanel(QDockWidget *dock, Qt::DockWidgetArea area = Qt::RightDockWidgetArea);

    /**
     * When false, no dialog is shown: questions take their default ("discard" on close), errors go to
     * lastError() and the status bar. For tests and --screenshot.
     */
    void setInteractive(bool interactive) { m_interactive = interactive; }
    QString lastError() const { return m_lastError; }

    /** Opens a project or an ASL definition. On failure the current document stays as it was. */
    bool openFile(const QString &path);
    /** File ▸ Re-import from Template: the project's source template read again, positions kept (undoable).
     */
    bool reimportFromTemplate();
    bool saveTo(const QString &path);
    bool exportDefinition(const QString &path);
    void newDocument();

    // Edit operations (also the menu actions).
    void copySelection();
    void cutSelection();
    void paste();
    void duplicateSelection();
    void deleteSelection();
    bool findStep(const QString &name);
    /** Adds a palette preset at the centre of the view. */
    void addPreset(const QString &presetId);

    /** What to do with recovery copies left by a crashed session. */
    enum class Recovery {
        Ask,     ///< ask when interactive, else restore the newest
        Restore, ///< restore the newest without asking (egress-studio --recover yes)
        Discard, ///< delete them without asking (egress-studio --recover no)
    };
    /** Offers recovery copies left by a crashed session; returns whether one was restored. */
    bool offerRecovery(Recovery choice = Recovery::Ask);
    /** Renders the window to an image file (for the docs' screenshots). */
    bool saveScreenshot(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void readSettings();
    void writeSettings();
    void updateTitle();
    void updateRecentMenu();
    void addRecentFile(const QString &path);
    void updateSelectionStatus();
    void updateActions();
    bool maybeSave();
    bool save();
    bool saveAs();
    void open();
    void importDefinition();
    void updateReimportAction();
    void exportAs(const QString &suffix);
    void showError(const QString &title, const QString &message);
    void setTheme(ThemeChoice choice);
    void showShortcuts();
    void editInInspector(const QString &step);

    Document *m_doc;
    DiagramScene *m_scene;
    DiagramView *m_view;
    Palette *m_palette;
    Inspector *m_inspector;
    Autosave *m_autosave;
    FocusNavigator *m_focus = nullptr;
    QDockWidget *m_paletteDock = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_panelsMenu = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLabel *m_selectionLabel = nullptr;
    bool m_interactive = true;
    /** After a recovery: the file the recovered work belongs to and what it held at the crash. */
    QString m_recoveredPath;
    QString m_recoveredFingerprint;
    QString m_lastError;
    int m_pasteCount = 0;

    struct Actions
    {
        QAction *newFile, *open, *save, *saveAs, *import, *reimport, *exportJson, *exportYaml, *quit;
        QAction *undo, *redo, *cut, *copy, *paste, *duplicate, *del, *selectAll, *find;
        QAction *zoomIn, *zoomOut, *zoomFit, *zoomReset, *grid, *snap, *nextPanel, *previousPanel;
        QAction *autoLayout, *alignLeft, *alignCenter, *alignRight, *alignTop, *alignMiddle, *alignBottom;
        QAction *shortcuts, *about;
    } m_act{};
};

} // namespace egress::studio
