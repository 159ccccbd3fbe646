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
        /** fileFingerprint(originalPath) when the copy was written: what the file held at the crash. */
        QString originalFingerprint;
    };
    /**
     * The file's content as a SHA-256 in hex, "missing" when it does not exist: saving recovered work
     * compares it with Orphan::originalFingerprint and asks before replacing a file changed since.
     */
    static QString fileFingerprint(const QString &path);
    static QList<Orphan> orphans();
    /** Deletes an orphan once it was restored or declined. */
    static void removeOrphan(const Orphan &orphan);

private:
    Document *m_doc;
    QTimer m_timer;
    QString m_file;
    /**
     * An flock()ed lock file held for the session's life: the kernel drops the lock when the process dies,
     * so a copy whose lock can be taken is an orphan — never confused with a live window by a reused PID
     * or a zombie, as a PID check is.
     */
    int m_lockFd = -1;
};

} // namespace egress::studio
