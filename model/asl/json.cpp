#include "asl/json.h"

namespace egress::asl {

std::string escapePointerToken(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

namespace {

template <typename J> J *resolve(J &root, std::string_view pointer)
{
    J *node = &root;
    std::size_t pos = 0;
    while (pos < pointer.size()) {
        if (pointer[pos] != '/')
            return nullptr;
        const std::size_t end = pointer.find('/', pos + 1);
        std::string_view raw =
            pointer.substr(pos + 1, end == std::string_view::npos ? std::string_view::npos : end - pos - 1);
        std::string token;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '~' && i + 1 < raw.size()) {
                token += raw[i + 1] == '1' ? '/' : '~';
                ++i;
            } else {
                token += raw[i];
            }
        }
        if (node->is_object()) {
            auto it = node->find(token);
            if (it == node->end())
                return nullptr;
            node = &*it;
        } else if (node->is_array()) {
            if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos)
                return nullptr;
            const std::size_t index = std::stoul(token);
            if (index >= node->size())
                return nullptr;
            node = &(*node)[index];
        } else {
            return nullptr;
        }
        if (end == std::string_view::npos)
            break;
        pos = end;
    }
    return node;
}

} // namespace

const Json *resolvePointer(const Json &root, std::string_view pointer)
{
    return resolve(root, pointer);
}

Json *resolvePointer(Json &root, std::string_view pointer)
{
    return resolve(root, pointer);
}

} // namespace egress::asl
