#pragma once
// Running the built egress-cli from a suite: its exit code and both output streams, and a readable account of
// a run for failure messages. Header-only: each suite is its own executable (tests/CMakeLists.txt puts this
// folder on the include path).

#include <QProcess>
#include <QString>
#include <QStringList>

namespace egress::test {

struct CliRun
{
    int exitCode = -1; ///< -1 when the process did not finish normally within the time allowed
    QString out;
    QString err;
};

inline CliRun runCli(const QStringList &arguments, int timeoutMs = 120000)
{
    QProcess process;
    process.start(QStringLiteral(EGRESS_BINARY_DIR "/app/cli/egress-cli"), arguments);
    CliRun run;
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

inline QString describe(const CliRun &run)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(run.exitCode).arg(run.out, run.err);
}

} // namespace egress::test
