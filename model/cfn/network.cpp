#include "cfn/network.h"

#include "cfn/intrinsics.h"

#include <algorithm>

namespace egress::cfn {

namespace {

constexpr int kMaxAvailabilityZones = 6;

Json tagName(const std::string &suffix)
{
    return Json::array({{{"Key", "Name"}, {"Value", sub("${AWS::StackName}-" + suffix)}}});
}

class NetworkBuilder
{
public:
    NetworkBuilder(TemplateDoc &doc, const NetworkNeeds &needs)
        : m_doc(doc), m_needs(needs), m_azs(std::clamp(needs.availabilityZones, 1, kMaxAvailabilityZones))
    {
    }

    NetworkRefs build()
    {
        if (m_needs.createVpc)
            createVpc();
        else
            useExistingVpc();
        if (m_needs.nat)
            addNat();
        if (m_needs.gatewayEndpoints)
            addGatewayEndpoints();
        if (!m_needs.interfaceServices.empty())
            addInterfaceEndpoints();
        return std::move(m_refs);
    }

private:
    void useExistingVpc()
    {
        m_vpcId = refOf(
            m_doc.addParameter("VpcId", {{"Type", "AWS::EC2::VPC::Id"},
                                         {"Description", "The existing VPC the in-VPC functions run in"}}));
        m_refs.subnetIds = refOf(m_doc.addParameter(
            "PrivateSubnetIds",
            {{"Type", "List<AWS::EC2::Subnet::Id>"},
             {"Description", "Private subnets of that VPC, one per availability zone (" +
                                 std::to_string(m_azs) + " in the design), in AZ order"}}));
        m_refs.securityGroupIds = refOf(m_doc.addParameter(
            "SecurityGroupIds", {{"Type", "List<AWS::EC2::SecurityGroup::Id>"},
                                 {"Description", "Security groups for the in-VPC functions (and the "
                                                 "interface endpoints: allow HTTPS between them)"}}));
        if (m_needs.nat || m_needs.gatewayEndpoints) {
            const std::string name = m_doc.addParameter(
                "PrivateRouteTableIds",
                {{"Type", "CommaDelimitedList"},
                 {"Description",
                  "Route tables of the private subnets, one per AZ in the same order" +
                      std::string(m_needs.nat ? " (each gets a default route to its AZ's NAT gateway: they "
                                                "must not have one yet)"
                                              : "") +
                      std::string(m_needs.gatewayEndpoints
                                      ? " (the S3 and DynamoDB gateway endpoints are added to them)"
                                      : "")}});
            for (int i = 0; i < m_azs; ++i)
                m_privateRouteTables.push_back(select(i, refOf(name)));
        }
        if (m_needs.nat) {
            const std::string name = m_doc.addParameter(
                "PublicSubnetIds", {{"Type", "List<AWS::EC2::Subnet::Id>"},
                                    {"Description", "Public subnets (routed to an internet gateway) for the "
                                                    "NAT gateways, one per AZ in the same order"}});
            for (int i = 0; i < m_azs; ++i)
                m_publicSubnets.push_back(select(i, refOf(name)));
        }
    }

