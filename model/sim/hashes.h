#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace egress::sim {

/** Lower-case hex digest of `data` for States.Hash's algorithms (MD5, SHA-1, SHA-256, SHA-384, SHA-512);
 * nothing for another name. Hand-written so model/ needs no crypto library; checked against RFC vectors. */
std::optional<std::string> hexDigest(std::string_view algorithm, std::string_view data);

std::string base64Encode(std::string_view data);
/** Nothing when `text` is not valid base64. */
std::optional<std::string> base64Decode(std::string_view text);

} // namespace egress::sim
