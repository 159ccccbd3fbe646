#pragma once

#include "asl/json.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace egress::design {

using asl::Json;

enum class Placement { InsideVpc, OutsideVpc };
enum class Egress { None, Internet, AwsGatewayEndpoint, AwsInterfaceEndpoint, VpcPrivate };
enum class Architecture { X86_64, Arm64 };
enum class Trigger { ApiGatewayRest, ApiGatewayHttp, EventBridge, None };
enum class WorkflowType { Standard, Express };

/** Probabilities of a Choice state's rules (by index) and of its Default; uniform when absent. */
struct ChoiceWeights
{
    std::vector<double> rules;
    std::optional<double> defaultWeight;
    Json extra = Json::object(); ///< keys we do not know, kept for newer versions
    bool operator==(const ChoiceWeights &) const = default;
};

/**
 * The design data of one step (keyed by state name in the project). Every field has a documented
 * default (docs/project-format.md), so a missing entry means "defaults".
 */
struct StepDesign
{
    std::optional<std::array<double, 2>> position; ///< top-left on the canvas; none until laid out
    Placement placement = Placement::InsideVpc;
    Egress egress = Egress::None;
    int memoryMb = 128;
    double durationMs = 100;
    Architecture architecture = Architecture::X86_64;
    double requestKb = 0;
    double responseKb = 0;
    double failureRate = 0;
    std::optional<ChoiceWeights> choiceWeights;
    std::optional<double> mapItems; ///< expected items per Map execution; default 10
    std::string function;        ///< logical id of the template's Lambda function behind the step; "" = none
    Json extra = Json::object(); ///< keys we do not know, kept for newer versions

    bool operator==(const StepDesign &) const = default;
};

inline constexpr double kDefaultMapItems = 10;

// The ranges the loader accepts (docs/project-format.md; resources/schemas/egress-project.schema.json).
inline constexpr int kMinMemoryMb = 128;         ///< Lambda's smallest memory size
inline constexpr int kMaxMemoryMb = 10240;       ///< and its largest
inline constexpr double kMaxDurationMs = 900000; ///< Lambda's 15-minute timeout
inline constexpr double kMaxPayloadKb = 1e9;     ///< any payload size; only negative ones are nonsense
inline constexpr int kMaxAvailabilityZones = 6;  ///< the most any region offers
inline constexpr double kMaxExecutionsPerMonth = 1e13;
inline constexpr double kMaxExecutionSeconds = 31'536'000; ///< a Standard execution's one-year limit

struct Vpc
{
    std::string name = "VPC";
    int availabilityZones = 2;
    std::array<double, 4> rect{0, 0, 600, 400}; ///< x, y, width, height on the canvas
    Json extra = Json::object();                ///< keys we do not know, kept for newer versions
    bool operator==(const Vpc &) const = default;
};

struct Usage
{
    double executionsPerMonth = 1'000'000;
    std::string region = "us-east-1";
    Trigger trigger = Trigger::None;
    bool apiSupportsIpv6 = false;
    bool freeTier = true;
    /// The measured average duration of one execution in seconds (CloudWatch ExecutionTime, applied by
    /// `cost --usage`). When set it replaces the steps' sum as the duration Express bills; absent, the
    /// duration is estimated from the steps.
    std::optional<double> executionSeconds;
    Json extra = Json::object();
    bool operator==(const Usage &) const = default;
};

/**
 * Where an imported project came from (docs/project-format.md, docs/templates.md): the template, its
 * state machine and the template's format, so a re-import or `export-cfn --into` finds them again.
 */
struct TemplateSource
{
    std::string templatePath;            ///< relative to the project file's folder, as given
    std::string stateMachine;            ///< the state machine's logical id
    std::string format = "yaml";         ///< "yaml" or "json"
    Json substitutions = Json::object(); ///< placeholder → the template value it stood for
    Json extra = Json::object();         ///< keys we do not know, kept for newer versions
    bool operator==(const TemplateSource &) const = default;
};

/** An Egress Studio project: the ASL definition verbatim plus our design data. */
struct Project
{
    std::string name = "Untitled";
    WorkflowType workflowType = WorkflowType::Standard;
    Json definition = Json::object();
    /** How numbers of the definition were written where nlohmann::json would write them otherwise (1.50,
     * 1e2, huge integers): kept from import through the project file to every export (asl::NumberForms). */
    asl::NumberForms definitionNumberForms;
    Vpc vpc;
    std::map<std::string, StepDesign> steps; ///< sorted by name: stable, diff-friendly order on disk
    Usage usage;
    std::string priceTable;               ///< name of the price table; empty = the bundled one for the region
    Json priceOverrides = Json::object(); ///< price id → number, applied over the table
    std::optional<TemplateSource> source; ///< set when imported from a SAM / CloudFormation template
    std::vector<std::string> importNotes; ///< what the import could not resolve, for the user to check
    Json extra = Json::object();          ///< unknown top-level keys, kept

    /** The design data of a step, defaults when it has none. */
    StepDesign step(const std::string &name) const;
    bool operator==(const Project &) const = default;
};

const char *toString(Placement value);
const char *toString(Egress value);
const char *toString(Architecture value);
const char *toString(Trigger value);
const char *toString(WorkflowType value);

std::optional<Placement> placementFromString(const std::string &s);
std::optional<Egress> egressFromString(const std::string &s);
std::optional<Architecture> architectureFromString(const std::string &s);
std::optional<Trigger> triggerFromString(const std::string &s);
std::optional<WorkflowType> workflowTypeFromString(const std::string &s);

} // namespace egress::design
