#pragma once

#include <set>
#include <string>
#include <string_view>

namespace egress::cfn {

/**
 * A CloudFormation logical id (also used for parameter and condition names) made from free text:
 * words become CamelCase, anything but ASCII letters and digits is dropped ("Prepare order" →
 * "PrepareOrder"). Text with no usable character gives `fallback`; a leading digit is prefixed.
 */
std::string logicalIdFrom(std::string_view text, std::string_view fallback = "Step");

/**
 * The names of one template. Parameters, resources, conditions and outputs share CloudFormation's
 * one namespace of logical ids, so every name is claimed here and a taken name gets a number.
 */
class NameRegistry
{
public:
    /** Claims `base` (made a valid id), or base2, base3 ... when taken. */
    std::string claim(std::string_view base);
    bool taken(const std::string &name) const { return m_names.count(name) > 0; }

private:
    std::set<std::string> m_names;
};

} // namespace egress::cfn
