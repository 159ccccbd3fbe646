#include "design/safewrite.h"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace egress::design {

namespace fs = std::filesystem;

namespace {

// ---- temporary files removed on SIGINT / SIGTERM ----------------------------------------------------------
// A signal handler may only call async-signal-safe functions: the paths live in fixed buffers, claimed and
// released with atomics; the handler unlinks what is claimed, restores the default action and re-raises.

constexpr std::size_t kSlots = 16;
constexpr std::size_t kPathMax = 4096;
struct TempSlot
{
    std::atomic<bool> used{false};
    std::atomic<bool> ready{false};
    char path[kPathMax];
};
std::array<TempSlot, kSlots> g_slots;

void removeTempFilesAndReraise(int sig)
{
    for (TempSlot &slot : g_slots)
        if (slot.ready.load())
            ::unlink(slot.path);
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

void installSignalCleanup()
{
    // Looked at on every write (one sigaction call a signal): a handler the program sets later stays its own.
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction current
        {
        };
        // Only where nobody handles the signal yet: the designer's own handlers stay in charge there.
        if (::sigaction(sig, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
            struct sigaction action
            {
            };
            action.sa_handler = removeTempFilesAndReraise;
            sigemptyset(&action.sa_mask);
            ::sigaction(sig, &action, nullptr);
        }
    }
}

/** A temporary file of this process, removed by its destructor unless committed (renamed into place). */
class TempFile
{
public:
    explicit TempFile(const fs::path &dir)
    {
        installSignalCleanup();
        std::string name = (dir / ".egress-XXXXXX").string();
        if (name.size() >= kPathMax) {
            errno = ENAMETOOLONG;
            return;
        }
        for (std::size_t i = 0; i < kSlots && m_slot < 0; ++i)
            if (!g_slots[i].used.exchange(true))
                m_slot = static_cast<int>(i);
        m_fd = ::mkstemp(name.data());
        if (m_fd < 0)
            return;
        m_path = name;
        if (m_slot >= 0) {
            std::memcpy(g_slots[static_cast<std::size_t>(m_slot)].path, name.c_str(), name.size() + 1);
            g_slots[static_cast<std::size_t>(m_slot)].ready = true;
        }
    }
    ~TempFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_path.empty())
            ::unlink(m_path.c_str());
        release();
    }
    TempFile(const TempFile &) = delete;
    TempFile &operator=(const TempFile &) = delete;

    int fd() const { return m_fd; }
    const std::string &path() const { return m_path; }
    bool closeFile()
    {
        const int fd = m_fd;
        m_fd = -1;
        return ::close(fd) == 0;
    }
    /** Renamed into place: nothing left to remove. */
    void committed()
    {
        release();
        m_path.clear();
    }

private:
    void release()
    {
        if (m_slot >= 0) {
            g_slots[static_cast<std::size_t>(m_slot)].ready = false;
            g_slots[static_cast<std::size_t>(m_slot)].used = false;
            m_slot = -1;
        }
    }
    int m_fd = -1;
    int m_slot = -1;
    std::string m_path;
};