    void createVpc()
    {
        const std::string cidrParam = m_doc.addParameter(
            "VpcCidr", {{"Type", "String"},
                        {"Default", "10.0.0.0/16"},
                        {"AllowedPattern", R"(^(\d{1,3}\.){3}\d{1,3}/16$)"},
                        {"Description", "Address range of the new VPC; each subnet gets 1/" +
                                            std::to_string(2 * m_azs) + " of it"}});
        const std::string vpc = m_doc.addResource("Vpc", "AWS::EC2::VPC",
                                                  {{"CidrBlock", refOf(cidrParam)},
                                                   {"EnableDnsSupport", true},
                                                   {"EnableDnsHostnames", true},
                                                   {"Tags", tagName("vpc")}});
        m_vpcId = refOf(vpc);
        // /16 split into 2 × AZ blocks of /20 (or smaller), private ones first, public ones after.
        const Json blocks = cidr(getAtt(vpc, "CidrBlock"), 2 * m_azs, 12);
        Json subnets = Json::array();
        for (int i = 0; i < m_azs; ++i) {
            const std::string n = std::to_string(i + 1);
            const std::string subnet = m_doc.addResource("PrivateSubnet" + n, "AWS::EC2::Subnet",
                                                         {{"VpcId", refOf(vpc)},
                                                          {"CidrBlock", select(i, blocks)},
                                                          {"AvailabilityZone", select(i, getAZs())},
                                                          {"Tags", tagName("private-" + n)}});
            const std::string table =
                m_doc.addResource("PrivateRouteTable" + n, "AWS::EC2::RouteTable",
                                  {{"VpcId", refOf(vpc)}, {"Tags", tagName("private-" + n)}});
            m_doc.addResource("PrivateSubnet" + n + "RouteTableAssociation",
                              "AWS::EC2::SubnetRouteTableAssociation",
                              {{"SubnetId", refOf(subnet)}, {"RouteTableId", refOf(table)}});
            subnets.push_back(refOf(subnet));
            m_privateRouteTables.push_back(refOf(table));
            m_privateSubnets.push_back(refOf(subnet));
        }
        m_refs.subnetIds = subnets;
        const std::string group = m_doc.addResource(
            "FunctionSecurityGroup", "AWS::EC2::SecurityGroup",
            {{"GroupDescription", "In-VPC functions: no inbound traffic, all outbound"},
             {"VpcId", refOf(vpc)},
             {"SecurityGroupEgress",
              Json::array(
                  {{{"IpProtocol", "-1"}, {"CidrIp", "0.0.0.0/0"}, {"Description", "All outbound"}}})},
             {"Tags", tagName("functions")}});
        m_functionGroup = group;
        m_refs.securityGroupIds = Json::array({getAtt(group, "GroupId")});
        if (m_needs.nat) {
            const std::string igw =
                m_doc.addResource("InternetGateway", "AWS::EC2::InternetGateway", {{"Tags", tagName("igw")}});
            m_gatewayAttachment =
                m_doc.addResource("InternetGatewayAttachment", "AWS::EC2::VPCGatewayAttachment",
                                  {{"VpcId", refOf(vpc)}, {"InternetGatewayId", refOf(igw)}});
            const std::string table = m_doc.addResource("PublicRouteTable", "AWS::EC2::RouteTable",
                                                        {{"VpcId", refOf(vpc)}, {"Tags", tagName("public")}});
            const std::string route = m_doc.addResource("PublicDefaultRoute", "AWS::EC2::Route",
                                                        {{"RouteTableId", refOf(table)},
                                                         {"DestinationCidrBlock", "0.0.0.0/0"},
                                                         {"GatewayId", refOf(igw)}});
            m_doc.resource(route)["DependsOn"] = m_gatewayAttachment;
            for (int i = 0; i < m_azs; ++i) {
                const std::string n = std::to_string(i + 1);
                const std::string subnet = m_doc.addResource("PublicSubnet" + n, "AWS::EC2::Subnet",
                                                             {{"VpcId", refOf(vpc)},
                                                              {"CidrBlock", select(m_azs + i, blocks)},
                                                              {"AvailabilityZone", select(i, getAZs())},
                                                              {"MapPublicIpOnLaunch", false},
                                                              {"Tags", tagName("public-" + n)}});
                m_doc.addResource("PublicSubnet" + n + "RouteTableAssociation",
                                  "AWS::EC2::SubnetRouteTableAssociation",
                                  {{"SubnetId", refOf(subnet)}, {"RouteTableId", refOf(table)}});
                m_publicSubnets.push_back(refOf(subnet));
            }
        }
    }

