#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace egress::studio {

class Document;

/**
 * Writes a recovery copy of a modified document every 30 s (atomically) and removes it when the
 * document is saved or closed cleanly. A copy left behind by a crashed session is offered back on the
 * next start. Directory: $EGRESS_RECOVERY_DIR, else <AppDataLocation>/recovery; interval:
 * $EGRESS_AUTOSAVE_INTERVAL_MS, else 30 s.
 */
class Autosave : public QObject
{
    Q_OBJECT

public:
    explicit Autosave(Document *doc, QObject *parent = nullptr);
    ~Autosave() override;

    static QString recoveryDirectory();
    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    /** Writes the recovery copy now when the document is modified; returns its path or an empty string. */
    QString writeNow();
    /** Removes this session's recovery copy (after a save or a clean close). */
    void discard();
    QString recoveryFile() const { return m_file; }

    /** A recovery copy left by a session that is no longer running. */
    struct Orphan
    {
        QString recoveryFile; ///< the project copy
        QString originalPath; ///< the file it belonged to, empty for an unsaved document
    };
    static QList<Orphan> orphans();
    /** Deletes an orphan once it was restored or declined. */
    static void removeOrphan(const Orphan &orphan);

private:
    Document *m_doc;
    QTimer m_timer;
    QString m_file;
};

} // namespace egress::studio