bool writeAll(int fd, const std::string &contents)
{
    std::size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

std::string failure(const std::string &path, const char *what)
{
    return path + ": " + what + ": " + std::strerror(errno);
}

/** Writes through to a device, FIFO or socket path, or to standard output for "-". */
std::optional<std::string> writeThrough(const std::string &shown, const std::string &target,
                                        const std::string &contents)
{
    const bool stdoutput = target == "-";
    const int fd = stdoutput ? STDOUT_FILENO : ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return failure(shown, "cannot write");
    const bool ok = writeAll(fd, contents);
    const int savedErrno = errno;
    if (!stdoutput)
        ::close(fd);
    errno = savedErrno;
    return ok ? std::nullopt : std::optional<std::string>(failure(shown, "cannot write"));
}

/** One file prepared in its temporary file, waiting to be renamed over its target. */
struct Prepared
{
    std::string shown;  ///< the path as the user gave it
    std::string target; ///< symlinks followed
    std::unique_ptr<TempFile> temp;
};

std::optional<std::string> prepare(const std::string &shown, const std::string &contents, Prepared &out)
{
    out.shown = shown;
    out.target = resolveOutputPath(shown);
    const fs::path target(out.target);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    out.temp = std::make_unique<TempFile>(dir);
    if (out.temp->fd() < 0)
        return failure(shown, "cannot write");
    if (!writeAll(out.temp->fd(), contents))
        return failure(shown, "cannot write");
    if (::fsync(out.temp->fd()) != 0)
        return failure(shown, "cannot flush to disk");
    // Keep the permissions of the file we replace; a new file gets the usual 0644.
    struct stat st
    {
    };
    ::fchmod(out.temp->fd(), ::stat(out.target.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644);
    if (!out.temp->closeFile())
        return failure(shown, "cannot write");
    return std::nullopt;
}

enum class Kind { Missing, Regular, Directory, Special };

Kind kindOf(const std::string &path)
{
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0)
        return Kind::Missing;
    if (S_ISREG(st.st_mode))
        return Kind::Regular;
    if (S_ISDIR(st.st_mode))
        return Kind::Directory;
    return Kind::Special;
}

/** A path into /dev or /proc (directly or by a symlink): the kernel's files, written through. */
bool throughTheKernel(const std::string &path, const std::string &target)
{
    for (const std::string *p : {&path, &target})
        if (p->rfind("/dev/", 0) == 0 || p->rfind("/proc/", 0) == 0)
            return true;
    return false;
}

} // namespace

std::string resolveOutputPath(const std::string &path)
{
    fs::path current(path);
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(current, ec)))
            return current.string();
        if (current.string().rfind("/proc/", 0) == 0)
            return current.string(); // magic links ("pipe:[123]") are not paths
        const fs::path link = fs::read_symlink(current, ec);
        if (ec)
            return current.string();
        current = link.is_absolute() ? link : current.parent_path() / link;
    }
    return current.string(); // a loop: the rename will fail with ELOOP-like messages
}

std::optional<std::string> writeFilesAtomically(const std::vector<std::pair<std::string, std::string>> &files)
{
    std::vector<Prepared> prepared;
    prepared.reserve(files.size());
    for (const auto &[path, contents] : files) {
        if (path == "-") {
            if (auto problem = writeThrough(path, path, contents))
                return problem;
            continue;
        }
        const std::string target = resolveOutputPath(path);
        if (throughTheKernel(path, target)) {
            // /dev/stdout, /dev/fd/1, /proc/self/fd/1: whatever they stand for (a pipe, a terminal, a file
            // the shell opened), it is written where the kernel's link leads, never renamed over.
            if (kindOf(path) == Kind::Directory)
                return path + ": cannot replace the file: it is a directory";
            if (auto problem = writeThrough(path, path, contents))
                return problem;
            continue;
        }
        switch (kindOf(target)) {
        case Kind::Directory:
            return path + ": cannot replace the file: it is a directory";
        case Kind::Special:
            if (auto problem = writeThrough(path, target, contents))
                return problem;
            continue;
        case Kind::Missing:
        case Kind::Regular:
            break;
        }
        prepared.emplace_back();
        if (auto problem = prepare(path, contents, prepared.back()))
            return problem; // every TempFile so far is removed as `prepared` goes
    }
    for (Prepared &p : prepared) {
        if (::rename(p.temp->path().c_str(), p.target.c_str()) != 0)
            return failure(p.shown, "cannot replace the file");
        p.temp->committed();
    }
    return std::nullopt;
}

std::optional<std::string> writeFileAtomically(const std::string &path, const std::string &contents)
{
    return writeFilesAtomically({{path, contents}});
}

} // namespace egress::design
