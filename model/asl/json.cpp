#include "asl/json.h"

#include <optional>
#include <type_traits>

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

template <typename J>
J *resolve(J &root, std::string_view pointer, const std::vector<std::uint32_t> *hints = nullptr)
{
    J *node = &root;
    std::size_t objectLevel = 0;
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
            const std::size_t level = objectLevel++;
            if (hints && level < hints->size()) {
                auto &members = node->template get_ref<
                    std::conditional_t<std::is_const_v<J>, const Json::object_t &, Json::object_t &>>();
                const std::size_t at = (*hints)[level];
                if (at < members.size() && (members.begin() + std::ptrdiff_t(at))->first == token) {
                    node = &(members.begin() + std::ptrdiff_t(at))->second;
                    if (end == std::string_view::npos)
                        break;
                    pos = end;
                    continue;
                }
            }
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

const Json *resolvePointer(const Json &root, std::string_view pointer,
                           const std::vector<std::uint32_t> &hints)
{
    return resolve(root, pointer, &hints);
}

Json *resolvePointer(Json &root, std::string_view pointer, const std::vector<std::uint32_t> &hints)
{
    return resolve(root, pointer, &hints);
}

std::uint32_t memberPosition(const Json &object, std::string_view key)
{
    if (!object.is_object())
        return UINT32_MAX;
    std::uint32_t i = 0;
    for (const auto &member : object.get_ref<const Json::object_t &>()) {
        if (member.first == key)
            return i;
        ++i;
    }
    return UINT32_MAX;
}

bool numberFormDiffers(const std::string &text, const Json &value)
{
    return value.dump() != text;
}

namespace {

/** The value a kept number text denotes (a double for integers beyond 64 bits, as the parser reads them). */
std::optional<Json> numberValueOf(const std::string &text)
{
    try {
        Json value = Json::parse(text);
        if (value.is_number())
            return value;
    } catch (const Json::exception &) {
    }
    return std::nullopt;
}

} // namespace

NumberTexts numberTextsIn(const Json &root, const NumberForms &forms, std::string_view base)
{
    NumberTexts texts;
    for (const auto &[pointer, text] : forms) {
        const Json *node = resolvePointer(root, std::string(base) + pointer);
        if (!node || !node->is_number())
            continue;
        const auto value = numberValueOf(text);
        if (value && *value == *node)
            texts.emplace(node, text);
    }
    return texts;
}

NumberForms numberFormsUnder(const NumberForms &forms, std::string_view prefix)
{
    NumberForms out;
    for (auto it = forms.lower_bound(std::string(prefix)); it != forms.end(); ++it) {
        const std::string &pointer = it->first;
        if (pointer.compare(0, prefix.size(), prefix) != 0)
            break;
        if (pointer.size() > prefix.size() && pointer[prefix.size()] == '/')
            out.emplace(pointer.substr(prefix.size()), it->second);
    }
    return out;
}

NumberForms numberFormsPrefixed(const NumberForms &forms, std::string_view prefix)
{
    NumberForms out;
    for (const auto &[pointer, text] : forms)
        out.emplace(std::string(prefix) + pointer, text);
    return out;
}

std::string numberText(const Json &number, const NumberTexts *texts)
{
    if (texts && !texts->empty())
        if (const auto it = texts->find(&number); it != texts->end())
            return it->second;
    return number.dump();
}

} // namespace egress::asl
