#include "cfn/names.h"

#include <cctype>

namespace egress::cfn {

namespace {
bool isAsciiAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// CloudFormation accepts logical ids of up to 255 characters; we leave room for suffixes.
constexpr std::size_t kMaxBaseLength = 200;
} // namespace

std::string logicalIdFrom(std::string_view text, std::string_view fallback)
{
    std::string id;
    bool upperNext = true;
    for (char c : text) {
        if (!isAsciiAlnum(c)) {
            upperNext = true;
            continue;
        }
        id += upperNext ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upperNext = false;
        if (id.size() >= kMaxBaseLength)
            break;
    }
    if (id.empty())
        id = std::string(fallback);
    if (std::isdigit(static_cast<unsigned char>(id.front())))
        id = std::string(fallback) + id;
    return id;
}

std::string NameRegistry::claim(std::string_view base)
{
    const std::string id = logicalIdFrom(base);
    if (m_names.insert(id).second)
        return id;
    for (int n = 2;; ++n) {
        std::string candidate = id + std::to_string(n);
        if (m_names.insert(candidate).second)
            return candidate;
    }
}

} // namespace egress::cfn