    void addNat()
    {
        for (int i = 0; i < m_azs; ++i) {
            const std::string n = std::to_string(i + 1);
            const std::string eip = m_doc.addResource("NatEip" + n, "AWS::EC2::EIP",
                                                      {{"Domain", "vpc"}, {"Tags", tagName("nat-" + n)}});
            if (!m_gatewayAttachment.empty())
                m_doc.resource(eip)["DependsOn"] = m_gatewayAttachment;
            const std::string nat =
                m_doc.addResource("NatGateway" + n, "AWS::EC2::NatGateway",
                                  {{"AllocationId", getAtt(eip, "AllocationId")},
                                   {"SubnetId", m_publicSubnets[static_cast<std::size_t>(i)]},
                                   {"Tags", tagName("nat-" + n)}});
            m_doc.addResource("PrivateDefaultRoute" + n, "AWS::EC2::Route",
                              {{"RouteTableId", m_privateRouteTables[static_cast<std::size_t>(i)]},
                               {"DestinationCidrBlock", "0.0.0.0/0"},
                               {"NatGatewayId", refOf(nat)}});
            m_refs.natGateways.push_back(nat);
        }
    }

    void addGatewayEndpoints()
    {
        for (const auto &[base, service] :
             {std::pair{"S3GatewayEndpoint", "s3"}, std::pair{"DynamoDbGatewayEndpoint", "dynamodb"}}) {
            m_refs.endpoints.push_back(m_doc.addResource(
                base, "AWS::EC2::VPCEndpoint",
                {{"VpcEndpointType", "Gateway"},
                 {"VpcId", m_vpcId},
                 {"ServiceName", sub(std::string("com.amazonaws.${AWS::Region}.") + service)},
                 {"RouteTableIds", m_privateRouteTables}}));
        }
    }

    void addInterfaceEndpoints()
    {
        Json groups = m_refs.securityGroupIds;
        if (m_needs.createVpc) {
            const std::string group = m_doc.addResource(
                "EndpointSecurityGroup", "AWS::EC2::SecurityGroup",
                {{"GroupDescription", "Interface endpoints: HTTPS from the in-VPC functions"},
                 {"VpcId", m_vpcId},
                 {"SecurityGroupIngress",
                  Json::array({{{"IpProtocol", "tcp"},
                                {"FromPort", 443},
                                {"ToPort", 443},
                                {"SourceSecurityGroupId", getAtt(m_functionGroup, "GroupId")},
                                {"Description", "HTTPS from the functions"}}})},
                 {"Tags", tagName("endpoints")}});
            groups = Json::array({getAtt(group, "GroupId")});
        }
        for (const auto &service : m_needs.interfaceServices) {
            Json serviceName;
            std::string base;
            if (service.empty()) {
                const std::string param = m_doc.addParameter(
                    "InterfaceEndpointService",
                    {{"Type", "String"},
                     {"AllowedPattern", "^[a-z0-9.-]+$"},
                     {"Description", "The AWS service the steps with aws-interface-endpoint egress call "
                                     "(e.g. sqs, secretsmanager)"}});
                serviceName = sub("com.amazonaws.${AWS::Region}.${" + param + "}");
                base = "InterfaceEndpoint";
            } else {
                serviceName = sub("com.amazonaws.${AWS::Region}." + service);
                base = logicalIdFrom(service) + "InterfaceEndpoint";
            }
            m_refs.endpoints.push_back(m_doc.addResource(base, "AWS::EC2::VPCEndpoint",
                                                         {{"VpcEndpointType", "Interface"},
                                                          {"VpcId", m_vpcId},
                                                          {"ServiceName", serviceName},
                                                          {"PrivateDnsEnabled", true},
                                                          {"SubnetIds", m_refs.subnetIds},
                                                          {"SecurityGroupIds", groups}}));
        }
    }

    TemplateDoc &m_doc;
    const NetworkNeeds &m_needs;
    int m_azs;
    NetworkRefs m_refs;
    Json m_vpcId;
    std::string m_functionGroup;
    std::string m_gatewayAttachment;
    Json m_privateRouteTables = Json::array();
    std::vector<Json> m_privateSubnets;
    std::vector<Json> m_publicSubnets;
};

} // namespace

NetworkRefs addNetwork(TemplateDoc &doc, const NetworkNeeds &needs)
{
    return NetworkBuilder(doc, needs).build();
}

} // namespace egress::cfn
