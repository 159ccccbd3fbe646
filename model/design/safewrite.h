#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace egress::design {

/**
 * How every output file is written (projects, exports, reports, the designer's saves and recovery copies):
 *  - "-" is standard output, written through.
 *  - A symlink is followed (up to 40 links, dangling ones too): its target is what gets replaced, so the link
 *    stays a link and the file it points to gets the new content.
 *  - A device, FIFO or socket (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written through: opened
 *    and written like a shell redirection does, never renamed over (which would replace /dev/null itself).
 *  - A directory is refused.
 *  - A regular file (or a new one) is replaced atomically: the text goes to a short-named temporary file
 *    (`.egress-XXXXXX`, so names of up to 255 bytes work) in the same directory, is flushed, then renamed
 *    over the target; on any failure the previous file is untouched and the temporary file removed, also
 *    when SIGINT or SIGTERM arrives meanwhile (the handler is installed only where none was).
 * Returns an error message naming the file, or nothing on success.
 */
std::optional<std::string> writeFileAtomically(const std::string &path, const std::string &contents);

/**
 * Several files, all or nothing as far as the file system allows: every one is written to its temporary file
 * first; only when all of them are written and flushed are they renamed into place. A failure before then
 * (a full disk at the third of four files) leaves none of them changed and no temporary file behind.
 */
std::optional<std::string>
writeFilesAtomically(const std::vector<std::pair<std::string, std::string>> &files);

/** The file a path names once its symlinks are followed (the path itself when it is none). */
std::string resolveOutputPath(const std::string &path);

} // namespace egress::design
